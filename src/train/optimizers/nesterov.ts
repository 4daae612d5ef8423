// Nesterov momentum in the form of PyTorch and optax: v ← β·v + g, θ ← θ − η·(g + β·v) — the
// gradient step taken from the look-ahead point. Laws: β = 0 is SGD; same velocity as momentum.

import type { Tree } from '../../graph/tree.js'
import * as unchecked from '../../linalg/unchecked.js'
import type { Optimizer } from '../optimizer.js'
import { rateAt, requireLearningRate, type LearningRate } from '../schedules.js'
import { mapTree2, zerosLike } from '../tree-math.js'
import { requireBeta } from './preconditions.js'

/** Nesterov's state: the step count and the velocity (a tree shaped like the parameters). */
export interface NesterovState {
  readonly step: number
  readonly velocity: Tree
}

/**
 * Gradient descent with Nesterov momentum `beta` (default 0.9).
 *
 * @example
 * import assert from 'node:assert'
 * import { linalg } from 'gradfold'
 * import { nesterov } from './nesterov.js'
 * const optimizer = nesterov(0.1, 0.5)
 * const parameters = { w: linalg.zeros(1, 1) }
 * const { updates } = optimizer.update({ w: linalg.ones(1, 1) }, optimizer.init(parameters), parameters)
 * // v = 1, update = −0.1·(1 + 0.5·1)
 * assert.deepStrictEqual(linalg.toFlat(updates.w), [-0.15000000000000002])
 */
export const nesterov = (learningRate: LearningRate, beta = 0.9): Optimizer<NesterovState> => {
  requireLearningRate('nesterov', learningRate)
  requireBeta('nesterov', 'beta', beta)
  return Object.freeze({
    init: (parameters: Tree): NesterovState =>
      Object.freeze({ step: 0, velocity: zerosLike(parameters) }),
    update: (gradients: Tree, state: NesterovState) => {
      const rate = rateAt('nesterov', learningRate, state.step)
      const velocity = mapTree2(state.velocity, gradients, (v, g) =>
        unchecked.zipWith(v, g, (vi, gi) => beta * vi + gi),
      )
      const updates = mapTree2(gradients, velocity, (g, v) =>
        unchecked.zipWith(g, v, (gi, vi) => -rate * (gi + beta * vi)),
      )
      return Object.freeze({ updates, state: Object.freeze({ step: state.step + 1, velocity }) })
    },
  })
}
