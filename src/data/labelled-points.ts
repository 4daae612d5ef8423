// The shared last steps of scikit-learn's 2-D generators: points listed class by class become a
// dataset, rows are shuffled by one permutation draw, and Gaussian noise (if asked for) is added
// by one normal draw — in that order, so the numpy stream is consumed exactly as sklearn does.

import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as linalg from '../linalg/index.js'
import type { Matrix } from '../linalg/index.js'
import { at } from '../linalg/internal.js'
import type { Dataset } from './dataset.js'
import { invalidData, type DataError } from './errors.js'
import { openStream, type RandomOptions, type Stream } from './stream.js'
import { nonNegative, optional, positiveInteger } from './validate.js'

/** The fields every 2-D point generator shares, besides its randomness. */
export interface PointCloudFields {
  /** Number of points in all. */
  readonly samples: number
  /** Standard deviation of Gaussian noise added to every coordinate; none when absent. */
  readonly noise?: number
  /** Shuffle the rows (default true, as scikit-learn). */
  readonly shuffle?: boolean
}

/** The options every 2-D point generator shares. */
export type PointCloudOptions = RandomOptions & PointCloudFields

/** The shared options checked, and the stream they open. */
export interface CheckedPointCloud {
  readonly samples: number
  readonly noise: number | undefined
  readonly shuffle: boolean
  readonly stream: Stream
}

/** Checks `samples` and `noise` and opens the random stream, naming the first bad option. */
export const checkPointCloud = (
  operation: string,
  options: PointCloudOptions,
): E.Either<DataError, CheckedPointCloud> =>
  pipe(
    E.Do,
    E.bind('samples', () => positiveInteger(operation, 'samples', options.samples)),
    E.bind('noise', () => optional(nonNegative)(operation, 'noise', options.noise)),
    E.bind('stream', () => openStream(operation, options)),
    E.map((checked) => ({ ...checked, shuffle: options.shuffle ?? true })),
  )

/** Points of one class: one array of coordinates per feature (at least one), all of one length. */
export interface ClassPoints {
  readonly label: number
  readonly coordinates: readonly (readonly number[])[]
}

/** How the listed points are finished: shuffled or not, with noise of a scale or none. */
export interface Finish {
  readonly shuffle: boolean
  readonly noise: number | undefined
}

/** Rows of `classes` in order, shuffled by `stream` when asked, then noise of scale `noise` added. */
export const labelledPoints = (
  operation: string,
  classes: readonly ClassPoints[],
  stream: Stream,
  finish: Finish,
): E.Either<DataError, Dataset> => {
  const rows: number[][] = []
  const labels: number[] = []
  const where = `${operation}: coordinates`
  for (const { label, coordinates } of classes) {
    const count = at(coordinates, 0, where).length
    for (let index = 0; index < count; index++) {
      rows.push(coordinates.map((feature) => at(feature, index, where)))
      labels.push(label)
    }
  }
  const [order, afterShuffle] = finish.shuffle
    ? stream.permutation(rows.length)
    : [rows.map((_, index) => index), stream]
  const addNoise = (X: Matrix): E.Either<linalg.LinalgError, Matrix> => {
    if (finish.noise === undefined) return E.right(X)
    const [noise] = afterShuffle.normal(X.rows, X.cols, finish.noise)
    return linalg.add(X, noise)
  }
  return pipe(
    E.Do,
    E.bind('X', () =>
      E.chain(addNoise)(
        linalg.fromRows(order.map((index) => at(rows, index, `${operation}: rows`))),
      ),
    ),
    E.bind('y', () =>
      linalg.columnVector(order.map((index) => at(labels, index, `${operation}: labels`))),
    ),
    E.map(({ X, y }): Dataset => Object.freeze({ X, y })),
    E.mapLeft((error) => invalidData(operation, error.message)),
  )
}
