// Evaluating a compiled plan by sweeping its steps: forward values, reverse-mode gradients of a
// scalar with respect to every parameter and input in one backward sweep (or the parameters only,
// for training), vector-Jacobian products of any output, forward-mode JVPs, and traced evaluation.
// Laws: a node used several times accumulates every contribution; evaluation is deterministic and
// never mutates bindings; no NaN or ∞ is returned silently — the node that first produced one is
// named; a value a sweep needs but did not compute is a bug in gradfold and throws.

import * as E from 'fp-ts/lib/Either.js'
import { formatShape, type Matrix } from '../linalg/index.js'
import { unchecked } from '../linalg/internal.js'
import { bindValues, type Bindings } from './bindings.js'
import { internalError, outputStep, stepAt, type Plan, type PlanStep } from './compile.js'
import { bindingError, nonFiniteResult, type GraphError } from './errors.js'
import type { Node } from './expression.js'
import type { Formula } from './formula.js'
import type { Primitive } from './primitive.js'
import type { BackwardStep, ForwardStep, GradientEntry, Trace } from './trace.js'
import { formatPath, leafAt, mapTree, type Tree } from './tree.js'

/**
 * Gradients of a scalar: a tree shaped like the bound parameters, and one matrix per input.
 *
 * @category Differentiation
 */
export interface Gradients {
  readonly parameters: Tree
  readonly inputs: Readonly<Record<string, Matrix>>
}

/**
 * What a sweep computed at `position` (a value, a tangent, a reach flag), read where it must exist
 * already — an operand's, or a step's own after the forward sweep. Missing is a bug and throws.
 */
const computed = <Value>(
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
const operandsOf = (plan: Plan, values: readonly Matrix[], step: PlanStep): Matrix[] =>
  step.operands.map((at) => computed(plan, values[at], at, 'value yet'))

/** The operands' labels, as formulas and messages name them. */
const operandLabels = (plan: Plan, step: PlanStep): string[] =>
  step.operands.map((at) => stepAt(plan, at).label)

/** The output's value: the last one the forward sweep computed. */
const outputValue = (plan: Plan, values: readonly Matrix[]): Matrix =>
  computed(plan, values[plan.steps.length - 1], plan.steps.length - 1, 'value')

const nonFiniteDescription = (value: Matrix): string | undefined => {
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

const forward = (plan: Plan, bindings: Bindings): E.Either<GraphError, Matrix[]> =>
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

interface Recorder {
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
const backward = (
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
const gradientsByName = (
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

const gradientsFrom = (
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

const firstNonFiniteGradient = (
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

/**
 * The output and its directional derivative J·v for tangents v of the inputs and parameters
 * (forward mode; a missing tangent is zero).
 *
 * @category Differentiation
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { graph, linalg } from 'gradfold'
 * const x = graph.scalarInput('x')
 * const plan = graph.compile(graph.square(x))
 * assert.ok(E.isRight(plan))
 * const result = graph.jvp(plan.right, { inputs: { x: linalg.fill(1, 1, 3) } }, { inputs: { x: linalg.fill(1, 1, 1) } })
 * assert.ok(E.isRight(result) && linalg.get(result.right.tangent, 0, 0) === 6)
 */
export const jvp = (
  plan: Plan,
  bindings: Bindings,
  tangents: Bindings,
): E.Either<GraphError, { readonly value: Matrix; readonly tangent: Matrix }> =>
  E.chain((values: Matrix[]) => {
    const tangentValues: Matrix[] = []
    for (const [position, step] of plan.steps.entries()) {
      const { node, shape } = step
      const given = tangentOf(node, tangents)
      if (given !== undefined && (given.rows !== shape.rows || given.cols !== shape.cols)) {
        return E.left(
          bindingError(
            `tangent of ${step.label}`,
            `expected ${formatShape(shape)}, got ${formatShape(given)}`,
          ),
        )
      }
      tangentValues.push(
        node.tag === 'operation'
          ? node.primitive.jvp(
              operandsOf(plan, values, step),
              computed(plan, values[position], position, 'value'),
              operandsOf(plan, tangentValues, step),
            )
          : // Kept fallback, the API's own default: a missing tangent is zero.
            (given ?? unchecked.zerosOf(shape.rows, shape.cols)),
      )
    }
    const last = plan.steps.length - 1
    return E.right({
      value: outputValue(plan, values),
      tangent: computed(plan, tangentValues[last], last, 'tangent'),
    })
  })(forward(plan, bindings))

const tangentOf = (node: Node, tangents: Bindings): Matrix | undefined => {
  if (node.tag === 'input') return tangents.inputs?.[node.name]
  if (node.tag === 'parameter' && tangents.parameters !== undefined) {
    const leaf = leafAt(tangents.parameters, node.path)
    return E.isRight(leaf) ? leaf.right : undefined
  }
  return undefined
}

/**
 * `valueAndGradients` with the whole derivation recorded: every forward step and every chain-rule
 * step of the backward sweep, for teaching and for the renderers.
 *
 * @category Differentiation
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { graph, linalg } from 'gradfold'
 * const x = graph.scalarInput('x')
 * const u = graph.named(graph.add(graph.scale(x, 3), graph.constant(2)), 'u')
 * const plan = graph.compile(graph.named(graph.square(u), 'f'))
 * assert.ok(E.isRight(plan))
 * const traced = graph.traceGradients(plan.right, { inputs: { x: linalg.fill(1, 1, 2) } })
 * assert.ok(E.isRight(traced))
 * const step = traced.right.trace.backward.find((entry) => entry.node === 'f' && entry.operand === 'u')
 * assert.ok(step !== undefined && linalg.get(step.contribution, 0, 0) === 16)
 */
export const traceGradients = (
  plan: Plan<'scalar'>,
  bindings: Bindings,
): E.Either<
  GraphError,
  { readonly value: number; readonly gradients: Gradients; readonly trace: Trace }
> =>
  E.chain((values: Matrix[]) => {
    const recorder: Recorder = { backward: [] }
    const cotangents = backward(plan, values, unchecked.scalar(1), recorder)
    const failure = firstNonFiniteGradient(plan, cotangents)
    if (failure !== undefined) return E.left(failure)
    const forwardSteps: ForwardStep[] = plan.steps.map((step, position) => {
      const { node } = step
      const operands = operandLabels(plan, step)
      return Object.freeze({
        position,
        node: step.label,
        operation: node.tag === 'operation' ? node.primitive.name : node.tag,
        formula: node.tag === 'operation' ? node.primitive.formula(operands) : undefined,
        operands,
        operandPositions: step.operands,
        shape: step.shape,
        value: computed(plan, values[position], position, 'value'),
      })
    })
    const byName = gradientsByName(plan, cotangents)
    const gradients = gradientsFrom(plan, bindings, byName)
    const entries: GradientEntry[] = [
      ...[...plan.inputs.values()].map((node) => ({
        name: node.name,
        kind: 'input' as const,
        key: `input:${node.name}`,
        shape: node.shape,
      })),
      ...[...plan.parameters.values()].map((node) => ({
        name: node.name,
        kind: 'parameter' as const,
        key: `parameter:${formatPath(node.path)}`,
        shape: node.shape,
      })),
    ].map(({ name, kind, key, shape }) => ({
      name,
      kind,
      // Kept fallback, as in gradientsFrom: no gradient reached it, so it is zero.
      gradient: byName.get(key) ?? unchecked.zerosOf(shape.rows, shape.cols),
    }))
    const trace: Trace = Object.freeze({
      forward: Object.freeze(forwardSteps),
      backward: Object.freeze(recorder.backward.map((step) => Object.freeze(step))),
      gradients: Object.freeze(entries),
    })
    return E.right({
      value: unchecked.scalarOf(outputValue(plan, values)),
      gradients,
      trace,
    })
  })(forward(plan, bindings))
