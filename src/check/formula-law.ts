// The formula law: the derivative a primitive shows (its derivative terms, entry-wise or matrix
// forms) is what its VJP computes, the terms evaluated on their own by `formula.gradientOf`
// (formulaError). Law: 0 when the two agree exactly, of order 1 when they say different things.

import * as E from 'fp-ts/lib/Either.js'
import { formula, type Primitive } from '../graph/index.js'
import type { Matrix } from '../linalg/index.js'
import { bufferOf, float64At } from '../linalg/internal.js'
import { requireShape, sameShape } from './law-support.js'

/**
 * How far a primitive's derivative terms are from its VJP, for a cotangent u shaped like the
 * output: for each operand i, ‖Gᵢ − Tᵢ‖ / max(‖Gᵢ‖ + ‖Tᵢ‖, 1e12·ε·‖|Tᵢ|‖), Gᵢ its VJP and Tᵢ the
 * gradient its term gives for u (`formula.gradientOf`: an entry-wise term t gives u ⊙ t, matmul's
 * "Bᵀ on the right" gives u·Bᵀ, softmax's row Jacobian multiplies each row of u), |Tᵢ| the same
 * computed on absolute values (`formula.gradientMagnitude`, so the rounding of a correct formula is
 * not counted); the largest over the operands. 0 when the two agree exactly — the formula the
 * primitive shows is what it computes — and of order 1 when they differ. ∞ when the VJP's results
 * are missing or mis-shaped, or a term does not fit the shapes or is not finite there; undefined
 * when the primitive writes its derivatives as text only (no terms).
 *
 * @category Laws
 * @example
 * import assert from 'node:assert'
 * import { graph, linalg } from 'gradfold'
 * import * as check from 'gradfold/check'
 * const x = linalg.fill(1, 3, 0.25)
 * const u = linalg.fill(1, 3, 2)
 * assert.strictEqual(check.formulaError(graph.primitives.sigmoid, [x], u), 0)
 * // matmul's "Bᵀ on the right" and "Aᵀ on the left" are what its VJP computes
 * const matmulError = check.formulaError(graph.primitives.matmul, [x, linalg.fill(3, 2, 0.5)], linalg.ones(1, 2))
 * assert.ok(matmulError !== undefined && matmulError < 1e-15)
 * // a sigmoid whose record shows the derivative of tanh
 * const { formula } = graph
 * const mislabelled: graph.Primitive = { ...graph.primitives.sigmoid, derivativeTerms: [formula.minus(formula.one, formula.squared(formula.y))] }
 * const error = check.formulaError(mislabelled, [x], u)
 * assert.ok(error !== undefined && error > 0.1)
 */
export const formulaError = (
  primitive: Primitive,
  operands: readonly Matrix[],
  cotangent: Matrix,
): number | undefined => {
  const output = primitive.forward(operands)
  requireShape('the cotangent', cotangent, output)
  const error = termError(
    primitive,
    operands,
    output,
    cotangent,
    primitive.vjp(operands, output, cotangent),
  )
  return error === undefined ? undefined : E.getOrElse(() => Number.POSITIVE_INFINITY)(error)
}

const formulaNoiseWeight = 1e12

/** The relative error of `formulaError` between a VJP result and the gradient its term gives. */
const disagreement = (computed: Matrix, written: Matrix, sizes: Matrix): number => {
  const actual = bufferOf(computed)
  const expected = bufferOf(written)
  const bound = bufferOf(sizes)
  let difference = 0
  let computedSize = 0
  let writtenSize = 0
  let noiseSize = 0
  for (let entry = 0; entry < actual.length; entry++) {
    const value = float64At(actual, entry, 'laws: a gradient')
    const term = float64At(expected, entry, 'laws: a term’s gradient')
    const noise = Number.EPSILON * float64At(bound, entry, 'laws: a term’s magnitude')
    difference += (value - term) ** 2
    computedSize += value ** 2
    writtenSize += term ** 2
    noiseSize += noise ** 2
  }
  if (difference === 0) return 0
  return (
    Math.sqrt(difference) /
    Math.max(
      Math.sqrt(computedSize) + Math.sqrt(writtenSize),
      formulaNoiseWeight * Math.sqrt(noiseSize),
    )
  )
}

/**
 * `formulaError` given the VJP's results (so a law reuses the VJP it already ran): the largest
 * error over the operands, a Left naming the operand whose term cannot be evaluated and why, or
 * undefined when the primitive has no terms.
 */
export const termError = (
  primitive: Primitive,
  operands: readonly Matrix[],
  output: Matrix,
  cotangent: Matrix,
  gradients: readonly (Matrix | undefined)[],
): E.Either<string, number> | undefined => {
  const terms = primitive.derivativeTerms
  if (terms === undefined) return undefined
  if (terms.length !== operands.length) {
    return E.left(`${terms.length} derivative terms for ${operands.length} operands`)
  }
  let worst = 0
  for (const [which, term] of terms.entries()) {
    const gradient = gradients[which]
    const operand = operands[which]
    if (gradient === undefined || operand === undefined || !sameShape(gradient, operand)) {
      return E.right(Number.POSITIVE_INFINITY)
    }
    const point = { operands, output, incoming: cotangent, operand: which }
    const written = formula.gradientOf(term, point)
    if (E.isLeft(written)) return E.left(`operand ${which}: ${written.left}`)
    const sizes = formula.gradientMagnitude(term, point)
    if (E.isLeft(sizes)) return E.left(`operand ${which}: ${sizes.left}`)
    const error = disagreement(gradient, written.right, sizes.right)
    // Math.max would keep a NaN, so a gradient that is not a number is never hidden.
    if (Number.isNaN(error)) return E.right(error)
    worst = Math.max(worst, error)
  }
  return E.right(worst)
}
