// Building matrices: from user data (nested rows, flat data with a shape), which returns an Either,
// and from sizes written in code (zeros, ones, fill, identity, vectors), whose bad sizes are a
// precondition violation. Law: `toRows(fromRows(rows))` equals `rows` for any valid input.

import * as E from 'fp-ts/lib/Either.js'
import {
  invalidShape,
  lengthMismatch,
  nonFiniteValue,
  raggedRows,
  type LinalgError,
} from './errors.js'
import { adopt, type Matrix } from './matrix.js'
import { isDimension, type Shape } from './shape.js'

/**
 * Checks that `rows` and `cols` describe a matrix: positive safe integers. There are no
 * zero-sized matrices, so means and norms are always defined.
 *
 * @category Shapes
 * @example
 * import { linalg } from 'gradfold'
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * assert.deepStrictEqual(linalg.validateShape(2, 3), E.right({ rows: 2, cols: 3 }))
 * assert.ok(E.isLeft(linalg.validateShape(2, 0.5)))
 */
export const validateShape = (
  rows: number,
  cols: number,
  operation = 'validateShape',
): E.Either<LinalgError, Shape> =>
  isDimension(rows) && isDimension(cols)
    ? E.right({ rows, cols })
    : E.left(invalidShape(operation, rows, cols))

const requireShape = (operation: string, rows: number, cols: number): void => {
  if (!isDimension(rows) || !isDimension(cols)) {
    throw new RangeError(invalidShape(operation, rows, cols).message)
  }
}

const requireFinite = (operation: string, what: string, value: number): void => {
  if (!Number.isFinite(value)) {
    throw new RangeError(`${operation}: ${what} is ${value}, expected a finite number`)
  }
}

/**
 * A matrix from nested arrays, one inner array per row: the boundary for user data. Rejects
 * an empty input, ragged rows and entries that are not finite numbers, naming where.
 *
 * @category Construction
 * @example
 * import { linalg } from 'gradfold'
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * const m = linalg.fromRows([[1, 2, 3], [4, 5, 6]])
 * assert.ok(E.isRight(m) && m.right.rows === 2 && m.right.cols === 3)
 * const ragged = linalg.fromRows([[1, 2], [3]])
 * assert.ok(E.isLeft(ragged))
 * assert.strictEqual(ragged.left.message, 'fromRows: rows[1] has 1 entries, expected 2 like rows[0]')
 */
export const fromRows = (rows: readonly (readonly number[])[]): E.Either<LinalgError, Matrix> => {
  const operation = 'fromRows'
  if (!Array.isArray(rows) || rows.length === 0) return E.left(raggedRows(operation, 0, 0, 0))
  const first: unknown = rows[0]
  const cols = Array.isArray(first) ? first.length : 0
  if (cols === 0) return E.left(raggedRows(operation, 0, 0, 0))
  const data = new Float64Array(rows.length * cols)
  for (let row = 0; row < rows.length; row++) {
    const entries: unknown = rows[row]
    if (!Array.isArray(entries) || entries.length !== cols) {
      return E.left(raggedRows(operation, row, cols, Array.isArray(entries) ? entries.length : 0))
    }
    for (let col = 0; col < cols; col++) {
      const value: unknown = entries[col]
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        return E.left(nonFiniteValue(operation, row, col, value, `rows[${row}][${col}]`))
      }
      data[row * cols + col] = value
    }
  }
  return E.right(adopt(rows.length, cols, data))
}

const flatToMatrix = (
  operation: string,
  arrayName: string,
  rows: number,
  cols: number,
  data: ArrayLike<number>,
): E.Either<LinalgError, Matrix> => {
  if (!isDimension(rows) || !isDimension(cols)) return E.left(invalidShape(operation, rows, cols))
  if (data.length !== rows * cols) {
    return E.left(lengthMismatch(operation, arrayName, { rows, cols }, data.length))
  }
  const copy = new Float64Array(rows * cols)
  for (let index = 0; index < copy.length; index++) {
    const value: unknown = data[index]
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      const row = Math.floor(index / cols)
      const where = `${arrayName}[${index}]`
      return E.left(nonFiniteValue(operation, row, index - row * cols, value, where))
    }
    copy[index] = value
  }
  return E.right(adopt(rows, cols, copy))
}

/**
 * A `rows`×`cols` matrix from row-major flat data: the boundary for user data. Rejects a bad
 * shape, a length other than `rows · cols`, and entries that are not finite numbers.
 *
 * @category Construction
 * @example
 * import { linalg } from 'gradfold'
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * const m = linalg.fromFlat(2, 2, [1, 2, 3, 4])
 * assert.ok(E.isRight(m) && linalg.get(m.right, 1, 0) === 3)
 * const short = linalg.fromFlat(2, 2, [1, 2, 3])
 * assert.ok(E.isLeft(short))
 * assert.strictEqual(short.left.message, 'fromFlat: data has 3 entries, expected 4 for a 2×2 matrix')
 */
export const fromFlat = (
  rows: number,
  cols: number,
  data: ArrayLike<number>,
): E.Either<LinalgError, Matrix> => flatToMatrix('fromFlat', 'data', rows, cols, data)

/**
 * A matrix whose every entry is `value`. Sizes and value are written in code, so a bad one is
 * the caller's bug and throws a RangeError naming it.
 *
 * @category Construction
 * @example
 * import { linalg } from 'gradfold'
 * import assert from 'node:assert'
 * assert.deepStrictEqual(linalg.toRows(linalg.fill(2, 1, 0.5)), [[0.5], [0.5]])
 */
export const fill = (rows: number, cols: number, value: number): Matrix => {
  requireShape('fill', rows, cols)
  requireFinite('fill', 'value', value)
  return adopt(rows, cols, new Float64Array(rows * cols).fill(value))
}

/**
 * A matrix of zeros.
 *
 * @category Construction
 * @example
 * import { linalg } from 'gradfold'
 * import assert from 'node:assert'
 * assert.deepStrictEqual(linalg.toRows(linalg.zeros(1, 3)), [[0, 0, 0]])
 */
export const zeros = (rows: number, cols: number): Matrix => {
  requireShape('zeros', rows, cols)
  return adopt(rows, cols, new Float64Array(rows * cols))
}

/**
 * A matrix of ones.
 *
 * @category Construction
 * @example
 * import { linalg } from 'gradfold'
 * import assert from 'node:assert'
 * assert.deepStrictEqual(linalg.toRows(linalg.ones(2, 1)), [[1], [1]])
 */
export const ones = (rows: number, cols: number): Matrix => {
  requireShape('ones', rows, cols)
  return fill(rows, cols, 1)
}

/**
 * The `size`×`size` identity matrix.
 *
 * @category Construction
 * @example
 * import { linalg } from 'gradfold'
 * import assert from 'node:assert'
 * assert.deepStrictEqual(linalg.toRows(linalg.identity(2)), [[1, 0], [0, 1]])
 */
export const identity = (size: number): Matrix => {
  requireShape('identity', size, size)
  const data = new Float64Array(size * size)
  for (let index = 0; index < size; index++) data[index * size + index] = 1
  return adopt(size, size, data)
}

/**
 * A matrix whose entry at `[row, col]` is `entry(row, col)`; a non-finite entry is reported.
 *
 * @category Construction
 * @example
 * import { linalg } from 'gradfold'
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * const m = linalg.generate(2, 2, (row, col) => 10 * row + col)
 * assert.ok(E.isRight(m))
 * assert.deepStrictEqual(linalg.toRows(m.right), [[0, 1], [10, 11]])
 */
export const generate = (
  rows: number,
  cols: number,
  entry: (row: number, col: number) => number,
): E.Either<LinalgError, Matrix> => {
  const operation = 'generate'
  if (!isDimension(rows) || !isDimension(cols)) return E.left(invalidShape(operation, rows, cols))
  const data = new Float64Array(rows * cols)
  for (let row = 0; row < rows; row++) {
    for (let col = 0; col < cols; col++) {
      const value = entry(row, col)
      if (!Number.isFinite(value)) {
        return E.left(nonFiniteValue(operation, row, col, value, "the entry function's value"))
      }
      data[row * cols + col] = value
    }
  }
  return E.right(adopt(rows, cols, data))
}

/**
 * A 1×n row vector from user data (a bias `b` is one): Left when empty or not finite.
 *
 * @category Construction
 * @example
 * import { linalg } from 'gradfold'
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * const b = linalg.rowVector([0.1, 0.2, 0.3])
 * assert.ok(E.isRight(b) && b.right.rows === 1 && b.right.cols === 3)
 */
export const rowVector = (values: readonly number[]): E.Either<LinalgError, Matrix> =>
  flatToMatrix('rowVector', 'values', 1, values.length, values)

/**
 * An n×1 column vector from user data (binary labels `y` are one): Left when empty or not finite.
 *
 * @category Construction
 * @example
 * import { linalg } from 'gradfold'
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * const y = linalg.columnVector([0, 1, 1])
 * assert.ok(E.isRight(y) && y.right.rows === 3 && y.right.cols === 1)
 */
export const columnVector = (values: readonly number[]): E.Either<LinalgError, Matrix> =>
  flatToMatrix('columnVector', 'values', values.length, 1, values)
