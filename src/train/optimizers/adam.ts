// Adam with bias correction: m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g², θ ← θ − η·m̂/(√v̂ + ε) with
// m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ) at step t = 1, 2, …. Law: the first step moves every
// coordinate with a nonzero gradient by ≈ η (exactly η·|g|/(|g| + ε)).

import type { Tree } from '../../graph/tree.js'
import * as unchecked from '../../linalg/unchecked.js'
import { leafAt, type Optimizer } from '../optimizer.js'
import { rateAt, requireLearningRate, type LearningRate } from '../schedules.js'
import { mapTree2, zerosLike } from '../tree-math.js'
import { requireBeta, requireNonNegative } from './preconditions.js'

/** Adam's options; every field has a default. */
export interface AdamOptions {
  /** Decay of the first moment, in [0, 1); default 0.9. */
  readonly beta1?: number
  /** Decay of the second moment, in [0, 1); default 0.999. */
  readonly beta2?: number
  /** Added to √v̂ in the denominator; default 1e-8. */
  readonly epsilon?: number
}

/** Adam's state: the step count and the (uncorrected) first and second moments. */
export interface AdamState {
  readonly step: number
  readonly firstMoment: Tree
  readonly secondMoment: Tree
}

/**
 * The Adam optimizer (Kingma and Ba) with bias-corrected moments.
 *
 * @example
 * import assert from 'node:assert'
 * import { linalg } from 'gradfold'
 * import { adam } from './adam.js'
 * const optimizer = adam(0.01)
 * const parameters = { w: linalg.zeros(1, 2) }
 * const gradients = { w: linalg.fill(1, 2, -5) }
 * const { updates, state } = optimizer.update(gradients, optimizer.init(parameters), parameters)
 * for (const value of linalg.toFlat(updates.w)) assert.ok(Math.abs(value - 0.01) < 1e-9)
 * assert.strictEqual(state.step, 1)
 */
export const adam = (
  learningRate: LearningRate,
  options: AdamOptions = {},
): Optimizer<AdamState> => {
  const { beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8 } = options
  requireLearningRate('adam', learningRate)
  requireBeta('adam', 'beta1', beta1)
  requireBeta('adam', 'beta2', beta2)
  requireNonNegative('adam', 'epsilon', epsilon)
  // The rules, entry by entry, shared by `update` and `inPlace`:
  const nextFirstMoment = (m: number, g: number): number => beta1 * m + (1 - beta1) * g
  const nextSecondMoment = (v: number, g: number): number => beta2 * v + (1 - beta2) * g * g
  /** The bias corrections 1 − β₁ᵗ and 1 − β₂ᵗ at step t. */
  const correctionsAt = (step: number): { readonly first: number; readonly second: number } => ({
    first: 1 - beta1 ** step,
    second: 1 - beta2 ** step,
  })
  const updateOf = (
    rate: number,
    corrections: { readonly first: number; readonly second: number },
    m: number,
    v: number,
  ): number => (-rate * (m / corrections.first)) / (Math.sqrt(v / corrections.second) + epsilon)
  return Object.freeze({
    init: (parameters: Tree): AdamState =>
      Object.freeze({
        step: 0,
        firstMoment: zerosLike(parameters),
        secondMoment: zerosLike(parameters),
      }),
    update: (gradients: Tree, state: AdamState) => {
      const rate = rateAt('adam', learningRate, state.step)
      const step = state.step + 1
      const corrections = correctionsAt(step)
      const firstMoment = mapTree2(state.firstMoment, gradients, (m, g) =>
        unchecked.zipWith(m, g, nextFirstMoment),
      )
      const secondMoment = mapTree2(state.secondMoment, gradients, (v, g) =>
        unchecked.zipWith(v, g, nextSecondMoment),
      )
      const updates = mapTree2(firstMoment, secondMoment, (m, v) =>
        unchecked.zipWith(m, v, (mi, vi) => updateOf(rate, corrections, mi, vi)),
      )
      return Object.freeze({
        updates,
        state: Object.freeze({ step, firstMoment, secondMoment }),
      })
    },
    inPlace: Object.freeze({
      slots: 2,
      unpack: (state: AdamState) => ({
        step: state.step,
        slots: [state.firstMoment, state.secondMoment],
      }),
      pack: (step: number, slots: readonly Tree[]): AdamState => {
        const [firstMoment, secondMoment] = slots
        if (firstMoment === undefined || secondMoment === undefined) {
          throw new Error('adam: a moment slot is missing')
        }
        return Object.freeze({ step, firstMoment, secondMoment })
      },
      apply: (
        step: number,
        parameters: readonly Float64Array[],
        gradients: readonly Float64Array[],
        slots: readonly (readonly Float64Array[])[],
      ) => {
        const rate = rateAt('adam', learningRate, step)
        const corrections = correctionsAt(step + 1)
        const [firstMoments = [], secondMoments = []] = slots
        for (let leaf = 0; leaf < parameters.length; leaf++) {
          const parameter = leafAt(parameters, leaf)
          const gradient = leafAt(gradients, leaf)
          const first = leafAt(firstMoments, leaf)
          const second = leafAt(secondMoments, leaf)
          for (let i = 0; i < parameter.length; i++) {
            const m = nextFirstMoment(first[i]!, gradient[i]!)
            const v = nextSecondMoment(second[i]!, gradient[i]!)
            first[i] = m
            second[i] = v
            parameter[i] = parameter[i]! + updateOf(rate, corrections, m, v)
          }
        }
      },
    }),
  })
}
