// Dataset records: one target row per input row, frozen, and selection by index.

import { describe, expect, test } from 'vitest'
import { data, linalg } from '../../src/index.js'
import { left, right } from '../support/either.js'

describe('dataset', () => {
  test('pairs X and y of one height into a frozen record', () => {
    const record = right(data.dataset(linalg.zeros(3, 2), linalg.ones(3, 1)))
    expect(Object.isFrozen(record)).toBe(true)
    expect([record.X.rows, record.y.rows]).toStrictEqual([3, 3])
  })

  test('names both shapes when the heights differ', () => {
    expect(left(data.dataset(linalg.zeros(3, 2), linalg.ones(2, 1))).message).toBe(
      'dataset: X is 3×2 but y is 2×1 — expected one row of y per row of X',
    )
  })

  test('selectExamples keeps inputs and targets together', () => {
    const X = right(linalg.fromRows([[1], [2], [3]]))
    const y = right(linalg.fromRows([[10], [20], [30]]))
    const picked = right(data.selectExamples(right(data.dataset(X, y)), [2, 2, 0]))
    expect(linalg.toRows(picked.X)).toStrictEqual([[3], [3], [1]])
    expect(linalg.toRows(picked.y)).toStrictEqual([[30], [30], [10]])
    expect(left(data.selectExamples(right(data.dataset(X, y)), [3])).message).toBe(
      'selectExamples: selectRows: indices[0] is 3, expected a row index from 0 to 2',
    )
  })
})
