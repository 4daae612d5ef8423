// Plain gradient descent, θ ← θ − η·g: scaleByLearningRate alone. Laws: zero gradients give zero
// updates (the identity step); the update is linear in the gradient; the state only counts steps
// (for schedules).

import * as E from 'fp-ts/lib/Either.js'
import type { Optimizer } from '../optimizer.js'
import type { OptimizerError } from '../options.js'
import type { LearningRate } from '../schedules.js'
import {
  learningRateScaling,
  type ScaleByLearningRateState,
} from '../transforms/scale-by-learning-rate.js'

/**
 * SGD's state: the number of updates made, the step a schedule is read at.
 *
 * @category Optimizers
 */
export type SgdState = ScaleByLearningRateState

/**
 * Stochastic gradient descent with a fixed rate or a schedule: updates −η(step)·g, the step
 * counted from 0. No momentum, no weight decay. Left when η is a number that is not finite and
 * ≥ 0.
 *
 * @category Optimizers
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { graph, linalg } from 'gradfold'
 * import { sgd } from './sgd.js'
 * const entries = (tree: graph.Tree) => graph.leaves(tree).flatMap(([, leaf]) => linalg.toFlat(leaf))
 * const optimizer = sgd(0.1)
 * assert.ok(E.isRight(optimizer))
 * const parameters = { w: linalg.ones(1, 2) }
 * const { updates, state } = optimizer.right.update({ w: linalg.fill(1, 2, 2) }, optimizer.right.init(parameters), parameters)
 * assert.deepStrictEqual(entries(updates), [-0.2, -0.2])
 * assert.strictEqual(state.step, 1)
 */
export const sgd = (learningRate: LearningRate): E.Either<OptimizerError, Optimizer<SgdState>> =>
  learningRateScaling('sgd', learningRate)
