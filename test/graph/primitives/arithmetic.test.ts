// Checks the arithmetic primitives: every law of check.checkPrimitive on random operands, values
// and gradients derived by hand, and the typed builders that use each record.

import { describe, expect, test } from 'vitest'
import { graph, linalg } from '../../../src/index.js'
import * as check from '../../../src/check/index.js'
import { right } from '../../support/either.js'

const { primitives } = graph

const matrix = (rows: number[][]): linalg.Matrix => right(linalg.fromRows(rows))

const forward = (primitive: graph.Primitive, ...operands: number[][][]): number[][] =>
  linalg.toRows(primitive.forward(operands.map(matrix)))

/** The VJP of every operand for cotangent g, as nested rows. */
const gradients = (
  primitive: graph.Primitive,
  operands: number[][][],
  g: number[][],
): number[][][] => {
  const inputs = operands.map(matrix)
  return primitive.vjp(inputs, primitive.forward(inputs), matrix(g)).map(linalg.toRows)
}

/** `count` operands of one random shape up to 4×4. */
const sameShape = (count: number, constraints: check.EntryConstraints = {}) =>
  check.sizedOperands(
    2,
    ([rows, cols]) => Array.from({ length: count }, () => ({ rows, cols })),
    constraints,
  )

describe('laws (checkPrimitive, 200 runs each)', () => {
  test('add', () => {
    check.checkPrimitive(primitives.add, sameShape(2, { min: -10, max: 10 }))
  })
  test('sub', () => {
    check.checkPrimitive(primitives.sub, sameShape(2, { min: -10, max: 10 }))
  })
  test('neg', () => {
    check.checkPrimitive(primitives.neg, sameShape(1, { min: -10, max: 10 }))
  })
  test('mul', () => {
    check.checkPrimitive(primitives.mul, sameShape(2))
  })
  test('div (divisor kept away from 0)', () => {
    check.checkPrimitive(
      primitives.div,
      check.sizedOperands(2, ([rows, cols]) => [
        { rows, cols },
        { rows, cols, avoid: [0], margin: 0.25 },
      ]),
    )
  })
  test('scale', () => {
    check.checkPrimitive(primitives.scale(-2.5), sameShape(1))
  })
  test('square', () => {
    check.checkPrimitive(primitives.square, sameShape(1))
  })
  test.each([2, 3, -1, 0, 1])('power(%d) on any base away from 0', (exponent) => {
    check.checkPrimitive(primitives.power(exponent), sameShape(1, { avoid: [0], margin: 0.1 }))
  })
  test.each([0.5, -1.5, 2.25])('power(%d) on a positive base', (exponent) => {
    check.checkPrimitive(primitives.power(exponent), sameShape(1, { min: 0.1, max: 3 }))
  })
})

describe('values and gradients derived by hand', () => {
  test('add, sub and neg', () => {
    expect(forward(primitives.add, [[1, 2]], [[10, 20]])).toStrictEqual([[11, 22]])
    expect(forward(primitives.sub, [[1, 2]], [[10, 20]])).toStrictEqual([[-9, -18]])
    expect(forward(primitives.neg, [[1, -2]])).toStrictEqual([[-1, 2]])
    expect(gradients(primitives.sub, [[[1]], [[2]]], [[3]])).toStrictEqual([[[3]], [[-3]]])
  })

  test('mul: d(ab)/da = b, d(ab)/db = a', () => {
    expect(forward(primitives.mul, [[2, 3]], [[5, 7]])).toStrictEqual([[10, 21]])
    expect(gradients(primitives.mul, [[[2, 3]], [[5, 7]]], [[1, 10]])).toStrictEqual([
      [[5, 70]],
      [[2, 30]],
    ])
  })

  test('div: d(a/b)/da = 1/b, d(a/b)/db = −a/b²', () => {
    expect(forward(primitives.div, [[6, 1]], [[2, 4]])).toStrictEqual([[3, 0.25]])
    expect(gradients(primitives.div, [[[6, 1]], [[2, 4]]], [[1, 1]])).toStrictEqual([
      [[0.5, 0.25]],
      [[-1.5, -0.0625]],
    ])
  })

  test('div by 0 follows IEEE arithmetic', () => {
    expect(forward(primitives.div, [[1, -1, 0]], [[0, 0, 0]])).toStrictEqual([
      [Infinity, -Infinity, NaN],
    ])
  })

  test('scale and square', () => {
    expect(forward(primitives.scale(3), [[1, -2]])).toStrictEqual([[3, -6]])
    expect(gradients(primitives.square, [[[3, -0.5]]], [[1, 2]])).toStrictEqual([[[6, -2]]])
  })

  test('power: x³ at 2 is 8 with slope 12; √x at 4 is 2 with slope 1/4', () => {
    expect(forward(primitives.power(3), [[2, -2]])).toStrictEqual([[8, -8]])
    expect(gradients(primitives.power(3), [[[2, -2]]], [[1, 1]])).toStrictEqual([[[12, 12]]])
    expect(forward(primitives.power(0.5), [[4]])).toStrictEqual([[2]])
    expect(gradients(primitives.power(0.5), [[[4]]], [[1]])).toStrictEqual([[[0.25]]])
  })

  test('power(0) is 1 with derivative 0 everywhere, even at 0', () => {
    expect(forward(primitives.power(0), [[0, 5]])).toStrictEqual([[1, 1]])
    expect(gradients(primitives.power(0), [[[0, 5]]], [[1, 1]])).toStrictEqual([[[0, 0]]])
  })

  test('power with a non-integer exponent of a negative base is NaN (IEEE)', () => {
    expect(forward(primitives.power(0.5), [[-4]])).toStrictEqual([[NaN]])
  })

  test('formulas name their arguments', () => {
    expect(primitives.div.formula(['a', 'b'])).toStrictEqual({ text: 'a / b', tex: '\\frac{a}{b}' })
    expect(primitives.div.derivatives(['a', 'b'], 'y').map((f) => f.text)).toStrictEqual([
      '1/b',
      '−a/b²',
    ])
    expect(primitives.power(3).formula(['x']).text).toBe('x^3')
    expect(primitives.power(3).derivatives(['x'], 'y')[0]?.text).toBe('3·x^2')
  })

  test('a non-finite exponent is a RangeError', () => {
    expect(() => primitives.power(Number.NaN)).toThrow(RangeError)
    expect(() => primitives.power(Infinity)).toThrow(/exponent is Infinity/)
  })
})

describe('typed builders', () => {
  test('div and power keep the kind and use the records', () => {
    const x = graph.scalarInput('x')
    const quotient = graph.div(x, graph.constant(2))
    expect(quotient.valueKind).toBe('scalar')
    expect(quotient.tag === 'operation' && quotient.primitive).toBe(primitives.div)
    const cube = graph.power(graph.input('X', 2, 2), 3)
    expect(cube.valueKind).toBe('matrix')
    expect(cube.tag === 'operation' && cube.primitive.name).toBe('power(3)')
  })
})
