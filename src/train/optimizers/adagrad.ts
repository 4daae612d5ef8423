// Adagrad, s ← s + g², θ ← θ − η·g/(√s + ε): chain(scaleByRss({ epsilon }), scaleByLearningRate(η)).
// Laws: the accumulator never decreases; with ε = 0 the first step moves each coordinate with a
// nonzero gradient by exactly η.

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
import { scaleByRss, type RssOptions, type ScaleByRssState } from '../transforms/scale-by-rss.js'

/**
 * Adagrad's options: ε (default 1e-8).
 *
 * @category Optimizers
 */
export type AdagradOptions = RssOptions

/**
 * Adagrad's state: the sum of squared gradients, then the learning rate's step count.
 *
 * @category Optimizers
 */
export type AdagradState = readonly [ScaleByRssState, ScaleByLearningRateState]

/**
 * Adagrad (Duchi, Hazan and Singer): s ← s + g² with the sum starting at zero, update
 * (−η·g)/(√s + ε) — ε outside the root and the rate in the numerator, as PyTorch computes it (no
 * learning-rate decay). Left naming the option when η or ε is out of range.
 *
 * @category Optimizers
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { graph, linalg } from 'gradfold'
 * import { adagrad } from './adagrad.js'
 * const entries = (tree: graph.Tree) => graph.leaves(tree).flatMap(([, leaf]) => linalg.toFlat(leaf))
 * const optimizer = adagrad(0.1, { epsilon: 0 })
 * assert.ok(E.isRight(optimizer))
 * const parameters = { w: linalg.zeros(1, 1) }
 * const { updates, state } = optimizer.right.update({ w: linalg.fill(1, 1, 2) }, optimizer.right.init(parameters), parameters)
 * assert.deepStrictEqual(entries(updates), [-0.1])
 * assert.deepStrictEqual(entries(state[0].sumOfSquares), [4])
 */
export const adagrad = (
  learningRate: LearningRate,
  options: AdagradOptions = {},
): E.Either<OptimizerError, Optimizer<AdagradState>> =>
  pipe(
    E.Do,
    E.apS('rate', learningRateScaling('adagrad', learningRate)),
    E.apS('rss', pipe(scaleByRss(options), E.mapLeft(renamed('adagrad')))),
    E.map(({ rss, rate }) => chain<AdagradState>(rss, rate)),
  )
