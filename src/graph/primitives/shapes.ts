// The shape rule shared by primitives: element-wise (all operands one shape), turning a mismatch
// into the reason string compile() wraps with the node's name. Law: Right exactly when every
// operand has the first one's shape.

import * as E from 'fp-ts/lib/Either.js'
import { formatShape, type Shape } from '../../linalg/index.js'

/** All operands must have one shape; the output has it too. */
export const sameShapes = (inputs: readonly Shape[]): E.Either<string, Shape> => {
  const [first] = inputs
  if (first === undefined) return E.left('expected at least one operand')
  const other = inputs.find((shape) => shape.rows !== first.rows || shape.cols !== first.cols)
  return other === undefined
    ? E.right(first)
    : E.left(`operands are ${inputs.map(formatShape).join(' and ')} — shapes differ`)
}
