// Learning-rate schedules: pure functions from the step count (updates already made, 0 for the
// first) to a rate. Laws: a schedule is deterministic; constantSchedule(η)(t) = η; every schedule here
// starts at its given rate (s(0) = rate) and never rises above it.

/** A learning rate as a function of the step count (0 for the first update). */
export type Schedule = (step: number) => number

/** A fixed learning rate or a schedule. */
export type LearningRate = number | Schedule

const requireNonNegative = (where: string, option: string, value: number): void => {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`${where}: ${option} is ${value}, expected a finite number ≥ 0`)
  }
}

const requireCount = (where: string, option: string, value: number): void => {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new RangeError(`${where}: ${option} is ${value}, expected a positive integer`)
  }
}

const requireStep = (where: string, step: number): void => {
  if (!Number.isSafeInteger(step) || step < 0) {
    throw new RangeError(`${where}: step is ${step}, expected an integer ≥ 0`)
  }
}

/**
 * The same rate at every step.
 *
 * @example
 * import assert from 'node:assert'
 * import { constantSchedule } from './schedules.js'
 * assert.strictEqual(constantSchedule(0.1)(1000), 0.1)
 */
export const constantSchedule = (rate: number): Schedule => {
  requireNonNegative('constantSchedule', 'rate', rate)
  return (step) => {
    requireStep('constantSchedule', step)
    return rate
  }
}

/**
 * The rate multiplied by `factor` once every `every` steps: rate · factor^⌊step / every⌋.
 *
 * @example
 * import assert from 'node:assert'
 * import { stepDecay } from './schedules.js'
 * const schedule = stepDecay(1, { every: 10, factor: 0.5 })
 * assert.deepStrictEqual([0, 9, 10, 25].map(schedule), [1, 1, 0.5, 0.25])
 */
export const stepDecay = (
  rate: number,
  options: { readonly every: number; readonly factor: number },
): Schedule => {
  requireNonNegative('stepDecay', 'rate', rate)
  requireCount('stepDecay', 'every', options.every)
  if (!Number.isFinite(options.factor) || options.factor < 0 || options.factor > 1) {
    throw new RangeError(`stepDecay: factor is ${options.factor}, expected a number in [0, 1]`)
  }
  const { every, factor } = options
  return (step) => {
    requireStep('stepDecay', step)
    return rate * factor ** Math.floor(step / every)
  }
}

/**
 * Smooth exponential decay: rate · decay^(step / every), `every` defaulting to 1.
 *
 * @example
 * import assert from 'node:assert'
 * import { exponentialDecay } from './schedules.js'
 * const schedule = exponentialDecay(1, { decay: 0.5, every: 2 })
 * assert.deepStrictEqual([0, 2, 4].map(schedule), [1, 0.5, 0.25])
 */
export const exponentialDecay = (
  rate: number,
  options: { readonly decay: number; readonly every?: number },
): Schedule => {
  requireNonNegative('exponentialDecay', 'rate', rate)
  const { decay, every = 1 } = options
  if (!Number.isFinite(decay) || decay <= 0 || decay > 1) {
    throw new RangeError(`exponentialDecay: decay is ${decay}, expected a number in (0, 1]`)
  }
  requireCount('exponentialDecay', 'every', every)
  return (step) => {
    requireStep('exponentialDecay', step)
    return rate * decay ** (step / every)
  }
}

/**
 * Half a cosine from `rate` down to `minimum` over `steps` steps, then `minimum`:
 * minimum + (rate − minimum)·(1 + cos(π·min(step, steps)/steps))/2.
 *
 * @example
 * import assert from 'node:assert'
 * import { cosineDecay } from './schedules.js'
 * const schedule = cosineDecay(1, { steps: 100, minimum: 0.1 })
 * assert.strictEqual(schedule(0), 1)
 * assert.ok(Math.abs(schedule(50) - 0.55) < 1e-12)
 * assert.strictEqual(schedule(100), 0.1)
 * assert.strictEqual(schedule(500), 0.1)
 */
export const cosineDecay = (
  rate: number,
  options: { readonly steps: number; readonly minimum?: number },
): Schedule => {
  requireNonNegative('cosineDecay', 'rate', rate)
  const { steps, minimum = 0 } = options
  requireCount('cosineDecay', 'steps', steps)
  if (!Number.isFinite(minimum) || minimum < 0 || minimum > rate) {
    throw new RangeError(`cosineDecay: minimum is ${minimum}, expected a number in [0, ${rate}]`)
  }
  return (step) => {
    requireStep('cosineDecay', step)
    if (step >= steps) return minimum
    return minimum + ((rate - minimum) * (1 + Math.cos((Math.PI * step) / steps))) / 2
  }
}

/**
 * The rate a learning rate gives at `step`; RangeError naming `where` when it is not a finite
 * number ≥ 0.
 *
 * @example
 * import assert from 'node:assert'
 * import { rateAt, stepDecay } from './schedules.js'
 * assert.strictEqual(rateAt('sgd', 0.1, 7), 0.1)
 * assert.strictEqual(rateAt('sgd', stepDecay(1, { every: 2, factor: 0.5 }), 2), 0.5)
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
