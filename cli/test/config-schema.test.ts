// The config vocabulary: every name it accepts is something the layers below can build, and the
// defaults are the ones the issue and the notebook fix (rng "key", full batch, sgd at 0.1, MSE).

import { describe, expect, test } from 'vitest'
import { network } from 'gradfold'
import {
  datasetNames,
  defaultLearningRates,
  defaults,
  initNames,
  optimizerNames,
} from '../src/config-schema.js'
import { decodeConfig } from '../src/config.js'
import { initializers } from '../src/experiment.js'
import { right } from '../../test/support/either.js'

describe('names', () => {
  test('every optimizer has a positive default learning rate', () => {
    for (const name of optimizerNames) expect(defaultLearningRates[name]).toBeGreaterThan(0)
  })

  test('every init name has an initialiser, and the defaults name real activations and losses', () => {
    for (const name of initNames) expect(initializers[name]).toBeDefined()
    expect(network.activationNames).toContain(defaults.hidden)
    expect(network.activationNames).toContain(defaults.output)
    expect(network.lossNames).toContain(defaults.loss)
  })

  test('every dataset name decodes with its defaults alone', () => {
    for (const name of datasetNames) {
      // blobs has three classes by default, so one output per class
      const outputs = name === 'blobs' ? defaults.centers : 1
      const config = right(decodeConfig({ data: { name }, model: { layers: [2, outputs] } }))
      expect(config.data).toMatchObject({ name, samples: defaults.samples })
    }
  })
})

describe('defaults', () => {
  test('a minimal config is gradfold keys, full batch, sgd at 0.1 on MSE, no split', () => {
    const config = right(decodeConfig({ data: { name: 'moons' }, model: { layers: [2, 4, 1] } }))
    expect(config).toMatchObject({
      seed: 42,
      rng: 'key',
      split: null,
      loss: 'mse',
      epochs: 1000,
      batchSize: null,
      optimizer: { name: 'sgd', learningRate: 0.1 },
      model: { hidden: 'relu', output: 'sigmoid', init: 'he-normal' },
    })
  })
})
