// Builders for element-wise primitives: a unary f with its derivative f′, where the VJP is
// cotangent ⊙ f′(x) and the JVP tangent ⊙ f′(x) — the chain rule entry by entry.
// Law: for every element-wise primitive the Jacobian is diagonal, so VJP and JVP coincide.

import type { Matrix } from '../../linalg/index.js'
import type { ReadonlyFloat64Array } from '../../linalg/buffer.js'
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
  /**
   * Optional whole-buffer loops computing exactly `apply` and `direction ⊙ derivative` entry by
   * entry — for the hot activations, where one callback per entry costs more than the maths.
   */
  readonly loops?: ElementwiseLoops
}

/** Whole-buffer twins of an element-wise definition's `apply` and `direction ⊙ derivative`. */
export interface ElementwiseLoops {
  readonly apply: (input: ReadonlyFloat64Array, out: Float64Array) => void
  readonly along: (
    direction: ReadonlyFloat64Array,
    x: ReadonlyFloat64Array,
    y: ReadonlyFloat64Array,
    out: Float64Array,
  ) => void
}

/**
 * Operand `index` of a primitive's operands (values, tangents or labels): below its arity, which
 * compile checked, so a missing one is a caller's bug and throws instead of becoming NaN or `?`.
 */
const required = <Value>(list: readonly Value[], index: number, what: string): Value => {
  const found = list[index]
  if (found === undefined) {
    throw new Error(`gradfold internal error: ${what} ${index} is missing (${list.length} given)`)
  }
  return found
}

const argumentAt = (args: readonly string[], index: number): string =>
  required(args, index, 'argument')

const operand = (inputs: readonly Matrix[], index: number): Matrix =>
  required(inputs, index, 'operand')

/**
 * The entry at `index` of a buffer a whole-buffer loop reads: the loops run below `out.length`,
 * the length of every buffer they are handed, so a missing entry is a bug and throws.
 */
const entryAt = (buffer: ReadonlyFloat64Array, index: number): number => {
  const found = buffer[index]
  if (found === undefined) {
    throw new Error(`gradfold internal error: entry ${index} of a buffer of ${buffer.length}`)
  }
  return found
}

/** The primitive for an element-wise unary function. */
export const elementwise = (definition: ElementwiseDefinition): Primitive => {
  // direction ⊙ f′(x) in one pass over the three matrices.
  const { derivative, loops } = definition
  const along = (direction: Matrix, x: Matrix, y: Matrix): Matrix =>
    loops === undefined
      ? unchecked.zipWith3(direction, x, y, (d, value, result) => d * derivative(value, result))
      : unchecked.zipBuffers3(direction, x, y, loops.along)
  return definePrimitive({
    name: definition.name,
    arity: 1,
    shape: sameShapes,
    forward: (inputs) =>
      loops === undefined
        ? unchecked.map(operand(inputs, 0), definition.apply)
        : unchecked.mapBuffer(operand(inputs, 0), loops.apply),
    vjp: (inputs, output, cotangent) => [along(cotangent, operand(inputs, 0), output)],
    jvp: (inputs, output, tangents) => along(operand(tangents, 0), operand(inputs, 0), output),
    formula: (args) => definition.formula(argumentAt(args, 0)),
    derivatives: (args, output) => [definition.derivativeFormula(argumentAt(args, 0), output)],
  })
}

export { argumentAt, entryAt, operand }
