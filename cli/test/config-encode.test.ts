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
