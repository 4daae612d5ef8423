// Adagrad: s ← s + g², θ ← θ − η·g/(√s + ε), the accumulator starting at zero. Laws: the
// accumulator never decreases; with ε = 0 the first step moves each coordinate with a nonzero
// gradient by exactly η.

import type { Tree } from '../../graph/tree.js'
import * as unchecked from '../../linalg/unchecked.js'
import type { Optimizer } from '../optimizer.js'
import { rateAt, requireLearningRate, type LearningRate } from '../schedules.js'
import { mapTree2, zerosLike } from '../tree-math.js'
import { requireNonNegative } from './preconditions.js'

/** Adagrad's state: the step count and the running sum of squared gradients. */
export interface AdagradState {
  readonly step: number
  readonly sumOfSquares: Tree
}

/**
 * Adagrad with added `epsilon` (default 1e-8) in the denominator.
 *
 * @example
 * import assert from 'node:assert'
 * import { linalg } from 'gradfold'
 * import { adagrad } from './adagrad.js'
 * const optimizer = adagrad(0.1, 0)
 * const parameters = { w: linalg.zeros(1, 1) }
 * const { updates, state } = optimizer.update({ w: linalg.fill(1, 1, 2) }, optimizer.init(parameters), parameters)
 * assert.deepStrictEqual(linalg.toFlat(updates.w), [-0.1])
 * assert.deepStrictEqual(linalg.toFlat(state.sumOfSquares.w), [4])
 */
export const adagrad = (learningRate: LearningRate, epsilon = 1e-8): Optimizer<AdagradState> => {
  requireLearningRate('adagrad', learningRate)
  requireNonNegative('adagrad', 'epsilon', epsilon)
  return Object.freeze({
    init: (parameters: Tree): AdagradState =>
      Object.freeze({ step: 0, sumOfSquares: zerosLike(parameters) }),
    update: (gradients: Tree, state: AdagradState) => {
      const rate = rateAt('adagrad', learningRate, state.step)
      const sumOfSquares = mapTree2(state.sumOfSquares, gradients, (s, g) =>
        unchecked.zipWith(s, g, (si, gi) => si + gi * gi),
      )
      const updates = mapTree2(gradients, sumOfSquares, (g, s) =>
        unchecked.zipWith(g, s, (gi, si) => (-rate * gi) / (Math.sqrt(si) + epsilon)),
      )
      return Object.freeze({
        updates,
        state: Object.freeze({ step: state.step + 1, sumOfSquares }),
      })
    },
  })
}
