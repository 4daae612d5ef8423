// Checks of the options of gradient transformations and learning-rate schedules, made once when
// one is built. Law: each check returns its value exactly when it is in range, and otherwise an
// OptimizerError naming the transformation or schedule, the option, the value and what was
// expected; nothing here throws.

import * as E from 'fp-ts/lib/Either.js'
import type { LearningRate } from './schedules.js'

/**
 * An option of an optimizer, a transformation or a learning-rate schedule outside what it accepts.
 *
 * @category Errors
 */
export interface OptimizerError {
  readonly _tag: 'InvalidOption'
  /** The optimizer, transformation or schedule that refused it: `adam`, `scaleByRms`, `stepDecay`. */
  readonly optimizer: string
  /** The option: `beta1`, `learningRate`. */
  readonly option: string
  /** The value given. */
  readonly value: number
  /** What the option accepts: `a number in [0, 1)`. */
  readonly expected: string
  /** One line: `adam: beta1 is 1.5, expected a number in [0, 1)`. */
  readonly message: string
}

/**
 * The error `optimizer: option is value, expected expected`.
 *
 * @category Errors
 * @example
 * import assert from 'node:assert'
 * import { optimizerError } from './options.js'
 * const error = optimizerError('adam', 'beta1', 1.5, 'a number in [0, 1)')
 * assert.strictEqual(error.message, 'adam: beta1 is 1.5, expected a number in [0, 1)')
 */
export const optimizerError = (
  optimizer: string,
  option: string,
  value: number,
  expected: string,
): OptimizerError =>
  Object.freeze({
    _tag: 'InvalidOption',
    optimizer,
    option,
    value,
    expected,
    message: `${optimizer}: ${option} is ${value}, expected ${expected}`,
  })

/**
 * The same error told as `optimizer`'s: an alias reports its parts' refusals under its own name.
 *
 * @example
 * import assert from 'node:assert'
 * import { optimizerError, renamed } from './options.js'
 * const error = renamed('adamw')(optimizerError('scaleByAdam', 'beta2', 1, 'a number in [0, 1)'))
 * assert.strictEqual(error.message, 'adamw: beta2 is 1, expected a number in [0, 1)')
 */
export const renamed =
  (optimizer: string) =>
  (error: OptimizerError): OptimizerError =>
    optimizerError(optimizer, error.option, error.value, error.expected)

/**
 * A check of one option: the value when `accepts` holds, else the error saying it expected
 * `expected`. Every check here is one of these.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { checkOption } from './options.js'
 * const checkOdd = checkOption((value) => value % 2 === 1, 'an odd number')
 * assert.deepStrictEqual(checkOdd('demo', 'n', 3), E.right(3))
 * assert.ok(E.isLeft(checkOdd('demo', 'n', 2)))
 */
export const checkOption = (
  accepts: (value: number) => boolean,
  expected: string,
): ((where: string, option: string, value: number) => E.Either<OptimizerError, number>) => {
  return (where, option, value) =>
    accepts(value) ? E.right(value) : E.left(optimizerError(where, option, value, expected))
}

/**
 * A decay rate (β, ρ) in [0, 1).
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { checkBeta } from './options.js'
 * assert.deepStrictEqual(checkBeta('adam', 'beta1', 0.9), E.right(0.9))
 * const refused = checkBeta('adam', 'beta1', 1.5)
 * assert.ok(E.isLeft(refused))
 * assert.strictEqual(refused.left.message, 'adam: beta1 is 1.5, expected a number in [0, 1)')
 */
export const checkBeta = checkOption(
  (value) => Number.isFinite(value) && value >= 0 && value < 1,
  'a number in [0, 1)',
)

/**
 * A finite number ≥ 0 (an epsilon, a weight-decay coefficient).
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { checkNonNegative } from './options.js'
 * assert.ok(E.isRight(checkNonNegative('adagrad', 'epsilon', 0)))
 * assert.ok(E.isLeft(checkNonNegative('adagrad', 'epsilon', Number.NaN)))
 */
export const checkNonNegative = checkOption(
  (value) => Number.isFinite(value) && value >= 0,
  'a finite number ≥ 0',
)

/**
 * A finite number > 0 (a norm to clip to).
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { checkPositive } from './options.js'
 * assert.ok(E.isRight(checkPositive('clipByGlobalNorm', 'maxNorm', 1)))
 * assert.ok(E.isLeft(checkPositive('clipByGlobalNorm', 'maxNorm', 0)))
 */
export const checkPositive = checkOption(
  (value) => Number.isFinite(value) && value > 0,
  'a finite number > 0',
)

/**
 * A count of steps: a positive integer (a schedule's `every`, `steps`).
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { checkCount } from './options.js'
 * assert.ok(E.isRight(checkCount('stepDecay', 'every', 3)))
 * assert.ok(E.isLeft(checkCount('stepDecay', 'every', 1.5)))
 */
export const checkCount = checkOption(
  (value) => Number.isSafeInteger(value) && value >= 1,
  'a positive integer',
)

/**
 * A learning rate: a number must be finite and ≥ 0; a schedule is taken as it is (what it returns
 * is checked at every step, by `scaleByLearningRate`).
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { checkLearningRate } from './options.js'
 * assert.ok(E.isRight(checkLearningRate('sgd', (step) => 1 / (1 + step))))
 * const refused = checkLearningRate('sgd', -1)
 * assert.ok(E.isLeft(refused))
 * assert.strictEqual(refused.left.message, 'sgd: learningRate is -1, expected a finite number ≥ 0')
 */
export const checkLearningRate = (
  where: string,
  learningRate: LearningRate,
): E.Either<OptimizerError, LearningRate> =>
  typeof learningRate === 'number'
    ? checkNonNegative(where, 'learningRate', learningRate)
    : E.right(learningRate)
