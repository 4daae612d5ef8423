// One-hot encoding of class labels: a column of class indices becomes one row per example with
// a single 1 in the column of its class. Law: every row sums to 1 and its argmax is the label.

import * as E from 'fp-ts/lib/Either.js'
import * as linalg from '../linalg/index.js'
import type { Matrix } from '../linalg/index.js'
import { invalidData, invalidOption, type DataError } from './errors.js'

/**
 * Encodes a column of labels 0..classes−1 as an n×classes matrix of zeros and ones. `classes`
 * defaults to the largest label + 1. Left for a label that is not such an integer.
 *
 * @category Preprocessing
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { data, linalg } from 'gradfold'
 * const labels = linalg.columnVector([2, 0, 1])
 * assert.ok(E.isRight(labels))
 * assert.deepStrictEqual(E.map(linalg.toRows)(data.oneHot(labels.right)), E.right([[0, 0, 1], [1, 0, 0], [0, 1, 0]]))
 * assert.ok(E.isLeft(data.oneHot(labels.right, 2)))
 */
export const oneHot = (labels: Matrix, classes?: number): E.Either<DataError, Matrix> => {
  const operation = 'oneHot'
  if (labels.cols !== 1) {
    return E.left(
      invalidData(operation, `labels are ${linalg.formatShape(labels)}, expected one column`),
    )
  }
  const values = linalg.toFlat(labels)
  const count = classes ?? Math.max(...values) + 1
  if (!Number.isSafeInteger(count) || count < 1) {
    return E.left(invalidOption(operation, 'classes', count, 'a positive integer'))
  }
  const wrong = values.findIndex((label) => !Number.isInteger(label) || label < 0 || label >= count)
  if (wrong >= 0) {
    return E.left(
      invalidData(
        operation,
        `labels[${wrong}] is ${values[wrong]}, expected an integer from 0 to ${count - 1}`,
      ),
    )
  }
  return E.mapLeft((error: linalg.LinalgError) => invalidData(operation, error.message))(
    linalg.generate(labels.rows, count, (row, col) => (values[row] === col ? 1 : 0)),
  )
}
