// Arithmetic primitives: sum, difference, negation, entry-wise product and quotient, scaling by
// a constant, square and constant power — each record beside the typed builder that applies it,
// with its value, VJP, JVP and derivative terms together.
// Laws: d(a + b) = da + db; d(a ⊙ b) = da ⊙ b + a ⊙ db; d(a ⊘ b) = (da − (a ⊘ b) ⊙ db) ⊘ b;
// d(c·a) = c·da; d(aᵖ) = p·aᵖ⁻¹ ⊙ da. Element-wise operations keep the kind of their operands.

import { unchecked } from '../../linalg/internal.js'
import { operation, type Expression, type ValueKind } from '../expression.js'
import * as f from '../formula.js'
import { definePrimitive, plain, type Primitive } from '../primitive.js'
import { elementwise } from './elementwise.js'
import { sameShapes } from './shapes.js'

/** The second operand in derivative terms (x is the first). */
const second = f.operand(1)

/** a + b, same shapes. */
export const addPrimitive: Primitive = definePrimitive({
  name: 'add',
  arity: 2,
  shape: sameShapes,
  forward: ([a, b]) => unchecked.add(a, b),
  vjp: (_inputs, _output, cotangent) => [cotangent, cotangent],
  jvp: (_inputs, _output, [da, db]) => unchecked.add(da, db),
  formula: ([a, b]) => plain(`${a} + ${b}`),
  derivativeTerms: [f.one, f.one],
})

/**
 * a + b (one shape).
 *
 * @category Operations
 * @example
 * import assert from 'node:assert'
 * import { graph } from 'gradfold'
 * const sum = graph.add(graph.scalarInput('a'), graph.scalarInput('b'))
 * assert.ok(sum.tag === 'operation' && sum.primitive.name === 'add')
 */
export const add = <Kind extends ValueKind>(
  a: Expression<Kind>,
  b: Expression<Kind>,
): Expression<Kind> => operation(a.valueKind, addPrimitive, [a, b])

/** a − b, same shapes. */
export const subPrimitive: Primitive = definePrimitive({
  name: 'sub',
  arity: 2,
  shape: sameShapes,
  forward: ([a, b]) => unchecked.sub(a, b),
  vjp: (_inputs, _output, cotangent, wanted) => [
    cotangent,
    wanted?.[1] === false ? undefined : unchecked.scale(cotangent, -1),
  ],
  jvp: (_inputs, _output, [da, db]) => unchecked.sub(da, db),
  formula: ([a, b]) => plain(`${a} − ${b}`, `${a} - ${b}`),
  derivativeTerms: [f.one, f.negate(f.one)],
})

/**
 * a − b (one shape).
 *
 * @category Operations
 * @example
 * import assert from 'node:assert'
 * import { graph } from 'gradfold'
 * assert.strictEqual(graph.sub(graph.scalarInput('a'), graph.constant(1)).valueKind, 'scalar')
 */
export const sub = <Kind extends ValueKind>(
  a: Expression<Kind>,
  b: Expression<Kind>,
): Expression<Kind> => operation(a.valueKind, subPrimitive, [a, b])

/** −a. */
export const negPrimitive: Primitive = elementwise({
  name: 'neg',
  apply: (x) => -x,
  derivative: () => -1,
  formula: (a) => plain(`−${a}`, `-${a}`),
  derivativeFormula: f.negate(f.one),
})

/**
 * −a.
 *
 * @category Operations
 * @example
 * import assert from 'node:assert'
 * import { graph } from 'gradfold'
 * const negated = graph.neg(graph.input('X', 2, 2))
 * assert.ok(negated.tag === 'operation' && negated.primitive.name === 'neg')
 */
export const neg = <Kind extends ValueKind>(a: Expression<Kind>): Expression<Kind> =>
  operation(a.valueKind, negPrimitive, [a])

/** a ⊙ b, entry by entry, same shapes. */
export const mulPrimitive: Primitive = definePrimitive({
  name: 'mul',
  arity: 2,
  shape: sameShapes,
  forward: ([a, b]) => unchecked.mul(a, b),
  vjp: ([a, b], _output, cotangent) => [unchecked.mul(cotangent, b), unchecked.mul(cotangent, a)],
  jvp: ([a, b], _output, [da, db]) => unchecked.add(unchecked.mul(da, b), unchecked.mul(a, db)),
  formula: ([a, b]) => plain(`${a} ⊙ ${b}`, `${a} \\odot ${b}`),
  derivativeTerms: [second, f.x],
})

/**
 * a ⊙ b, entry by entry (one shape); for scalars, the product.
 *
 * @category Operations
 * @example
 * import assert from 'node:assert'
 * import { graph } from 'gradfold'
 * assert.strictEqual(graph.mul(graph.scalarInput('x'), graph.scalarParameter('w')).valueKind, 'scalar')
 */
export const mul = <Kind extends ValueKind>(
  a: Expression<Kind>,
  b: Expression<Kind>,
): Expression<Kind> => operation(a.valueKind, mulPrimitive, [a, b])

/** c·a for a constant c (a RangeError for a non-finite c: it is written in code). */
export const scalePrimitive = (factor: number): Primitive => {
  if (!Number.isFinite(factor))
    throw new RangeError(`scale: factor is ${factor}, expected a finite number`)
  return definePrimitive({
    name: `scale(${factor})`,
    arity: 1,
    shape: sameShapes,
    forward: ([a]) => unchecked.scale(a, factor),
    vjp: (_inputs, _output, cotangent) => [unchecked.scale(cotangent, factor)],
    jvp: (_inputs, _output, [da]) => unchecked.scale(da, factor),
    formula: ([a]) => plain(`${factor}·${a}`, `${factor} ${a}`),
    derivativeTerms: [f.number(factor)],
  })
}

/**
 * c·a for a constant c.
 *
 * @category Operations
 * @example
 * import assert from 'node:assert'
 * import { graph } from 'gradfold'
 * const tripled = graph.scale(graph.scalarInput('x'), 3)
 * assert.ok(tripled.tag === 'operation' && tripled.primitive.name === 'scale(3)')
 */
export const scale = <Kind extends ValueKind>(
  a: Expression<Kind>,
  factor: number,
): Expression<Kind> => operation(a.valueKind, scalePrimitive(factor), [a])

/** a², entry by entry. */
export const squarePrimitive: Primitive = elementwise({
  name: 'square',
  apply: (x) => x * x,
  derivative: (x) => 2 * x,
  formula: (a) => plain(`${a}²`, `${a}^2`),
  derivativeFormula: f.times(f.number(2), f.x),
})

/**
 * a², entry by entry.
 *
 * @category Operations
 * @example
 * import assert from 'node:assert'
 * import { graph } from 'gradfold'
 * assert.strictEqual(graph.square(graph.scalarInput('u')).valueKind, 'scalar')
 */
export const square = <Kind extends ValueKind>(a: Expression<Kind>): Expression<Kind> =>
  operation(a.valueKind, squarePrimitive, [a])

/** a ⊘ b, entry by entry, same shapes (IEEE division: a zero divisor gives ±∞ or NaN). */
export const divPrimitive: Primitive = definePrimitive({
  name: 'div',
  arity: 2,
  shape: sameShapes,
  forward: ([a, b]) => unchecked.div(a, b),
  // ∂(a/b)/∂a = 1/b and ∂(a/b)/∂b = −a/b² = −y/b, with y = a/b the output.
  vjp: ([, divisor], output, cotangent) => {
    const toDividend = unchecked.div(cotangent, divisor)
    return [toDividend, unchecked.zipWith(toDividend, output, (g, y) => -g * y)]
  },
  jvp: ([, divisor], output, [da, db]) =>
    unchecked.div(unchecked.sub(da, unchecked.mul(output, db)), divisor),
  formula: ([a, b]) => plain(`${a} / ${b}`, `\\frac{${a}}{${b}}`),
  derivativeTerms: [f.over(f.one, second), f.negate(f.over(f.x, f.squared(second)))],
})

/**
 * a ⊘ b, entry by entry (one shape); for scalars, the quotient. A zero divisor gives ±∞ or NaN,
 * which evaluation reports as a non-finite result naming this node.
 *
 * @category Operations
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
): Expression<Kind> => operation(a.valueKind, divPrimitive, [a, b])

/**
 * aᵖ, entry by entry, for a constant exponent p (a RangeError for a non-finite p: it is written
 * in code). The forward is IEEE `Math.pow`: for a non-integer p the base must be positive — a
 * negative base gives NaN, which evaluation reports as a non-finite result — and a zero base with
 * p < 1 has an infinite derivative. For p = 0 the derivative is 0 everywhere.
 */
export const powerPrimitive = (exponent: number): Primitive => {
  if (!Number.isFinite(exponent))
    throw new RangeError(`power: exponent is ${exponent}, expected a finite number`)
  return elementwise({
    name: `power(${exponent})`,
    apply: (x) => Math.pow(x, exponent),
    derivative: (x) => (exponent === 0 ? 0 : exponent * Math.pow(x, exponent - 1)),
    formula: (a) => plain(`${a}^${exponent}`, `${a}^{${exponent}}`),
    derivativeFormula:
      exponent === 0 ? f.number(0) : f.times(f.number(exponent), f.power(f.x, exponent - 1)),
  })
}

/**
 * aᵖ, entry by entry, for a constant exponent p. For a non-integer p keep the base positive: the
 * forward is IEEE `Math.pow`, so a negative base gives NaN.
 *
 * @category Operations
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
): Expression<Kind> => operation(a.valueKind, powerPrimitive(exponent), [a])
