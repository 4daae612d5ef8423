// Reductions: the sum and the mean of all entries (to 1×1), row sums (m×n → m×1) and column sums
// (m×n → 1×n), each beside its typed builder (`sum` and `mean` turn a matrix into a scalar).
// Laws: each is linear, so the JVP reduces the tangent the same way, and the VJP spreads the
// cotangent back over the entries it summed (divided by the count for the mean).

import * as E from 'fp-ts/lib/Either.js'
import { columnSums, mean as meanAll, rowSums, sum as sumAll } from '../../linalg/index.js'
import { unchecked } from '../../linalg/internal.js'
import { operation, type Expression } from '../expression.js'
import * as f from '../formula.js'
import { definePrimitive, plain, type Primitive } from '../primitive.js'

/** Σ aᵢⱼ as a 1×1 matrix. */
export const sumPrimitive: Primitive = definePrimitive({
  name: 'sum',
  arity: 1,
  shape: () => E.right({ rows: 1, cols: 1 }),
  forward: ([a]) => unchecked.scalar(sumAll(a)),
  vjp: ([a], _output, cotangent) => [unchecked.broadcast(cotangent, a.rows, a.cols)],
  jvp: (_inputs, _output, [da]) => unchecked.scalar(sumAll(da)),
  formula: ([a]) => plain(`Σ ${a}`, `\\sum ${a}`),
  derivativeTerms: [f.everyEntry(f.one)],
})

/**
 * The sum of all entries, a scalar.
 *
 * @category Operations
 * @example
 * import assert from 'node:assert'
 * import { graph } from 'gradfold'
 * assert.strictEqual(graph.sum(graph.input('X', 3, 3)).valueKind, 'scalar')
 */
export const sum = (a: Expression<'matrix'>): Expression<'scalar'> =>
  operation('scalar', sumPrimitive, [a])

/** The m×1 column of row sums of an m×n matrix. */
export const sumRowsPrimitive: Primitive = definePrimitive({
  name: 'sumRows',
  arity: 1,
  shape: ([shape]) => E.right({ rows: shape.rows, cols: 1 }),
  forward: ([a]) => rowSums(a),
  vjp: ([a], _output, cotangent) => [unchecked.broadcast(cotangent, a.rows, a.cols)],
  jvp: (_inputs, _output, [da]) => rowSums(da),
  formula: ([a]) => plain(`Σⱼ ${a}`, `\\sum_j ${a}_{ij}`),
  derivativeTerms: [f.everyEntry(f.one, 'row')],
})

/**
 * The m×1 column of row sums of an m×n matrix.
 *
 * @category Operations
 * @example
 * import assert from 'node:assert'
 * import { graph, linalg } from 'gradfold'
 * const s = graph.sumRows(graph.input('X', 2, 3))
 * assert.ok(s.tag === 'operation' && s.primitive.name === 'sumRows')
 * assert.deepStrictEqual(linalg.toRows(s.primitive.forward([linalg.ones(2, 3)])), [[3], [3]])
 */
export const sumRows = (a: Expression<'matrix'>): Expression<'matrix'> =>
  operation('matrix', sumRowsPrimitive, [a])

/** The 1×n row of column sums of an m×n matrix. */
export const sumColumnsPrimitive: Primitive = definePrimitive({
  name: 'sumColumns',
  arity: 1,
  shape: ([shape]) => E.right({ rows: 1, cols: shape.cols }),
  forward: ([a]) => columnSums(a),
  vjp: ([a], _output, cotangent) => [unchecked.broadcast(cotangent, a.rows, a.cols)],
  jvp: (_inputs, _output, [da]) => columnSums(da),
  formula: ([a]) => plain(`Σᵢ ${a}`, `\\sum_i ${a}_{ij}`),
  derivativeTerms: [f.everyEntry(f.one, 'column')],
})

/**
 * The 1×n row of column sums of an m×n matrix (the bias gradient's reduction).
 *
 * @category Operations
 * @example
 * import assert from 'node:assert'
 * import { graph, linalg } from 'gradfold'
 * const s = graph.sumColumns(graph.input('X', 2, 3))
 * assert.ok(s.tag === 'operation' && s.primitive.name === 'sumColumns')
 * assert.deepStrictEqual(linalg.toRows(s.primitive.forward([linalg.ones(2, 3)])), [[2, 2, 2]])
 */
export const sumColumns = (a: Expression<'matrix'>): Expression<'matrix'> =>
  operation('matrix', sumColumnsPrimitive, [a])

/** The mean of all entries as a 1×1 matrix: sum / (m·n). */
export const meanPrimitive: Primitive = definePrimitive({
  name: 'mean',
  arity: 1,
  shape: () => E.right({ rows: 1, cols: 1 }),
  forward: ([a]) => unchecked.scalar(meanAll(a)),
  vjp: ([{ rows, cols }], _output, cotangent) => {
    const share = unchecked.scalarOf(cotangent) / (rows * cols)
    return [unchecked.broadcast(unchecked.scalar(share), rows, cols)]
  },
  jvp: (_inputs, _output, [da]) => unchecked.scalar(meanAll(da)),
  formula: ([a]) => plain(`mean(${a})`, `\\overline{${a}}`),
  derivativeTerms: [
    f.everyEntry(f.over(f.one, f.times(f.count('rows', 'm'), f.count('columns', 'n')))),
  ],
})

/**
 * The mean of all entries, a scalar (a mean loss over examples).
 *
 * @category Operations
 * @example
 * import assert from 'node:assert'
 * import { graph, linalg } from 'gradfold'
 * const m = graph.mean(graph.input('L', 4, 1))
 * assert.ok(m.tag === 'operation' && m.valueKind === 'scalar')
 * assert.strictEqual(linalg.get(m.primitive.forward([linalg.identity(2)]), 0, 0), 0.5)
 */
export const mean = (a: Expression<'matrix'>): Expression<'scalar'> =>
  operation('scalar', meanPrimitive, [a])
