// scaleByAdam: Adam's direction m̂/(√v̂ + ε) — moments m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g²
// from zero, bias-corrected at count t = 1, 2, …: m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ). Laws: the first
// step is g/(|g| + ε) entry by entry; it absorbs a following learning rate into its numerator.

import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import type { Tree } from '../../graph/index.js'
import { itemAt, type Optimizer } from '../optimizer.js'
import { checkBeta, checkNonNegative, type OptimizerError } from '../options.js'
import { transformation, valueAt } from './flat.js'

/**
 * Adam's options; every field has a default.
 *
 * @category Transformations
 */
export interface AdamOptions {
  /** Decay of the first moment, in [0, 1); default 0.9. */
  readonly beta1?: number
  /** Decay of the second moment, in [0, 1); default 0.999. */
  readonly beta2?: number
  /** Added to √v̂ in the denominator (outside the root); default 1e-8. */
  readonly epsilon?: number
}

/**
 * scaleByAdam's state: its count of updates and the (uncorrected) first and second moments.
 *
 * @category Transformations
 */
export interface ScaleByAdamState {
  /** Updates made so far: the t of the bias corrections is count + 1. */
  readonly count: number
  readonly firstMoment: Tree
  readonly secondMoment: Tree
}

/**
 * Scales the updates by Adam's rule (Kingma and Ba): m̂/(√v̂ + ε), with bias-corrected moments
 * that start at zero and ε outside the root (PyTorch's and optax's convention). In a chain a
 * following `scaleByLearningRate(η)` multiplies the numerator: (−η·m̂)/(√v̂ + ε). Left naming the
 * option when β₁ or β₂ is outside [0, 1) or ε is not a finite number ≥ 0.
 *
 * @category Transformations
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { graph, linalg } from 'gradfold'
 * import { scaleByAdam } from './scale-by-adam.js'
 * const entries = (tree: graph.Tree) => graph.leaves(tree).flatMap(([, leaf]) => linalg.toFlat(leaf))
 * const adam = scaleByAdam({ epsilon: 0 })
 * assert.ok(E.isRight(adam))
 * const parameters = { w: linalg.zeros(1, 2) }
 * const { updates, state } = adam.right.update({ w: linalg.fill(1, 2, -5) }, adam.right.init(parameters), parameters)
 * // the first step is g/|g|: m̂ = g, v̂ = g²
 * assert.deepStrictEqual(entries(updates), [-1, -1])
 * assert.strictEqual(state.count, 1)
 * assert.ok(E.isLeft(scaleByAdam({ beta1: 1 })))
 */
export const scaleByAdam = (
  options: AdamOptions = {},
): E.Either<OptimizerError, Optimizer<ScaleByAdamState>> => {
  const { beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8 } = options
  const name = 'scaleByAdam'
  return pipe(
    E.Do,
    E.apS('b1', checkBeta(name, 'beta1', beta1)),
    E.apS('b2', checkBeta(name, 'beta2', beta2)),
    E.apS('eps', checkNonNegative(name, 'epsilon', epsilon)),
    E.map(({ b1, b2, eps }) =>
      transformation<ScaleByAdamState>({
        name,
        counters: 1,
        slots: 2,
        unpack: (state) => ({
          counters: [state.count],
          slots: [state.firstMoment, state.secondMoment],
        }),
        pack: (counters, slots) =>
          Object.freeze({
            count: itemAt(counters, 0, 'count'),
            firstMoment: itemAt(slots, 0, 'first-moment slot'),
            secondMoment: itemAt(slots, 1, 'second-moment slot'),
          }),
        fusion: { kind: 'absorbs' },
        run: (factorBuffer, updates, _parameters, slots, slotAt, counters, at) => {
          // read in place: a double returned from a call would be boxed
          const factor = factorBuffer[0]
          if (factor === undefined) throw new Error(`${name}: no factor`)
          const count = valueAt(counters, at) + 1
          counters[at] = count
          // the bias corrections 1 − β₁ᵗ and 1 − β₂ᵗ at t = count
          const first = 1 - b1 ** count
          const second = 1 - b2 ** count
          const firstMoments = itemAt(slots, slotAt, 'slot')
          const secondMoments = itemAt(slots, slotAt + 1, 'slot')
          for (let leaf = 0; leaf < updates.length; leaf++) {
            const u = itemAt(updates, leaf, 'leaf')
            const ms = itemAt(firstMoments, leaf, 'leaf')
            const vs = itemAt(secondMoments, leaf, 'leaf')
            for (let i = 0; i < u.length; i++) {
              const g = u[i]!
              const m = b1 * ms[i]! + (1 - b1) * g
              const v = b2 * vs[i]! + (1 - b2) * g * g
              ms[i] = m
              vs[i] = v
              // the factor (−η in a chain) multiplies the numerator, before the division
              u[i] = (factor * (m / first)) / (Math.sqrt(v / second) + eps)
            }
          }
        },
      }),
    ),
  )
}
