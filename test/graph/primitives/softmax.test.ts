// Checks row-wise softmax and log-sum-exp: every law of check.checkPrimitive on random shapes,
// values derived by hand, stability with entries of 1000, the invariance to shifting a row, and
// the gradient of log-sum-exp being softmax.

import { describe, expect, test } from 'vitest'
import { graph, linalg } from '../../../src/index.js'
import * as check from '../../../src/check/index.js'
import { right } from '../../support/either.js'

const { primitives } = graph

const matrix = (rows: number[][]): linalg.Matrix => right(linalg.fromRows(rows))

const forward = (primitive: graph.Primitive, rows: number[][]): number[][] =>
  linalg.toRows(primitive.forward([matrix(rows)]))

const gradient = (primitive: graph.Primitive, rows: number[][], g: number[][]): number[][] => {
  const x = matrix(rows)
  const [dx] = primitive.vjp([x], primitive.forward([x]), matrix(g))
  return dx === undefined ? [] : linalg.toRows(dx)
}

const anyShape = check.sizedOperands(2, ([rows, cols]) => [{ rows, cols }])

describe('laws (checkPrimitive, 200 runs each)', () => {
  test('softmaxRows', () => {
    check.checkPrimitive(primitives.softmaxRows, anyShape)
  })
  test('logSumExpRows', () => {
    check.checkPrimitive(primitives.logSumExpRows, anyShape)
  })
})

describe('values and gradients derived by hand', () => {
  test('softmax of a constant row is uniform', () => {
    expect(
      forward(primitives.softmaxRows, [
        [7, 7, 7, 7],
        [-2, -2, -2, -2],
      ]),
    ).toStrictEqual([
      [0.25, 0.25, 0.25, 0.25],
      [0.25, 0.25, 0.25, 0.25],
    ])
  })

  test('softmax of [0, ln 3] is [1/4, 3/4]', () => {
    const [[low = NaN, high = NaN] = []] = forward(primitives.softmaxRows, [[0, Math.log(3)]])
    expect(low).toBeCloseTo(0.25, 15)
    expect(high).toBeCloseTo(0.75, 15)
  })

  test('softmax is stable: [1000, 0] gives [1, 0] and [1000, 1000] gives [½, ½], no NaN', () => {
    expect(
      forward(primitives.softmaxRows, [
        [1000, 0],
        [1000, 1000],
        [-1000, 1000],
      ]),
    ).toStrictEqual([
      [1, 0],
      [0.5, 0.5],
      [0, 1],
    ])
    // y ⊙ (g − Σ g ⊙ y) with y = [1, 0], g = [1, −1]: [1·(1 − 1), 0·(−1 − 1)] = [0, −0]
    const [slopes = []] = gradient(primitives.softmaxRows, [[1000, 0]], [[1, -1]])
    expect(slopes.map((slope) => slope + 0)).toStrictEqual([0, 0])
  })

  test('softmax VJP y ⊙ (g − Σ g ⊙ y): for y = [½, ½] and g = [1, 0] it is [¼, −¼]', () => {
    expect(gradient(primitives.softmaxRows, [[3, 3]], [[1, 0]])).toStrictEqual([[0.25, -0.25]])
  })

  test('adding a constant to a row leaves its softmax unchanged (to rounding)', () => {
    const base = forward(primitives.softmaxRows, [[0.5, -1, 2]])
    const shifted = forward(primitives.softmaxRows, [[100.5, 99, 102]])
    expect(linalg.equals(matrix(shifted), matrix(base), { relative: 1e-12 })).toBe(true)
  })

  test('logSumExp([0, 0]) = log 2; of one entry it is that entry', () => {
    expect(
      forward(primitives.logSumExpRows, [
        [0, 0],
        [0, 0],
      ]),
    ).toStrictEqual([[Math.LN2], [Math.LN2]])
    expect(forward(primitives.logSumExpRows, [[-3.5]])).toStrictEqual([[-3.5]])
  })

  test('logSumExp is stable: [[1000, 1000]] gives 1000 + log 2, [[-1000, -1000]] −1000 + log 2', () => {
    expect(
      forward(primitives.logSumExpRows, [
        [1000, 1000],
        [-1000, -1000],
      ]),
    ).toStrictEqual([[1000 + Math.LN2], [-1000 + Math.LN2]])
  })

  test('the gradient of logSumExp is g · softmax', () => {
    const rows = [
      [0.5, -1, 2],
      [1000, 0, 999],
    ]
    const softmax = forward(primitives.softmaxRows, rows)
    const g = [[2], [-1]]
    const expected = matrix(softmax.map((values, r) => values.map((p) => p * (g[r]?.[0] ?? NaN))))
    const actual = matrix(gradient(primitives.logSumExpRows, rows, g))
    expect(linalg.equals(actual, expected, { relative: 1e-14, absolute: 1e-300 })).toBe(true)
  })

  test('formulas', () => {
    expect(primitives.softmaxRows.derivatives(['z'], 'p')[0]?.text).toBe(
      'diag(p) − p·pᵀ (each row)',
    )
    expect(primitives.logSumExpRows.derivatives(['z'], 'l')[0]?.text).toBe('softmax(z) (each row)')
  })
})

describe('typed builders', () => {
  test('take and return matrices, with the records', () => {
    const Z = graph.input('Z', 4, 3)
    const p = graph.softmaxRows(Z)
    const l = graph.logSumExpRows(Z)
    expect([p.valueKind, l.valueKind]).toStrictEqual(['matrix', 'matrix'])
    expect(p.tag === 'operation' && p.primitive).toBe(primitives.softmaxRows)
    expect(l.tag === 'operation' && l.primitive).toBe(primitives.logSumExpRows)
  })
})
