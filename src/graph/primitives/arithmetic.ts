// Arithmetic primitives: sum, difference, negation, entry-wise product and quotient, scaling by
// a constant, square and constant power. Each keeps its value, VJP, JVP and formulas together.
// Laws: d(a + b) = da + db; d(a ⊙ b) = da ⊙ b + a ⊙ db; d(a ⊘ b) = (da − (a ⊘ b) ⊙ db) ⊘ b;
// d(c·a) = c·da; d(aᵖ) = p·aᵖ⁻¹ ⊙ da.

import * as unchecked from '../../linalg/unchecked.js'
import { definePrimitive, plain, type Primitive } from '../primitive.js'
import { argumentAt, elementwise, operand } from './elementwise.js'
import { sameShapes } from './shapes.js'

/** a + b, same shapes. */
export const add: Primitive = definePrimitive({
  name: 'add',
  arity: 2,
  shape: sameShapes,
  forward: (inputs) => unchecked.add(operand(inputs, 0), operand(inputs, 1)),
  vjp: (_inputs, _output, cotangent) => [cotangent, cotangent],
  jvp: (_inputs, _output, tangents) => unchecked.add(operand(tangents, 0), operand(tangents, 1)),
  formula: (args) => plain(`${argumentAt(args, 0)} + ${argumentAt(args, 1)}`),
  derivatives: () => [plain('1'), plain('1')],
})

/** a − b, same shapes. */
export const sub: Primitive = definePrimitive({
  name: 'sub',
  arity: 2,
  shape: sameShapes,
  forward: (inputs) => unchecked.sub(operand(inputs, 0), operand(inputs, 1)),
  vjp: (_inputs, _output, cotangent, wanted) =>
    wanted?.[1] === false ? [cotangent] : [cotangent, unchecked.scale(cotangent, -1)],
  jvp: (_inputs, _output, tangents) => unchecked.sub(operand(tangents, 0), operand(tangents, 1)),
  formula: (args) =>
    plain(
      `${argumentAt(args, 0)} − ${argumentAt(args, 1)}`,
      `${argumentAt(args, 0)} - ${argumentAt(args, 1)}`,
    ),
  derivatives: () => [plain('1'), plain('−1', '-1')],
})

/** −a. */
export const neg: Primitive = elementwise({
  name: 'neg',
  apply: (x) => -x,
  derivative: () => -1,
  formula: (a) => plain(`−${a}`, `-${a}`),
  derivativeFormula: () => plain('−1', '-1'),
})

/** a ⊙ b, entry by entry, same shapes. */
export const mul: Primitive = definePrimitive({
  name: 'mul',
  arity: 2,
  shape: sameShapes,
  forward: (inputs) => unchecked.mul(operand(inputs, 0), operand(inputs, 1)),
  vjp: (inputs, _output, cotangent) => [
    unchecked.mul(cotangent, operand(inputs, 1)),
    unchecked.mul(cotangent, operand(inputs, 0)),
  ],
  jvp: (inputs, _output, tangents) =>
    unchecked.add(
      unchecked.mul(operand(tangents, 0), operand(inputs, 1)),
      unchecked.mul(operand(inputs, 0), operand(tangents, 1)),
    ),
  formula: (args) =>
    plain(
      `${argumentAt(args, 0)} ⊙ ${argumentAt(args, 1)}`,
      `${argumentAt(args, 0)} \\odot ${argumentAt(args, 1)}`,
    ),
  derivatives: (args) => [plain(argumentAt(args, 1)), plain(argumentAt(args, 0))],
})

/** c·a for a constant c (a RangeError for a non-finite c: it is written in code). */
export const scale = (factor: number): Primitive => {
  if (!Number.isFinite(factor))
    throw new RangeError(`scale: factor is ${factor}, expected a finite number`)
  return definePrimitive({
    name: `scale(${factor})`,
    arity: 1,
    shape: sameShapes,
    forward: (inputs) => unchecked.scale(operand(inputs, 0), factor),
    vjp: (_inputs, _output, cotangent) => [unchecked.scale(cotangent, factor)],
    jvp: (_inputs, _output, tangents) => unchecked.scale(operand(tangents, 0), factor),
    formula: (args) =>
      plain(`${factor}·${argumentAt(args, 0)}`, `${factor} ${argumentAt(args, 0)}`),
    derivatives: () => [plain(String(factor))],
  })
}

/** a², entry by entry. */
export const square: Primitive = elementwise({
  name: 'square',
  apply: (x) => x * x,
  derivative: (x) => 2 * x,
  formula: (a) => plain(`${a}²`, `${a}^2`),
  derivativeFormula: (a) => plain(`2·${a}`, `2 ${a}`),
})

/** a ⊘ b, entry by entry, same shapes (IEEE division: a zero divisor gives ±∞ or NaN). */
export const div: Primitive = definePrimitive({
  name: 'div',
  arity: 2,
  shape: sameShapes,
  forward: (inputs) => unchecked.div(operand(inputs, 0), operand(inputs, 1)),
  // ∂(a/b)/∂a = 1/b and ∂(a/b)/∂b = −a/b² = −y/b, with y = a/b the output.
  vjp: (inputs, output, cotangent) => {
    const divisor = operand(inputs, 1)
    const toDividend = unchecked.div(cotangent, divisor)
    return [toDividend, unchecked.zipWith(toDividend, output, (g, y) => -g * y)]
  },
  jvp: (inputs, output, tangents) =>
    unchecked.div(
      unchecked.sub(operand(tangents, 0), unchecked.mul(output, operand(tangents, 1))),
      operand(inputs, 1),
    ),
  formula: (args) =>
    plain(
      `${argumentAt(args, 0)} / ${argumentAt(args, 1)}`,
      `\\frac{${argumentAt(args, 0)}}{${argumentAt(args, 1)}}`,
    ),
  derivatives: (args) => [
    plain(`1/${argumentAt(args, 1)}`, `\\frac{1}{${argumentAt(args, 1)}}`),
    plain(
      `−${argumentAt(args, 0)}/${argumentAt(args, 1)}²`,
      `-\\frac{${argumentAt(args, 0)}}{${argumentAt(args, 1)}^2}`,
    ),
  ],
})

/**
 * aᵖ, entry by entry, for a constant exponent p (a RangeError for a non-finite p: it is written
 * in code). The forward is IEEE `Math.pow`: for a non-integer p the base must be positive — a
 * negative base gives NaN, which evaluation reports as a non-finite result — and a zero base with
 * p < 1 has an infinite derivative. For p = 0 the derivative is 0 everywhere.
 */
export const power = (exponent: number): Primitive => {
  if (!Number.isFinite(exponent))
    throw new RangeError(`power: exponent is ${exponent}, expected a finite number`)
  return elementwise({
    name: `power(${exponent})`,
    apply: (x) => Math.pow(x, exponent),
    derivative: (x) => (exponent === 0 ? 0 : exponent * Math.pow(x, exponent - 1)),
    formula: (a) => plain(`${a}^${exponent}`, `${a}^{${exponent}}`),
    derivativeFormula: (a) =>
      exponent === 0
        ? plain('0')
        : plain(`${exponent}·${a}^${exponent - 1}`, `${exponent} ${a}^{${exponent - 1}}`),
  })
}
