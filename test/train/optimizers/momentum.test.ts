// Heavy-ball momentum by hand on a 1×1 parameter: v ← β·v + g, update −η·v.

import { describe, expect, test } from 'vitest'
import { graph, linalg } from '../../../src/index.js'
import { momentum } from '../../../src/train/optimizers/momentum.js'
import { sgd } from '../../../src/train/optimizers/sgd.js'
import { left, right } from '../../support/either.js'

const single = (value: number): graph.Tree => ({ w: linalg.fill(1, 1, value) })
const valueOf = (tree: graph.Tree): number =>
  graph.leaves(tree).flatMap(([, leaf]) => linalg.toFlat(leaf))[0] ?? Number.NaN

describe('momentum', () => {
  test('three steps with β = 0.9 match the hand computation', () => {
    const optimizer = right(momentum(0.1, { beta: 0.9 }))
    const parameters = single(3)
    let state = optimizer.init(parameters)
    const seen: [number, number][] = []
    for (const gradient of [1, -2, 0.5]) {
      const result = optimizer.update(single(gradient), state, parameters)
      state = result.state
      seen.push([valueOf(result.updates), valueOf(state[0].velocity)])
    }
    // v₁ = 1, v₂ = 0.9·1 − 2 = −1.1, v₃ = 0.9·(−1.1) + 0.5 = −0.49; update = −0.1·v.
    const expected = [
      [-0.1, 1],
      [0.11, -1.1],
      [0.049, -0.49],
    ]
    seen.forEach(([update, velocity], index) => {
      expect(update).toBeCloseTo(expected[index]?.[0] ?? Number.NaN, 14)
      expect(velocity).toBeCloseTo(expected[index]?.[1] ?? Number.NaN, 14)
    })
    expect(state[1].step).toBe(3)
  })

  test('β = 0 is SGD', () => {
    const plain = right(sgd(0.1))
    const heavy = right(momentum(0.1, { beta: 0 }))
    const parameters = single(0)
    let plainState = plain.init(parameters)
    let heavyState = heavy.init(parameters)
    for (const gradient of [1, -2, 0.5]) {
      const a = plain.update(single(gradient), plainState, parameters)
      const b = heavy.update(single(gradient), heavyState, parameters)
      expect(valueOf(b.updates)).toBe(valueOf(a.updates))
      plainState = a.state
      heavyState = b.state
    }
  })

  test('refuses β outside [0, 1), naming momentum, the option and the value', () => {
    expect(left(momentum(0.1, { beta: 1 })).message).toBe(
      'momentum: beta is 1, expected a number in [0, 1)',
    )
    expect(left(momentum(0.1, { beta: -0.1 }))).toMatchObject({
      optimizer: 'momentum',
      option: 'beta',
    })
    expect(left(momentum(Number.NaN)).message).toMatch(/^momentum: learningRate is NaN/)
  })
})
