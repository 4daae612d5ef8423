// Derivation traces as data: what each node computed on the way forward, and how the gradient
// flowed back through each operation to each operand. Renderers (text, Markdown, DOT) read these
// records; nothing here formats or prints. Law: the backward steps' contributions into a node
// add up to that node's gradient.

import type { Matrix, Shape } from '../linalg/index.js'
import type { Formula } from './formula.js'

/**
 * One node's forward computation.
 *
 * @category Traces
 */
export interface ForwardStep {
  /** Position in evaluation order. */
  readonly position: number
  /** The node's label (`u`, `z1`, `#4`). */
  readonly node: string
  /** `input`, `parameter`, `constant`, or the primitive's name. */
  readonly operation: string
  /** The operation applied to its operands' labels; undefined for inputs, parameters, constants. */
  readonly formula: Formula | undefined
  /** The operands' labels. */
  readonly operands: readonly string[]
  /** The operands' positions in evaluation order. */
  readonly operandPositions: readonly number[]
  readonly shape: Shape
  readonly value: Matrix
}

/**
 * One application of the chain rule: an operation's gradient passed to one of its operands.
 *
 * @category Traces
 */
export interface BackwardStep {
  /** The operation's position in evaluation order (labels need not be unique; positions are). */
  readonly nodePosition: number
  /** The operand's position in evaluation order. */
  readonly operandPosition: number
  /** The operation whose gradient flows back (its label). */
  readonly node: string
  /** The operand receiving this contribution (its label). */
  readonly operand: string
  /** ∂node/∂operand as a formula in the operands' labels. */
  readonly localDerivative: Formula
  /** dL/d(node): the gradient arriving from above. */
  readonly upstream: Matrix
  /** This operation's contribution to dL/d(operand): the VJP of `upstream`. */
  readonly contribution: Matrix
}

/**
 * The gradient with respect to one input or parameter, as the backward pass left it.
 *
 * @category Traces
 */
export interface GradientEntry {
  readonly name: string
  readonly kind: 'input' | 'parameter'
  readonly gradient: Matrix
}

/**
 * A whole derivation: forward steps in order, backward steps in reverse order, final gradients.
 *
 * @category Traces
 */
export interface Trace {
  readonly forward: readonly ForwardStep[]
  readonly backward: readonly BackwardStep[]
  readonly gradients: readonly GradientEntry[]
}
