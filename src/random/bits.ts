// Raw random words from a key, JAX style: `randomBits(key, n)` is Threefry-2x32 of the key over the
// counters 0, 1, …, n − 1 (JAX's original `_random_bits` for 32-bit words), plus unbiased integers.
// Laws: pure and linear-time; any single word can be computed alone (`bitAt`) and equals the word
// `randomBits` gives at that place; `boundedInt` is exactly uniform whenever the words are.

import { uint32At } from '../linalg/internal.js'
import { requireKey, type Key } from './key.js'
import { encryptInto } from './threefry.js'

const TWO_32 = 4294967296

/** The length of the virtual word array that `streamWord` reads: randomBits(key, 2^32). */
export const STREAM_LENGTH = TWO_32
const HALF_STREAM = TWO_32 / 2

const requireCount = (what: string, count: number): void => {
  if (!Number.isInteger(count) || count < 0 || count > TWO_32) {
    throw new RangeError(`${what}: count is ${count}, expected an integer from 0 to 2^32`)
  }
}

/**
 * `count` uint32 words from `key`: `threefry_2x32(key, [0, 1, …, count − 1])`, exactly JAX's
 * `random_bits(key, 32, (count,))` with the original (non-partitionable) Threefry for every count
 * below 2^32 − 1 (beyond that JAX hashes blocks under split keys). With
 * h = ⌈count / 2⌉, word j < h is the first output of the block (j, h + j) and word h + j the second
 * (the counter h + j reads as 0 when it is `count`, JAX's padding of an odd length). Linear time;
 * `count` must be an integer from 0 to 2^32.
 *
 * @category Samplers
 * @example
 * import assert from 'node:assert'
 * import { key } from './key.js'
 * import { randomBits } from './bits.js'
 * // JAX's tests: random_bits(PRNGKey(1701), 32, (3,)) is [56197195, 4200222568, 961309823].
 * assert.deepStrictEqual(Array.from(randomBits(key(1701), 3)), [56197195, 4200222568, 961309823])
 */
export const randomBits = (key: Key, count: number): Uint32Array => {
  requireKey('randomBits', key)
  requireCount('randomBits', count)
  const [k0, k1] = key.words
  const out = new Uint32Array(count + (count % 2))
  const half = out.length / 2
  for (let j = 0; j < half; j++) {
    const second = half + j
    encryptInto(k0, k1, j, second < count ? second : 0, out, j, second)
  }
  return count === out.length ? out : out.slice(0, count)
}

/**
 * The word `randomBits(key, count)` has at `index`, computed alone in constant time (one Threefry
 * block). `count` must be an integer from 1 to 2^32 and `index` an integer in [0, count).
 *
 * @example
 * import assert from 'node:assert'
 * import { key } from './key.js'
 * import { bitAt, randomBits } from './bits.js'
 * assert.strictEqual(bitAt(key(1701), 3, 2), randomBits(key(1701), 3)[2])
 */
export const bitAt = (key: Key, count: number, index: number): number => {
  requireKey('bitAt', key)
  requireCount('bitAt', count)
  if (!Number.isInteger(index) || index < 0 || index >= count) {
    throw new RangeError(`bitAt: index is ${index}, expected an integer in [0, ${count})`)
  }
  const [k0, k1] = key.words
  const half = Math.ceil(count / 2)
  const scratch = new Uint32Array(2)
  if (index < half) {
    const second = half + index
    encryptInto(k0, k1, index, second < count ? second : 0, scratch, 0, 1)
    return uint32At(scratch, 0, 'bitAt')
  }
  encryptInto(k0, k1, index - half, index, scratch, 0, 1)
  return uint32At(scratch, 1, 'bitAt')
}

/**
 * Word `index` of the key's stream: `randomBits(key, 2^32)[index]`, computed on demand, so code
 * that needs an unknown number of words (rejection sampling) reads them one by one in order
 * without fixing their count in advance. For index < 2^31 it is the first output word of the
 * block (index, 2^31 + index).
 *
 * @example
 * import assert from 'node:assert'
 * import { key } from './key.js'
 * import { bitAt, STREAM_LENGTH, streamWord } from './bits.js'
 * assert.strictEqual(streamWord(key(3), 10), bitAt(key(3), STREAM_LENGTH, 10))
 */
export const streamWord = (key: Key, index: number): number => bitAt(key, STREAM_LENGTH, index)

/**
 * An integer drawn uniformly from [0, bound) by rejection (as OpenBSD's arc4random_uniform): read
 * stream words from `start` on, reject a word w while w < 2^32 mod bound (those would make the low
 * residues more likely), answer w mod bound. Returns the value and the index of the next unread
 * word. Exactly uniform given uniform words; a rejection has probability below bound / 2^32.
 * `bound` must be an integer from 1 to 2^32.
 *
 * @example
 * import assert from 'node:assert'
 * import { key } from './key.js'
 * import { boundedInt, streamWord } from './bits.js'
 * const { value, next } = boundedInt(key(5), 6, 0)
 * assert.ok(Number.isInteger(value) && value >= 0 && value < 6)
 * assert.strictEqual(next, 1) // one word was enough (it almost always is)
 * assert.strictEqual(value, streamWord(key(5), 0) % 6)
 */
export const boundedInt = (
  key: Key,
  bound: number,
  start: number,
): { readonly value: number; readonly next: number } => {
  requireKey('boundedInt', key)
  if (!Number.isInteger(bound) || bound < 1 || bound > TWO_32) {
    throw new RangeError(`boundedInt: bound is ${bound}, expected an integer from 1 to 2^32`)
  }
  if (!Number.isInteger(start) || start < 0) {
    throw new RangeError(`boundedInt: start is ${start}, expected a non-negative integer`)
  }
  const scratch = new Uint32Array(3)
  const next = boundedIntInto(key.words[0], key.words[1], bound, start, scratch)
  return { value: uint32At(scratch, 2, 'boundedInt'), next }
}

/**
 * Internal, unchecked `boundedInt` for loops: the key's words are k0, k1; the value goes to
 * `scratch[2]` (scratch[0] and [1] are working space) and the index of the next unread word is
 * returned.
 */
export const boundedIntInto = (
  k0: number,
  k1: number,
  bound: number,
  start: number,
  scratch: Uint32Array,
): number => {
  const threshold = TWO_32 % bound
  for (let index = start; index < STREAM_LENGTH; index++) {
    // Word `index` of randomBits(key, 2^32), as in bitAt with half = 2^31.
    const first = index < HALF_STREAM
    if (first) encryptInto(k0, k1, index, HALF_STREAM + index, scratch, 0, 1)
    else encryptInto(k0, k1, index - HALF_STREAM, index, scratch, 0, 1)
    const word = uint32At(scratch, first ? 0 : 1, 'boundedInt')
    if (word >= threshold) {
      scratch[2] = word % bound
      return index + 1
    }
  }
  throw new RangeError(`boundedInt: the key's stream of 2^32 words is used up`)
}
