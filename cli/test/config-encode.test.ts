// Encoding a run configuration: every default is written out as plain JSON, and decoding the
// encoding gives the configuration back over arbitrary valid configs (encode is a fixpoint).

import { test as propertyTest } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { encodeConfig } from '../src/config-encode.js'
import { decodeConfig, parseConfig } from '../src/config.js'
import { right } from '../../test/support/either.js'
import { runConfig } from './support/config-arbitraries.js'

describe('encodeConfig', () => {
  test('writes every default out, fresh lists included', () => {
    const config = right(decodeConfig({ data: { name: 'xor' }, model: { layers: [2, 4, 1] } }))
    const json = encodeConfig(config) as Record<string, unknown>
    expect(Object.keys(json)).toStrictEqual([
      'seed',
      'rng',
      'data',
      'standardize',
      'split',
      'model',
      'loss',
      'l2',
      'optimizer',
      'schedule',
      'clipNorm',
      'epochs',
      'batchSize',
      'workers',
      'checkpointEvery',
      'earlyStopping',
    ])
    expect([json.split, json.batchSize, json.clipNorm]).toStrictEqual([null, null, null])
    const model = json.model as { layers: number[] }
    expect(model.layers).toStrictEqual([2, 4, 1])
    expect(model.layers).not.toBe(config.model.layers)
  })

  test('writes a file source whole: a CSV’s features and target, an idx test pair, its own lists', () => {
    const csv = right(
      decodeConfig({
        data: { name: 'csv', path: 'iris.csv', label: 'species', features: ['a', 'b'] },
        model: { layers: [2, 3] },
      }),
    )
    const csvJson = encodeConfig(csv) as { data: { features: string[] }; standardize: boolean }
    expect(csvJson.data).toStrictEqual({
      name: 'csv',
      path: 'iris.csv',
      label: 'species',
      features: ['a', 'b'],
      target: 'classes',
    })
    expect(csvJson.data.features).not.toBe(csv.data.name === 'csv' ? csv.data.features : null)
    expect(csvJson.standardize).toBe(false)
    const idx = right(
      decodeConfig({
        data: { name: 'idx', images: 'i.gz', labels: 'l.gz' },
        model: { layers: [784, 10] },
      }),
    )
    expect((encodeConfig(idx) as { data: unknown }).data).toStrictEqual({
      name: 'idx',
      images: 'i.gz',
      labels: 'l.gz',
      test: null,
    })
    const fashion = right(
      decodeConfig({ data: { name: 'fashion-mnist' }, model: { layers: [784, 10] } }),
    )
    expect((encodeConfig(fashion) as { data: unknown }).data).toStrictEqual({
      name: 'fashion-mnist',
      directory: '/usr/share/datasets/fashion-mnist',
    })
  })
})

describe('laws', () => {
  propertyTest.prop([runConfig])('decode(encode(c)) = c and encode is a fixpoint', (config) => {
    const decoded = right(decodeConfig(encodeConfig(config)))
    expect(decoded).toStrictEqual(config)
    expect(encodeConfig(decoded)).toStrictEqual(encodeConfig(config))
    const throughText = right(parseConfig(JSON.stringify(encodeConfig(config))))
    expect(throughText).toStrictEqual(config)
  })
})
