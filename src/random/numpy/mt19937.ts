// The Mersenne Twister MT19937 exactly as numpy's legacy RandomState runs it: seeding by
// init_genrand and init_by_array, the twist, tempering and the 53-bit double. Law: these routines
// write only the `Mt19937` record they are given, which its caller owns (a private copy).

import { at, uint32At } from '../../linalg/internal.js'

/** Number of 32-bit words in the generator's key. */
export const stateSize = 624

const shift = 397
const matrixA = 0x9908b0df
const upperMask = 0x80000000
const lowerMask = 0x7fffffff

/**
 * A generator the caller owns: the 624-word key and the index of the next word to temper
 * (`stateSize` means the key must be twisted first). Internal and mutable; public code sees
 * only the immutable `RandomState`.
 */
export interface Mt19937 {
  readonly key: Uint32Array
  position: number
}

/**
 * numpy's `mt19937_seed` (Matsumoto and Nishimura's init_genrand): fills `key` from one
 * 32-bit seed with the multiplier 1812433253. The generator starts at `position = stateSize`.
 */
export const initGenrand = (key: Uint32Array, seed: number): void => {
  let word = seed >>> 0
  for (let index = 0; index < stateSize; index++) {
    key[index] = word
    word = (Math.imul(1812433253, (word ^ (word >>> 30)) >>> 0) + index + 1) >>> 0
  }
}

/**
 * The checked reader under a module-level name: V8 folds a constant of this module into the hot
 * loops below, but loads an imported binding afresh on every call (~7% of a twist).
 */
const readWord = uint32At

/** The word at `index` of a key whose indices are in range by construction (else a RangeError). */
const wordAt = (key: Uint32Array, index: number): number => readWord(key, index, 'mt19937')

/**
 * numpy's `mt19937_init_by_array` (init_by_array): seeds with 19650218, then mixes in every
 * word of `seeds` (each 0..2^32−1, at least one) and sets the top bit of the first word.
 */
export const initByArray = (key: Uint32Array, seeds: readonly number[]): void => {
  initGenrand(key, 19650218)
  const length = seeds.length
  let i = 1
  let j = 0
  for (let k = Math.max(stateSize, length); k > 0; k--) {
    const previous = wordAt(key, i - 1)
    const mixed = (wordAt(key, i) ^ Math.imul((previous ^ (previous >>> 30)) >>> 0, 1664525)) >>> 0
    key[i] = (mixed + at(seeds, j, 'initByArray') + j) >>> 0
    i++
    j++
    if (i >= stateSize) {
      key[0] = wordAt(key, stateSize - 1)
      i = 1
    }
    if (j >= length) j = 0
  }
  for (let k = stateSize - 1; k > 0; k--) {
    const previous = wordAt(key, i - 1)
    const mixed =
      (wordAt(key, i) ^ Math.imul((previous ^ (previous >>> 30)) >>> 0, 1566083941)) >>> 0
    key[i] = (mixed - i) >>> 0
    i++
    if (i >= stateSize) {
      key[0] = wordAt(key, stateSize - 1)
      i = 1
    }
  }
  key[0] = upperMask
}

/** One word of the recurrence: the top bit of `key[index]`, the low bits of `key[next]`. */
const twistWord = (key: Uint32Array, index: number, next: number, far: number): void => {
  const y = (wordAt(key, index) & upperMask) | (wordAt(key, next) & lowerMask)
  key[index] = (wordAt(key, far) ^ (y >>> 1) ^ ((y & 1) === 1 ? matrixA : 0)) >>> 0
}

/** numpy's `mt19937_gen`: regenerates all 624 words of `key` in place. */
export const twist = (key: Uint32Array): void => {
  for (let index = 0; index < stateSize - shift; index++) {
    twistWord(key, index, index + 1, index + shift)
  }
  for (let index = stateSize - shift; index < stateSize - 1; index++) {
    twistWord(key, index, index + 1, index + shift - stateSize)
  }
  twistWord(key, stateSize - 1, 0, shift - 1)
}

/** MT19937's tempering of one key word into an output word. */
export const temper = (word: number): number => {
  let y = word >>> 0
  y ^= y >>> 11
  y ^= (y << 7) & 0x9d2c5680
  y ^= (y << 15) & 0xefc60000
  y ^= y >>> 18
  return y >>> 0
}

/** numpy's `mt19937_next32`: the next tempered 32-bit word, twisting first when needed. */
export const next32 = (generator: Mt19937): number => {
  if (generator.position >= stateSize) {
    twist(generator.key)
    generator.position = 0
  }
  const word = wordAt(generator.key, generator.position)
  generator.position++
  return temper(word)
}

/**
 * numpy's `mt19937_next_double` (legacy `random_sample`): `a = next32 >>> 5` drawn first,
 * `b = next32 >>> 6`, value `(a·2^26 + b) / 2^53` in [0, 1).
 */
export const nextDouble = (generator: Mt19937): number => {
  const a = next32(generator) >>> 5
  const b = next32(generator) >>> 6
  return (a * 67108864 + b) / 9007199254740992
}

/**
 * numpy's `random_interval(max)` for `max` in 0..2^32−1: masks draws with the smallest
 * `2^k − 1 >= max` and rejects those above `max`, so every value in 0..max is equally likely.
 */
export const nextInterval = (generator: Mt19937, max: number): number => {
  if (max === 0) return 0
  let mask = max >>> 0
  mask |= mask >>> 1
  mask |= mask >>> 2
  mask |= mask >>> 4
  mask |= mask >>> 8
  mask |= mask >>> 16
  for (;;) {
    const value = (next32(generator) & mask) >>> 0
    if (value <= max) return value
  }
}
