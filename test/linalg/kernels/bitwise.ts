// Helpers for the kernel tests: a bit-for-bit comparison that names the first difference, and
// entries drawn with gradfold's own key so that large cases shrink over a seed, not over doubles.

import { linalg, random } from '../../../src/index.js'

/**
 * 'identical' when every entry is the same value by Object.is (so −0 ≠ +0, and NaN equals NaN:
 * JavaScript cannot tell NaN payloads apart without reading bytes), else the first difference.
 */
export const firstDifference = (actual: ArrayLike<number>, expected: ArrayLike<number>): string => {
  if (actual.length !== expected.length) {
    return `lengths differ: ${actual.length} vs ${expected.length}`
  }
  for (let index = 0; index < actual.length; index++) {
    const got = actual[index]
    const want = expected[index]
    if (!Object.is(got, want)) return `entry ${index} differs: ${got} vs ${want}`
  }
  return 'identical'
}

/** `length` entries in [−8, 8) drawn with gradfold's key from `seed`. */
export const seededEntries = (length: number, seed: number): Float64Array =>
  length === 0
    ? new Float64Array(0)
    : linalg.toFloat64Array(random.uniform(random.key(seed), 1, length, { min: -8, max: 8 }))
