// Normalisation: a minimal config takes the documented defaults, a cosine schedule lasts every
// update of the run, and the counts of training examples and updates follow the split and batches.

import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, test } from 'vitest'
import { totalUpdates, trainingExamples } from '../src/config-normalise.js'
import { decodeConfig } from '../src/config.js'
import { right } from '../../test/support/either.js'

describe('normalise (through decodeConfig)', () => {
  test('a minimal config takes the documented defaults', () => {
    const config = right(
      decodeConfig({
        data: { name: 'circles' },
        model: { layers: [2, 4, 1] },
        optimizer: { name: 'adamw' },
        schedule: { name: 'cosine' },
        batchSize: 32,
        split: { testSize: 0.25, seed: 7 },
      }),
    )
    expect(config.seed).toBe(42)
    expect(config.rng).toBe('key')
    expect(config.data).toStrictEqual({
      name: 'circles',
      samples: 300,
      noise: 0,
      factor: 0.8,
      shuffle: true,
      seed: 42,
    })
    expect(config.split).toStrictEqual({ testSize: 0.25, seed: 7 })
    expect(config.optimizer).toStrictEqual({
      name: 'adamw',
      learningRate: 0.001,
      beta1: 0.9,
      beta2: 0.999,
      epsilon: 1e-8,
      weightDecay: 0.01,
    })
    // 225 training examples in batches of 32: 8 updates per epoch, 1000 epochs.
    expect(config.schedule).toStrictEqual({ name: 'cosine', steps: 8000, minimum: 0 })
    expect([config.epochs, config.l2, config.clipNorm, config.loss]).toStrictEqual([
      1000,
      0,
      null,
      'mse',
    ])
    expect(config.model.dropout).toStrictEqual([0])
  })
})

describe('counts of the run', () => {
  const moons = { name: 'moons', samples: 300, noise: 0, shuffle: true, seed: 0 } as const

  test('trainingExamples: all of them without a split, the rounded-down rest with one', () => {
    expect(trainingExamples(moons, null)).toBe(300)
    expect(trainingExamples(moons, { testSize: 0.25, seed: 0 })).toBe(225)
    expect(trainingExamples(moons, { testSize: 0.333, seed: 0 })).toBe(200)
  })

  test('totalUpdates: epochs × mini-batches, one batch per epoch without a batch size', () => {
    const run = { data: moons, split: null, epochs: 10 }
    expect(totalUpdates({ ...run, batchSize: null })).toBe(10)
    expect(totalUpdates({ ...run, batchSize: 32 })).toBe(10 * 10)
    expect(totalUpdates({ ...run, batchSize: 300 })).toBe(10)
    expect(totalUpdates({ ...run, epochs: 0, batchSize: 32 })).toBe(0)
  })
})

describe('file sources', () => {
  test('defaults: a CSV’s features all but the label, classes; Debian’s Fashion-MNIST folder', () => {
    const csv = right(
      decodeConfig({ data: { name: 'csv', path: 'w.csv', label: 'y' }, model: { layers: [2, 1] } }),
    )
    expect(csv.data).toStrictEqual({
      name: 'csv',
      path: 'w.csv',
      label: 'y',
      features: null,
      target: 'classes',
    })
    expect(csv.standardize).toBe(false)
    const fashion = right(
      decodeConfig({ data: { name: 'fashion-mnist' }, model: { layers: [784, 10] } }),
    )
    expect(fashion.data).toStrictEqual({
      name: 'fashion-mnist',
      directory: '/usr/share/datasets/fashion-mnist',
    })
  })

  test('sizes: known for digits (1797), unknown for files until read', () => {
    expect(trainingExamples({ name: 'digits' }, { testSize: 0.25, seed: 0 })).toBe(1347)
    const csv = {
      name: 'csv',
      path: 'w.csv',
      label: 'y',
      features: null,
      target: 'classes',
    } as const
    expect(trainingExamples(csv, null)).toBeNull()
    expect(totalUpdates({ data: csv, split: null, epochs: 3, batchSize: 8 })).toBeNull()
  })

  test('a cosine schedule over files needs its steps; given them, it decodes', () => {
    const config = {
      data: { name: 'csv', path: 'w.csv', label: 'y' },
      model: { layers: [2, 1] },
      schedule: { name: 'cosine' },
    }
    expect(decodeConfig(config)).toStrictEqual(
      E.left([
        "schedule.steps: expected a positive integer: a cosine schedule over csv data cannot default to the run's update count, known only once the files are read",
      ]),
    )
    const given = right(decodeConfig({ ...config, schedule: { name: 'cosine', steps: 50 } }))
    expect(given.schedule).toStrictEqual({ name: 'cosine', steps: 50, minimum: 0 })
    // digits' size is known: 1347 training examples in batches of 100 → 14 updates per epoch
    const digits = right(
      decodeConfig({
        data: { name: 'digits' },
        split: { testSize: 0.25 },
        model: { layers: [64, 10] },
        schedule: { name: 'cosine' },
        epochs: 2,
        batchSize: 100,
      }),
    )
    expect(digits.schedule).toStrictEqual({ name: 'cosine', steps: 28, minimum: 0 })
  })
})
