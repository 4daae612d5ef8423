// Compiling an expression: one array of steps in topological order, each carrying its node, its
// operands' positions, its checked shape and its label; inputs and parameters collected. Laws:
// compile is Right exactly when every primitive accepts its operands' shapes and each input name
// and parameter path has one shape throughout; every operand sits at an earlier step; the output is
// the last step.

import * as E from 'fp-ts/lib/Either.js'
import { formatShape, sameShape, type Shape } from '../linalg/index.js'
import { shapeError, type GraphError } from './errors.js'
import {
  labelOf,
  type Expression,
  type InputNode,
  type Node,
  type ParameterNode,
  type ValueKind,
} from './expression.js'
import { formatPath } from './tree.js'

/**
 * One node of a plan, with everything evaluation needs about it.
 *
 * @category Compilation
 */
export interface PlanStep {
  readonly node: Node
  /**
   * Positions (in `steps`) of its operands, in operand order; empty for inputs, parameters and
   * constants.
   */
  readonly operands: readonly number[]
  readonly shape: Shape
  /** Its name, or `#position`. */
  readonly label: string
}

/**
 * A checked, ordered expression, ready to evaluate many times.
 *
 * @category Compilation
 */
export interface Plan<Kind extends ValueKind = ValueKind> {
  readonly output: Expression<Kind>
  /** Every node once, operands before the operations that use them; the output last. */
  readonly steps: readonly PlanStep[]
  /** The distinct inputs, by name. */
  readonly inputs: ReadonlyMap<string, InputNode>
  /** The distinct parameters, by their path printed as `layers[0].W`. */
  readonly parameters: ReadonlyMap<string, ParameterNode>
}

/**
 * The Error of a broken plan invariant — a position the plan itself handed out that leads nowhere,
 * a value a sweep should already have computed. That is a bug in gradfold, never bad input, so it
 * throws instead of coming back as a Left.
 */
export const internalError = (
  position: number,
  label: string | undefined,
  problem: string,
): Error =>
  new Error(
    `gradfold internal error: plan step ${position}${label === undefined ? '' : ` (${label})`} ${problem}`,
  )

/** The step at `position`, a position the plan itself handed out (any other is a bug and throws). */
export const stepAt = (plan: Pick<Plan, 'steps'>, position: number): PlanStep => {
  const step = plan.steps[position]
  if (step === undefined) {
    throw internalError(position, undefined, `does not exist (the plan has ${plan.steps.length})`)
  }
  return step
}

/** The output's step: the last one (a plan has at least its output). */
export const outputStep = (plan: Plan): PlanStep => stepAt(plan, plan.steps.length - 1)

const topologicalOrder = (output: Node): Node[] => {
  const order: Node[] = []
  const seen = new Set<Node>()
  // Iterative depth-first search, so deep chains cannot overflow the call stack.
  const stack: { node: Node; expanded: boolean }[] = [{ node: output, expanded: false }]
  while (stack.length > 0) {
    const top = stack.pop()
    if (top === undefined) break
    if (top.expanded) {
      order.push(top.node)
      continue
    }
    if (seen.has(top.node)) continue
    seen.add(top.node)
    stack.push({ node: top.node, expanded: true })
    if (top.node.tag === 'operation') {
      for (const operand of [...top.node.operands].reverse()) {
        if (!seen.has(operand)) stack.push({ node: operand, expanded: false })
      }
    }
  }
  return order
}

const describe = (node: Node, label: string): string =>
  node.tag === 'operation' ? `${label} (${node.primitive.name})` : `${label} (${node.tag})`

/**
 * Checks every shape of `expression` once and orders its nodes for evaluation: one step per
 * distinct node, operands first, the output last.
 *
 * @category Compilation
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { graph } from 'gradfold'
 * const X = graph.input('X', 1, 2)
 * const W = graph.parameter('W1', 2, 3)
 * const plan = graph.compile(graph.named(graph.matmul(X, W), 'z1'))
 * assert.ok(E.isRight(plan))
 * assert.deepStrictEqual(
 *   plan.right.steps.map(({ label, operands, shape }) => [label, operands, shape]),
 *   [['X', [], { rows: 1, cols: 2 }], ['W1', [], { rows: 2, cols: 3 }], ['z1', [0, 1], { rows: 1, cols: 3 }]],
 * )
 * const wrong = graph.compile(graph.named(graph.matmul(W, W), 'z1'))
 * assert.ok(E.isLeft(wrong))
 * assert.strictEqual(wrong.left.message, 'compile: node z1 (matmul): 2×3 · 2×3 — inner sizes 3 and 2 differ')
 */
export const compile = <Kind extends ValueKind>(
  expression: Expression<Kind>,
): E.Either<GraphError, Plan<Kind>> => {
  const order = topologicalOrder(expression)
  const positions = new Map<Node, number>(order.map((node, position) => [node, position]))
  const steps: PlanStep[] = []
  const inputs = new Map<string, InputNode>()
  const parameters = new Map<string, ParameterNode>()
  const push = (node: Node, operands: readonly number[], shape: Shape, label: string): void => {
    steps.push(Object.freeze({ node, operands: Object.freeze(operands), shape, label }))
  }
  for (const [position, node] of order.entries()) {
    const label = labelOf(node, position)
    switch (node.tag) {
      case 'input':
      case 'parameter': {
        // One name, one shape: the same input or parameter may appear as several nodes.
        const declared: Map<string, InputNode | ParameterNode> =
          node.tag === 'input' ? inputs : parameters
        const key = node.tag === 'input' ? node.name : formatPath(node.path)
        const earlier = declared.get(key)
        if (earlier !== undefined && !sameShape(earlier.shape, node.shape)) {
          const both = `${formatShape(earlier.shape)} and ${formatShape(node.shape)}`
          return E.left(
            shapeError(describe(node, label), `${node.tag} ${node.name} is declared both ${both}`),
          )
        }
        declared.set(key, node)
        push(node, [], node.shape, label)
        break
      }
      case 'constant':
        push(node, [], node.value.shape, label)
        break
      case 'operation': {
        if (node.operands.length !== node.primitive.arity) {
          return E.left(
            shapeError(
              describe(node, label),
              `expected ${node.primitive.arity} operands, got ${node.operands.length}`,
            ),
          )
        }
        // The topological order put every operand at an earlier position, so its step exists.
        const operands = node.operands.map((operand) => {
          const at = positions.get(operand)
          if (at === undefined || at >= position) {
            throw internalError(position, label, 'has an operand not ordered before it')
          }
          return at
        })
        const shape = node.primitive.shape(operands.map((at) => stepAt({ steps }, at).shape))
        if (E.isLeft(shape)) return E.left(shapeError(describe(node, label), shape.left))
        push(node, operands, shape.right, label)
        break
      }
    }
  }
  return E.right(
    Object.freeze({ output: expression, steps: Object.freeze(steps), inputs, parameters }),
  )
}
