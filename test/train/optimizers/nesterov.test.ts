// Nesterov momentum by hand on a 1×1 parameter: v ← β·v + g, update −η·(g + β·v).

import { describe, expect, test } from 'vitest'
import { graph, linalg } from '../../../src/index.js'
import { momentum } from '../../../src/train/optimizers/momentum.js'
import { nesterov } from '../../../src/train/optimizers/nesterov.js'
import { left, right } from '../../support/either.js'

const single = (value: number): graph.Tree => ({ w: linalg.fill(1, 1, value) })
const valueOf = (tree: graph.Tree): number =>
  graph.leaves(tree).flatMap(([, leaf]) => linalg.toFlat(leaf))[0] ?? Number.NaN

describe('nesterov', () => {
  test('three steps with β = 0.9 match the hand computation', () => {
    const optimizer = right(nesterov(0.1, { beta: 0.9 }))
    const parameters = single(3)
    let state = optimizer.init(parameters)
    const updates: number[] = []
    for (const gradient of [1, -2, 0.5]) {
      const result = optimizer.update(single(gradient), state, parameters)
      state = result.state
      updates.push(valueOf(result.updates))
    }
    // v = 1, −1.1, −0.49; update = −0.1·(g + 0.9·v).
    const expected = [-0.1 * (1 + 0.9), -0.1 * (-2 + 0.9 * -1.1), -0.1 * (0.5 + 0.9 * -0.49)]
    updates.forEach((update, index) => {
      expect(update).toBeCloseTo(expected[index] ?? Number.NaN, 14)
    })
    expect(valueOf(state[0].velocity)).toBeCloseTo(-0.49, 14)
  })

  test('keeps the same velocity as heavy-ball momentum, with different updates', () => {
    const ahead = right(nesterov(0.1, { beta: 0.5 }))
    const heavy = right(momentum(0.1, { beta: 0.5 }))
    const parameters = single(0)
    let aheadState = ahead.init(parameters)
    let heavyState = heavy.init(parameters)
    for (const gradient of [1, 3, -2]) {
      const a = ahead.update(single(gradient), aheadState, parameters)
      const b = heavy.update(single(gradient), heavyState, parameters)
      expect(valueOf(a.state[0].velocity)).toBe(valueOf(b.state[0].velocity))
      expect(valueOf(a.updates)).not.toBe(valueOf(b.updates))
      aheadState = a.state
      heavyState = b.state
    }
  })

  test('refuses β outside [0, 1), naming nesterov, the option and the value', () => {
    expect(left(nesterov(0.1, { beta: 1.5 })).message).toBe(
      'nesterov: beta is 1.5, expected a number in [0, 1)',
    )
    expect(left(nesterov(-2)).message).toMatch(/^nesterov: learningRate is -2/)
  })
})
