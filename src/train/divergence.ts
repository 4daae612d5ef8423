// Divergence as a value: training that met a non-finite loss or gradient stops with a `Diverged`
// error — a NetworkError of kind 'Diverged' — carrying the epoch, the history up to there and the
// interpreter's detail (which node produced what). Laws: the message's epoch counts from 1, as the
// CLI's progress does, and is always `epoch + 1`; `history` holds exactly the epochs before it.

import type { NetworkError } from '../network/index.js'
import type { History } from './history.js'

/**
 * Training that diverged: a non-finite loss or gradient met in epoch `epoch`. Its message reads
 * `diverged at epoch 4 (loss 8.1e79 after 2.3e30): try a smaller learning rate`, the epoch
 * counted from 1 as the CLI's progress counts (`epoch + 1`) and the two numbers the last finite
 * losses recorded.
 *
 * @category Errors
 */
export interface Diverged extends NetworkError {
  readonly _tag: 'Diverged'
  /**
   * The index (from 0, as `EpochResult.epoch`) of the epoch that met the non-finite value; equal
   * to `history.loss.length`. It is the number of whole epochs trained before it.
   */
  readonly epoch: number
  /** Every epoch recorded before the divergence (no final figures). */
  readonly history: History
  /**
   * What the interpreter found, naming the epoch (from 1), the batch and the node:
   * `fit: epoch 4, batch 0: valueAndGradients: evaluate: node #17 (square) produced Infinity …`.
   */
  readonly detail: string
  /** True when it was found measuring the network left after the last epoch (`final`). */
  readonly afterLastEpoch: boolean
}

/**
 * A loss for a one-line message: three significant digits (`0.654`, `215`), or one decimal in
 * scientific notation when it is very large or very small (`8.1e79`, `2.3e-5`).
 *
 * @example
 * import assert from 'node:assert'
 * import { compactNumber } from './divergence.js'
 * assert.deepStrictEqual([compactNumber(8.14e79), compactNumber(0.65432), compactNumber(215), compactNumber(2.3e-5), compactNumber(0)], ['8.1e79', '0.654', '215', '2.3e-5', '0'])
 */
export const compactNumber = (value: number): string => {
  const size = Math.abs(value)
  if (value !== 0 && Number.isFinite(value) && (size >= 1e4 || size < 1e-3)) {
    return value.toExponential(1).replace('e+', 'e')
  }
  return String(Number(value.toPrecision(3)))
}

/** The message's parenthesis: the last two finite losses recorded, or what there is. */
const lastLosses = (losses: readonly number[]): string => {
  const last = losses[losses.length - 1]
  const before = losses[losses.length - 2]
  if (last === undefined) return 'before any loss was recorded'
  if (before === undefined) return `loss ${compactNumber(last)}, the only one recorded`
  return `loss ${compactNumber(last)} after ${compactNumber(before)}`
}

/**
 * The Diverged error for epoch `epoch` (from 0) with the history before it and the
 * interpreter's message; `afterLastEpoch` when the network left by the last epoch was what
 * measured non-finite.
 *
 * @example
 * import assert from 'node:assert'
 * import { train } from 'gradfold'
 * import { diverged } from './divergence.js'
 * const epoch = { loss: 2.3e30, trainAccuracy: 0.5, weightGradientNorms: [1], biasGradientNorms: [1], weightNorms: [1] }
 * const history = train.historyOf([{ ...epoch, loss: 0.7 }, epoch, { ...epoch, loss: 8.1e79 }])
 * const error = diverged(3, history, 'fit: epoch 4, batch 0: node #17 (square) produced Infinity')
 * assert.strictEqual(error.message, 'diverged at epoch 4 (loss 8.1e79 after 2.3e30): try a smaller learning rate')
 * assert.strictEqual(error._tag, 'Diverged')
 */
export const diverged = (
  epoch: number,
  history: History,
  detail: string,
  afterLastEpoch = false,
): Diverged => {
  const where = afterLastEpoch
    ? `diverged after epoch ${epoch}, the last`
    : `diverged at epoch ${epoch + 1}`
  return Object.freeze({
    _tag: 'Diverged',
    message: `${where} (${lastLosses(history.loss)}): ${history.loss.length === 0 ? 'check the data’s scale, or ' : ''}try a smaller learning rate`,
    epoch,
    history,
    detail,
    afterLastEpoch,
  })
}

/**
 * Whether a training error is a divergence (and so carries the history up to it).
 *
 * @category Errors
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { linalg, network, random, train } from 'gradfold'
 * const net = network.mlp([1, 1], { hidden: 'linear', output: 'linear', key: random.key(0) })
 * const sgd = train.sgd(1e3)
 * assert.ok(E.isRight(net) && E.isRight(sgd))
 * const data = { train: { X: linalg.fill(4, 1, 100), y: linalg.fill(4, 1, -100) } }
 * const result = train.fit({ loss: 'mse', optimizer: sgd.right, epochs: 200, batchSize: null })(train.initialState(net.right, sgd.right), data)
 * assert.ok(E.isLeft(result) && train.isDiverged(result.left))
 * assert.match(result.left.message, /^diverged at epoch \d+ \(loss .+ after .+\): try a smaller learning rate$/)
 * assert.strictEqual(result.left.history.loss.length, result.left.epoch)
 * assert.ok(!train.isDiverged(network.networkError('UnknownName', 'mlp: unknown activation swish')))
 */
export const isDiverged = (error: NetworkError): error is Diverged =>
  error._tag === 'Diverged' && 'history' in error
