// Checks for generator options, each returning the value or a named InvalidOption.
// Law: a check is Right exactly when the value satisfies the condition its name states.

import * as E from 'fp-ts/lib/Either.js'
import { invalidOption, type DataError } from './errors.js'

type Check = (operation: string, option: string, value: unknown) => E.Either<DataError, number>

const numberThat =
  (holds: (value: number) => boolean, expectation: string): Check =>
  (operation, option, value) =>
    typeof value === 'number' && holds(value)
      ? E.right(value)
      : E.left(invalidOption(operation, option, value, expectation))

/** A positive integer (a sample count). */
export const positiveInteger = numberThat(
  (value) => Number.isSafeInteger(value) && value > 0,
  'a positive integer',
)

/** A finite number ≥ 0 (a noise level, a standard deviation). */
export const nonNegative = numberThat(
  (value) => Number.isFinite(value) && value >= 0,
  'a finite number ≥ 0',
)

/** A finite number > 0. */
export const positive = numberThat(
  (value) => Number.isFinite(value) && value > 0,
  'a finite number > 0',
)

/** A number strictly between 0 and 1 (a test fraction, a circle factor). */
export const openUnitInterval = numberThat(
  (value) => Number.isFinite(value) && value > 0 && value < 1,
  'a number strictly between 0 and 1',
)

/** Any finite number. */
export const finite = numberThat((value) => Number.isFinite(value), 'a finite number')

/** An optional option: Right(undefined) when absent, else the check. */
export const optional =
  (check: Check) =>
  (operation: string, option: string, value: unknown): E.Either<DataError, number | undefined> =>
    value === undefined ? E.right(undefined) : check(operation, option, value)
