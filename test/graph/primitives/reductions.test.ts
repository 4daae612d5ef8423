// Checks the reductions: every law of check.checkPrimitive on random shapes, sums and means derived
// by hand with the cotangent spread back over the entries, and the typed builders.

import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, test } from 'vitest'
import { graph, linalg } from '../../../src/index.js'
import * as check from '../../../src/check/index.js'
import { right } from '../../support/either.js'

const { primitives } = graph

const matrix = (rows: number[][]): linalg.Matrix => right(linalg.fromRows(rows))

const a = [
  [1, 2, 3],
  [4, 5, 6],
]

const value = (primitive: graph.Primitive): number[][] =>
  linalg.toRows(primitive.forward([matrix(a)]))

const gradient = (primitive: graph.Primitive, g: number[][]): number[][] => {
  const x = matrix(a)
  const [dx] = primitive.vjp([x], primitive.forward([x]), matrix(g))
  return dx === undefined ? [] : linalg.toRows(dx)
}

const tangent = (primitive: graph.Primitive, t: number[][]): number[][] => {
  const x = matrix(a)
  return linalg.toRows(primitive.jvp([x], primitive.forward([x]), [matrix(t)]))
}

const anyShape = check.sizedOperands(2, ([rows, cols]) => [{ rows, cols }], { min: -10, max: 10 })

describe('laws (checkPrimitive, 200 runs each)', () => {
  test.each([
    ['sum', primitives.sum],
    ['sumRows', primitives.sumRows],
    ['sumColumns', primitives.sumColumns],
    ['mean', primitives.mean],
  ])('%s', (_, primitive) => {
    check.checkPrimitive(primitive, anyShape)
  })
})

describe('values and gradients derived by hand', () => {
  test('sum: 21, its cotangent copied to every entry', () => {
    expect(value(primitives.sum)).toStrictEqual([[21]])
    expect(gradient(primitives.sum, [[2]])).toStrictEqual([
      [2, 2, 2],
      [2, 2, 2],
    ])
  })

  test('sumRows: m×n → m×1, each row’s cotangent copied along its row', () => {
    expect(value(primitives.sumRows)).toStrictEqual([[6], [15]])
    expect(gradient(primitives.sumRows, [[1], [-2]])).toStrictEqual([
      [1, 1, 1],
      [-2, -2, -2],
    ])
    expect(
      tangent(primitives.sumRows, [
        [1, 0, 0],
        [0, 1, 1],
      ]),
    ).toStrictEqual([[1], [2]])
  })

  test('sumColumns: m×n → 1×n, each column’s cotangent copied down its column', () => {
    expect(value(primitives.sumColumns)).toStrictEqual([[5, 7, 9]])
    expect(gradient(primitives.sumColumns, [[1, 2, 3]])).toStrictEqual([
      [1, 2, 3],
      [1, 2, 3],
    ])
  })

  test('mean: 3.5, its cotangent shared equally by the 6 entries', () => {
    expect(value(primitives.mean)).toStrictEqual([[3.5]])
    expect(gradient(primitives.mean, [[3]])).toStrictEqual([
      [0.5, 0.5, 0.5],
      [0.5, 0.5, 0.5],
    ])
    expect(
      tangent(primitives.mean, [
        [6, 0, 0],
        [0, 0, 6],
      ]),
    ).toStrictEqual([[2]])
  })

  test('shape rules', () => {
    const shape = [{ rows: 4, cols: 3 }]
    expect(primitives.sumRows.shape(shape)).toStrictEqual(E.right({ rows: 4, cols: 1 }))
    expect(primitives.sumColumns.shape(shape)).toStrictEqual(E.right({ rows: 1, cols: 3 }))
    expect(primitives.mean.shape(shape)).toStrictEqual(E.right({ rows: 1, cols: 1 }))
  })
})

describe('typed builders', () => {
  test('sumRows and sumColumns give matrices, mean a scalar', () => {
    const X = graph.input('X', 4, 3)
    const rows = graph.sumRows(X)
    const columns = graph.sumColumns(X)
    const mean = graph.mean(X)
    expect([rows.valueKind, columns.valueKind, mean.valueKind]).toStrictEqual([
      'matrix',
      'matrix',
      'scalar',
    ])
    expect(rows.tag === 'operation' && rows.primitive).toBe(primitives.sumRows)
    expect(columns.tag === 'operation' && columns.primitive).toBe(primitives.sumColumns)
    expect(mean.tag === 'operation' && mean.primitive).toBe(primitives.mean)
  })
})
