// Two interleaving half circles, scikit-learn's `make_moons`: the outer moon (label 0) is
// (cos t, sin t), the inner (label 1) is (1 − cos t, 1 − sin t − 0.5), t evenly spaced on [0, π].
// Law: with `rng: 'numpy'` the output equals scikit-learn's for the same seed (to ~1e-16, the
// difference between V8's and numpy's sin and cos).

import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import type { Dataset } from './dataset.js'
import type { DataError } from './errors.js'
import { checkPointCloud, labelledPoints, type PointCloudOptions } from './labelled-points.js'
import { linspace } from './linspace.js'

/**
 * Options of `makeMoons`: the outer moon gets ⌊samples/2⌋ points, the inner the rest.
 *
 * @category Generators
 */
export type MoonsOptions = PointCloudOptions

/**
 * The two-moons dataset, X of shape samples×2 and y a column of 0/1 labels.
 *
 * @category Generators
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { data } from 'gradfold'
 * const moons = data.makeMoons({ samples: 300, noise: 0.2, seed: 42, rng: 'numpy' })
 * assert.ok(E.isRight(moons) && moons.right.X.rows === 300 && moons.right.y.cols === 1)
 * const bad = data.makeMoons({ samples: -3, seed: 42 })
 * assert.ok(E.isLeft(bad) && bad.left.message === 'makeMoons: samples is -3, expected a positive integer')
 */
export const makeMoons = (options: MoonsOptions): E.Either<DataError, Dataset> => {
  const operation = 'makeMoons'
  return pipe(
    checkPointCloud(operation, options),
    E.chain(({ samples, noise, shuffle, stream }) => {
      const outerCount = Math.floor(samples / 2)
      const innerCount = samples - outerCount
      const outer = linspace(0, Math.PI, outerCount)
      const inner = linspace(0, Math.PI, innerCount)
      return labelledPoints(
        operation,
        [
          { label: 0, coordinates: [outer.map(Math.cos), outer.map(Math.sin)] },
          {
            label: 1,
            coordinates: [
              inner.map((t) => 1 - Math.cos(t)),
              inner.map((t) => 1 - Math.sin(t) - 0.5),
            ],
          },
        ],
        stream,
        { shuffle, noise },
      )
    }),
  )
}
