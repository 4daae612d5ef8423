// RMSprop by hand on a 1×1 parameter: s ← ρ·s + (1 − ρ)·g², update −η·g/(√s + ε).

import { describe, expect, test } from 'vitest'
import { graph, linalg } from '../../../src/index.js'
import { rmsprop } from '../../../src/train/optimizers/rmsprop.js'
import { left, right } from '../../support/either.js'

const single = (value: number): graph.Tree => ({ w: linalg.fill(1, 1, value) })
const valueOf = (tree: graph.Tree): number =>
  graph.leaves(tree).flatMap(([, leaf]) => linalg.toFlat(leaf))[0] ?? Number.NaN

describe('rmsprop', () => {
  test('three steps with ρ = 0.9 and ε = 0 match the hand computation', () => {
    const optimizer = right(rmsprop(0.1, { decay: 0.9, epsilon: 0 }))
    const parameters = single(3)
    let state = optimizer.init(parameters)
    const seen: [number, number][] = []
    for (const gradient of [1, -2, 0.5]) {
      const result = optimizer.update(single(gradient), state, parameters)
      state = result.state
      seen.push([valueOf(result.updates), valueOf(state[0].meanSquare)])
    }
    // s₁ = 0.1, s₂ = 0.09 + 0.4 = 0.49, s₃ = 0.441 + 0.025 = 0.466.
    const expected = [
      [-0.1 / Math.sqrt(0.1), 0.1],
      [0.2 / 0.7, 0.49],
      [-0.05 / Math.sqrt(0.466), 0.466],
    ]
    seen.forEach(([update, meanSquare], index) => {
      expect(update).toBeCloseTo(expected[index]?.[0] ?? Number.NaN, 14)
      expect(meanSquare).toBeCloseTo(expected[index]?.[1] ?? Number.NaN, 14)
    })
  })

  test('defaults: ρ = 0.9, ε = 1e-8', () => {
    const optimizer = right(rmsprop(0.1))
    const { updates } = optimizer.update(single(2), optimizer.init(single(0)), single(0))
    expect(valueOf(updates)).toBeCloseTo(-0.2 / (Math.sqrt(0.4) + 1e-8), 15)
  })

  test('refuses a decay outside [0, 1), naming rmsprop, the option and the value', () => {
    expect(left(rmsprop(0.1, { decay: 1 })).message).toBe(
      'rmsprop: decay is 1, expected a number in [0, 1)',
    )
    expect(left(rmsprop(0.1, { decay: 0.9, epsilon: Number.NaN })).message).toMatch(
      /^rmsprop: epsilon is NaN/,
    )
  })
})
