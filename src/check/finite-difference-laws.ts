// The finite-difference laws: a primitive's VJP and JVP agree with five-point central differences
// of its forward, as one relative error each (finiteDifferenceError, jvpFiniteDifferenceError).
// Law: about 1e-10 for a correct primitive on well-conditioned operands, of order 1 for a wrong one.
//
// The finite-difference error of operand i, for a cotangent u, compares the VJP aᵢ = Jᵢᵀ·u with
// an estimate nᵢ whose entry e is the five-point central difference of ⟨u, f⟩ along that entry,
//
//   nₑ = ⟨u, f(x − 2hₑ) − 8 f(x − hₑ) + 8 f(x + hₑ) − f(x + 2hₑ)⟩ / 12hₑ,
//
// with hₑ the power of two nearest `step`·max(1, |xₑ|) (default step 1e-4). Its truncation error
// is O(h⁴) and it is exact for polynomials up to degree 4 — the two-point difference errs by
// h²f‴/6, a relative error of 1 wherever f′ = 0 but f‴ ≠ 0 (x³ at 0). The two are compared as
// whole vectors:
//
//   errorᵢ = ‖aᵢ − nᵢ‖₂ / max(1e-8, ‖aᵢ‖₂ + ‖nᵢ‖₂, 1e8·‖rᵢ‖₂)
//
// — cs231n's relative error |a − n| / max(1e-8, |a| + |n|), taken over the operand's entries.
// rᵢ is the rounding noise of the estimate: rₑ = ε·Σₖ |uₖ|·(|f₋₂| + 8|f₋₁| + 8|f₁| + |f₂|)ₖ / 12hₑ
// over the outputs k that moved (ε = 2⁻⁵²; an output that did not move contributes exactly 0).
// That term only matters where the gradient is tiny
// beside the function's values (the flat tail of sigmoid, a softmax row probed with a constant
// cotangent, whose exact gradient is 0): there a discrepancy of up to 100 times the noise — which
// no finite difference can see below — counts as an error of at most 1e-6. The reported error is
// the largest over the operands; the law asks for ≤ 1e-6.
//
// The JVP is held to the same five-point difference along the tangents, all operands moved at
// once, x + s·h·t for s = −2, −1, 1, 2, with h the power of two nearest `step`·max(1, maxₑ|xₑ|),
// compared as whole output vectors with the same relative error and rounding term.

import type { Primitive } from '../graph/index.js'
import type { Matrix, ReadonlyFloat64Array } from '../linalg/index.js'
import { adopt, at, bufferOf, float64At } from '../linalg/internal.js'
import { requirePositive, requireShape, sameShape } from './law-support.js'

/** The finite differences' relative step when none is given. */
export const defaultStep = 1e-4

/** The five-point central difference: f′(x) ≈ Σ weight·f(x + offset·h) / 12h. */
const stencil = [
  { offset: -2, weight: 1 },
  { offset: -1, weight: -8 },
  { offset: 1, weight: 8 },
  { offset: 2, weight: -1 },
] as const
const relativeFloor = 1e-8
const noiseWeight = 1e8

/** Entry k of probe `index` (a forward pass at one stencil point). */
const probeAt = (probes: readonly ReadonlyFloat64Array[], index: number, k: number): number =>
  float64At(at(probes, index, 'laws: the stencil probes'), k, 'laws: a probe')

/**
 * The stencil's weighted sum of the probes at output entry k, the sum of its terms' sizes (its
 * rounding scale), and whether the output moved at all across the probes.
 */
const stencilAt = (
  probes: readonly ReadonlyFloat64Array[],
  k: number,
): { readonly combined: number; readonly size: number; readonly moved: boolean } => {
  const first = probeAt(probes, 0, k)
  let combined = 0
  let size = 0
  let moved = false
  for (const [index, { weight }] of stencil.entries()) {
    const value = probeAt(probes, index, k)
    combined += weight * value
    size += Math.abs(weight * value)
    moved ||= !Object.is(value, first)
  }
  return { combined, size, moved }
}

/**
 * The relative error of the module comment from its sums of squares: ‖exact − numeric‖ over the
 * larger of the floor, ‖exact‖ + ‖numeric‖ and the weighted rounding noise.
 */
const relativeError = (
  difference: number,
  analyticSize: number,
  numericSize: number,
  noiseSize: number,
): number =>
  Math.sqrt(difference) /
  Math.max(
    relativeFloor,
    Math.sqrt(analyticSize) + Math.sqrt(numericSize),
    noiseWeight * Math.sqrt(noiseSize),
  )

/** The operands with entry `entry` of operand `which` replaced by `value`. */
const withEntry = (
  operands: readonly Matrix[],
  which: number,
  entry: number,
  value: number,
): Matrix[] =>
  operands.map((operand, index) => {
    if (index !== which) return operand
    const data = Float64Array.from(bufferOf(operand))
    data[entry] = value
    return adopt(operand.rows, operand.cols, data)
  })

/** The finite-difference error of each operand (see the module comment). */
export const finiteDifferenceErrors = (
  primitive: Primitive,
  operands: readonly Matrix[],
  cotangent: Matrix,
  step: number,
): number[] => {
  const output = primitive.forward(operands)
  requireShape('the cotangent', cotangent, output)
  const gradients = primitive.vjp(operands, output, cotangent)
  const u = bufferOf(cotangent)
  return operands.map((operand, which) => {
    const gradient = gradients[which]
    if (gradient === undefined || !sameShape(gradient, operand)) return Number.POSITIVE_INFINITY
    const analytic = bufferOf(gradient)
    const data = bufferOf(operand)
    let difference = 0
    let analyticSize = 0
    let numericSize = 0
    let noiseSize = 0
    for (let entry = 0; entry < data.length; entry++) {
      const x = float64At(data, entry, 'laws: an operand')
      // A power of two, so that x ± h and x ± 2h are exact and the stencil is truly symmetric.
      const h = 2 ** Math.round(Math.log2(step * Math.max(1, Math.abs(x))))
      const probes = stencil.map(({ offset }) =>
        bufferOf(primitive.forward(withEntry(operands, which, entry, x + offset * h))),
      )
      let change = 0
      let noise = 0
      for (let k = 0; k < u.length; k++) {
        const { combined, size, moved } = stencilAt(probes, k)
        // An output that did not move at all contributes exactly 0, not the stencil's rounding.
        if (!moved) continue
        const weight = float64At(u, k, 'laws: the cotangent')
        change += weight * combined
        noise += Math.abs(weight) * size
      }
      const numeric = change / (12 * h)
      const rounding = (Number.EPSILON * noise) / (12 * h)
      const exact = float64At(analytic, entry, 'laws: a gradient')
      difference += (exact - numeric) ** 2
      analyticSize += exact ** 2
      numericSize += numeric ** 2
      noiseSize += rounding ** 2
    }
    return relativeError(difference, analyticSize, numericSize, noiseSize)
  })
}

/**
 * How far the VJP of `primitive` at `operands` for `cotangent` (shaped like the output) is from
 * central finite differences of its forward: the relative error of the module comment, the
 * largest over the operands — about 1e-10 for a correct primitive on well-conditioned operands,
 * of order 1 for a wrong one; ∞ when the VJP's results are not shaped like the operands; NaN when
 * a probe leaves the function's domain. A RangeError when the cotangent's shape is wrong.
 *
 * @category Laws
 * @example
 * import assert from 'node:assert'
 * import { graph, linalg } from 'gradfold'
 * import * as check from 'gradfold/check'
 * const x = linalg.fill(2, 2, 0.3)
 * const u = linalg.fill(2, 2, 1)
 * assert.ok(check.finiteDifferenceError(graph.primitives.tanh, [x], u) < 1e-6)
 * // tanh with the derivative of the identity: the VJP is wrong
 * const wrong = graph.primitives.elementwise({
 *   name: 'badTanh',
 *   apply: Math.tanh,
 *   derivative: () => 1,
 *   formula: (a) => graph.plain(`tanh(${a})`),
 *   derivativeFormula: () => graph.plain('1'),
 * })
 * assert.ok(check.finiteDifferenceError(wrong, [x], u) > 1e-2)
 */
export const finiteDifferenceError = (
  primitive: Primitive,
  operands: readonly Matrix[],
  cotangent: Matrix,
  options: { readonly step?: number } = {},
): number => {
  const step = options.step ?? defaultStep
  requirePositive('step', step)
  // Math.max is NaN when any error is NaN, so a probe outside the domain is never hidden.
  return Math.max(0, ...finiteDifferenceErrors(primitive, operands, cotangent, step))
}

/** The operands moved along their tangents: xᵢ + distance·tᵢ. */
const movedAlong = (
  operands: readonly Matrix[],
  tangents: readonly Matrix[],
  distance: number,
): Matrix[] =>
  operands.map((operand, index) => {
    const data = bufferOf(operand)
    const direction = bufferOf(at(tangents, index, 'laws: the tangents'))
    return adopt(
      operand.rows,
      operand.cols,
      Float64Array.from(
        data,
        (x, entry) => x + distance * float64At(direction, entry, 'laws: a tangent'),
      ),
    )
  })

/** The JVP's finite-difference error (see the module comment). */
export const jvpError = (
  primitive: Primitive,
  operands: readonly Matrix[],
  tangents: readonly Matrix[],
  step: number,
): number => {
  const output = primitive.forward(operands)
  const pushed = primitive.jvp(operands, output, tangents)
  if (!sameShape(pushed, output)) return Number.POSITIVE_INFINITY
  const largest = Math.max(
    1,
    ...operands.flatMap((operand) => [...bufferOf(operand)].map(Math.abs)),
  )
  // A power of two, so that s·h·t is exact for the tangents' dyadic entries.
  const h = 2 ** Math.round(Math.log2(step * largest))
  const probes = stencil.map(({ offset }) =>
    bufferOf(primitive.forward(movedAlong(operands, tangents, offset * h))),
  )
  const analytic = bufferOf(pushed)
  let difference = 0
  let analyticSize = 0
  let numericSize = 0
  let noiseSize = 0
  for (let k = 0; k < analytic.length; k++) {
    const { combined, size, moved } = stencilAt(probes, k)
    // An output that did not move at all has derivative exactly 0 along t.
    const numeric = moved ? combined / (12 * h) : 0
    const rounding = moved ? (Number.EPSILON * size) / (12 * h) : 0
    const exact = float64At(analytic, k, 'laws: the JVP')
    difference += (exact - numeric) ** 2
    analyticSize += exact ** 2
    numericSize += numeric ** 2
    noiseSize += rounding ** 2
  }
  return relativeError(difference, analyticSize, numericSize, noiseSize)
}

/**
 * How far the JVP of `primitive` at `operands` along `tangents` (shaped like the operands) is from
 * the five-point central difference of its forward along them: the relative error of the module
 * comment — about 1e-10 for a correct primitive on well-conditioned operands, of order 1 for a
 * wrong one; ∞ when the JVP's result is not shaped like the output; NaN when a probe leaves the
 * function's domain. A RangeError when a tangent's shape is wrong.
 *
 * @category Laws
 * @example
 * import assert from 'node:assert'
 * import { graph, linalg } from 'gradfold'
 * import * as check from 'gradfold/check'
 * const x = linalg.fill(2, 2, 0.3)
 * const t = linalg.fill(2, 2, -0.5)
 * assert.ok(check.jvpFiniteDifferenceError(graph.primitives.tanh, [x], [t]) < 1e-6)
 * // tanh with a JVP twice too large
 * const { tanh } = graph.primitives
 * const doubled: graph.Primitive = { ...tanh, jvp: (inputs, output, ts) => linalg.scale(tanh.jvp(inputs, output, ts), 2) }
 * assert.ok(check.jvpFiniteDifferenceError(doubled, [x], [t]) > 0.1)
 */
export const jvpFiniteDifferenceError = (
  primitive: Primitive,
  operands: readonly Matrix[],
  tangents: readonly Matrix[],
  options: { readonly step?: number } = {},
): number => {
  const { step = defaultStep } = options
  requirePositive('step', step)
  operands.forEach((operand, index) => {
    const tangent = tangents[index]
    if (tangent === undefined) throw new RangeError(`laws: no tangent for operand ${index}`)
    requireShape(`tangent ${index}`, tangent, operand)
  })
  return jvpError(primitive, operands, tangents, step)
}
