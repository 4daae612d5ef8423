// Keys, split and foldIn against JAX's published values, and the laws of an immutable key.
//
// Reference values (all from JAX's original, non-partitionable Threefry):
// - jax-ml/jax tests/random_test.py, testPRNGValues: split(PRNGKey(0), 4) and fold_in(PRNGKey(0), 4).
// - ml-explore/mlx tests/random_tests.cpp ("test random key", "test random split"), whose expected
//   values were generated with JAX: key(2^32) = [1, 0], split(key(0)) and split(key(0), 3). The
//   same split(PRNGKey(0)) = [[4146024105, 967050713], [2718843009, 1272950319]] is printed in
//   JAX's documentation and tutorials.

import { fc, test as propertyTest } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { foldIn, isKey, key, Key, split } from '../../src/random/key.js'

const seeds = fc.maxSafeInteger()
const keys = seeds.map(key)

/** The words [high, low] of a seed's 64-bit two's complement, by BigInt arithmetic. */
const twosComplementWords = (seed: number): [number, number] => {
  const bits = BigInt.asUintN(64, BigInt(seed))
  return [Number(bits >> 32n), Number(bits & 0xffffffffn)]
}

const wordsOf = (keyList: readonly Key[]): (readonly [number, number])[] =>
  keyList.map((k) => k.words)

describe('key', () => {
  test('small seeds, 2^32 and −1 give the words JAX gives', () => {
    expect(key(0).words).toStrictEqual([0, 0])
    expect(key(1).words).toStrictEqual([0, 1])
    expect(key(1701).words).toStrictEqual([0, 1701])
    expect(key(2 ** 32).words).toStrictEqual([1, 0])
    expect(key(2 ** 32 + 1).words).toStrictEqual([1, 1])
    expect(key(-1).words).toStrictEqual([0xffffffff, 0xffffffff])
  })

  propertyTest.prop([seeds])('the words are the high and low halves of the 64-bit seed', (seed) => {
    expect(key(seed).words).toStrictEqual(twosComplementWords(seed))
  })

  test.each([0.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, -(2 ** 53)])(
    'a seed of %d is a precondition violation naming the seed',
    (seed) => {
      expect(() => key(seed)).toThrow(
        new RangeError(`key: seed is ${seed}, expected a safe integer (|seed| ≤ 2^53 − 1)`),
      )
    },
  )

  test('prints as Key(high, low) and serialises as its words', () => {
    expect(String(key(42))).toBe('Key(0, 42)')
    expect(key(-2).toString()).toBe('Key(4294967295, 4294967294)')
    expect(JSON.stringify({ k: key(2 ** 32 + 3) })).toBe('{"k":[1,3]}')
  })
})

describe('Key is an immutable value', () => {
  propertyTest.prop([keys])(
    'the key and its words are frozen; nothing can be written or added',
    (k) => {
      const before = [...k.words]
      expect(Object.isFrozen(k)).toBe(true)
      expect(Object.isFrozen(k.words)).toBe(true)
      expect(Reflect.set(k, 'words', [1, 2])).toBe(false)
      expect(Reflect.set(k.words, 0, 7)).toBe(false)
      expect(Reflect.defineProperty(k, 'extra', { value: 1 })).toBe(false)
      expect(Reflect.deleteProperty(k, 'words')).toBe(false)
      expect(k.words).toStrictEqual(before)
    },
  )

  test('the only own property is the pair of words', () => {
    expect(Object.keys(key(5))).toStrictEqual(['words'])
  })

  test('look-alike objects are not keys', () => {
    expect(isKey(key(0))).toBe(true)
    expect(isKey({ words: [0, 0] })).toBe(false)
    expect(isKey(null)).toBe(false)
    expect(() => split({ words: [0, 0] } as unknown as Key)).toThrow(
      new TypeError('split: [object Object] is not a Key'),
    )
  })

  propertyTest.prop([keys, fc.integer({ min: 1, max: 8 }), fc.maxSafeInteger()])(
    'split and foldIn leave the parent key as it was',
    (k, count, data) => {
      const before = [...k.words]
      split(k, count)
      foldIn(k, data)
      expect(k.words).toStrictEqual(before)
    },
  )
})

describe('split', () => {
  test('split(key(0)) is JAX’s [[4146024105, 967050713], [2718843009, 1272950319]]', () => {
    expect(wordsOf(split(key(0)))).toStrictEqual([
      [4146024105, 967050713],
      [2718843009, 1272950319],
    ])
  })

  test('split(key(0), 3) is the value MLX checks against JAX', () => {
    expect(wordsOf(split(key(0), 3))).toStrictEqual([
      [2467461003, 428148500],
      [3186719485, 3840466878],
      [2562233961, 1946702221],
    ])
  })

  test('split(key(0), 4) is the value of JAX’s testPRNGValues', () => {
    expect(wordsOf(split(key(0), 4))).toStrictEqual([
      [2285895361, 1501764800],
      [1518642379, 4090693311],
      [433833334, 4221794875],
      [839183663, 3740430601],
    ])
  })

  propertyTest.prop([keys, fc.integer({ min: 1, max: 64 })])(
    'gives count keys, all different from each other and from the parent',
    (k, count) => {
      const children = split(k, count)
      expect(children).toHaveLength(count)
      expect(children.every(isKey)).toBe(true)
      const distinct = new Set([k, ...children].map(String))
      expect(distinct.size).toBe(count + 1)
    },
  )

  propertyTest.prop([keys])('the list of keys is frozen and the default count is 2', (k) => {
    const children = split(k)
    expect(children).toHaveLength(2)
    expect(Object.isFrozen(children)).toBe(true)
  })

  propertyTest.prop([keys, fc.integer({ min: 1, max: 8 })])(
    'the same key splits the same way every time',
    (k, count) => {
      expect(wordsOf(split(k, count))).toStrictEqual(wordsOf(split(k, count)))
    },
  )

  test.each([0, -1, 1.5, 2 ** 31 + 1, Number.NaN])(
    'a count of %d is a precondition violation',
    (count) => {
      expect(() => split(key(0), count)).toThrow(
        new RangeError(`split: count is ${count}, expected an integer from 1 to 2^31`),
      )
    },
  )
})

describe('foldIn', () => {
  test('foldIn(key(0), 4) is JAX’s [2285895361, 433833334]', () => {
    expect(foldIn(key(0), 4).words).toStrictEqual([2285895361, 433833334])
  })

  test('JAX testFoldIn: folding in 0, …, 9 gives 20 distinct words', () => {
    const folded = Array.from({ length: 10 }, (_, i) => foldIn(key(0), i).words).flat()
    expect(new Set(folded).size).toBe(20)
  })

  propertyTest.prop([keys, fc.maxSafeInteger(), fc.maxSafeInteger()])(
    'different data give different keys; the same data the same key',
    (k, a, b) => {
      fc.pre(a !== b)
      expect(foldIn(k, a).words).not.toStrictEqual(foldIn(k, b).words)
      expect(foldIn(k, a).words).toStrictEqual(foldIn(k, a).words)
    },
  )

  propertyTest.prop([seeds, seeds])(
    'different parents give different keys for the same data',
    (a, b) => {
      fc.pre(a !== b)
      expect(foldIn(key(a), 7).words).not.toStrictEqual(foldIn(key(b), 7).words)
    },
  )

  test.each([0.25, Number.NaN, 2 ** 53])('data of %d is a precondition violation', (data) => {
    expect(() => foldIn(key(0), data)).toThrow(
      new RangeError(`foldIn: data is ${data}, expected a safe integer (|data| ≤ 2^53 − 1)`),
    )
  })
})
