// AdamW: Adam with decoupled weight decay, θ ← θ − η·(m̂/(√v̂ + ε) + λ·θ) (Loshchilov and
// Hutter; the decay is scaled by the learning rate, as PyTorch and optax). Laws: λ = 0 is Adam;
// the decay term does not pass through the moments.

import type { Tree } from '../../graph/tree.js'
import * as unchecked from '../../linalg/unchecked.js'
import type { Optimizer } from '../optimizer.js'
import { rateAt, requireLearningRate, type LearningRate } from '../schedules.js'
import { mapTree2 } from '../tree-math.js'
import { adam, type AdamOptions } from './adam.js'
import { requireBeta, requireNonNegative } from './preconditions.js'

/** AdamW's options: Adam's, plus the decoupled weight decay λ (default 0.01). */
export interface AdamWOptions extends AdamOptions {
  /** λ, a finite number ≥ 0; default 0.01. */
  readonly weightDecay?: number
}

/** AdamW's state: the step count and Adam's (uncorrected) first and second moments. */
export interface AdamWState {
  readonly step: number
  readonly firstMoment: Tree
  readonly secondMoment: Tree
}

/**
 * Adam with decoupled weight decay.
 *
 * @example
 * import assert from 'node:assert'
 * import { linalg } from 'gradfold'
 * import { adamw } from './adamw.js'
 * const optimizer = adamw(0.1, { weightDecay: 0.5 })
 * const parameters = { w: linalg.fill(1, 1, 2) }
 * const { updates } = optimizer.update({ w: linalg.zeros(1, 1) }, optimizer.init(parameters), parameters)
 * // A zero gradient leaves only the decay: −0.1·0.5·2.
 * assert.deepStrictEqual(linalg.toFlat(updates.w), [-0.1])
 */
export const adamw = (
  learningRate: LearningRate,
  options: AdamWOptions = {},
): Optimizer<AdamWState> => {
  const { weightDecay = 0.01, ...adamOptions } = options
  requireLearningRate('adamw', learningRate)
  requireBeta('adamw', 'beta1', adamOptions.beta1 ?? 0.9)
  requireBeta('adamw', 'beta2', adamOptions.beta2 ?? 0.999)
  requireNonNegative('adamw', 'epsilon', adamOptions.epsilon ?? 1e-8)
  requireNonNegative('adamw', 'weightDecay', weightDecay)
  const inner = adam(learningRate, adamOptions)
  return Object.freeze({
    init: inner.init,
    update: (gradients: Tree, state: AdamWState, parameters: Tree) => {
      const rate = rateAt('adamw', learningRate, state.step)
      const result = inner.update(gradients, state, parameters)
      const decay = rate * weightDecay
      if (decay === 0) return result
      const updates = mapTree2(result.updates, parameters, (u, p) =>
        unchecked.zipWith(u, p, (ui, pi) => ui - decay * pi),
      )
      return Object.freeze({ updates, state: result.state })
    },
  })
}
