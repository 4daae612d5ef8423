// Reductions to a scalar: the sum of all entries. Law: the VJP of a sum spreads the (scalar)
// cotangent to every entry; the JVP sums the tangent.

import * as E from 'fp-ts/lib/Either.js'
import { sum as sumAll } from '../../linalg/index.js'
import * as unchecked from '../../linalg/unchecked.js'
import { definePrimitive, plain, type Primitive } from '../primitive.js'
import { argumentAt, operand } from './elementwise.js'
import { operandShape } from './shapes.js'

/** Σ aᵢⱼ as a 1×1 matrix. */
export const sum: Primitive = definePrimitive({
  name: 'sum',
  arity: 1,
  shape: () => E.right({ rows: 1, cols: 1 }),
  forward: (inputs) => unchecked.scalar(sumAll(operand(inputs, 0))),
  vjp: (inputs, _output, cotangent) => {
    const shape = operandShape(inputs, 0)
    return [unchecked.broadcast(cotangent, shape.rows, shape.cols)]
  },
  jvp: (_inputs, _output, tangents) => unchecked.scalar(sumAll(operand(tangents, 0))),
  formula: (args) => plain(`Σ ${argumentAt(args, 0)}`, `\\sum ${argumentAt(args, 0)}`),
  derivatives: () => [plain('1 (every entry)', '\\mathbf{1}')],
})
