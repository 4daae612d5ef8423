// Normalisation of a decoded training config: every default made explicit (samples, noise, the
// optimizer's hyperparameters, a cosine schedule's length from the run's updates), so a RunConfig
// never leaves a field to be guessed. Law: normalising is pure — no input is changed — and refuses
// only a default it cannot know (a cosine length for data whose size comes from files).

import * as E from 'fp-ts/lib/Either.js'
import {
  digitsExamples,
  defaultLearningRates,
  defaults,
  fashionMnistDirectory,
  type DataConfig,
  type ModelConfig,
  type OptimizerConfig,
  type RunConfig,
  type ScheduleConfig,
  type SplitConfig,
} from './config-schema.js'
import type {
  modelShape,
  RawConfig,
  RawData,
  RawOptimizers,
  RawSchedules,
} from './config-decoders.js'
import type { network } from 'gradfold'

type DecodedBy<D> = network.jsonDecoders.DecodedBy<D>

/** A dataset section with its defaults written out; its seed defaults to the run's. */
export const normaliseData = (raw: RawData[keyof RawData], seed: number): DataConfig => {
  switch (raw.name) {
    case 'csv':
      return {
        name: 'csv',
        path: raw.path,
        label: raw.label,
        features: raw.features ?? null,
        target: raw.target ?? defaults.target,
      }
    case 'idx':
      return {
        name: 'idx',
        images: raw.images,
        labels: raw.labels,
        test: raw.test === undefined || raw.test === null ? null : { ...raw.test },
      }
    case 'digits':
      return { name: 'digits' }
    case 'fashion-mnist':
      return { name: 'fashion-mnist', directory: raw.directory ?? fashionMnistDirectory }
    default:
      return normaliseGenerated(raw, seed)
  }
}

type RawGenerated = RawData['moons' | 'circles' | 'blobs' | 'xor' | 'spirals']

const normaliseGenerated = (raw: RawGenerated, seed: number): DataConfig => {
  const samples = raw.samples ?? defaults.samples
  const dataSeed = raw.seed ?? seed
  switch (raw.name) {
    case 'moons':
      return {
        name: 'moons',
        samples,
        noise: raw.noise ?? defaults.noise,
        shuffle: raw.shuffle ?? defaults.shuffle,
        seed: dataSeed,
      }
    case 'circles':
      return {
        name: 'circles',
        samples,
        noise: raw.noise ?? defaults.noise,
        factor: raw.factor ?? defaults.factor,
        shuffle: raw.shuffle ?? defaults.shuffle,
        seed: dataSeed,
      }
    case 'blobs': {
      const centerRows = raw.centers ?? defaults.centers
      return {
        name: 'blobs',
        samples,
        centers: centerRows,
        features:
          typeof centerRows === 'number'
            ? (raw.features ?? defaults.features)
            : (centerRows[0]?.length ?? defaults.features),
        clusterStd: raw.clusterStd ?? defaults.clusterStd,
        centerBox: raw.centerBox ?? defaults.centerBox,
        shuffle: raw.shuffle ?? defaults.shuffle,
        seed: dataSeed,
      }
    }
    case 'xor':
      return { name: 'xor', samples, noise: raw.noise ?? defaults.noise, seed: dataSeed }
    case 'spirals':
      return {
        name: 'spirals',
        samples,
        noise: raw.noise ?? defaults.noise,
        turns: raw.turns ?? defaults.turns,
        shuffle: raw.shuffle ?? defaults.shuffle,
        seed: dataSeed,
      }
  }
}

/** The model section with its defaults written out; one dropout rate becomes one per hidden layer. */
export const normaliseModel = (raw: DecodedBy<typeof modelShape>): ModelConfig => {
  const dropout = raw.dropout ?? defaults.dropout
  return {
    layers: raw.layers,
    hidden: raw.hidden ?? defaults.hidden,
    output: raw.output ?? defaults.output,
    init: raw.init ?? defaults.init,
    dropout:
      typeof dropout === 'number'
        ? Array.from({ length: Math.max(0, raw.layers.length - 2) }, () => dropout)
        : dropout,
  }
}

/** The optimizer section with its defaults written out (sgd when there is none). */
export const normaliseOptimizer = (
  raw: RawOptimizers[keyof RawOptimizers] | undefined,
): OptimizerConfig => {
  if (raw === undefined) return { name: 'sgd', learningRate: defaultLearningRates.sgd }
  const rateOf = raw.learningRate ?? defaultLearningRates[raw.name]
  switch (raw.name) {
    case 'sgd':
      return { name: 'sgd', learningRate: rateOf }
    case 'momentum':
    case 'nesterov':
      return { name: raw.name, learningRate: rateOf, beta: raw.beta ?? defaults.beta }
    case 'adagrad':
      return { name: 'adagrad', learningRate: rateOf, epsilon: raw.epsilon ?? defaults.epsilon }
    case 'rmsprop':
      return {
        name: 'rmsprop',
        learningRate: rateOf,
        decay: raw.decay ?? defaults.rmspropDecay,
        epsilon: raw.epsilon ?? defaults.epsilon,
      }
    case 'adam':
      return {
        name: 'adam',
        learningRate: rateOf,
        beta1: raw.beta1 ?? defaults.beta1,
        beta2: raw.beta2 ?? defaults.beta2,
        epsilon: raw.epsilon ?? defaults.epsilon,
      }
    case 'adamw':
      return {
        name: 'adamw',
        learningRate: rateOf,
        beta1: raw.beta1 ?? defaults.beta1,
        beta2: raw.beta2 ?? defaults.beta2,
        epsilon: raw.epsilon ?? defaults.epsilon,
        weightDecay: raw.weightDecay ?? defaults.weightDecay,
      }
  }
}

/**
 * How many examples the data section yields, when the config alone says: a generator's
 * `samples`, the shipped digits' 1797; null for files, whose size is known only once read.
 *
 * @example
 * import assert from 'node:assert'
 * import { sampleCount } from './config-normalise.js'
 * const moons = { name: 'moons', samples: 300, noise: 0, shuffle: true, seed: 0 } as const
 * assert.deepStrictEqual([sampleCount(moons), sampleCount({ name: 'digits' }), sampleCount({ name: 'fashion-mnist', directory: '/data' })], [300, 1797, null])
 */
export const sampleCount = (data: DataConfig): number | null => {
  switch (data.name) {
    case 'digits':
      return digitsExamples
    case 'csv':
    case 'idx':
    case 'fashion-mnist':
      return null
    default:
      return data.samples
  }
}

/**
 * Examples the model trains on: all of them, or what the split leaves for training; null when
 * the data's size is known only once its files are read.
 *
 * @example
 * import assert from 'node:assert'
 * import { trainingExamples } from './config-normalise.js'
 * const moons = { name: 'moons', samples: 300, noise: 0, shuffle: true, seed: 0 } as const
 * assert.deepStrictEqual([trainingExamples(moons, null), trainingExamples(moons, { testSize: 0.25, seed: 0 })], [300, 225])
 */
export const trainingExamples = (data: DataConfig, split: SplitConfig | null): number | null => {
  const samples = sampleCount(data)
  return samples === null || split === null ? samples : Math.floor((1 - split.testSize) * samples)
}

/**
 * Optimizer updates in the whole run: epochs × mini-batches per epoch; null when the data's size
 * is known only once its files are read.
 *
 * @example
 * import assert from 'node:assert'
 * import { totalUpdates } from './config-normalise.js'
 * const data = { name: 'moons', samples: 300, noise: 0, shuffle: true, seed: 0 } as const
 * // 225 training examples in batches of 32: 8 updates per epoch
 * assert.strictEqual(totalUpdates({ data, split: { testSize: 0.25, seed: 0 }, epochs: 10, batchSize: 32 }), 80)
 */
export const totalUpdates = (
  config: Pick<RunConfig, 'data' | 'split' | 'epochs' | 'batchSize'>,
): number | null => {
  const trained = trainingExamples(config.data, config.split)
  if (trained === null) return null
  const examples = Math.max(1, trained)
  const perEpoch = config.batchSize === null ? 1 : Math.ceil(examples / config.batchSize)
  return config.epochs * perEpoch
}

/**
 * The schedule section with its defaults written out; a cosine lasts the whole run by default,
 * which needs the data's size: Left (`schedule.steps: …`) for data read from files.
 */
export const normaliseSchedule = (
  raw: RawSchedules[keyof RawSchedules] | undefined,
  run: Pick<RunConfig, 'data' | 'split' | 'epochs' | 'batchSize'>,
): E.Either<string, ScheduleConfig> => {
  if (raw === undefined) return E.right({ name: 'constant' })
  switch (raw.name) {
    case 'constant':
      return E.right({ name: 'constant' })
    case 'step':
      return E.right({ name: 'step', every: raw.every, factor: raw.factor ?? defaults.stepFactor })
    case 'exponential':
      return E.right({
        name: 'exponential',
        decay: raw.decay,
        every: raw.every ?? defaults.exponentialEvery,
      })
    case 'cosine': {
      const minimum = raw.minimum ?? defaults.cosineMinimum
      if (raw.steps !== undefined) return E.right({ name: 'cosine', steps: raw.steps, minimum })
      const updates = totalUpdates(run)
      return updates === null
        ? E.left(
            `schedule.steps: expected a positive integer: a cosine schedule over ${run.data.name} data cannot default to the run's update count, known only once the files are read`,
          )
        : E.right({ name: 'cosine', steps: Math.max(1, updates), minimum })
    }
  }
}

/**
 * A decoded configuration with every default made explicit; Left with the one default it cannot
 * know (a cosine schedule's length over data read from files).
 */
export const normalise = (raw: RawConfig): E.Either<readonly string[], RunConfig> => {
  const seed = raw.seed ?? defaults.seed
  const data = normaliseData(raw.data, seed)
  const split =
    raw.split === undefined || raw.split === null
      ? null
      : { testSize: raw.split.testSize, seed: raw.split.seed ?? seed }
  const epochs = raw.epochs ?? defaults.epochs
  const batchSize = raw.batchSize ?? null
  const schedule = normaliseSchedule(raw.schedule, { data, split, epochs, batchSize })
  if (E.isLeft(schedule)) return E.left([schedule.left])
  return E.right({
    seed,
    rng: raw.rng ?? defaults.rng,
    data,
    standardize: raw.standardize ?? defaults.standardize,
    split,
    model: normaliseModel(raw.model),
    loss: raw.loss ?? defaults.loss,
    l2: raw.l2 ?? defaults.l2,
    optimizer: normaliseOptimizer(raw.optimizer),
    schedule: schedule.right,
    clipNorm: raw.clipNorm ?? null,
    epochs,
    batchSize,
    workers: raw.workers ?? 1,
    checkpointEvery: raw.checkpointEvery ?? null,
    earlyStopping:
      raw.earlyStopping === undefined || raw.earlyStopping === null
        ? null
        : {
            monitor: raw.earlyStopping.monitor,
            patience: raw.earlyStopping.patience,
            minDelta: raw.earlyStopping.minDelta ?? defaults.minDelta,
          },
  })
}
