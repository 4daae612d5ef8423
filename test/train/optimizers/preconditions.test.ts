// The option checks: in-range values pass, everything else throws a RangeError that names the
// optimizer, the option and the value.

import { describe, expect, test } from 'vitest'
import { requireBeta, requireNonNegative } from '../../../src/train/optimizers/preconditions.js'

describe('requireBeta', () => {
  test('accepts [0, 1)', () => {
    for (const beta of [0, 0.5, 0.999999])
      expect(() => {
        requireBeta('adam', 'beta1', beta)
      }).not.toThrow()
  })
  test('refuses 1, negatives and non-finite values', () => {
    for (const beta of [1, -0.01, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => {
        requireBeta('adam', 'beta2', beta)
      }).toThrow(new RangeError(`adam: beta2 is ${beta}, expected a number in [0, 1)`))
    }
  })
})

describe('requireNonNegative', () => {
  test('accepts finite numbers ≥ 0', () => {
    for (const value of [0, 1e-12, 5])
      expect(() => {
        requireNonNegative('rmsprop', 'epsilon', value)
      }).not.toThrow()
  })
  test('refuses negatives and non-finite values', () => {
    for (const value of [-1e-12, Number.NaN, Number.NEGATIVE_INFINITY]) {
      expect(() => {
        requireNonNegative('rmsprop', 'epsilon', value)
      }).toThrow(new RangeError(`rmsprop: epsilon is ${value}, expected a finite number ≥ 0`))
    }
  })
})
