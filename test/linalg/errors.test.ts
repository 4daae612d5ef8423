// Error values: each constructor's message names the operation and what went wrong where.

import { describe, expect, test } from 'vitest'
import {
  invalidShape,
  lengthMismatch,
  nonFiniteValue,
  raggedRows,
  shapeMismatch,
} from '../../src/linalg/errors.js'

describe('error messages', () => {
  test('a shape mismatch names both shapes and the reason', () => {
    expect(
      shapeMismatch(
        'matmul',
        '·',
        { rows: 3, cols: 2 },
        { rows: 3, cols: 4 },
        'inner sizes 2 and 3 differ',
      ).message,
    ).toBe('matmul: 3×2 · 3×4 — inner sizes 2 and 3 differ')
  })

  test('an invalid shape names both sizes, including non-finite ones', () => {
    expect(invalidShape('zeros', Number.NaN, 2).message).toBe(
      'zeros: NaN×2 is not a matrix shape — rows and columns must be positive integers',
    )
  })

  test('ragged rows name the row and both lengths', () => {
    expect(raggedRows('fromRows', 4, 3, 1).message).toBe(
      'fromRows: rows[4] has 1 entries, expected 3 like rows[0]',
    )
  })

  test('a length mismatch names the array, the shape and both counts', () => {
    expect(lengthMismatch('fromFlat', 'data', { rows: 2, cols: 5 }, 9)).toMatchObject({
      expected: 10,
      actual: 9,
      message: 'fromFlat: data has 9 entries, expected 10 for a 2×5 matrix',
    })
  })

  test('a non-finite value names where it is and what it is', () => {
    expect(nonFiniteValue('map', 0, 2, Number.NaN, "the function's value").message).toBe(
      "map: the function's value at [0, 2] is NaN, expected a finite number",
    )
    expect(nonFiniteValue('fromRows', 1, 0, undefined, 'rows[1][0]').message).toBe(
      'fromRows: rows[1][0] is undefined, expected a finite number',
    )
  })
})
