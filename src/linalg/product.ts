// Matrix products and the transpose: A·B, the two transposed forms backprop needs (Aᵀ·B for
// weight gradients, A·Bᵀ for back-propagated errors) without materialising a transpose, and dot.
// Laws: (AB)C ≈ A(BC); (AB)ᵀ = BᵀAᵀ; (Aᵀ)ᵀ = A; IA = A; matmulTransposeA(A, B) equals
// matmul(transpose(A), B) bit for bit, and matmulTransposeB(A, B) equals matmul(A, transpose(B)).

import * as E from 'fp-ts/lib/Either.js'
import { kernels } from './backend.js'
import { shapeMismatch, type LinalgError } from './errors.js'
import { adopt, bufferOf, type Matrix } from './matrix.js'
import { sameShape } from './shape.js'

/**
 * The matrix product A·B of an m×k and a k×n matrix; Left when the inner sizes differ.
 *
 * @category Products
 * @example
 * import { linalg } from 'gradfold'
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { pipe } from 'fp-ts/lib/function.js'
 * const product = pipe(
 *   E.Do,
 *   E.bind('a', () => linalg.fromRows([[1, 2], [3, 4]])),
 *   E.bind('b', () => linalg.fromRows([[5], [6]])),
 *   E.chain(({ a, b }) => linalg.matmul(a, b)),
 *   E.map(linalg.toRows),
 * )
 * assert.deepStrictEqual(product, E.right([[17], [39]]))
 * const bad = linalg.matmul(linalg.zeros(3, 2), linalg.zeros(3, 4))
 * assert.ok(E.isLeft(bad))
 * assert.strictEqual(bad.left.message, 'matmul: 3×2 · 3×4 — inner sizes 2 and 3 differ')
 */
export const matmul = (a: Matrix, b: Matrix): E.Either<LinalgError, Matrix> => {
  if (a.cols !== b.rows) {
    return E.left(shapeMismatch('matmul', '·', a, b, `inner sizes ${a.cols} and ${b.rows} differ`))
  }
  const out = new Float64Array(a.rows * b.cols)
  kernels.matmul(bufferOf(a), bufferOf(b), out, a.rows, a.cols, b.cols)
  return E.right(adopt(a.rows, b.cols, out))
}

/**
 * Aᵀ·B for A of shape k×m and B of shape k×n, without building Aᵀ: the weight gradient
 * `dL/dW = Xᵀ · dL/dZ` of a dense layer. Left when the row counts differ.
 *
 * @category Products
 * @example
 * import { linalg } from 'gradfold'
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * const x = linalg.fromRows([[0.5, 0.3]])
 * const delta = linalg.fromRows([[2, -1, 4]])
 * assert.ok(E.isRight(x) && E.isRight(delta))
 * const gradient = linalg.matmulTransposeA(x.right, delta.right)
 * assert.deepStrictEqual(E.map(linalg.toRows)(gradient), E.right([[1, -0.5, 2], [0.6, -0.3, 1.2]]))
 */
export const matmulTransposeA = (a: Matrix, b: Matrix): E.Either<LinalgError, Matrix> => {
  if (a.rows !== b.rows) {
    return E.left(
      shapeMismatch('matmulTransposeA', 'ᵀ·', a, b, `row counts ${a.rows} and ${b.rows} differ`),
    )
  }
  const out = new Float64Array(a.cols * b.cols)
  kernels.matmulTransposeA(bufferOf(a), bufferOf(b), out, a.cols, a.rows, b.cols)
  return E.right(adopt(a.cols, b.cols, out))
}

/**
 * A·Bᵀ for A of shape m×k and B of shape n×k, without building Bᵀ: the back-propagated error
 * `dL/dA = dL/dZ · Wᵀ` of a dense layer. Left when the column counts differ.
 *
 * @category Products
 * @example
 * import { linalg } from 'gradfold'
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * const delta = linalg.fromRows([[2]])
 * const weights = linalg.fromRows([[1], [-1], [3]])
 * assert.ok(E.isRight(delta) && E.isRight(weights))
 * const upstream = linalg.matmulTransposeB(delta.right, weights.right)
 * assert.deepStrictEqual(E.map(linalg.toRows)(upstream), E.right([[2, -2, 6]]))
 */
export const matmulTransposeB = (a: Matrix, b: Matrix): E.Either<LinalgError, Matrix> => {
  if (a.cols !== b.cols) {
    return E.left(
      shapeMismatch('matmulTransposeB', '·ᵀ', a, b, `column counts ${a.cols} and ${b.cols} differ`),
    )
  }
  const out = new Float64Array(a.rows * b.rows)
  kernels.matmulTransposeB(bufferOf(a), bufferOf(b), out, a.rows, a.cols, b.rows)
  return E.right(adopt(a.rows, b.rows, out))
}

/**
 * The transpose Aᵀ: entry [c, r] of the result is entry [r, c] of A.
 *
 * @category Products
 * @example
 * import { linalg } from 'gradfold'
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * const m = linalg.fromRows([[1, 2, 3]])
 * assert.ok(E.isRight(m))
 * assert.deepStrictEqual(linalg.toRows(linalg.transpose(m.right)), [[1], [2], [3]])
 */
export const transpose = (a: Matrix): Matrix => {
  const out = new Float64Array(a.rows * a.cols)
  kernels.transpose(bufferOf(a), out, a.rows, a.cols)
  return adopt(a.cols, a.rows, out)
}

/**
 * The inner product Σ aᵢⱼ·bᵢⱼ of two matrices of the same shape (the Frobenius inner product;
 * for vectors, the dot product). Left when the shapes differ.
 *
 * @category Products
 * @example
 * import { linalg } from 'gradfold'
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * const a = linalg.fromRows([[1, 2, 3]])
 * const b = linalg.fromRows([[4, 5, 6]])
 * assert.ok(E.isRight(a) && E.isRight(b))
 * assert.deepStrictEqual(linalg.dot(a.right, b.right), E.right(32))
 */
export const dot = (a: Matrix, b: Matrix): E.Either<LinalgError, number> =>
  sameShape(a, b)
    ? E.right(kernels.dot(bufferOf(a), bufferOf(b)))
    : E.left(shapeMismatch('dot', '·', a, b, 'shapes differ'))
