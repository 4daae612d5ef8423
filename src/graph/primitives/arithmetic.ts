// Arithmetic primitives: sum, difference, negation, entry-wise product and quotient, scaling by
// a constant, square and constant power. Each keeps its value, VJP, JVP and formulas together.
// Laws: d(a + b) = da + db; d(a ⊙ b) = da ⊙ b + a ⊙ db; d(c·a) = c·da; d(a²) = 2a ⊙ da.

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
  vjp: (_inputs, _output, cotangent) => [cotangent, unchecked.scale(cotangent, -1)],
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
