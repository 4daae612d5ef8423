// Checks the finite-difference laws: the VJP's and the JVP's errors against five-point central
// differences are tiny for correct primitives and of order 1 for wrong ones, a vanishing gradient
// is measured against rounding noise, and bad shapes or steps are named.

import { describe, expect, test } from 'vitest'
import { graph, linalg } from '../../src/index.js'
import * as check from '../../src/check/index.js'
import { cube, cubeWith, hypot, matrix } from './support.js'

const { primitives } = graph

describe('finiteDifferenceError', () => {
  const x = matrix([
    [0.5, -1.25],
    [2, 0.75],
  ])
  const u = matrix([
    [1, -0.5],
    [0.25, 2],
  ])

  test('is tiny for correct primitives and of order 1 for a wrong one', () => {
    expect(check.finiteDifferenceError(primitives.sigmoid, [x], u)).toBeLessThan(1e-8)
    expect(check.finiteDifferenceError(hypot, [x, u], u)).toBeLessThan(1e-8)
    expect(
      check.finiteDifferenceError(
        cubeWith((v) => 2 * v * v),
        [x],
        u,
      ),
    ).toBeGreaterThan(0.1)
  })

  test('a vanishing gradient probed by a cancelling cotangent is measured against rounding noise', () => {
    // ⟨1, softmax(x)⟩ = 1 for every x: the exact gradient is 0, the difference quotient is rounding.
    const ones = linalg.ones(2, 2)
    expect(check.finiteDifferenceError(primitives.softmaxRows, [x], ones)).toBeLessThan(1e-6)
    // but a flipped VJP that is not 0 is still caught
    const flipped: graph.Primitive = {
      ...primitives.softmaxRows,
      vjp: (inputs, output, g) => [
        linalg.negate(primitives.softmaxRows.vjp(inputs, output, g)[0] ?? g),
      ],
    }
    expect(check.finiteDifferenceError(flipped, [x], u)).toBeGreaterThan(0.1)
  })

  test('a VJP result of the wrong shape gives ∞; a wrong cotangent shape is a RangeError', () => {
    const transposed: graph.Primitive = {
      ...cube,
      vjp: (inputs, output, g) => cube.vjp(inputs, output, g).map(linalg.transpose),
    }
    expect(check.finiteDifferenceError(transposed, [matrix([[1, 2]])], matrix([[1, 1]]))).toBe(
      Infinity,
    )
    expect(() => check.finiteDifferenceError(cube, [x], linalg.ones(1, 2))).toThrow(RangeError)
    expect(() => check.finiteDifferenceError(cube, [x], u, { step: 0 })).toThrow(RangeError)
  })

  test('is NaN when a probe leaves the domain', () => {
    expect(check.finiteDifferenceError(primitives.log, [matrix([[0]])], matrix([[1]]))).toBeNaN()
  })
})

describe('jvpFiniteDifferenceError', () => {
  const a = matrix([
    [0.5, -1.25],
    [2, 0.75],
  ])
  const t = matrix([
    [1, -0.5],
    [0.25, 2],
  ])

  test('is tiny for correct primitives and of order 1 for a JVP twice too large', () => {
    expect(check.jvpFiniteDifferenceError(primitives.tanh, [a], [t])).toBeLessThan(1e-8)
    expect(check.jvpFiniteDifferenceError(hypot, [a, t], [t, a])).toBeLessThan(1e-8)
    const doubled: graph.Primitive = {
      ...primitives.tanh,
      jvp: (inputs, output, tangents) =>
        linalg.scale(primitives.tanh.jvp(inputs, output, tangents), 2),
    }
    expect(check.jvpFiniteDifferenceError(doubled, [a], [t])).toBeGreaterThan(0.1)
  })

  test('a missing or mis-shaped tangent and a bad step are RangeErrors', () => {
    expect(() => check.jvpFiniteDifferenceError(primitives.tanh, [a], [])).toThrow(RangeError)
    expect(() => check.jvpFiniteDifferenceError(primitives.tanh, [a], [linalg.ones(1, 2)])).toThrow(
      RangeError,
    )
    expect(() => check.jvpFiniteDifferenceError(primitives.tanh, [a], [t], { step: -1 })).toThrow(
      RangeError,
    )
  })
})
