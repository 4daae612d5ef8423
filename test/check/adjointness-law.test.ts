// Checks the adjointness law: ⟨u, J·v⟩ = ⟨Jᵀ·u, v⟩ holds to rounding for correct primitives, fails
// by order 1 for a JVP that is not the VJP's adjoint, and mis-shaped directions are RangeErrors.

import { describe, expect, test } from 'vitest'
import { graph, linalg } from '../../src/index.js'
import * as check from '../../src/check/index.js'
import { matrix } from './support.js'

const { primitives } = graph

describe('adjointnessError', () => {
  const a = matrix([
    [1, 2, -1],
    [0.5, -3, 2],
  ])
  const b = matrix([[0.25, -1, 2]])

  test('is at rounding level for correct primitives', () => {
    const u = matrix([
      [1, -1, 0.5],
      [2, 0.5, -0.25],
    ])
    expect(check.adjointnessError(primitives.addRowVector, [a, b], u, [u, b])).toBeLessThan(1e-15)
    expect(check.adjointnessError(primitives.softmaxRows, [a], u, [a])).toBeLessThan(1e-14)
  })

  test('is of order 1 when the JVP is not the adjoint', () => {
    const doubled: graph.Primitive = {
      ...primitives.tanh,
      jvp: (inputs, output, t) => linalg.scale(primitives.tanh.jvp(inputs, output, t), 2),
    }
    expect(check.adjointnessError(doubled, [a], a, [a])).toBeGreaterThan(0.1)
  })

  test('is 0 when every product is exactly 0, and a RangeError for mis-shaped directions', () => {
    const zero = linalg.zeros(2, 3)
    expect(check.adjointnessError(primitives.relu, [linalg.fill(2, 3, -1)], a, [a])).toBe(0)
    expect(check.adjointnessError(primitives.tanh, [a], zero, [zero])).toBe(0)
    expect(() => check.adjointnessError(primitives.tanh, [a], a, [])).toThrow(RangeError)
    expect(() => check.adjointnessError(primitives.tanh, [a], b, [a])).toThrow(RangeError)
  })
})
