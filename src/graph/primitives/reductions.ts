// Reductions: the sum and the mean of all entries (to 1×1), row sums (m×n → m×1) and column sums
// (m×n → 1×n). Laws: each is linear, so the JVP reduces the tangent the same way, and the VJP
// spreads the cotangent back over the entries it summed (divided by the count for the mean).

import * as E from 'fp-ts/lib/Either.js'
import { columnSums, mean as meanAll, rowSums, sum as sumAll } from '../../linalg/index.js'
import * as unchecked from '../../linalg/unchecked.js'
import { definePrimitive, plain, type Primitive } from '../primitive.js'
import { argumentAt, operand } from './elementwise.js'
import { operandShape } from './shapes.js'

/** Σ aᵢⱼ as a 1×1 matrix. */
export const sum: Primitive = definePrimitive({
  name: 'sum',
  arity: 1,
  shape: () => E.right({ rows: 1, cols: 1 }),
  forward: (inputs) => unchecked.scalar(sumAll(operand(inputs, 0))),
  vjp: (inputs, _output, cotangent) => {
    const shape = operandShape(inputs, 0)
    return [unchecked.broadcast(cotangent, shape.rows, shape.cols)]
  },
  jvp: (_inputs, _output, tangents) => unchecked.scalar(sumAll(operand(tangents, 0))),
  formula: (args) => plain(`Σ ${argumentAt(args, 0)}`, `\\sum ${argumentAt(args, 0)}`),
  derivatives: () => [plain('1 (every entry)', '\\mathbf{1}')],
})

/** The m×1 column of row sums of an m×n matrix. */
export const sumRows: Primitive = definePrimitive({
  name: 'sumRows',
  arity: 1,
  shape: (inputs) => E.right({ rows: operandShape(inputs, 0).rows, cols: 1 }),
  forward: (inputs) => rowSums(operand(inputs, 0)),
  vjp: (inputs, _output, cotangent) => {
    const shape = operandShape(inputs, 0)
    return [unchecked.broadcast(cotangent, shape.rows, shape.cols)]
  },
  jvp: (_inputs, _output, tangents) => rowSums(operand(tangents, 0)),
  formula: (args) => plain(`Σⱼ ${argumentAt(args, 0)}`, `\\sum_j ${argumentAt(args, 0)}_{ij}`),
  derivatives: () => [plain('1 (every entry of its row)', '\\mathbf{1}^\\top')],
})

/** The 1×n row of column sums of an m×n matrix. */
export const sumColumns: Primitive = definePrimitive({
  name: 'sumColumns',
  arity: 1,
  shape: (inputs) => E.right({ rows: 1, cols: operandShape(inputs, 0).cols }),
  forward: (inputs) => columnSums(operand(inputs, 0)),
  vjp: (inputs, _output, cotangent) => {
    const shape = operandShape(inputs, 0)
    return [unchecked.broadcast(cotangent, shape.rows, shape.cols)]
  },
  jvp: (_inputs, _output, tangents) => columnSums(operand(tangents, 0)),
  formula: (args) => plain(`Σᵢ ${argumentAt(args, 0)}`, `\\sum_i ${argumentAt(args, 0)}_{ij}`),
  derivatives: () => [plain('1 (every entry of its column)', '\\mathbf{1}')],
})

/** The mean of all entries as a 1×1 matrix: sum / (m·n). */
export const mean: Primitive = definePrimitive({
  name: 'mean',
  arity: 1,
  shape: () => E.right({ rows: 1, cols: 1 }),
  forward: (inputs) => unchecked.scalar(meanAll(operand(inputs, 0))),
  vjp: (inputs, _output, cotangent) => {
    const { rows, cols } = operandShape(inputs, 0)
    const share = unchecked.scalarOf(cotangent) / (rows * cols)
    return [unchecked.broadcast(unchecked.scalar(share), rows, cols)]
  },
  jvp: (_inputs, _output, tangents) => unchecked.scalar(meanAll(operand(tangents, 0))),
  formula: (args) => plain(`mean(${argumentAt(args, 0)})`, `\\overline{${argumentAt(args, 0)}}`),
  derivatives: () => [plain('1/(m·n) (every entry)', '\\tfrac{1}{mn}\\mathbf{1}')],
})
