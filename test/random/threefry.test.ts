// Threefry-2x32 against the published known-answer vectors, and JAX's array layout of counters.
//
// Known answers: Random123's `kat_vectors` file (D. E. Shaw Research; lines "threefry2x32 R CTR KEY
// EXPECTED"). The 13- and 20-round lines are quoted verbatim in DEShawResearch/Random123-Boost,
// libs/random/test/test_threefry.cpp, which JAX's own `testThreefry2x32` (jax-ml/jax,
// tests/random_test.py) cites for its three 20-round checks; the 32-round lines are from the same
// file as copied into KaroshiBee/randii, tests/data/kat_vectors.

import { fc, test as propertyTest } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { THREEFRY_ROUNDS, threefry2x32, threefry2x32Array } from '../../src/random/threefry.js'

/** [rounds, counter0, counter1, key0, key1, expected0, expected1], as in kat_vectors. */
const knownAnswers: readonly (readonly [number, number, number, number, number, number, number])[] =
  [
    [13, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x9d1c5ec6, 0x8bd50731],
    [13, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xfd36d048, 0x2d17272c],
    [13, 0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, 0xba3e4725, 0xf27d669e],
    [20, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x6b200159, 0x99ba4efe],
    [20, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0x1cb996fc, 0xbb002be7],
    [20, 0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, 0xc4923a9c, 0x483df7a0],
    [32, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0xcee3d47e, 0xa23dfd5c],
    [32, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0x6e2fe0d0, 0xb1b76f82],
    [32, 0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, 0xe2827716, 0xc3c05cdf],
  ]

const word = fc.integer({ min: 0, max: 0xffffffff })
const words = fc.tuple(word, word)

describe('threefry2x32', () => {
  test.each(knownAnswers)(
    'Random123 known answer: %i rounds, counter (%i, %i), key (%i, %i)',
    (rounds, c0, c1, k0, k1, e0, e1) => {
      expect(threefry2x32([k0, k1], [c0, c1], rounds)).toStrictEqual([e0, e1])
    },
  )

  test('20 rounds is the default', () => {
    expect(THREEFRY_ROUNDS).toBe(20)
    expect(threefry2x32([0x13198a2e, 0x03707344], [0x243f6a88, 0x85a308d3])).toStrictEqual([
      0xc4923a9c, 0x483df7a0,
    ])
  })

  propertyTest.prop([words, words])(
    'outputs are two uint32 words in a frozen pair',
    (key, counter) => {
      const out = threefry2x32(key, counter)
      expect(out).toHaveLength(2)
      for (const value of out)
        expect(Number.isInteger(value) && value >= 0 && value < 2 ** 32).toBe(true)
      expect(Object.isFrozen(out)).toBe(true)
    },
  )

  propertyTest.prop([words, words, fc.boolean(), fc.integer({ min: 0, max: 31 })])(
    'flipping one bit of the counter changes the output (it is a permutation of blocks)',
    (key, counter, first, bit) => {
      const flip = (x: number): number => (x ^ (1 << bit)) >>> 0
      const flipped: [number, number] = first
        ? [flip(counter[0]), counter[1]]
        : [counter[0], flip(counter[1])]
      expect(threefry2x32(key, flipped)).not.toStrictEqual(threefry2x32(key, counter))
    },
  )

  test('words that are not uint32 and bad round counts are preconditions', () => {
    expect(() => threefry2x32([2 ** 32, 0], [0, 0])).toThrow(
      new RangeError('threefry2x32: key is [4294967296, 0], expected two uint32 words'),
    )
    expect(() => threefry2x32([0, 0], [-1, 0.5])).toThrow(
      new RangeError('threefry2x32: counter is [-1, 0.5], expected two uint32 words'),
    )
    expect(() => threefry2x32([0, 0], [0, 0], 0)).toThrow(
      new RangeError('threefry2x32: rounds is 0, expected an integer from 1 to 32'),
    )
    expect(() => threefry2x32([0, 0], [0, 0], 33)).toThrow(RangeError)
  })
})

describe('threefry2x32Array (JAX threefry_2x32 on an array of counters)', () => {
  test('JAX testThreefry2x32Large: halves of repeated pi digits give repeated known answers', () => {
    // jax-ml/jax tests/random_test.py: key (0x13198a2e, 0x03707344), counts = n copies of
    // 0x243f6a88 then n copies of 0x85a308d3; JAX expects n × 0xc4923a9c then n × 0x483df7a0.
    const n = 1000
    const counts = [...Array<number>(n).fill(0x243f6a88), ...Array<number>(n).fill(0x85a308d3)]
    const out = Array.from(threefry2x32Array([0x13198a2e, 0x03707344], counts))
    expect(out).toStrictEqual([
      ...Array<number>(n).fill(0xc4923a9c),
      ...Array<number>(n).fill(0x483df7a0),
    ])
  })

  propertyTest.prop([words, fc.array(word, { maxLength: 25 })])(
    'pairs the first half with the second half, padding an odd length with a 0',
    (key, counts) => {
      const padded = counts.length % 2 === 1 ? [...counts, 0] : counts
      const half = padded.length / 2
      const first: number[] = []
      const second: number[] = []
      for (let j = 0; j < half; j++) {
        const [y0, y1] = threefry2x32(key, [padded[j] ?? 0, padded[half + j] ?? 0])
        first.push(y0)
        second.push(y1)
      }
      const expected = [...first, ...second].slice(0, counts.length)
      expect(Array.from(threefry2x32Array(key, counts))).toStrictEqual(expected)
    },
  )

  test('an empty array of counters gives an empty array', () => {
    expect(threefry2x32Array([1, 2], [])).toHaveLength(0)
  })

  test('counters that are not uint32 are preconditions', () => {
    expect(() => threefry2x32Array([0, 0], [0, 1, 2 ** 32])).toThrow(
      new RangeError('threefry2x32Array: counts[2] is 4294967296, expected a uint32 word'),
    )
    expect(() => threefry2x32Array([0, -1], [0])).toThrow(RangeError)
    // an array-like with a missing counter is named, not read as a number
    expect(() => threefry2x32Array([0, 0], { length: 2, 0: 5 })).toThrow(
      new RangeError('threefry2x32Array: counts[1] is undefined, expected a uint32 word'),
    )
  })
})
