// RMSprop, s ← ρ·s + (1 − ρ)·g², θ ← θ − η·g/(√s + ε): chain(scaleByRms({ decay, epsilon }),
// scaleByLearningRate(η)). Laws: with a constant gradient s tends to g²; ρ = 0 is sign-like
// descent, −η·g/(|g| + ε).

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
import { scaleByRms, type RmsOptions, type ScaleByRmsState } from '../transforms/scale-by-rms.js'

/**
 * RMSprop's options: ρ (`decay`, default 0.9) and ε (default 1e-8).
 *
 * @category Optimizers
 */
export type RmspropOptions = RmsOptions

/**
 * RMSprop's state: the mean of squared gradients, then the learning rate's step count.
 *
 * @category Optimizers
 */
export type RmspropState = readonly [ScaleByRmsState, ScaleByLearningRateState]

/**
 * RMSprop (Hinton): s ← ρ·s + (1 − ρ)·g² with the mean starting at zero, update (−η·g)/(√s + ε)
 * — ε outside the root and the rate in the numerator, as PyTorch computes it; not centred, no
 * momentum. Left naming the option when η, ρ or ε is out of range.
 *
 * @category Optimizers
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { graph, linalg } from 'gradfold'
 * import { rmsprop } from './rmsprop.js'
 * const entries = (tree: graph.Tree) => graph.leaves(tree).flatMap(([, leaf]) => linalg.toFlat(leaf))
 * const optimizer = rmsprop(0.1, { decay: 0.75, epsilon: 0 })
 * assert.ok(E.isRight(optimizer))
 * const parameters = { w: linalg.zeros(1, 1) }
 * const { updates, state } = optimizer.right.update({ w: linalg.fill(1, 1, 2) }, optimizer.right.init(parameters), parameters)
 * // s = 0.25·4 = 1, update = −0.1·2/1
 * assert.deepStrictEqual(entries(state[0].meanSquare), [1])
 * assert.deepStrictEqual(entries(updates), [-0.2])
 */
export const rmsprop = (
  learningRate: LearningRate,
  options: RmspropOptions = {},
): E.Either<OptimizerError, Optimizer<RmspropState>> =>
  pipe(
    E.Do,
    E.apS('rate', learningRateScaling('rmsprop', learningRate)),
    E.apS('rms', pipe(scaleByRms(options), E.mapLeft(renamed('rmsprop')))),
    E.map(({ rms, rate }) => chain<RmspropState>(rms, rate)),
  )
