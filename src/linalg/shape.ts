// Shapes of matrices: a pair of positive integer sizes, its validation and its printed form.
// Law: `formatShape` prints `rows×cols`, the one form every message and printout uses.

/**
 * The size of a matrix: `rows` by `cols`, both positive integers.
 *
 * @category Shapes
 */
export interface Shape {
  readonly rows: number
  readonly cols: number
}

/**
 * Prints a shape the way error messages and teaching output show it.
 *
 * @category Shapes
 * @example
 * import { linalg } from 'gradfold'
 * import assert from 'node:assert'
 * assert.strictEqual(linalg.formatShape({ rows: 3, cols: 2 }), '3×2')
 */
export const formatShape = (shape: Shape): string => `${shape.rows}×${shape.cols}`

/** True when `size` can be a matrix dimension: a positive safe integer. */
export const isDimension = (size: number): boolean => Number.isSafeInteger(size) && size > 0

/**
 * True when two shapes are equal.
 *
 * @category Shapes
 * @example
 * import { linalg } from 'gradfold'
 * import assert from 'node:assert'
 * assert.ok(linalg.sameShape(linalg.zeros(2, 3), { rows: 2, cols: 3 }))
 * assert.ok(!linalg.sameShape(linalg.zeros(2, 3), linalg.zeros(3, 2)))
 */
export const sameShape = (left: Shape, right: Shape): boolean =>
  left.rows === right.rows && left.cols === right.cols
