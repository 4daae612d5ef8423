// Linear-algebra primitives: the matrix product, the transpose and the bias broadcast — the
// operations of a dense layer Z = X·W + b. Laws: for Z = A·B, dA = G·Bᵀ and dB = Aᵀ·G; the
// bias gradient sums G over rows; transpose is its own adjoint.

import * as E from 'fp-ts/lib/Either.js'
import { formatShape, type Matrix } from '../../linalg/index.js'
import * as unchecked from '../../linalg/unchecked.js'
import { columnSums, transpose as transposeMatrix } from '../../linalg/index.js'
import { definePrimitive, plain, type Primitive } from '../primitive.js'
import { argumentAt, operand } from './elementwise.js'
import { operandShape } from './shapes.js'

/** a·b for a m×k and b k×n. */
export const matmul: Primitive = definePrimitive({
  name: 'matmul',
  arity: 2,
  shape: (inputs) => {
    const left = operandShape(inputs, 0)
    const right = operandShape(inputs, 1)
    return left.cols === right.rows
      ? E.right({ rows: left.rows, cols: right.cols })
      : E.left(
          `${formatShape(left)} · ${formatShape(right)} — inner sizes ${left.cols} and ${right.rows} differ`,
        )
  },
  forward: (inputs) => unchecked.matmul(operand(inputs, 0), operand(inputs, 1)),
  vjp: (inputs, _output, cotangent, wanted) => {
    const contributions: Matrix[] = []
    if (wanted?.[0] !== false) {
      contributions[0] = unchecked.matmulTransposeB(cotangent, operand(inputs, 1))
    }
    if (wanted?.[1] !== false) {
      contributions[1] = unchecked.matmulTransposeA(operand(inputs, 0), cotangent)
    }
    return contributions
  },
  jvp: (inputs, _output, tangents) =>
    unchecked.add(
      unchecked.matmul(operand(tangents, 0), operand(inputs, 1)),
      unchecked.matmul(operand(inputs, 0), operand(tangents, 1)),
    ),
  formula: (args) =>
    plain(
      `${argumentAt(args, 0)} · ${argumentAt(args, 1)}`,
      `${argumentAt(args, 0)} ${argumentAt(args, 1)}`,
    ),
  derivatives: (args) => [
    plain(`${argumentAt(args, 1)}ᵀ (on the right)`, `(\\cdot)\\,${argumentAt(args, 1)}^\\top`),
    plain(`${argumentAt(args, 0)}ᵀ (on the left)`, `${argumentAt(args, 0)}^\\top (\\cdot)`),
  ],
})

/** a + 1·b: the 1×n row b added to every row of the m×n matrix a. */
export const addRowVector: Primitive = definePrimitive({
  name: 'addRowVector',
  arity: 2,
  shape: (inputs) => {
    const matrix = operandShape(inputs, 0)
    const row = operandShape(inputs, 1)
    return row.rows === 1 && row.cols === matrix.cols
      ? E.right(matrix)
      : E.left(
          `${formatShape(matrix)} + ${formatShape(row)} — expected a 1×${matrix.cols} row vector`,
        )
  },
  forward: (inputs) => unchecked.addRowVector(operand(inputs, 0), operand(inputs, 1)),
  vjp: (_inputs, _output, cotangent, wanted) =>
    wanted?.[1] === false ? [cotangent] : [cotangent, columnSums(cotangent)],
  jvp: (_inputs, _output, tangents) =>
    unchecked.addRowVector(operand(tangents, 0), operand(tangents, 1)),
  formula: (args) => plain(`${argumentAt(args, 0)} + ${argumentAt(args, 1)}`),
  derivatives: () => [plain('1'), plain('1 (summed over rows)', '\\mathbf{1}^\\top (\\cdot)')],
})

/** aᵀ: an m×n matrix becomes n×m. Linear, and its own adjoint: the VJP and JVP transpose too. */
export const transpose: Primitive = definePrimitive({
  name: 'transpose',
  arity: 1,
  shape: (inputs) => {
    const shape = operandShape(inputs, 0)
    return E.right({ rows: shape.cols, cols: shape.rows })
  },
  forward: (inputs) => transposeMatrix(operand(inputs, 0)),
  vjp: (_inputs, _output, cotangent) => [transposeMatrix(cotangent)],
  jvp: (_inputs, _output, tangents) => transposeMatrix(operand(tangents, 0)),
  formula: (args) => plain(`${argumentAt(args, 0)}ᵀ`, `${argumentAt(args, 0)}^\\top`),
  derivatives: () => [plain('(·)ᵀ', '(\\cdot)^\\top')],
})
