// Checks the grids terms are evaluated on: zips broadcast as numpy does and refuse shapes that do
// not, products refuse mismatched inner sizes, sums and softmax go row by row, and a grid that is
// not finite is no Matrix.

import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, test } from 'vitest'
import {
  columnSums,
  gridOf,
  product,
  rowSoftmax,
  rowSums,
  toMatrix,
  transposeGrid,
  zerosShapedLike,
  zip,
  type Grid,
} from '../../src/graph/formula-grid.js'
import { linalg } from '../../src/index.js'
import { left, right } from '../support/either.js'

const grid = (rows: number[][]): Grid =>
  gridOf(rows.length, linalg.checked.at(rows, 0, 'test rows').length, (row, col) =>
    linalg.checked.at(linalg.checked.at(rows, row, 'test rows'), col, 'test row'),
  )
const rowsOf = (value: Grid): number[][] => linalg.toRows(right(toMatrix(value, 'the grid')))

describe('grids', () => {
  const a = grid([
    [1, 2, 3],
    [4, 5, 6],
  ])

  test('a zip broadcasts a row, a column and a number to one shape, as numpy does', () => {
    const sum = right(
      zip([a, grid([[10, 20, 30]]), grid([[100], [200]]), grid([[0.5]])], (values) =>
        values.reduce((total, value) => total + value, 0),
      ),
    )
    expect(rowsOf(sum)).toStrictEqual([
      [111.5, 122.5, 133.5],
      [214.5, 225.5, 236.5],
    ])
    expect(left(zip([a, grid([[1, 2]])], () => 0))).toBe('shapes 2×3 and 1×2 do not broadcast')
    expect(
      rowsOf(
        right(
          zip([zerosShapedLike(a), grid([[7]])], (values) =>
            linalg.checked.at(values, 1, 'zipped'),
          ),
        ),
      ),
    ).toStrictEqual([
      [7, 7, 7],
      [7, 7, 7],
    ])
  })

  test('products, transposes and sums', () => {
    expect(rowsOf(right(product(a, transposeGrid(a))))).toStrictEqual([
      [14, 32],
      [32, 77],
    ])
    expect(left(product(a, a))).toBe('a matrix product of 2×3 and 2×3: inner sizes differ')
    expect(rowsOf(rowSums(a))).toStrictEqual([[6], [15]])
    expect(rowsOf(columnSums(a))).toStrictEqual([[5, 7, 9]])
  })

  test('softmax goes row by row and stays finite for large entries', () => {
    const [probabilities] = rowsOf(rowSoftmax(grid([[1000, 1000 + Math.log(3)]])))
    expect(probabilities?.map((value) => Math.round(value * 1e12) / 1e12)).toStrictEqual([
      0.25, 0.75,
    ])
  })

  test('a grid that is not finite is no Matrix: a Left naming the entry', () => {
    expect(toMatrix(grid([[1, Number.NaN]]), 'the gradient')).toStrictEqual(
      E.left('the gradient is NaN at entry 1'),
    )
  })
})
