// Compiling an expression: one topological order of its nodes, every shape checked once, inputs
// and parameters collected. Law: compile is Right exactly when every primitive accepts its
// operands' shapes and each input name and parameter path has one shape throughout.

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

/** A checked, ordered expression, ready to evaluate many times. */
export interface Plan<Kind extends ValueKind = ValueKind> {
  readonly output: Expression<Kind>
  /** Every node once, operands before the operations that use them; the output last. */
  readonly order: readonly Node[]
  /** For each position in `order`, the positions of its operands. */
  readonly operandPositions: readonly (readonly number[])[]
  /** The shape of each node, by position. */
  readonly shapes: readonly Shape[]
  /** The label of each node, by position (its name, or `#position`). */
  readonly labels: readonly string[]
  /** The distinct inputs, by name. */
  readonly inputs: ReadonlyMap<string, InputNode>
  /** The distinct parameters, by their path printed as `layers[0].W`. */
  readonly parameters: ReadonlyMap<string, ParameterNode>
}

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
 * Checks every shape of `expression` once and orders its nodes for evaluation.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { graph } from 'gradfold'
 * const X = graph.input('X', 1, 2)
 * const W = graph.parameter('W1', 2, 3)
 * assert.ok(E.isRight(graph.compile(graph.matmul(X, W))))
 * const wrong = graph.compile(graph.named(graph.matmul(W, W), 'z1'))
 * assert.ok(E.isLeft(wrong))
 * assert.strictEqual(wrong.left.message, 'compile: node z1 (matmul): 2×3 · 2×3 — inner sizes 3 and 2 differ')
 */
export const compile = <Kind extends ValueKind>(
  expression: Expression<Kind>,
): E.Either<GraphError, Plan<Kind>> => {
  const order = topologicalOrder(expression)
  const position = new Map<Node, number>(order.map((node, index) => [node, index]))
  const labels = order.map(labelOf)
  const shapes: Shape[] = []
  const operandPositions: (readonly number[])[] = []
  const inputs = new Map<string, InputNode>()
  const parameters = new Map<string, ParameterNode>()
  for (const [index, node] of order.entries()) {
    const label = labels[index] ?? `#${index}`
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
        shapes.push(node.shape)
        operandPositions.push([])
        break
      }
      case 'constant':
        shapes.push(node.value.shape)
        operandPositions.push([])
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
        const positions = node.operands.map((operand) => position.get(operand) ?? -1)
        const shape = node.primitive.shape(
          positions.map((at) => shapes[at] ?? { rows: 0, cols: 0 }),
        )
        if (E.isLeft(shape)) return E.left(shapeError(describe(node, label), shape.left))
        shapes.push(shape.right)
        operandPositions.push(positions)
        break
      }
    }
  }
  return E.right(
    Object.freeze({
      output: expression,
      order,
      operandPositions,
      shapes,
      labels,
      inputs,
      parameters,
    }),
  )
}
