// Checks of optimizer options, made once when an optimizer is built. Law: each returns normally
// exactly when the value is in range, and otherwise throws a RangeError naming the optimizer, the
// option and the value.

/**
 * Requires a decay rate (β) in [0, 1).
 *
 * @example
 * import assert from 'node:assert'
 * import { requireBeta } from './preconditions.js'
 * requireBeta('adam', 'beta1', 0.9)
 * assert.throws(() => requireBeta('adam', 'beta1', 1), /adam: beta1 is 1, expected a number in \[0, 1\)/)
 */
export const requireBeta = (where: string, option: string, value: number): void => {
  if (!Number.isFinite(value) || value < 0 || value >= 1) {
    throw new RangeError(`${where}: ${option} is ${value}, expected a number in [0, 1)`)
  }
}

/**
 * Requires a finite number ≥ 0 (an epsilon, a weight-decay coefficient).
 *
 * @example
 * import assert from 'node:assert'
 * import { requireNonNegative } from './preconditions.js'
 * requireNonNegative('adagrad', 'epsilon', 0)
 * assert.throws(() => requireNonNegative('adagrad', 'epsilon', Number.NaN), /adagrad: epsilon is NaN/)
 */
export const requireNonNegative = (where: string, option: string, value: number): void => {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`${where}: ${option} is ${value}, expected a finite number ≥ 0`)
  }
}
