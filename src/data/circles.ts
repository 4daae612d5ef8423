// A large circle containing a smaller one, scikit-learn's `make_circles`: the outer circle
// (label 0) has radius 1, the inner (label 1) radius `factor`, angles evenly spaced on [0, 2π).
// Law: with `rng: 'numpy'` the output equals scikit-learn's for the same seed (to ~1e-16).

import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import type { Dataset } from './dataset.js'
import type { DataError } from './errors.js'
import { checkPointCloud, labelledPoints, type PointCloudOptions } from './labelled-points.js'
import { linspace } from './linspace.js'
import { openUnitInterval } from './validate.js'

/**
 * Options of `makeCircles`: the outer circle gets ⌊samples/2⌋ points, the inner the rest.
 *
 * @category Generators
 */
export type CirclesOptions = PointCloudOptions & {
  /** Radius of the inner circle relative to the outer, strictly between 0 and 1 (default 0.8). */
  readonly factor?: number
}

/** The inner circle's radius when `factor` is left out: scikit-learn's default. */
const DEFAULT_CIRCLES_FACTOR = 0.8

/**
 * The concentric-circles dataset, X of shape samples×2 and y a column of 0/1 labels.
 *
 * @category Generators
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { data } from 'gradfold'
 * const circles = data.makeCircles({ samples: 300, noise: 0.1, factor: 0.5, seed: 42, rng: 'numpy' })
 * assert.ok(E.isRight(circles) && circles.right.X.rows === 300)
 * const bad = data.makeCircles({ samples: 10, factor: 1.5, seed: 1 })
 * assert.ok(E.isLeft(bad) && bad.left.message === 'makeCircles: factor is 1.5, expected a number strictly between 0 and 1')
 */
export const makeCircles = (options: CirclesOptions): E.Either<DataError, Dataset> => {
  const operation = 'makeCircles'
  return pipe(
    checkPointCloud(operation, options),
    E.bind('factor', () =>
      openUnitInterval(operation, 'factor', options.factor ?? DEFAULT_CIRCLES_FACTOR),
    ),
    E.chain(({ samples, noise, shuffle, factor, stream }) => {
      const outerCount = Math.floor(samples / 2)
      const innerCount = samples - outerCount
      const outer = linspace(0, 2 * Math.PI, outerCount, false)
      const inner = linspace(0, 2 * Math.PI, innerCount, false)
      return labelledPoints(
        operation,
        [
          { label: 0, coordinates: [outer.map(Math.cos), outer.map(Math.sin)] },
          {
            label: 1,
            coordinates: [
              inner.map((t) => Math.cos(t) * factor),
              inner.map((t) => Math.sin(t) * factor),
            ],
          },
        ],
        stream,
        { shuffle, noise },
      )
    }),
  )
}
