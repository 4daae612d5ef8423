// Small helpers every law of src/check shares: argument checks that throw a RangeError naming
// the setting, shape comparison, and private copies of matrices. Law: a helper never writes the
// matrices it is given.

import { formatShape, type Matrix, type Shape } from '../linalg/index.js'
import { adopt, bufferOf } from '../linalg/internal.js'

/** A RangeError unless `value` is finite. */
export const requireFinite = (what: string, value: number): void => {
  if (!Number.isFinite(value))
    throw new RangeError(`laws: ${what} is ${value}, expected a finite number`)
}

/** A RangeError unless `value` is a positive finite number. */
export const requirePositive = (what: string, value: number): void => {
  if (!Number.isFinite(value) || value <= 0)
    throw new RangeError(`laws: ${what} is ${value}, expected a positive number`)
}

/** Whether two shapes are equal. */
export const sameShape = (a: Shape, b: Shape): boolean => a.rows === b.rows && a.cols === b.cols

/** A RangeError unless `matrix` has `shape`, naming `what`. */
export const requireShape = (what: string, matrix: Matrix, shape: Shape): void => {
  if (!sameShape(matrix, shape)) {
    throw new RangeError(`laws: ${what} is ${formatShape(matrix)}, expected ${formatShape(shape)}`)
  }
}

/** A fresh copy of a matrix, owned by whoever receives it. */
export const copyOf = (matrix: Matrix): Matrix =>
  adopt(matrix.rows, matrix.cols, Float64Array.from(bufferOf(matrix)))
