// The operations without shape checks: each equals its checked twin where that one is Right, and a
// broken precondition (the caller's bug) throws a RangeError instead of quietly producing NaN.

import { fc, test as propertyTest } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { linalg } from '../../src/index.js'
import * as check from '../../src/check/index.js'
import * as unchecked from '../../src/linalg/unchecked.js'
import { right } from '../support/either.js'

describe('equal to the checked twins', () => {
  propertyTest.prop([check.sameShapeMatrices(2)])('map and zipWith', ([a, b]) => {
    const f = (value: number): number => 2 * value - 1
    const g = (x: number, y: number): number => x * y + x
    expect(unchecked.map(a, f)).toStrictEqual(right(linalg.map(a, f)))
    expect(unchecked.zipWith(a, b, g)).toStrictEqual(right(linalg.zipWith(a, b, g)))
    expect(unchecked.zipWith3(a, b, a, (x, y, z) => g(x, y) - z)).toStrictEqual(
      right(linalg.zipWith(a, b, (x, y) => g(x, y) - x)),
    )
  })

  propertyTest.prop([check.matrix(), fc.integer({ min: 1, max: 5 })])(
    'broadcast repeats a row, a column or a scalar; entryAt and scalarOf read entries',
    (m, times) => {
      const rows = linalg.toRows(m)
      const [firstRow = []] = rows
      const row = right(linalg.rowVector(firstRow))
      const column = right(linalg.columnVector(rows.map((entries) => entries[0] ?? 0)))
      expect(linalg.toRows(unchecked.broadcast(row, times, m.cols))).toStrictEqual(
        Array.from({ length: times }, () => firstRow),
      )
      expect(linalg.toRows(unchecked.broadcast(column, m.rows, times))).toStrictEqual(
        rows.map((entries) => Array.from({ length: times }, () => entries[0])),
      )
      expect(unchecked.broadcast(m, m.rows, m.cols)).toStrictEqual(m)
      const scalar = unchecked.scalar(linalg.get(m, 0, 0))
      expect(unchecked.scalarOf(scalar)).toBe(linalg.get(m, 0, 0))
      expect(linalg.toRows(unchecked.broadcast(scalar, 2, times))).toStrictEqual([
        Array.from({ length: times }, () => linalg.get(m, 0, 0)),
        Array.from({ length: times }, () => linalg.get(m, 0, 0)),
      ])
      expect(unchecked.entryAt(m, m.rows * m.cols - 1)).toBe(linalg.get(m, m.rows - 1, m.cols - 1))
    },
  )
})

describe('a broken precondition throws instead of giving NaN', () => {
  const a = linalg.ones(2, 3)

  test('operands of different sizes', () => {
    expect(() => unchecked.zipWith(a, linalg.ones(1, 3), Math.max)).toThrow(
      'zipEach: an input of 3 entries for an output of 6',
    )
    expect(() => unchecked.zipWith3(a, a, linalg.ones(3, 3), Math.max)).toThrow(RangeError)
  })

  test('a column broadcast to more rows than it has', () => {
    expect(() => unchecked.broadcast(linalg.ones(2, 1), 3, 2)).toThrow(
      'broadcast: no entry at index 2 of 2',
    )
  })

  test('an entry past the end', () => {
    expect(() => unchecked.entryAt(a, 6)).toThrow('entryAt: no entry at index 6 of 6')
  })
})
