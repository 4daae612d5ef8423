// Adagrad by hand on a 1×1 parameter: s ← s + g², update −η·g/(√s + ε).

import { describe, expect, test } from 'vitest'
import { graph, linalg } from '../../../src/index.js'
import { adagrad } from '../../../src/train/optimizers/adagrad.js'
import { left, right } from '../../support/either.js'

const single = (value: number): graph.Tree => ({ w: linalg.fill(1, 1, value) })
const valueOf = (tree: graph.Tree): number =>
  graph.leaves(tree).flatMap(([, leaf]) => linalg.toFlat(leaf))[0] ?? Number.NaN

const run = (epsilon: number): { updates: number[]; sums: number[] } => {
  const optimizer = right(adagrad(0.1, { epsilon }))
  const parameters = single(3)
  let state = optimizer.init(parameters)
  const updates: number[] = []
  const sums: number[] = []
  for (const gradient of [1, -2, 0.5]) {
    const result = optimizer.update(single(gradient), state, parameters)
    state = result.state
    updates.push(valueOf(result.updates))
    sums.push(valueOf(state[0].sumOfSquares))
  }
  return { updates, sums }
}

describe('adagrad', () => {
  test('three steps with ε = 0 match the hand computation', () => {
    const { updates, sums } = run(0)
    expect(sums).toStrictEqual([1, 5, 5.25])
    const expected = [-0.1, 0.2 / Math.sqrt(5), -0.05 / Math.sqrt(5.25)]
    updates.forEach((update, index) => {
      expect(update).toBeCloseTo(expected[index] ?? Number.NaN, 15)
    })
  })

  test('ε enters the denominator outside the root', () => {
    const { updates } = run(1)
    expect(updates[0]).toBeCloseTo(-0.1 / 2, 15)
    expect(updates[1]).toBeCloseTo(0.2 / (Math.sqrt(5) + 1), 15)
  })

  test('zero gradients with ε > 0 give zero updates', () => {
    const optimizer = right(adagrad(0.1))
    const { updates } = optimizer.update(single(0), optimizer.init(single(1)), single(1))
    expect(Math.abs(valueOf(updates))).toBe(0)
  })

  test('refuses a negative ε, naming adagrad, the option and the value', () => {
    expect(left(adagrad(0.1, { epsilon: -1e-8 })).message).toBe(
      'adagrad: epsilon is -1e-8, expected a finite number ≥ 0',
    )
  })
})
