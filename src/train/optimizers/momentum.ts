// Heavy-ball momentum, v ← β·v + g, θ ← θ − η·v: chain(trace({ beta }), scaleByLearningRate(η)).
// Laws: β = 0 is SGD bit for bit; with a constant gradient g the velocity tends to g/(1 − β).

import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { chain } from '../combinators.js'
import type { Optimizer } from '../optimizer.js'
import { renamed, type OptimizerError } from '../options.js'
import type { LearningRate } from '../schedules.js'
import {
  learningRateScaling,
  type ScaleByLearningRateState,
} from '../transforms/scale-by-learning-rate.js'
import { trace, type TraceState } from '../transforms/trace.js'

/**
 * Momentum's options; every field has a default.
 *
 * @category Optimizers
 */
export interface MomentumOptions {
  /** β, how much of the velocity each step keeps, in [0, 1); default 0.9. */
  readonly beta?: number
}

/**
 * Momentum's state: the trace's velocity, then the learning rate's step count.
 *
 * @category Optimizers
 */
export type MomentumState = readonly [TraceState, ScaleByLearningRateState]

/**
 * Gradient descent with heavy-ball momentum (Polyak), in the form of PyTorch and optax: the
 * velocity starts at zero, v ← β·v + g (no dampening), update −η·v. Left naming the option when
 * η or β is out of range.
 *
 * @category Optimizers
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { graph, linalg } from 'gradfold'
 * import { momentum } from './momentum.js'
 * const entries = (tree: graph.Tree) => graph.leaves(tree).flatMap(([, leaf]) => linalg.toFlat(leaf))
 * const optimizer = momentum(0.1, { beta: 0.5 })
 * assert.ok(E.isRight(optimizer))
 * const parameters = { w: linalg.zeros(1, 1) }
 * const gradients = { w: linalg.ones(1, 1) }
 * const first = optimizer.right.update(gradients, optimizer.right.init(parameters), parameters)
 * const second = optimizer.right.update(gradients, first.state, parameters)
 * // v = 1, then 1.5
 * assert.deepStrictEqual(entries(second.updates), [-0.15000000000000002])
 * assert.ok(E.isLeft(momentum(0.1, { beta: 1 })))
 */
export const momentum = (
  learningRate: LearningRate,
  options: MomentumOptions = {},
): E.Either<OptimizerError, Optimizer<MomentumState>> =>
  pipe(
    E.Do,
    E.apS('rate', learningRateScaling('momentum', learningRate)),
    E.apS('velocity', pipe(trace({ ...options, nesterov: false }), E.mapLeft(renamed('momentum')))),
    E.map(({ velocity, rate }) => chain<MomentumState>(velocity, rate)),
  )
