// Gradient transformations that compose: `chain` runs transformations in order, feeding each the
// previous one's updates, with the tuple of their states as its state. Laws: chain(identity(), t)
// and chain(t, identity()) behave as t; chain(a, chain(b, c)) gives the updates of chain(a, b, c).

import type { Tree } from '../graph/tree.js'
import * as unchecked from '../linalg/unchecked.js'
import type { Optimizer } from './optimizer.js'
import { rateAt, requireLearningRate, type LearningRate } from './schedules.js'
import { globalNorm, mapTree2, scale } from './tree-math.js'

/** The state of a stateless transformation. */
export type EmptyState = Readonly<Record<string, never>>

const empty: EmptyState = Object.freeze({})

/**
 * The transformation that returns the gradients unchanged.
 *
 * @example
 * import assert from 'node:assert'
 * import { linalg } from 'gradfold'
 * import { identity } from './combinators.js'
 * const gradients = { w: linalg.ones(1, 1) }
 * assert.strictEqual(identity().update(gradients, identity().init(gradients), gradients).updates, gradients)
 */
export const identity = (): Optimizer<EmptyState> =>
  Object.freeze({
    init: () => empty,
    update: (gradients: Tree) => Object.freeze({ updates: gradients, state: empty }),
  })

/**
 * The transformations applied in order, each to the previous one's updates; the state is the
 * tuple of their states.
 *
 * @example
 * import assert from 'node:assert'
 * import { linalg } from 'gradfold'
 * import { chain, clipByGlobalNorm } from './combinators.js'
 * import { sgd } from './optimizers/sgd.js'
 * const optimizer = chain(clipByGlobalNorm(1), sgd(0.5))
 * const parameters = { w: linalg.zeros(1, 1) }
 * const { updates, state } = optimizer.update({ w: linalg.fill(1, 1, 10) }, optimizer.init(parameters), parameters)
 * assert.deepStrictEqual(linalg.toFlat(updates.w), [-0.5])
 * assert.strictEqual(state[1].step, 1)
 */
export const chain = <States extends readonly unknown[]>(
  ...transformations: { readonly [K in keyof States]: Optimizer<States[K]> }
): Optimizer<States> => {
  const list = transformations as unknown as readonly Optimizer<unknown>[]
  return Object.freeze({
    init: (parameters: Tree) =>
      Object.freeze(
        list.map((transformation) => transformation.init(parameters)),
      ) as unknown as States,
    update: (gradients: Tree, state: States, parameters: Tree) => {
      let updates = gradients
      const next = list.map((transformation, index) => {
        const result = transformation.update(updates, state[index], parameters)
        updates = result.updates
        return result.state
      })
      return Object.freeze({ updates, state: Object.freeze(next) as unknown as States })
    },
  })
}

/**
 * Adds λ·θ to the gradients (L2 regularisation folded into the gradient; before the optimizer in
 * a chain). λ must be a finite number ≥ 0.
 *
 * @example
 * import assert from 'node:assert'
 * import { linalg } from 'gradfold'
 * import { addWeightDecay } from './combinators.js'
 * const decay = addWeightDecay(0.5)
 * const parameters = { w: linalg.fill(1, 1, 4) }
 * const { updates } = decay.update({ w: linalg.ones(1, 1) }, decay.init(parameters), parameters)
 * assert.deepStrictEqual(linalg.toFlat(updates.w), [3])
 */
export const addWeightDecay = (weightDecay: number): Optimizer<EmptyState> => {
  if (!Number.isFinite(weightDecay) || weightDecay < 0) {
    throw new RangeError(
      `addWeightDecay: weightDecay is ${weightDecay}, expected a finite number ≥ 0`,
    )
  }
  return Object.freeze({
    init: () => empty,
    update: (gradients: Tree, _state: EmptyState, parameters: Tree) =>
      Object.freeze({
        updates: mapTree2(gradients, parameters, (g, p) =>
          unchecked.zipWith(g, p, (gi, pi) => gi + weightDecay * pi),
        ),
        state: empty,
      }),
  })
}

/**
 * Rescales the gradients to global norm `maxNorm` when their global norm exceeds it; leaves them
 * unchanged otherwise. `maxNorm` must be a finite number > 0.
 *
 * @example
 * import assert from 'node:assert'
 * import { linalg } from 'gradfold'
 * import { clipByGlobalNorm } from './combinators.js'
 * import { globalNorm } from './tree-math.js'
 * const clip = clipByGlobalNorm(1)
 * const gradients = { a: linalg.fill(1, 1, 3), b: linalg.fill(1, 1, 4) }
 * const { updates } = clip.update(gradients, clip.init(gradients), gradients)
 * assert.ok(Math.abs(globalNorm(updates) - 1) < 1e-12)
 * assert.deepStrictEqual(linalg.toFlat(updates.a), [0.6000000000000001])
 */
export const clipByGlobalNorm = (maxNorm: number): Optimizer<EmptyState> => {
  if (!Number.isFinite(maxNorm) || maxNorm <= 0) {
    throw new RangeError(`clipByGlobalNorm: maxNorm is ${maxNorm}, expected a finite number > 0`)
  }
  return Object.freeze({
    init: () => empty,
    update: (gradients: Tree) => {
      const norm = globalNorm(gradients)
      const updates = norm > maxNorm ? scale(gradients, maxNorm / norm) : gradients
      return Object.freeze({ updates, state: empty })
    },
  })
}

/** The state of `scaleByLearningRate`: the step count a schedule is read at. */
export interface ScaleByLearningRateState {
  readonly step: number
}

/**
 * Multiplies the incoming updates by −η(step): the last link of a chain that turns a direction
 * into a descent step.
 *
 * @example
 * import assert from 'node:assert'
 * import { linalg } from 'gradfold'
 * import { scaleByLearningRate } from './combinators.js'
 * import { stepDecay } from './schedules.js'
 * const descend = scaleByLearningRate(stepDecay(1, { every: 1, factor: 0.5 }))
 * const gradients = { w: linalg.ones(1, 1) }
 * const first = descend.update(gradients, descend.init(gradients), gradients)
 * const second = descend.update(gradients, first.state, gradients)
 * assert.deepStrictEqual([first, second].map(({ updates }) => linalg.toFlat(updates.w)), [[-1], [-0.5]])
 */
export const scaleByLearningRate = (
  learningRate: LearningRate,
): Optimizer<ScaleByLearningRateState> => {
  requireLearningRate('scaleByLearningRate', learningRate)
  return Object.freeze({
    init: (): ScaleByLearningRateState => Object.freeze({ step: 0 }),
    update: (gradients: Tree, state: ScaleByLearningRateState) => {
      const rate = rateAt('scaleByLearningRate', learningRate, state.step)
      return Object.freeze({
        updates: scale(gradients, -rate),
        state: Object.freeze({ step: state.step + 1 }),
      })
    },
  })
}
