// Heavy-ball momentum: v ← β·v + g, θ ← θ − η·v (the form of PyTorch and optax). Laws: β = 0 is
// SGD; with a constant gradient g the velocity tends to g/(1 − β).

import type { Tree } from '../../graph/tree.js'
import * as unchecked from '../../linalg/unchecked.js'
import { leafAt, type Optimizer } from '../optimizer.js'
import { rateAt, requireLearningRate, type LearningRate } from '../schedules.js'
import { mapTree2, scale, zerosLike } from '../tree-math.js'
import { requireBeta } from './preconditions.js'

/** Momentum's state: the step count and the velocity (a tree shaped like the parameters). */
export interface MomentumState {
  readonly step: number
  readonly velocity: Tree
}

/**
 * Gradient descent with heavy-ball momentum `beta` (default 0.9).
 *
 * @example
 * import assert from 'node:assert'
 * import { linalg } from 'gradfold'
 * import { momentum } from './momentum.js'
 * const optimizer = momentum(0.1, 0.5)
 * const parameters = { w: linalg.zeros(1, 1) }
 * const gradients = { w: linalg.ones(1, 1) }
 * const first = optimizer.update(gradients, optimizer.init(parameters), parameters)
 * const second = optimizer.update(gradients, first.state, parameters)
 * assert.deepStrictEqual(linalg.toFlat(second.updates.w), [-0.15000000000000002])
 */
export const momentum = (learningRate: LearningRate, beta = 0.9): Optimizer<MomentumState> => {
  requireLearningRate('momentum', learningRate)
  requireBeta('momentum', 'beta', beta)
  /** The velocity's rule, entry by entry: v ← β·v + g. */
  const nextVelocity = (v: number, g: number): number => beta * v + g
  return Object.freeze({
    init: (parameters: Tree): MomentumState =>
      Object.freeze({ step: 0, velocity: zerosLike(parameters) }),
    update: (gradients: Tree, state: MomentumState) => {
      const rate = rateAt('momentum', learningRate, state.step)
      const velocity = mapTree2(state.velocity, gradients, (v, g) =>
        unchecked.zipWith(v, g, nextVelocity),
      )
      return Object.freeze({
        updates: scale(velocity, -rate),
        state: Object.freeze({ step: state.step + 1, velocity }),
      })
    },
    inPlace: Object.freeze({
      slots: 1,
      unpack: (state: MomentumState) => ({ step: state.step, slots: [state.velocity] }),
      pack: (step: number, slots: readonly Tree[]): MomentumState => {
        const [velocity] = slots
        if (velocity === undefined) throw new Error('momentum: the velocity slot is missing')
        return Object.freeze({ step, velocity })
      },
      apply: (
        step: number,
        parameters: readonly Float64Array[],
        gradients: readonly Float64Array[],
        slots: readonly (readonly Float64Array[])[],
      ) => {
        const factor = -rateAt('momentum', learningRate, step)
        const [velocities = []] = slots
        for (let leaf = 0; leaf < parameters.length; leaf++) {
          const parameter = leafAt(parameters, leaf)
          const gradient = leafAt(gradients, leaf)
          const velocity = leafAt(velocities, leaf)
          for (let i = 0; i < parameter.length; i++) {
            const v = nextVelocity(velocity[i]!, gradient[i]!)
            velocity[i] = v
            parameter[i] = parameter[i]! + factor * v
          }
        }
      },
    }),
  })
}
