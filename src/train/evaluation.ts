// A classifier's figures on a labelled set, computed purely: class probabilities and the predicted
// class per row, the confusion matrix (rows the true class, columns the predicted one), accuracy,
// per-class precision and recall, and the loss. Laws: the confusion matrix's entries add up to the
// rows, its diagonal over the rows is `accuracy`'s figure, its column sums count the predictions;
// a ratio with nothing to divide by is null, never NaN.

import * as E from 'fp-ts/lib/Either.js'
import * as linalg from '../linalg/index.js'
import type { Matrix } from '../linalg/index.js'
import { at } from '../linalg/internal.js'
import * as network from '../network/index.js'
import type { Batch, LossName, Network, NetworkError } from '../network/index.js'

/**
 * A network's class predictions on X.
 *
 * @category Evaluation
 */
export interface ClassPredictions {
  /**
   * n×k, one column per class (k ≥ 2): the network's outputs, with a one-output network's p
   * written as the two columns 1 − p and p. They are probabilities when the last layer is
   * sigmoid or softmax, or when the loss reads logits after a linear layer (the loss's sigmoid or
   * softmax is applied here); after any other last layer they are the raw outputs.
   */
  readonly probabilities: Matrix
  /** The predicted class of each row: p > 0.5 for one output (as `accuracy`), else the argmax. */
  readonly classes: readonly number[]
}

/**
 * Options of `predictClasses` and `evaluateClassifier`: the loss the network was trained with.
 *
 * @category Evaluation
 */
export interface EvaluationOptions {
  readonly loss: LossName
}

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z))

/** Each row's softmax, the row's maximum subtracted first (no overflow). */
const softmaxRows = (rows: readonly (readonly number[])[]): number[][] =>
  rows.map((row) => {
    const top = Math.max(...row)
    const exponentials = row.map((z) => Math.exp(z - top))
    const total = exponentials.reduce((sum, value) => sum + value, 0)
    return exponentials.map((value) => value / total)
  })

/** The output rows as probabilities: the loss's own activation after a linear layer that feeds it. */
const probabilityRows = (net: Network, output: Matrix, loss: LossName): number[][] => {
  const rows = linalg.toRows(output)
  const last = net.layers[net.layers.length - 1]
  const readsLogits =
    last?.kind === 'dense' &&
    last.activation === 'linear' &&
    (loss === 'binaryCrossEntropyWithLogits' || loss === 'softmaxCrossEntropy')
  if (!readsLogits) return rows
  return loss === 'softmaxCrossEntropy'
    ? softmaxRows(rows)
    : rows.map((row) => row.map((z) => sigmoid(z)))
}

/**
 * The class probabilities and predicted class of every row of X (see `ClassPredictions`). Left
 * when the network refuses X (a width that differs from its input size, a non-finite entry).
 *
 * @category Evaluation
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { linalg, network, train } from 'gradfold'
 * const net = network.fromLayers([{ kind: 'dense', W: linalg.fill(1, 1, 1), b: linalg.zeros(1, 1), activation: 'sigmoid' }])
 * assert.ok(E.isRight(net))
 * const X = linalg.fromRows([[-2], [0], [3]])
 * assert.ok(E.isRight(X))
 * const predicted = train.predictClasses(net.right, X.right, { loss: 'binaryCrossEntropy' })
 * assert.ok(E.isRight(predicted))
 * assert.deepStrictEqual(predicted.right.classes, [0, 0, 1]) // σ(0) = 0.5 is not above 0.5
 * assert.deepStrictEqual(linalg.toRows(predicted.right.probabilities)[1], [0.5, 0.5])
 */
export const predictClasses = (
  net: Network,
  X: Matrix,
  options: EvaluationOptions,
): E.Either<NetworkError, ClassPredictions> =>
  E.chain((output: Matrix): E.Either<NetworkError, ClassPredictions> => {
    const rows = probabilityRows(net, output, options.loss)
    const single = output.cols === 1
    const positive = (row: readonly number[]): number => at(row, 0, 'predictClasses: output row')
    const probabilities = linalg.fromRows(
      single ? rows.map((row) => [1 - positive(row), positive(row)]) : rows,
    )
    if (E.isLeft(probabilities)) {
      return E.left(
        network.networkError('NonFiniteInput', `predictClasses: ${probabilities.left.message}`),
      )
    }
    const classes = single
      ? rows.map((row) => (positive(row) > 0.5 ? 1 : 0))
      : linalg.rowArgmax(probabilities.right)
    return E.right(
      Object.freeze({ probabilities: probabilities.right, classes: Object.freeze([...classes]) }),
    )
  })(network.predict(net, X))

/**
 * A classifier's figures on a labelled set.
 *
 * @category Evaluation
 */
export interface Evaluation {
  /** The loss the network was trained with, on the whole set (one forward pass, no dropout). */
  readonly loss: number
  /** The fraction of rows whose predicted class is the true one. */
  readonly accuracy: number
  /** k×k counts: `confusion[t][p]` rows of true class t predicted as p. */
  readonly confusion: readonly (readonly number[])[]
  /** Per class: of the rows predicted as it, the fraction truly it; null when none was predicted. */
  readonly precision: readonly (number | null)[]
  /** Per class: of the rows truly it, the fraction predicted as it; null when the set has none. */
  readonly recall: readonly (number | null)[]
  /** Per class: how many rows are truly it (the confusion matrix's row sums). */
  readonly support: readonly number[]
  /** The predicted class of each row, and the probabilities behind it. */
  readonly predictions: ClassPredictions
}

const evaluationError = (message: string): NetworkError =>
  network.networkError('ShapeMismatch', `evaluateClassifier: ${message}`)

/**
 * The confusion matrix of `classes` classes: entry [t][p] counts the rows whose true class is t
 * and predicted class p. Left when the lists differ in length or hold something other than a
 * class index in [0, classes).
 *
 * @category Evaluation
 * @example
 * import assert from 'node:assert'
 * import { train } from 'gradfold'
 * assert.deepStrictEqual(
 *   train.confusionMatrix([0, 0, 1, 2, 2], [0, 1, 1, 2, 0], 3),
 *   { _tag: 'Right', right: [[1, 1, 0], [0, 1, 0], [1, 0, 1]] },
 * )
 */
export const confusionMatrix = (
  expected: readonly number[],
  predicted: readonly number[],
  classes: number,
): E.Either<NetworkError, readonly (readonly number[])[]> => {
  if (!Number.isSafeInteger(classes) || classes < 1) {
    return E.left(evaluationError(`expected a positive number of classes, got ${classes}`))
  }
  if (expected.length !== predicted.length) {
    return E.left(
      evaluationError(`${expected.length} true classes but ${predicted.length} predicted ones`),
    )
  }
  const counts = Array.from({ length: classes }, () => Array<number>(classes).fill(0))
  const isClass = (value: number | undefined): value is number =>
    value !== undefined && Number.isInteger(value) && value >= 0 && value < classes
  for (let row = 0; row < expected.length; row++) {
    const truth = expected[row]
    const guess = predicted[row]
    if (!isClass(truth) || !isClass(guess)) {
      const [which, value] = isClass(truth) ? ['predicted', guess] : ['true', truth]
      return E.left(
        evaluationError(
          `row ${row}: ${which} class ${value}, expected an integer in [0, ${classes})`,
        ),
      )
    }
    const line = at(counts, truth, 'confusionMatrix: rows')
    line[guess] = at(line, guess, 'confusionMatrix: columns') + 1
  }
  return E.right(Object.freeze(counts.map((line) => Object.freeze(line))))
}

/** part / whole, or null when whole is 0. */
const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole)

/**
 * Per-class precision (diagonal over column sum) and recall (diagonal over row sum) of a
 * confusion matrix, and each class's support (row sum). A class never predicted has precision
 * null, a class absent from the set recall null (scikit-learn reports 0 with a warning there).
 *
 * @category Evaluation
 * @example
 * import assert from 'node:assert'
 * import { train } from 'gradfold'
 * const scores = train.classScores([[2, 1, 0], [0, 1, 0], [0, 0, 0]])
 * assert.deepStrictEqual(scores.precision, [1, 0.5, null])
 * assert.deepStrictEqual(scores.recall, [2 / 3, 1, null])
 * assert.deepStrictEqual(scores.support, [3, 1, 0])
 */
export const classScores = (
  confusion: readonly (readonly number[])[],
): {
  readonly precision: readonly (number | null)[]
  readonly recall: readonly (number | null)[]
  readonly support: readonly number[]
} => {
  const sum = (values: readonly number[]): number =>
    values.reduce((total, value) => total + value, 0)
  const where = 'classScores: a square confusion matrix'
  const diagonal = confusion.map((line, index) => at(line, index, where))
  const support = confusion.map(sum)
  const predictedCounts = confusion.map((_, column) =>
    sum(confusion.map((line) => at(line, column, where))),
  )
  return Object.freeze({
    precision: Object.freeze(
      diagonal.map((hits, index) => ratio(hits, at(predictedCounts, index, where))),
    ),
    recall: Object.freeze(diagonal.map((hits, index) => ratio(hits, at(support, index, where)))),
    support: Object.freeze(support),
  })
}

/** Each row's true class: the argmax of a one-hot row, or the class index a column holds. */
const trueClasses = (y: Matrix, classes: number): E.Either<NetworkError, readonly number[]> => {
  if (y.cols === classes && classes > 1) return E.right(linalg.rowArgmax(y))
  if (y.cols === 1) return E.right(linalg.toFlat(y))
  return E.left(
    evaluationError(
      `y is ${y.rows}×${y.cols}, expected one-hot rows of ${classes} or a column of class indices`,
    ),
  )
}

/**
 * Loss, accuracy, confusion matrix and per-class precision and recall of `net` on `batch`, whose
 * y holds one-hot rows (one column per output) or a column of class indices (0/1 for a
 * one-output network, as training reads them). Classes are predicted by `predictClasses`. Left
 * when the network refuses the batch, or a label is not a class index.
 *
 * @category Evaluation
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { linalg, network, train } from 'gradfold'
 * const net = network.fromLayers([{ kind: 'dense', W: linalg.fill(1, 1, 1), b: linalg.zeros(1, 1), activation: 'sigmoid' }])
 * const X = linalg.fromRows([[-2], [-1], [1], [3]])
 * const y = linalg.fromRows([[0], [1], [1], [1]])
 * assert.ok(E.isRight(net) && E.isRight(X) && E.isRight(y))
 * const figures = train.evaluateClassifier(net.right, { X: X.right, y: y.right }, { loss: 'binaryCrossEntropy' })
 * assert.ok(E.isRight(figures))
 * assert.deepStrictEqual(figures.right.confusion, [[1, 0], [1, 2]])
 * assert.strictEqual(figures.right.accuracy, 0.75)
 * assert.deepStrictEqual([figures.right.precision, figures.right.recall], [[0.5, 1], [1, 2 / 3]])
 */
export const evaluateClassifier = (
  net: Network,
  batch: Batch,
  options: EvaluationOptions,
): E.Either<NetworkError, Evaluation> => {
  if (batch.y.rows !== batch.X.rows) {
    return E.left(evaluationError(`X has ${batch.X.rows} rows but y has ${batch.y.rows}`))
  }
  const predictions = predictClasses(net, batch.X, options)
  if (E.isLeft(predictions)) return predictions
  const classes = predictions.right.probabilities.cols
  const truth = trueClasses(batch.y, classes)
  if (E.isLeft(truth)) return truth
  const confusion = confusionMatrix(truth.right, predictions.right.classes, classes)
  if (E.isLeft(confusion)) return confusion
  // the loss reads labels as training did: a one-output network a 0/1 column, a wider one one-hot
  const lossBatch =
    classes > 1 && batch.y.cols === 1 && net.layers[net.layers.length - 1]?.outputs !== 1
      ? E.map((y: Matrix): Batch => ({ X: batch.X, y }))(oneHotOf(truth.right, classes))
      : E.right(batch)
  const loss = E.chain((labelled: Batch) => network.loss(net, labelled, options.loss))(lossBatch)
  if (E.isLeft(loss)) return loss
  const correct = confusion.right.reduce(
    (total, line, index) => total + at(line, index, 'evaluateClassifier: confusion'),
    0,
  )
  return E.right(
    Object.freeze({
      loss: loss.right,
      accuracy: correct / batch.X.rows,
      confusion: confusion.right,
      ...classScores(confusion.right),
      predictions: predictions.right,
    }),
  )
}

const oneHotOf = (classes: readonly number[], count: number): E.Either<NetworkError, Matrix> =>
  E.mapLeft((error: linalg.LinalgError) => evaluationError(error.message))(
    linalg.fromRows(
      classes.map((label) => Array.from({ length: count }, (_, k) => (k === label ? 1 : 0))),
    ),
  )
