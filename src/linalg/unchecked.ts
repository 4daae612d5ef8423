// Whole-matrix operations without shape checks, for layers that have already checked every
// shape once (the graph compiler). Internal to gradfold: not part of the public surface.
// Laws: each equals its checked twin in the public API whenever that one returns Right.

import { kernels, mapEach, zip3Each, zipEach } from './backend.js'
import type { ReadonlyFloat64Array } from './buffer.js'
import { float64At } from './checked.js'
import { adopt, bufferOf, type Matrix } from './matrix.js'

type Binary = (a: Matrix, b: Matrix) => Matrix

const sameShape =
  (kernel: (a: ReadonlyFloat64Array, b: ReadonlyFloat64Array, out: Float64Array) => void): Binary =>
  (a, b) => {
    const out = new Float64Array(a.rows * a.cols)
    kernel(bufferOf(a), bufferOf(b), out)
    return adopt(a.rows, a.cols, out)
  }

/** A + B for equal shapes. */
export const add: Binary = sameShape((a, b, out) => {
  kernels.add(a, b, out)
})
/** A − B for equal shapes. */
export const sub: Binary = sameShape((a, b, out) => {
  kernels.sub(a, b, out)
})
/** A ⊙ B for equal shapes. */
export const mul: Binary = sameShape((a, b, out) => {
  kernels.mul(a, b, out)
})
/** A ⊘ B for equal shapes (IEEE division: a zero divisor gives ±∞ or NaN). */
export const div: Binary = sameShape((a, b, out) => {
  kernels.div(a, b, out)
})

/** factor · A. */
export const scale = (a: Matrix, factor: number): Matrix => {
  const out = new Float64Array(a.rows * a.cols)
  kernels.scale(bufferOf(a), factor, out)
  return adopt(a.rows, a.cols, out)
}

/** f applied to every entry, with no check of the results. */
export const map = (a: Matrix, f: (value: number) => number): Matrix => {
  const out = new Float64Array(a.rows * a.cols)
  mapEach(bufferOf(a), f, out)
  return adopt(a.rows, a.cols, out)
}

/**
 * A matrix shaped like `a` whose every entry `fill` writes from a's buffer — for kernels that
 * loop themselves (one call per matrix instead of one callback per entry).
 */
export const mapBuffer = (
  a: Matrix,
  fill: (input: ReadonlyFloat64Array, out: Float64Array) => void,
): Matrix => {
  const out = new Float64Array(a.rows * a.cols)
  fill(bufferOf(a), out)
  return adopt(a.rows, a.cols, out)
}

/** A matrix shaped like `a` whose every entry `fill` writes from the buffers of a, b and c. */
export const zipBuffers3 = (
  a: Matrix,
  b: Matrix,
  c: Matrix,
  fill: (
    first: ReadonlyFloat64Array,
    second: ReadonlyFloat64Array,
    third: ReadonlyFloat64Array,
    out: Float64Array,
  ) => void,
): Matrix => {
  const out = new Float64Array(a.rows * a.cols)
  fill(bufferOf(a), bufferOf(b), bufferOf(c), out)
  return adopt(a.rows, a.cols, out)
}

/** f applied to matching entries of two equal-shaped matrices. */
export const zipWith = (
  a: Matrix,
  b: Matrix,
  f: (left: number, right: number) => number,
): Matrix => {
  const out = new Float64Array(a.rows * a.cols)
  zipEach(bufferOf(a), bufferOf(b), f, out)
  return adopt(a.rows, a.cols, out)
}

/** f applied to matching entries of three equal-shaped matrices. */
export const zipWith3 = (
  a: Matrix,
  b: Matrix,
  c: Matrix,
  f: (first: number, second: number, third: number) => number,
): Matrix => {
  const out = new Float64Array(a.rows * a.cols)
  zip3Each(bufferOf(a), bufferOf(b), bufferOf(c), f, out)
  return adopt(a.rows, a.cols, out)
}

/** A·B for A m×k and B k×n. */
export const matmul: Binary = (a, b) => {
  const out = new Float64Array(a.rows * b.cols)
  kernels.matmul(bufferOf(a), bufferOf(b), out, a.rows, a.cols, b.cols)
  return adopt(a.rows, b.cols, out)
}

/** Aᵀ·B for A k×m and B k×n. */
export const matmulTransposeA: Binary = (a, b) => {
  const out = new Float64Array(a.cols * b.cols)
  kernels.matmulTransposeA(bufferOf(a), bufferOf(b), out, a.cols, a.rows, b.cols)
  return adopt(a.cols, b.cols, out)
}

/** A·Bᵀ for A m×k and B n×k. */
export const matmulTransposeB: Binary = (a, b) => {
  const out = new Float64Array(a.rows * b.rows)
  kernels.matmulTransposeB(bufferOf(a), bufferOf(b), out, a.rows, a.cols, b.rows)
  return adopt(a.rows, b.rows, out)
}

/** A + 1·row for a 1×n row. */
export const addRowVector: Binary = (a, row) => {
  const out = new Float64Array(a.rows * a.cols)
  kernels.addRowVector(bufferOf(a), bufferOf(row), out, a.rows, a.cols)
  return adopt(a.rows, a.cols, out)
}

/**
 * A m×n matrix whose every row is the 1×n `row`, or every column the m×1 `column` (a 1×1 matrix
 * fills it all; an m×n one is copied).
 */
export const broadcast = (a: Matrix, rows: number, cols: number): Matrix => {
  const source = bufferOf(a)
  const out = new Float64Array(rows * cols)
  for (let row = 0; row < rows; row++) {
    if (a.cols === 1) {
      // a column (or a scalar): the row is its entry, repeated
      const entry = float64At(source, a.rows === 1 ? 0 : row, 'broadcast')
      out.fill(entry, row * cols, (row + 1) * cols)
    } else {
      // a row, repeated, or the row of a matrix already m×n
      out.set(a.rows === 1 ? source : source.slice(row * cols, (row + 1) * cols), row * cols)
    }
  }
  return adopt(rows, cols, out)
}

/** The entry of a 1×1 matrix. */
export const scalarOf = (a: Matrix): number => float64At(bufferOf(a), 0, 'scalarOf')

/** A 1×1 matrix holding `value`. */
export const scalar = (value: number): Matrix => adopt(1, 1, Float64Array.of(value))

/** The first index holding NaN, or −1. */
export const firstNaN = (a: Matrix): number => {
  const data = bufferOf(a)
  for (let index = 0; index < data.length; index++) if (Number.isNaN(data[index])) return index
  return -1
}

/** The first index holding NaN or ±∞, or −1 (a plain loop: this runs on every node). */
export const firstNonFinite = (a: Matrix): number => {
  const data = bufferOf(a)
  for (let index = 0; index < data.length; index++) if (!Number.isFinite(data[index])) return index
  return -1
}

/** The entry at a row-major index. */
export const entryAt = (a: Matrix, index: number): number =>
  float64At(bufferOf(a), index, 'entryAt')

/** A rows×cols matrix of zeros. */
export const zerosOf = (rows: number, cols: number): Matrix =>
  adopt(rows, cols, new Float64Array(rows * cols))
