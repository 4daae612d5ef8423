// Checks the element-wise builder: one definition gives forward, VJP, JVP and printed derivative;
// with loops the plain rule is kept as `reference`, a loop that drifts from the declared derivative
// or function is caught by the laws, and a faithful loop keeps every law.

import { describe, expect, test } from 'vitest'
import { graph, linalg } from '../../../src/index.js'
import * as check from '../../../src/check/index.js'
import { right } from '../../support/either.js'

const { formula: f, primitives } = graph

/** x·|x|, whose derivative is 2|x|: the declared rule, written once. */
const apply = (x: number): number => x * Math.abs(x)
const slope = (x: number): number => 2 * Math.abs(x)

const absolute: graph.formula.ScalarFunction = {
  at: Math.abs,
  entry: (a) => graph.plain(`|${a.text}|`, `\\lvert ${a.tex} \\rvert`),
  array: (a) => graph.plain(`abs(${a.text})`, `\\lvert ${a.tex} \\rvert`),
}

type Loops = NonNullable<graph.primitives.ElementwiseDefinition['loops']>

const signedSquare = (loops?: Loops): graph.Primitive =>
  primitives.elementwise({
    name: 'signedSquare',
    apply,
    derivative: slope,
    formula: (a) => graph.plain(`${a}·|${a}|`),
    derivativeFormula: f.times(f.number(2), f.apply(absolute, f.x)),
    ...(loops === undefined ? {} : { loops }),
  })

/** Loops that call the declared functions, as the hot activations' loops do. */
const faithful: Loops = {
  apply: (input, out) => {
    input.forEach((x, index) => {
      out[index] = apply(x)
    })
  },
  along: (direction, x, _y, out) => {
    direction.forEach((d, index) => {
      out[index] = d * slope(x[index] ?? Number.NaN)
    })
  },
}

const row = (values: readonly number[]): linalg.Matrix => right(linalg.rowVector(values))
/** Operands away from 0, where x·|x| has no second derivative (the differences need one). */
const operands = check.sizedOperands(2, ([rows, cols]) => [{ rows, cols }], { avoid: [0] })

describe('elementwise', () => {
  test('one definition gives the value, the VJP, the JVP and the printed derivative', () => {
    const plain = signedSquare()
    const x = row([-2, 0.5, 3])
    const y = plain.forward([x])
    expect(linalg.toFlat(y)).toStrictEqual([-4, 0.25, 9])
    expect(plain.vjp([x], y, row([1, 1, 2])).map(linalg.toFlat)).toStrictEqual([[4, 1, 12]])
    expect(linalg.toFlat(plain.jvp([x], y, [row([1, 2, 1])]))).toStrictEqual([4, 2, 6])
    expect(plain.derivatives(['u'], 'v')).toStrictEqual([
      graph.plain('2·|u|', '2 \\lvert u \\rvert'),
    ])
    expect(plain.reference).toBeUndefined()
    check.checkPrimitive(plain, operands, { numRuns: 50 })
  })

  test('with loops, the plain rule is kept as the reference, and faithful loops keep every law', () => {
    const fast = signedSquare(faithful)
    expect(fast.reference).toBeDefined()
    const x = row([-1e3, -1, -0, 0, 0.25, 7])
    const g = row([1, -2, 3, 0.5, 1, -1])
    expect(check.referenceViolations(fast, [x], g, [g])).toStrictEqual([])
    check.checkPrimitive(fast, operands, { numRuns: 50 })
  })

  test('a loop that drifts from the declared derivative breaks the fast-path law', () => {
    const drifted = signedSquare({
      ...faithful,
      along: (direction, x, _y, out) => {
        direction.forEach((d, index) => {
          out[index] = d * 2 * (x[index] ?? Number.NaN) // forgot the absolute value
        })
      },
    })
    const x = row([-2, 3])
    const g = row([1, 1])
    expect(check.referenceViolations(drifted, [x], g, [g])).toStrictEqual([
      'signedSquare: the fast VJP for operand 0 differs from its declared rule (entry 0: -4 ≠ 4)',
      'signedSquare: the fast JVP differs from its declared rule (entry 0: -4 ≠ 4)',
    ])
    expect(() => {
      check.checkPrimitive(drifted, operands, { numRuns: 50, seed: 1 })
    }).toThrow(/signedSquare: the fast VJP for operand 0 differs from its declared rule/)
  })

  test('a forward loop that drifts from the declared function breaks it too', () => {
    const drifted = signedSquare({
      ...faithful,
      apply: (input, out) => {
        input.forEach((x, index) => {
          out[index] = x * x
        })
      },
    })
    const x = row([-2])
    expect(check.referenceViolations(drifted, [x], x, [x])).toContain(
      'signedSquare: the fast forward differs from its declared rule (entry 0: 4 ≠ -4)',
    )
  })
})
