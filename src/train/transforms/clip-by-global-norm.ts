// clipByGlobalNorm: rescales the updates to global norm `maxNorm` when theirs is larger, and leaves
// them alone otherwise. Laws: the result's global norm is min(norm, maxNorm) (to rounding); the
// direction never changes; updates within the bound pass through as the same tree.

import * as E from 'fp-ts/lib/Either.js'
import type { Tree } from '../../graph/index.js'
import { itemAt, type Optimizer } from '../optimizer.js'
import { checkPositive, type OptimizerError } from '../options.js'
import { globalNorm, scale } from '../tree-math.js'
import { empty, transformation, type EmptyState } from './flat.js'

/**
 * Rescales the updates by maxNorm/‖u‖ when their global norm ‖u‖ (every entry of every leaf as
 * one vector) exceeds `maxNorm`; otherwise returns them unchanged. Before an optimizer in a chain
 * it clips the gradients. Left when `maxNorm` is not a finite number > 0.
 *
 * @category Transformations
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { graph, linalg } from 'gradfold'
 * import { globalNorm } from '../tree-math.js'
 * import { clipByGlobalNorm } from './clip-by-global-norm.js'
 * const entries = (tree: graph.Tree) => graph.leaves(tree).flatMap(([, leaf]) => linalg.toFlat(leaf))
 * const clip = clipByGlobalNorm(1)
 * assert.ok(E.isRight(clip))
 * const gradients = { a: linalg.fill(1, 1, 3), b: linalg.fill(1, 1, 4) }
 * const { updates } = clip.right.update(gradients, clip.right.init(gradients), gradients)
 * assert.ok(Math.abs(globalNorm(updates) - 1) < 1e-12)
 * assert.deepStrictEqual(entries(updates), [0.6000000000000001, 0.8])
 */
export const clipByGlobalNorm = (
  maxNorm: number,
): E.Either<OptimizerError, Optimizer<EmptyState>> => {
  const name = 'clipByGlobalNorm'
  return E.map((bound: number) =>
    transformation<EmptyState>(
      {
        name,
        counters: 0,
        slots: 0,
        unpack: () => ({ counters: [], slots: [] }),
        pack: () => empty,
        fusion: { kind: 'none' },
        run: (_factor, updates) => {
          // Σu² in leaf order, entry order: `sumOfSquares`'s sum
          let total = 0
          for (let leaf = 0; leaf < updates.length; leaf++) {
            const u = itemAt(updates, leaf, 'leaf')
            // indexed, not for-of: an iterator the optimiser does not remove allocates per entry
            // eslint-disable-next-line @typescript-eslint/prefer-for-of
            for (let i = 0; i < u.length; i++) total += u[i]! * u[i]!
          }
          const norm = Math.sqrt(total)
          if (!(norm > bound)) return
          const factor = bound / norm
          for (let leaf = 0; leaf < updates.length; leaf++) {
            const u = itemAt(updates, leaf, 'leaf')
            for (let i = 0; i < u.length; i++) u[i] = factor * u[i]!
          }
        },
      },
      (gradients: Tree) => {
        const norm = globalNorm(gradients)
        const updates = norm > bound ? scale(gradients, bound / norm) : gradients
        return Object.freeze({ updates, state: empty })
      },
    ),
  )(checkPositive(name, 'maxNorm', maxNorm))
}
