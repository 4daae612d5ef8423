// The XOR dataset: points uniform on [−1, 1)², labelled 1 where the two coordinates have
// different signs — the classic problem no linear model solves. Law: before noise, y = 1 exactly
// when x₁·x₂ < 0.

import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as linalg from '../linalg/index.js'
import type { Matrix } from '../linalg/index.js'
import type { Dataset } from './dataset.js'
import { invalidData, type DataError } from './errors.js'
import { checkPointCloud, type PointCloudFields } from './labelled-points.js'
import type { RandomOptions } from './stream.js'

/**
 * Options of `makeXor` (points are drawn in random order, so there is nothing to shuffle).
 *
 * @category Generators
 */
export type XorOptions = RandomOptions & Omit<PointCloudFields, 'shuffle'>

/**
 * XOR-labelled points; X is samples×2, y a column of 0/1 labels.
 *
 * @category Generators
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { data, linalg } from 'gradfold'
 * const xor = data.makeXor({ samples: 200, seed: 7 })
 * assert.ok(E.isRight(xor))
 * const rows = linalg.toRows(xor.right.X)
 * linalg.toFlat(xor.right.y).forEach((label, index) => {
 *   const [a = 0, b = 0] = rows[index] ?? []
 *   assert.strictEqual(label, a * b < 0 ? 1 : 0)
 * })
 */
export const makeXor = (options: XorOptions): E.Either<DataError, Dataset> => {
  const operation = 'makeXor'
  return pipe(
    checkPointCloud(operation, options),
    E.chain(({ samples, noise, stream }) => {
      const [points, afterPoints] = stream.uniform(samples, 2, -1, 1)
      const coordinates = linalg.toRows(points)
      const labels = coordinates.map(([a = 0, b = 0]) => (a * b < 0 ? 1 : 0))
      const noisy = (X: Matrix): E.Either<linalg.LinalgError, Matrix> =>
        noise === undefined ? E.right(X) : linalg.add(X, afterPoints.normal(samples, 2, noise)[0])
      return pipe(
        E.Do,
        E.bind('X', () => noisy(points)),
        E.bind('y', () => linalg.columnVector(labels)),
        E.map(({ X, y }): Dataset => Object.freeze({ X, y })),
        E.mapLeft((error) => invalidData(operation, error.message)),
      )
    }),
  )
}
