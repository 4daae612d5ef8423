// The Matrix record itself: immutable, its buffer unreachable, readers returning copies.

import { fc, test as propertyTest } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { linalg } from '../../src/index.js'
import * as check from '../../src/check/index.js'
import { right } from '../support/either.js'

describe('Matrix', () => {
  test('is frozen and exposes no buffer to write', () => {
    const matrix = linalg.ones(2, 2)
    expect(Object.isFrozen(matrix)).toBe(true)
    expect(Object.keys(matrix).sort()).toStrictEqual(['cols', 'rows'])
    expect(() => {
      Object.assign(matrix, { rows: 5 })
    }).toThrow(TypeError)
    expect(matrix.rows).toBe(2)
  })

  propertyTest.prop([check.matrix()])(
    'readers hand out copies: writing them leaves the matrix as it was',
    (matrix) => {
      const before = linalg.toFlat(matrix)
      linalg.toFloat64Array(matrix).fill(7)
      linalg.toRows(matrix).forEach((row) => row.fill(7))
      linalg.toFlat(matrix).fill(7)
      expect(linalg.toFlat(matrix)).toStrictEqual(before)
    },
  )

  propertyTest.prop([check.matrix()])('size and shape describe rows and columns', (matrix) => {
    expect(matrix.size).toBe(matrix.rows * matrix.cols)
    expect(matrix.shape).toStrictEqual({ rows: matrix.rows, cols: matrix.cols })
  })

  test('serialises to nested rows and describes itself by shape', () => {
    const matrix = right(
      linalg.fromRows([
        [1, 2],
        [3, 4],
        [5, 6],
      ]),
    )
    expect(JSON.stringify(matrix)).toBe('[[1,2],[3,4],[5,6]]')
    expect(String(matrix)).toBe('Matrix 3×2')
  })

  test('isMatrix recognises matrices only', () => {
    expect(linalg.isMatrix(linalg.zeros(1, 1))).toBe(true)
    expect(linalg.isMatrix({ rows: 1, cols: 1 })).toBe(false)
    expect(linalg.isMatrix([[1]])).toBe(false)
  })
})

describe('get', () => {
  propertyTest.prop([check.matrix()])('reads the row-major entry', (matrix) => {
    const flat = linalg.toFlat(matrix)
    for (let row = 0; row < matrix.rows; row++) {
      for (let col = 0; col < matrix.cols; col++) {
        expect(linalg.get(matrix, row, col)).toBe(flat[row * matrix.cols + col])
      }
    }
  })

  test('an index outside the matrix throws a RangeError naming index and shape', () => {
    const matrix = linalg.zeros(2, 3)
    expect(() => linalg.get(matrix, 2, 0)).toThrow(
      new RangeError('get: index [2, 0] is outside a 2×3 matrix'),
    )
    expect(() => linalg.get(matrix, 0, -1)).toThrow(
      'get: index [0, -1] is not a pair of non-negative integers',
    )
    expect(() => linalg.get(matrix, 0.5, 0)).toThrow(RangeError)
  })
})

describe('equality in tests', () => {
  propertyTest.prop([fc.integer({ min: 1, max: 4 })])(
    'toEqual compares entries, not just shapes',
    (size) => {
      expect(linalg.identity(size)).toEqual(linalg.identity(size))
      expect(linalg.identity(size)).not.toEqual(linalg.scale(linalg.identity(size), 2))
    },
  )
})
