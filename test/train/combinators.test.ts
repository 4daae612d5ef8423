// chain and passThrough: chain(passThrough(), t), chain(t, passThrough()) and t with passThroughs
// anywhere inside give t's updates and states bit for bit; chain(a, chain(b, c)), chain(chain(a, b), c) and
// chain(a, b, c) agree bit for bit (random transformations and runs); the state is the tuple of
// the states, nested as the chains are; each transformation receives the previous one's updates;
// a learning rate fuses into the absorber before it only across commuting transformations, and
// fused or not the updates agree to rounding.

import { fc, test as propertyTest } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { graph, linalg } from '../../src/index.js'
import { chain, passThrough } from '../../src/train/combinators.js'
import type { Optimizer } from '../../src/train/optimizer.js'
import { adam } from '../../src/train/optimizers/adam.js'
import { momentum } from '../../src/train/optimizers/momentum.js'
import { sgd } from '../../src/train/optimizers/sgd.js'
import { addDecayedWeights } from '../../src/train/transforms/add-decayed-weights.js'
import { clipByGlobalNorm } from '../../src/train/transforms/clip-by-global-norm.js'
import { scaleByAdam } from '../../src/train/transforms/scale-by-adam.js'
import { scaleByLearningRate } from '../../src/train/transforms/scale-by-learning-rate.js'
import { right } from '../support/either.js'
import { expectClose } from '../support/close.js'
import {
  entries,
  expectSameBits,
  runs,
  stateNumbers,
  updatesOf,
  listAt,
} from '../support/optimizer-runs.js'
import { chainOf, transformations, type Built } from '../support/transformations.js'

const single = (value: number): graph.Tree => ({ w: linalg.fill(1, 1, value) })

/** Both runs give the same updates and the same state numbers, step by step, bit for bit. */
const expectSameRun = (
  actual: Optimizer<unknown>,
  expected: Optimizer<unknown>,
  run: { readonly parameters: graph.Tree; readonly gradients: readonly graph.Tree[] },
  what: string,
): void => {
  const a = updatesOf(actual, run.parameters, run.gradients)
  const b = updatesOf(expected, run.parameters, run.gradients)
  b.updates.forEach((updates, step) => {
    expectSameBits(listAt(a.updates, step), updates, `${what}: updates at step ${step}`)
    expectSameBits(
      stateNumbers(a.states[step]),
      stateNumbers(b.states[step]),
      `${what}: state at step ${step}`,
    )
  })
}

const passThroughBuilt: Built = {
  name: 'passThrough()',
  build: () => passThrough() as Optimizer<unknown>,
}

describe('chain', () => {
  propertyTest.prop([transformations, runs, fc.nat(3)], { numRuns: 100 })(
    'a passThrough before, after or inside a chain changes nothing, bit for bit',
    (built, run, position) => {
      const alone = built.build()
      expectSameRun(
        chainOf([passThroughBuilt, built]).build(),
        alone,
        run,
        'chain(passThrough(), t)',
      )
      expectSameRun(
        chainOf([built, passThroughBuilt]).build(),
        alone,
        run,
        'chain(t, passThrough())',
      )
      const members = [built, built, built]
      const withPassThrough = [...members]
      withPassThrough.splice(position, 0, passThroughBuilt)
      expectSameRun(chainOf(withPassThrough).build(), chainOf(members).build(), run, 'inside')
    },
  )

  propertyTest.prop([transformations, transformations, transformations, runs], { numRuns: 100 })(
    'chain(a, chain(b, c)), chain(chain(a, b), c) and chain(a, b, c) agree bit for bit',
    (a, b, c, run) => {
      const flat = chainOf([a, b, c]).build()
      expectSameRun(chainOf([a, chainOf([b, c])]).build(), flat, run, 'chain(a, chain(b, c))')
      expectSameRun(chainOf([chainOf([a, b]), c]).build(), flat, run, 'chain(chain(a, b), c)')
    },
  )

  test('the state is the tuple of the states, nested as the chains are, frozen', () => {
    const optimizer = chain(passThrough(), right(sgd(0.1)), chain(right(momentum(0.1))))
    const state = optimizer.init(single(1))
    expect(state).toHaveLength(3)
    expect(state[1].step).toBe(0)
    expect(entries(state[2][0][0].velocity)).toStrictEqual([0])
    expect(Object.isFrozen(state)).toBe(true)
    expect(Object.isFrozen(state[2])).toBe(true)
    const next = optimizer.update(single(1), state, single(1)).state
    expect([next[1].step, next[2][0][1].step]).toStrictEqual([1, 1])
    expect(state[1].step).toBe(0)
  })

  test('a state of the wrong shape is refused, naming the chain', () => {
    // as a caller without types might: the state of one part where the chain has two
    const optimizer = chain(passThrough(), right(sgd(0.1))) as Optimizer<unknown>
    expect(() => optimizer.update(single(1), [{}], single(1))).toThrow(
      /chain: expected a state of 2 parts/,
    )
  })

  test('each transformation receives the previous one’s updates', () => {
    // clip 10 → 1, add 0.5·θ = 1 → 2, times −0.1 → −0.2.
    const optimizer = chain(
      right(clipByGlobalNorm(1)),
      right(addDecayedWeights(0.5)),
      right(scaleByLearningRate(0.1)),
    )
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

describe('a learning rate after an absorber', () => {
  const rate = 0.01
  const adamAlone = (): Optimizer<unknown> => right(scaleByAdam()) as Optimizer<unknown>
  const descend = (): Optimizer<unknown> => right(scaleByLearningRate(rate)) as Optimizer<unknown>
  /** −η·(Adam's direction): the learning rate applied after it, as written. */
  const unfused = (): Optimizer<unknown> => {
    const direction = adamAlone()
    return {
      init: (parameters) => [direction.init(parameters), descend().init(parameters)],
      update: (gradients, state, parameters) => {
        const [adamState, rateState] = state as [unknown, unknown]
        const first = direction.update(gradients, adamState, parameters)
        const second = descend().update(first.updates, rateState, parameters)
        return { updates: second.updates, state: [first.state, second.state] }
      },
    }
  }

  propertyTest.prop([runs], { numRuns: 60 })(
    'fuses into it across identities and decayed weights: adam’s chain, bit for bit',
    (run) => {
      const alias = right(adam(rate)) as Optimizer<unknown>
      const through = chain(adamAlone(), passThrough(), descend())
      expectSameRun(through as Optimizer<unknown>, alias, run, 'through a passThrough')
      // λ = 0 decays nothing, and lets the factor through
      const decayed = chain(adamAlone(), right(addDecayedWeights(0)), descend())
      const a = updatesOf(decayed as Optimizer<unknown>, run.parameters, run.gradients)
      const b = updatesOf(alias, run.parameters, run.gradients)
      b.updates.forEach((updates, step) => {
        expectSameBits(listAt(a.updates, step), updates, `through decayed weights, step ${step}`)
      })
    },
  )

  propertyTest.prop([runs], { numRuns: 60 })(
    'does not fuse across a clip: −η·(Adam’s direction), bit for bit',
    (run) => {
      const clipped = chain(adamAlone(), right(clipByGlobalNorm(1e300)), descend())
      const a = updatesOf(clipped as Optimizer<unknown>, run.parameters, run.gradients)
      const b = updatesOf(unfused(), run.parameters, run.gradients)
      b.updates.forEach((updates, step) => {
        expectSameBits(listAt(a.updates, step), updates, `step ${step}`)
      })
    },
  )

  propertyTest.prop([runs], { numRuns: 60 })(
    'fused or not, the updates agree to 1e-12 relative: fusion moves only the rounding',
    (run) => {
      const a = updatesOf(right(adam(rate)) as Optimizer<unknown>, run.parameters, run.gradients)
      const b = updatesOf(unfused(), run.parameters, run.gradients)
      b.updates.forEach((updates, step) => {
        expectClose(listAt(a.updates, step), updates, `step ${step}`)
      })
    },
  )

  test('a second learning rate runs alone after the fused one', () => {
    const twice = chain(adamAlone(), descend(), right(scaleByLearningRate(2)))
    const parameters = single(0)
    const once = right(adam(rate))
    const g = single(3)
    const fused = once.update(g, once.init(parameters), parameters).updates
    const { updates } = twice.update(g, twice.init(parameters), parameters)
    expect(entries(updates)).toStrictEqual(entries(fused).map((u) => -2 * u))
  })
})
