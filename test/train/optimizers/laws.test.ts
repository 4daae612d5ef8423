// Laws every optimizer alias keeps: its trajectory is the one its rule gave before the aliases were
// chains — each rule written out below as the independent oracle, entry by entry, compared bit for
// bit; the same inputs give bit-identical updates and states; neither gradients, state nor
// parameters are changed; a zero learning rate gives zero updates; a bad option is a Left naming
// the alias; SGD with zero gradients is the identity.

import { fc, test as propertyTest } from '@fast-check/vitest'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, test } from 'vitest'
import { graph, linalg } from '../../../src/index.js'
import type { Optimizer } from '../../../src/train/optimizer.js'
import type { OptimizerError } from '../../../src/train/options.js'
import { adagrad } from '../../../src/train/optimizers/adagrad.js'
import { adam } from '../../../src/train/optimizers/adam.js'
import { adamw } from '../../../src/train/optimizers/adamw.js'
import { momentum } from '../../../src/train/optimizers/momentum.js'
import { nesterov } from '../../../src/train/optimizers/nesterov.js'
import { rmsprop } from '../../../src/train/optimizers/rmsprop.js'
import { sgd } from '../../../src/train/optimizers/sgd.js'
import { exponentialDecay, type LearningRate } from '../../../src/train/schedules.js'
import { left, right } from '../../support/either.js'
import {
  entries,
  expectSameBits,
  runs,
  snapshot,
  trajectory,
} from '../../support/optimizer-runs.js'
import { parameterTrees } from '../../support/parameter-trees.js'

const shapes = (tree: graph.Tree): string[] =>
  graph.leaves(tree).map(([path, leaf]) => `${graph.formatPath(path)}:${leaf.rows}×${leaf.cols}`)

const lawsFor = <State>(
  name: string,
  make: (learningRate: LearningRate) => E.Either<OptimizerError, Optimizer<State>>,
): void => {
  describe(name, () => {
    propertyTest.prop([parameterTrees], { numRuns: 30 })(
      'two steps are deterministic and change none of their arguments',
      ({ parameters, first, second }) => {
        const optimizer = right(make(0.01))
        const before = snapshot({ parameters, first, second })
        const init = optimizer.init(parameters)
        const initBefore = snapshot(init)
        const one = optimizer.update(first, init, parameters)
        const oneState = snapshot(one.state)
        const two = optimizer.update(second, one.state, parameters)
        const again = right(make(0.01))
        const oneAgain = again.update(first, again.init(parameters), parameters)
        const twoAgain = again.update(second, oneAgain.state, parameters)
        expect(snapshot(twoAgain)).toStrictEqual(snapshot(two))
        expect(snapshot({ parameters, first, second })).toStrictEqual(before)
        expect(snapshot(init)).toStrictEqual(initBefore)
        expect(snapshot(one.state)).toStrictEqual(oneState)
        expect(shapes(one.updates)).toStrictEqual(shapes(parameters))
        expect(shapes(two.updates)).toStrictEqual(shapes(parameters))
        expect(Object.isFrozen(two)).toBe(true)
        expect(Object.isFrozen(two.state)).toBe(true)
      },
    )

    propertyTest.prop([parameterTrees], { numRuns: 20 })(
      'a zero learning rate gives zero updates',
      ({ parameters, first }) => {
        const optimizer = right(make(0))
        const { updates } = optimizer.update(first, optimizer.init(parameters), parameters)
        for (const [, leaf] of graph.leaves(updates)) {
          expect(linalg.toFlat(leaf).every((value) => value === 0)).toBe(true)
        }
      },
    )

    test('a schedule is read at the step count: rate 0 at step 0, then 0.1', () => {
      const parameters = { w: linalg.fill(1, 1, 2) }
      const gradients = { w: linalg.ones(1, 1) }
      const optimizer = right(make((step) => (step === 0 ? 0 : 0.1)))
      const one = optimizer.update(gradients, optimizer.init(parameters), parameters)
      const two = optimizer.update(gradients, one.state, parameters)
      expect(entries(one.updates).every((value) => value === 0)).toBe(true)
      expect(entries(two.updates)).toHaveLength(1)
      expect(entries(two.updates)[0]).toBeLessThan(0)
    })

    test('a schedule giving a negative or NaN rate throws a RangeError naming the optimizer', () => {
      const parameters = { w: linalg.ones(1, 1) }
      for (const bad of [-1, Number.NaN]) {
        const optimizer = right(make(() => bad))
        expect(() => optimizer.update(parameters, optimizer.init(parameters), parameters)).toThrow(
          new RegExp(`^${name}: learningRate is ${bad} at step 0`),
        )
      }
    })

    test('a negative or non-finite learning rate is a Left naming the optimizer', () => {
      for (const bad of [-0.1, Number.POSITIVE_INFINITY, Number.NaN]) {
        const error = left(make(bad))
        expect(error).toMatchObject({ _tag: 'InvalidOption', optimizer: name })
        expect(error.message).toBe(`${name}: learningRate is ${bad}, expected a finite number ≥ 0`)
      }
    })
  })
}

lawsFor('sgd', (rate) => sgd(rate))
lawsFor('momentum', (rate) => momentum(rate))
lawsFor('nesterov', (rate) => nesterov(rate))
lawsFor('adagrad', (rate) => adagrad(rate))
lawsFor('rmsprop', (rate) => rmsprop(rate))
lawsFor('adam', (rate) => adam(rate))
lawsFor('adamw', (rate) => adamw(rate))

// ------------------------------------------------------------------ the rules before the chains

/** Entry i of a list; a missing one is a bug in the oracle. */
const at = (values: readonly number[], i: number): number => {
  const value = values[i]
  if (value === undefined) throw new Error(`oracle: no entry ${i}`)
  return value
}

/**
 * An optimizer's rule as src/train/optimizers/*.ts computed it before the aliases became chains,
 * on flat lists: the updates of one step from the gradient g and the parameters p at rate η and
 * step t = 1, 2, …, and the slots it keeps (moved on in place).
 */
interface Rule {
  readonly slots: readonly number[][]
  readonly step: (g: readonly number[], p: readonly number[], eta: number, t: number) => number[]
}

const zerosOf = (n: number): number[] => Array.from({ length: n }, () => 0)

const sgdRule = (): Rule => ({ slots: [], step: (g, _p, eta) => g.map((gi) => -eta * gi) })

const momentumRule = (n: number, beta: number, lookAhead: boolean): Rule => {
  const velocity = zerosOf(n)
  return {
    slots: [velocity],
    step: (g, _p, eta) =>
      g.map((gi, i) => {
        const v = beta * at(velocity, i) + gi
        velocity[i] = v
        return lookAhead ? -eta * (gi + beta * v) : -eta * v
      }),
  }
}

const adagradRule = (n: number, epsilon: number): Rule => {
  const sums = zerosOf(n)
  return {
    slots: [sums],
    step: (g, _p, eta) =>
      g.map((gi, i) => {
        const s = at(sums, i) + gi * gi
        sums[i] = s
        return (-eta * gi) / (Math.sqrt(s) + epsilon)
      }),
  }
}

const rmspropRule = (n: number, decay: number, epsilon: number): Rule => {
  const means = zerosOf(n)
  return {
    slots: [means],
    step: (g, _p, eta) =>
      g.map((gi, i) => {
        const s = decay * at(means, i) + (1 - decay) * gi * gi
        means[i] = s
        return (-eta * gi) / (Math.sqrt(s) + epsilon)
      }),
  }
}

const adamRule = (
  n: number,
  beta1: number,
  beta2: number,
  epsilon: number,
  weightDecay: number | null,
): Rule => {
  const first = zerosOf(n)
  const second = zerosOf(n)
  return {
    slots: [first, second],
    step: (g, p, eta, t) => {
      const c1 = 1 - beta1 ** t
      const c2 = 1 - beta2 ** t
      const updates = g.map((gi, i) => {
        const m = beta1 * at(first, i) + (1 - beta1) * gi
        const v = beta2 * at(second, i) + (1 - beta2) * gi * gi
        first[i] = m
        second[i] = v
        return (-eta * (m / c1)) / (Math.sqrt(v / c2) + epsilon)
      })
      if (weightDecay === null) return updates
      // AdamW: the decay η·λ subtracted after Adam's update, skipped when it is zero
      const decay = eta * weightDecay
      return decay === 0 ? updates : updates.map((ui, i) => ui - decay * at(p, i))
    },
  }
}

/** An alias with random options and rate, its oracle, and where its state keeps the slots. */
interface Case {
  readonly name: string
  readonly rate: LearningRate
  readonly build: () => E.Either<OptimizerError, Optimizer<unknown>>
  readonly rule: (n: number) => Rule
  /** The slot fields of the state's first part, in the rule's order. */
  readonly slots: readonly string[]
}

const opaque = <State>(
  built: E.Either<OptimizerError, Optimizer<State>>,
): E.Either<OptimizerError, Optimizer<unknown>> =>
  E.map((optimizer: Optimizer<State>) => optimizer as unknown as Optimizer<unknown>)(built)

/** Field `field` of the first part of a chain's state: a slot tree. */
const slotOf = (state: unknown, field: string): graph.Tree => {
  const first: unknown = Array.isArray(state) ? state[0] : undefined
  const slot: unknown =
    typeof first === 'object' && first !== null ? (first as Record<string, unknown>)[field] : null
  if (typeof slot !== 'object' || slot === null) throw new Error(`no slot ${field} in the state`)
  return slot as graph.Tree
}

const beta = fc.constantFrom(0, 0.5, 0.9, 0.99, 0.999)
const epsilon = fc.constantFrom(0, 1e-8, 1e-3, 0.5)
const rates: fc.Arbitrary<LearningRate> = fc.oneof(
  fc.double({ min: 0, max: 2, noNaN: true }),
  fc.constant(right(exponentialDecay(0.3, { decay: 0.5 }))),
  fc.constant((step: number) => (step % 2 === 0 ? 0.1 : 0)),
)

const cases: fc.Arbitrary<Case> = fc.oneof(
  rates.map((rate) => ({
    name: 'sgd',
    rate,
    build: () => opaque(sgd(rate)),
    rule: () => sgdRule(),
    slots: [],
  })),
  fc.tuple(rates, beta, fc.boolean()).map(([rate, b, lookAhead]) => ({
    name: lookAhead ? 'nesterov' : 'momentum',
    rate,
    build: () => opaque(lookAhead ? nesterov(rate, { beta: b }) : momentum(rate, { beta: b })),
    rule: (n: number) => momentumRule(n, b, lookAhead),
    slots: ['velocity'],
  })),
  fc.tuple(rates, epsilon).map(([rate, eps]) => ({
    name: 'adagrad',
    rate,
    build: () => opaque(adagrad(rate, { epsilon: eps })),
    rule: (n: number) => adagradRule(n, eps),
    slots: ['sumOfSquares'],
  })),
  fc.tuple(rates, beta, epsilon).map(([rate, decay, eps]) => ({
    name: 'rmsprop',
    rate,
    build: () => opaque(rmsprop(rate, { decay, epsilon: eps })),
    rule: (n: number) => rmspropRule(n, decay, eps),
    slots: ['meanSquare'],
  })),
  fc
    .tuple(rates, beta, beta, epsilon, fc.option(fc.constantFrom(0, 0.01, 0.5), { nil: null }))
    .map(([rate, beta1, beta2, eps, weightDecay]) => ({
      name: weightDecay === null ? 'adam' : 'adamw',
      rate,
      build: () =>
        weightDecay === null
          ? opaque(adam(rate, { beta1, beta2, epsilon: eps }))
          : opaque(adamw(rate, { beta1, beta2, epsilon: eps, weightDecay })),
      rule: (n: number) => adamRule(n, beta1, beta2, eps, weightDecay),
      slots: ['firstMoment', 'secondMoment'],
    })),
)

describe('every alias keeps the trajectory of its rule as written before the chains', () => {
  propertyTest.prop([cases, runs], { numRuns: 400 })(
    'updates, parameters and slots equal the old formulas bit for bit over 1–4 steps',
    (alias, { parameters, gradients }) => {
      const steps = trajectory(right(alias.build()), parameters, gradients)
      const current = entries(parameters)
      const rule = alias.rule(current.length)
      gradients.forEach((gradient, index) => {
        const stepped = steps[index]
        if (stepped === undefined) throw new Error(`step ${index} is missing`)
        const eta = typeof alias.rate === 'number' ? alias.rate : alias.rate(index)
        const expected = rule.step(entries(gradient), current, eta, index + 1)
        expected.forEach((ui, i) => {
          current[i] = at(current, i) + ui
        })
        const where = `${alias.name} step ${index}`
        expectSameBits(entries(stepped.updates), expected, `${where}: updates`)
        expectSameBits(entries(stepped.parameters), current, `${where}: parameters`)
        alias.slots.forEach((field, s) => {
          const slot = rule.slots[s]
          if (slot === undefined) throw new Error(`the rule has no slot ${s}`)
          expectSameBits(entries(slotOf(stepped.state, field)), slot, `${where}: ${field}`)
        })
      })
    },
  )
})

describe('sgd with zero gradients is the identity', () => {
  propertyTest.prop([parameterTrees, fc.double({ min: 0, max: 10, noNaN: true })])(
    'every update is zero, so parameters + updates = parameters',
    ({ parameters }, rate) => {
      const optimizer = right(sgd(rate))
      const zeros = graph.mapTree(parameters, (leaf) => linalg.zeros(leaf.rows, leaf.cols))
      const [stepped] = trajectory(optimizer, parameters, [zeros])
      expect(stepped && entries(stepped.parameters)).toStrictEqual(entries(parameters))
      expect(stepped && entries(stepped.updates).every((value) => value === 0)).toBe(true)
    },
  )
})
