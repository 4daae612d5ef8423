// Adam: the bias-corrected first step moves each coordinate by ≈ η for any nonzero gradient; two
// steps by hand on a 1×1 parameter; the options are checked when the optimizer is built.

import { fc, test as propertyTest } from '@fast-check/vitest'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, test } from 'vitest'
import { graph, linalg } from '../../../src/index.js'
import { adam } from '../../../src/train/optimizers/adam.js'
import { left, right } from '../../support/either.js'

const single = (value: number): graph.Tree => ({ w: linalg.fill(1, 1, value) })
const entries = (tree: graph.Tree): number[] =>
  graph.leaves(tree).flatMap(([, leaf]) => linalg.toFlat(leaf))
const valueOf = (tree: graph.Tree): number => entries(tree)[0] ?? Number.NaN

const nonzero = fc
  .double({ min: -1e3, max: 1e3, noNaN: true })
  .filter((value) => Math.abs(value) >= 1e-4)

describe('adam', () => {
  propertyTest.prop([
    fc.array(nonzero, { minLength: 1, maxLength: 12 }),
    fc.double({ min: 1e-4, max: 1, noNaN: true }),
  ])('the first step moves every coordinate by η·sign(g) to 1e-6 relative', (values, rate) => {
    const row = linalg.rowVector(values)
    expect(E.isRight(row)).toBe(true)
    if (E.isLeft(row)) return
    const gradients = { layers: [{ W: row.right }] }
    const parameters = graph.mapTree(gradients, (leaf) => linalg.zeros(leaf.rows, leaf.cols))
    const optimizer = right(adam(rate, { epsilon: 1e-12 }))
    const { updates } = optimizer.update(gradients, optimizer.init(parameters), parameters)
    entries(updates).forEach((update, index) => {
      const sign = Math.sign(values[index] ?? Number.NaN)
      expect(Math.abs(update + sign * rate) / rate).toBeLessThan(1e-6)
    })
  })

  test('two steps with the default betas and ε = 0 match the hand computation', () => {
    const optimizer = right(adam(0.1, { epsilon: 0 }))
    const parameters = single(3)
    const one = optimizer.update(single(1), optimizer.init(parameters), parameters)
    const two = optimizer.update(single(-2), one.state, parameters)
    // Step 1: m = 0.1, v = 0.001, m̂ = 1, v̂ = 1.
    expect(valueOf(one.updates)).toBeCloseTo(-0.1, 15)
    // Step 2: m = 0.09 − 0.2 = −0.11, v = 0.000999 + 0.004 = 0.004999.
    const mHat = -0.11 / (1 - 0.9 ** 2)
    const vHat = 0.004999 / (1 - 0.999 ** 2)
    expect(valueOf(two.state[0].firstMoment)).toBeCloseTo(-0.11, 15)
    expect(valueOf(two.state[0].secondMoment)).toBeCloseTo(0.004999, 15)
    expect(valueOf(two.updates)).toBeCloseTo((-0.1 * mHat) / Math.sqrt(vHat), 14)
    expect(two.state[0].count).toBe(2)
    expect(two.state[1].step).toBe(2)
  })

  test('the moments start at zero, shaped like the parameters', () => {
    const parameters = { layers: [{ W: linalg.ones(2, 3), b: linalg.ones(1, 3) }] }
    const [moments, schedule] = right(adam(0.1)).init(parameters)
    expect([moments.count, schedule.step]).toStrictEqual([0, 0])
    for (const moment of [moments.firstMoment, moments.secondMoment]) {
      expect(graph.leaves(moment).map(([, leaf]) => [leaf.rows, leaf.cols])).toStrictEqual([
        [2, 3],
        [1, 3],
      ])
      expect(entries(moment).every((value) => value === 0)).toBe(true)
    }
  })

  test('refuses bad options, naming adam, the option and the value', () => {
    expect(left(adam(0.1, { beta1: 1 })).message).toBe(
      'adam: beta1 is 1, expected a number in [0, 1)',
    )
    expect(left(adam(0.1, { beta2: -0.5 })).message).toMatch(/^adam: beta2 is -0.5/)
    expect(left(adam(0.1, { epsilon: Number.POSITIVE_INFINITY })).message).toMatch(
      /^adam: epsilon is Infinity/,
    )
    expect(left(adam(-0.1))).toMatchObject({ optimizer: 'adam', option: 'learningRate' })
  })
})
