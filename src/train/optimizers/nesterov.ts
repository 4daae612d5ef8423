// Nesterov momentum, v ← β·v + g, θ ← θ − η·(g + β·v): chain(trace({ beta, nesterov: true }),
// scaleByLearningRate(η)) — the gradient step taken from the look-ahead point. Laws: β = 0 is SGD;
// its velocity is momentum's, bit for bit.

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
import type { MomentumOptions } from './momentum.js'

/**
 * Nesterov's state: the trace's velocity, then the learning rate's step count.
 *
 * @category Optimizers
 */
export type NesterovState = readonly [TraceState, ScaleByLearningRateState]

/**
 * Gradient descent with Nesterov momentum in the form of PyTorch and optax (Sutskever et al.):
 * the velocity starts at zero, v ← β·v + g (no dampening), update −η·(g + β·v). Left naming the
 * option when η or β is out of range.
 *
 * @category Optimizers
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { graph, linalg } from 'gradfold'
 * import { nesterov } from './nesterov.js'
 * const entries = (tree: graph.Tree) => graph.leaves(tree).flatMap(([, leaf]) => linalg.toFlat(leaf))
 * const optimizer = nesterov(0.1, { beta: 0.5 })
 * assert.ok(E.isRight(optimizer))
 * const parameters = { w: linalg.zeros(1, 1) }
 * const { updates } = optimizer.right.update({ w: linalg.ones(1, 1) }, optimizer.right.init(parameters), parameters)
 * // v = 1, update = −0.1·(1 + 0.5·1)
 * assert.deepStrictEqual(entries(updates), [-0.15000000000000002])
 */
export const nesterov = (
  learningRate: LearningRate,
  options: MomentumOptions = {},
): E.Either<OptimizerError, Optimizer<NesterovState>> =>
  pipe(
    E.Do,
    E.apS('rate', learningRateScaling('nesterov', learningRate)),
    E.apS('velocity', pipe(trace({ ...options, nesterov: true }), E.mapLeft(renamed('nesterov')))),
    E.map(({ velocity, rate }) => chain<NesterovState>(velocity, rate)),
  )
