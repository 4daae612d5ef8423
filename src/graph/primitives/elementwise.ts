// Element-wise unary primitives from one definition: the function f, its derivative f′ as code and
// as a term, and optional whole-buffer loops for the hot ones. The VJP is cotangent ⊙ f′(x) and the
// JVP tangent ⊙ f′(x) — the chain rule entry by entry. Laws: the Jacobian is diagonal, so VJP and
// JVP coincide; a primitive with loops equals, bit for bit, the same primitive computed plainly
// from `apply` and `derivative` (its `reference`, which the laws of `check` compare it with).

import type { Matrix, ReadonlyFloat64Array } from '../../linalg/index.js'
import { unchecked } from '../../linalg/internal.js'
import type { Formula, Term } from '../formula.js'
import { definePrimitive, type Primitive, type Rules } from '../primitive.js'
import { sameShapes } from './shapes.js'

/** What defines an element-wise unary primitive. */
export interface ElementwiseDefinition {
  readonly name: string
  /** The function, entry by entry. */
  readonly apply: (x: number) => number
  /** Its derivative at x, given also y = apply(x) (sigmoid′ = y(1 − y) reads better in y). */
  readonly derivative: (x: number, y: number) => number
  /** The operation applied to an argument name, e.g. `a → σ(a)`. */
  readonly formula: (argument: string) => Formula
  /**
   * The derivative as a term in x (the operand) and y (the output), e.g. y(1 − y): what traces and
   * the walkthrough print, and what the laws evaluate against `derivative`.
   */
  readonly derivativeFormula: Term
  /**
   * Optional whole-buffer loops computing exactly `apply` and `direction ⊙ derivative` entry by
   * entry — for the hot activations, where one callback per entry costs more than the maths. Each
   * loop calls the same named functions its `apply` and `derivative` call (so V8 inlines them),
   * and the laws hold the loops to the plain rule bit for bit.
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
 * The entry at `index` of a buffer a whole-buffer loop reads: the loops run below `out.length`,
 * the length of every buffer they are handed, so a missing entry is a bug and throws.
 */
export const entryAt = (buffer: ReadonlyFloat64Array, index: number): number => {
  const found = buffer[index]
  if (found === undefined) {
    throw new Error(`gradfold internal error: entry ${index} of a buffer of ${buffer.length}`)
  }
  return found
}

/** forward, VJP and JVP from a value kernel and a `direction ⊙ f′` kernel. */
const rulesFrom = (
  forward: (a: Matrix) => Matrix,
  along: (direction: Matrix, x: Matrix, y: Matrix) => Matrix,
) =>
  ({
    forward: ([a]: readonly [Matrix]) => forward(a),
    vjp: ([x]: readonly [Matrix], y: Matrix, cotangent: Matrix): readonly [Matrix] => [
      along(cotangent, x, y),
    ],
    jvp: ([x]: readonly [Matrix], y: Matrix, [tangent]: readonly [Matrix]) => along(tangent, x, y),
  }) as const

/**
 * The primitive for an element-wise unary function. With `loops`, forward, VJP and JVP run the
 * loops, and `reference` holds the same primitive computed from `apply` and `derivative` entry by
 * entry, for the laws to compare.
 *
 * @example
 * import assert from 'node:assert'
 * import { graph, linalg } from 'gradfold'
 * import * as check from 'gradfold/check'
 * const { formula } = graph
 * // the cube: f(x) = x³, f′(x) = 3x²
 * const cube = graph.primitives.elementwise({
 *   name: 'cube',
 *   apply: (x) => x * x * x,
 *   derivative: (x) => 3 * x * x,
 *   formula: (a) => graph.plain(`${a}³`, `${a}^3`),
 *   derivativeFormula: formula.times(formula.number(3), formula.squared(formula.x)),
 * })
 * assert.deepStrictEqual(cube.derivatives(['u'], 'v'), [{ tex: '3 u^2', text: '3·u²' }])
 * const [slope] = cube.vjp([linalg.fill(1, 1, 2)], linalg.fill(1, 1, 8), linalg.ones(1, 1))
 * assert.ok(slope !== undefined && linalg.get(slope, 0, 0) === 12)
 * check.checkPrimitive(cube, check.operandsOf([{ rows: 2, cols: 2 }]), { numRuns: 20 })
 */
export const elementwise = (definition: ElementwiseDefinition): Primitive => {
  const { name, apply, derivative, loops } = definition
  const shared = {
    name,
    arity: 1,
    shape: sameShapes,
    formula: ([a]: readonly [string]) => definition.formula(a),
    derivativeTerms: [definition.derivativeFormula],
  } as const
  const declared = rulesFrom(
    (a) => unchecked.map(a, apply),
    (direction, x, y) =>
      unchecked.zipWith3(direction, x, y, (d, value, result) => d * derivative(value, result)),
  )
  if (loops === undefined) return definePrimitive({ ...shared, ...declared })
  const reference: Rules = definePrimitive({ ...shared, ...declared })
  const fast = rulesFrom(
    (a) => unchecked.mapBuffer(a, loops.apply),
    (direction, x, y) => unchecked.zipBuffers3(direction, x, y, loops.along),
  )
  return definePrimitive({ ...shared, ...fast, reference })
}
