// The adjointness law: a primitive's VJP and JVP are transposes of each other, ⟨u, J·v⟩ =
// ⟨Jᵀ·u, v⟩ for every cotangent u and tangents v (adjointnessError). Law: about 1e-16 for a
// correct primitive, of order 1 when the JVP is not the VJP's adjoint.

import type { Primitive } from '../graph/index.js'
import type { Matrix } from '../linalg/index.js'
import { bufferOf, float64At } from '../linalg/internal.js'
import { requireShape, sameShape } from './law-support.js'

/** ⟨a, b⟩: the sum of the entry-wise products of two matrices of one shape. */
const dot = (a: Matrix, b: Matrix): number => {
  const left = bufferOf(a)
  const right = bufferOf(b)
  let total = 0
  for (let index = 0; index < left.length; index++) {
    total += float64At(left, index, 'laws: dot') * float64At(right, index, 'laws: dot')
  }
  return total
}

/** ‖a‖₂ over all entries. */
const norm = (a: Matrix): number => Math.sqrt(dot(a, a))

/**
 * How far the VJP and the JVP of `primitive` at `operands` are from adjoint, for a cotangent u
 * shaped like the output and tangents v shaped like the operands:
 * |⟨u, J·v⟩ − Σᵢ⟨Jᵢᵀ·u, vᵢ⟩| / (‖u‖‖J·v‖ + Σᵢ‖Jᵢᵀ·u‖‖vᵢ‖) — each inner product measured against
 * its Cauchy–Schwarz bound, so cancellation inside a sum cannot inflate it (0 when every product
 * is exactly 0). About 1e-16 for a correct primitive; ∞ when results have the wrong shapes.
 *
 * @category Laws
 * @example
 * import assert from 'node:assert'
 * import { graph, linalg } from 'gradfold'
 * import * as check from 'gradfold/check'
 * const a = linalg.fill(2, 3, 0.5)
 * const b = linalg.fill(3, 2, -1.5)
 * const tangents = [linalg.fill(2, 3, 0.25), linalg.fill(3, 2, 2)]
 * assert.ok(check.adjointnessError(graph.primitives.matmul, [a, b], linalg.ones(2, 2), tangents) < 1e-12)
 * // a JVP twice too large is not the adjoint of the VJP
 * const { sigmoid } = graph.primitives
 * const doubled: graph.Primitive = { ...sigmoid, jvp: (inputs, output, t) => linalg.scale(sigmoid.jvp(inputs, output, t), 2) }
 * assert.ok(check.adjointnessError(doubled, [b], linalg.ones(3, 2), [b]) > 0.1)
 */
export const adjointnessError = (
  primitive: Primitive,
  operands: readonly Matrix[],
  cotangent: Matrix,
  tangents: readonly Matrix[],
): number => {
  const output = primitive.forward(operands)
  requireShape('the cotangent', cotangent, output)
  operands.forEach((operand, index) => {
    const tangent = tangents[index]
    if (tangent === undefined) throw new RangeError(`laws: no tangent for operand ${index}`)
    requireShape(`tangent ${index}`, tangent, operand)
  })
  const pushed = primitive.jvp(operands, output, tangents)
  const pulled = primitive.vjp(operands, output, cotangent)
  if (!sameShape(pushed, output)) return Number.POSITIVE_INFINITY
  let forwardProduct = dot(cotangent, pushed)
  let bound = norm(cotangent) * norm(pushed)
  let backwardProduct = 0
  for (const [index, operand] of operands.entries()) {
    const gradient = pulled[index]
    const tangent = tangents[index] ?? operand
    if (gradient === undefined || !sameShape(gradient, operand)) return Number.POSITIVE_INFINITY
    backwardProduct += dot(gradient, tangent)
    bound += norm(gradient) * norm(tangent)
  }
  forwardProduct -= backwardProduct
  return bound === 0 ? Math.abs(forwardProduct) : Math.abs(forwardProduct) / bound
}
