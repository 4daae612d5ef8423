// Standardisation as a fitted, pure record: fit the per-feature mean and standard deviation on
// the training inputs, then apply the same record to any inputs (train, test, a grid).
// Laws: standardized training columns have mean ≈ 0 and population std ≈ 1 (a constant column
// keeps scale 1, as scikit-learn's StandardScaler); `unstandardize(s, standardize(s, X)) ≈ X`.

import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as linalg from '../linalg/index.js'
import type { Matrix } from '../linalg/index.js'
import { invalidData, type DataError } from './errors.js'

/**
 * A fitted standardiser: 1×d rows of per-feature means and scales.
 *
 * @category Preprocessing
 */
export interface Standardizer {
  readonly mean: Matrix
  readonly scale: Matrix
}

/**
 * Fits a standardiser to inputs X (one example per row): the column means and population
 * standard deviations, a zero deviation replaced by 1.
 *
 * @category Preprocessing
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { data, linalg } from 'gradfold'
 * const X = linalg.fromRows([[1, 10], [3, 10]])
 * assert.ok(E.isRight(X))
 * const fitted = data.fitStandardizer(X.right)
 * assert.ok(E.isRight(fitted))
 * assert.deepStrictEqual(linalg.toRows(fitted.right.mean), [[2, 10]])
 * assert.deepStrictEqual(linalg.toRows(fitted.right.scale), [[1, 1]])
 */
export const fitStandardizer = (X: Matrix): E.Either<DataError, Standardizer> => {
  const mean = linalg.columnMeans(X)
  return pipe(
    linalg.selectRows(mean, Array<number>(X.rows).fill(0)),
    E.chain((repeatedMean) => linalg.sub(X, repeatedMean)),
    E.chain((deviations) => linalg.mul(deviations, deviations)),
    E.chain((squares) =>
      linalg.map(linalg.columnMeans(squares), (variance) =>
        variance > 0 ? Math.sqrt(variance) : 1,
      ),
    ),
    E.bimap(
      (error) => invalidData('fitStandardizer', error.message),
      (scale): Standardizer => Object.freeze({ mean, scale }),
    ),
  )
}

/**
 * (X − mean) / scale, feature by feature; Left when X's width differs from the fitted one.
 *
 * @category Preprocessing
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { data, linalg } from 'gradfold'
 * const train = linalg.fromRows([[1], [3]])
 * const test = linalg.fromRows([[5]])
 * assert.ok(E.isRight(train) && E.isRight(test))
 * const fitted = data.fitStandardizer(train.right)
 * assert.ok(E.isRight(fitted))
 * assert.deepStrictEqual(E.map(linalg.toRows)(data.standardize(fitted.right, test.right)), E.right([[3]]))
 */
export const standardize = (standardizer: Standardizer, X: Matrix): E.Either<DataError, Matrix> =>
  applyFitted('standardize', standardizer, X, (mean, scale) =>
    E.chain((centered: Matrix) => linalg.div(centered, scale))(linalg.sub(X, mean)),
  )

/**
 * X · scale + mean, undoing `standardize`; Left when X's width differs from the fitted one.
 *
 * @category Preprocessing
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { data, linalg } from 'gradfold'
 * const train = linalg.fromRows([[1], [3]])
 * assert.ok(E.isRight(train))
 * const fitted = data.fitStandardizer(train.right)
 * assert.ok(E.isRight(fitted))
 * const back = E.chain((z: linalg.Matrix) => data.unstandardize(fitted.right, z))(data.standardize(fitted.right, train.right))
 * assert.deepStrictEqual(E.map(linalg.toRows)(back), E.right([[1], [3]]))
 */
export const unstandardize = (standardizer: Standardizer, X: Matrix): E.Either<DataError, Matrix> =>
  applyFitted('unstandardize', standardizer, X, (mean, scale) =>
    E.chain((scaled: Matrix) => linalg.add(scaled, mean))(linalg.mul(X, scale)),
  )

/** Checks X's width, repeats the fitted rows to X's height, and combines them with X. */
const applyFitted = (
  operation: string,
  standardizer: Standardizer,
  X: Matrix,
  combine: (mean: Matrix, scale: Matrix) => E.Either<linalg.LinalgError, Matrix>,
): E.Either<DataError, Matrix> =>
  X.cols === standardizer.mean.cols
    ? pipe(
        E.Do,
        E.bind('mean', () => linalg.selectRows(standardizer.mean, Array<number>(X.rows).fill(0))),
        E.bind('scale', () => linalg.selectRows(standardizer.scale, Array<number>(X.rows).fill(0))),
        E.chain(({ mean, scale }) => combine(mean, scale)),
        E.mapLeft((error) => invalidData(operation, error.message)),
      )
    : E.left(
        invalidData(
          operation,
          `X has ${X.cols} features but the standardizer was fitted on ${standardizer.mean.cols}`,
        ),
      )
