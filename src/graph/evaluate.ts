// Forward evaluation of a compiled plan: one sweep computing every node's value in order, and the
// readers the other sweeps share (a value computed earlier, a step's operands and labels). Laws:
// evaluation is deterministic and never mutates bindings; no NaN or ∞ is returned silently — the
// node that first produced one is named; a value a sweep needs but did not compute throws.

import * as E from 'fp-ts/lib/Either.js'
import type { Matrix } from '../linalg/index.js'
import { unchecked } from '../linalg/internal.js'
import { bindValues, type Bindings } from './bindings.js'
import { internalError, stepAt, type Plan, type PlanStep } from './compile.js'
import { nonFiniteResult, type GraphError } from './errors.js'

/**
 * What a sweep computed at `position` (a value, a tangent, a reach flag), read where it must exist
 * already — an operand's, or a step's own after the forward sweep. Missing is a bug and throws.
 */
export const computed = <Value>(
  plan: Plan,
  found: Value | undefined,
  position: number,
  what: string,
): Value => {
  if (found === undefined)
    throw internalError(position, stepAt(plan, position).label, `has no ${what}`)
  return found
}

/** The values (or tangents) of a step's operands, computed at earlier positions. */
export const operandsOf = (plan: Plan, values: readonly Matrix[], step: PlanStep): Matrix[] =>
  step.operands.map((at) => computed(plan, values[at], at, 'value yet'))

/** The operands' labels, as formulas and messages name them. */
export const operandLabels = (plan: Plan, step: PlanStep): string[] =>
  step.operands.map((at) => stepAt(plan, at).label)

/** The output's value: the last one the forward sweep computed. */
export const outputValue = (plan: Plan, values: readonly Matrix[]): Matrix =>
  computed(plan, values[plan.steps.length - 1], plan.steps.length - 1, 'value')

/** Where a value first stops being finite, as `value at [row, col]`; undefined if it never does. */
export const nonFiniteDescription = (value: Matrix): string | undefined => {
  const at = unchecked.firstNonFinite(value)
  if (at < 0) return undefined
  const row = Math.floor(at / value.cols)
  return `${unchecked.entryAt(value, at)} at [${row}, ${at - row * value.cols}]`
}

/**
 * Every node's value in order, or the first operation whose value is not finite, named with its
 * operands (bound values were checked by `bindValues`, so only operations are checked, each as
 * soon as it is computed — nothing after a failure is evaluated).
 */
const forwardValues = (
  plan: Plan,
  bound: ReadonlyMap<number, Matrix>,
): E.Either<GraphError, Matrix[]> => {
  const values: Matrix[] = []
  for (const [position, step] of plan.steps.entries()) {
    const { node } = step
    if (node.tag !== 'operation') {
      values.push(computed(plan, bound.get(position), position, 'bound value'))
      continue
    }
    const value = node.primitive.forward(operandsOf(plan, values, step))
    values.push(value)
    const found = nonFiniteDescription(value)
    if (found !== undefined) {
      return E.left(
        nonFiniteResult(
          `${step.label} (${node.primitive.name})`,
          `produced ${found} from ${operandLabels(plan, step).join(', ')}`,
        ),
      )
    }
  }
  return E.right(values)
}

/** Bind, then sweep forward: every node's value, or the first binding or value that is wrong. */
export const forward = (plan: Plan, bindings: Bindings): E.Either<GraphError, Matrix[]> =>
  E.chain((bound: ReadonlyMap<number, Matrix>) => forwardValues(plan, bound))(
    bindValues(plan, bindings),
  )

/**
 * The value of the plan's output for these bindings.
 *
 * @category Differentiation
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { graph, linalg } from 'gradfold'
 * const x = graph.scalarInput('x')
 * const plan = graph.compile(graph.square(graph.add(graph.scale(x, 3), graph.constant(2))))
 * assert.ok(E.isRight(plan))
 * const value = graph.evaluate(plan.right, { inputs: { x: linalg.fill(1, 1, 2) } })
 * assert.deepStrictEqual(E.map(linalg.toRows)(value), E.right([[64]]))
 */
export const evaluate = (plan: Plan, bindings: Bindings): E.Either<GraphError, Matrix> =>
  E.map((values: Matrix[]) => outputValue(plan, values))(forward(plan, bindings))
