// The formula law: the derivative a primitive shows (its derivative terms) is what its VJP
// computes (formulaError). Law: 0 when the two agree exactly, of order 1 when the shown formula
// and the code say different things.

import * as formula from '../graph/formula.js'
import type { Primitive } from '../graph/primitive.js'
import type { Matrix } from '../linalg/index.js'
import { float64At } from '../linalg/checked.js'
import { bufferOf } from '../linalg/matrix.js'
import { requireShape, sameShape } from './law-support.js'

/**
 * How far a primitive's derivative terms are from its VJP, for a cotangent u shaped like the
 * output: for each operand i, ‖Gᵢ − u ⊙ tᵢ‖ / max(‖Gᵢ‖ + ‖u ⊙ tᵢ‖, 1e12·‖ε·u ⊙ |tᵢ|‖), Gᵢ its VJP and
 * tᵢ its term evaluated entry by entry at the operands and the output (|tᵢ| the `magnitude` of the
 * evaluation, so cancellation inside a correct formula is not counted), the largest over the
 * operands. 0 when the two agree exactly — the formula the primitive shows is what it computes —
 * and of order 1 when they differ. Undefined when the law does not apply: no terms, a term that
 * is not entry-wise (softmax's row Jacobian), or an output shaped unlike an operand. ∞ when the
 * VJP's results are missing or mis-shaped.
 *
 * @example
 * import assert from 'node:assert'
 * import { graph, linalg } from 'gradfold'
 * import * as check from 'gradfold/check'
 * const x = linalg.fill(1, 3, 0.25)
 * const u = linalg.fill(1, 3, 2)
 * assert.strictEqual(check.formulaError(graph.primitives.sigmoid, [x], u), 0)
 * assert.strictEqual(check.formulaError(graph.primitives.matmul, [x, linalg.ones(3, 1)], linalg.ones(1, 1)), undefined)
 * // a sigmoid whose record shows the derivative of tanh
 * const mislabelled: graph.Primitive = { ...graph.primitives.sigmoid, derivativeTerms: graph.primitives.tanh.derivativeTerms }
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
  return termError(
    primitive,
    operands,
    output,
    cotangent,
    primitive.vjp(operands, output, cotangent),
  )
}

const formulaNoiseWeight = 1e12

/** A term's value at a point; the terms reaching here were checked entry-wise, so never undefined. */
const entrywise = (primitive: Primitive, value: number | undefined): number => {
  if (value === undefined) {
    throw new Error(`laws: ${primitive.name}'s entry-wise derivative term has no value`)
  }
  return value
}

/** `formulaError` given the VJP's results (so a law reuses the VJP it already ran). */
export const termError = (
  primitive: Primitive,
  operands: readonly Matrix[],
  output: Matrix,
  cotangent: Matrix,
  gradients: readonly (Matrix | undefined)[],
): number | undefined => {
  const terms = primitive.derivativeTerms
  if (
    terms?.length !== operands.length ||
    !terms.every(formula.isEntrywise) ||
    !operands.every((operand) => sameShape(operand, output))
  ) {
    return undefined
  }
  const u = bufferOf(cotangent)
  const y = bufferOf(output)
  const values = operands.map(bufferOf)
  let worst = 0
  for (const [which, term] of terms.entries()) {
    const gradient = gradients[which]
    if (gradient === undefined || !sameShape(gradient, output)) return Number.POSITIVE_INFINITY
    const computed = bufferOf(gradient)
    let difference = 0
    let computedSize = 0
    let writtenSize = 0
    let noiseSize = 0
    for (let entry = 0; entry < y.length; entry++) {
      const point = {
        operands: values.map((data) => float64At(data, entry, 'laws: an operand')),
        output: float64At(y, entry, 'laws: the output'),
      }
      const weight = float64At(u, entry, 'laws: the cotangent')
      const written = weight * entrywise(primitive, formula.evaluate(term, point))
      const actual = float64At(computed, entry, 'laws: a gradient')
      const noise =
        Number.EPSILON * Math.abs(weight) * entrywise(primitive, formula.magnitude(term, point))
      difference += (actual - written) ** 2
      computedSize += actual ** 2
      writtenSize += written ** 2
      noiseSize += noise ** 2
    }
    const scale = Math.max(
      Math.sqrt(computedSize) + Math.sqrt(writtenSize),
      formulaNoiseWeight * Math.sqrt(noiseSize),
    )
    const error = difference === 0 ? 0 : Math.sqrt(difference) / scale
    // Math.max would keep a NaN, so a term that cannot be evaluated is never hidden.
    worst = Number.isNaN(error) ? Number.NaN : Math.max(worst, error)
    if (Number.isNaN(worst)) return worst
  }
  return worst
}
