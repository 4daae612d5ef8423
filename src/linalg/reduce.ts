// Reductions: sums and means over all entries, along each row, down each column; the Frobenius
// norm; per-row maxima and argmaxima. Sums follow numpy's order (pairwise along a run, row after
// row down columns, pairwise down a lone column), so totals match the notebook's. Laws: sum(A) ≈
// Σ rowSums(A) ≈ Σ columnSums(A); mean = sum / size; frobeniusNorm(A)² ≈ dot(A, A);
// rowMax(A)[r] = A[r, argmax].

import { kernels, rowArgmaxKernel } from './backend.js'
import { adopt, bufferOf, type Matrix } from './matrix.js'

/**
 * The sum of all entries (numpy's pairwise summation over the row-major data, added to numpy's
 * starting value 0, so a sum of negative zeros is +0 as in numpy).
 *
 * @category Reductions
 * @example
 * import { linalg } from 'gradfold'
 * import assert from 'node:assert'
 * assert.strictEqual(linalg.sum(linalg.fill(3, 4, 0.5)), 6)
 */
export const sum = (a: Matrix): number => 0 + kernels.sum(bufferOf(a), 0, a.rows * a.cols, 1)

/**
 * The mean of all entries.
 *
 * @category Reductions
 * @example
 * import { linalg } from 'gradfold'
 * import assert from 'node:assert'
 * assert.strictEqual(linalg.mean(linalg.identity(4)), 0.25)
 */
export const mean = (a: Matrix): number => sum(a) / (a.rows * a.cols)

/**
 * The m×1 column of row sums (numpy's `sum(axis=1, keepdims=True)`).
 *
 * @category Reductions
 * @example
 * import { linalg } from 'gradfold'
 * import assert from 'node:assert'
 * assert.deepStrictEqual(linalg.toRows(linalg.rowSums(linalg.ones(2, 3))), [[3], [3]])
 */
export const rowSums = (a: Matrix): Matrix => {
  const data = bufferOf(a)
  const out = new Float64Array(a.rows)
  for (let row = 0; row < a.rows; row++) out[row] = 0 + kernels.sum(data, row * a.cols, a.cols, 1)
  return adopt(a.rows, 1, out)
}

/**
 * The 1×n row of column sums (numpy's `sum(axis=0, keepdims=True)`): the bias gradient
 * `dL/db = Σ_rows dL/dZ`. Accumulated row after row, except that a single column is one
 * contiguous run, which numpy sums pairwise like a vector; both orders are kept here.
 *
 * @category Reductions
 * @example
 * import { linalg } from 'gradfold'
 * import assert from 'node:assert'
 * assert.deepStrictEqual(linalg.toRows(linalg.columnSums(linalg.ones(2, 3))), [[2, 2, 2]])
 */
export const columnSums = (a: Matrix): Matrix => {
  const out = new Float64Array(a.cols)
  if (a.cols === 1) out[0] = 0 + kernels.sum(bufferOf(a), 0, a.rows, 1)
  else kernels.columnSums(bufferOf(a), out, a.rows, a.cols)
  return adopt(1, a.cols, out)
}

/**
 * The m×1 column of row means.
 *
 * @category Reductions
 * @example
 * import { linalg } from 'gradfold'
 * import assert from 'node:assert'
 * assert.deepStrictEqual(linalg.toRows(linalg.rowMeans(linalg.identity(2))), [[0.5], [0.5]])
 */
export const rowMeans = (a: Matrix): Matrix => divideEntries(rowSums(a), a.cols)

/**
 * The 1×n row of column means.
 *
 * @category Reductions
 * @example
 * import { linalg } from 'gradfold'
 * import assert from 'node:assert'
 * assert.deepStrictEqual(linalg.toRows(linalg.columnMeans(linalg.identity(2))), [[0.5, 0.5]])
 */
export const columnMeans = (a: Matrix): Matrix => divideEntries(columnSums(a), a.rows)

const divideEntries = (a: Matrix, divisor: number): Matrix => {
  const out = new Float64Array(a.rows * a.cols)
  // a[i] / divisor entry by entry (IEEE division, so every backend gives the same bits)
  kernels.div(bufferOf(a), out.fill(divisor), out)
  return adopt(a.rows, a.cols, out)
}

/**
 * The Frobenius norm √(Σ aᵢⱼ²).
 *
 * @category Reductions
 * @example
 * import { linalg } from 'gradfold'
 * import assert from 'node:assert'
 * assert.strictEqual(linalg.frobeniusNorm(linalg.fill(2, 2, 3)), 6)
 */
export const frobeniusNorm = (a: Matrix): number => {
  const data = bufferOf(a)
  const squares = new Float64Array(data.length)
  kernels.mul(data, data, squares)
  return Math.sqrt(kernels.sum(squares, 0, squares.length, 1))
}

/** Each row's largest entry and its column (the first on ties). */
const rowMaxima = (
  a: Matrix,
): { readonly columns: Float64Array; readonly maxima: Float64Array } => {
  const columns = new Float64Array(a.rows)
  const maxima = new Float64Array(a.rows)
  rowArgmaxKernel(bufferOf(a), a.rows, a.cols, columns, maxima)
  return { columns, maxima }
}

/**
 * The m×1 column of per-row maxima.
 *
 * @category Reductions
 * @example
 * import { linalg } from 'gradfold'
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * const m = linalg.fromRows([[1, 5, 2], [-1, -3, -2]])
 * assert.ok(E.isRight(m))
 * assert.deepStrictEqual(linalg.toRows(linalg.rowMax(m.right)), [[5], [-1]])
 */
export const rowMax = (a: Matrix): Matrix => adopt(a.rows, 1, rowMaxima(a).maxima)

/**
 * For each row, the column of its largest entry (the first one on ties, as numpy's argmax):
 * class predictions from scores.
 *
 * @category Reductions
 * @example
 * import { linalg } from 'gradfold'
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * const m = linalg.fromRows([[1, 5, 5], [7, -3, -2]])
 * assert.ok(E.isRight(m))
 * assert.deepStrictEqual(linalg.rowArgmax(m.right), [1, 0])
 */
export const rowArgmax = (a: Matrix): readonly number[] => Array.from(rowMaxima(a).columns)
