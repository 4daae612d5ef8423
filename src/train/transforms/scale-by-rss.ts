// scaleByRss: Adagrad's direction g/(√s + ε), s ← s + g² the root of the sum of squares, from
// zero, ε outside the root. Laws: s never decreases; with ε = 0 the first step is g/|g|, so every
// coordinate with a nonzero gradient moves the same; it absorbs a following learning rate.

import * as E from 'fp-ts/lib/Either.js'
import type { Tree } from '../../graph/index.js'
import { itemAt, type Optimizer } from '../optimizer.js'
import { checkNonNegative, type OptimizerError } from '../options.js'
import { transformation } from './flat.js'

/**
 * Adagrad's options; every field has a default.
 *
 * @category Transformations
 */
export interface RssOptions {
  /** Added to √s in the denominator (outside the root); default 1e-8. */
  readonly epsilon?: number
}

/**
 * scaleByRss's state: the running sum of squared gradients, shaped like the parameters.
 *
 * @category Transformations
 */
export interface ScaleByRssState {
  readonly sumOfSquares: Tree
}

/**
 * Scales the updates by Adagrad's rule (Duchi, Hazan and Singer): s ← s + g², update
 * g/(√s + ε), with s starting at zero (optax starts it at 0.1) and ε outside the root (PyTorch's
 * convention). In a chain a following `scaleByLearningRate(η)` multiplies the numerator:
 * (−η·g)/(√s + ε). Left when ε is not a finite number ≥ 0.
 *
 * @category Transformations
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { graph, linalg } from 'gradfold'
 * import { scaleByRss } from './scale-by-rss.js'
 * const entries = (tree: graph.Tree) => graph.leaves(tree).flatMap(([, leaf]) => linalg.toFlat(leaf))
 * const rss = scaleByRss({ epsilon: 0 })
 * assert.ok(E.isRight(rss))
 * const parameters = { w: linalg.zeros(1, 1) }
 * const one = rss.right.update({ w: linalg.fill(1, 1, 3) }, rss.right.init(parameters), parameters)
 * const two = rss.right.update({ w: linalg.fill(1, 1, 4) }, one.state, parameters)
 * // s = 9, then 25: updates 3/3 and 4/5
 * assert.deepStrictEqual([entries(one.updates), entries(two.updates)], [[1], [0.8]])
 */
export const scaleByRss = (
  options: RssOptions = {},
): E.Either<OptimizerError, Optimizer<ScaleByRssState>> => {
  const { epsilon = 1e-8 } = options
  const name = 'scaleByRss'
  return E.map((eps: number) =>
    transformation<ScaleByRssState>({
      name,
      counters: 0,
      slots: 1,
      unpack: (state) => ({ counters: [], slots: [state.sumOfSquares] }),
      pack: (_counters, slots) =>
        Object.freeze({ sumOfSquares: itemAt(slots, 0, 'sum-of-squares slot') }),
      fusion: { kind: 'absorbs' },
      run: (factorBuffer, updates, _parameters, slots, slotAt) => {
        // read in place: a double returned from a call would be boxed
        const factor = factorBuffer[0]
        if (factor === undefined) throw new Error(`${name}: no factor`)
        const sums = itemAt(slots, slotAt, 'slot')
        for (let leaf = 0; leaf < updates.length; leaf++) {
          const u = itemAt(updates, leaf, 'leaf')
          const ss = itemAt(sums, leaf, 'leaf')
          for (let i = 0; i < u.length; i++) {
            const g = u[i]!
            const s = ss[i]! + g * g
            ss[i] = s
            // the factor (−η in a chain) multiplies the numerator, before the division
            u[i] = (factor * g) / (Math.sqrt(s) + eps)
          }
        }
      },
    }),
  )(checkNonNegative(name, 'epsilon', epsilon))
}
