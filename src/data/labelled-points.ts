// The shared last steps of scikit-learn's 2-D generators: points listed class by class become a
// dataset, rows are shuffled by one permutation draw, and Gaussian noise (if asked for) is added
// by one normal draw — in that order, so the numpy stream is consumed exactly as sklearn does.

import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as linalg from '../linalg/index.js'
import type { Matrix } from '../linalg/index.js'
import type { Dataset } from './dataset.js'
import { invalidData, type DataError } from './errors.js'
import type { Stream } from './stream.js'

/** Points of one class: one array of coordinates per feature, all of one length. */
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
  for (const { label, coordinates } of classes) {
    const count = coordinates[0]?.length ?? 0
    for (let index = 0; index < count; index++) {
      rows.push(coordinates.map((feature) => feature[index] ?? Number.NaN))
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
    E.bind('X', () => E.chain(addNoise)(linalg.fromRows(order.map((index) => rows[index] ?? [])))),
    E.bind('y', () => linalg.columnVector(order.map((index) => labels[index] ?? Number.NaN))),
    E.map(({ X, y }): Dataset => Object.freeze({ X, y })),
    E.mapLeft((error) => invalidData(operation, error.message)),
  )
}
