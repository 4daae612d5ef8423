// Whole-row operations: gathering rows by index (shuffles, splits, mini-batches) and stacking
// matrices of one width. Laws: selectRows(m, [0..rows−1]) = m; selectRows composes as index
// composition; concatRows([a, b]) has a's rows then b's; neither writes its inputs.

import * as E from 'fp-ts/lib/Either.js'
import { invalidArgument, shapeMismatch, type LinalgError } from './errors.js'
import { adopt, bufferOf, type Matrix } from './matrix.js'

/**
 * The matrix whose r-th row is row `indices[r]` of `m` (numpy's `m[indices]`). Indices may
 * repeat; Left when there are none or one is not an integer in range.
 *
 * @category Construction
 * @example
 * import { linalg } from 'gradfold'
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * const m = linalg.fromRows([[1, 1], [2, 2], [3, 3]])
 * assert.ok(E.isRight(m))
 * assert.deepStrictEqual(E.map(linalg.toRows)(linalg.selectRows(m.right, [2, 0])), E.right([[3, 3], [1, 1]]))
 * assert.ok(E.isLeft(linalg.selectRows(m.right, [3])))
 */
export const selectRows = (
  m: Matrix,
  indices: readonly number[],
): E.Either<LinalgError, Matrix> => {
  if (indices.length === 0) {
    return E.left(invalidArgument('selectRows', 'indices', 'empty', 'at least one row index'))
  }
  const source = bufferOf(m)
  const out = new Float64Array(indices.length * m.cols)
  for (const [row, index] of indices.entries()) {
    if (!Number.isInteger(index) || index < 0 || index >= m.rows) {
      const expectation = `a row index from 0 to ${m.rows - 1}`
      return E.left(invalidArgument('selectRows', `indices[${row}]`, String(index), expectation))
    }
    out.set(source.slice(index * m.cols, (index + 1) * m.cols), row * m.cols)
  }
  return E.right(adopt(indices.length, m.cols, out))
}

/**
 * Stacks matrices of one width on top of each other (numpy's `vstack`). Left when the list is
 * empty or the widths differ.
 *
 * @category Construction
 * @example
 * import { linalg } from 'gradfold'
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * const stacked = linalg.concatRows([linalg.zeros(1, 2), linalg.ones(2, 2)])
 * assert.deepStrictEqual(E.map(linalg.toRows)(stacked), E.right([[0, 0], [1, 1], [1, 1]]))
 */
export const concatRows = (matrices: readonly Matrix[]): E.Either<LinalgError, Matrix> => {
  const [first] = matrices
  if (first === undefined) {
    return E.left(invalidArgument('concatRows', 'matrices', 'empty', 'at least one matrix'))
  }
  const mismatch = matrices.find((matrix) => matrix.cols !== first.cols)
  if (mismatch !== undefined) {
    return E.left(shapeMismatch('concatRows', 'over', first, mismatch, 'widths differ'))
  }
  const rows = matrices.reduce((total, matrix) => total + matrix.rows, 0)
  const out = new Float64Array(rows * first.cols)
  let offset = 0
  for (const matrix of matrices) {
    out.set(bufferOf(matrix), offset)
    offset += matrix.rows * matrix.cols
  }
  return E.right(adopt(rows, first.cols, out))
}
