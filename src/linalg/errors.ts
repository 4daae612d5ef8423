// Errors of the linear-algebra layer as plain values: a tagged union with a ready message.
// Law: every error names the operation and, for shape errors, both shapes in `rows×cols` form,
// so a message alone tells a user what went wrong and where.

import { formatShape, type Shape } from './shape.js'

/**
 * Two operands whose shapes the operation cannot combine.
 *
 * @category Errors
 */
export interface ShapeMismatch {
  readonly _tag: 'ShapeMismatch'
  readonly operation: string
  readonly left: Shape
  readonly right: Shape
  readonly message: string
}

/**
 * Sizes that cannot be a matrix shape (zero, negative, fractional, non-finite).
 *
 * @category Errors
 */
export interface InvalidShape {
  readonly _tag: 'InvalidShape'
  readonly operation: string
  readonly rows: number
  readonly cols: number
  readonly message: string
}

/**
 * Nested-array input whose rows have different lengths, or no rows or columns at all.
 *
 * @category Errors
 */
export interface RaggedRows {
  readonly _tag: 'RaggedRows'
  readonly operation: string
  readonly row: number
  readonly expected: number
  readonly actual: number
  readonly message: string
}

/**
 * Flat data whose length is not the number of entries the shape asks for.
 *
 * @category Errors
 */
export interface LengthMismatch {
  readonly _tag: 'LengthMismatch'
  readonly operation: string
  readonly expected: number
  readonly actual: number
  readonly message: string
}

/**
 * An entry that is NaN or infinite where a finite number is required.
 *
 * @category Errors
 */
export interface NonFiniteValue {
  readonly _tag: 'NonFiniteValue'
  readonly operation: string
  readonly row: number
  readonly col: number
  readonly value: unknown
  readonly message: string
}

/**
 * An argument outside what the operation accepts (an empty list, an index out of range).
 *
 * @category Errors
 */
export interface InvalidArgument {
  readonly _tag: 'InvalidArgument'
  readonly operation: string
  readonly argument: string
  readonly message: string
}

/**
 * Any error the linear-algebra layer reports.
 *
 * @category Errors
 */
export type LinalgError =
  ShapeMismatch | InvalidShape | RaggedRows | LengthMismatch | NonFiniteValue | InvalidArgument

const sizeText = (size: number): string => (Number.isFinite(size) ? String(size) : `${size}`)

/** A ShapeMismatch with `operation: left op right — reason`. */
export const shapeMismatch = (
  operation: string,
  symbol: string,
  left: Shape,
  right: Shape,
  reason: string,
): ShapeMismatch => ({
  _tag: 'ShapeMismatch',
  operation,
  left,
  right,
  message: `${operation}: ${formatShape(left)} ${symbol} ${formatShape(right)} — ${reason}`,
})

/** An InvalidShape naming both requested sizes. */
export const invalidShape = (operation: string, rows: number, cols: number): InvalidShape => ({
  _tag: 'InvalidShape',
  operation,
  rows,
  cols,
  message: `${operation}: ${sizeText(rows)}×${sizeText(cols)} is not a matrix shape — rows and columns must be positive integers`,
})

/** A RaggedRows naming the offending row and both lengths. */
export const raggedRows = (
  operation: string,
  row: number,
  expected: number,
  actual: number,
): RaggedRows => ({
  _tag: 'RaggedRows',
  operation,
  row,
  expected,
  actual,
  message:
    actual === 0 && expected === 0
      ? `${operation}: expected at least one row with at least one entry`
      : `${operation}: rows[${row}] has ${actual} entries, expected ${expected} like rows[0]`,
})

/** A LengthMismatch naming the array and both lengths. */
export const lengthMismatch = (
  operation: string,
  arrayName: string,
  shape: Shape,
  actual: number,
): LengthMismatch => ({
  _tag: 'LengthMismatch',
  operation,
  expected: shape.rows * shape.cols,
  actual,
  message: `${operation}: ${arrayName} has ${actual} entries, expected ${shape.rows * shape.cols} for a ${formatShape(shape)} matrix`,
})

/** A NonFiniteValue naming the position and the value found there. */
export const nonFiniteValue = (
  operation: string,
  row: number,
  col: number,
  value: unknown,
  what: string,
  expectation = 'a finite number',
): NonFiniteValue => ({
  _tag: 'NonFiniteValue',
  operation,
  row,
  col,
  value,
  message: `${operation}: ${what}${position(what, row, col)} is ${describeValue(value)}, expected ${expectation}`,
})

/** `what` already ends in an index like `rows[1][2]`, else the position is spelled out. */
const position = (what: string, row: number, col: number): string =>
  what.endsWith(']') ? '' : ` at [${row}, ${col}]`

const describeValue = (value: unknown): string =>
  typeof value === 'number'
    ? String(value)
    : typeof value === 'string'
      ? JSON.stringify(value)
      : value === null
        ? 'null'
        : typeof value

/** An InvalidArgument: `operation: argument is found, expected expectation`. */
export const invalidArgument = (
  operation: string,
  argument: string,
  found: string,
  expectation: string,
): InvalidArgument => ({
  _tag: 'InvalidArgument',
  operation,
  argument,
  message: `${operation}: ${argument} is ${found}, expected ${expectation}`,
})
