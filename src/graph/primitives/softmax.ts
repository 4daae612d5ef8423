// Row-wise softmax and log-sum-exp, the last steps of a classifier and its cross-entropy. Both
// subtract each row's maximum before exponentiating, so no row overflows (a row [1000, 0] is
// fine). Laws: each softmax row sums to 1 and is unchanged by adding a constant to the row;
// the gradient of logSumExp is softmax; the softmax Jacobian diag(y) − y·yᵀ is symmetric.

import * as E from 'fp-ts/lib/Either.js'
import { rowMax, rowSums, type Matrix } from '../../linalg/index.js'
import * as unchecked from '../../linalg/unchecked.js'
import { definePrimitive, plain, type Primitive } from '../primitive.js'
import { argumentAt, operand } from './elementwise.js'
import { operandShape, sameShapes } from './shapes.js'

/** The m×1 `column` repeated along each row of a's shape. */
const alongRows = (column: Matrix, a: Matrix): Matrix => unchecked.broadcast(column, a.rows, a.cols)

/** exp(a − c) with the m×1 column c subtracted along each row. */
const shiftedExp = (a: Matrix, column: Matrix): Matrix =>
  unchecked.map(unchecked.sub(a, alongRows(column, a)), Math.exp)

/** Each row's softmax, stably: e = exp(a − rowMax(a)), then e / rowSum(e). */
const softmaxOf = (a: Matrix): Matrix => {
  const exponentials = shiftedExp(a, rowMax(a))
  return unchecked.div(exponentials, alongRows(rowSums(exponentials), a))
}

/** y ⊙ (w − rowSum(w ⊙ y)): the product of the softmax Jacobian (symmetric) with w, row by row. */
const softmaxProduct = (y: Matrix, w: Matrix): Matrix =>
  unchecked.mul(y, unchecked.sub(w, alongRows(rowSums(unchecked.mul(w, y)), w)))

/**
 * Softmax along each row of an m×n matrix: yᵢⱼ = exp(aᵢⱼ) / Σₖ exp(aᵢₖ), computed after
 * subtracting the row maximum. The VJP is y ⊙ (g − rowSum(g ⊙ y)); the Jacobian is symmetric, so
 * the JVP has the same form with the tangent in place of g.
 */
export const softmaxRows: Primitive = definePrimitive({
  name: 'softmaxRows',
  arity: 1,
  shape: sameShapes,
  forward: (inputs) => softmaxOf(operand(inputs, 0)),
  vjp: (_inputs, output, cotangent) => [softmaxProduct(output, cotangent)],
  jvp: (_inputs, output, tangents) => softmaxProduct(output, operand(tangents, 0)),
  formula: (args) =>
    plain(
      `softmax(${argumentAt(args, 0)}) (each row)`,
      `\\operatorname{softmax}(${argumentAt(args, 0)})`,
    ),
  derivatives: (_args, output) => [
    plain(
      `diag(${output}) − ${output}·${output}ᵀ (each row)`,
      `\\operatorname{diag}(${output}) - ${output} ${output}^\\top`,
    ),
  ],
})

/**
 * log Σⱼ exp(aᵢⱼ) for each row of an m×n matrix, an m×1 column, computed stably as
 * max + log Σ exp(a − max): logSumExpRows([[1000, 1000]]) is 1000 + log 2. The VJP is
 * g · softmax(a) (g broadcast along each row); the JVP is rowSum(t ⊙ softmax(a)).
 */
export const logSumExpRows: Primitive = definePrimitive({
  name: 'logSumExpRows',
  arity: 1,
  shape: (inputs) => E.right({ rows: operandShape(inputs, 0).rows, cols: 1 }),
  forward: (inputs) => {
    const a = operand(inputs, 0)
    const maxima = rowMax(a)
    const logSums = unchecked.map(rowSums(shiftedExp(a, maxima)), Math.log)
    return unchecked.add(maxima, logSums)
  },
  // softmax is recomputed from a rather than read off the output as exp(a − output): for large
  // entries the output carries an absolute rounding error of ulp(1000) ≈ 1e-13, which exp turns
  // into a relative one; subtracting the row maximum keeps softmax accurate to a few ulps.
  vjp: (inputs, _output, cotangent) => {
    const a = operand(inputs, 0)
    return [unchecked.mul(alongRows(cotangent, a), softmaxOf(a))]
  },
  jvp: (inputs, _output, tangents) =>
    rowSums(unchecked.mul(operand(tangents, 0), softmaxOf(operand(inputs, 0)))),
  formula: (args) =>
    plain(
      `log Σⱼ exp(${argumentAt(args, 0)}) (each row)`,
      `\\log \\sum_j e^{${argumentAt(args, 0)}_{ij}}`,
    ),
  derivatives: (args) => [
    plain(
      `softmax(${argumentAt(args, 0)}) (each row)`,
      `\\operatorname{softmax}(${argumentAt(args, 0)})`,
    ),
  ],
})
