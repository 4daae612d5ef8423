// Two interleaved spirals: class c's points are r·(cos θ, sin θ) with r = t and
// θ = 2π·turns·t + c·π for t evenly spaced on [0, 1]. Law: before noise, every point of class c
// lies on its spiral (distance to the origin equals t).

import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import type { Dataset } from './dataset.js'
import type { DataError } from './errors.js'
import { checkPointCloud, labelledPoints, type PointCloudOptions } from './labelled-points.js'
import { linspace } from './linspace.js'
import { positive } from './validate.js'

/**
 * Options of `makeSpirals`: the first spiral gets ⌊samples/2⌋ points, the second the rest.
 *
 * @category Generators
 */
export type SpiralsOptions = PointCloudOptions & {
  /** Turns each spiral makes (default 1.5). */
  readonly turns?: number
}

/**
 * The two-spirals dataset; X is samples×2, y a column of 0/1 labels.
 *
 * @category Generators
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { data } from 'gradfold'
 * const spirals = data.makeSpirals({ samples: 100, noise: 0.02, seed: 1 })
 * assert.ok(E.isRight(spirals) && spirals.right.X.cols === 2)
 * assert.ok(E.isLeft(data.makeSpirals({ samples: 100, turns: 0, seed: 1 })))
 */
export const makeSpirals = (options: SpiralsOptions): E.Either<DataError, Dataset> => {
  const operation = 'makeSpirals'
  return pipe(
    checkPointCloud(operation, options),
    E.bind('turns', () => positive(operation, 'turns', options.turns ?? 1.5)),
    E.chain(({ samples, turns, noise, shuffle, stream }) => {
      const firstCount = Math.floor(samples / 2)
      const spiral = (label: number, count: number) => {
        const t = linspace(0, 1, count)
        const angle = (s: number): number => 2 * Math.PI * turns * s + label * Math.PI
        return {
          label,
          coordinates: [t.map((s) => s * Math.cos(angle(s))), t.map((s) => s * Math.sin(angle(s)))],
        }
      }
      return labelledPoints(
        operation,
        [spiral(0, firstCount), spiral(1, samples - firstCount)],
        stream,
        { shuffle, noise },
      )
    }),
  )
}
