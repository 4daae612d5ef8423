// The training history: one entry per epoch for every series, each describing the network as it
// was at the start of that epoch (before the epoch's updates, as the notebook records its loss),
// plus the final figures after the last epoch. Laws: every series has one entry per epoch; the
// notebook's "gradient norm" is Σ over layers of the squared weight-gradient norm (`notebookGradientNorms`).

import * as linalg from '../linalg/index.js'
import type { Matrix } from '../linalg/index.js'
import type { Network } from '../network/index.js'

/**
 * What one epoch records, measured on the network before the epoch's updates.
 *
 * @category History
 */
export interface EpochRecord {
  /** The training loss (on the whole training set). */
  readonly loss: number
  /** The fraction of training examples classified correctly (see `accuracy`). */
  readonly trainAccuracy: number
  /** The loss and accuracy on the test set, when one is given. */
  readonly test?: { readonly loss: number; readonly accuracy: number }
  /** Per dense layer, the L2 (Frobenius) norm of the weight gradient dW. */
  readonly weightGradientNorms: readonly number[]
  /** Per dense layer, the L2 norm of the bias gradient db. */
  readonly biasGradientNorms: readonly number[]
  /** Per dense layer, the L2 norm of the weights W. */
  readonly weightNorms: readonly number[]
}

/**
 * Loss and accuracy of the trained network, after the last epoch.
 *
 * @category History
 */
export interface FinalMetrics {
  readonly trainLoss: number
  readonly trainAccuracy: number
  readonly testLoss?: number
  readonly testAccuracy?: number
}

/**
 * Per-epoch series (index = epoch) and, once training is over, the final figures.
 *
 * @category History
 */
export interface History {
  readonly loss: readonly number[]
  readonly trainAccuracy: readonly number[]
  /** Test loss and accuracy per epoch; empty when no test set was given. */
  readonly testLoss: readonly number[]
  readonly testAccuracy: readonly number[]
  /** Per epoch, per dense layer: L2 norms of the weight and bias gradients. */
  readonly gradientNorms: {
    readonly weights: readonly (readonly number[])[]
    readonly biases: readonly (readonly number[])[]
  }
  /** Per epoch, per dense layer: L2 norm of the weights. */
  readonly weightNorms: readonly (readonly number[])[]
  /** The trained network's figures; undefined until `finish`. */
  readonly final?: FinalMetrics
}

/**
 * A history with no epochs yet (public as `train.historyOf([])`).
 *
 * @example
 * import assert from 'node:assert'
 * import { emptyHistory } from './history.js'
 * assert.deepStrictEqual(emptyHistory.loss, [])
 */
export const emptyHistory: History = Object.freeze({
  loss: Object.freeze([]),
  trainAccuracy: Object.freeze([]),
  testLoss: Object.freeze([]),
  testAccuracy: Object.freeze([]),
  gradientNorms: Object.freeze({ weights: Object.freeze([]), biases: Object.freeze([]) }),
  weightNorms: Object.freeze([]),
})

/**
 * A history under construction, appended to in O(1) per epoch: the private accumulator of a fold
 * (`foldEpochs`), never handed out. `build` returns a frozen History and the builder's arrays are
 * not touched again. Law: appending records one by one and building equals folding `record`.
 */
export interface HistoryBuilder {
  readonly append: (epoch: EpochRecord) => void
  readonly build: () => History
}

/** The list itself when it is already frozen (as `fit`'s records are), else a frozen copy. */
const frozen = (values: readonly number[]): readonly number[] =>
  Object.isFrozen(values) ? values : Object.freeze([...values])

/**
 * A builder starting from `start` (its epochs copied once).
 *
 * @example
 * import assert from 'node:assert'
 * import { emptyHistory, historyBuilder, record } from './history.js'
 * const epoch = { loss: 0.5, trainAccuracy: 1, weightGradientNorms: [1], biasGradientNorms: [2], weightNorms: [3] }
 * const builder = historyBuilder(emptyHistory)
 * builder.append(epoch)
 * builder.append(epoch)
 * assert.deepStrictEqual(builder.build(), record(record(emptyHistory, epoch), epoch))
 */
export const historyBuilder = (start: History): HistoryBuilder => {
  const loss = [...start.loss]
  const trainAccuracy = [...start.trainAccuracy]
  const testLoss = [...start.testLoss]
  const testAccuracy = [...start.testAccuracy]
  const weightGradientNorms = [...start.gradientNorms.weights]
  const biasGradientNorms = [...start.gradientNorms.biases]
  const weightNorms = [...start.weightNorms]
  let built = false
  return {
    append: (epoch) => {
      if (built) throw new Error('historyBuilder: appended to after build')
      loss.push(epoch.loss)
      trainAccuracy.push(epoch.trainAccuracy)
      if (epoch.test !== undefined) {
        testLoss.push(epoch.test.loss)
        testAccuracy.push(epoch.test.accuracy)
      }
      weightGradientNorms.push(frozen(epoch.weightGradientNorms))
      biasGradientNorms.push(frozen(epoch.biasGradientNorms))
      weightNorms.push(frozen(epoch.weightNorms))
    },
    build: () => {
      built = true
      return Object.freeze({
        ...(start.final === undefined ? {} : { final: start.final }),
        loss: Object.freeze(loss),
        trainAccuracy: Object.freeze(trainAccuracy),
        testLoss: Object.freeze(testLoss),
        testAccuracy: Object.freeze(testAccuracy),
        gradientNorms: Object.freeze({
          weights: Object.freeze(weightGradientNorms),
          biases: Object.freeze(biasGradientNorms),
        }),
        weightNorms: Object.freeze(weightNorms),
      })
    },
  }
}

/**
 * The history with one more epoch appended (a new record; the old one is unchanged). It copies
 * the series, O(epochs): a fold appends with `historyBuilder` instead.
 *
 * @example
 * import assert from 'node:assert'
 * import { emptyHistory, record } from './history.js'
 * const history = record(emptyHistory, {
 *   loss: 0.25, trainAccuracy: 0.5, weightGradientNorms: [3, 4], biasGradientNorms: [1, 1], weightNorms: [2, 2],
 * })
 * assert.deepStrictEqual(history.loss, [0.25])
 * assert.deepStrictEqual(history.gradientNorms.weights, [[3, 4]])
 * assert.deepStrictEqual(emptyHistory.loss, [])
 */
export const record = (history: History, epoch: EpochRecord): History => {
  const builder = historyBuilder(history)
  builder.append(epoch)
  return builder.build()
}

/**
 * The history with its final figures set.
 *
 * @example
 * import assert from 'node:assert'
 * import { emptyHistory, finish } from './history.js'
 * assert.deepStrictEqual(finish(emptyHistory, { trainLoss: 0.1, trainAccuracy: 1 }).final, { trainLoss: 0.1, trainAccuracy: 1 })
 */
export const finish = (history: History, final: FinalMetrics): History =>
  Object.freeze({ ...history, final: Object.freeze({ ...final }) })

/**
 * The history of the given epochs, in order, with the final figures when given: the History
 * `fit` returns, built from records you measured yourself (a hand-written loop, a test, a plot).
 *
 * @category History
 * @example
 * import assert from 'node:assert'
 * import { train } from 'gradfold'
 * const epoch = { loss: 0.5, trainAccuracy: 1, weightGradientNorms: [3], biasGradientNorms: [1], weightNorms: [2] }
 * const history = train.historyOf([epoch, { ...epoch, loss: 0.25 }], { trainLoss: 0.125, trainAccuracy: 1 })
 * assert.deepStrictEqual(history.loss, [0.5, 0.25])
 * assert.deepStrictEqual(history.gradientNorms.weights, [[3], [3]])
 * assert.deepStrictEqual(history.final, { trainLoss: 0.125, trainAccuracy: 1 })
 * assert.deepStrictEqual(train.historyOf([]).loss, [])
 */
export const historyOf = (epochs: readonly EpochRecord[], final?: FinalMetrics): History => {
  const builder = historyBuilder(emptyHistory)
  for (const epoch of epochs) builder.append(epoch)
  const built = builder.build()
  return final === undefined ? built : finish(built, final)
}

/**
 * The notebook's "gradient norm" per epoch: Σ over layers of ‖dW‖² — squared, no root, biases
 * left out (`sum(np.sum(g**2) for g in dW)`).
 *
 * @category History
 * @example
 * import assert from 'node:assert'
 * import { emptyHistory, notebookGradientNorms, record } from './history.js'
 * const history = record(emptyHistory, {
 *   loss: 1, trainAccuracy: 0, weightGradientNorms: [3, 4], biasGradientNorms: [100, 100], weightNorms: [1, 1],
 * })
 * assert.deepStrictEqual(notebookGradientNorms(history), [25])
 */
export const notebookGradientNorms = (history: History): readonly number[] =>
  history.gradientNorms.weights.map((layers) =>
    layers.reduce((total, norm) => total + norm * norm, 0),
  )

/**
 * The fraction of rows whose prediction matches the target. A one-column output is a
 * probability, thresholded as the notebook does (`output > 0.5` against 0/1 labels; pass
 * `threshold` 0 for a logit, as a linear output read by binaryCrossEntropyWithLogits is); a wider
 * output predicts its argmax, compared with a one-hot target's argmax or, for a one-column
 * target, with the class index it holds.
 *
 * @category History
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { linalg } from 'gradfold'
 * import { accuracy } from './history.js'
 * const column = (values: number[]) => E.getOrElseW(() => linalg.zeros(0, 0))(linalg.fromRows(values.map((v) => [v])))
 * assert.strictEqual(accuracy(column([0.9, 0.2, 0.5, 0.7]), column([1, 0, 1, 0])), 0.5)
 */
export const accuracy = (output: Matrix, y: Matrix, threshold = 0.5): number => {
  if (output.rows === 0) return Number.NaN
  // typed copies: this runs every epoch, and a plain array of boxed numbers costs more
  const outputs = linalg.toFloat64Array(output)
  const targets = linalg.toFloat64Array(y)
  let correct = 0
  if (output.cols === 1) {
    outputs.forEach((p, row) => {
      if ((p > threshold ? 1 : 0) === targets[row]) correct++
    })
  } else {
    const predicted = linalg.rowArgmax(output)
    const expected = y.cols === 1 ? targets : linalg.rowArgmax(y)
    predicted.forEach((label, row) => {
      if (label === expected[row]) correct++
    })
  }
  return correct / output.rows
}

/**
 * Per dense layer, the L2 norms of W and of b in a parameter-shaped tree (parameters or their
 * gradients); dropout layers have none and are skipped.
 *
 * @example
 * import assert from 'node:assert'
 * import { linalg } from 'gradfold'
 * import { layerNorms } from './history.js'
 * const norms = layerNorms({ layers: [{ W: linalg.fill(2, 2, 1), b: linalg.fill(1, 2, 3) }, {}] })
 * assert.deepStrictEqual(norms, { weights: [2], biases: [Math.sqrt(18)] })
 */
export const layerNorms = (
  tree: Network['parameters'],
): { readonly weights: readonly number[]; readonly biases: readonly number[] } => {
  const weights: number[] = []
  const biases: number[] = []
  for (const layer of tree.layers) {
    if ('W' in layer) {
      weights.push(linalg.frobeniusNorm(layer.W))
      biases.push(linalg.frobeniusNorm(layer.b))
    }
  }
  return { weights, biases }
}
