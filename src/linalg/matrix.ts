// The immutable Matrix: a shape and a row-major Float64Array that only this package can see.
// Laws: a Matrix never changes after construction (its buffer is a private field no public API
// returns or writes); every reader returns fresh copies; `rows` and `cols` are positive integers.

import { formatShape, type Shape } from './shape.js'
import type { ReadonlyFloat64Array } from './buffer.js'
import { float64At } from './checked.js'

let readBuffer: (matrix: Matrix) => ReadonlyFloat64Array
let wrapBuffer: (rows: number, cols: number, data: Float64Array) => Matrix

/**
 * An immutable dense matrix of float64 numbers in row-major order.
 *
 * Build one with `fromRows`, `fromFlat`, `zeros`, `ones`, `fill`, `identity`, `rowVector` or
 * `columnVector`; read it with `get`, `toRows` or `toFlat`. Every operation returns a new matrix.
 *
 * @category Matrix
 * @example
 * import { linalg } from 'gradfold'
 * import assert from 'node:assert'
 * const m = linalg.zeros(2, 3)
 * assert.deepStrictEqual([m.rows, m.cols, m.size], [2, 3, 6])
 * assert.ok(Object.isFrozen(m))
 * assert.strictEqual(String(m), 'Matrix 2×3')
 */
export class Matrix implements Shape {
  /** Number of rows (a positive integer). */
  readonly rows: number
  /** Number of columns (a positive integer). */
  readonly cols: number
  readonly #data: Float64Array

  private constructor(rows: number, cols: number, data: Float64Array) {
    this.rows = rows
    this.cols = cols
    this.#data = data
    Object.freeze(this)
  }

  static {
    readBuffer = (matrix) => matrix.#data
    wrapBuffer = (rows, cols, data) => new Matrix(rows, cols, data)
  }

  /** Number of entries, `rows · cols`. */
  get size(): number {
    return this.rows * this.cols
  }

  /** The shape as a plain record. */
  get shape(): Shape {
    return { rows: this.rows, cols: this.cols }
  }

  /** JSON form: nested rows, so `JSON.stringify` never silently drops the entries. */
  toJSON(): number[][] {
    return toRows(this)
  }

  /** A short description for string contexts, e.g. `Matrix 2×3`. */
  toString(): string {
    return `Matrix ${formatShape(this)}`
  }
}

/**
 * Hands a freshly allocated buffer to a new Matrix, which then owns it.
 * Internal: the caller must never write `data` again (the ST-monad discipline).
 */
export const adopt = (rows: number, cols: number, data: Float64Array): Matrix =>
  wrapBuffer(rows, cols, data)

/** Internal read-only access to a matrix's buffer, for kernels. Never exported publicly. */
export const bufferOf = (matrix: Matrix): ReadonlyFloat64Array => readBuffer(matrix)

/**
 * True when `value` is a gradfold Matrix.
 *
 * @category Matrix
 * @example
 * import { linalg } from 'gradfold'
 * import assert from 'node:assert'
 * assert.ok(linalg.isMatrix(linalg.identity(2)))
 * assert.ok(!linalg.isMatrix([[1, 0], [0, 1]]))
 */
export const isMatrix = (value: unknown): value is Matrix => value instanceof Matrix

/**
 * The entry at `row`, `col` (zero-based). Indices outside the matrix are a precondition
 * violation of the caller and throw a RangeError naming both.
 *
 * @category Matrix
 * @example
 * import { linalg } from 'gradfold'
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * const m = E.getOrElseW(() => linalg.zeros(1, 1))(linalg.fromRows([[1, 2], [3, 4]]))
 * assert.strictEqual(linalg.get(m, 1, 0), 3)
 */
export const get = (matrix: Matrix, row: number, col: number): number => {
  if (!Number.isInteger(row) || !Number.isInteger(col) || row < 0 || col < 0) {
    throw new RangeError(`get: index [${row}, ${col}] is not a pair of non-negative integers`)
  }
  if (row >= matrix.rows || col >= matrix.cols) {
    throw new RangeError(`get: index [${row}, ${col}] is outside a ${formatShape(matrix)} matrix`)
  }
  return float64At(readBuffer(matrix), row * matrix.cols + col, 'get')
}

/**
 * The entries as fresh nested arrays, one array per row.
 *
 * @category Matrix
 * @example
 * import { linalg } from 'gradfold'
 * import assert from 'node:assert'
 * assert.deepStrictEqual(linalg.toRows(linalg.identity(2)), [[1, 0], [0, 1]])
 */
export const toRows = (matrix: Matrix): number[][] => {
  const data = readBuffer(matrix)
  const result: number[][] = []
  for (let row = 0; row < matrix.rows; row++) {
    result.push(Array.from(data.slice(row * matrix.cols, (row + 1) * matrix.cols)))
  }
  return result
}

/**
 * The entries as one fresh row-major array.
 *
 * @category Matrix
 * @example
 * import { linalg } from 'gradfold'
 * import assert from 'node:assert'
 * assert.deepStrictEqual(linalg.toFlat(linalg.ones(2, 2)), [1, 1, 1, 1])
 */
export const toFlat = (matrix: Matrix): number[] => Array.from(readBuffer(matrix))

/**
 * The entries as a fresh row-major Float64Array the caller may do with as it likes.
 *
 * @category Matrix
 * @example
 * import { linalg } from 'gradfold'
 * import assert from 'node:assert'
 * const m = linalg.ones(1, 2)
 * const copy = linalg.toFloat64Array(m)
 * copy[0] = 5
 * assert.deepStrictEqual(linalg.toFlat(m), [1, 1])
 */
export const toFloat64Array = (matrix: Matrix): Float64Array => readBuffer(matrix).slice()
