// Samplers that take a key: uniform and normal matrices, Bernoulli masks, permutations and draws
// without replacement, all computed from the key's Threefry words and nothing else.
// Laws: the same key and arguments give bitwise the same result (reuse is the caller's choice;
// split for independent streams); uniform ∈ [min, max); permutation and choice are exactly uniform.

import type { Matrix } from '../linalg/index.js'
import { adopt, uint32At } from '../linalg/internal.js'
import { boundedIntInto, randomBits } from './bits.js'
import { requireKey, type Key } from './key.js'

const TWO_26 = 67108864
const TWO_52 = 4503599627370496
const TWO_53 = 9007199254740992
const TWO_54 = 18014398509481984
const MAX_LENGTH = 4294967295

/**
 * Options of `uniform`: the interval [min, max) (default [0, 1)).
 *
 * @category Samplers
 */
export interface UniformOptions {
  readonly min?: number
  readonly max?: number
}

/**
 * Options of `normal`: the mean (default 0) and standard deviation (default 1).
 *
 * @category Samplers
 */
export interface NormalOptions {
  readonly mean?: number
  readonly std?: number
}

const requireDimension = (what: string, name: string, size: number): void => {
  if (!Number.isSafeInteger(size) || size < 1) {
    throw new RangeError(`${what}: ${name} is ${size}, expected a positive integer`)
  }
}

const requireShape = (what: string, rows: number, cols: number): void => {
  requireDimension(what, 'rows', rows)
  requireDimension(what, 'cols', cols)
  if (rows * cols > MAX_LENGTH / 2) {
    throw new RangeError(`${what}: ${rows}×${cols} entries are too many to draw`)
  }
}

/**
 * The 53-bit integers behind entries: entry i takes words 2i and 2i + 1 of `randomBits(key, 2n)`
 * and keeps the high 27 bits of the first and the high 26 bits of the second,
 * k = ⌊w₀ / 2^5⌋ · 2^26 + ⌊w₁ / 2^6⌋, uniform on {0, …, 2^53 − 1}.
 */
const integers53 = (key: Key, size: number, each: (k: number, index: number) => void): void => {
  const words = randomBits(key, 2 * size)
  for (let index = 0; index < size; index++) {
    const high = uint32At(words, 2 * index, 'integers53') >>> 5
    const low = uint32At(words, 2 * index + 1, 'integers53') >>> 6
    each(high * TWO_26 + low, index)
  }
}

/** The largest double below `x` (x finite and not the smallest double). */
const below = (x: number): number => {
  const view = new DataView(new ArrayBuffer(8))
  view.setFloat64(0, x)
  const bits = view.getBigUint64(0)
  if (x > 0) view.setBigUint64(0, bits - 1n)
  else if (x < 0) view.setBigUint64(0, bits + 1n)
  else return -Number.MIN_VALUE
  return view.getFloat64(0)
}

/**
 * A rows×cols matrix of numbers uniform on [min, max) (default [0, 1)), drawn from `key`.
 *
 * Construction (53-bit resolution, like numpy's `random_sample`): entry i uses words 2i and 2i + 1
 * of `randomBits(key, 2·rows·cols)`, k = ⌊w₀ / 2^5⌋ · 2^26 + ⌊w₁ / 2^6⌋ (27 + 26 bits), u = k / 2^53
 * ∈ [0, 1 − 2^−53], and the entry is min + (max − min) · u (or min·(1 − u) + max·u when max − min
 * overflows); a value that rounds up to max becomes the largest double below max. Entries are laid
 * out row by row. The same key gives the same matrix; split the key for a different one.
 * Preconditions (RangeError): rows and cols positive integers; min and max finite with min < max.
 *
 * @category Samplers
 * @example
 * import { linalg, random } from 'gradfold'
 * import assert from 'node:assert'
 * const k = random.key(0)
 * const u = random.uniform(k, 2, 3, { min: -1, max: 1 })
 * assert.deepStrictEqual([u.rows, u.cols], [2, 3])
 * assert.ok(linalg.toFlat(u).every((x) => x >= -1 && x < 1))
 * const again = random.uniform(k, 2, 3, { min: -1, max: 1 })
 * assert.deepStrictEqual(linalg.toFlat(again), linalg.toFlat(u)) // same key, same numbers
 */
export const uniform = (
  key: Key,
  rows: number,
  cols: number,
  options: UniformOptions = {},
): Matrix => {
  requireKey('uniform', key)
  requireShape('uniform', rows, cols)
  const { min = 0, max = 1 } = options
  if (!Number.isFinite(min) || !Number.isFinite(max) || !(min < max)) {
    throw new RangeError(
      `uniform: min is ${min} and max is ${max}, expected finite numbers with min < max`,
    )
  }
  const span = max - min
  const top = below(max)
  const data = new Float64Array(rows * cols)
  integers53(key, data.length, (k, index) => {
    const u = k / TWO_53
    const x = Number.isFinite(span) ? min + span * u : min * (1 - u) + max * u
    data[index] = x < max ? x : top
  })
  return adopt(rows, cols, data)
}

// Wichura's algorithm AS 241 (PPND16), Applied Statistics 37 (1988) 477–484: rational
// approximations to the standard normal quantile with relative error about 1e−16. The published
// 20-digit coefficients are written here as the shortest decimals of the same float64 values.
const CENTRAL_NUMERATOR = [
  3.3871328727963665, 133.14166789178438, 1971.5909503065513, 13731.69376550946, 45921.95393154987,
  67265.7709270087, 33430.57558358813, 2509.0809287301227,
] as const
const CENTRAL_DENOMINATOR = [
  1, 42.31333070160091, 687.1870074920579, 5394.196021424751, 21213.794301586597, 39307.89580009271,
  28729.085735721943, 5226.495278852854,
] as const
const NEAR_NUMERATOR = [
  1.4234371107496835, 4.630337846156546, 5.769497221460691, 3.6478483247632045, 1.2704582524523684,
  0.2417807251774506, 0.022723844989269184, 0.0007745450142783414,
] as const
const NEAR_DENOMINATOR = [
  1, 2.053191626637759, 1.6763848301838038, 0.6897673349851, 0.14810397642748008,
  0.015198666563616457, 0.0005475938084995345, 1.0507500716444169e-9,
] as const
const FAR_NUMERATOR = [
  6.657904643501103, 5.463784911164114, 1.7848265399172913, 0.29656057182850487,
  0.026532189526576124, 0.0012426609473880784, 0.000027115555687434876, 2.0103343992922881e-7,
] as const
const FAR_DENOMINATOR = [
  1, 0.599832206555888, 0.1369298809227358, 0.014875361290850615, 0.0007868691311456133,
  0.000018463183175100548, 1.421511758316446e-7, 2.0442631033899397e-15,
] as const

/** c₀ + c₁x + … + c₇x⁷ by Horner's rule. */
const polynomial = (coefficients: readonly number[], x: number): number =>
  coefficients.reduceRight((value, coefficient) => value * x + coefficient, 0)

/**
 * AS 241 given q = p − 1/2 and tail = min(p, 1 − p), both exact; the result has the sign of q and
 * depends on p only through |q| and the tail, so it is exactly antisymmetric about 1/2.
 */
const quantile = (q: number, tail: number): number => {
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q
    return (q * polynomial(CENTRAL_NUMERATOR, r)) / polynomial(CENTRAL_DENOMINATOR, r)
  }
  const r = Math.sqrt(-Math.log(tail))
  const magnitude =
    r <= 5
      ? polynomial(NEAR_NUMERATOR, r - 1.6) / polynomial(NEAR_DENOMINATOR, r - 1.6)
      : polynomial(FAR_NUMERATOR, r - 5) / polynomial(FAR_DENOMINATOR, r - 5)
  return q < 0 ? -magnitude : magnitude
}

/**
 * The standard normal quantile Φ⁻¹(p) for 0 < p < 1 (Wichura's AS 241, relative error ≈ 1e−16).
 * Other p are a precondition violation (RangeError).
 *
 * @category Samplers
 * @example
 * import assert from 'node:assert'
 * import { normalQuantile } from './samplers.js'
 * assert.strictEqual(normalQuantile(0.5), 0)
 * assert.ok(Math.abs(normalQuantile(0.975) - 1.959963984540054) < 1e-15)
 */
export const normalQuantile = (p: number): number => {
  if (!(p > 0 && p < 1)) {
    throw new RangeError(`normalQuantile: p is ${p}, expected a number strictly between 0 and 1`)
  }
  return quantile(p - 0.5, Math.min(p, 1 - p))
}

/**
 * A rows×cols matrix of normal numbers with the given mean (default 0) and standard deviation
 * (default 1), drawn from `key`.
 *
 * Method: inversion, like JAX (which uses √2·erfinv). Entry i takes the 53-bit integer k that
 * `uniform` builds for entry i and returns mean + std · Φ⁻¹((k + 1/2) / 2^53), with Φ⁻¹ by Wichura's
 * AS 241 (relative error ≈ 1e−16). The half-step grid keeps p inside (0, 1), so |Φ⁻¹| ≤ 8.3, and is
 * symmetric about 1/2: p − 1/2 = (2k + 1 − 2^53) / 2^54 and min(p, 1 − p) are computed exactly, so
 * the draws are exactly symmetric about the mean. One key gives one matrix; `normal(k)` and
 * `uniform(k)` of the same shape rank their entries alike (both increase with k).
 * Preconditions (RangeError): rows and cols positive integers; mean finite; std finite and ≥ 0,
 * with |mean| + 9·std representable.
 *
 * @category Samplers
 * @example
 * import { linalg, random } from 'gradfold'
 * import assert from 'node:assert'
 * const z = random.normal(random.key(7), 100, 10, { mean: 5, std: 2 })
 * const average = linalg.mean(z)
 * assert.ok(Math.abs(average - 5) < 0.3) // 1000 draws: the standard error is 2 / √1000 ≈ 0.063
 */
export const normal = (
  key: Key,
  rows: number,
  cols: number,
  options: NormalOptions = {},
): Matrix => {
  requireKey('normal', key)
  requireShape('normal', rows, cols)
  const { mean = 0, std = 1 } = options
  if (!Number.isFinite(mean)) {
    throw new RangeError(`normal: mean is ${mean}, expected a finite number`)
  }
  if (!Number.isFinite(std) || !(std >= 0)) {
    throw new RangeError(`normal: std is ${std}, expected a finite number ≥ 0`)
  }
  if (!Number.isFinite(Math.abs(mean) + 9 * std)) {
    throw new RangeError(`normal: mean ${mean} and std ${std} would overflow float64`)
  }
  const data = new Float64Array(rows * cols)
  integers53(key, data.length, (k, index) => {
    // p − 1/2 = (2k + 1 − 2^53) / 2^54, written so every step is exact in float64.
    const q = (2 * (k - TWO_52) + 1) / TWO_54
    data[index] = mean + std * quantile(q, 0.5 - Math.abs(q))
  })
  return adopt(rows, cols, data)
}

/**
 * A rows×cols matrix of 0s and 1s, each 1 with the given probability — a dropout mask, say.
 * Entry i is 1 exactly when the entry i of `uniform(key, rows, cols)` is below `probability`, so
 * P(1) = ⌈probability · 2^53⌉ / 2^53: 0 and 1 give all zeros and all ones. Preconditions
 * (RangeError): rows and cols positive integers; probability in [0, 1].
 *
 * @category Samplers
 * @example
 * import { linalg, random } from 'gradfold'
 * import assert from 'node:assert'
 * const mask = random.bernoulli(random.key(3), 4, 5, 0.8)
 * assert.ok(linalg.toFlat(mask).every((x) => x === 0 || x === 1))
 * assert.strictEqual(linalg.sum(random.bernoulli(random.key(3), 4, 5, 1)), 20)
 */
export const bernoulli = (key: Key, rows: number, cols: number, probability: number): Matrix => {
  requireKey('bernoulli', key)
  requireShape('bernoulli', rows, cols)
  if (!(probability >= 0 && probability <= 1)) {
    throw new RangeError(`bernoulli: probability is ${probability}, expected a number in [0, 1]`)
  }
  const data = new Float64Array(rows * cols)
  integers53(key, data.length, (k, index) => {
    data[index] = k / TWO_53 < probability ? 1 : 0
  })
  return adopt(rows, cols, data)
}

const requireSize = (what: string, name: string, size: number): void => {
  if (!Number.isInteger(size) || size < 0 || size > MAX_LENGTH) {
    throw new RangeError(`${what}: ${name} is ${size}, expected an integer from 0 to 2^32 − 1`)
  }
}

/**
 * The first `count` steps of forward Fisher–Yates on 0, …, n − 1: step i swaps position i with a
 * position drawn uniformly from [i, n) by `boundedInt`, reading the key's stream in order. With
 * `sparse`, only moved positions are stored (a Map), so the cost is O(count) whatever n is;
 * otherwise the whole array is. Both give the same indices.
 */
const fisherYates = (key: Key, n: number, count: number, sparse: boolean): readonly number[] => {
  const [k0, k1] = key.words
  const scratch = new Uint32Array(3)
  const result: number[] = []
  let next = 0
  if (sparse) {
    const moved = new Map<number, number>()
    for (let position = 0; position < count; position++) {
      next = boundedIntInto(k0, k1, n - position, next, scratch)
      const target = position + uint32At(scratch, 2, 'fisherYates')
      const chosen = moved.get(target) ?? target
      moved.set(target, moved.get(position) ?? position)
      result.push(chosen)
    }
  } else {
    const order = new Float64Array(n)
    for (let position = 0; position < n; position++) order[position] = position
    for (let position = 0; position < count; position++) {
      next = boundedIntInto(k0, k1, n - position, next, scratch)
      const target = position + uint32At(scratch, 2, 'fisherYates')
      const chosen = order[target] ?? target
      order[target] = order[position] ?? position
      result.push(chosen)
    }
  }
  return Object.freeze(result)
}

/**
 * A uniformly random ordering of 0, 1, …, n − 1, drawn from `key`.
 *
 * Method: Fisher–Yates (Durstenfeld's in-place shuffle, run forwards): step i = 0, …, n − 1 swaps
 * position i with one drawn uniformly from [i, n). Each draw is an unbiased bounded integer by
 * rejection from the key's stream of words (`boundedInt`), so every one of the n! orderings has
 * exactly probability 1/n! given uniform words (JAX instead sorts by random 32-bit keys, which is
 * uniform only up to ties). `n` must be an integer from 0 to 2^32 − 1 (RangeError).
 *
 * @category Samplers
 * @example
 * import { random } from 'gradfold'
 * import assert from 'node:assert'
 * const order = random.permutation(random.key(0), 5)
 * assert.deepStrictEqual([...order].sort((a, b) => a - b), [0, 1, 2, 3, 4])
 */
export const permutation = (key: Key, n: number): readonly number[] => {
  requireKey('permutation', key)
  requireSize('permutation', 'n', n)
  return fisherYates(key, n, n, false)
}

/**
 * `count` distinct indices drawn uniformly without replacement from 0, …, n − 1, in random order
 * (every ordered selection is equally likely).
 *
 * Method: the first `count` steps of `permutation`'s Fisher–Yates, storing only the positions it
 * moves — O(count) time and memory, even for huge n. So `choice(key, n, count)` is exactly the first
 * `count` entries of `permutation(key, n)`. Preconditions (RangeError): n an integer from 0 to
 * 2^32 − 1, count an integer from 0 to n.
 *
 * @category Samplers
 * @example
 * import { random } from 'gradfold'
 * import assert from 'node:assert'
 * const picks = random.choice(random.key(1), 10, 4)
 * assert.strictEqual(new Set(picks).size, 4)
 * assert.ok(picks.every((i) => Number.isInteger(i) && i >= 0 && i < 10))
 * assert.deepStrictEqual(picks, random.permutation(random.key(1), 10).slice(0, 4))
 */
export const choice = (key: Key, n: number, count: number): readonly number[] => {
  requireKey('choice', key)
  requireSize('choice', 'n', n)
  if (!Number.isInteger(count) || count < 0 || count > n) {
    throw new RangeError(`choice: count is ${count}, expected an integer from 0 to n = ${n}`)
  }
  return fisherYates(key, n, count, 2 * count < n)
}
