// Checks the laws' shared helpers: a copy is a new matrix with the same entries, and the argument
// and shape checks throw RangeErrors naming what they checked.

import { describe, expect, test } from 'vitest'
import { linalg } from '../../src/index.js'
import { bufferOf } from '../../src/linalg/matrix.js'
import {
  copyOf,
  requireFinite,
  requirePositive,
  requireShape,
  sameShape,
} from '../../src/check/law-support.js'
import { matrix } from './support.js'

describe('law support', () => {
  test('copyOf gives the same entries in a buffer of its own', () => {
    const original = matrix([[1, -2, 3]])
    const copy = copyOf(original)
    expect(linalg.toRows(copy)).toStrictEqual([[1, -2, 3]])
    expect(bufferOf(copy)).not.toBe(bufferOf(original))
  })

  test('shapes compare by rows and columns; a mismatch is a RangeError naming both', () => {
    expect(sameShape({ rows: 2, cols: 3 }, { rows: 2, cols: 3 })).toBe(true)
    expect(sameShape({ rows: 2, cols: 3 }, { rows: 3, cols: 2 })).toBe(false)
    expect(() => {
      requireShape('the cotangent', linalg.ones(1, 2), { rows: 2, cols: 1 })
    }).toThrow(/laws: the cotangent is 1×2, expected 2×1/)
  })

  test('settings that are not finite or not positive are RangeErrors naming the setting', () => {
    expect(() => {
      requireFinite('min', Number.NaN)
    }).toThrow(/laws: min is NaN, expected a finite number/)
    expect(() => {
      requirePositive('step', 0)
    }).toThrow(/laws: step is 0, expected a positive number/)
    expect(() => {
      requirePositive('step', 1e-4)
    }).not.toThrow()
  })
})
