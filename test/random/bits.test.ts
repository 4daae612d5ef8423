// Raw words from a key against JAX's published random bits, single-word access, and unbiased
// bounded integers.
//
// Reference values: jax-ml/jax tests/random_test.py, testRngRandomBits (random_bits(PRNGKey(1701),
// 32, (3,))); ml-explore/mlx tests/random_tests.cpp, "test random bits" (bits for key(0) and key(1),
// generated there with JAX's threefry_prng_impl.random_bits).

import { fc, test as propertyTest } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { bitAt, boundedInt, randomBits, STREAM_LENGTH, streamWord } from '../../src/random/bits.js'
import { key, type Key } from '../../src/random/key.js'
import { threefry2x32, threefry2x32Array } from '../../src/random/threefry.js'

const keys = fc.maxSafeInteger().map(key)

/** Pearson's χ² statistic of observed counts against equal expected counts. */
const chiSquare = (counts: readonly number[]): number => {
  const total = counts.reduce((sum, count) => sum + count, 0)
  const expected = total / counts.length
  return counts.reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0)
}

/** `draws` successive bounded integers from the key's stream. */
const boundedDraws = (k: Key, bound: number, draws: number): number[] => {
  const values: number[] = []
  let next = 0
  for (let i = 0; i < draws; i++) {
    const draw = boundedInt(k, bound, next)
    values.push(draw.value)
    next = draw.next
  }
  return values
}

describe('randomBits', () => {
  test('JAX: random_bits(PRNGKey(1701), 32, (3,)) is [56197195, 4200222568, 961309823]', () => {
    expect(Array.from(randomBits(key(1701), 3))).toStrictEqual([56197195, 4200222568, 961309823])
  })

  test('MLX checks against JAX: bits of key(0) and key(1)', () => {
    expect(Array.from(randomBits(key(0), 1))).toStrictEqual([1797259609])
    expect(Array.from(randomBits(key(1), 1))).toStrictEqual([507451445])
    expect(Array.from(randomBits(key(0), 3))).toStrictEqual([4146024105, 1351547692, 2718843009])
  })

  propertyTest.prop([keys, fc.integer({ min: 0, max: 50 })])(
    'is threefry_2x32 of the key over the counters 0, …, count − 1',
    (k, count) => {
      const iota = Array.from({ length: count }, (_, i) => i)
      expect(Array.from(randomBits(k, count))).toStrictEqual(
        Array.from(threefry2x32Array(k.words, iota)),
      )
    },
  )

  propertyTest.prop([keys], { numRuns: 10 })(
    'each of the 32 bit positions is set in about half of 20,000 words',
    (k) => {
      const words = randomBits(k, 20000)
      // A fair bit: the frequency has standard error √(1/4 / 20000) ≈ 0.0035; allow 6 of them.
      for (let bit = 0; bit < 32; bit++) {
        let ones = 0
        for (const word of words) ones += (word >>> bit) & 1
        expect(Math.abs(ones / words.length - 0.5)).toBeLessThan(6 * Math.sqrt(0.25 / 20000))
      }
    },
  )

  test.each([-1, 1.5, 2 ** 32 + 1, Number.NaN])('a count of %d is a precondition', (count) => {
    expect(() => randomBits(key(0), count)).toThrow(
      new RangeError(`randomBits: count is ${count}, expected an integer from 0 to 2^32`),
    )
  })
})

describe('bitAt and streamWord', () => {
  propertyTest.prop([keys, fc.integer({ min: 1, max: 40 })])(
    'bitAt gives every word of randomBits, one at a time',
    (k, count) => {
      const all = Array.from(randomBits(k, count))
      expect(Array.from({ length: count }, (_, i) => bitAt(k, count, i))).toStrictEqual(all)
    },
  )

  propertyTest.prop([keys, fc.integer({ min: 0, max: 2 ** 31 - 1 })])(
    'stream word t is the first output of the block (t, 2^31 + t)',
    (k, t) => {
      expect(STREAM_LENGTH).toBe(2 ** 32)
      expect(streamWord(k, t)).toBe(threefry2x32(k.words, [t, 2 ** 31 + t])[0])
    },
  )

  test('indices outside the words are preconditions', () => {
    expect(() => bitAt(key(0), 3, 3)).toThrow(
      new RangeError('bitAt: index is 3, expected an integer in [0, 3)'),
    )
    expect(() => bitAt(key(0), 3, -1)).toThrow(RangeError)
    expect(() => streamWord(key(0), 2 ** 32)).toThrow(RangeError)
  })
})

describe('boundedInt', () => {
  propertyTest.prop([keys, fc.integer({ min: 0, max: 1000 })])(
    'rejects exactly the words below 2^32 mod bound and answers the next one mod bound',
    (k, start) => {
      // For bound 2^31 + 1 about half of all words are rejected, so this exercises rejection.
      const bound = 2 ** 31 + 1
      const threshold = 2 ** 31 - 1
      const { value, next } = boundedInt(k, bound, start)
      for (let index = start; index < next - 1; index++) {
        expect(streamWord(k, index)).toBeLessThan(threshold)
      }
      const accepted = streamWord(k, next - 1)
      expect(accepted).toBeGreaterThanOrEqual(threshold)
      expect(value).toBe(accepted % bound)
    },
  )

  propertyTest.prop([keys], { numRuns: 10 })(
    'is uniform where plain "word mod bound" is not: thirds of [0, 3·2^30)',
    (k) => {
      // word mod 3·2^30 would land in the first third half of the time; rejection makes it 1/3.
      const thirds = [0, 0, 0]
      for (const value of boundedDraws(k, 3 * 2 ** 30, 3000)) {
        const third = Math.floor(value / 2 ** 30)
        thirds[third] = (thirds[third] ?? 0) + 1
      }
      // χ² with 2 degrees of freedom; 32.24 is its 1 − 10⁻⁷ quantile (scipy.stats.chi2.isf).
      expect(chiSquare(thirds)).toBeLessThan(32.24)
    },
  )

  propertyTest.prop([keys], { numRuns: 10 })('a die is fair: χ² over 6,000 throws', (k) => {
    const faces = [0, 0, 0, 0, 0, 0]
    for (const value of boundedDraws(k, 6, 6000)) faces[value] = (faces[value] ?? 0) + 1
    // χ² with 5 degrees of freedom; 40.86 is its 1 − 10⁻⁷ quantile.
    expect(chiSquare(faces)).toBeLessThan(40.86)
  })

  propertyTest.prop([keys, fc.integer({ min: 1, max: 2 ** 32 }), fc.nat(100)])(
    'the value lies in [0, bound) and at least one word is read',
    (k, bound, start) => {
      const { value, next } = boundedInt(k, bound, start)
      expect(Number.isInteger(value) && value >= 0 && value < bound).toBe(true)
      expect(next).toBeGreaterThan(start)
    },
  )

  test.each([0, 1.5, 2 ** 32 + 1])('a bound of %d is a precondition', (bound) => {
    expect(() => boundedInt(key(0), bound, 0)).toThrow(
      new RangeError(`boundedInt: bound is ${bound}, expected an integer from 1 to 2^32`),
    )
  })
})
