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
