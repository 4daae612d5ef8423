// The typed operations users build expressions with. Element-wise operations keep the kind of
// their operands (scalar in, scalar out); `matmul`, the bias broadcast and row-wise operations take
// matrices only; `sum` turns a matrix into a scalar. Law: each builds one node and computes nothing.

import { operation, type Expression, type ValueKind } from './expression.js'
import * as arithmetic from './primitives/arithmetic.js'
import * as linear from './primitives/linear.js'
import * as reductions from './primitives/reductions.js'

/**
 * a + b (one shape).
 *
 * @example
 * import assert from 'node:assert'
 * import { graph } from 'gradfold'
 * const sum = graph.add(graph.scalarInput('a'), graph.scalarInput('b'))
 * assert.ok(sum.tag === 'operation' && sum.primitive.name === 'add')
 */
export const add = <Kind extends ValueKind>(
  a: Expression<Kind>,
  b: Expression<Kind>,
): Expression<Kind> => operation(a.valueKind, arithmetic.add, [a, b])

/**
 * a − b (one shape).
 *
 * @example
 * import assert from 'node:assert'
 * import { graph } from 'gradfold'
 * assert.strictEqual(graph.sub(graph.scalarInput('a'), graph.constant(1)).valueKind, 'scalar')
 */
export const sub = <Kind extends ValueKind>(
  a: Expression<Kind>,
  b: Expression<Kind>,
): Expression<Kind> => operation(a.valueKind, arithmetic.sub, [a, b])

/**
 * −a.
 *
 * @example
 * import assert from 'node:assert'
 * import { graph } from 'gradfold'
 * const negated = graph.neg(graph.input('X', 2, 2))
 * assert.ok(negated.tag === 'operation' && negated.primitive.name === 'neg')
 */
export const neg = <Kind extends ValueKind>(a: Expression<Kind>): Expression<Kind> =>
  operation(a.valueKind, arithmetic.neg, [a])

/**
 * a ⊙ b, entry by entry (one shape); for scalars, the product.
 *
 * @example
 * import assert from 'node:assert'
 * import { graph } from 'gradfold'
 * assert.strictEqual(graph.mul(graph.scalarInput('x'), graph.scalarParameter('w')).valueKind, 'scalar')
 */
export const mul = <Kind extends ValueKind>(
  a: Expression<Kind>,
  b: Expression<Kind>,
): Expression<Kind> => operation(a.valueKind, arithmetic.mul, [a, b])

/**
 * c·a for a constant c.
 *
 * @example
 * import assert from 'node:assert'
 * import { graph } from 'gradfold'
 * const tripled = graph.scale(graph.scalarInput('x'), 3)
 * assert.ok(tripled.tag === 'operation' && tripled.primitive.name === 'scale(3)')
 */
export const scale = <Kind extends ValueKind>(
  a: Expression<Kind>,
  factor: number,
): Expression<Kind> => operation(a.valueKind, arithmetic.scale(factor), [a])

/**
 * a², entry by entry.
 *
 * @example
 * import assert from 'node:assert'
 * import { graph } from 'gradfold'
 * assert.strictEqual(graph.square(graph.scalarInput('u')).valueKind, 'scalar')
 */
export const square = <Kind extends ValueKind>(a: Expression<Kind>): Expression<Kind> =>
  operation(a.valueKind, arithmetic.square, [a])

/**
 * The matrix product a·b. Matrices only: a scalar loss cannot be multiplied by a matrix.
 *
 * @example
 * import assert from 'node:assert'
 * import { graph } from 'gradfold'
 * const z = graph.matmul(graph.input('X', 4, 2), graph.parameter('W1', 2, 3))
 * assert.strictEqual(z.valueKind, 'matrix')
 */
export const matmul = (a: Expression<'matrix'>, b: Expression<'matrix'>): Expression<'matrix'> =>
  operation('matrix', linear.matmul, [a, b])

/**
 * a + b with the 1×n row b added to every row of a: the bias of a dense layer.
 *
 * @example
 * import assert from 'node:assert'
 * import { graph } from 'gradfold'
 * const z = graph.addRowVector(graph.input('XW', 4, 3), graph.parameter('b1', 1, 3))
 * assert.ok(z.tag === 'operation' && z.primitive.name === 'addRowVector')
 */
export const addRowVector = (
  a: Expression<'matrix'>,
  row: Expression<'matrix'>,
): Expression<'matrix'> => operation('matrix', linear.addRowVector, [a, row])

/**
 * The sum of all entries, a scalar.
 *
 * @example
 * import assert from 'node:assert'
 * import { graph } from 'gradfold'
 * assert.strictEqual(graph.sum(graph.input('X', 3, 3)).valueKind, 'scalar')
 */
export const sum = (a: Expression<'matrix'>): Expression<'scalar'> =>
  operation('scalar', reductions.sum, [a])
