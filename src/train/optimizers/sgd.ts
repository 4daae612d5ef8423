// Plain gradient descent: θ ← θ − η·g. Laws: zero gradients give zero updates (the identity
// step); the update is linear in the gradient; the state only counts steps (for schedules).

import type { Tree } from '../../graph/tree.js'
import { leafAt, type Optimizer } from '../optimizer.js'
import { rateAt, requireLearningRate, type LearningRate } from '../schedules.js'
import { scale } from '../tree-math.js'

/** SGD's state: the number of updates made, the step a schedule is read at. */
export interface SgdState {
  readonly step: number
}

/**
 * Stochastic gradient descent with a fixed rate or a schedule: updates −η(step)·g.
 *
 * @example
 * import assert from 'node:assert'
 * import { linalg } from 'gradfold'
 * import { sgd } from './sgd.js'
 * const optimizer = sgd(0.1)
 * const parameters = { w: linalg.ones(1, 2) }
 * const { updates, state } = optimizer.update({ w: linalg.fill(1, 2, 2) }, optimizer.init(parameters), parameters)
 * assert.deepStrictEqual(linalg.toFlat(updates.w), [-0.2, -0.2])
 * assert.strictEqual(state.step, 1)
 */
export const sgd = (learningRate: LearningRate): Optimizer<SgdState> => {
  requireLearningRate('sgd', learningRate)
  return Object.freeze({
    init: (): SgdState => Object.freeze({ step: 0 }),
    update: (gradients: Tree, state: SgdState) => {
      const rate = rateAt('sgd', learningRate, state.step)
      return Object.freeze({
        updates: scale(gradients, -rate),
        state: Object.freeze({ step: state.step + 1 }),
      })
    },
    inPlace: Object.freeze({
      slots: 0,
      unpack: (state: SgdState) => ({ step: state.step, slots: [] }),
      pack: (step: number): SgdState => Object.freeze({ step }),
      apply: (
        step: number,
        parameters: readonly Float64Array[],
        gradients: readonly Float64Array[],
      ) => {
        // θ + (−η)·g: the update −η·g (`scale`) added to θ (`applyUpdates`), entry by entry
        const factor = -rateAt('sgd', learningRate, step)
        for (let leaf = 0; leaf < parameters.length; leaf++) {
          const parameter = leafAt(parameters, leaf)
          const gradient = leafAt(gradients, leaf)
          for (let i = 0; i < parameter.length; i++) {
            parameter[i] = parameter[i]! + factor * gradient[i]!
          }
        }
      },
    }),
  })
}
