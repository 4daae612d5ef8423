// The typed operations users build expressions with. Element-wise operations keep the kind of
// their operands (scalar in, scalar out); `matmul`, the bias broadcast, the transpose and row-wise
// operations take matrices only; `sum` and `mean` turn a matrix into a scalar. Law: each builds
// one node and computes nothing.

import { operation, type Expression, type ValueKind } from './expression.js'
import * as activations from './primitives/activations.js'
import * as arithmetic from './primitives/arithmetic.js'
import * as linear from './primitives/linear.js'
import * as losses from './primitives/losses.js'
import * as reductions from './primitives/reductions.js'
import * as softmax from './primitives/softmax.js'

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

/**
 * a ⊘ b, entry by entry (one shape); for scalars, the quotient. A zero divisor gives ±∞ or NaN,
 * which evaluation reports as a non-finite result naming this node.
 *
 * @example
 * import assert from 'node:assert'
 * import { graph, linalg } from 'gradfold'
 * const ratio = graph.div(graph.scalarInput('a'), graph.scalarInput('b'))
 * assert.ok(ratio.tag === 'operation' && ratio.primitive.name === 'div')
 * const [da, db] = ratio.primitive.vjp([linalg.fill(1, 1, 6), linalg.fill(1, 1, 2)], linalg.fill(1, 1, 3), linalg.fill(1, 1, 1))
 * assert.deepStrictEqual([da, db].map((g) => g === undefined ? NaN : linalg.get(g, 0, 0)), [0.5, -1.5])
 */
export const div = <Kind extends ValueKind>(
  a: Expression<Kind>,
  b: Expression<Kind>,
): Expression<Kind> => operation(a.valueKind, arithmetic.div, [a, b])

/**
 * aᵖ, entry by entry, for a constant exponent p. For a non-integer p keep the base positive: the
 * forward is IEEE `Math.pow`, so a negative base gives NaN.
 *
 * @example
 * import assert from 'node:assert'
 * import { graph, linalg } from 'gradfold'
 * const cube = graph.power(graph.scalarInput('x'), 3)
 * assert.ok(cube.tag === 'operation' && cube.primitive.name === 'power(3)')
 * assert.strictEqual(linalg.get(cube.primitive.forward([linalg.fill(1, 1, 2)]), 0, 0), 8)
 */
export const power = <Kind extends ValueKind>(
  a: Expression<Kind>,
  exponent: number,
): Expression<Kind> => operation(a.valueKind, arithmetic.power(exponent), [a])

/**
 * eᵃ, entry by entry.
 *
 * @example
 * import assert from 'node:assert'
 * import { graph, linalg } from 'gradfold'
 * const e = graph.exp(graph.scalarInput('x'))
 * assert.ok(e.tag === 'operation' && e.valueKind === 'scalar')
 * assert.strictEqual(linalg.get(e.primitive.forward([linalg.fill(1, 1, 0)]), 0, 0), 1)
 */
export const exp = <Kind extends ValueKind>(a: Expression<Kind>): Expression<Kind> =>
  operation(a.valueKind, activations.exp, [a])

/**
 * The natural logarithm, entry by entry (positive entries; log 0 = −∞ is reported as non-finite).
 *
 * @example
 * import assert from 'node:assert'
 * import { graph, linalg } from 'gradfold'
 * const l = graph.log(graph.input('P', 2, 2))
 * assert.ok(l.tag === 'operation' && l.valueKind === 'matrix')
 * assert.strictEqual(linalg.get(l.primitive.forward([linalg.fill(1, 1, Math.E)]), 0, 0), 1)
 */
export const log = <Kind extends ValueKind>(a: Expression<Kind>): Expression<Kind> =>
  operation(a.valueKind, activations.log, [a])

/**
 * The logistic sigmoid 1/(1 + e^−a), entry by entry, computed without overflow (σ(±1000) is 1
 * and 0); its derivative is σ(1 − σ).
 *
 * @example
 * import assert from 'node:assert'
 * import { graph, linalg } from 'gradfold'
 * const s = graph.sigmoid(graph.input('Z', 4, 1))
 * assert.ok(s.tag === 'operation' && s.primitive.name === 'sigmoid')
 * const zero = linalg.fill(1, 1, 0)
 * const half = s.primitive.forward([zero])
 * assert.strictEqual(linalg.get(half, 0, 0), 0.5)
 * const [slope] = s.primitive.vjp([zero], half, linalg.fill(1, 1, 1))
 * assert.ok(slope !== undefined && linalg.get(slope, 0, 0) === 0.25)
 */
export const sigmoid = <Kind extends ValueKind>(a: Expression<Kind>): Expression<Kind> =>
  operation(a.valueKind, activations.sigmoid, [a])

/**
 * The hyperbolic tangent, entry by entry; its derivative is 1 − tanh².
 *
 * @example
 * import assert from 'node:assert'
 * import { graph } from 'gradfold'
 * const h = graph.tanh(graph.input('Z', 4, 3))
 * assert.ok(h.tag === 'operation' && h.primitive.name === 'tanh')
 */
export const tanh = <Kind extends ValueKind>(a: Expression<Kind>): Expression<Kind> =>
  operation(a.valueKind, activations.tanh, [a])

/**
 * max(a, 0), entry by entry. The derivative is 1 for a > 0 and 0 for a ≤ 0 (0 at the kink).
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { graph, linalg } from 'gradfold'
 * const r = graph.relu(graph.input('Z', 1, 3))
 * assert.ok(r.tag === 'operation' && r.primitive.name === 'relu')
 * const z = linalg.fromFlat(1, 3, [-2, 0, 3])
 * assert.ok(E.isRight(z))
 * assert.deepStrictEqual(linalg.toRows(r.primitive.forward([z.right])), [[0, 0, 3]])
 */
export const relu = <Kind extends ValueKind>(a: Expression<Kind>): Expression<Kind> =>
  operation(a.valueKind, activations.relu, [a])

/**
 * a where a > 0 and slope·a elsewhere, entry by entry (slope 0.01 unless given); the derivative
 * at the kink a = 0 is `slope`.
 *
 * @example
 * import assert from 'node:assert'
 * import { graph, linalg } from 'gradfold'
 * const leaky = graph.leakyRelu(graph.scalarInput('z'), 0.1)
 * assert.ok(leaky.tag === 'operation' && leaky.primitive.name === 'leakyRelu(0.1)')
 * assert.strictEqual(linalg.get(leaky.primitive.forward([linalg.fill(1, 1, -5)]), 0, 0), -0.5)
 * assert.strictEqual(graph.leakyRelu(graph.scalarInput('z')).primitive.name, 'leakyRelu(0.01)')
 */
export const leakyRelu = <Kind extends ValueKind>(
  a: Expression<Kind>,
  slope = 0.01,
): Expression<Kind> => operation(a.valueKind, activations.leakyRelu(slope), [a])

/**
 * log(1 + eᵃ), entry by entry, computed stably (softplus(1000) is 1000); its derivative is σ(a).
 *
 * @example
 * import assert from 'node:assert'
 * import { graph, linalg } from 'gradfold'
 * const s = graph.softplus(graph.scalarInput('z'))
 * assert.ok(s.tag === 'operation' && s.valueKind === 'scalar')
 * assert.strictEqual(linalg.get(s.primitive.forward([linalg.fill(1, 1, 0)]), 0, 0), Math.LN2)
 */
export const softplus = <Kind extends ValueKind>(a: Expression<Kind>): Expression<Kind> =>
  operation(a.valueKind, activations.softplus, [a])

/**
 * min(max(a, low), high), entry by entry — the notebook clamps z to [−500, 500] before its
 * sigmoid. The derivative is 1 for low ≤ a ≤ high (the boundaries included) and 0 outside.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { graph, linalg } from 'gradfold'
 * const c = graph.clamp(graph.input('Z', 1, 3), -500, 500)
 * assert.ok(c.tag === 'operation' && c.primitive.name === 'clamp(-500, 500)')
 * const z = linalg.fromFlat(1, 3, [-1000, 7, 1000])
 * assert.ok(E.isRight(z))
 * assert.deepStrictEqual(linalg.toRows(c.primitive.forward([z.right])), [[-500, 7, 500]])
 */
export const clamp = <Kind extends ValueKind>(
  a: Expression<Kind>,
  low: number,
  high: number,
): Expression<Kind> => operation(a.valueKind, activations.clamp(low, high), [a])

/**
 * The transpose aᵀ (m×n becomes n×m).
 *
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
  operation('matrix', linear.transpose, [a])

/**
 * The m×1 column of row sums of an m×n matrix.
 *
 * @example
 * import assert from 'node:assert'
 * import { graph, linalg } from 'gradfold'
 * const s = graph.sumRows(graph.input('X', 2, 3))
 * assert.ok(s.tag === 'operation' && s.primitive.name === 'sumRows')
 * assert.deepStrictEqual(linalg.toRows(s.primitive.forward([linalg.ones(2, 3)])), [[3], [3]])
 */
export const sumRows = (a: Expression<'matrix'>): Expression<'matrix'> =>
  operation('matrix', reductions.sumRows, [a])

/**
 * The 1×n row of column sums of an m×n matrix (the bias gradient's reduction).
 *
 * @example
 * import assert from 'node:assert'
 * import { graph, linalg } from 'gradfold'
 * const s = graph.sumColumns(graph.input('X', 2, 3))
 * assert.ok(s.tag === 'operation' && s.primitive.name === 'sumColumns')
 * assert.deepStrictEqual(linalg.toRows(s.primitive.forward([linalg.ones(2, 3)])), [[2, 2, 2]])
 */
export const sumColumns = (a: Expression<'matrix'>): Expression<'matrix'> =>
  operation('matrix', reductions.sumColumns, [a])

/**
 * The mean of all entries, a scalar (a mean loss over examples).
 *
 * @example
 * import assert from 'node:assert'
 * import { graph, linalg } from 'gradfold'
 * const m = graph.mean(graph.input('L', 4, 1))
 * assert.ok(m.tag === 'operation' && m.valueKind === 'scalar')
 * assert.strictEqual(linalg.get(m.primitive.forward([linalg.identity(2)]), 0, 0), 0.5)
 */
export const mean = (a: Expression<'matrix'>): Expression<'scalar'> =>
  operation('scalar', reductions.mean, [a])

/**
 * Softmax along each row: every row becomes a probability vector. Stable: the row maximum is
 * subtracted first, so a row [1000, 0] gives [1, e^−1000 → 0], never NaN.
 *
 * @example
 * import assert from 'node:assert'
 * import { graph, linalg } from 'gradfold'
 * const p = graph.softmaxRows(graph.input('Z', 4, 3))
 * assert.ok(p.tag === 'operation' && p.primitive.name === 'softmaxRows')
 * assert.deepStrictEqual(linalg.toRows(p.primitive.forward([linalg.fill(1, 4, 7)])), [[0.25, 0.25, 0.25, 0.25]])
 */
export const softmaxRows = (a: Expression<'matrix'>): Expression<'matrix'> =>
  operation('matrix', softmax.softmaxRows, [a])

/**
 * log Σⱼ exp(aᵢⱼ) for each row, an m×1 column — the normaliser of a log-softmax, computed stably.
 *
 * @example
 * import assert from 'node:assert'
 * import { graph, linalg } from 'gradfold'
 * const l = graph.logSumExpRows(graph.input('Z', 4, 3))
 * assert.ok(l.tag === 'operation' && l.primitive.name === 'logSumExpRows')
 * assert.deepStrictEqual(linalg.toRows(l.primitive.forward([linalg.fill(1, 2, 1000)])), [[1000 + Math.LN2]])
 */
export const logSumExpRows = (a: Expression<'matrix'>): Expression<'matrix'> =>
  operation('matrix', softmax.logSumExpRows, [a])

/**
 * The exponential linear unit: a where a > 0 and α(eᵃ − 1) elsewhere, entry by entry (α = 1
 * unless given); it tends to −α far below 0. The derivative is 1 for a > 0 and y + α for a ≤ 0,
 * so at a = 0 it is α.
 *
 * @example
 * import assert from 'node:assert'
 * import { graph, linalg } from 'gradfold'
 * const e = graph.elu(graph.input('Z', 4, 3), 0.5)
 * assert.ok(e.tag === 'operation' && e.primitive.name === 'elu(0.5)' && e.valueKind === 'matrix')
 * assert.strictEqual(linalg.get(e.primitive.forward([linalg.fill(1, 1, -1000)]), 0, 0), -0.5)
 * assert.strictEqual(graph.elu(graph.scalarInput('z')).primitive.name, 'elu(1)')
 */
export const elu = <Kind extends ValueKind>(a: Expression<Kind>, alpha = 1): Expression<Kind> =>
  operation(a.valueKind, activations.elu(alpha), [a])

/**
 * The mean binary cross-entropy of sigmoid(logits) against targets in [0, 1] (one shape, m×1
 * typically), computed on the logits as max(z, 0) − z·y + log(1 + e^−|z|): finite for logits of
 * ±1000. The gradient with respect to the logits is (σ(z) − y)/n.
 *
 * @example
 * import assert from 'node:assert'
 * import { graph, linalg } from 'gradfold'
 * const loss = graph.binaryCrossEntropyWithLogits(graph.input('Z', 4, 1), graph.input('Y', 4, 1))
 * assert.ok(loss.tag === 'operation' && loss.valueKind === 'scalar')
 * const value = loss.primitive.forward([linalg.fill(1, 1, 0), linalg.fill(1, 1, 1)])
 * assert.strictEqual(linalg.get(value, 0, 0), Math.LN2)
 */
export const binaryCrossEntropyWithLogits = (
  logits: Expression<'matrix'>,
  targets: Expression<'matrix'>,
): Expression<'scalar'> =>
  operation('scalar', losses.binaryCrossEntropyWithLogits, [logits, targets])

/**
 * The mean over rows of the cross-entropy −Σⱼ yᵢⱼ log softmax(z)ᵢⱼ of logits (m×k) against
 * targets (m×k, one-hot or probability rows), computed stably: logits [[1000, 0]] against
 * [[0, 1]] give 1000. The gradient with respect to the logits is (softmax(z) − y)/m for
 * probability rows.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { graph, linalg } from 'gradfold'
 * const loss = graph.softmaxCrossEntropy(graph.input('Z', 4, 3), graph.input('Y', 4, 3))
 * assert.ok(loss.tag === 'operation' && loss.primitive.name === 'softmaxCrossEntropy')
 * const z = linalg.fromRows([[1000, 0]])
 * const y = linalg.fromRows([[0, 1]])
 * assert.ok(E.isRight(z) && E.isRight(y))
 * assert.strictEqual(linalg.get(loss.primitive.forward([z.right, y.right]), 0, 0), 1000)
 */
export const softmaxCrossEntropy = (
  logits: Expression<'matrix'>,
  targets: Expression<'matrix'>,
): Expression<'scalar'> => operation('scalar', losses.softmaxCrossEntropy, [logits, targets])
