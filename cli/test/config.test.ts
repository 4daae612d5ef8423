// The run configuration: the documented example decodes to the normalised config written out
// below by hand; each bad value gives exactly its one-line problem; every problem is reported at
// once; encode∘decode is a fixpoint over arbitrary valid configs; arbitrary JSON never throws.

import { fc, test as propertyTest } from '@fast-check/vitest'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, test } from 'vitest'
import {
  decodeConfig,
  encodeConfig,
  parseConfig,
  type DataConfig,
  type OptimizerConfig,
  type RunConfig,
  type ScheduleConfig,
} from '../src/config.js'
import { network } from 'gradfold'
import { left, right } from '../../test/support/either.js'
import { readFixture } from '../../test/support/fixtures.js'

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
    'data.name: expected one of moons, circles, blobs, xor, spirals, got "mooons"',
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
    }
    expect(right(decodeConfig(example))).toStrictEqual(expected)
  })

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
      '["odd\\nkey"]: unknown key (expected one of data, model, seed, rng, split, loss, l2, optimizer, schedule, clipNorm, epochs, batchSize, workers)',
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

// ---------------------------------------------------------------------------------------------
// Arbitrary valid configurations

const seed = fc.integer({ min: 0, max: 2 ** 32 - 1 })
const nonNegative = fc.double({ min: 0, max: 10, noNaN: true }).map((x) => x + 0)
const inUnit = fc.double({ min: 0.01, max: 0.99, noNaN: true })
const samples = fc.integer({ min: 10, max: 2000 })

const dataConfig: fc.Arbitrary<DataConfig> = fc.oneof(
  fc.record({
    name: fc.constant('moons' as const),
    samples,
    noise: nonNegative,
    shuffle: fc.boolean(),
    seed,
  }),
  fc.record({
    name: fc.constant('circles' as const),
    samples,
    noise: nonNegative,
    factor: inUnit,
    shuffle: fc.boolean(),
    seed,
  }),
  fc.integer({ min: 1, max: 4 }).chain((features) =>
    fc.record({
      name: fc.constant('blobs' as const),
      samples,
      centers: fc.oneof(
        fc.integer({ min: 1, max: 5 }),
        fc.array(
          fc.array(fc.double({ min: -5, max: 5, noNaN: true }), {
            minLength: features,
            maxLength: features,
          }),
          { minLength: 1, maxLength: 4 },
        ),
      ),
      features: fc.constant(features),
      clusterStd: nonNegative,
      centerBox: fc.constant([-10, 10] as const),
      shuffle: fc.boolean(),
      seed,
    }),
  ),
  fc.record({ name: fc.constant('xor' as const), samples, noise: nonNegative, seed }),
  fc.record({
    name: fc.constant('spirals' as const),
    samples,
    noise: nonNegative,
    turns: fc.double({ min: 0.1, max: 5, noNaN: true }),
    shuffle: fc.boolean(),
    seed,
  }),
)

const learningRate = fc.double({ min: 1e-4, max: 1, noNaN: true })
const beta = fc.double({ min: 0, max: 0.999, noNaN: true }).map((x) => x + 0)

const optimizerConfig: fc.Arbitrary<OptimizerConfig> = fc.oneof(
  fc.record({ name: fc.constant('sgd' as const), learningRate }),
  fc.record({
    name: fc.constantFrom('momentum' as const, 'nesterov' as const),
    learningRate,
    beta,
  }),
  fc.record({ name: fc.constant('adagrad' as const), learningRate, epsilon: nonNegative }),
  fc.record({
    name: fc.constant('rmsprop' as const),
    learningRate,
    decay: beta,
    epsilon: nonNegative,
  }),
  fc.record({
    name: fc.constant('adam' as const),
    learningRate,
    beta1: beta,
    beta2: beta,
    epsilon: nonNegative,
  }),
  fc.record({
    name: fc.constant('adamw' as const),
    learningRate,
    beta1: beta,
    beta2: beta,
    epsilon: nonNegative,
    weightDecay: nonNegative,
  }),
)

const scheduleFor = (rate: number): fc.Arbitrary<ScheduleConfig> =>
  fc.oneof(
    fc.constant({ name: 'constant' as const }),
    fc.record({
      name: fc.constant('step' as const),
      every: fc.integer({ min: 1, max: 100 }),
      factor: fc.double({ min: 0, max: 1, noNaN: true }).map((x) => x + 0),
    }),
    fc.record({
      name: fc.constant('exponential' as const),
      decay: fc.double({ min: 0.01, max: 1, noNaN: true }),
      every: fc.integer({ min: 1, max: 100 }),
    }),
    fc.record({
      name: fc.constant('cosine' as const),
      steps: fc.integer({ min: 1, max: 10000 }),
      minimum: fc.double({ min: 0, max: rate, noNaN: true }).map((x) => x + 0),
    }),
  )

const outputsFor = (loss: network.LossName): readonly network.ActivationName[] =>
  loss === 'binaryCrossEntropyWithLogits'
    ? ['sigmoid', 'linear']
    : loss === 'softmaxCrossEntropy'
      ? ['softmax', 'linear']
      : network.activationNames

const runConfig: fc.Arbitrary<RunConfig> = fc
  .record({
    data: dataConfig,
    loss: fc.constantFrom(...network.lossNames),
    optimizer: optimizerConfig,
    hiddenWidths: fc.array(fc.integer({ min: 1, max: 32 }), { maxLength: 3 }),
  })
  .chain(({ data, loss, optimizer, hiddenWidths }) => {
    const features = data.name === 'blobs' ? data.features : 2
    const classes =
      data.name === 'blobs'
        ? typeof data.centers === 'number'
          ? data.centers
          : data.centers.length
        : 2
    const outputs = loss === 'softmaxCrossEntropy' || classes > 2 ? classes : 1
    return fc.record({
      seed,
      rng: fc.constantFrom('numpy' as const, 'key' as const),
      data: fc.constant(data),
      split: fc.option(
        fc
          .record({ testSize: fc.double({ min: 0.1, max: 0.5, noNaN: true }), seed })
          // scikit-learn's rule, which can round one example too many into the two sides.
          .filter(
            ({ testSize }) =>
              Math.ceil(testSize * data.samples) + Math.floor((1 - testSize) * data.samples) <=
              data.samples,
          ),
        { nil: null },
      ),
      model: fc.record({
        layers: fc.constant([features, ...hiddenWidths, outputs]),
        hidden: fc.constantFrom(...network.activationNames),
        output: fc.constantFrom(...outputsFor(loss)),
        init: fc.constantFrom(
          'he-normal' as const,
          'glorot-normal' as const,
          'glorot-uniform' as const,
          'lecun-normal' as const,
        ),
        dropout: fc.array(beta, { minLength: hiddenWidths.length, maxLength: hiddenWidths.length }),
      }),
      loss: fc.constant(loss),
      l2: nonNegative,
      optimizer: fc.constant(optimizer),
      schedule: scheduleFor(optimizer.learningRate),
      clipNorm: fc.option(fc.double({ min: 0.01, max: 100, noNaN: true }), { nil: null }),
      epochs: fc.integer({ min: 0, max: 5000 }),
      batchSize: fc.option(fc.integer({ min: 1, max: 500 }), { nil: null }),
      workers: fc.integer({ min: 1, max: 4 }),
    })
  })
  // fast-check builds records without a prototype; decoded configs are plain objects.
  .map((config) => JSON.parse(JSON.stringify(config)) as RunConfig)

describe('laws', () => {
  propertyTest.prop([runConfig])('decode(encode(c)) = c and encode is a fixpoint', (config) => {
    const decoded = right(decodeConfig(encodeConfig(config)))
    expect(decoded).toStrictEqual(config)
    expect(encodeConfig(decoded)).toStrictEqual(encodeConfig(config))
    const throughText = right(parseConfig(JSON.stringify(encodeConfig(config))))
    expect(throughText).toStrictEqual(config)
  })

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
