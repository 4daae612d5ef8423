// Facts a training config must keep across its sections: the model's first layer as wide as the
// data's features, its last as wide as the loss and classes need (for generated data; files are
// checked once read), a logit loss reading logits, a split leaving examples on both sides and
// none beside a source's own test set. Law: each broken fact is one line naming its path.

import * as E from 'fp-ts/lib/Either.js'
import { network } from 'gradfold'
import {
  defaults,
  hasOwnTestSet,
  isGenerated,
  type DataConfig,
  type GeneratedData,
  type ModelConfig,
  type OptimizerConfig,
  type SplitConfig,
} from './config-schema.js'
import {
  dataDecoder,
  loss,
  modelDecoder,
  optimizerDecoder,
  scheduleDecoder,
  seedNumber,
  splitDecoder,
  type RawSchedules,
} from './config-decoders.js'
import {
  normaliseData,
  normaliseModel,
  normaliseOptimizer,
  sampleCount,
} from './config-normalise.js'

const { isJsonObject } = network.jsonDecoders
type JsonDecoder<A> = network.jsonDecoders.JsonDecoder<A>
type LossName = network.LossName

/**
 * The number of input features of a generated dataset: 2 for the 2-D ones, `features` for blobs
 * (a file's are known once it is read: `LoadedData.featureNames`).
 *
 * @example
 * import assert from 'node:assert'
 * import { featureCount } from './config-cross-checks.js'
 * assert.strictEqual(featureCount({ name: 'moons', samples: 10, noise: 0, shuffle: true, seed: 0 }), 2)
 */
export const featureCount = (data: GeneratedData): number =>
  data.name === 'blobs' ? data.features : 2

/**
 * The number of classes of a generated dataset: 2, or the number of blobs (a file's are known
 * once it is read: `LoadedData.classNames`).
 *
 * @example
 * import assert from 'node:assert'
 * import { classCount } from './config-cross-checks.js'
 * const blobs = { name: 'blobs', samples: 9, centers: 4, features: 2, clusterStd: 1, centerBox: [-10, 10], shuffle: true, seed: 0 } as const
 * assert.strictEqual(classCount(blobs), 4)
 */
export const classCount = (data: GeneratedData): number =>
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
 * import { outputCount } from './config-cross-checks.js'
 * assert.deepStrictEqual([outputCount(2, 'mse'), outputCount(2, 'softmaxCrossEntropy'), outputCount(3, 'mse')], [1, 2, 3])
 */
export const outputCount = (classes: number, lossName: LossName): number =>
  lossName === 'softmaxCrossEntropy' || classes > 2 ? classes : 1

const outputReason = (data: GeneratedData, lossName: LossName): string => {
  const classes = classCount(data)
  if (lossName === 'softmaxCrossEntropy') {
    return `softmaxCrossEntropy needs one output per class; ${data.name} has ${classes}`
  }
  return classes > 2
    ? `one output per class; ${data.name} has ${classes}`
    : `one output for the ${classes} classes of ${data.name} with loss ${lossName}`
}

/** The parts cross-field checks read, each present only when it decoded. */
export interface Parts {
  readonly data?: DataConfig
  readonly model?: ModelConfig
  readonly loss?: LossName
  readonly split?: SplitConfig | null
  readonly optimizer?: OptimizerConfig
  readonly schedule?: RawSchedules[keyof RawSchedules]
}

/**
 * The problems no single section can see: the first and last layer widths against the data and
 * the loss, a logit loss's output activation, the split's two sides, a cosine minimum above the
 * learning rate — one line each.
 */
export const crossProblems = (parts: Parts): readonly string[] => {
  const problems: string[] = []
  const { data, model, loss: lossName, split, optimizer, schedule } = parts
  if (data !== undefined && isGenerated(data) && model !== undefined && model.layers.length >= 2) {
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
    const samples = sampleCount(data)
    if (hasOwnTestSet(data)) {
      problems.push(
        `split: expected none, got a split (${data.name === 'idx' ? "data.test's files are" : "fashion-mnist's t10k files are"} the test set)`,
      )
    } else if (samples !== null) {
      const testCount = Math.ceil(split.testSize * samples)
      const trainCount = Math.floor((1 - split.testSize) * samples)
      if (trainCount < 1 || testCount < 1 || trainCount + testCount > samples) {
        problems.push(
          `split.testSize: expected a fraction that leaves at least one of the ${samples} samples on each side, got ${split.testSize}`,
        )
      }
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

/** What `decoder` makes of `value`, or undefined when it does not decode. */
const decodedOr = <A>(decoder: JsonDecoder<A>, value: unknown): A | undefined => {
  const decoded = decoder.decode(value)
  return E.isRight(decoded) ? decoded.right : undefined
}

/** The sections that decode on their own (defaults where absent), for the cross-field checks. */
export const partsOf = (json: unknown): Parts => {
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
