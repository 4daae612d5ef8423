// Arbitrary valid training configurations, normalised as decodeConfig returns them: every dataset
// (generated or read from files), optimizer and schedule, with layer widths that fit the data and
// the loss (any widths for files, whose sizes decoding cannot know) — for the config laws.

import { fc } from '@fast-check/vitest'
import { network } from 'gradfold'
import {
  digitsExamples,
  hasOwnTestSet,
  type DataConfig,
  type FileData,
  type GeneratedData,
  type OptimizerConfig,
  type RunConfig,
  type ScheduleConfig,
} from '../../src/config-schema.js'

const seed = fc.integer({ min: 0, max: 2 ** 32 - 1 })
const nonNegative = fc.double({ min: 0, max: 10, noNaN: true }).map((x) => x + 0)
const inUnit = fc.double({ min: 0.01, max: 0.99, noNaN: true })
const samples = fc.integer({ min: 10, max: 2000 })

const generatedConfig: fc.Arbitrary<GeneratedData> = fc.oneof(
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

const text = fc.string({ minLength: 1, maxLength: 12 })
const idxFiles = fc.record({ images: text, labels: text })

/** A file source; a CSV's listed features never name its label, nor a column twice. */
const fileConfig: fc.Arbitrary<FileData> = fc.oneof(
  fc
    .record({
      name: fc.constant('csv' as const),
      path: text,
      label: text,
      features: fc.option(fc.uniqueArray(text, { minLength: 1, maxLength: 5 }), { nil: null }),
      target: fc.constantFrom('classes' as const, 'regression' as const),
    })
    .filter(({ label, features }) => !features?.includes(label)),
  fc.record({
    name: fc.constant('idx' as const),
    images: text,
    labels: text,
    test: fc.option(idxFiles, { nil: null }),
  }),
  fc.constant({ name: 'digits' as const }),
  fc.record({ name: fc.constant('fashion-mnist' as const), directory: text }),
)

/** Examples, features and classes the config alone tells; null where only the files do. */
const sizesOf = (
  data: DataConfig,
): { readonly samples: number | null; readonly features: number; readonly classes: number } => {
  switch (data.name) {
    case 'csv':
    case 'idx':
    case 'fashion-mnist':
      return { samples: null, features: 5, classes: 4 }
    case 'digits':
      return { samples: digitsExamples, features: 64, classes: 10 }
    case 'blobs':
      return {
        samples: data.samples,
        features: data.features,
        classes: typeof data.centers === 'number' ? data.centers : data.centers.length,
      }
    default:
      return { samples: data.samples, features: 2, classes: 2 }
  }
}

const dataConfig: fc.Arbitrary<DataConfig> = fc.oneof(
  { arbitrary: generatedConfig, weight: 3 },
  { arbitrary: fileConfig, weight: 1 },
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

/** A valid RunConfig with every default written out. */
export const runConfig: fc.Arbitrary<RunConfig> = fc
  .record({
    data: dataConfig,
    loss: fc.constantFrom(...network.lossNames),
    optimizer: optimizerConfig,
    hiddenWidths: fc.array(fc.integer({ min: 1, max: 32 }), { maxLength: 3 }),
  })
  .chain(({ data, loss, optimizer, hiddenWidths }) => {
    const { samples: count, features, classes } = sizesOf(data)
    const outputs = loss === 'softmaxCrossEntropy' || classes > 2 ? classes : 1
    return fc.record({
      seed,
      rng: fc.constantFrom('numpy' as const, 'key' as const),
      data: fc.constant(data),
      standardize: fc.boolean(),
      split: hasOwnTestSet(data)
        ? fc.constant(null)
        : fc.option(
            fc
              .record({ testSize: fc.double({ min: 0.1, max: 0.5, noNaN: true }), seed })
              // scikit-learn's rule, which can round one example too many into the two sides.
              .filter(
                ({ testSize }) =>
                  count === null ||
                  Math.ceil(testSize * count) + Math.floor((1 - testSize) * count) <= count,
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
      checkpointEvery: fc.option(fc.integer({ min: 1, max: 1000 }), { nil: null }),
      earlyStopping: fc.option(
        fc.record({
          monitor: fc.constantFrom('loss', 'trainAccuracy', 'testLoss', 'testAccuracy'),
          patience: fc.integer({ min: 1, max: 500 }),
          minDelta: nonNegative,
        }),
        { nil: null },
      ),
    })
  })
  // fast-check builds records without a prototype; decoded configs are plain objects.
  .map((config) => JSON.parse(JSON.stringify(config)) as RunConfig)
