// Element-wise arithmetic on matrices of one shape, scaling, user functions, and the bias
// broadcast. Laws: add and mul are commutative; sub(a, a) = 0; scale(a, 1) = a; map(a, f) applies
// f to every entry; no result contains a NaN the inputs did not (division by zero and a user
// function's NaN are reported as Left); no argument is ever written.

import * as E from 'fp-ts/lib/Either.js'
import type { ReadonlyFloat64Array } from './buffer.js'
import { kernels } from './backend.js'
import { float64At } from './checked.js'
import { nonFiniteValue, shapeMismatch, type LinalgError } from './errors.js'
import { adopt, bufferOf, type Matrix } from './matrix.js'
import { sameShape } from './shape.js'

/**
 * The checked reader under a name of this module, which V8 folds into the loops below. `map` and
 * `zipWith` keep loops of their own (not the kernels' mapEach and zipEach, which the graph's
 * primitives call with many functions), so a user's function stays inlined where it is called.
 */
const entry = float64At

type BufferKernel = (a: ReadonlyFloat64Array, b: ReadonlyFloat64Array, out: Float64Array) => void

const sameShapeOperation =
  (operation: string, symbol: string, kernel: BufferKernel) =>
  (a: Matrix, b: Matrix): E.Either<LinalgError, Matrix> => {
    if (!sameShape(a, b)) {
      return E.left(shapeMismatch(operation, symbol, a, b, 'shapes differ'))
    }
    const out = new Float64Array(a.rows * a.cols)
    kernel(bufferOf(a), bufferOf(b), out)
    return E.right(adopt(a.rows, a.cols, out))
  }

/**
 * The entry-wise sum A + B; Left when the shapes differ.
 *
 * @category Element-wise
 * @example
 * import { linalg } from 'gradfold'
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * const sum = linalg.add(linalg.ones(2, 2), linalg.identity(2))
 * assert.deepStrictEqual(E.map(linalg.toRows)(sum), E.right([[2, 1], [1, 2]]))
 * const bad = linalg.add(linalg.ones(3, 2), linalg.ones(2, 3))
 * assert.ok(E.isLeft(bad) && bad.left.message === 'add: 3×2 + 2×3 — shapes differ')
 */
export const add = sameShapeOperation('add', '+', (a, b, out) => {
  kernels.add(a, b, out)
})

/**
 * The entry-wise difference A − B; Left when the shapes differ.
 *
 * @category Element-wise
 * @example
 * import { linalg } from 'gradfold'
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * const difference = linalg.sub(linalg.ones(1, 2), linalg.fill(1, 2, 3))
 * assert.deepStrictEqual(E.map(linalg.toRows)(difference), E.right([[-2, -2]]))
 */
export const sub = sameShapeOperation('sub', '−', (a, b, out) => {
  kernels.sub(a, b, out)
})

/**
 * The entry-wise (Hadamard) product A ⊙ B; Left when the shapes differ.
 *
 * @category Element-wise
 * @example
 * import { linalg } from 'gradfold'
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * const product = linalg.mul(linalg.fill(1, 2, 3), linalg.fill(1, 2, 0.5))
 * assert.deepStrictEqual(E.map(linalg.toRows)(product), E.right([[1.5, 1.5]]))
 */
export const mul = sameShapeOperation('mul', '⊙', (a, b, out) => {
  kernels.mul(a, b, out)
})

/**
 * The entry-wise quotient A ⊘ B; Left when the shapes differ or an entry of B is zero (which
 * would give an infinity or a NaN), naming the first such entry.
 *
 * @category Element-wise
 * @example
 * import { linalg } from 'gradfold'
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * const quotient = linalg.div(linalg.ones(1, 2), linalg.fill(1, 2, 4))
 * assert.deepStrictEqual(E.map(linalg.toRows)(quotient), E.right([[0.25, 0.25]]))
 * const byZero = linalg.div(linalg.ones(1, 2), linalg.identity(2))
 * assert.ok(E.isLeft(byZero))
 */
export const div = (a: Matrix, b: Matrix): E.Either<LinalgError, Matrix> => {
  if (!sameShape(a, b)) return E.left(shapeMismatch('div', '⊘', a, b, 'shapes differ'))
  const divisor = bufferOf(b)
  const zeroAt = divisor.indexOf(0)
  if (zeroAt >= 0) {
    const row = Math.floor(zeroAt / b.cols)
    return E.left(
      nonFiniteValue('div', row, zeroAt - row * b.cols, 0, 'the divisor', 'a non-zero number'),
    )
  }
  const out = new Float64Array(a.rows * a.cols)
  kernels.div(bufferOf(a), divisor, out)
  return E.right(adopt(a.rows, a.cols, out))
}

/**
 * The matrix with every entry multiplied by `factor`. A non-finite factor is the caller's bug
 * and throws a RangeError.
 *
 * @category Element-wise
 * @example
 * import { linalg } from 'gradfold'
 * import assert from 'node:assert'
 * assert.deepStrictEqual(linalg.toRows(linalg.scale(linalg.ones(1, 2), -0.5)), [[-0.5, -0.5]])
 */
export const scale = (a: Matrix, factor: number): Matrix => {
  if (!Number.isFinite(factor)) {
    throw new RangeError(`scale: factor is ${factor}, expected a finite number`)
  }
  const out = new Float64Array(a.rows * a.cols)
  kernels.scale(bufferOf(a), factor, out)
  return adopt(a.rows, a.cols, out)
}

/**
 * The entry-wise negation −A.
 *
 * @category Element-wise
 * @example
 * import { linalg } from 'gradfold'
 * import assert from 'node:assert'
 * assert.deepStrictEqual(linalg.toRows(linalg.negate(linalg.identity(2))), [[-1, -0], [-0, -1]])
 */
export const negate = (a: Matrix): Matrix => scale(a, -1)

const firstNaN = (
  operation: string,
  out: Float64Array,
  cols: number,
): E.Either<LinalgError, undefined> => {
  for (let index = 0; index < out.length; index++) {
    if (Number.isNaN(out[index])) {
      const row = Math.floor(index / cols)
      return E.left(
        nonFiniteValue(operation, row, index - row * cols, Number.NaN, "the function's value"),
      )
    }
  }
  return E.right(undefined)
}

/**
 * Applies `f` to every entry. Left when `f` returns NaN somewhere, naming the first place.
 * `f` receives the entry alone, so `map(m, Math.exp)` is safe; for position-dependent entries
 * use `generate`.
 *
 * @category Element-wise
 * @example
 * import { linalg } from 'gradfold'
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * const squared = linalg.map(linalg.fill(1, 2, 3), (value) => value * value)
 * assert.deepStrictEqual(E.map(linalg.toRows)(squared), E.right([[9, 9]]))
 * assert.ok(E.isLeft(linalg.map(linalg.fill(1, 1, -1), Math.sqrt)))
 */
export const map = (a: Matrix, f: (value: number) => number): E.Either<LinalgError, Matrix> => {
  const input = bufferOf(a)
  const out = new Float64Array(input.length)
  for (let index = 0; index < out.length; index++) out[index] = f(entry(input, index, 'map'))
  return E.map(() => adopt(a.rows, a.cols, out))(firstNaN('map', out, a.cols))
}

/**
 * Combines two matrices of one shape entry by entry with `f`, which receives the two entries
 * alone (so `zipWith(a, b, Math.max)` is safe). Left when the shapes differ or `f` returns NaN.
 *
 * @category Element-wise
 * @example
 * import { linalg } from 'gradfold'
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * const larger = linalg.zipWith(linalg.identity(2), linalg.fill(2, 2, 0.5), Math.max)
 * assert.deepStrictEqual(E.map(linalg.toRows)(larger), E.right([[1, 0.5], [0.5, 1]]))
 */
export const zipWith = (
  a: Matrix,
  b: Matrix,
  f: (left: number, right: number) => number,
): E.Either<LinalgError, Matrix> => {
  if (!sameShape(a, b)) return E.left(shapeMismatch('zipWith', '∘', a, b, 'shapes differ'))
  const left = bufferOf(a)
  const right = bufferOf(b)
  const out = new Float64Array(left.length)
  for (let index = 0; index < out.length; index++) {
    out[index] = f(entry(left, index, 'zipWith'), entry(right, index, 'zipWith'))
  }
  return E.map(() => adopt(a.rows, a.cols, out))(firstNaN('zipWith', out, a.cols))
}

/**
 * Adds the 1×n row vector `row` to every row of the m×n matrix `a`: the bias `Z = XW + b`.
 * Left unless `row` is 1×n.
 *
 * @category Element-wise
 * @example
 * import { linalg } from 'gradfold'
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * const bias = linalg.rowVector([1, 2])
 * assert.ok(E.isRight(bias))
 * const shifted = linalg.addRowVector(linalg.zeros(2, 2), bias.right)
 * assert.deepStrictEqual(E.map(linalg.toRows)(shifted), E.right([[1, 2], [1, 2]]))
 */
export const addRowVector = (a: Matrix, row: Matrix): E.Either<LinalgError, Matrix> => {
  if (row.rows !== 1 || row.cols !== a.cols) {
    return E.left(shapeMismatch('addRowVector', '+', a, row, `expected a 1×${a.cols} row vector`))
  }
  const out = new Float64Array(a.rows * a.cols)
  kernels.addRowVector(bufferOf(a), bufferOf(row), out, a.rows, a.cols)
  return E.right(adopt(a.rows, a.cols, out))
}
