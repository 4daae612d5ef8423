// The laws every primitive keeps, as helpers a test calls in one line: the VJP and the JVP agree
// with central finite differences of the forward, the VJP and JVP are adjoint (⟨u, J·v⟩ =
// ⟨Jᵀ·u, v⟩), nothing writes its operands, the shape rule agrees with what forward, VJP and JVP
// return, a derivative written as entry-wise terms evaluates to what the VJP computes, and a fast
// path (hand-written loops) equals its declared rule bit for bit.
// Law: a primitive that breaks one of them makes `checkPrimitive` throw, naming the law.
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

import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { formula, type Primitive, type Rules } from '../graph/index.js'
import {
  formatShape,
  toRows,
  type Matrix,
  type ReadonlyFloat64Array,
  type Shape,
} from '../linalg/index.js'
import { adopt, at, bufferOf, float64At } from '../linalg/internal.js'
import { dimension, type Tuple } from './arbitraries.js'

/**
 * Where generated entries lie: within [min, max], and at least `margin` away from each `avoid`.
 *
 * @category Laws
 */
export interface EntryConstraints {
  /** The smallest entry (default −3). */
  readonly min?: number
  /** The largest entry (default 3). */
  readonly max?: number
  /** Points to keep away from: kinks (0 for relu, the bounds of a clamp), poles (0 for 1/x). */
  readonly avoid?: readonly number[]
  /**
   * How far from each avoided point (default 0.01). Keep it above the reach of the finite
   * differences, 2·hₑ ≤ 3·`step`·max(1, |x|), so no probe straddles the kink.
   */
  readonly margin?: number
}

/**
 * One operand: its shape and, optionally, constraints on its entries that override the defaults.
 *
 * @category Laws
 */
export type OperandSpec = Shape & EntryConstraints

/**
 * Settings of `checkPrimitive`.
 *
 * @category Laws
 */
export interface LawOptions extends LawTolerances {
  /** How many random cases to try (default 200, or fast-check's global numRuns if larger). */
  readonly numRuns?: number
  /** fast-check's seed, to replay a failure it printed (default: fast-check's, or FC_SEED's). */
  readonly seed?: number
  /** Stop at the first failure without shrinking it (default false). */
  readonly endOnFailure?: boolean
}

/**
 * Tolerances of the laws and the finite-difference step.
 *
 * @category Laws
 */
export interface LawTolerances {
  /** Relative step of the differences: hₑ ≈ step·max(1, |xₑ|), a power of two (default 1e-4). */
  readonly step?: number
  /** Largest finite-difference error allowed (default 1e-6). */
  readonly finiteDifferenceTolerance?: number
  /** Largest adjointness error allowed (default 1e-10). */
  readonly adjointnessTolerance?: number
  /** Largest error allowed between entry-wise derivative terms and the VJP (default 1e-10). */
  readonly formulaTolerance?: number
}

/**
 * One probe of the laws: operands, a cotangent shaped like the output, tangents like the operands.
 *
 * @category Laws
 */
export interface LawCase {
  readonly operands: readonly Matrix[]
  readonly cotangent: Matrix
  readonly tangents: readonly Matrix[]
}

const defaultStep = 1e-4
/** The five-point central difference: f′(x) ≈ Σ weight·f(x + offset·h) / 12h. */
const stencil = [
  { offset: -2, weight: 1 },
  { offset: -1, weight: -8 },
  { offset: 1, weight: 8 },
  { offset: 2, weight: -1 },
] as const
const relativeFloor = 1e-8
const noiseWeight = 1e8

const requireFinite = (what: string, value: number): void => {
  if (!Number.isFinite(value))
    throw new RangeError(`laws: ${what} is ${value}, expected a finite number`)
}

const requirePositive = (what: string, value: number): void => {
  if (!Number.isFinite(value) || value <= 0)
    throw new RangeError(`laws: ${what} is ${value}, expected a positive number`)
}

const resolveEntries = (constraints: EntryConstraints): Required<EntryConstraints> => {
  const { min = -3, max = 3, avoid = [], margin = 0.01 } = constraints
  requireFinite('min', min)
  requireFinite('max', max)
  if (!(min < max)) throw new RangeError(`laws: entries in [${min}, ${max}], expected min < max`)
  avoid.forEach((point) => {
    requireFinite('an avoided point', point)
  })
  if (!Number.isFinite(margin) || margin < 0)
    throw new RangeError(`laws: margin is ${margin}, expected a non-negative number`)
  return { min, max, avoid, margin }
}

const allowed =
  ({ avoid, margin }: Required<EntryConstraints>) =>
  (x: number): boolean =>
    avoid.every((point) => Math.abs(x - point) >= margin)

/** True when the allowed part of [min, max] contains an interval (so a filter can find entries). */
const hasRoom = (constraints: Required<EntryConstraints>): boolean => {
  const { min, max, avoid, margin } = constraints
  const breaks = [min, max, ...avoid.flatMap((point) => [point - margin, point + margin])]
    .filter((x) => x >= min && x <= max)
    .sort((a, b) => a - b)
  const ok = allowed(constraints)
  return breaks.some((x, index) => {
    const next = breaks[index + 1]
    return next !== undefined && next > x && ok((x + next) / 2)
  })
}

/**
 * Finite numbers within [min, max] (default [−3, 3]) that keep `margin` away from every `avoid`
 * point: the entries of well-conditioned operands.
 *
 * @example
 * import assert from 'node:assert'
 * import fc from 'fast-check'
 * import { entryIn } from './laws.js'
 * const entries = fc.sample(entryIn({ min: -1, max: 1, avoid: [0], margin: 0.1 }), { numRuns: 50, seed: 1 })
 * assert.ok(entries.every((x) => Math.abs(x) >= 0.1 && Math.abs(x) <= 1))
 */
export const entryIn = (constraints: EntryConstraints = {}): fc.Arbitrary<number> => {
  const resolved = resolveEntries(constraints)
  if (!hasRoom(resolved)) {
    throw new RangeError(
      `laws: no entries in [${resolved.min}, ${resolved.max}] keep ${resolved.margin} away from ${resolved.avoid.join(', ')}`,
    )
  }
  const entries = fc.double({ min: resolved.min, max: resolved.max, noNaN: true })
  return resolved.avoid.length === 0 ? entries : entries.filter(allowed(resolved))
}

const matrixIn = (spec: OperandSpec, defaults: EntryConstraints): fc.Arbitrary<Matrix> => {
  const { rows, cols } = spec
  if (!Number.isSafeInteger(rows) || rows < 1 || !Number.isSafeInteger(cols) || cols < 1) {
    throw new RangeError(`laws: operand shape ${rows}×${cols}, expected positive integer sizes`)
  }
  const constraints: EntryConstraints = { ...defaults, ...spec }
  return fc
    .array(entryIn(constraints), { minLength: rows * cols, maxLength: rows * cols })
    .map((values) => adopt(rows, cols, Float64Array.from(values)))
}

/**
 * Operands of the given shapes, each entry drawn by `entryIn` from the spec's own constraints or
 * else `defaults` — e.g. a positive divisor for `div`, entries away from 0 for `relu`.
 *
 * @category Laws
 * @example
 * import assert from 'node:assert'
 * import fc from 'fast-check'
 * import { linalg } from 'gradfold'
 * import * as check from 'gradfold/check'
 * const operands = check.operandsOf([{ rows: 2, cols: 3 }, { rows: 2, cols: 3, min: 0.5, max: 2 }])
 * const [[a, b] = []] = fc.sample(operands, { numRuns: 1, seed: 7 })
 * assert.ok(a !== undefined && b !== undefined && a.rows === 2 && b.cols === 3)
 * assert.ok(linalg.toFlat(b).every((x) => x >= 0.5 && x <= 2))
 */
export const operandsOf = (
  specs: readonly OperandSpec[],
  defaults: EntryConstraints = {},
): fc.Arbitrary<readonly Matrix[]> => fc.tuple(...specs.map((spec) => matrixIn(spec, defaults)))

const isTuple =
  <Count extends number>(count: Count) =>
  (sizes: readonly number[]): sizes is Tuple<number, Count> =>
    sizes.length === count

/**
 * Operands whose shapes are built from `count` random sizes between 1 and `maxSize` (default 4):
 * `sizedOperands(3, ([m, k, n]) => [{ rows: m, cols: k }, { rows: k, cols: n }])` for matmul.
 *
 * @category Laws
 * @example
 * import assert from 'node:assert'
 * import fc from 'fast-check'
 * import * as check from 'gradfold/check'
 * const chains = check.sizedOperands(3, ([m, k, n]) => [{ rows: m, cols: k }, { rows: k, cols: n }])
 * fc.assert(fc.property(chains, ([a, b]) => a !== undefined && b !== undefined && a.cols === b.rows && a.rows <= 4))
 */
export const sizedOperands = <Count extends number>(
  count: Count,
  specsOf: (sizes: Tuple<number, Count>) => readonly OperandSpec[],
  constraints: EntryConstraints & { readonly maxSize?: number } = {},
): fc.Arbitrary<readonly Matrix[]> => {
  const { maxSize = 4, ...entries } = constraints
  return fc
    .array(dimension(maxSize), { minLength: count, maxLength: count })
    .filter(isTuple(count))
    .chain((sizes) => operandsOf(specsOf(sizes), entries))
}

const unit = 2 ** 20

/**
 * Directions with entries spread evenly over [−1, 1]. Unbiased on purpose: fast-check's usual bias
 * towards zeros and repeated values would make degenerate probes common (a cotangent that is 0, or
 * constant along a softmax row, sees no gradient at all).
 */
const direction = (shape: Shape): fc.Arbitrary<Matrix> =>
  fc
    .noBias(
      fc.array(fc.integer({ min: -unit, max: unit }), {
        minLength: shape.rows * shape.cols,
        maxLength: shape.rows * shape.cols,
      }),
    )
    .map((values) =>
      adopt(
        shape.rows,
        shape.cols,
        Float64Array.from(values, (v) => v / unit),
      ),
    )

/** Nested rows, with NaN and ±∞ spelled out (JSON would print null). */
const describeMatrices = (matrices: readonly Matrix[]): string =>
  `[${matrices
    .map(
      (m) =>
        `[${toRows(m)
          .map((row) => `[${row.join(', ')}]`)
          .join(', ')}]`,
    )
    .join(', ')}]`

/**
 * Cases for the laws of `primitive`: operands from `operands`, with a cotangent shaped like the
 * output its shape rule promises and tangents shaped like the operands (entries evenly in [−1, 1]).
 *
 * @category Laws
 * @example
 * import assert from 'node:assert'
 * import fc from 'fast-check'
 * import { graph } from 'gradfold'
 * import * as check from 'gradfold/check'
 * const cases = check.lawCases(graph.primitives.sumRows, check.operandsOf([{ rows: 3, cols: 2 }]))
 * const [probe] = fc.sample(cases, { numRuns: 1, seed: 3 })
 * assert.ok(probe !== undefined && probe.cotangent.rows === 3 && probe.cotangent.cols === 1)
 */
export const lawCases = (
  primitive: Primitive,
  operands: fc.Arbitrary<readonly Matrix[]>,
): fc.Arbitrary<LawCase> =>
  operands.chain((inputs) => {
    const output = primitive.shape(inputs)
    const shape = E.isRight(output) ? output.right : { rows: 1, cols: 1 }
    return fc
      .tuple(direction(shape), fc.tuple(...inputs.map(direction)))
      .map(([cotangent, tangents]) => ({
        operands: inputs,
        cotangent,
        tangents,
        [fc.toStringMethod]: () =>
          `operands ${describeMatrices(inputs)}, cotangent ${describeMatrices([cotangent])}, tangents ${describeMatrices(tangents)}`,
      }))
  })

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

const dot = (a: Matrix, b: Matrix): number => {
  const left = bufferOf(a)
  const right = bufferOf(b)
  let total = 0
  for (let index = 0; index < left.length; index++) {
    total += float64At(left, index, 'laws: dot') * float64At(right, index, 'laws: dot')
  }
  return total
}

const norm = (a: Matrix): number => Math.sqrt(dot(a, a))

const sameShape = (a: Shape, b: Shape): boolean => a.rows === b.rows && a.cols === b.cols

const requireShape = (what: string, matrix: Matrix, shape: Shape): void => {
  if (!sameShape(matrix, shape)) {
    throw new RangeError(`laws: ${what} is ${formatShape(matrix)}, expected ${formatShape(shape)}`)
  }
}

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
const finiteDifferenceErrors = (
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

/** A fresh copy of a matrix, owned by whoever receives it. */
const copyOf = (matrix: Matrix): Matrix =>
  adopt(matrix.rows, matrix.cols, Float64Array.from(bufferOf(matrix)))

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
const jvpError = (
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
 * @category Laws
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
const termError = (
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

/** Where two results differ, entry by entry (Object.is: −0 and 0 differ, NaN equals NaN). */
const firstDifference = (fast: Matrix, declared: Matrix): string | undefined => {
  if (!sameShape(fast, declared)) return `${formatShape(fast)} ≠ ${formatShape(declared)}`
  const a = bufferOf(fast)
  const b = bufferOf(declared)
  const at = a.findIndex((value, index) => !Object.is(value, b[index]))
  return at < 0 ? undefined : `entry ${at}: ${a[at]} ≠ ${b[at]}`
}

/**
 * Where a fast path departs from its declared rule: for a primitive with a `reference` (hand-written
 * loops standing in for the plain rule computed from the declared derivative), its forward, each
 * operand's VJP and its JVP at this case compared bit for bit with the reference's, as sentences
 * (empty when they agree, or when there is no fast path).
 *
 * @category Laws
 * @example
 * import assert from 'node:assert'
 * import { graph, linalg } from 'gradfold'
 * import * as check from 'gradfold/check'
 * const { sigmoid } = graph.primitives
 * const x = linalg.fill(1, 3, 0.5)
 * const u = linalg.fill(1, 3, 1)
 * assert.deepStrictEqual(check.referenceViolations(sigmoid, [x], u, [u]), [])
 * // a fast VJP that drifted from the declared σ′ = y(1 − y) to a constant 1/4
 * const drifted: graph.Primitive = { ...sigmoid, vjp: (_inputs, _y, g) => [linalg.scale(g, 0.25)] }
 * assert.ok(check.referenceViolations(drifted, [x], u, [u]).some((line) => /VJP for operand 0 differs from its declared rule/.test(line)))
 */
export const referenceViolations = (
  primitive: Primitive,
  operands: readonly Matrix[],
  cotangent: Matrix,
  tangents: readonly Matrix[],
): readonly string[] => {
  const reference: Rules | undefined = primitive.reference
  if (reference === undefined) return []
  const { name } = primitive
  const problems: string[] = []
  const differs = (what: string, fast: Matrix | undefined, declared: Matrix | undefined): void => {
    const where =
      fast === undefined || declared === undefined
        ? fast === declared
          ? undefined
          : 'one of them is missing'
        : firstDifference(fast, declared)
    if (where !== undefined) {
      problems.push(`${name}: the fast ${what} differs from its declared rule (${where})`)
    }
  }
  const output = reference.forward(operands.map(copyOf))
  differs('forward', primitive.forward(operands.map(copyOf)), output)
  const fast = primitive.vjp(operands.map(copyOf), copyOf(output), copyOf(cotangent))
  const declared = reference.vjp(operands.map(copyOf), copyOf(output), copyOf(cotangent))
  operands.forEach((_, index) => {
    differs(`VJP for operand ${index}`, fast[index], declared[index])
  })
  differs(
    'JVP',
    primitive.jvp(operands.map(copyOf), copyOf(output), tangents.map(copyOf)),
    reference.jvp(operands.map(copyOf), copyOf(output), tangents.map(copyOf)),
  )
  return problems
}

/** A matrix the primitive receives as a private copy, kept beside the caller's original. */
interface Guarded {
  readonly name: string
  readonly original: Matrix
  readonly copy: Matrix
}

const guard = (name: string, original: Matrix): Guarded => ({
  name,
  original,
  copy: copyOf(original),
})

const sameEntries = (a: Matrix, b: Matrix): boolean => {
  const left = bufferOf(a)
  const right = bufferOf(b)
  return (
    left.length === right.length && left.every((value, index) => Object.is(value, right[index]))
  )
}

/** Names of the guarded matrices whose copies no longer match their originals. */
const written = (guarded: readonly Guarded[]): string[] =>
  guarded.filter(({ original, copy }) => !sameEntries(original, copy)).map(({ name }) => name)

const shapesOf = (matrices: readonly Matrix[]): string => matrices.map(formatShape).join(', ')

const firstNonFinite = (matrix: Matrix): number | undefined =>
  bufferOf(matrix).find((value) => !Number.isFinite(value))

/** Why the primitive's local derivatives do not come one per operand, if they do not. */
const derivativeCount = (primitive: Primitive): string | undefined => {
  const { name, arity } = primitive
  const names = Array.from({ length: arity }, (_, index) => `x${index}`)
  try {
    const count = primitive.derivatives(names, 'y').length
    const terms = primitive.derivativeTerms?.length
    if (count !== arity || (terms !== undefined && terms !== arity)) {
      return `${name}: ${count} local derivatives${terms === undefined ? '' : ` and ${terms} derivative terms`} for ${arity} operands`
    }
  } catch (error) {
    return `${name}: its local derivatives cannot be written: ${error instanceof Error ? error.message : String(error)}`
  }
  return undefined
}

/**
 * Every law `primitive` breaks at one case, as sentences (empty when it keeps them all): arity,
 * one local derivative per operand and the shape rule, no writes to operands (forward, VJP, JVP),
 * result shapes, finite-difference errors of the VJP and of the JVP ≤ `finiteDifferenceTolerance`
 * (1e-6), adjointness error ≤ `adjointnessTolerance` (1e-10), entry-wise derivative terms within
 * `formulaTolerance` (1e-10) of the VJP (`formulaError`), and a fast path equal to its declared
 * rule bit for bit (`referenceViolations`).
 * The primitive only ever sees copies, so a primitive that writes cannot corrupt the caller's
 * matrices (nor fast-check's shrinking). Usable without fast-check, with any operands and
 * directions: the cotangent shaped like the output, the tangents like the operands.
 *
 * @category Laws
 * @example
 * import assert from 'node:assert'
 * import { graph, linalg } from 'gradfold'
 * import * as check from 'gradfold/check'
 * const x = linalg.fill(1, 3, 0.5)
 * const problems = check.lawViolations(graph.primitives.sigmoid, [x], linalg.fill(1, 3, 0.7), [linalg.fill(1, 3, -0.2)])
 * assert.deepStrictEqual(problems, [])
 */
export const lawViolations = (
  primitive: Primitive,
  operands: readonly Matrix[],
  cotangent: Matrix,
  tangents: readonly Matrix[],
  tolerances: LawTolerances = {},
): readonly string[] => {
  const name = primitive.name
  if (operands.length !== primitive.arity) {
    return [`${name}: given ${operands.length} operands, but its arity is ${primitive.arity}`]
  }
  const promised = primitive.shape(operands)
  if (E.isLeft(promised)) {
    return [`${name}: the shape rule rejects operands ${shapesOf(operands)}: ${promised.left}`]
  }
  const counted = derivativeCount(primitive)
  if (counted !== undefined) return [counted]
  const operandGuards = operands.map((operand, index) => guard(`operand ${index}`, operand))
  const inputs = operandGuards.map(({ copy }) => copy)
  const output = primitive.forward(inputs)
  const problems = written(operandGuards).map((what) => `${name}: forward wrote to its ${what}`)
  if (!sameShape(output, promised.right)) {
    return [
      ...problems,
      `${name}: the shape rule promises ${formatShape(promised.right)} for ${shapesOf(operands)}, forward returned ${formatShape(output)}`,
    ]
  }
  const bad = firstNonFinite(output)
  if (bad !== undefined) {
    return [
      ...problems,
      `${name}: forward gave ${bad} — draw operands inside the primitive's domain (see check.operandsOf)`,
    ]
  }
  if (
    !sameShape(cotangent, output) ||
    tangents.length !== operands.length ||
    tangents.some((tangent, index) => !sameShape(tangent, operands[index] ?? tangent))
  ) {
    throw new RangeError(
      `laws: cotangent ${formatShape(cotangent)} and tangents ${shapesOf(tangents)} must be shaped like the output ${formatShape(output)} and the operands ${shapesOf(operands)}`,
    )
  }
  const outputGuard = guard('output', output)
  const cotangentGuard = guard('cotangent', cotangent)
  const tangentGuards = tangents.map((tangent, index) => guard(`tangent ${index}`, tangent))
  const guarded = [...operandGuards, outputGuard, cotangentGuard, ...tangentGuards]
  const gradients = primitive.vjp(inputs, outputGuard.copy, cotangentGuard.copy)
  const writtenByVjp = written(guarded)
  problems.push(...writtenByVjp.map((what) => `${name}: the VJP wrote to its ${what}`))
  if (
    gradients.length !== operands.length ||
    gradients.some((gradient, index) => !sameShape(gradient, operands[index] ?? gradient))
  ) {
    problems.push(
      `${name}: the VJP returned ${shapesOf(gradients)} for operands ${shapesOf(operands)}`,
    )
  }
  const pushed = primitive.jvp(
    inputs,
    outputGuard.copy,
    tangentGuards.map(({ copy }) => copy),
  )
  problems.push(
    ...written(guarded)
      .filter((what) => !writtenByVjp.includes(what))
      .map((what) => `${name}: the JVP wrote to its ${what}`),
  )
  if (!sameShape(pushed, output)) {
    problems.push(
      `${name}: the JVP returned ${formatShape(pushed)}, the output is ${formatShape(output)}`,
    )
  }
  if (problems.length > 0) return problems
  const step = tolerances.step ?? defaultStep
  requirePositive('step', step)
  const fdTolerance = tolerances.finiteDifferenceTolerance ?? 1e-6
  const adjointTolerance = tolerances.adjointnessTolerance ?? 1e-10
  const formulaTolerance = tolerances.formulaTolerance ?? 1e-10
  const fresh = (): Matrix[] => operands.map(copyOf)
  finiteDifferenceErrors(primitive, fresh(), copyOf(cotangent), step).forEach((error, index) => {
    if (!(error <= fdTolerance)) {
      problems.push(
        `${name}: the VJP for operand ${index} disagrees with central finite differences (relative error ${error}, tolerance ${fdTolerance})`,
      )
    }
  })
  const jvpDifference = jvpError(primitive, fresh(), tangents.map(copyOf), step)
  if (!(jvpDifference <= fdTolerance)) {
    problems.push(
      `${name}: the JVP disagrees with central finite differences along the tangents (relative error ${jvpDifference}, tolerance ${fdTolerance})`,
    )
  }
  const adjointness = adjointnessError(primitive, fresh(), copyOf(cotangent), tangents.map(copyOf))
  if (!(adjointness <= adjointTolerance)) {
    problems.push(
      `${name}: the VJP and the JVP are not adjoint, ⟨u, J·v⟩ ≠ ⟨Jᵀ·u, v⟩ (relative error ${adjointness}, tolerance ${adjointTolerance})`,
    )
  }
  const termDifference = termError(primitive, operands, output, cotangent, gradients)
  if (termDifference !== undefined && !(termDifference <= formulaTolerance)) {
    const shown = primitive
      .derivatives(
        operands.map((_, index) => `x${index}`),
        'y',
      )
      .map(({ text }) => text)
      .join(', ')
    problems.push(
      `${name}: its derivative terms (${shown}) disagree with its VJP (relative error ${termDifference}, tolerance ${formulaTolerance})`,
    )
  }
  problems.push(...referenceViolations(primitive, fresh(), copyOf(cotangent), tangents.map(copyOf)))
  return problems
}

/**
 * Checks every law of `primitive` on `numRuns` (default 200) random cases drawn from `operands`
 * with fast-check, and throws fast-check's report — the seed, the shrunk case, the broken laws —
 * if one fails. One line inside any test:
 * `check.checkPrimitive(myPrimitive, check.operandsOf([{ rows: 3, cols: 2, min: 0.1 }]))`.
 *
 * @category Laws
 * @example
 * import assert from 'node:assert'
 * import { graph, linalg } from 'gradfold'
 * import * as check from 'gradfold/check'
 * const { tanh } = graph.primitives
 * check.checkPrimitive(tanh, check.sizedOperands(2, ([m, n]) => [{ rows: m, cols: n }]), { numRuns: 20 })
 * // the same primitive with the sign of its VJP flipped fails, and fast-check says why
 * const flipped: graph.Primitive = { ...tanh, vjp: (inputs, output, g) => tanh.vjp(inputs, output, linalg.negate(g)) }
 * const operands = check.operandsOf([{ rows: 2, cols: 2 }])
 * assert.throws(() => check.checkPrimitive(flipped, operands, { numRuns: 20 }), /finite differences/)
 */
export const checkPrimitive = (
  primitive: Primitive,
  operands: fc.Arbitrary<readonly Matrix[]>,
  options: LawOptions = {},
): void => {
  // A deeper global setting (FC_NUM_RUNS in gradfold's own tests) deepens the default too.
  const numRuns = options.numRuns ?? Math.max(200, fc.readConfigureGlobal().numRuns ?? 0)
  if (!Number.isSafeInteger(numRuns) || numRuns < 1) {
    throw new RangeError(`checkPrimitive: numRuns is ${numRuns}, expected a positive integer`)
  }
  fc.assert(
    fc.property(lawCases(primitive, operands), (probe) => {
      const problems = lawViolations(
        primitive,
        probe.operands,
        probe.cotangent,
        probe.tangents,
        options,
      )
      if (problems.length > 0) throw new Error(problems.join('\n'))
    }),
    {
      numRuns,
      // the broken laws go into the thrown message itself, not only into its `cause`
      includeErrorInReport: true,
      ...(options.seed === undefined ? {} : { seed: options.seed }),
      ...(options.endOnFailure === undefined ? {} : { endOnFailure: options.endOnFailure }),
    },
  )
}
