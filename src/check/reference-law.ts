// The fast-path law: a primitive that runs hand-written loops for speed equals, bit for bit, the
// plain rule it declares as its `reference` — forward, each operand's VJP and the JVP
// (referenceViolations). Law: no sentence when they agree (or when there is no fast path).

import type { Primitive, Rules } from '../graph/index.js'
import { formatShape, type Matrix } from '../linalg/index.js'
import { bufferOf } from '../linalg/internal.js'
import { copyOf, sameShape } from './law-support.js'

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
