// Checks the formula law: the derivative terms a primitive shows evaluate to what its VJP computes
// — 0 for the library's primitives, of order 1 for a term or a VJP that says something else — and
// checkPrimitive names the law when the two disagree.

import { describe, expect, test } from 'vitest'
import { graph, linalg } from '../../src/index.js'
import * as check from '../../src/check/index.js'
import { cubeWith, failureOf, hypot, matrix, timesSquare } from './support.js'

const { primitives } = graph

describe('formulaError', () => {
  const x = matrix([
    [0.5, -1.25],
    [2, 0.75],
  ])
  const u = matrix([
    [1, -0.5],
    [0.25, 2],
  ])

  test('is 0 for a primitive whose terms are what its VJP computes', () => {
    expect(check.formulaError(primitives.sigmoid, [x], u)).toBe(0)
    expect(check.formulaError(primitives.mul, [x, u], u)).toBe(0)
  })

  test('is of order 1 for a term that says something else than the VJP', () => {
    // a sigmoid whose record shows the derivative of tanh, 1 − y²
    const { formula } = graph
    const mislabelled: graph.Primitive = {
      ...primitives.sigmoid,
      derivativeTerms: [formula.minus(formula.one, formula.squared(formula.y))],
    }
    expect(check.formulaError(mislabelled, [x], u)).toBeGreaterThan(0.1)
    expect(
      check.formulaError(
        cubeWith((v) => 3 * v * v, timesSquare(2)),
        [x],
        u,
      ),
    ).toBeGreaterThan(0.1)
  })

  test('is undefined for a primitive that writes its derivatives as text only', () => {
    expect(check.formulaError(hypot, [x, u], u)).toBeUndefined()
  })

  test('a cotangent of the wrong shape is a RangeError', () => {
    expect(() => check.formulaError(primitives.sigmoid, [x], linalg.ones(1, 2))).toThrow(RangeError)
  })
})

describe('checkPrimitive names the formula law', () => {
  test('a derivative term that is not what the VJP computes breaks the formula law', () => {
    // code right, formula wrong: the finite differences pass, the shown formula lies
    const message = failureOf(cubeWith((x) => 3 * x * x, timesSquare(2)))
    expect(message).toMatch(/cube: its derivative terms \(2·x0²\) disagree with its VJP/)
    expect(message).not.toMatch(/finite differences/)
    // code wrong, formula right: the formula law catches it even where finite differences cannot
    expect(failureOf(cubeWith((x) => 2 * x * x))).toMatch(/cube: its derivative terms \(3·x0²\)/)
  })
})
