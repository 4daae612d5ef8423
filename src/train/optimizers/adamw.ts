// AdamW, θ ← θ − η·(m̂/(√v̂ + ε) + λ·θ): chain(scaleByAdam(o), addDecayedWeights(λ),
// scaleByLearningRate(η)), the decay decoupled and scaled by η as in PyTorch and optax. Laws:
// λ = 0 is Adam, bit for bit; the decay does not pass through the moments.

import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { chain, type EmptyState } from '../combinators.js'
import type { Optimizer } from '../optimizer.js'
import { renamed, type OptimizerError } from '../options.js'
import type { LearningRate } from '../schedules.js'
import { addDecayedWeights } from '../transforms/add-decayed-weights.js'
import {
  scaleByAdam,
  type AdamOptions,
  type ScaleByAdamState,
} from '../transforms/scale-by-adam.js'
import {
  learningRateScaling,
  type ScaleByLearningRateState,
} from '../transforms/scale-by-learning-rate.js'

/**
 * AdamW's options: Adam's, plus the decoupled weight decay λ (default 0.01).
 *
 * @category Optimizers
 */
export interface AdamWOptions extends AdamOptions {
  /** λ, a finite number ≥ 0; default 0.01. */
  readonly weightDecay?: number
}

/**
 * AdamW's state: scaleByAdam's, the decay's (empty), then the learning rate's step count.
 *
 * @category Optimizers
 */
export type AdamWState = readonly [ScaleByAdamState, EmptyState, ScaleByLearningRateState]

/**
 * Adam with decoupled weight decay: Adam's update (−η·m̂)/(√v̂ + ε) minus (η·λ)·θ, the decay
 * applied to the parameters after the moments' division and scaled by the learning rate (so a
 * schedule decays it too), never through the moments; η·λ = 0 leaves Adam's update exactly. Left
 * naming the option when one is out of range.
 *
 * @category Optimizers
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { graph, linalg } from 'gradfold'
 * import { adamw } from './adamw.js'
 * const entries = (tree: graph.Tree) => graph.leaves(tree).flatMap(([, leaf]) => linalg.toFlat(leaf))
 * const optimizer = adamw(0.1, { weightDecay: 0.5 })
 * assert.ok(E.isRight(optimizer))
 * const parameters = { w: linalg.fill(1, 1, 2) }
 * const { updates } = optimizer.right.update({ w: linalg.zeros(1, 1) }, optimizer.right.init(parameters), parameters)
 * // A zero gradient leaves only the decay: −0.1·0.5·2.
 * assert.deepStrictEqual(entries(updates), [-0.1])
 */
export const adamw = (
  learningRate: LearningRate,
  options: AdamWOptions = {},
): E.Either<OptimizerError, Optimizer<AdamWState>> => {
  const { weightDecay = 0.01, ...adamOptions } = options
  return pipe(
    E.Do,
    E.apS('rate', learningRateScaling('adamw', learningRate)),
    E.apS('moments', scaleByAdam(adamOptions)),
    E.apS('decay', addDecayedWeights(weightDecay)),
    E.mapLeft(renamed('adamw')),
    E.map(({ moments, decay, rate }) => chain<AdamWState>(moments, decay, rate)),
  )
}
