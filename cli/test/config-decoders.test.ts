// The raw decoders read a config as written, before defaults: absent fields stay absent, and
// each bad field is one problem line at its path.

import { describe, expect, test } from 'vitest'
import { configShape } from '../src/config-decoders.js'
import { network } from 'gradfold'
import { left, right } from '../../test/support/either.js'

describe('configShape', () => {
  test('keeps what was written and adds nothing', () => {
    const raw = right(configShape.decode({ data: { name: 'moons' }, model: { layers: [2, 1] } }))
    expect(raw).toStrictEqual({ data: { name: 'moons' }, model: { layers: [2, 1] } })
  })

  test('names each bad field by its path', () => {
    const problems = network.jsonDecoders.problemLines(
      left(
        configShape.decode({
          data: { name: 'moons', samples: 0 },
          model: { layers: [2, 1] },
          optimizer: { name: 'adam', beta1: 1.5 },
          batchSize: 0,
        }),
      ),
    )
    expect(problems).toContain('data.samples: expected a positive integer, got 0')
    expect(problems.some((line) => line.startsWith('optimizer.beta1: expected '))).toBe(true)
    expect(problems.some((line) => line.startsWith('batchSize: expected '))).toBe(true)
  })
})

describe('file sources', () => {
  const problemsOf = (data: unknown): readonly string[] =>
    network.jsonDecoders.problemLines(left(configShape.decode({ data, model: { layers: [2, 1] } })))

  test('csv, idx, digits and fashion-mnist decode as written', () => {
    for (const data of [
      { name: 'csv', path: 'w.csv', label: 'class', features: ['a'], target: 'regression' },
      { name: 'idx', images: 'i.gz', labels: 'l.gz', test: { images: 't.gz', labels: 'u.gz' } },
      { name: 'digits' },
      { name: 'fashion-mnist', directory: '/d' },
    ]) {
      expect(right(configShape.decode({ data, model: { layers: [2, 1] } })).data).toStrictEqual(
        data,
      )
    }
  })

  test('each bad field is one line at its path', () => {
    expect(problemsOf({ name: 'csv', label: 'y' })).toStrictEqual([
      'data.path: expected a file path (a non-empty string), got nothing',
    ])
    expect(
      problemsOf({ name: 'csv', path: 'w.csv', label: 'y', features: ['a', 'y'] }),
    ).toStrictEqual(['data.features[1]: expected a feature column, got the label "y"'])
    expect(
      problemsOf({ name: 'csv', path: 'w.csv', label: 'y', features: ['a', 'b', 'a'] }),
    ).toStrictEqual(['data.features[2]: expected each column once, got "a" again'])
    expect(problemsOf({ name: 'csv', path: 'w.csv', label: 'y', target: 'class' })).toStrictEqual([
      'data.target: expected one of classes, regression, got "class"',
    ])
    expect(
      problemsOf({ name: 'idx', images: '', labels: 'l', test: { images: 't' } }),
    ).toStrictEqual([
      'data.images: expected a file path (a non-empty string), got ""',
      'data.test.labels: expected a file path (a non-empty string), got nothing',
    ])
    expect(problemsOf({ name: 'digits', samples: 10 })).toStrictEqual([
      'data.samples: unknown key (expected one of name)',
    ])
  })
})
