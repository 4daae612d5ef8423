// Traced evaluation: valueAndGradients with the whole derivation recorded — every forward step
// and every chain-rule step of the backward sweep — for teaching and for the renderers
// (traceGradients). Law: the trace's gradients are the ones valueAndGradients returns.

import * as E from 'fp-ts/lib/Either.js'
import type { Matrix } from '../linalg/index.js'
import { unchecked } from '../linalg/internal.js'
import type { Bindings } from './bindings.js'
import type { Plan } from './compile.js'
import type { GraphError } from './errors.js'
import { computed, forward, operandLabels, outputValue } from './evaluate.js'
import {
  backward,
  firstNonFiniteGradient,
  gradientsByName,
  gradientsFrom,
  type Gradients,
  type Recorder,
} from './reverse-mode.js'
import type { ForwardStep, GradientEntry, Trace } from './trace.js'
import { formatPath } from './tree.js'

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
