// Early stopping as a pure fold over epoch records: the best value of the monitored figure so far,
// the epoch (index) that recorded it, and whether `patience` epochs have passed without an
// improvement of more than `minDelta`. Laws: losses improve downwards, accuracies upwards; the
// first record is always the best so far; the watch stops exactly `patience` epochs after its best.

import * as E from 'fp-ts/lib/Either.js'
import * as network from '../network/index.js'
import type { NetworkError } from '../network/index.js'
import type { EpochRecord } from './history.js'

/**
 * A figure an epoch records that early stopping can watch: the training loss or accuracy, or the
 * test set's (which needs a test set).
 *
 * @category Training
 */
export type MonitoredFigure = 'loss' | 'trainAccuracy' | 'testLoss' | 'testAccuracy'

/**
 * When to stop training early: after `patience` epochs in which `monitor` did not improve on its
 * best by more than `minDelta` (default 0). Fit then restores the network the best epoch
 * measured.
 *
 * @category Training
 */
export interface EarlyStopping {
  readonly monitor: MonitoredFigure
  /** Epochs without improvement before stopping (a positive integer). */
  readonly patience: number
  /** The least change that counts as an improvement (a finite number ≥ 0; default 0). */
  readonly minDelta?: number
}

/**
 * A run stopped early: the epoch it stopped at, the epoch whose record was best, the figure and
 * its best value. Epochs are indices from 0, as `EpochResult.epoch`; epoch `bestEpoch`'s record
 * measured the network before that epoch's updates, so the network restored is the one
 * `bestEpoch` whole epochs of training made (`fit` with `epochs: bestEpoch` gives it, bit for bit).
 *
 * @category Training
 */
export interface StoppedEarly {
  /** The last epoch trained (its record is the last in the history). */
  readonly epoch: number
  /** The epoch whose record holds the best value: the network restored is the one it measured. */
  readonly bestEpoch: number
  readonly monitor: MonitoredFigure
  /** The monitored figure's best value, as epoch `bestEpoch` recorded it. */
  readonly best: number
}

/** Where a watch stands: the best so far and when it was recorded. */
export interface Watch {
  readonly best: number
  readonly bestEpoch: number
}

const monitoredNames: readonly MonitoredFigure[] = [
  'loss',
  'trainAccuracy',
  'testLoss',
  'testAccuracy',
]

/** Whether the figure improves by growing (accuracies) rather than shrinking (losses). */
const grows = (monitor: MonitoredFigure): boolean =>
  monitor === 'trainAccuracy' || monitor === 'testAccuracy'

/**
 * The monitored figure in a record, or undefined when the record has no test figures.
 *
 * @example
 * import assert from 'node:assert'
 * import { monitoredValue } from './early-stopping.js'
 * const record = { loss: 0.5, trainAccuracy: 0.75, test: { loss: 0.625, accuracy: 0.5 }, weightGradientNorms: [], biasGradientNorms: [], weightNorms: [] }
 * assert.deepStrictEqual(['loss', 'trainAccuracy', 'testLoss', 'testAccuracy'].map((m) => monitoredValue(record, m as 'loss')), [0.5, 0.75, 0.625, 0.5])
 */
export const monitoredValue = (
  record: EpochRecord,
  monitor: MonitoredFigure,
): number | undefined => {
  switch (monitor) {
    case 'loss':
      return record.loss
    case 'trainAccuracy':
      return record.trainAccuracy
    case 'testLoss':
      return record.test?.loss
    case 'testAccuracy':
      return record.test?.accuracy
  }
}

/**
 * The options checked: a known figure, a positive integer patience, a finite minDelta ≥ 0, and a
 * test set when a test figure is watched. Left naming the option.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { checkEarlyStopping } from './early-stopping.js'
 * assert.ok(E.isRight(checkEarlyStopping({ monitor: 'loss', patience: 3 }, false)))
 * assert.deepStrictEqual(E.mapLeft((e: { message: string }) => e.message)(checkEarlyStopping({ monitor: 'testLoss', patience: 3 }, false)), E.left('fit: earlyStopping.monitor is testLoss, but there is no test set'))
 */
export const checkEarlyStopping = (
  options: EarlyStopping,
  hasTest: boolean,
): E.Either<NetworkError, EarlyStopping> => {
  const refuse = (message: string): E.Either<NetworkError, EarlyStopping> =>
    E.left(network.networkError('InvalidOption', `fit: earlyStopping.${message}`))
  if (!monitoredNames.includes(options.monitor)) {
    return refuse(`monitor is ${options.monitor}, expected one of ${monitoredNames.join(', ')}`)
  }
  if (!Number.isSafeInteger(options.patience) || options.patience < 1) {
    return refuse(`patience is ${options.patience}, expected a positive integer`)
  }
  const minDelta = options.minDelta ?? 0
  if (!(Number.isFinite(minDelta) && minDelta >= 0)) {
    return refuse(`minDelta is ${minDelta}, expected a finite number ≥ 0`)
  }
  if (!hasTest && (options.monitor === 'testLoss' || options.monitor === 'testAccuracy')) {
    return refuse(`monitor is ${options.monitor}, but there is no test set`)
  }
  return E.right(options)
}

/**
 * The watch after epoch `epoch` recorded `value`: a new best when it is the first, or better than
 * the best by more than `minDelta` (lower for a loss, higher for an accuracy).
 *
 * @example
 * import assert from 'node:assert'
 * import { observe } from './early-stopping.js'
 * const options = { monitor: 'loss', patience: 2, minDelta: 0.1 } as const
 * const first = observe(undefined, options, 0, 1)
 * assert.deepStrictEqual(observe(first, options, 1, 0.95), { best: 1, bestEpoch: 0 })
 * assert.deepStrictEqual(observe(first, options, 1, 0.85), { best: 0.85, bestEpoch: 1 })
 */
export const observe = (
  watch: Watch | undefined,
  options: EarlyStopping,
  epoch: number,
  value: number,
): Watch => {
  if (watch === undefined) return { best: value, bestEpoch: epoch }
  const minDelta = options.minDelta ?? 0
  const better = grows(options.monitor)
    ? value > watch.best + minDelta
    : value < watch.best - minDelta
  return better ? { best: value, bestEpoch: epoch } : watch
}

/**
 * Whether training stops after epoch `epoch`: `patience` epochs have passed since the best.
 *
 * @example
 * import assert from 'node:assert'
 * import { exhausted } from './early-stopping.js'
 * assert.deepStrictEqual([exhausted({ best: 1, bestEpoch: 3 }, { monitor: 'loss', patience: 2 }, 4), exhausted({ best: 1, bestEpoch: 3 }, { monitor: 'loss', patience: 2 }, 5)], [false, true])
 */
export const exhausted = (watch: Watch, options: EarlyStopping, epoch: number): boolean =>
  epoch - watch.bestEpoch >= options.patience
