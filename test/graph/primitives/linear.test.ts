// Checks the linear-algebra primitives: every law of check.checkPrimitive on random shapes, the
// gradients of a dense layer Z = X·W + b derived by hand, and the typed builders.

import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, test } from 'vitest'
import { graph, linalg } from '../../../src/index.js'
import * as check from '../../../src/check/index.js'
import { right } from '../../support/either.js'

const { primitives } = graph

const matrix = (rows: number[][]): linalg.Matrix => right(linalg.fromRows(rows))

const gradients = (
  primitive: graph.Primitive,
  operands: number[][][],
  g: number[][],
): number[][][] => {
  const inputs = operands.map(matrix)
  return primitive.vjp(inputs, primitive.forward(inputs), matrix(g)).map(linalg.toRows)
}

describe('laws (checkPrimitive, 200 runs each)', () => {
  test('matmul', () => {
    check.checkPrimitive(
      primitives.matmul,
      check.sizedOperands(3, ([m, k, n]) => [
        { rows: m, cols: k },
        { rows: k, cols: n },
      ]),
    )
  })
  test('transpose', () => {
    check.checkPrimitive(
      primitives.transpose,
      check.sizedOperands(2, ([rows, cols]) => [{ rows, cols }], { min: -10, max: 10 }),
    )
  })
  test('addRowVector', () => {
    check.checkPrimitive(
      primitives.addRowVector,
      check.sizedOperands(2, ([rows, cols]) => [
        { rows, cols },
        { rows: 1, cols },
      ]),
    )
  })
})

describe('values and gradients derived by hand', () => {
  test('matmul: dA = G·Bᵀ, dB = Aᵀ·G', () => {
    const a = [[1, 2]]
    const b = [[3], [4]]
    expect(linalg.toRows(primitives.matmul.forward([matrix(a), matrix(b)]))).toStrictEqual([[11]])
    expect(gradients(primitives.matmul, [a, b], [[2]])).toStrictEqual([[[6, 8]], [[2], [4]]])
  })

  test('addRowVector: the bias gradient sums the cotangent over rows', () => {
    const z = [
      [1, 2],
      [3, 4],
      [5, 6],
    ]
    const g = [
      [1, 10],
      [2, 20],
      [3, 30],
    ]
    expect(gradients(primitives.addRowVector, [z, [[0, 0]]], g)).toStrictEqual([g, [[6, 60]]])
  })

  test('transpose: 2×3 becomes 3×2, and its VJP and JVP transpose back', () => {
    const a = matrix([
      [1, 2, 3],
      [4, 5, 6],
    ])
    const value = primitives.transpose.forward([a])
    expect(linalg.toRows(value)).toStrictEqual([
      [1, 4],
      [2, 5],
      [3, 6],
    ])
    expect(primitives.transpose.vjp([a], value, value)).toStrictEqual([a])
    expect(primitives.transpose.jvp([a], value, [a])).toStrictEqual(value)
    expect(primitives.transpose.shape([{ rows: 2, cols: 3 }])).toStrictEqual(
      E.right({ rows: 3, cols: 2 }),
    )
  })

  test('formulas', () => {
    expect(primitives.transpose.formula(['W'])).toStrictEqual({ text: 'Wᵀ', tex: 'W^\\top' })
    expect(primitives.transpose.derivatives(['W'], 'y')[0]?.text).toBe('(·)ᵀ')
  })
})

describe('typed builders', () => {
  test('transpose takes and returns a matrix, with the record', () => {
    const t = graph.transpose(graph.parameter('W', 2, 3))
    expect(t.valueKind).toBe('matrix')
    expect(t.tag === 'operation' && t.primitive).toBe(primitives.transpose)
  })
})

describe('matmul and addRowVector skip the gradients nobody wants', () => {
  const a = matrix([
    [1, 2],
    [3, 4],
  ])
  const b = matrix([[0.5], [-1]])
  const g = matrix([[1], [2]])

  test('matmul leaves a hole for an unwanted operand and computes the wanted one as before', () => {
    const output = primitives.matmul.forward([a, b])
    const all = primitives.matmul.vjp([a, b], output, g)
    const onlyRight = primitives.matmul.vjp([a, b], output, g, [false, true])
    expect(onlyRight[0]).toBeUndefined()
    expect(onlyRight[1]).toStrictEqual(all[1])
    const onlyLeft = primitives.matmul.vjp([a, b], output, g, [true, false])
    expect(onlyLeft[0]).toStrictEqual(all[0])
    expect(onlyLeft[1]).toBeUndefined()
  })

  test('addRowVector skips the column sums of an unwanted row', () => {
    const row = matrix([[1, 1]])
    const cotangent = matrix([
      [1, 2],
      [3, 4],
    ])
    const output = primitives.addRowVector.forward([a, row])
    const contributions = primitives.addRowVector.vjp([a, row], output, cotangent, [true, false])
    expect(contributions[0]).toBe(cotangent)
    expect(contributions[1]).toBeUndefined()
  })
})
