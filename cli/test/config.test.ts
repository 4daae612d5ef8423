// The run configuration: the documented example decodes to the normalised config written out
// below by hand; each bad value gives exactly its one-line problem; every problem is reported at
// once; arbitrary JSON never throws and decoding never mutates its input.

import { fc, test as propertyTest } from '@fast-check/vitest'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, test } from 'vitest'
import { decodeConfig, encodeConfig, parseConfig, type RunConfig } from '../src/config.js'
import { left, right } from '../../test/support/either.js'
import { readFixture } from '../../test/support/fixtures.js'
import { runConfig } from './support/config-arbitraries.js'

/** The config the issue documents, word for word (test/fixtures/config_example.json). */
const example = readFixture('config_example.json') as Readonly<Record<string, unknown>>

/** The example with `change` applied to a deep copy. */
const exampleWith = (change: (config: Record<string, unknown>) => void): unknown => {
  const copy = JSON.parse(JSON.stringify(example)) as Record<string, unknown>
  change(copy)
  return copy
}

const section = (config: Record<string, unknown>, key: string): Record<string, unknown> =>
  config[key] as Record<string, unknown>

/** A change to the example and exactly the problems it must give ('' for none). */
const badValues: readonly (readonly [(config: Record<string, unknown>) => void, ...string[]])[] = [
  [
    (c: Record<string, unknown>) => (section(c, 'optimizer').learningRate = -1),
    'optimizer.learningRate: expected a positive number, got -1',
  ],
  [
    (c: Record<string, unknown>) => (section(c, 'model').layers = [2, 2.5, 8, 1]),
    'model.layers[1]: expected a positive integer, got 2.5',
  ],
  [
    (c: Record<string, unknown>) => (section(c, 'data').name = 'mooons'),
    'data.name: expected one of moons, circles, blobs, xor, spirals, csv, idx, digits, fashion-mnist, got "mooons"',
  ],
  [
    (c: Record<string, unknown>) => (c.epochs = 'ten'),
    'epochs: expected a non-negative integer, got "ten"',
  ],
  [
    (c: Record<string, unknown>) => {
      c.optimiser = c.optimizer
      delete c.optimizer
    },
    'optimiser: unknown key (did you mean optimizer?)',
  ],
  [
    (c: Record<string, unknown>) => (c.batchSize = 0),
    'batchSize: expected a positive integer or null, got 0',
  ],
  [
    (c: Record<string, unknown>) => (c.rng = 'python'),
    'rng: expected one of numpy, key, got "python"',
  ],
  [
    (c: Record<string, unknown>) => (c.seed = 2 ** 32),
    'seed: expected an integer from 0 to 4294967295, got 4294967296',
  ],
  [
    (c: Record<string, unknown>) => (section(c, 'split').testSize = 1),
    'split.testSize: expected a number strictly between 0 and 1, got 1',
  ],
  [
    (c: Record<string, unknown>) => (section(c, 'model').dropout = [0.5]),
    'model.dropout: expected 2 rates (one per hidden layer), got 1',
  ],
  [
    (c: Record<string, unknown>) => (section(c, 'model').layers = [3, 16, 8, 1]),
    'model.layers[0]: expected 2 (the number of features of moons), got 3',
  ],
  [
    (c: Record<string, unknown>) => (section(c, 'model').layers = [2, 16, 8, 2]),
    'model.layers[3]: expected 1 (one output for the 2 classes of moons with loss mse), got 2',
  ],
  [
    (c: Record<string, unknown>) => (c.loss = 'softmax-cross-entropy'),
    'model.layers[3]: expected 2 (softmaxCrossEntropy needs one output per class; moons has 2), got 1',
    'model.output: expected softmax or linear (loss softmaxCrossEntropy reads the logits), got "sigmoid"',
  ],
  [(c: Record<string, unknown>) => (c.loss = 'binaryCrossEntropyWithLogits'), ''],
  [
    (c: Record<string, unknown>) => {
      c.loss = 'binaryCrossEntropyWithLogits'
      section(c, 'model').output = 'relu'
    },
    'model.output: expected sigmoid or linear (loss binaryCrossEntropyWithLogits reads the logits), got "relu"',
  ],
  [
    (c: Record<string, unknown>) => (c.schedule = { name: 'cosine', minimum: 0.5 }),
    'schedule.minimum: expected a number from 0 to the learning rate 0.1, got 0.5',
  ],
  [
    (c: Record<string, unknown>) => (c.schedule = { name: 'step' }),
    'schedule.every: expected a positive integer, got nothing',
  ],
  [
    (c: Record<string, unknown>) => (c.checkpointEvery = 0),
    'checkpointEvery: expected a positive integer or null, got 0',
  ],
  [
    (c: Record<string, unknown>) => (c.earlyStopping = { monitor: 'valLoss', patience: 20 }),
    'earlyStopping.monitor: expected one of loss, trainAccuracy, testLoss, testAccuracy, got "valLoss"',
  ],
  [
    (c: Record<string, unknown>) => (c.earlyStopping = { monitor: 'testLoss' }),
    'earlyStopping.patience: expected a positive integer, got nothing',
  ],
  [
    (c: Record<string, unknown>) =>
      (c.earlyStopping = { monitor: 'loss', patience: 3, minDelta: -0.1 }),
    'earlyStopping.minDelta: expected a non-negative number, got -0.1',
  ],
  [(c: Record<string, unknown>) => (c.earlyStopping = { monitor: 'testLoss', patience: 20 }), ''],
  [
    (c: Record<string, unknown>) => (c.split = { testSize: 0.999 }),
    'split.testSize: expected a fraction that leaves at least one of the 300 samples on each side, got 0.999',
  ],
]

describe('decodeConfig', () => {
  test('the documented example decodes, every default written out', () => {
    const expected: RunConfig = {
      seed: 42,
      rng: 'numpy',
      data: { name: 'moons', samples: 300, noise: 0.2, shuffle: true, seed: 42 },
      standardize: false,
      split: { testSize: 0.2, seed: 42 },
      model: {
        layers: [2, 16, 8, 1],
        hidden: 'relu',
        output: 'sigmoid',
        init: 'he-normal',
        dropout: [0, 0],
      },
      loss: 'mse',
      l2: 0,
      optimizer: { name: 'sgd', learningRate: 0.1 },
      schedule: { name: 'constant' },
      clipNorm: null,
      epochs: 1000,
      batchSize: null,
      workers: 1,
      checkpointEvery: null,
      earlyStopping: null,
    }
    expect(right(decodeConfig(example))).toStrictEqual(expected)
  })

  test('kebab-case losses and activations, camel-case initialisers, one dropout rate for all', () => {
    const config = right(
      decodeConfig({
        data: { name: 'blobs', centers: 3 },
        model: {
          layers: [2, 8, 8, 3],
          hidden: 'leaky-relu',
          output: 'softmax',
          init: 'glorotUniform',
          dropout: 0.5,
        },
        loss: 'softmax-cross-entropy',
      }),
    )
    expect([config.loss, config.model.hidden, config.model.init]).toStrictEqual([
      'softmaxCrossEntropy',
      'leakyRelu',
      'glorot-uniform',
    ])
    expect(config.model.dropout).toStrictEqual([0.5, 0.5])
  })

  badValues.forEach(([change, ...problems], index) => {
    test(`bad value ${index}: ${problems[0] === '' ? 'accepted' : problems.join('; ')}`, () => {
      const decoded = decodeConfig(exampleWith(change))
      if (problems[0] === '') expect(E.isRight(decoded)).toBe(true)
      else expect(left(decoded)).toStrictEqual(problems)
    })
  })

  test('(root) problems', () => {
    expect(left(decodeConfig(null))).toStrictEqual(['(root): expected an object, got null'])
    expect(left(decodeConfig([1]))).toStrictEqual([
      '(root): expected an object, got a list of 1 entry',
    ])
  })

  test('every problem at once, structural and across fields', () => {
    const decoded = decodeConfig(
      exampleWith((c) => {
        section(c, 'optimizer').learningRate = -1
        c.epochs = 'ten'
        section(c, 'model').layers = [3, 16, 8, 1]
        c['odd\nkey'] = 1
      }),
    )
    expect(left(decoded)).toStrictEqual([
      'optimizer.learningRate: expected a positive number, got -1',
      'epochs: expected a non-negative integer, got "ten"',
      '["odd\\nkey"]: unknown key (expected one of data, model, seed, rng, standardize, split, loss, l2, optimizer, schedule, clipNorm, epochs, batchSize, workers, checkpointEvery, earlyStopping)',
      'model.layers[0]: expected 2 (the number of features of moons), got 3',
    ])
  })

  test('blobs: given centres fix the features; the model must match them', () => {
    const blobs = {
      name: 'blobs',
      centers: [
        [0, 0, 0],
        [1, 1, 1],
      ],
    }
    const config = right(decodeConfig({ data: blobs, model: { layers: [3, 4, 1] } }))
    expect(config.data).toMatchObject({
      features: 3,
      centers: [
        [0, 0, 0],
        [1, 1, 1],
      ],
    })
    expect(
      left(decodeConfig({ data: { ...blobs, features: 2 }, model: { layers: [3, 4, 1] } })),
    ).toStrictEqual(['data.features: expected 3 (the length of each centre), got 2'])
    expect(
      left(
        decodeConfig({
          data: { name: 'blobs', centers: [[0, 0], [1]] },
          model: { layers: [2, 1] },
        }),
      ),
    ).toStrictEqual(['data.centers[1]: expected 2 coordinates (as many as centre 0), got 1'])
  })
})

describe('parseConfig', () => {
  test('text that is not JSON is one problem', () => {
    const problems = left(parseConfig('{ "seed": 42, '))
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatch(/^config: not valid JSON \(.+\)$/)
  })

  test('JSON text decodes as decodeConfig does', () => {
    expect(parseConfig(JSON.stringify(example))).toStrictEqual(decodeConfig(example))
  })
})

describe('laws', () => {
  propertyTest.prop([fc.jsonValue()])(
    'arbitrary JSON never throws; every problem is one line',
    (json) => {
      const decoded = decodeConfig(json)
      expect(E.isLeft(decoded)).toBe(true)
      for (const line of left(decoded)) expect(line).toMatch(/^[^\n]+: [^\n]+$/)
    },
  )

  propertyTest.prop([
    fc.dictionary(
      fc.constantFrom(
        'seed',
        'rng',
        'data',
        'split',
        'model',
        'loss',
        'optimizer',
        'epochs',
        'batchSize',
        'l2',
        'schedule',
        'clipNorm',
      ),
      fc.jsonValue(),
    ),
  ])('arbitrary values at the known keys never throw; problems are lines', (changes) => {
    const decoded = decodeConfig({ ...example, ...changes })
    if (E.isLeft(decoded)) {
      for (const line of decoded.left) expect(line).toMatch(/^[^\n]+: [^\n]+$/)
    }
  })

  propertyTest.prop([runConfig])('decoding does not mutate its input', (config) => {
    const json = encodeConfig(config)
    const before = JSON.stringify(json)
    decodeConfig(json)
    expect(JSON.stringify(json)).toBe(before)
  })
})
