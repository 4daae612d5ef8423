// One row of the derivative table: a primitive operation with its shape rule, forward kernel,
// vector-Jacobian product, Jacobian-vector product and formulas, kept together so the chain rule
// sits beside the op. Laws (checked for every primitive by property tests): the VJP agrees with
// central differences; ⟨u, J·v⟩ = ⟨Jᵀ·u, v⟩ (VJP and JVP are adjoint); forward never writes inputs.

import type * as E from 'fp-ts/lib/Either.js'
import type { Matrix, Shape } from '../linalg/index.js'

/** A formula in two notations: TeX for rendered documents, plain text for terminals. */
export interface Formula {
  readonly tex: string
  readonly text: string
}

/** A differentiable operation on matrices. */
export interface Primitive {
  /** A short name for errors and traces, e.g. `matmul`, `sigmoid`. */
  readonly name: string
  /** How many operands it takes. */
  readonly arity: number
  /** The output shape for these operand shapes, or why they do not fit. */
  readonly shape: (inputs: readonly Shape[]) => E.Either<string, Shape>
  /** The value, from operands whose shapes `shape` accepted. */
  readonly forward: (inputs: readonly Matrix[]) => Matrix
  /**
   * Jᵀ·cotangent for each operand: how a gradient at the output flows back to each input. When
   * `wanted` is given, an operand whose flag is false may be left out (a hole in the array): the
   * caller does not need its gradient, so the work is skipped.
   */
  readonly vjp: (
    inputs: readonly Matrix[],
    output: Matrix,
    cotangent: Matrix,
    wanted?: readonly boolean[],
  ) => readonly Matrix[]
  /** J·tangents: how small changes of the operands move the output. */
  readonly jvp: (inputs: readonly Matrix[], output: Matrix, tangents: readonly Matrix[]) => Matrix
  /** The operation applied to argument names, e.g. `(a, b) → "a · b"`. */
  readonly formula: (args: readonly string[]) => Formula
  /** ∂output/∂operandᵢ as formulas in the argument names (`output` names the result). */
  readonly derivatives: (args: readonly string[], output: string) => readonly Formula[]
}

/** A formula with the same text in both notations. */
export const plain = (text: string, tex: string = text): Formula => ({ tex, text })

/** A frozen primitive record (the one constructor every primitive goes through). */
export const definePrimitive = (primitive: Primitive): Primitive => Object.freeze(primitive)
