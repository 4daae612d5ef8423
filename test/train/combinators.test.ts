// Combinators: chain(identity(), t) and chain(t, identity()) behave as t over several steps;
// chains nest; clipByGlobalNorm leaves small gradients alone and scales large ones to exactly
// maxNorm; addWeightDecay adds λ·θ; scaleByLearningRate reads its schedule at the step count.

import { fc, test as propertyTest } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { graph, linalg } from '../../src/index.js'
import * as check from '../../src/check/index.js'
import {
  addWeightDecay,
  chain,
  clipByGlobalNorm,
  identity,
  scaleByLearningRate,
} from '../../src/train/combinators.js'
import type { Optimizer } from '../../src/train/optimizer.js'
import { adam } from '../../src/train/optimizers/adam.js'
import { momentum } from '../../src/train/optimizers/momentum.js'
import { sgd } from '../../src/train/optimizers/sgd.js'
import { constant } from '../../src/train/schedules.js'
import { globalNorm } from '../../src/train/tree-math.js'

/** Parameters and three gradient trees of one random structure. */
const trees = fc
  .array(check.sameShapeMatrices(4, { maxSize: 4 }), { minLength: 1, maxLength: 3 })
  .map((layers) => {
    const pick = (which: 0 | 1 | 2 | 3): graph.Tree =>
      layers.map((matrices) => ({ W: matrices[which] }))
    return { parameters: pick(0), gradients: [pick(1), pick(2), pick(3)] }
  })

const entries = (tree: graph.Tree): number[] =>
  graph.leaves(tree).flatMap(([, leaf]) => linalg.toFlat(leaf))

const single = (value: number): graph.Tree => ({ w: linalg.fill(1, 1, value) })

/** Updates of `optimizer` over the gradient sequence, and the states after each step. */
const run = <State>(
  optimizer: Optimizer<State>,
  parameters: graph.Tree,
  gradients: readonly graph.Tree[],
): { updates: number[][]; states: State[] } => {
  let state = optimizer.init(parameters)
  const updates: number[][] = []
  const states: State[] = []
  for (const gradient of gradients) {
    const result = optimizer.update(gradient, state, parameters)
    state = result.state
    updates.push(entries(result.updates))
    states.push(state)
  }
  return { updates, states }
}

describe('chain', () => {
  propertyTest.prop([trees], { numRuns: 40 })(
    'chain(identity(), adam) and chain(adam, identity()) give adam’s updates and states',
    ({ parameters, gradients }) => {
      const alone = run(adam(0.01), parameters, gradients)
      const before = run(chain(identity(), adam(0.01)), parameters, gradients)
      const after = run(chain(adam(0.01), identity()), parameters, gradients)
      expect(before.updates).toStrictEqual(alone.updates)
      expect(after.updates).toStrictEqual(alone.updates)
      alone.states.forEach((state, index) => {
        for (const other of [before.states[index]?.[1], after.states[index]?.[0]]) {
          expect(other?.step).toBe(state.step)
          expect(other === undefined ? [] : entries(other.firstMoment)).toStrictEqual(
            entries(state.firstMoment),
          )
          expect(other === undefined ? [] : entries(other.secondMoment)).toStrictEqual(
            entries(state.secondMoment),
          )
        }
      })
    },
  )

  propertyTest.prop([trees], { numRuns: 40 })(
    'chain(momentum) behaves as momentum, and nested chains as flat ones',
    ({ parameters, gradients }) => {
      const alone = run(momentum(0.1), parameters, gradients)
      expect(run(chain(momentum(0.1)), parameters, gradients).updates).toStrictEqual(alone.updates)
      const flat = run(
        chain(clipByGlobalNorm(1), addWeightDecay(0.1), sgd(0.1)),
        parameters,
        gradients,
      )
      const nested = run(
        chain(clipByGlobalNorm(1), chain(addWeightDecay(0.1), sgd(0.1))),
        parameters,
        gradients,
      )
      expect(nested.updates).toStrictEqual(flat.updates)
    },
  )

  test('the state is the tuple of the states, in order, frozen', () => {
    const optimizer = chain(identity(), sgd(0.1), momentum(0.1))
    const state = optimizer.init(single(1))
    expect(state).toHaveLength(3)
    expect(state[1].step).toBe(0)
    expect(entries(state[2].velocity)).toStrictEqual([0])
    expect(Object.isFrozen(state)).toBe(true)
    const next = optimizer.update(single(1), state, single(1)).state
    expect([next[1].step, next[2].step]).toStrictEqual([1, 1])
    expect(state[1].step).toBe(0)
  })

  test('each transformation receives the previous one’s updates', () => {
    // clip 10 → 1, add 0.5·θ = 1 → 2, times −0.1 → −0.2.
    const optimizer = chain(clipByGlobalNorm(1), addWeightDecay(0.5), scaleByLearningRate(0.1))
    const { updates } = optimizer.update(single(10), optimizer.init(single(2)), single(2))
    expect(entries(updates)).toStrictEqual([-0.2])
  })

  test('an empty chain is the identity', () => {
    const optimizer = chain()
    const gradients = single(3)
    expect(optimizer.update(gradients, optimizer.init(gradients), gradients).updates).toBe(
      gradients,
    )
  })
})

describe('clipByGlobalNorm', () => {
  propertyTest.prop([trees, fc.double({ min: 1e-3, max: 100, noNaN: true })])(
    'gradients within maxNorm pass unchanged; larger ones come out with norm maxNorm',
    ({ parameters, gradients }, maxNorm) => {
      const clip = clipByGlobalNorm(maxNorm)
      for (const gradient of gradients) {
        const norm = globalNorm(gradient)
        const { updates } = clip.update(gradient, clip.init(parameters), parameters)
        if (norm <= maxNorm) {
          expect(updates).toBe(gradient)
        } else {
          expect(Math.abs(globalNorm(updates) - maxNorm) / maxNorm).toBeLessThan(1e-12)
          const factor = maxNorm / norm
          expect(entries(updates)).toStrictEqual(entries(gradient).map((value) => value * factor))
        }
      }
    },
  )

  test('3-4-5: a gradient of norm 5 clipped to 1 becomes (0.6, 0.8)', () => {
    const clip = clipByGlobalNorm(1)
    const gradients = [linalg.fill(1, 1, 3), { b: linalg.fill(1, 1, 4) }]
    const { updates } = clip.update(gradients, clip.init(gradients), gradients)
    const [a, b] = entries(updates)
    expect(a).toBeCloseTo(0.6, 15)
    expect(b).toBeCloseTo(0.8, 15)
  })

  test('refuses a maxNorm that is not a positive finite number', () => {
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => clipByGlobalNorm(bad)).toThrow(
        new RangeError(`clipByGlobalNorm: maxNorm is ${bad}, expected a finite number > 0`),
      )
    }
  })
})

describe('addWeightDecay', () => {
  test('adds λ·θ to the gradient, leaf by leaf', () => {
    const decay = addWeightDecay(0.25)
    const parameters = { a: linalg.fill(1, 2, 4), b: [linalg.fill(1, 1, -8)] }
    const gradients = { a: linalg.ones(1, 2), b: [linalg.zeros(1, 1)] }
    const { updates } = decay.update(gradients, decay.init(parameters), parameters)
    expect(entries(updates)).toStrictEqual([2, 2, -2])
    expect(entries(gradients)).toStrictEqual([1, 1, 0])
  })

  test('λ = 0 leaves the gradient’s values alone', () => {
    const decay = addWeightDecay(0)
    const { updates } = decay.update(single(1.5), decay.init(single(9)), single(9))
    expect(entries(updates)).toStrictEqual([1.5])
  })

  test('a gradient tree that lacks a parameter leaf is named', () => {
    const decay = addWeightDecay(0.1)
    const parameters = { a: linalg.ones(1, 1), c: linalg.ones(1, 1) }
    expect(() =>
      decay.update(parameters, decay.init(parameters), { a: linalg.ones(1, 1) }),
    ).toThrow(/c is missing/)
  })

  test('refuses a negative or non-finite λ', () => {
    expect(() => addWeightDecay(-0.1)).toThrow(
      'addWeightDecay: weightDecay is -0.1, expected a finite number ≥ 0',
    )
    expect(() => addWeightDecay(Number.NaN)).toThrow(RangeError)
  })
})

describe('scaleByLearningRate', () => {
  propertyTest.prop([trees, fc.double({ min: 0, max: 2, noNaN: true })])(
    'after an identity it equals sgd with the same rate',
    ({ parameters, gradients }, rate) => {
      expect(
        run(chain(identity(), scaleByLearningRate(constant(rate))), parameters, gradients).updates,
      ).toStrictEqual(run(sgd(rate), parameters, gradients).updates)
    },
  )

  test('refuses a bad rate, naming itself', () => {
    expect(() => scaleByLearningRate(-3)).toThrow('scaleByLearningRate: learningRate is -3')
  })
})
