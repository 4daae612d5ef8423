// Draws from numpy's legacy stream as pure functions: each takes a RandomState and returns the
// values with the next state, drawing exactly the words numpy's RandomState draws, in its order.
// Laws: the input state is never changed; splitting a draw in two gives the same values as one.

import type { Matrix } from '../../linalg/index.js'
import { adopt } from '../../linalg/internal.js'
import { log } from './log.js'
import { nextDouble, nextInterval } from './mt19937.js'
import { run, type RandomState, type Stream } from './random-state.js'

const maxWord = 0xffffffff

const requireCount = (operation: string, what: string, value: number): void => {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${operation}: ${what} is ${value}, expected a non-negative integer`)
  }
}

const requireDimension = (operation: string, what: string, value: number): void => {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new RangeError(`${operation}: ${what} is ${value}, expected a positive integer`)
  }
}

const requireWord = (operation: string, what: string, value: number): void => {
  if (!Number.isInteger(value) || value < 0 || value > maxWord) {
    throw new RangeError(
      `${operation}: ${what} is ${value}, expected an integer from 0 to ${maxWord}`,
    )
  }
}

const requireFinite = (operation: string, what: string, value: number): void => {
  if (!Number.isFinite(value)) {
    throw new RangeError(`${operation}: ${what} is ${value}, expected a finite number`)
  }
}

/**
 * numpy's `legacy_gauss`: hands out the cached Gaussian if there is one; otherwise draws a point
 * uniformly in the unit disc (x1 then x2, each `2u − 1`, rejecting `r² >= 1` and `r² = 0`),
 * returns `f·x2` and caches `f·x1`, where `f = √(−2·log r² / r²)`. The log is the correctly
 * rounded one of ./log.ts, not V8's Math.log, so values match glibc-built numpy bit for bit
 * except where glibc's own log misrounds (about 0.1% of calls).
 */
const nextGauss = (stream: Stream): number => {
  if (stream.hasGauss) {
    const cached = stream.gauss
    stream.hasGauss = false
    stream.gauss = 0
    return cached
  }
  for (;;) {
    const x1 = 2 * nextDouble(stream) - 1
    const x2 = 2 * nextDouble(stream) - 1
    const r2 = x1 * x1 + x2 * x2
    if (r2 < 1 && r2 !== 0) {
      const f = Math.sqrt((-2 * log(r2)) / r2)
      stream.gauss = f * x1
      stream.hasGauss = true
      return f * x2
    }
  }
}

/** numpy's Fisher–Yates: for i from n−1 down to 1, swap `items[i]` with `items[interval(i)]`. */
const shuffleInPlace = <Item>(stream: Stream, items: Item[]): Item[] => {
  for (let i = items.length - 1; i > 0; i--) {
    const j = nextInterval(stream, i)
    const item = items[i] as Item
    items[i] = items[j] as Item
    items[j] = item
  }
  return items
}

/**
 * `count` uniform numbers in [0, 1), numpy's `random_sample(count)` (also `np.random.rand`):
 * each is `(a·2^26 + b) / 2^53` from two 32-bit words. Does not touch the cached Gaussian.
 * `count` may be 0. A negative or fractional count throws a RangeError.
 *
 * @example
 * import { random } from 'gradfold'
 * import assert from 'node:assert'
 * const [values, next] = random.numpy.randomSample(random.numpy.seed(42), 2)
 * assert.deepStrictEqual(values, [0.3745401188473625, 0.9507143064099162])
 * const [more] = random.numpy.randomSample(next, 1)
 * assert.deepStrictEqual(more, [0.7319939418114051])
 */
export const randomSample = (
  state: RandomState,
  count: number,
): readonly [readonly number[], RandomState] => {
  requireCount('randomSample', 'count', count)
  return run(state, (stream) => Array.from({ length: count }, () => nextDouble(stream)))
}

/**
 * `count` standard normal numbers, numpy's `standard_normal(count)`: the legacy polar
 * Box–Muller method, which makes Gaussians in pairs and caches the second for the next call, so
 * an odd count leaves one behind in the returned state. `count` may be 0.
 *
 * Values agree with numpy to the last bit whenever glibc's `log` is correctly rounded (all but
 * about 0.1% of calls); otherwise to an ulp or two.
 *
 * @example
 * import { random } from 'gradfold'
 * import assert from 'node:assert'
 * const [values, next] = random.numpy.standardNormals(random.numpy.seed(0), 3)
 * assert.deepStrictEqual(values, [1.764052345967664, 0.4001572083672233, 0.9787379841057392])
 * assert.ok(random.numpy.getState(next).hasGauss)
 */
export const standardNormals = (
  state: RandomState,
  count: number,
): readonly [readonly number[], RandomState] => {
  requireCount('standardNormals', 'count', count)
  return run(state, (stream) => Array.from({ length: count }, () => nextGauss(stream)))
}

/**
 * A `rows`×`cols` matrix of standard normal numbers filled row by row, numpy's
 * `np.random.randn(rows, cols)`; uses and leaves the cached Gaussian as `standardNormals` does.
 * Sizes must be positive integers (there are no empty matrices), else RangeError.
 *
 * @example
 * import { random, linalg } from 'gradfold'
 * import assert from 'node:assert'
 * const [w, next] = random.numpy.randn(random.numpy.seed(0), 2, 3)
 * assert.deepStrictEqual(linalg.toRows(w)[0], [1.764052345967664, 0.4001572083672233, 0.9787379841057392])
 * assert.ok(!random.numpy.getState(next).hasGauss)
 * assert.throws(() => random.numpy.randn(next, 1.5, 2), /randn: rows is 1.5, expected a positive integer/)
 */
export const randn = (
  state: RandomState,
  rows: number,
  cols: number,
): readonly [Matrix, RandomState] => {
  requireDimension('randn', 'rows', rows)
  requireDimension('randn', 'cols', cols)
  return run(state, (stream) => {
    const data = new Float64Array(rows * cols)
    for (let index = 0; index < data.length; index++) data[index] = nextGauss(stream)
    return adopt(rows, cols, data)
  })
}

/**
 * A `rows`×`cols` matrix of normal numbers with mean `loc` and standard deviation `scale`,
 * numpy's `np.random.normal(loc, scale, (rows, cols))`: each entry is `loc + scale·gauss`, with
 * the same Gaussians, in the same order, as `randn`. `loc` must be finite and `scale` finite
 * and at least 0, else RangeError.
 *
 * @example
 * import { random, linalg } from 'gradfold'
 * import assert from 'node:assert'
 * const [m] = random.numpy.normal(random.numpy.seed(0), 1, 2, 10, 2)
 * assert.deepStrictEqual(linalg.toFlat(m), [10 + 2 * 1.764052345967664, 10 + 2 * 0.4001572083672233])
 */
export const normal = (
  state: RandomState,
  rows: number,
  cols: number,
  loc: number,
  scale: number,
): readonly [Matrix, RandomState] => {
  requireDimension('normal', 'rows', rows)
  requireDimension('normal', 'cols', cols)
  requireFinite('normal', 'loc', loc)
  requireFinite('normal', 'scale', scale)
  if (scale < 0) throw new RangeError(`normal: scale is ${scale}, expected a number >= 0`)
  return run(state, (stream) => {
    const data = new Float64Array(rows * cols)
    for (let index = 0; index < data.length; index++) data[index] = loc + scale * nextGauss(stream)
    return adopt(rows, cols, data)
  })
}

/**
 * A uniformly random integer from 0 to `max` inclusive (0..2^32−1), numpy's internal
 * `random_interval`: masked 32-bit draws, rejecting values above `max`; `max = 0` draws nothing.
 * It is the step `shuffle` and `permutation` take for each position.
 *
 * @example
 * import { random } from 'gradfold'
 * import assert from 'node:assert'
 * const [value] = random.numpy.randomInterval(random.numpy.seed(0), 9)
 * assert.ok(Number.isInteger(value) && value >= 0 && value <= 9)
 */
export const randomInterval = (state: RandomState, max: number): readonly [number, RandomState] => {
  requireWord('randomInterval', 'max', max)
  return run(state, (stream) => nextInterval(stream, max))
}

/**
 * A random ordering of 0..n−1, numpy's `permutation(n)` (`shuffle(arange(n))`); `n = 0` gives
 * `[]` and draws nothing. An `n` that is not an integer from 0 to 2^32−1 throws a RangeError.
 *
 * @example
 * import { random } from 'gradfold'
 * import assert from 'node:assert'
 * const [order] = random.numpy.permutation(random.numpy.seed(0), 10)
 * assert.deepStrictEqual(order, [2, 8, 4, 9, 1, 6, 7, 3, 0, 5])
 */
export const permutation = (
  state: RandomState,
  n: number,
): readonly [readonly number[], RandomState] => {
  requireWord('permutation', 'n', n)
  return run(state, (stream) =>
    shuffleInPlace(
      stream,
      Array.from({ length: n }, (_, index) => index),
    ),
  )
}

/**
 * The items of `items` in a random order, as numpy's `shuffle` would leave a copy of them:
 * a new array; `items` itself is not touched.
 *
 * @example
 * import { random } from 'gradfold'
 * import assert from 'node:assert'
 * const letters = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j']
 * const [shuffled] = random.numpy.shuffle(random.numpy.seed(0), letters)
 * assert.deepStrictEqual(shuffled, ['c', 'i', 'e', 'j', 'b', 'g', 'h', 'd', 'a', 'f'])
 * assert.strictEqual(letters[0], 'a')
 */
export const shuffle = <Item>(
  state: RandomState,
  items: readonly Item[],
): readonly [readonly Item[], RandomState] =>
  run(state, (stream) => shuffleInPlace(stream, items.slice()))
