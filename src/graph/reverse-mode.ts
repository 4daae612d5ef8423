// Reverse mode: one backward sweep from a cotangent at the output, giving the vector-Jacobian
// products with respect to every parameter and input (vjp, valueAndGradients), or the parameters
// only, for training (parameterGradients). Laws: a node used several times accumulates every
// contribution; a parameter no gradient reached gets zeros; the first non-finite gradient is named.

import * as E from 'fp-ts/lib/Either.js'
import { formatShape, type Matrix } from '../linalg/index.js'
import { unchecked } from '../linalg/internal.js'
import type { Bindings } from './bindings.js'
import { outputStep, stepAt, type Plan } from './compile.js'
import { bindingError, nonFiniteResult, type GraphError } from './errors.js'
import {
  computed,
  forward,
  nonFiniteDescription,
  operandLabels,
  operandsOf,
  outputValue,
} from './evaluate.js'
import type { Node } from './expression.js'
import type { Formula } from './formula.js'
import type { Primitive } from './primitive.js'
import type { BackwardStep } from './trace.js'
import { formatPath, mapTree, type Tree } from './tree.js'

/**
 * Gradients of a scalar: a tree shaped like the bound parameters, and one matrix per input.
 *
 * @category Differentiation
 */
export interface Gradients {
  readonly parameters: Tree
  readonly inputs: Readonly<Record<string, Matrix>>
}

/** Where a traced backward sweep writes each chain-rule step it takes. */
export interface Recorder {
  readonly backward: BackwardStep[]
}

/** Whether a parameter's gradient flows through a step, and so which VJPs are worth computing. */
interface StepReach {
  /** The node is a parameter or depends on one. */
  readonly reachesParameter: boolean
  /** For each operand, whether it reaches a parameter. */
  readonly wantedOperands: readonly boolean[]
}

/** One StepReach per plan step, by position. */
type Reach = readonly StepReach[]

const reaches = new WeakMap<Plan, Reach>()

/** The plan's Reach, computed once per plan (plans are immutable). */
const reachOf = (plan: Plan): Reach => {
  const known = reaches.get(plan)
  if (known !== undefined) return known
  const reach: StepReach[] = []
  for (const { node, operands } of plan.steps) {
    const wantedOperands = operands.map(
      (at) => computed(plan, reach[at], at, 'reach yet').reachesParameter,
    )
    reach.push({
      reachesParameter: node.tag === 'parameter' || wantedOperands.includes(true),
      wantedOperands,
    })
  }
  reaches.set(plan, reach)
  return reach
}

/**
 * The local derivative of operand `index`: `definePrimitive` gives one per operand, so a missing
 * one is a bug in a primitive record built by hand, and throws.
 */
const formulaAt = (formulas: readonly Formula[], index: number, primitive: Primitive): Formula => {
  const found = formulas[index]
  if (found === undefined) {
    throw new Error(
      `gradfold: primitive ${primitive.name} gives ${formulas.length} local derivatives for its ${primitive.arity} operands`,
    )
  }
  return found
}

/** Reverse sweep from `seed` at the output; returns each node's cotangent (undefined if unreached). */
export const backward = (
  plan: Plan,
  values: readonly Matrix[],
  seed: Matrix,
  recorder?: Recorder,
  reach?: Reach,
): (Matrix | undefined)[] => {
  // A cotangent stays undefined while no gradient has reached its step (unreached is not zero).
  const cotangents: (Matrix | undefined)[] = plan.steps.map(() => undefined)
  cotangents[plan.steps.length - 1] = seed
  for (let position = plan.steps.length - 1; position >= 0; position--) {
    const step = stepAt(plan, position)
    const { node } = step
    const upstream = cotangents[position]
    if (node.tag !== 'operation' || upstream === undefined) continue
    const stepReach =
      reach === undefined ? undefined : computed(plan, reach[position], position, 'reach')
    if (stepReach?.reachesParameter === false) continue
    const wanted = stepReach?.wantedOperands
    const operands = operandsOf(plan, values, step)
    const output = computed(plan, values[position], position, 'value')
    const contributions = node.primitive.vjp(operands, output, upstream, wanted)
    const labels = recorder === undefined ? [] : operandLabels(plan, step)
    const derivatives = recorder === undefined ? [] : node.primitive.derivatives(labels, step.label)
    step.operands.forEach((at, index) => {
      // A hole is a VJP the primitive skipped because `wanted` said nobody needs it.
      const contribution = contributions[index]
      if (contribution === undefined || wanted?.[index] === false) return
      const earlier = cotangents[at]
      cotangents[at] = earlier === undefined ? contribution : unchecked.add(earlier, contribution)
      recorder?.backward.push({
        nodePosition: position,
        operandPosition: at,
        node: step.label,
        operand: stepAt(plan, at).label,
        localDerivative: formulaAt(derivatives, index, node.primitive),
        upstream,
        contribution,
      })
    })
  }
  return cotangents
}

/**
 * The gradient of each parameter (key `parameter:path`) and input (key `input:name`). One of them
 * may appear as several nodes (built twice, define-by-run): their gradients add up.
 */
export const gradientsByName = (
  plan: Plan,
  cotangents: readonly (Matrix | undefined)[],
): Map<string, Matrix> => {
  const byName = new Map<string, Matrix>()
  const accumulate = (key: string, cotangent: Matrix): void => {
    const earlier = byName.get(key)
    byName.set(key, earlier === undefined ? cotangent : unchecked.add(earlier, cotangent))
  }
  for (const [position, { node }] of plan.steps.entries()) {
    const cotangent = cotangents[position]
    if (cotangent === undefined) continue
    if (node.tag === 'parameter') accumulate(`parameter:${formatPath(node.path)}`, cotangent)
    if (node.tag === 'input') accumulate(`input:${node.name}`, cotangent)
  }
  return byName
}

/**
 * The gradients as the API returns them: a tree shaped like the bound parameters, and one matrix
 * per input unless `withInputs` is false.
 */
export const gradientsFrom = (
  plan: Plan,
  bindings: Bindings,
  byName: ReadonlyMap<string, Matrix>,
  withInputs = true,
): Gradients => {
  // Kept fallbacks, the API's own default: a bound parameter or an input the output does not
  // depend on (no gradient reached it) has a zero gradient, shaped like it.
  const parameters =
    bindings.parameters === undefined
      ? {}
      : mapTree(
          bindings.parameters,
          (leaf, path) =>
            byName.get(`parameter:${formatPath(path)}`) ?? unchecked.zerosOf(leaf.rows, leaf.cols),
        )
  if (!withInputs) return Object.freeze({ parameters, inputs: Object.freeze({}) })
  const inputs = Object.fromEntries(
    [...plan.inputs.values()].map((node) => [
      node.name,
      byName.get(`input:${node.name}`) ?? unchecked.zerosOf(node.shape.rows, node.shape.cols),
    ]),
  )
  return Object.freeze({ parameters, inputs: Object.freeze(inputs) })
}

/** The step that received the first non-finite gradient of the backward sweep, as an error. */
export const firstNonFiniteGradient = (
  plan: Plan,
  cotangents: readonly (Matrix | undefined)[],
): GraphError | undefined => {
  for (let position = plan.steps.length - 1; position >= 0; position--) {
    const cotangent = cotangents[position]
    const found = cotangent === undefined ? undefined : nonFiniteDescription(cotangent)
    if (found !== undefined) {
      return nonFiniteResult(stepAt(plan, position).label, `received a gradient of ${found}`)
    }
  }
  return undefined
}

/** The cotangent to start the sweep from, if it is shaped like the output. */
const seedFor = (plan: Plan, cotangent: Matrix): E.Either<GraphError, Matrix> => {
  const { shape } = outputStep(plan)
  return cotangent.rows === shape.rows && cotangent.cols === shape.cols
    ? E.right(cotangent)
    : E.left(
        bindingError(
          'cotangent',
          `expected ${formatShape(shape)} like the output, got ${formatShape(cotangent)}`,
        ),
      )
}

/**
 * The output and, for a cotangent u shaped like it, the vector-Jacobian products uᵀ·J with
 * respect to every parameter and input (reverse mode, one sweep).
 *
 * @category Differentiation
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { graph, linalg } from 'gradfold'
 * const W = graph.parameter('W', 2, 2)
 * const plan = graph.compile(graph.matmul(graph.input('X', 1, 2), W))
 * assert.ok(E.isRight(plan))
 * const X = linalg.fill(1, 2, 1)
 * const result = graph.vjp(plan.right, { inputs: { X }, parameters: { W: linalg.identity(2) } }, linalg.ones(1, 2))
 * assert.ok(E.isRight(result))
 */
export const vjp = (
  plan: Plan,
  bindings: Bindings,
  cotangent: Matrix,
): E.Either<GraphError, { readonly value: Matrix; readonly gradients: Gradients }> =>
  E.chain((values: Matrix[]) =>
    E.chain((seed: Matrix) => {
      const cotangents = backward(plan, values, seed)
      const failure = firstNonFiniteGradient(plan, cotangents)
      return failure === undefined
        ? E.right({
            value: outputValue(plan, values),
            gradients: gradientsFrom(plan, bindings, gradientsByName(plan, cotangents)),
          })
        : E.left(failure)
    })(seedFor(plan, cotangent)),
  )(forward(plan, bindings))

/**
 * A scalar's value and its gradients with respect to every parameter (a tree shaped like the
 * bound parameters) and every input.
 *
 * @category Differentiation
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { graph, linalg } from 'gradfold'
 * // L = (x·w + b)² at x = 2, w = 3, b = 1
 * const x = graph.scalarInput('x')
 * const L = graph.square(graph.add(graph.mul(x, graph.scalarParameter('w')), graph.scalarParameter('b')))
 * const plan = graph.compile(L)
 * assert.ok(E.isRight(plan))
 * const one = (v: number) => linalg.fill(1, 1, v)
 * const result = graph.valueAndGradients(plan.right, { inputs: { x: one(2) }, parameters: { w: one(3), b: one(1) } })
 * assert.ok(E.isRight(result))
 * assert.strictEqual(result.right.value, 49)
 * const { w, b } = result.right.gradients.parameters as { w: linalg.Matrix; b: linalg.Matrix }
 * assert.deepStrictEqual([linalg.get(w, 0, 0), linalg.get(b, 0, 0)], [28, 14])
 */
export const valueAndGradients = (
  plan: Plan<'scalar'>,
  bindings: Bindings,
): E.Either<GraphError, { readonly value: number; readonly gradients: Gradients }> =>
  E.map(({ value, gradients }: { value: Matrix; gradients: Gradients }) => ({
    value: unchecked.scalarOf(value),
    gradients,
  }))(vjp(plan, bindings, unchecked.scalar(1)))

/**
 * `valueAndGradients` for training: the scalar's value and its gradients with respect to the
 * parameters only — no VJP toward an input or a constant is computed (the gradient of a loss with
 * respect to the data X is work nobody asked for) — plus the values of the nodes in `keep` (say,
 * a network's output inside its loss), by position in `keep`; a node not in the plan keeps
 * `undefined`. The gradients equal `valueAndGradients`'s bit for bit.
 *
 * @category Differentiation
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { graph, linalg } from 'gradfold'
 * // L = (x·w)² at x = 2, w = 3: dL/dw = 2·(x·w)·x = 24; the product x·w is kept
 * const product = graph.mul(graph.scalarInput('x'), graph.scalarParameter('w'))
 * const plan = graph.compile(graph.square(product))
 * assert.ok(E.isRight(plan))
 * const one = (v: number) => linalg.fill(1, 1, v)
 * const result = graph.parameterGradients(plan.right, { inputs: { x: one(2) }, parameters: { w: one(3) } }, [product])
 * assert.ok(E.isRight(result))
 * assert.strictEqual(result.right.value, 36)
 * const { w } = result.right.gradients.parameters as { w: linalg.Matrix }
 * assert.strictEqual(linalg.get(w, 0, 0), 24)
 * const [kept] = result.right.kept
 * assert.ok(kept !== undefined && linalg.get(kept, 0, 0) === 6)
 * assert.deepStrictEqual(result.right.gradients.inputs, {})
 */
export const parameterGradients = (
  plan: Plan<'scalar'>,
  bindings: Bindings,
  keep: readonly Node[] = [],
): E.Either<
  GraphError,
  {
    readonly value: number
    readonly gradients: Gradients
    readonly kept: readonly (Matrix | undefined)[]
  }
> =>
  E.chain((values: Matrix[]) => {
    const seed = unchecked.scalar(1)
    const cotangents = backward(plan, values, seed, undefined, reachOf(plan))
    const failure = firstNonFiniteGradient(plan, cotangents)
    if (failure !== undefined) return E.left(failure)
    return E.right({
      value: unchecked.scalarOf(outputValue(plan, values)),
      gradients: gradientsFrom(plan, bindings, gradientsByName(plan, cotangents), false),
      kept: keep.map((node) => {
        const position = plan.steps.findIndex((step) => step.node === node)
        return position < 0 ? undefined : computed(plan, values[position], position, 'value')
      }),
    })
  })(forward(plan, bindings))
