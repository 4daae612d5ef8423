// Gaussian blobs, scikit-learn's `make_blobs`: one isotropic Gaussian cluster per centre, labels
// 0..k−1, samples shared out as evenly as possible (the first clusters get the remainder).
// Law: cluster i's points are centre i plus N(0, std²) noise; numpy mode draws as sklearn does
// (random centres from U[box), then each cluster's normals, then the shuffle).

import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as linalg from '../linalg/index.js'
import type { Matrix } from '../linalg/index.js'
import { at } from '../linalg/internal.js'
import type { Dataset } from './dataset.js'
import { invalidData, invalidOption, type DataError } from './errors.js'
import { openStream, type RandomOptions, type Stream } from './stream.js'
import { finite, nonNegative, positiveInteger } from './validate.js'

/**
 * Options of `makeBlobs`.
 *
 * @category Generators
 */
export type BlobsOptions = RandomOptions & {
  /** Number of points in all. */
  readonly samples: number
  /** The centres as rows, or how many to draw uniformly from `centerBox` (default 3). */
  readonly centers?: number | readonly (readonly number[])[]
  /** Features per point when the centres are drawn (default 2). */
  readonly features?: number
  /** Standard deviation of every cluster (default 1). */
  readonly clusterStd?: number
  /** The box [low, high) random centres are drawn from (default [−10, 10]). */
  readonly centerBox?: readonly [number, number]
  /** Shuffle the rows (default true). */
  readonly shuffle?: boolean
}

const drawCenters = (
  operation: string,
  options: BlobsOptions,
  stream: Stream,
): E.Either<DataError, readonly [Matrix, Stream]> => {
  const centers = options.centers ?? 3
  if (typeof centers !== 'number') {
    return pipe(
      linalg.fromRows(centers),
      E.bimap(
        (error) =>
          invalidOption(
            operation,
            'centers',
            centers,
            `rows of finite coordinates (${error.message})`,
          ),
        (matrix): readonly [Matrix, Stream] => [matrix, stream],
      ),
    )
  }
  const [low, high] = options.centerBox ?? [-10, 10]
  return pipe(
    E.Do,
    E.bind('count', () => positiveInteger(operation, 'centers', centers)),
    E.bind('features', () => positiveInteger(operation, 'features', options.features ?? 2)),
    E.bind('low', () => finite(operation, 'centerBox[0]', low)),
    E.bind('high', () => finite(operation, 'centerBox[1]', high)),
    E.filterOrElseW(
      ({ low: from, high: to }) => from < to,
      () => invalidOption(operation, 'centerBox', `[${low}, ${high}]`, 'low < high'),
    ),
    E.map(({ count, features }) => stream.uniform(count, features, low, high)),
  )
}

/**
 * Isotropic Gaussian clusters; X is samples×features, y a column of cluster indices.
 *
 * @category Generators
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { data, linalg } from 'gradfold'
 * const blobs = data.makeBlobs({ samples: 90, centers: [[0, 0], [5, 5], [-5, 5]], clusterStd: 0.5, seed: 3 })
 * assert.ok(E.isRight(blobs))
 * assert.deepStrictEqual(linalg.sum(blobs.right.y), 0 * 30 + 1 * 30 + 2 * 30)
 */
export const makeBlobs = (options: BlobsOptions): E.Either<DataError, Dataset> => {
  const operation = 'makeBlobs'
  return pipe(
    E.Do,
    E.bind('samples', () => positiveInteger(operation, 'samples', options.samples)),
    E.bind('clusterStd', () => nonNegative(operation, 'clusterStd', options.clusterStd ?? 1)),
    E.bind('opened', () => openStream(operation, options)),
    E.bind('drawn', ({ opened }) => drawCenters(operation, options, opened)),
    E.chain(({ samples, clusterStd, drawn: [centers, afterCenters] }) => {
      const counts = Array.from(
        { length: centers.rows },
        (_, index) => Math.floor(samples / centers.rows) + (index < samples % centers.rows ? 1 : 0),
      )
      let stream = afterCenters
      const clusters: Matrix[] = []
      const labels: number[] = []
      counts.forEach((count, index) => {
        if (count === 0) return
        const [noise, next] = stream.normal(count, centers.cols, clusterStd)
        stream = next
        const center = E.getOrElse(() => linalg.zeros(1, centers.cols))(
          linalg.selectRows(centers, [index]),
        )
        clusters.push(E.getOrElse(() => noise)(linalg.addRowVector(noise, center)))
        labels.push(...Array<number>(count).fill(index))
      })
      const [order] =
        (options.shuffle ?? true) ? stream.permutation(samples) : [labels.map((_, index) => index)]
      return pipe(
        E.Do,
        E.bind('X', () =>
          E.chain((X: Matrix) => linalg.selectRows(X, order))(linalg.concatRows(clusters)),
        ),
        E.bind('y', () =>
          linalg.columnVector(order.map((index) => at(labels, index, 'makeBlobs: labels'))),
        ),
        E.map(({ X, y }): Dataset => Object.freeze({ X, y })),
        E.mapLeft((error) => invalidData(operation, error.message)),
      )
    }),
  )
}
