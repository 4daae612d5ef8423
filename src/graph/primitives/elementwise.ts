// Builders for element-wise primitives: a unary f with its derivative f′, where the VJP is
// cotangent ⊙ f′(x) and the JVP tangent ⊙ f′(x) — the chain rule entry by entry.
// Law: for every element-wise primitive the Jacobian is diagonal, so VJP and JVP coincide.

import type { Matrix } from '../../linalg/index.js'
import * as unchecked from '../../linalg/unchecked.js'
import { definePrimitive, type Formula, type Primitive } from '../primitive.js'
import { sameShapes } from './shapes.js'

/** What defines an element-wise unary primitive. */
export interface ElementwiseDefinition {
  readonly name: string
  /** The function, entry by entry. */
  readonly apply: (x: number) => number
  /** Its derivative at x, given also y = apply(x) (sigmoid′ = y(1 − y) reads better in y). */
  readonly derivative: (x: number, y: number) => number
  readonly formula: (argument: string) => Formula
  readonly derivativeFormula: (argument: string, output: string) => Formula
}

const argumentAt = (args: readonly string[], index: number): string => args[index] ?? '?'

const operand = (inputs: readonly Matrix[], index: number): Matrix =>
  inputs[index] ?? unchecked.scalar(Number.NaN)

/** The primitive for an element-wise unary function. */
export const elementwise = (definition: ElementwiseDefinition): Primitive => {
  // direction ⊙ f′(x) in one pass over the three matrices.
  const { derivative } = definition
  const along = (direction: Matrix, x: Matrix, y: Matrix): Matrix =>
    unchecked.zipWith3(direction, x, y, (d, value, result) => d * derivative(value, result))
  return definePrimitive({
    name: definition.name,
    arity: 1,
    shape: sameShapes,
    forward: (inputs) => unchecked.map(operand(inputs, 0), definition.apply),
    vjp: (inputs, output, cotangent) => [along(cotangent, operand(inputs, 0), output)],
    jvp: (inputs, output, tangents) => along(operand(tangents, 0), operand(inputs, 0), output),
    formula: (args) => definition.formula(argumentAt(args, 0)),
    derivatives: (args, output) => [definition.derivativeFormula(argumentAt(args, 0), output)],
  })
}

export { argumentAt, operand }
