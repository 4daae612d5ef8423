// Threefry-2x32, the counter-based block cipher of Salmon, Moraes, Dror and Shaw ("Parallel random
// numbers: as easy as 1, 2, 3", SC '11; the Random123 library), on uint32 words held in JS numbers.
// Laws: a pure function of (key, counter); 20 rounds reproduce Random123's known-answer vectors;
// the array form pairs counters exactly as JAX's `threefry_2x32` does (first half with second half).

import { uint32At } from '../linalg/internal.js'

/** A pair of uint32 words: a Threefry key, counter or output block. */
export type Words = readonly [number, number]

/** The number of rounds gradfold (and JAX, and Random123's default) uses. */
export const THREEFRY_ROUNDS = 20

/** Random123's most rounds for Threefry-2x32 (its known-answer vectors go up to 32). */
const MAX_ROUNDS = 32

/** Rotation distances R_{32×2} of Random123 (Skein's constants for two 32-bit words), round i uses [i mod 8]. */
const ROTATIONS = [13, 15, 26, 6, 17, 29, 16, 24] as const

/**
 * An index of ROTATIONS: reading the tuple at one is a number, never `undefined`. `n & 7` is one
 * for any number n (it keeps three bits), which is how the cipher's loop names round n's.
 */
type RotationIndex = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7

/** Threefish's key-schedule parity constant for 32-bit words. */
const PARITY = 0x1bd11bda

const TWO_32 = 4294967296

const isWord = (value: number): boolean => Number.isInteger(value) && value >= 0 && value < TWO_32

const requireWords = (what: string, name: string, words: Words): void => {
  if (!isWord(words[0]) || !isWord(words[1])) {
    throw new RangeError(`${what}: ${name} is [${words.join(', ')}], expected two uint32 words`)
  }
}

/**
 * Encrypts one block (x0, x1) under the key (k0, k1) and writes the two output words to
 * `out[at]` and `out[at + size]` (Uint32Array stores reduce mod 2^32). No checks: callers pass uint32
 * words. Additions are `(a + b) >>> 0` (exact in doubles, then mod 2^32); rotations are 32-bit.
 */
const encrypt = (
  k0: number,
  k1: number,
  x0: number,
  x1: number,
  rounds: number,
  out: Uint32Array,
  at: number,
  second: number,
): void => {
  const k2 = (k0 ^ k1 ^ PARITY) >>> 0
  let a = (x0 + k0) >>> 0
  let b = (x1 + k1) >>> 0
  for (let round = 0; round < rounds; round++) {
    const rotation = ROTATIONS[(round & 7) as RotationIndex]
    a = (a + b) >>> 0
    b = (((b << rotation) | (b >>> (32 - rotation))) ^ a) >>> 0
    if ((round & 3) === 3) {
      // Key injection s = (round + 1) / 4: add key words s mod 3 and s + 1 mod 3, and s itself.
      const s = (round + 1) >>> 2
      const m = s % 3
      a = (a + (m === 0 ? k0 : m === 1 ? k1 : k2)) >>> 0
      b = (b + (m === 0 ? k1 : m === 1 ? k2 : k0) + s) >>> 0
    }
  }
  out[at] = a
  out[second] = b
}

/**
 * Threefry-2x32 on one block: encrypts `counter` under `key` with `rounds` rounds (default 20),
 * returning the two output words. Words must be uint32 and `rounds` an integer from 1 to 32;
 * anything else is a precondition violation (RangeError).
 *
 * @example
 * import assert from 'node:assert'
 * import { threefry2x32 } from './threefry.js'
 * // Random123's known answer for key (0, 0) and counter (0, 0).
 * assert.deepStrictEqual(threefry2x32([0, 0], [0, 0]), [0x6b200159, 0x99ba4efe])
 */
export const threefry2x32 = (
  key: Words,
  counter: Words,
  rounds: number = THREEFRY_ROUNDS,
): readonly [number, number] => {
  requireWords('threefry2x32', 'key', key)
  requireWords('threefry2x32', 'counter', counter)
  if (!Number.isInteger(rounds) || rounds < 1 || rounds > MAX_ROUNDS) {
    throw new RangeError(`threefry2x32: rounds is ${rounds}, expected an integer from 1 to 32`)
  }
  const out = new Uint32Array(2)
  encrypt(key[0], key[1], counter[0], counter[1], rounds, out, 0, 1)
  return Object.freeze([
    uint32At(out, 0, 'threefry2x32'),
    uint32At(out, 1, 'threefry2x32'),
  ] as const)
}

/**
 * JAX's `threefry_2x32(key, counts)` on a flat array of uint32 counters: pads an odd-length array
 * with one 0, splits it into halves x0 (first half) and x1 (second half), encrypts the blocks
 * (x0[j], x1[j]) with 20 rounds, and returns the first output words followed by the second ones,
 * without the padding. The result is a fresh array of the same length as `counts`.
 *
 * @example
 * import assert from 'node:assert'
 * import { threefry2x32, threefry2x32Array } from './threefry.js'
 * // Counters [0, 1, 2, 3] form the blocks (0, 2) and (1, 3).
 * const out = threefry2x32Array([0, 0], [0, 1, 2, 3])
 * const [a0, a1] = threefry2x32([0, 0], [0, 2])
 * const [b0, b1] = threefry2x32([0, 0], [1, 3])
 * assert.deepStrictEqual(Array.from(out), [a0, b0, a1, b1])
 */
export const threefry2x32Array = (key: Words, counts: ArrayLike<number>): Uint32Array => {
  requireWords('threefry2x32Array', 'key', key)
  const size = counts.length
  // the counters, checked, padded with one 0 to an even length
  const words = new Uint32Array(size + (size % 2))
  for (let index = 0; index < size; index++) {
    const count = counts[index]
    if (count === undefined || !isWord(count)) {
      throw new RangeError(
        `threefry2x32Array: counts[${index}] is ${count}, expected a uint32 word`,
      )
    }
    words[index] = count
  }
  const out = new Uint32Array(words.length)
  const half = out.length / 2
  for (let j = 0; j < half; j++) {
    const x0 = uint32At(words, j, 'threefry2x32Array')
    const x1 = uint32At(words, half + j, 'threefry2x32Array')
    encrypt(key[0], key[1], x0, x1, THREEFRY_ROUNDS, out, j, half + j)
  }
  return size === out.length ? out : out.slice(0, size)
}

/**
 * Internal, for the hot loops of this folder: encrypts the block (x0, x1) under (k0, k1) with 20
 * rounds and writes the output words to `out[at]` and `out[second]`, without checking anything.
 */
export const encryptInto = (
  k0: number,
  k1: number,
  x0: number,
  x1: number,
  out: Uint32Array,
  at: number,
  second: number,
): void => {
  encrypt(k0, k1, x0, x1, THREEFRY_ROUNDS, out, at, second)
}
