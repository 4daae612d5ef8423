// Portable element-wise kernels: one tight loop per operation over whole buffers, and the loops
// that call a function per entry (`map`, `zipWith`), which check their buffers' lengths once.
// Laws: out[i] depends only on the inputs' entries at i (or the bias entry of i's column), read
// before out[i] is written, so `out` may be exactly one of the inputs; nothing else is written.

import type { ReadonlyFloat64Array } from '../buffer.js'

/** out[i] = a[i] + b[i]. */
export const add = (a: ReadonlyFloat64Array, b: ReadonlyFloat64Array, out: Float64Array): void => {
  for (let index = 0; index < out.length; index++) out[index] = a[index]! + b[index]!
}

/** out[i] = a[i] − b[i]. */
export const sub = (a: ReadonlyFloat64Array, b: ReadonlyFloat64Array, out: Float64Array): void => {
  for (let index = 0; index < out.length; index++) out[index] = a[index]! - b[index]!
}

/** out[i] = a[i] · b[i]. */
export const mul = (a: ReadonlyFloat64Array, b: ReadonlyFloat64Array, out: Float64Array): void => {
  for (let index = 0; index < out.length; index++) out[index] = a[index]! * b[index]!
}

/** out[i] = a[i] / b[i]. */
export const div = (a: ReadonlyFloat64Array, b: ReadonlyFloat64Array, out: Float64Array): void => {
  for (let index = 0; index < out.length; index++) out[index] = a[index]! / b[index]!
}

/** out[i] = factor · a[i]. */
export const scale = (a: ReadonlyFloat64Array, factor: number, out: Float64Array): void => {
  for (let index = 0; index < out.length; index++) out[index] = factor * a[index]!
}

/** out[r, c] = a[r, c] + row[c]: the bias broadcast of a layer. */
export const addRowVector = (
  a: ReadonlyFloat64Array,
  row: ReadonlyFloat64Array,
  out: Float64Array,
  rows: number,
  cols: number,
): void => {
  for (let r = 0; r < rows; r++) {
    const offset = r * cols
    for (let c = 0; c < cols; c++) out[offset + c] = a[offset + c]! + row[c]!
  }
}

/**
 * out[i] = Math.max(a[i], 0), the rectifier: NaN stays NaN and −0 becomes +0. `out` may be `a`.
 *
 * @example
 * import assert from 'node:assert'
 * import { relu } from './elementwise.js'
 * const out = new Float64Array(4)
 * relu(Float64Array.from([-1, 2, -0, Number.NaN]), out)
 * assert.deepStrictEqual(Array.from(out), [0, 2, 0, Number.NaN])
 */
export const relu = (a: ReadonlyFloat64Array, out: Float64Array): void => {
  for (let index = 0; index < out.length; index++) out[index] = Math.max(a[index]!, 0)
}

/**
 * out[i] = upstream[i] · (x[i] > 0 ? 1 : 0), the rectifier's backward pass: a real product, so an
 * infinite or NaN upstream entry where x ≤ 0 gives NaN, as the chain rule in JS does. `out` may
 * be `upstream` or `x`.
 *
 * @example
 * import assert from 'node:assert'
 * import { reluBackward } from './elementwise.js'
 * const out = new Float64Array(3)
 * reluBackward(Float64Array.from([5, 5, Infinity]), Float64Array.from([1, -1, 0]), out)
 * assert.deepStrictEqual(Array.from(out), [5, 0, Number.NaN])
 */
export const reluBackward = (
  upstream: ReadonlyFloat64Array,
  x: ReadonlyFloat64Array,
  out: Float64Array,
): void => {
  for (let index = 0; index < out.length; index++) {
    out[index] = upstream[index]! * (x[index]! > 0 ? 1 : 0)
  }
}

/**
 * out[i] = y[i] + alpha · x[i]: the product rounded, then the sum (no fused multiply-add), as a
 * gradient step `W ← W − η·∇W` needs. `out` may be `y` or `x`.
 *
 * @example
 * import assert from 'node:assert'
 * import { addScaled } from './elementwise.js'
 * const weights = Float64Array.from([1, 2])
 * addScaled(weights, -0.5, Float64Array.from([2, -2]), weights)
 * assert.deepStrictEqual(Array.from(weights), [0, 3])
 */
export const addScaled = (
  y: ReadonlyFloat64Array,
  alpha: number,
  x: ReadonlyFloat64Array,
  out: Float64Array,
): void => {
  for (let index = 0; index < out.length; index++) out[index] = y[index]! + alpha * x[index]!
}

/** Throws unless a per-entry loop's input is as long as its output: checked once, before the loop. */
const requireLength = (where: string, input: ReadonlyFloat64Array, out: Float64Array): void => {
  if (input.length !== out.length) {
    throw new RangeError(
      `${where}: an input of ${input.length} entries for an output of ${out.length} (a bug in gradfold)`,
    )
  }
}

/**
 * out[i] = f(a[i]). `out` may be `a`. Throws a RangeError, before writing anything, when the
 * lengths differ.
 *
 * @example
 * import assert from 'node:assert'
 * import { mapEach } from './elementwise.js'
 * const out = new Float64Array(2)
 * mapEach(Float64Array.from([1, 4]), Math.sqrt, out)
 * assert.deepStrictEqual(Array.from(out), [1, 2])
 * assert.throws(() => { mapEach(new Float64Array(3), Math.sqrt, out) }, /mapEach: an input of 3 entries for an output of 2/)
 */
export const mapEach = (
  a: ReadonlyFloat64Array,
  f: (value: number) => number,
  out: Float64Array,
): void => {
  requireLength('mapEach', a, out)
  for (let index = 0; index < out.length; index++) out[index] = f(a[index]!)
}

/**
 * out[i] = f(a[i], b[i]). `out` may be `a` or `b`. Throws a RangeError, before writing anything,
 * when the lengths differ.
 *
 * @example
 * import assert from 'node:assert'
 * import { zipEach } from './elementwise.js'
 * const out = new Float64Array(2)
 * zipEach(Float64Array.from([1, 5]), Float64Array.from([3, 2]), Math.max, out)
 * assert.deepStrictEqual(Array.from(out), [3, 5])
 */
export const zipEach = (
  a: ReadonlyFloat64Array,
  b: ReadonlyFloat64Array,
  f: (left: number, right: number) => number,
  out: Float64Array,
): void => {
  requireLength('zipEach', a, out)
  requireLength('zipEach', b, out)
  for (let index = 0; index < out.length; index++) out[index] = f(a[index]!, b[index]!)
}

/**
 * out[i] = f(a[i], b[i], c[i]). `out` may be one of the inputs. Throws a RangeError, before
 * writing anything, when the lengths differ.
 *
 * @example
 * import assert from 'node:assert'
 * import { zip3Each } from './elementwise.js'
 * const out = new Float64Array(1)
 * zip3Each(Float64Array.of(2), Float64Array.of(3), Float64Array.of(4), (x, y, z) => x * y + z, out)
 * assert.deepStrictEqual(Array.from(out), [10])
 */
export const zip3Each = (
  a: ReadonlyFloat64Array,
  b: ReadonlyFloat64Array,
  c: ReadonlyFloat64Array,
  f: (first: number, second: number, third: number) => number,
  out: Float64Array,
): void => {
  requireLength('zip3Each', a, out)
  requireLength('zip3Each', b, out)
  requireLength('zip3Each', c, out)
  for (let index = 0; index < out.length; index++) out[index] = f(a[index]!, b[index]!, c[index]!)
}
