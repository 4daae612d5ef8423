// Schedules: values at chosen steps computed by hand; each starts at its rate and never rises;
// bad options are Lefts naming the schedule, the option and the value; bad steps throw RangeErrors.

import { fc, test as propertyTest } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { left, right } from '../support/either.js'
import {
  constantSchedule,
  cosineDecay,
  exponentialDecay,
  rateAt,
  stepDecay,
  type Schedule,
} from '../../src/train/schedules.js'

const schedules: readonly (readonly [string, Schedule])[] = [
  ['constantSchedule', right(constantSchedule(0.3))],
  ['stepDecay', right(stepDecay(0.3, { every: 7, factor: 0.5 }))],
  ['exponentialDecay', right(exponentialDecay(0.3, { decay: 0.9, every: 3 }))],
  ['cosineDecay', right(cosineDecay(0.3, { steps: 50, minimum: 0.01 }))],
]

describe('every schedule', () => {
  test.each(schedules)('%s starts at its rate', (_, schedule) => {
    expect(schedule(0)).toBe(0.3)
  })

  test.each(schedules)('%s never rises and stays ≥ 0', (_, schedule) => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), (step) => {
        expect(schedule(step + 1)).toBeLessThanOrEqual(schedule(step))
        expect(schedule(step)).toBeGreaterThanOrEqual(0)
      }),
    )
  })

  test.each(schedules)('%s refuses negative and fractional steps', (name, schedule) => {
    for (const step of [-1, 0.5, Number.NaN]) {
      expect(() => schedule(step)).toThrow(
        new RangeError(`${name}: step is ${step}, expected an integer ≥ 0`),
      )
    }
  })
})

describe('constantSchedule', () => {
  propertyTest.prop([fc.double({ min: 0, max: 1e6, noNaN: true }), fc.nat()])(
    'is its rate at every step',
    (rate, step) => {
      expect(right(constantSchedule(rate))(step)).toBe(rate)
    },
  )

  test('refuses a negative or non-finite rate', () => {
    expect(left(constantSchedule(-1)).message).toBe(
      'constantSchedule: rate is -1, expected a finite number ≥ 0',
    )
    expect(left(constantSchedule(Number.POSITIVE_INFINITY)).message).toBe(
      'constantSchedule: rate is Infinity, expected a finite number ≥ 0',
    )
  })
})

describe('stepDecay', () => {
  test('multiplies by the factor once every `every` steps', () => {
    const schedule = right(stepDecay(0.8, { every: 3, factor: 0.5 }))
    expect([0, 1, 2, 3, 5, 6, 9, 12].map(schedule)).toStrictEqual([
      0.8, 0.8, 0.8, 0.4, 0.4, 0.2, 0.1, 0.05,
    ])
  })

  test('refuses bad options', () => {
    expect(left(stepDecay(1, { every: 0, factor: 0.5 })).message).toBe(
      'stepDecay: every is 0, expected a positive integer',
    )
    expect(left(stepDecay(1, { every: 1.5, factor: 0.5 })).message).toBe(
      'stepDecay: every is 1.5, expected a positive integer',
    )
    expect(left(stepDecay(1, { every: 2, factor: 1.5 })).message).toBe(
      'stepDecay: factor is 1.5, expected a number in [0, 1]',
    )
    expect(left(stepDecay(-1, { every: 2, factor: 0.5 })).message).toBe(
      'stepDecay: rate is -1, expected a finite number ≥ 0',
    )
  })
})

describe('exponentialDecay', () => {
  test('is rate·decay^(step/every), smoothly between multiples of every', () => {
    const schedule = right(exponentialDecay(2, { decay: 0.25, every: 2 }))
    expect(schedule(2)).toBe(0.5)
    expect(schedule(4)).toBe(0.125)
    expect(schedule(1)).toBeCloseTo(1, 15)
    expect(schedule(3)).toBeCloseTo(0.25, 15)
  })

  test('every defaults to 1', () => {
    const schedule = right(exponentialDecay(1, { decay: 0.5 }))
    expect([0, 1, 2, 3].map(schedule)).toStrictEqual([1, 0.5, 0.25, 0.125])
  })

  test('refuses bad options', () => {
    expect(left(exponentialDecay(1, { decay: 0 })).message).toBe(
      'exponentialDecay: decay is 0, expected a number in (0, 1]',
    )
    expect(left(exponentialDecay(1, { decay: 1.1 })).message).toBe(
      'exponentialDecay: decay is 1.1, expected a number in (0, 1]',
    )
    expect(left(exponentialDecay(1, { decay: 0.5, every: -2 })).message).toBe(
      'exponentialDecay: every is -2, expected a positive integer',
    )
  })
})

describe('cosineDecay', () => {
  test('follows half a cosine to the minimum, then stays there', () => {
    const schedule = right(cosineDecay(1, { steps: 4 }))
    expect(schedule(0)).toBe(1)
    // (1 + cos(π/4))/2, (1 + cos(π/2))/2, (1 + cos(3π/4))/2
    expect(schedule(1)).toBeCloseTo((1 + Math.SQRT1_2) / 2, 15)
    expect(schedule(2)).toBeCloseTo(0.5, 15)
    expect(schedule(3)).toBeCloseTo((1 - Math.SQRT1_2) / 2, 15)
    expect(schedule(4)).toBe(0)
    expect(schedule(100)).toBe(0)
  })

  test('decays to the given minimum', () => {
    const schedule = right(cosineDecay(0.5, { steps: 10, minimum: 0.1 }))
    expect(schedule(5)).toBeCloseTo(0.3, 15)
    expect(schedule(10)).toBe(0.1)
    expect(schedule(11)).toBe(0.1)
  })

  test('refuses bad options', () => {
    expect(left(cosineDecay(1, { steps: 0 })).message).toBe(
      'cosineDecay: steps is 0, expected a positive integer',
    )
    expect(left(cosineDecay(1, { steps: 10, minimum: 2 })).message).toBe(
      'cosineDecay: minimum is 2, expected a number in [0, 1]',
    )
  })
})

describe('rateAt', () => {
  test('a number is its own rate; a schedule is read at the step', () => {
    expect(rateAt('sgd', 0.25, 99)).toBe(0.25)
    expect(rateAt('sgd', (step) => step / 10, 3)).toBeCloseTo(0.3, 15)
  })

  test('a bad rate names the optimizer, the value and the step', () => {
    expect(() => rateAt('momentum', () => -1, 4)).toThrow(
      new RangeError('momentum: learningRate is -1 at step 4, expected a finite number ≥ 0'),
    )
  })
})
