// AdamW: λ = 0 is Adam; otherwise Adam's update minus η·λ·θ, the decay kept out of the moments.

import { fc, test as propertyTest } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { graph, linalg } from '../../../src/index.js'
import { adam } from '../../../src/train/optimizers/adam.js'
import { adamw } from '../../../src/train/optimizers/adamw.js'
import { left, right } from '../../support/either.js'

const single = (value: number): graph.Tree => ({ w: linalg.fill(1, 1, value) })
const entries = (tree: graph.Tree): number[] =>
  graph.leaves(tree).flatMap(([, leaf]) => linalg.toFlat(leaf))
const valueOf = (tree: graph.Tree): number => entries(tree)[0] ?? Number.NaN

const value = fc.double({ min: -10, max: 10, noNaN: true })

describe('adamw', () => {
  propertyTest.prop([fc.array(fc.tuple(value, value), { minLength: 1, maxLength: 4 })])(
    'with λ = 0 it gives Adam’s updates and states bit for bit',
    (steps) => {
      const decoupled = right(adamw(0.01, { weightDecay: 0 }))
      const plain = right(adam(0.01))
      const parameters = single(1.5)
      let decoupledState = decoupled.init(parameters)
      let plainState = plain.init(parameters)
      for (const [gradient, parameter] of steps) {
        const a = decoupled.update(single(gradient), decoupledState, single(parameter))
        const b = plain.update(single(gradient), plainState, single(parameter))
        expect(entries(a.updates)).toStrictEqual(entries(b.updates))
        expect(entries(a.state[0].firstMoment)).toStrictEqual(entries(b.state[0].firstMoment))
        expect(entries(a.state[0].secondMoment)).toStrictEqual(entries(b.state[0].secondMoment))
        decoupledState = a.state
        plainState = b.state
      }
    },
  )

  test('two steps subtract η·λ·θ from Adam’s update and leave the moments as Adam’s', () => {
    const decoupled = right(adamw(0.1, { weightDecay: 0.5, epsilon: 0 }))
    const plain = right(adam(0.1, { epsilon: 0 }))
    const one = decoupled.update(single(1), decoupled.init(single(2)), single(2))
    const plainOne = plain.update(single(1), plain.init(single(2)), single(2))
    expect(valueOf(one.updates)).toBeCloseTo(-0.1 - 0.1 * 0.5 * 2, 15)
    const two = decoupled.update(single(-2), one.state, single(4))
    const plainTwo = plain.update(single(-2), plainOne.state, single(4))
    expect(valueOf(two.updates)).toBeCloseTo(valueOf(plainTwo.updates) - 0.1 * 0.5 * 4, 15)
    expect(entries(two.state[0].firstMoment)).toStrictEqual(entries(plainTwo.state[0].firstMoment))
  })

  test('the default λ is 0.01', () => {
    const optimizer = right(adamw(0.1))
    const { updates } = optimizer.update(single(0), optimizer.init(single(3)), single(3))
    expect(valueOf(updates)).toBeCloseTo(-0.1 * 0.01 * 3, 15)
  })

  test('refuses bad options, naming adamw, the option and the value', () => {
    expect(left(adamw(0.1, { weightDecay: -1 })).message).toBe(
      'adamw: weightDecay is -1, expected a finite number ≥ 0',
    )
    expect(left(adamw(0.1, { beta1: 2 })).message).toMatch(/^adamw: beta1 is 2/)
    expect(left(adamw(0.1, { beta2: 1 })).message).toMatch(/^adamw: beta2 is 1/)
    expect(left(adamw(0.1, { epsilon: -1 })).message).toMatch(/^adamw: epsilon is -1/)
    expect(left(adamw(Number.NaN)).message).toMatch(/^adamw: learningRate is NaN/)
  })
})
