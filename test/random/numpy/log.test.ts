// The correctly rounded logarithm: values where V8's Math.log is off by one ulp (true values
// computed with Python's decimal module at 60 digits, then rounded), agreement with Math.log to
// one ulp everywhere, monotonicity, and the fallback for inputs outside (0, ∞).

import { fc, test as propertyTest } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { log } from '../../../src/random/numpy/log.js'

/** The gap from |value| to the next double away from zero. */
const ulp = (value: number): number => {
  const magnitude = Math.abs(value)
  const exponent = Math.floor(Math.log2(magnitude))
  return 2 ** (Math.max(exponent, -1022) - 52) * (magnitude >= 2 ** (exponent + 1) ? 2 : 1)
}

describe('log', () => {
  test.each([
    // [x, ln x rounded to nearest (decimal, 60 digits), V8's Math.log(x)]
    [0.3925289453297048, -0.935144998415839, -0.9351449984158391],
    [0.1798642276726021, -1.7155530034200621, -1.715553003420062],
    [0.3355405625562119, -1.0920124280715442, -1.092012428071544],
    [0.30559132536332845, -1.185506607683853, -1.1855066076838527],
    [0.4063660217387962, -0.9005009941393928, -0.9005009941393929],
    [82645473335559.5, 32.045581169615964, 32.04558116961596],
    [1.0999436571237292e-30, -68.98229383212548, -68.98229383212549],
    // glibc's log misrounds this one (it returns -0.014911152771180167)
    [0.985199467957242, -0.014911152771180165, -0.014911152771180165],
  ])('log(%s) is the correctly rounded %s', (x, expected, v8) => {
    expect(log(x)).toBe(expected)
    expect(Math.abs(v8 - expected)).toBeLessThanOrEqual(ulp(expected))
  })

  test('exact cases', () => {
    expect(log(1)).toBe(0)
    expect(log(2)).toBe(Math.LN2)
    expect(log(0.5)).toBe(-Math.LN2)
    expect(log(Math.E)).toBe(1)
    expect(log(10)).toBe(Math.LN10)
  })

  propertyTest.prop([fc.double({ min: 2 ** -1000, max: 1e300, noNaN: true })])(
    'is within one ulp of Math.log',
    (x) => {
      const value = log(x)
      expect(Math.abs(value - Math.log(x))).toBeLessThanOrEqual(value === 0 ? 0 : ulp(value))
    },
  )

  propertyTest.prop([
    fc.double({ min: 2 ** -110, max: 1, noNaN: true }),
    fc.double({ min: 2 ** -110, max: 1, noNaN: true }),
  ])('is monotone on the sampler range (0, 1]', (a, b) => {
    const [low, high] = a <= b ? [a, b] : [b, a]
    expect(log(low)).toBeLessThanOrEqual(log(high))
  })

  test('falls back to Math.log outside the positive normal range', () => {
    expect(log(0)).toBe(-Infinity)
    expect(log(-1)).toBeNaN()
    expect(log(Number.NaN)).toBeNaN()
    expect(log(Infinity)).toBe(Infinity)
    expect(log(Number.MIN_VALUE)).toBe(Math.log(Number.MIN_VALUE))
  })
})
