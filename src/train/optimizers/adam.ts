// Adam with bias correction, θ ← θ − η·m̂/(√v̂ + ε): chain(scaleByAdam(options),
// scaleByLearningRate(η)), the rate multiplying m̂ before the division. Law: the first step moves
// every coordinate with a nonzero gradient by ≈ η (exactly η·|g|/(|g| + ε)).

import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { chain } from '../combinators.js'
import type { Optimizer } from '../optimizer.js'
import { renamed, type OptimizerError } from '../options.js'
import type { LearningRate } from '../schedules.js'
import {
  scaleByAdam,
  type AdamOptions,
  type ScaleByAdamState,
} from '../transforms/scale-by-adam.js'
import {
  learningRateScaling,
  type ScaleByLearningRateState,
} from '../transforms/scale-by-learning-rate.js'

export type { AdamOptions } from '../transforms/scale-by-adam.js'

/**
 * Adam's state: scaleByAdam's count and moments, then the learning rate's step count.
 *
 * @category Optimizers
 */
export type AdamState = readonly [ScaleByAdamState, ScaleByLearningRateState]

/**
 * The Adam optimizer (Kingma and Ba): moments m ← β₁m + (1 − β₁)g and v ← β₂v + (1 − β₂)g² from
 * zero, bias-corrected at step t = 1, 2, … (m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ)), update
 * (−η·m̂)/(√v̂ + ε) — ε outside the root, as PyTorch and optax. Defaults β₁ = 0.9, β₂ = 0.999,
 * ε = 1e-8. Left naming the option when one is out of range.
 *
 * @category Optimizers
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { graph, linalg } from 'gradfold'
 * import { adam } from './adam.js'
 * const entries = (tree: graph.Tree) => graph.leaves(tree).flatMap(([, leaf]) => linalg.toFlat(leaf))
 * const optimizer = adam(0.01)
 * assert.ok(E.isRight(optimizer))
 * const parameters = { w: linalg.zeros(1, 2) }
 * const gradients = { w: linalg.fill(1, 2, -5) }
 * const { updates, state } = optimizer.right.update(gradients, optimizer.right.init(parameters), parameters)
 * for (const value of entries(updates)) assert.ok(Math.abs(value - 0.01) < 1e-9)
 * assert.deepStrictEqual([state[0].count, state[1].step], [1, 1])
 * const refused = adam(0.01, { beta1: 1.5 })
 * assert.ok(E.isLeft(refused))
 * assert.strictEqual(refused.left.message, 'adam: beta1 is 1.5, expected a number in [0, 1)')
 */
export const adam = (
  learningRate: LearningRate,
  options: AdamOptions = {},
): E.Either<OptimizerError, Optimizer<AdamState>> =>
  pipe(
    E.Do,
    E.apS('rate', learningRateScaling('adam', learningRate)),
    E.apS('moments', pipe(scaleByAdam(options), E.mapLeft(renamed('adam')))),
    E.map(({ moments, rate }) => chain<AdamState>(moments, rate)),
  )
