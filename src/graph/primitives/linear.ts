// Linear-algebra primitives: the matrix product, the transpose and the bias broadcast — the
// operations of a dense layer Z = X·W + b — each beside its typed builder (matrices only: a scalar
// loss cannot be multiplied by a matrix). Laws: for Z = A·B, dA = G·Bᵀ and dB = Aᵀ·G; the bias
// gradient sums G over rows; transpose is its own adjoint.

import * as E from 'fp-ts/lib/Either.js'
import { columnSums, formatShape, transpose as transposeMatrix } from '../../linalg/index.js'
import { unchecked } from '../../linalg/internal.js'
import { operation, type Expression } from '../expression.js'
import * as f from '../formula.js'
import { definePrimitive, plain, type Primitive } from '../primitive.js'

/** a·b for a m×k and b k×n. */
export const matmulPrimitive: Primitive = definePrimitive({
  name: 'matmul',
  arity: 2,
  shape: ([left, right]) =>
    left.cols === right.rows
      ? E.right({ rows: left.rows, cols: right.cols })
      : E.left(
          `${formatShape(left)} · ${formatShape(right)} — inner sizes ${left.cols} and ${right.rows} differ`,
        ),
  forward: ([a, b]) => unchecked.matmul(a, b),
  vjp: ([a, b], _output, cotangent, wanted) => [
    wanted?.[0] === false ? undefined : unchecked.matmulTransposeB(cotangent, b),
    wanted?.[1] === false ? undefined : unchecked.matmulTransposeA(a, cotangent),
  ],
  jvp: ([a, b], _output, [da, db]) =>
    unchecked.add(unchecked.matmul(da, b), unchecked.matmul(a, db)),
  formula: ([a, b]) => plain(`${a} · ${b}`, `${a} ${b}`),
  // dA = G·Bᵀ, dB = Aᵀ·G
  derivativeTerms: [f.onTheRight(f.transposed(f.operand(1))), f.onTheLeft(f.transposed(f.x))],
})

/**
 * The matrix product a·b. Matrices only: a scalar loss cannot be multiplied by a matrix.
 *
 * @category Operations
 * @example
 * import assert from 'node:assert'
 * import { graph } from 'gradfold'
 * const z = graph.matmul(graph.input('X', 4, 2), graph.parameter('W1', 2, 3))
 * assert.strictEqual(z.valueKind, 'matrix')
 */
export const matmul = (a: Expression<'matrix'>, b: Expression<'matrix'>): Expression<'matrix'> =>
  operation('matrix', matmulPrimitive, [a, b])

/** a + 1·b: the 1×n row b added to every row of the m×n matrix a. */
export const addRowVectorPrimitive: Primitive = definePrimitive({
  name: 'addRowVector',
  arity: 2,
  shape: ([matrix, row]) =>
    row.rows === 1 && row.cols === matrix.cols
      ? E.right(matrix)
      : E.left(
          `${formatShape(matrix)} + ${formatShape(row)} — expected a 1×${matrix.cols} row vector`,
        ),
  forward: ([a, row]) => unchecked.addRowVector(a, row),
  vjp: (_inputs, _output, cotangent, wanted) => [
    cotangent,
    wanted?.[1] === false ? undefined : columnSums(cotangent),
  ],
  jvp: (_inputs, _output, [da, drow]) => unchecked.addRowVector(da, drow),
  formula: ([a, row]) => plain(`${a} + ${row}`),
  derivativeTerms: [f.one, f.summedOverRows(f.one)],
})

/**
 * a + b with the 1×n row b added to every row of a: the bias of a dense layer.
 *
 * @category Operations
 * @example
 * import assert from 'node:assert'
 * import { graph } from 'gradfold'
 * const z = graph.addRowVector(graph.input('XW', 4, 3), graph.parameter('b1', 1, 3))
 * assert.ok(z.tag === 'operation' && z.primitive.name === 'addRowVector')
 */
export const addRowVector = (
  a: Expression<'matrix'>,
  row: Expression<'matrix'>,
): Expression<'matrix'> => operation('matrix', addRowVectorPrimitive, [a, row])

/** aᵀ: an m×n matrix becomes n×m. Linear, and its own adjoint: the VJP and JVP transpose too. */
export const transposePrimitive: Primitive = definePrimitive({
  name: 'transpose',
  arity: 1,
  shape: ([shape]) => E.right({ rows: shape.cols, cols: shape.rows }),
  forward: ([a]) => transposeMatrix(a),
  vjp: (_inputs, _output, cotangent) => [transposeMatrix(cotangent)],
  jvp: (_inputs, _output, [da]) => transposeMatrix(da),
  formula: ([a]) => plain(`${a}ᵀ`, `${a}^\\top`),
  derivativeTerms: [f.transposed(f.incoming)],
})

/**
 * The transpose aᵀ (m×n becomes n×m).
 *
 * @category Operations
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { graph, linalg } from 'gradfold'
 * const t = graph.transpose(graph.input('X', 4, 2))
 * assert.ok(t.tag === 'operation' && t.primitive.name === 'transpose')
 * assert.deepStrictEqual(t.primitive.shape([{ rows: 4, cols: 2 }]), E.right({ rows: 2, cols: 4 }))
 * const x = linalg.fromRows([[1, 2, 3]])
 * assert.ok(E.isRight(x))
 * assert.deepStrictEqual(linalg.toRows(t.primitive.forward([x.right])), [[1], [2], [3]])
 */
export const transpose = (a: Expression<'matrix'>): Expression<'matrix'> =>
  operation('matrix', transposePrimitive, [a])
