// Comparing matrices: exact or tolerant equality.
// Laws: equals is reflexive and symmetric; with zero tolerances it is exact entry equality;
// matrices of different shapes are never equal.

import { float64At } from './checked.js'
import { bufferOf, type Matrix } from './matrix.js'
import { sameShape } from './shape.js'

/**
 * Tolerances for `equals`: finite entries x, y agree when |x − y| ≤ absolute + relative ·
 * max(|x|, |y|); an infinite entry agrees only with the same infinity.
 *
 * @category Comparison
 */
export interface Tolerance {
  readonly absolute?: number
  readonly relative?: number
}

/** The checked reader under a name of this module, which V8 folds into the loop below. */
const entry = float64At

/** No tolerance: what `equals` uses for a bound the caller leaves out (exact equality). */
const EXACT: Required<Tolerance> = { absolute: 0, relative: 0 }

/**
 * True when both matrices have one shape and every pair of entries agrees within `tolerance`
 * (exact equality when no tolerance is given). Reflexive — NaN equals NaN in the same place,
 * which only arithmetic overflow (∞ − ∞) can produce — and symmetric in its arguments.
 *
 * @category Comparison
 * @example
 * import { linalg } from 'gradfold'
 * import assert from 'node:assert'
 * const a = linalg.fill(1, 2, 1)
 * const b = linalg.fill(1, 2, 1 + 1e-12)
 * assert.ok(!linalg.equals(a, b))
 * assert.ok(linalg.equals(a, b, { relative: 1e-9 }))
 * assert.ok(!linalg.equals(a, linalg.fill(2, 1, 1)))
 */
export const equals = (a: Matrix, b: Matrix, tolerance: Tolerance = {}): boolean => {
  if (!sameShape(a, b)) return false
  const { absolute = EXACT.absolute, relative = EXACT.relative } = tolerance
  const left = bufferOf(a)
  const right = bufferOf(b)
  for (let index = 0; index < left.length; index++) {
    const x = entry(left, index, 'equals')
    const y = entry(right, index, 'equals')
    // NaN agrees with NaN so that equality stays reflexive (as numpy's `equal_nan=True`).
    if (x === y || (Number.isNaN(x) && Number.isNaN(y))) continue
    // An infinity (or NaN) agrees only with itself: |∞ − 1| ≤ relative · ∞ must not pass.
    if (!Number.isFinite(x) || !Number.isFinite(y)) return false
    if (!(Math.abs(x - y) <= absolute + relative * Math.max(Math.abs(x), Math.abs(y)))) return false
  }
  return true
}
