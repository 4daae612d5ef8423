// RMSprop: s ← ρ·s + (1 − ρ)·g², θ ← θ − η·g/(√s + ε), the mean square starting at zero (ε
// outside the root, as PyTorch). Laws: with a constant gradient s tends to g²; ρ = 0 is
// sign-like descent, −η·g/(|g| + ε).

import type { Tree } from '../../graph/tree.js'
import * as unchecked from '../../linalg/unchecked.js'
import type { Optimizer } from '../optimizer.js'
import { rateAt, requireLearningRate, type LearningRate } from '../schedules.js'
import { mapTree2, zerosLike } from '../tree-math.js'
import { requireBeta, requireNonNegative } from './preconditions.js'

/** RMSprop's state: the step count and the running mean of squared gradients. */
export interface RmspropState {
  readonly step: number
  readonly meanSquare: Tree
}

/**
 * RMSprop with decay `decay` (default 0.9) and `epsilon` (default 1e-8).
 *
 * @example
 * import assert from 'node:assert'
 * import { linalg } from 'gradfold'
 * import { rmsprop } from './rmsprop.js'
 * const optimizer = rmsprop(0.1, 0.75, 0)
 * const parameters = { w: linalg.zeros(1, 1) }
 * const { updates, state } = optimizer.update({ w: linalg.fill(1, 1, 2) }, optimizer.init(parameters), parameters)
 * // s = 0.25·4 = 1, update = −0.1·2/1
 * assert.deepStrictEqual(linalg.toFlat(state.meanSquare.w), [1])
 * assert.deepStrictEqual(linalg.toFlat(updates.w), [-0.2])
 */
export const rmsprop = (
  learningRate: LearningRate,
  decay = 0.9,
  epsilon = 1e-8,
): Optimizer<RmspropState> => {
  requireLearningRate('rmsprop', learningRate)
  requireBeta('rmsprop', 'decay', decay)
  requireNonNegative('rmsprop', 'epsilon', epsilon)
  return Object.freeze({
    init: (parameters: Tree): RmspropState =>
      Object.freeze({ step: 0, meanSquare: zerosLike(parameters) }),
    update: (gradients: Tree, state: RmspropState) => {
      const rate = rateAt('rmsprop', learningRate, state.step)
      const meanSquare = mapTree2(state.meanSquare, gradients, (s, g) =>
        unchecked.zipWith(s, g, (si, gi) => decay * si + (1 - decay) * gi * gi),
      )
      const updates = mapTree2(gradients, meanSquare, (g, s) =>
        unchecked.zipWith(g, s, (gi, si) => (-rate * gi) / (Math.sqrt(si) + epsilon)),
      )
      return Object.freeze({ updates, state: Object.freeze({ step: state.step + 1, meanSquare }) })
    },
  })
}
