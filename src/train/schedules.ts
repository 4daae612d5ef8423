// Learning-rate schedules: pure functions from the step count (updates already made, 0 for the
// first) to a rate, built by constructors that check their options (a bad one is a Left, an
// OptimizerError, as the optimizers' are). Laws: a schedule is deterministic;
// constantSchedule(η)(t) = η; every schedule here starts at its given rate (s(0) = rate) and never
// rises above it.

import * as E from 'fp-ts/lib/Either.js'
import { sequenceT } from 'fp-ts/lib/Apply.js'
import { checkCount, checkNonNegative, checkOption, type OptimizerError } from './options.js'

/** A factor in [0, 1]. */
const checkFraction = checkOption(
  (value) => Number.isFinite(value) && value >= 0 && value <= 1,
  'a number in [0, 1]',
)

/** A decay in (0, 1]. */
const checkDecay = checkOption(
  (value) => Number.isFinite(value) && value > 0 && value <= 1,
  'a number in (0, 1]',
)

/**
 * A learning rate as a function of the step count (0 for the first update).
 *
 * @category Schedules
 */
export type Schedule = (step: number) => number

/**
 * A fixed learning rate or a schedule.
 *
 * @category Schedules
 */
export type LearningRate = number | Schedule

const requireStep = (where: string, step: number): void => {
  if (!Number.isSafeInteger(step) || step < 0) {
    throw new RangeError(`${where}: step is ${step}, expected an integer ≥ 0`)
  }
}

/** The schedule `rule` makes of the step, which throws (naming `where`) for a step not an integer ≥ 0. */
const schedule =
  (where: string, rule: (step: number) => number): Schedule =>
  (step) => {
    requireStep(where, step)
    return rule(step)
  }

/**
 * The same rate at every step. Left for a rate that is not a finite number ≥ 0.
 *
 * @category Schedules
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { train } from 'gradfold'
 * const constant = train.constantSchedule(0.1)
 * assert.ok(E.isRight(constant) && constant.right(1000) === 0.1)
 */
export const constantSchedule = (rate: number): E.Either<OptimizerError, Schedule> =>
  E.map((checked: number) => schedule('constantSchedule', () => checked))(
    checkNonNegative('constantSchedule', 'rate', rate),
  )

/**
 * The rate multiplied by `factor` once every `every` steps: rate · factor^⌊step / every⌋. Left
 * naming the option for a rate that is not finite and ≥ 0, an `every` that is not a positive
 * integer, or a factor outside [0, 1].
 *
 * @category Schedules
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { train } from 'gradfold'
 * const halving = train.stepDecay(1, { every: 10, factor: 0.5 })
 * assert.ok(E.isRight(halving))
 * assert.deepStrictEqual([0, 9, 10, 25].map(halving.right), [1, 1, 0.5, 0.25])
 * const refused = train.stepDecay(1, { every: 0, factor: 0.5 })
 * assert.ok(E.isLeft(refused) && refused.left.message === 'stepDecay: every is 0, expected a positive integer')
 */
export const stepDecay = (
  rate: number,
  options: { readonly every: number; readonly factor: number },
): E.Either<OptimizerError, Schedule> =>
  E.map(([checkedRate, period, factor]: readonly [number, number, number]) =>
    schedule('stepDecay', (step) => checkedRate * factor ** Math.floor(step / period)),
  )(
    sequenceT(E.Apply)(
      checkNonNegative('stepDecay', 'rate', rate),
      checkCount('stepDecay', 'every', options.every),
      checkFraction('stepDecay', 'factor', options.factor),
    ),
  )

/**
 * Smooth exponential decay: rate · decay^(step / every), `every` defaulting to 1. Left naming the
 * option for a rate that is not finite and ≥ 0, a decay outside (0, 1], or an `every` that is not
 * a positive integer.
 *
 * @category Schedules
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { train } from 'gradfold'
 * const decaying = train.exponentialDecay(1, { decay: 0.5, every: 2 })
 * assert.ok(E.isRight(decaying))
 * assert.deepStrictEqual([0, 2, 4].map(decaying.right), [1, 0.5, 0.25])
 */
export const exponentialDecay = (
  rate: number,
  { decay, every = 1 }: { readonly decay: number; readonly every?: number },
): E.Either<OptimizerError, Schedule> =>
  E.map(([checkedRate, base, period]: readonly [number, number, number]) =>
    schedule('exponentialDecay', (step) => checkedRate * base ** (step / period)),
  )(
    sequenceT(E.Apply)(
      checkNonNegative('exponentialDecay', 'rate', rate),
      checkDecay('exponentialDecay', 'decay', decay),
      checkCount('exponentialDecay', 'every', every),
    ),
  )

/**
 * Half a cosine from `rate` down to `minimum` (default 0) over `steps` steps, then `minimum`:
 * minimum + (rate − minimum)·(1 + cos(π·min(step, steps)/steps))/2. Left naming the option for a
 * rate that is not finite and ≥ 0, `steps` not a positive integer, or a minimum outside [0, rate].
 *
 * @category Schedules
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { train } from 'gradfold'
 * const cosine = train.cosineDecay(1, { steps: 100, minimum: 0.1 })
 * assert.ok(E.isRight(cosine))
 * assert.strictEqual(cosine.right(0), 1)
 * assert.ok(Math.abs(cosine.right(50) - 0.55) < 1e-12)
 * assert.deepStrictEqual([cosine.right(100), cosine.right(500)], [0.1, 0.1])
 */
export const cosineDecay = (
  rate: number,
  { steps, minimum = 0 }: { readonly steps: number; readonly minimum?: number },
): E.Either<OptimizerError, Schedule> => {
  const checkedRate = checkNonNegative('cosineDecay', 'rate', rate)
  if (E.isLeft(checkedRate)) return checkedRate
  const top = checkedRate.right
  const checkMinimum = checkOption(
    (value) => Number.isFinite(value) && value >= 0 && value <= top,
    `a number in [0, ${top}]`,
  )
  return E.map(([count, floor]: readonly [number, number]) =>
    schedule('cosineDecay', (step) =>
      step >= count
        ? floor
        : floor + ((top - floor) * (1 + Math.cos((Math.PI * step) / count))) / 2,
    ),
  )(
    sequenceT(E.Apply)(
      checkCount('cosineDecay', 'steps', steps),
      checkMinimum('cosineDecay', 'minimum', minimum),
    ),
  )
}

/**
 * The rate a learning rate gives at `step`; RangeError naming `where` when it is not a finite
 * number ≥ 0.
 *
 * @example
 * import assert from 'node:assert'
 * import { rateAt } from './schedules.js'
 * assert.strictEqual(rateAt('sgd', 0.1, 7), 0.1)
 * assert.strictEqual(rateAt('sgd', (step) => 1 / 2 ** step, 1), 0.5)
 * assert.throws(() => rateAt('sgd', () => Number.NaN, 0), RangeError)
 */
export const rateAt = (where: string, learningRate: LearningRate, step: number): number => {
  const rate = typeof learningRate === 'number' ? learningRate : learningRate(step)
  if (!Number.isFinite(rate) || rate < 0) {
    throw new RangeError(
      `${where}: learningRate is ${rate} at step ${step}, expected a finite number ≥ 0`,
    )
  }
  return rate
}
