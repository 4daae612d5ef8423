// Splittable PRNG keys in JAX's style: a Key is two uint32 words; new keys come from hashing an old
// one with Threefry-2x32, so randomness is a value passed around, never hidden state.
// Laws: a Key never changes (frozen, no setters, made only here); `key`, `split` and `foldIn` are
// pure and match JAX's PRNGKey, original (non-partitionable) threefry_split and fold_in word for word.

import { uint32At } from '../linalg/internal.js'
import { threefry2x32Array } from './threefry.js'

const TWO_32 = 4294967296
const MAX_SPLIT = 2147483648

let construct: (hi: number, lo: number) => Key
let hasBrand: (value: object) => boolean

const inspect: unique symbol = Symbol.for('nodejs.util.inspect.custom')

/**
 * An immutable PRNG key: two uint32 words `[high, low]`, as JAX's `key_data` shows them. Make one
 * with `key(seed)`, new ones with `split` and `foldIn`; hand one to a sampler to draw numbers. The
 * same key always gives the same numbers — reuse is the caller's choice; split for independence.
 *
 * @category Keys
 * @example
 * import { random } from 'gradfold'
 * import assert from 'node:assert'
 * const k = random.key(42)
 * assert.deepStrictEqual(k.words, [0, 42])
 * assert.strictEqual(String(k), 'Key(0, 42)')
 * assert.strictEqual(JSON.stringify(k), '[0,42]')
 * assert.ok(Object.isFrozen(k) && Object.isFrozen(k.words))
 */
export class Key {
  /** The two uint32 words, high then low (a frozen pair). */
  readonly words: readonly [number, number]
  readonly #brand = true

  private constructor(hi: number, lo: number) {
    this.words = Object.freeze([hi, lo] as const)
    Object.freeze(this)
  }

  static {
    construct = (hi, lo) => new Key(hi, lo)
    hasBrand = (value) => #brand in value
  }

  /** The readable form, e.g. `Key(0, 42)`. */
  toString(): string {
    return `Key(${this.words[0]}, ${this.words[1]})`
  }

  /** JSON form: the two words, e.g. `[0, 42]`. */
  toJSON(): [number, number] {
    return [this.words[0], this.words[1]]
  }

  /** Node's console and REPL show the readable form. */
  [inspect](): string {
    return this.toString()
  }
}

/**
 * True when `value` is a gradfold Key (made by `key`, `split` or `foldIn`).
 *
 * @category Keys
 * @example
 * import assert from 'node:assert'
 * import { isKey, key } from './key.js'
 * assert.ok(isKey(key(0)))
 * assert.ok(!isKey({ words: [0, 0] }))
 */
export const isKey = (value: unknown): value is Key =>
  typeof value === 'object' && value !== null && hasBrand(value)

/** The words [high 32 bits, low 32 bits] of a safe integer's 64-bit two's complement. */
const seedWords = (seed: number): readonly [number, number] => [
  Math.floor(seed / TWO_32) >>> 0,
  seed >>> 0,
]

/**
 * A key from an integer seed, as JAX's `PRNGKey(seed)`: the words are the high and the low 32 bits
 * of the seed's 64-bit two's complement, so `key(1)` is `Key(0, 1)` and `key(-1)` is
 * `Key(4294967295, 4294967295)`. A seed that is not a safe integer (fractional, NaN, infinite,
 * beyond ±(2^53 − 1)) is a bug in the calling program: RangeError.
 *
 * @category Keys
 * @example
 * import { random } from 'gradfold'
 * import assert from 'node:assert'
 * assert.strictEqual(String(random.key(0)), 'Key(0, 0)')
 * assert.strictEqual(String(random.key(2 ** 32 + 7)), 'Key(1, 7)')
 * assert.strictEqual(String(random.key(-1)), 'Key(4294967295, 4294967295)')
 * assert.throws(() => random.key(0.5), RangeError)
 */
export const key = (seed: number): Key => {
  if (!Number.isSafeInteger(seed)) {
    throw new RangeError(`key: seed is ${seed}, expected a safe integer (|seed| ≤ 2^53 − 1)`)
  }
  const [hi, lo] = seedWords(seed)
  return construct(hi, lo)
}

/** Internal precondition: `value` must be a Key, else a TypeError naming the function `what`. */
export const requireKey = (what: string, value: unknown): void => {
  if (!isKey(value)) throw new TypeError(`${what}: ${String(value)} is not a Key`)
}

/**
 * `count` new keys from `parent` (default 2), as JAX's original `split`: the words are
 * `threefry_2x32(parent, [0, 1, …, 2·count − 1])` read in pairs, which hashes the counter blocks
 * (j, count + j). The keys are independent of each other and of `parent` for all practical
 * purposes; `parent` itself is unchanged and should not be used to draw numbers afterwards
 * (unless you want those numbers repeated). `count` must be an integer from 1 to 2^31.
 *
 * @category Keys
 * @example
 * import { random } from 'gradfold'
 * import assert from 'node:assert'
 * // jax.random.split(jax.random.PRNGKey(0)) prints [[4146024105, 967050713], [2718843009, 1272950319]].
 * const [k1, k2] = random.split(random.key(0))
 * assert.strictEqual(String(k1), 'Key(4146024105, 967050713)')
 * assert.strictEqual(String(k2), 'Key(2718843009, 1272950319)')
 * assert.strictEqual(random.split(random.key(0), 5).length, 5)
 */
export const split = (parent: Key, count = 2): readonly Key[] => {
  requireKey('split', parent)
  if (!Number.isInteger(count) || count < 1 || count > MAX_SPLIT) {
    throw new RangeError(`split: count is ${count}, expected an integer from 1 to 2^31`)
  }
  const counters = new Uint32Array(2 * count)
  for (let index = 0; index < counters.length; index++) counters[index] = index
  const words = threefry2x32Array(parent.words, counters)
  const keys: Key[] = []
  for (let index = 0; index < count; index++) {
    keys.push(
      construct(uint32At(words, 2 * index, 'split'), uint32At(words, 2 * index + 1, 'split')),
    )
  }
  return Object.freeze(keys)
}

/**
 * A new key from `parent` and an integer `data`, as JAX's `fold_in`: the words of
 * `threefry_2x32(parent, key(data).words)`. Different data give different keys, so `foldIn(k, step)`
 * names a key per training step, epoch or layer without threading split keys around. For
 * 0 ≤ data < 2^32 this is exactly JAX's value; JAX truncates larger data to 32 bits, gradfold keeps
 * all 64 (as `key` does). `data` must be a safe integer.
 *
 * @category Keys
 * @example
 * import { random } from 'gradfold'
 * import assert from 'node:assert'
 * // JAX's tests: fold_in(PRNGKey(0), 4) is [2285895361, 433833334].
 * assert.strictEqual(String(random.foldIn(random.key(0), 4)), 'Key(2285895361, 433833334)')
 */
export const foldIn = (parent: Key, data: number): Key => {
  requireKey('foldIn', parent)
  if (!Number.isSafeInteger(data)) {
    throw new RangeError(`foldIn: data is ${data}, expected a safe integer (|data| ≤ 2^53 − 1)`)
  }
  const words = threefry2x32Array(parent.words, seedWords(data))
  return construct(uint32At(words, 0, 'foldIn'), uint32At(words, 1, 'foldIn'))
}
