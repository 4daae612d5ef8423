// Warnings read off a training history, pure: a loss that grew a million-fold over its smallest
// value so far (a learning rate too large, short of overflowing), and weight gradients exactly
// zero for ten epochs in a row (a saturated network: dead ReLUs, saturated outputs). Laws: each
// kind is reported once, at the first epoch it holds; the same history gives the same warnings.

import { compactNumber } from './divergence.js'
import type { History } from './history.js'

/**
 * What a training warning is about: `lossGrowth` (the loss grew by at least `LOSS_GROWTH_FACTOR`
 * over its smallest value in the epochs before) or `saturated` (every layer's weight gradient
 * exactly zero for `SATURATED_EPOCHS` epochs in a row).
 *
 * @category History
 */
export type TrainingWarningKind = 'lossGrowth' | 'saturated'

/**
 * A warning about a run: its kind, the epoch (an index from 0, as the history's) where it first
 * holds, and a one-line message (epochs in it counted from 1, as the CLI's progress counts).
 *
 * @category History
 */
export interface TrainingWarning {
  readonly epoch: number
  readonly kind: TrainingWarningKind
  readonly message: string
}

/**
 * How many times its smallest earlier value a loss must reach to be reported as growing.
 *
 * @category History
 */
export const LOSS_GROWTH_FACTOR = 1e6

/**
 * How many epochs in a row of exactly-zero weight gradients make a run saturated.
 *
 * @category History
 */
export const SATURATED_EPOCHS = 10

const lossGrowth = (losses: readonly number[]): TrainingWarning | undefined => {
  let smallest = Number.POSITIVE_INFINITY
  let smallestAt = -1
  for (const [epoch, loss] of losses.entries()) {
    if (smallest > 0 && Number.isFinite(smallest) && loss >= LOSS_GROWTH_FACTOR * smallest) {
      return Object.freeze({
        epoch,
        kind: 'lossGrowth',
        message: `the loss grew to ${compactNumber(loss)}, ${compactNumber(loss / smallest)}× its smallest so far (${compactNumber(smallest)} at epoch ${smallestAt + 1}): the learning rate is probably too large`,
      })
    }
    if (loss < smallest) {
      smallest = loss
      smallestAt = epoch
    }
  }
  return undefined
}

const saturated = (weights: readonly (readonly number[])[]): TrainingWarning | undefined => {
  let streak = 0
  for (const [epoch, norms] of weights.entries()) {
    streak = norms.length > 0 && norms.every((norm) => norm === 0) ? streak + 1 : 0
    if (streak === SATURATED_EPOCHS) {
      return Object.freeze({
        epoch,
        kind: 'saturated',
        message: `every weight gradient was exactly 0 for ${SATURATED_EPOCHS} epochs (${epoch + 2 - SATURATED_EPOCHS} to ${epoch + 1}): the network is saturated (dead ReLUs or saturated outputs) and no longer learns; try a smaller learning rate`,
      })
    }
  }
  return undefined
}

/**
 * The warnings a history gives, by epoch: a loss at least `LOSS_GROWTH_FACTOR` (10⁶) times the
 * smallest loss of the epochs before it (a smallest loss of exactly 0 is never grown from), and
 * every layer's weight gradient norm exactly 0 for `SATURATED_EPOCHS` (10) epochs in a row,
 * reported at the tenth. Each kind is reported once, at the first epoch it holds.
 *
 * @category History
 * @example
 * import assert from 'node:assert'
 * import { train } from 'gradfold'
 * const epoch = { loss: 0.5, trainAccuracy: 0.5, weightGradientNorms: [0, 0], biasGradientNorms: [0.1, 0.1], weightNorms: [1, 1] }
 * const flat = train.historyOf(Array.from({ length: 12 }, () => epoch))
 * assert.deepStrictEqual(train.trainingWarnings(flat).map((w) => [w.epoch, w.kind]), [[9, 'saturated']])
 * const growing = train.historyOf([0.7, 0.3, 3e2, 4e5].map((loss) => ({ ...epoch, loss, weightGradientNorms: [1, 1] })))
 * const [warning] = train.trainingWarnings(growing)
 * assert.deepStrictEqual([warning?.epoch, warning?.kind], [3, 'lossGrowth'])
 * assert.strictEqual(warning?.message, 'the loss grew to 4.0e5, 1.3e6× its smallest so far (0.3 at epoch 2): the learning rate is probably too large')
 */
export const trainingWarnings = (history: History): readonly TrainingWarning[] =>
  Object.freeze(
    [lossGrowth(history.loss), saturated(history.gradientNorms.weights)]
      .filter((warning): warning is TrainingWarning => warning !== undefined)
      .sort((a, b) => a.epoch - b.epoch),
  )
