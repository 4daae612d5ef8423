// Portable element-wise kernels: one tight loop per operation over whole buffers.
// Laws: out[i] depends only on the inputs' entries at i (or the bias entry of i's column);
// inputs are never written.

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
