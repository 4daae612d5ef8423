// A dataset is an immutable record of two matrices: inputs X (one example per row) and targets
// y (one row per example; a column of 0/1 labels for binary tasks, class indices for several).
// Law: X.rows === y.rows for every Dataset this layer returns.

import * as E from 'fp-ts/lib/Either.js'
import * as linalg from '../linalg/index.js'
import type { Matrix } from '../linalg/index.js'
import { invalidData, type DataError } from './errors.js'

/**
 * Inputs and targets, one example per row of each.
 *
 * @category Datasets
 */
export interface Dataset {
  readonly X: Matrix
  readonly y: Matrix
}

/**
 * A dataset from inputs and targets; Left unless they have one row per example each.
 *
 * @category Datasets
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { data, linalg } from 'gradfold'
 * assert.ok(E.isRight(data.dataset(linalg.zeros(4, 2), linalg.ones(4, 1))))
 * assert.ok(E.isLeft(data.dataset(linalg.zeros(4, 2), linalg.ones(3, 1))))
 */
export const dataset = (X: Matrix, y: Matrix): E.Either<DataError, Dataset> =>
  X.rows === y.rows
    ? E.right(Object.freeze({ X, y }))
    : E.left(
        invalidData(
          'dataset',
          `X is ${linalg.formatShape(X)} but y is ${linalg.formatShape(y)} — expected one row of y per row of X`,
        ),
      )

/**
 * The examples at `indices`, in that order (a shuffle, a split, a mini-batch).
 *
 * @category Datasets
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { data, linalg } from 'gradfold'
 * const all = data.dataset(linalg.identity(3), linalg.zeros(3, 1))
 * assert.ok(E.isRight(all))
 * const picked = data.selectExamples(all.right, [2, 0])
 * assert.ok(E.isRight(picked))
 * assert.deepStrictEqual(linalg.toRows(picked.right.X), [[0, 0, 1], [1, 0, 0]])
 */
export const selectExamples = (
  source: Dataset,
  indices: readonly number[],
): E.Either<DataError, Dataset> =>
  E.mapLeft((error: linalg.LinalgError) => invalidData('selectExamples', error.message))(
    E.chain((X: Matrix) =>
      E.map((y: Matrix): Dataset => Object.freeze({ X, y }))(linalg.selectRows(source.y, indices)),
    )(linalg.selectRows(source.X, indices)),
  )
