// Forward mode: one sweep carrying a tangent beside each value, giving the directional derivative
// J·v of the output for tangents v of the inputs and parameters (jvp). Laws: a missing tangent is
// zero; a tangent shaped unlike its node is a named error; J·v is the adjoint of reverse mode's Jᵀ·u.

import * as E from 'fp-ts/lib/Either.js'
import { formatShape, type Matrix } from '../linalg/index.js'
import { unchecked } from '../linalg/internal.js'
import type { Bindings } from './bindings.js'
import type { Plan } from './compile.js'
import { bindingError, type GraphError } from './errors.js'
import { computed, forward, operandsOf, outputValue } from './evaluate.js'
import type { Node } from './expression.js'
import { leafAt } from './tree.js'

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
