// Shared helpers for the tests of the laws: primitives written from scratch (hypot, a cube with a
// chosen derivative), operand arbitraries, and the message checkPrimitive throws.

import { graph, linalg } from '../../src/index.js'
import * as check from '../../src/check/index.js'
import { right } from '../support/either.js'

const { primitives } = graph

export const matrix = (rows: number[][]): linalg.Matrix => right(linalg.fromRows(rows))

/** √(a² + b²) entry by entry: a correct two-operand primitive written from scratch. */
export const hypot: graph.Primitive = graph.definePrimitive({
  name: 'hypot',
  arity: 2,
  shape: primitives.sameShapes,
  forward: ([a, b]) => right(linalg.zipWith(a, b, (x, y) => Math.hypot(x, y))),
  vjp: ([a, b], h, g) => [
    right(linalg.mul(g, right(linalg.div(a, h)))),
    right(linalg.mul(g, right(linalg.div(b, h)))),
  ],
  jvp: ([a, b], h, [da, db]) =>
    right(linalg.div(right(linalg.add(right(linalg.mul(a, da)), right(linalg.mul(b, db)))), h)),
  formula: ([a, b]) => graph.plain(`hypot(${a}, ${b})`),
  derivatives: ([a, b], h) => [graph.plain(`${a}/${h}`), graph.plain(`${b}/${h}`)],
})

const { formula } = graph

/** c·x², the term of a derivative c·x² (3x² for the cube). */
export const timesSquare = (c: number): graph.formula.Term =>
  formula.times(formula.number(c), formula.squared(formula.x))

/** x³ through the element-wise builder, with the derivative given (and the term it shows). */
export const cubeWith = (
  derivative: (x: number) => number,
  derivativeFormula: graph.formula.Term = timesSquare(3),
): graph.Primitive =>
  primitives.elementwise({
    name: 'cube',
    apply: (x) => x * x * x,
    derivative,
    formula: (a) => graph.plain(`${a}³`),
    derivativeFormula,
  })

export const cube = cubeWith((x) => 3 * x * x)

export const twoOfOneShape = check.sizedOperands(
  2,
  ([rows, cols]) => [
    { rows, cols },
    { rows, cols },
  ],
  { avoid: [0], margin: 0.1 },
)
export const oneOperand = check.sizedOperands(2, ([rows, cols]) => [{ rows, cols }])

/** The message checkPrimitive throws (failing the test when it does not throw). */
export const failureOf = (primitive: graph.Primitive, operands = oneOperand, seed = 42): string => {
  try {
    check.checkPrimitive(primitive, operands, { numRuns: 50, seed })
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  }
  throw new Error(`checkPrimitive accepted ${primitive.name}`)
}
