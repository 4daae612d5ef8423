// The laws every primitive keeps, checked together: arity, one local derivative per operand, the
// shape rule agreeing with what forward, VJP and JVP return, nothing writing its operands, and
// the laws of the files beside this one — finite differences, adjointness, the formula, the fast
// path — as sentences (lawViolations) or as one fast-check property (checkPrimitive).
// Law: a primitive that breaks one of them makes `checkPrimitive` throw, naming the law.

import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { formula, type Primitive } from '../graph/index.js'
import { formatShape, type Matrix } from '../linalg/index.js'
import { bufferOf } from '../linalg/internal.js'
import { adjointnessError } from './adjointness-law.js'
import { defaultStep, finiteDifferenceErrors, jvpError } from './finite-difference-laws.js'
import { termError } from './formula-law.js'
import { lawCases } from './law-cases.js'
import { copyOf, requirePositive, sameShape } from './law-support.js'
import { referenceViolations } from './reference-law.js'

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
  /** Largest error allowed between the derivative terms and the VJP (default 1e-10). */
  readonly formulaTolerance?: number
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
 * (1e-6), adjointness error ≤ `adjointnessTolerance` (1e-10), derivative terms (entry-wise or
 * matrix forms) within `formulaTolerance` (1e-10) of the VJP (`formulaError`), and a fast path
 * equal to its declared rule bit for bit (`referenceViolations`).
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
  const terms = primitive.derivativeTerms
  const termDifference = termError(primitive, operands, output, cotangent, gradients)
  if (terms !== undefined && termDifference !== undefined) {
    // the terms the law evaluated, as they print (x0, x1, … the operands, y the output)
    const names = formula.namesOf(
      operands.map((_, index) => `x${index}`),
      'y',
    )
    const shown = terms.map((term) => formula.render(term, names).text).join(', ')
    if (E.isLeft(termDifference)) {
      problems.push(
        `${name}: its derivative terms (${shown}) cannot be held to its VJP: ${termDifference.left}`,
      )
    } else if (!(termDifference.right <= formulaTolerance)) {
      problems.push(
        `${name}: its derivative terms (${shown}) disagree with its VJP (relative error ${termDifference.right}, tolerance ${formulaTolerance})`,
      )
    }
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
