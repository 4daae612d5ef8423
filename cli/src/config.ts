// The configuration of a training run (`gradfold train config.json`): decodes JSON into a
// RunConfig with every default made explicit (checking facts that span fields, such as the output
// width the loss needs), or into every problem at once, one line each (`optimizer.learningRate:
// expected a positive number, got -1`); and encodes it back. Laws: decoding never throws and
// never mutates its input; decodeConfig(encodeConfig(c)) equals c.

import * as E from 'fp-ts/lib/Either.js'
import { network } from 'gradfold'
import {
  defaultLearningRates,
  defaults,
  type DataConfig,
  type ModelConfig,
  type OptimizerConfig,
  type RunConfig,
  type ScheduleConfig,
  type SplitConfig,
} from './config-schema.js'
import {
  configShape,
  dataDecoder,
  loss,
  modelDecoder,
  modelShape,
  optimizerDecoder,
  scheduleDecoder,
  seedNumber,
  splitDecoder,
  type RawConfig,
  type RawData,
  type RawOptimizers,
  type RawSchedules,
} from './config-decoders.js'

export * from './config-schema.js'

const { isJsonObject, problemLines } = network.jsonDecoders
type DecodedBy<D> = network.jsonDecoders.DecodedBy<D>
type JsonDecoder<A> = network.jsonDecoders.JsonDecoder<A>
type LossName = network.LossName

// ---------------------------------------------------------------------------------------------
// Normalisation: every default made explicit

const normaliseData = (raw: RawData[keyof RawData], seed: number): DataConfig => {
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

const normaliseModel = (raw: DecodedBy<typeof modelShape>): ModelConfig => {
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

const normaliseOptimizer = (
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

/** Examples the model trains on: all of them, or what the split leaves for training. */
export const trainingExamples = (data: DataConfig, split: SplitConfig | null): number =>
  split === null ? data.samples : Math.floor((1 - split.testSize) * data.samples)

/** Optimizer updates in the whole run: epochs × mini-batches per epoch. */
export const totalUpdates = (
  config: Pick<RunConfig, 'data' | 'split' | 'epochs' | 'batchSize'>,
): number => {
  const examples = Math.max(1, trainingExamples(config.data, config.split))
  const perEpoch = config.batchSize === null ? 1 : Math.ceil(examples / config.batchSize)
  return config.epochs * perEpoch
}

const normaliseSchedule = (
  raw: RawSchedules[keyof RawSchedules] | undefined,
  run: Pick<RunConfig, 'data' | 'split' | 'epochs' | 'batchSize'>,
): ScheduleConfig => {
  if (raw === undefined) return { name: 'constant' }
  switch (raw.name) {
    case 'constant':
      return { name: 'constant' }
    case 'step':
      return { name: 'step', every: raw.every, factor: raw.factor ?? defaults.stepFactor }
    case 'exponential':
      return {
        name: 'exponential',
        decay: raw.decay,
        every: raw.every ?? defaults.exponentialEvery,
      }
    case 'cosine':
      return {
        name: 'cosine',
        steps: raw.steps ?? Math.max(1, totalUpdates(run)),
        minimum: raw.minimum ?? defaults.cosineMinimum,
      }
  }
}

const normalise = (raw: RawConfig): RunConfig => {
  const seed = raw.seed ?? defaults.seed
  const data = normaliseData(raw.data, seed)
  const split =
    raw.split === undefined || raw.split === null
      ? null
      : { testSize: raw.split.testSize, seed: raw.split.seed ?? seed }
  const epochs = raw.epochs ?? defaults.epochs
  const batchSize = raw.batchSize ?? null
  return {
    seed,
    rng: raw.rng ?? defaults.rng,
    data,
    split,
    model: normaliseModel(raw.model),
    loss: raw.loss ?? defaults.loss,
    l2: raw.l2 ?? defaults.l2,
    optimizer: normaliseOptimizer(raw.optimizer),
    schedule: normaliseSchedule(raw.schedule, { data, split, epochs, batchSize }),
    clipNorm: raw.clipNorm ?? null,
    epochs,
    batchSize,
    workers: raw.workers ?? 1,
  }
}

// ---------------------------------------------------------------------------------------------
// Facts across fields

/**
 * The number of input features of a dataset: 2 for the 2-D ones, `features` for blobs.
 *
 * @example
 * import assert from 'node:assert'
 * import { featureCount } from './config.js'
 * assert.strictEqual(featureCount({ name: 'moons', samples: 10, noise: 0, shuffle: true, seed: 0 }), 2)
 */
export const featureCount = (data: DataConfig): number =>
  data.name === 'blobs' ? data.features : 2

/**
 * The number of classes of a dataset: 2, or the number of blobs.
 *
 * @example
 * import assert from 'node:assert'
 * import { classCount } from './config.js'
 * const blobs = { name: 'blobs', samples: 9, centers: 4, features: 2, clusterStd: 1, centerBox: [-10, 10], shuffle: true, seed: 0 } as const
 * assert.strictEqual(classCount(blobs), 4)
 */
export const classCount = (data: DataConfig): number =>
  data.name === 'blobs'
    ? typeof data.centers === 'number'
      ? data.centers
      : data.centers.length
    : 2

/**
 * How many outputs the model needs: one per class for softmax cross-entropy or more than two
 * classes (one-hot targets), else one (0/1 labels).
 *
 * @example
 * import assert from 'node:assert'
 * import { outputCount } from './config.js'
 * assert.deepStrictEqual([outputCount(2, 'mse'), outputCount(2, 'softmaxCrossEntropy'), outputCount(3, 'mse')], [1, 2, 3])
 */
export const outputCount = (classes: number, lossName: LossName): number =>
  lossName === 'softmaxCrossEntropy' || classes > 2 ? classes : 1

const outputReason = (data: DataConfig, lossName: LossName): string => {
  const classes = classCount(data)
  if (lossName === 'softmaxCrossEntropy') {
    return `softmaxCrossEntropy needs one output per class; ${data.name} has ${classes}`
  }
  return classes > 2
    ? `one output per class; ${data.name} has ${classes}`
    : `one output for the ${classes} classes of ${data.name} with loss ${lossName}`
}

/** The parts cross-field checks read, each present only when it decoded. */
interface Parts {
  readonly data?: DataConfig
  readonly model?: ModelConfig
  readonly loss?: LossName
  readonly split?: SplitConfig | null
  readonly optimizer?: OptimizerConfig
  readonly schedule?: RawSchedules[keyof RawSchedules]
}

const crossProblems = (parts: Parts): readonly string[] => {
  const problems: string[] = []
  const { data, model, loss: lossName, split, optimizer, schedule } = parts
  if (data !== undefined && model !== undefined && model.layers.length >= 2) {
    const features = featureCount(data)
    const first = model.layers[0]
    if (first !== features) {
      problems.push(
        `model.layers[0]: expected ${features} (the number of features of ${data.name}), got ${first ?? 'nothing'}`,
      )
    }
    if (lossName !== undefined) {
      const last = model.layers.length - 1
      const outputs = outputCount(classCount(data), lossName)
      if (model.layers[last] !== outputs) {
        problems.push(
          `model.layers[${last}]: expected ${outputs} (${outputReason(data, lossName)}), got ${model.layers[last] ?? 'nothing'}`,
        )
      }
    }
  }
  if (model !== undefined && lossName !== undefined) {
    if (lossName === 'binaryCrossEntropyWithLogits' || lossName === 'softmaxCrossEntropy') {
      const fused = network.logitLosses[lossName]
      if (model.output !== fused && model.output !== 'linear') {
        problems.push(
          `model.output: expected ${fused} or linear (loss ${lossName} reads the logits), got "${model.output}"`,
        )
      }
    }
  }
  if (data !== undefined && split !== undefined && split !== null) {
    const testCount = Math.ceil(split.testSize * data.samples)
    const trainCount = Math.floor((1 - split.testSize) * data.samples)
    if (trainCount < 1 || testCount < 1 || trainCount + testCount > data.samples) {
      problems.push(
        `split.testSize: expected a fraction that leaves at least one of the ${data.samples} samples on each side, got ${split.testSize}`,
      )
    }
  }
  if (
    optimizer !== undefined &&
    schedule?.name === 'cosine' &&
    schedule.minimum !== undefined &&
    schedule.minimum > optimizer.learningRate
  ) {
    problems.push(
      `schedule.minimum: expected a number from 0 to the learning rate ${optimizer.learningRate}, got ${schedule.minimum}`,
    )
  }
  return problems
}

const decodedOr = <A>(decoder: JsonDecoder<A>, value: unknown): A | undefined => {
  const decoded = decoder.decode(value)
  return E.isRight(decoded) ? decoded.right : undefined
}

/** The sections that decode on their own (defaults where absent), for the cross-field checks. */
const partsOf = (json: unknown): Parts => {
  if (!isJsonObject(json)) return {}
  const seed = decodedOr(seedNumber, json.seed ?? defaults.seed) ?? defaults.seed
  const data = decodedOr(dataDecoder, json.data)
  const model = decodedOr(modelDecoder, json.model)
  const lossName = json.loss === undefined ? defaults.loss : decodedOr(loss, json.loss)
  const split = json.split === undefined ? null : decodedOr(splitDecoder, json.split)
  const optimizer =
    json.optimizer === undefined ? undefined : decodedOr(optimizerDecoder, json.optimizer)
  const schedule =
    json.schedule === undefined ? undefined : decodedOr(scheduleDecoder, json.schedule)
  return {
    ...(data === undefined ? {} : { data: normaliseData(data, seed) }),
    ...(model === undefined ? {} : { model: normaliseModel(model) }),
    ...(lossName === undefined ? {} : { loss: lossName }),
    ...(split === undefined
      ? {}
      : { split: split === null ? null : { testSize: split.testSize, seed } }),
    optimizer: normaliseOptimizer(optimizer),
    ...(schedule === undefined ? {} : { schedule }),
  }
}

const deepFreeze = <A>(value: A): A => {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const entry of Object.values(value)) deepFreeze(entry)
    Object.freeze(value)
  }
  return value
}

// ---------------------------------------------------------------------------------------------
// The public functions

/**
 * The run configuration in JSON, decoded and normalised, or every problem, one line each:
 * `path: expected …, got …` (`(root)` for the whole value), unknown keys included (`optimiser:
 * unknown key (did you mean optimizer?)`), then the facts across fields — `model.layers` starts
 * with the dataset's feature count and ends with the outputs the loss and classes need, a logit
 * loss has a sigmoid/softmax or linear output, the split leaves examples on both sides, a cosine
 * schedule's minimum is at most the learning rate.
 *
 * Required: `data.name` and `model.layers`. Defaults: seed 42, rng "key"; data samples 300, noise
 * 0 (none), shuffle true, circles factor 0.8, spirals turns 1.5, blobs centers 3, features 2,
 * clusterStd 1, centerBox [−10, 10], `data.seed` and `split.seed` the run's seed; split null (no
 * test set); model hidden relu, output sigmoid, init he-normal, dropout none; loss mse; l2 0;
 * optimizer sgd; learning rates 0.1 for sgd, momentum and nesterov, 0.01 for adagrad, 0.001 for
 * rmsprop, adam and adamw; beta 0.9, beta1 0.9, beta2 0.999, epsilon 1e-8, rmsprop decay 0.9,
 * adamw weightDecay 0.01; schedule constant (step: factor 0.5; exponential: every 1; cosine:
 * steps = every update of the run, minimum 0); clipNorm null; epochs 1000; batchSize null (the
 * whole set); workers 1. Loss and activation names may also be written in kebab case
 * (`softmax-cross-entropy`, `leaky-relu`), initialisers in camel case (`heNormal`).
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodeConfig } from './config.js'
 * const config = decodeConfig({ data: { name: 'moons' }, model: { layers: [2, 8, 1] } })
 * assert.ok(E.isRight(config))
 * assert.deepStrictEqual([config.right.seed, config.right.optimizer, config.right.model.init], [42, { name: 'sgd', learningRate: 0.1 }, 'he-normal'])
 * const bad = decodeConfig({ data: { name: 'moons' }, model: { layers: [2, 8, 1] }, epochs: 'ten' })
 * assert.deepStrictEqual(bad, E.left(['epochs: expected a non-negative integer, got "ten"']))
 */
export const decodeConfig = (json: unknown): E.Either<readonly string[], RunConfig> => {
  const shaped = configShape.decode(json)
  if (E.isLeft(shaped)) {
    return E.left([...problemLines(shaped.left), ...crossProblems(partsOf(json))])
  }
  const config = normalise(shaped.right)
  const cross = crossProblems({
    data: config.data,
    model: config.model,
    loss: config.loss,
    split: config.split,
    optimizer: config.optimizer,
    ...(shaped.right.schedule === undefined ? {} : { schedule: shaped.right.schedule }),
  })
  return cross.length > 0 ? E.left(cross) : E.right(deepFreeze(config))
}

/**
 * The configuration from JSON text: `config: not valid JSON (…)` when it does not parse, else
 * what `decodeConfig` says.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { parseConfig } from './config.js'
 * const bad = parseConfig('{ "seed": 1,')
 * assert.ok(E.isLeft(bad) && bad.left.length === 1 && bad.left[0]?.startsWith('config: not valid JSON ('))
 * assert.ok(E.isRight(parseConfig('{ "data": { "name": "xor" }, "model": { "layers": [2, 4, 1] } }')))
 */
export const parseConfig = (text: string): E.Either<readonly string[], RunConfig> => {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error: unknown) {
    const reason = error instanceof Error ? error.message : String(error)
    return E.left([`config: not valid JSON (${reason.replace(/\s*\n\s*/g, ' ')})`])
  }
  return decodeConfig(json)
}

const encodeData = (data: DataConfig): Record<string, unknown> => {
  switch (data.name) {
    case 'blobs':
      return {
        name: data.name,
        samples: data.samples,
        centers:
          typeof data.centers === 'number' ? data.centers : data.centers.map((row) => [...row]),
        features: data.features,
        clusterStd: data.clusterStd,
        centerBox: [...data.centerBox],
        shuffle: data.shuffle,
        seed: data.seed,
      }
    default:
      return { ...data }
  }
}

/**
 * The configuration as a plain JSON value with every default written out; decoding it gives the
 * same configuration back.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodeConfig, encodeConfig } from './config.js'
 * const config = decodeConfig({ data: { name: 'xor' }, model: { layers: [2, 4, 1] } })
 * assert.ok(E.isRight(config))
 * const json = encodeConfig(config.right) as { split: unknown; batchSize: unknown }
 * assert.deepStrictEqual([json.split, json.batchSize], [null, null])
 * assert.deepStrictEqual(decodeConfig(json), config)
 */
export const encodeConfig = (config: RunConfig): unknown => ({
  seed: config.seed,
  rng: config.rng,
  data: encodeData(config.data),
  split: config.split === null ? null : { ...config.split },
  model: {
    layers: [...config.model.layers],
    hidden: config.model.hidden,
    output: config.model.output,
    init: config.model.init,
    dropout: [...config.model.dropout],
  },
  loss: config.loss,
  l2: config.l2,
  optimizer: { ...config.optimizer },
  schedule: { ...config.schedule },
  clipNorm: config.clipNorm,
  epochs: config.epochs,
  batchSize: config.batchSize,
  workers: config.workers,
})
