// The training configuration's shape once normalised (RunConfig and its parts), the names it
// accepts and its defaults: the vocabulary shared by the decoders (config-decoders.ts), the
// normaliser and encoder (config.ts) and the experiment builder. Types and constants, and two
// predicates on the data section.

import type { network } from 'gradfold'

type ActivationName = network.ActivationName
type LossName = network.LossName

/** Where randomness comes from: numpy's MT19937 stream, or gradfold's Threefry keys. */
export type RngName = 'numpy' | 'key'

/** The generated datasets of src/data a run can train on. */
export const datasetNames = ['moons', 'circles', 'blobs', 'xor', 'spirals'] as const

/** The sources read from files: a CSV table, MNIST-format IDX files, and two named datasets. */
export const fileSourceNames = ['csv', 'idx', 'digits', 'fashion-mnist'] as const

/** Examples in the digits the CLI ships (`cli/data/digits.csv.gz`). */
export const digitsExamples = 1797

/** Where Debian's `dataset-fashion-mnist` installs the four IDX files. */
export const fashionMnistDirectory = '/usr/share/datasets/fashion-mnist'

/** The optimizers of src/train a run can use. */
export const optimizerNames = [
  'sgd',
  'momentum',
  'nesterov',
  'adagrad',
  'rmsprop',
  'adam',
  'adamw',
] as const

/** The learning-rate schedules of src/train. */
export const scheduleNames = ['constant', 'step', 'exponential', 'cosine'] as const

/** The figures early stopping can watch (src/train's MonitoredFigure). */
export const monitorNames = ['loss', 'trainAccuracy', 'testLoss', 'testAccuracy'] as const

/** One of `monitorNames`. */
export type MonitorName = (typeof monitorNames)[number]

/** The weight initialisers of src/network, by their config names. */
export const initNames = ['he-normal', 'glorot-normal', 'glorot-uniform', 'lecun-normal'] as const

/** One of `initNames`. */
export type InitName = (typeof initNames)[number]

/** Fields every dataset has: how many points, and the seed of its own stream. */
interface DataFields {
  /** Points in all (default 300). */
  readonly samples: number
  /** Seed of the data's stream (default: the run's `seed`). */
  readonly seed: number
}

/** A 2-D point cloud's noise (standard deviation, 0 for none; default 0). */
interface Noisy {
  readonly noise: number
}

/** Whether the generated rows are shuffled (default true, as scikit-learn). */
interface Shuffled {
  readonly shuffle: boolean
}

/** A pair of MNIST-format files: images (idx3) and their labels (idx1), gzipped or not. */
export interface IdxFiles {
  readonly images: string
  readonly labels: string
}

/** A generated dataset, by name, with every option of its generator in src/data. */
export type GeneratedData =
  | ({ readonly name: 'moons' } & DataFields & Noisy & Shuffled)
  | ({
      readonly name: 'circles'
      /** Inner radius relative to the outer, in (0, 1) (default 0.8). */
      readonly factor: number
    } & DataFields &
      Noisy &
      Shuffled)
  | ({
      readonly name: 'blobs'
      /** How many centres to draw (default 3), or the centres as rows. */
      readonly centers: number | readonly (readonly number[])[]
      /** Features per point (default 2; the centres' length when they are given). */
      readonly features: number
      /** Standard deviation of every cluster (default 1). */
      readonly clusterStd: number
      /** The box random centres are drawn from (default [−10, 10]). */
      readonly centerBox: readonly [number, number]
    } & DataFields &
      Shuffled)
  | ({ readonly name: 'xor' } & DataFields & Noisy)
  | ({
      readonly name: 'spirals'
      /** Turns each spiral makes (default 1.5). */
      readonly turns: number
    } & DataFields &
      Noisy &
      Shuffled)

/** Examples read from files; relative paths resolve against the config file's folder. */
export type FileData =
  | {
      readonly name: 'csv'
      /** The CSV file: a header row, then one example per row. */
      readonly path: string
      /** The header of the label column. */
      readonly label: string
      /** The feature columns by header, in this order; null for every column but the label. */
      readonly features: readonly string[] | null
      /** 'classes' (the default): labels name classes; 'regression': the label is a number. */
      readonly target: 'classes' | 'regression'
    }
  | ({
      readonly name: 'idx'
      /** The source's own test set, or null (then a config's `split` may hold one out). */
      readonly test: IdxFiles | null
    } & IdxFiles)
  /** The UCI optical-recognition digits shipped with the CLI: 1797 8×8 images, 10 classes. */
  | { readonly name: 'digits' }
  | {
      readonly name: 'fashion-mnist'
      /** The folder of the four IDX files (default Debian's, `fashionMnistDirectory`). */
      readonly directory: string
    }

/** Where a run's examples come from: a generator of src/data, or files. */
export type DataConfig = GeneratedData | FileData

/**
 * Whether the data section names a generator (its size, features and classes known from the
 * config alone) rather than files (known only once read).
 *
 * @example
 * import assert from 'node:assert'
 * import { isGenerated } from './config-schema.js'
 * assert.deepStrictEqual([isGenerated({ name: 'xor', samples: 4, noise: 0, seed: 0 }), isGenerated({ name: 'digits' })], [true, false])
 */
export const isGenerated = (data: DataConfig): data is GeneratedData =>
  (datasetNames as readonly string[]).includes(data.name)

/**
 * Whether the source brings its own test set (an idx pair's `test`, Fashion-MNIST's t10k files),
 * which a config's `split` may not replace.
 *
 * @example
 * import assert from 'node:assert'
 * import { hasOwnTestSet } from './config-schema.js'
 * assert.deepStrictEqual([hasOwnTestSet({ name: 'fashion-mnist', directory: '/data' }), hasOwnTestSet({ name: 'digits' })], [true, false])
 */
export const hasOwnTestSet = (data: DataConfig): boolean =>
  data.name === 'fashion-mnist' || (data.name === 'idx' && data.test !== null)

/** The held-out test set: a fraction in (0, 1) and the split's seed (default: the run's). */
export interface SplitConfig {
  readonly testSize: number
  readonly seed: number
}

/** The network: a multilayer perceptron. */
export interface ModelConfig {
  /** Widths, inputs first and outputs last (at least two). */
  readonly layers: readonly number[]
  /** Activation of every hidden layer (default relu). */
  readonly hidden: ActivationName
  /** Activation of the output layer (default sigmoid). */
  readonly output: ActivationName
  /** Weight initialiser (default he-normal); biases start at zero. */
  readonly init: InitName
  /** Dropout rate after each hidden layer, in [0, 1); 0 is none (default none). */
  readonly dropout: readonly number[]
}

/** The optimizer with every hyper-parameter (defaults documented at `decodeConfig`). */
export type OptimizerConfig =
  | { readonly name: 'sgd'; readonly learningRate: number }
  | { readonly name: 'momentum' | 'nesterov'; readonly learningRate: number; readonly beta: number }
  | { readonly name: 'adagrad'; readonly learningRate: number; readonly epsilon: number }
  | {
      readonly name: 'rmsprop'
      readonly learningRate: number
      readonly decay: number
      readonly epsilon: number
    }
  | {
      readonly name: 'adam'
      readonly learningRate: number
      readonly beta1: number
      readonly beta2: number
      readonly epsilon: number
    }
  | {
      readonly name: 'adamw'
      readonly learningRate: number
      readonly beta1: number
      readonly beta2: number
      readonly epsilon: number
      readonly weightDecay: number
    }

/** How the learning rate changes with the update count (steps are updates, not epochs). */
export type ScheduleConfig =
  | { readonly name: 'constant' }
  | { readonly name: 'step'; readonly every: number; readonly factor: number }
  | { readonly name: 'exponential'; readonly decay: number; readonly every: number }
  | { readonly name: 'cosine'; readonly steps: number; readonly minimum: number }

/** Stop when `monitor` has not improved by more than `minDelta` for `patience` epochs. */
export interface EarlyStoppingConfig {
  readonly monitor: MonitorName
  /** Epochs without improvement before stopping (a positive integer). */
  readonly patience: number
  /** The least change that counts as an improvement (default 0). */
  readonly minDelta: number
}

/** A training run, fully normalised: every default explicit. */
export interface RunConfig {
  /** The run's seed, an integer from 0 to 2³²−1 (default 42, the notebook's). */
  readonly seed: number
  /** 'numpy' replays numpy's stream seeded with `seed`; 'key' (the default) uses Threefry keys. */
  readonly rng: RngName
  readonly data: DataConfig
  /**
   * Standardise every feature with the mean and deviation of the training rows (after the
   * split), applied to train and test alike (default false).
   */
  readonly standardize: boolean
  /** The test split, or null for none (the default). */
  readonly split: SplitConfig | null
  readonly model: ModelConfig
  /** A name from network.lossNames (default mse, the notebook's). */
  readonly loss: LossName
  /** L2 penalty λ·Σ‖W‖² added to the loss (default 0, none). */
  readonly l2: number
  readonly optimizer: OptimizerConfig
  /** Default constant. */
  readonly schedule: ScheduleConfig
  /** Clip the gradients to this global norm before the optimizer, or null (the default). */
  readonly clipNorm: number | null
  /** Passes over the training set (default 1000, the notebook's). */
  readonly epochs: number
  /** Examples per mini-batch, or null for the whole set (the default, as the notebook). */
  readonly batchSize: number | null
  /**
   * Threads each batch is split across (default 1): the shards' gradients are summed in a fixed
   * order, so a run is bit-identical for a given count and within rounding of one thread's.
   */
  readonly workers: number
  /** Write DIR/checkpoints/epoch-N.json (model.json's format) every N epochs, or null (the default). */
  readonly checkpointEvery: number | null
  /** Stop early and restore the best epoch's network, or null (the default: train every epoch). */
  readonly earlyStopping: EarlyStoppingConfig | null
}

// ---------------------------------------------------------------------------------------------
// Defaults

export const largestSeed = 2 ** 32 - 1

export const defaults = {
  seed: 42,
  rng: 'key',
  samples: 300,
  noise: 0,
  shuffle: true,
  factor: 0.8,
  centers: 3,
  features: 2,
  clusterStd: 1,
  centerBox: [-10, 10],
  turns: 1.5,
  target: 'classes',
  standardize: false,
  hidden: 'relu',
  output: 'sigmoid',
  init: 'he-normal',
  dropout: 0,
  loss: 'mse',
  l2: 0,
  epochs: 1000,
  beta: 0.9,
  beta1: 0.9,
  beta2: 0.999,
  epsilon: 1e-8,
  rmspropDecay: 0.9,
  weightDecay: 0.01,
  stepFactor: 0.5,
  exponentialEvery: 1,
  cosineMinimum: 0,
  minDelta: 0,
} as const

/** Each optimizer's default learning rate: the notebook's 0.1 for SGD-like ones, else Keras's. */
export const defaultLearningRates: Readonly<Record<OptimizerConfig['name'], number>> = {
  sgd: 0.1,
  momentum: 0.1,
  nesterov: 0.1,
  adagrad: 0.01,
  rmsprop: 0.001,
  adam: 0.001,
  adamw: 0.001,
}
