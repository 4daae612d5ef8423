// Row-wise softmax and log-sum-exp, the last steps of a classifier and its cross-entropy. Both
// subtract each row's maximum before exponentiating, so no row overflows (a row [1000, 0] is
// fine); each sits beside its typed builder. Laws: each softmax row sums to 1 and is unchanged by
// adding a constant to the row; the gradient of logSumExp is softmax; the softmax Jacobian
// diag(y) − y·yᵀ is symmetric.

import * as E from 'fp-ts/lib/Either.js'
import { rowMax, rowSums, type Matrix } from '../../linalg/index.js'
import { unchecked } from '../../linalg/internal.js'
import { operation, type Expression } from '../expression.js'
import * as f from '../formula.js'
import { definePrimitive, plain, type Primitive } from '../primitive.js'
import { sameShapes } from './shapes.js'

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
export const softmaxRowsPrimitive: Primitive = definePrimitive({
  name: 'softmaxRows',
  arity: 1,
  shape: sameShapes,
  forward: ([a]) => softmaxOf(a),
  vjp: (_inputs, output, cotangent) => [softmaxProduct(output, cotangent)],
  jvp: (_inputs, output, [da]) => softmaxProduct(output, da),
  formula: ([a]) => plain(`softmax(${a}) (each row)`, `\\operatorname{softmax}(${a})`),
  derivativeTerms: [f.eachRow(f.minus(f.diag(f.y), f.outer(f.y)))],
})

/**
 * Softmax along each row: every row becomes a probability vector. Stable: the row maximum is
 * subtracted first, so a row [1000, 0] gives [1, e^−1000 → 0], never NaN.
 *
 * @category Operations
 * @example
 * import assert from 'node:assert'
 * import { graph, linalg } from 'gradfold'
 * const p = graph.softmaxRows(graph.input('Z', 4, 3))
 * assert.ok(p.tag === 'operation' && p.primitive.name === 'softmaxRows')
 * assert.deepStrictEqual(linalg.toRows(p.primitive.forward([linalg.fill(1, 4, 7)])), [[0.25, 0.25, 0.25, 0.25]])
 * assert.strictEqual(p.primitive.derivatives(['z'], 'y')[0]?.text, 'diag(y) − y·yᵀ (each row)')
 */
export const softmaxRows = (a: Expression<'matrix'>): Expression<'matrix'> =>
  operation('matrix', softmaxRowsPrimitive, [a])

/**
 * log Σⱼ exp(aᵢⱼ) for each row of an m×n matrix, an m×1 column, computed stably as
 * max + log Σ exp(a − max): logSumExpRows([[1000, 1000]]) is 1000 + log 2. The VJP is
 * g · softmax(a) (g broadcast along each row); the JVP is rowSum(t ⊙ softmax(a)).
 */
export const logSumExpRowsPrimitive: Primitive = definePrimitive({
  name: 'logSumExpRows',
  arity: 1,
  shape: ([shape]) => E.right({ rows: shape.rows, cols: 1 }),
  forward: ([a]) => {
    const maxima = rowMax(a)
    const logSums = unchecked.map(rowSums(shiftedExp(a, maxima)), Math.log)
    return unchecked.add(maxima, logSums)
  },
  // softmax is recomputed from a rather than read off the output as exp(a − output): for large
  // entries the output carries an absolute rounding error of ulp(1000) ≈ 1e-13, which exp turns
  // into a relative one; subtracting the row maximum keeps softmax accurate to a few ulps.
  vjp: ([a], _output, cotangent) => [unchecked.mul(alongRows(cotangent, a), softmaxOf(a))],
  jvp: ([a], _output, [da]) => rowSums(unchecked.mul(da, softmaxOf(a))),
  formula: ([a]) => plain(`log Σⱼ exp(${a}) (each row)`, `\\log \\sum_j e^{${a}_{ij}}`),
  derivativeTerms: [f.eachRow(f.softmax(f.x))],
})

/**
 * log Σⱼ exp(aᵢⱼ) for each row, an m×1 column — the normaliser of a log-softmax, computed stably.
 *
 * @category Operations
 * @example
 * import assert from 'node:assert'
 * import { graph, linalg } from 'gradfold'
 * const l = graph.logSumExpRows(graph.input('Z', 4, 3))
 * assert.ok(l.tag === 'operation' && l.primitive.name === 'logSumExpRows')
 * assert.deepStrictEqual(linalg.toRows(l.primitive.forward([linalg.fill(1, 2, 1000)])), [[1000 + Math.LN2]])
 */
export const logSumExpRows = (a: Expression<'matrix'>): Expression<'matrix'> =>
  operation('matrix', logSumExpRowsPrimitive, [a])
