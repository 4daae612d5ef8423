// fast-check arbitraries for matrices, shipped so users can state laws about their own ops:
// matrices of a given or random shape, several of one shape, and chains whose shapes multiply.
// Law: every generated matrix has the requested shape and only finite entries within the bounds.

import fc from 'fast-check'
import type { Matrix } from '../linalg/index.js'
import { adopt } from '../linalg/internal.js'

/**
 * Bounds on generated sizes and entries.
 *
 * @category Arbitraries
 */
export interface MatrixConstraints {
  /** Largest number of rows or columns (default 8). */
  readonly maxSize?: number
  /** Entries lie in [−magnitude, magnitude] (default 10). */
  readonly magnitude?: number
}

const defaults = (constraints: MatrixConstraints): Required<MatrixConstraints> => {
  const maxSize = constraints.maxSize ?? 8
  const magnitude = constraints.magnitude ?? 10
  if (!Number.isSafeInteger(maxSize) || maxSize < 1) {
    throw new RangeError(`matrix arbitraries: maxSize is ${maxSize}, expected a positive integer`)
  }
  if (!Number.isFinite(magnitude) || magnitude <= 0) {
    throw new RangeError(
      `matrix arbitraries: magnitude is ${magnitude}, expected a positive number`,
    )
  }
  return { maxSize, magnitude }
}

const requireDimension = (what: string, size: number): void => {
  if (!Number.isSafeInteger(size) || size < 1) {
    throw new RangeError(`matrix arbitraries: ${what} is ${size}, expected a positive integer`)
  }
}

const requireCount = (count: number): void => {
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new RangeError(`matrix arbitraries: count is ${count}, expected a non-negative integer`)
  }
}

/**
 * A tuple of exactly `Count` values of type `Value`, e.g. `Tuple<Matrix, 2>` is `[Matrix, Matrix]`.
 *
 * @category Arbitraries
 */
export type Tuple<
  Value,
  Count extends number,
  Built extends Value[] = [],
> = Built['length'] extends Count ? Built : Tuple<Value, Count, [...Built, Value]>

const hasLength =
  <Count extends number>(count: Count) =>
  (list: readonly Matrix[]): list is Tuple<Matrix, Count> =>
    list.length === count

/**
 * A matrix dimension from 1 to `maxSize`.
 *
 * @category Arbitraries
 * @example
 * import fc from 'fast-check'
 * import * as check from 'gradfold/check'
 * fc.assert(fc.property(check.dimension(4), (size) => Number.isInteger(size) && size >= 1 && size <= 4))
 */
export const dimension = (maxSize = 8): fc.Arbitrary<number> => {
  requireDimension('maxSize', maxSize)
  return fc.integer({ min: 1, max: maxSize })
}

/**
 * Matrices of exactly `rows`×`cols` with finite entries in [−magnitude, magnitude].
 *
 * @category Arbitraries
 * @example
 * import fc from 'fast-check'
 * import assert from 'node:assert'
 * import * as check from 'gradfold/check'
 * const [m] = fc.sample(check.matrixOfShape(2, 3), { numRuns: 1, seed: 1 })
 * assert.ok(m !== undefined && m.rows === 2 && m.cols === 3)
 */
export const matrixOfShape = (
  rows: number,
  cols: number,
  constraints: MatrixConstraints = {},
): fc.Arbitrary<Matrix> => {
  requireDimension('rows', rows)
  requireDimension('cols', cols)
  const { magnitude } = defaults(constraints)
  return fc
    .float64Array({
      min: -magnitude,
      max: magnitude,
      noNaN: true,
      noDefaultInfinity: true,
      minLength: rows * cols,
      maxLength: rows * cols,
    })
    .map((data) => adopt(rows, cols, data))
}

/**
 * Matrices of any shape up to `maxSize`×`maxSize`.
 *
 * @category Arbitraries
 * @example
 * import fc from 'fast-check'
 * import assert from 'node:assert'
 * import * as check from 'gradfold/check'
 * fc.assert(fc.property(check.matrix({ maxSize: 3 }), (m) => m.rows <= 3 && m.cols <= 3))
 */
export const matrix = (constraints: MatrixConstraints = {}): fc.Arbitrary<Matrix> => {
  const { maxSize } = defaults(constraints)
  return fc
    .tuple(dimension(maxSize), dimension(maxSize))
    .chain(([rows, cols]) => matrixOfShape(rows, cols, constraints))
}

/**
 * `count` matrices sharing one random shape (operands of add, mul, zipWith, dot).
 *
 * @category Arbitraries
 * @example
 * import fc from 'fast-check'
 * import { linalg } from 'gradfold'
 * import * as check from 'gradfold/check'
 * fc.assert(fc.property(check.sameShapeMatrices(3), ([a, b, c]) => linalg.sameShape(a, b) && linalg.sameShape(b, c)))
 */
export const sameShapeMatrices = <Count extends number>(
  count: Count,
  constraints: MatrixConstraints = {},
): fc.Arbitrary<Tuple<Matrix, Count>> => {
  requireCount(count)
  const { maxSize } = defaults(constraints)
  return fc
    .tuple(dimension(maxSize), dimension(maxSize))
    .chain(([rows, cols]) =>
      fc.array(matrixOfShape(rows, cols, constraints), { minLength: count, maxLength: count }),
    )
    .filter(hasLength(count))
}

/**
 * `count` matrices whose shapes chain for multiplication: the i-th is dᵢ×dᵢ₊₁.
 *
 * @category Arbitraries
 * @example
 * import fc from 'fast-check'
 * import * as check from 'gradfold/check'
 * fc.assert(fc.property(check.productChain(3), ([a, b, c]) => a.cols === b.rows && b.cols === c.rows))
 */
export const productChain = <Count extends number>(
  count: Count,
  constraints: MatrixConstraints = {},
): fc.Arbitrary<Tuple<Matrix, Count>> => {
  requireCount(count)
  const { maxSize } = defaults(constraints)
  return fc
    .array(dimension(maxSize), { minLength: count + 1, maxLength: count + 1 })
    .chain((sizes) =>
      fc.tuple(
        ...sizes
          .slice(0, count)
          .map((rows, index) => matrixOfShape(rows, sizes[index + 1] ?? 1, constraints)),
      ),
    )
    .filter(hasLength(count))
}
