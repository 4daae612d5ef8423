// One row of the derivative table: a primitive operation with its shape rule, forward kernel,
// vector-Jacobian product, Jacobian-vector product and formulas, kept together so the chain rule
// sits beside the op. A primitive is defined with its operands as tuples of its arity, and
// `definePrimitive` checks the count once, so no rule reads a missing operand. Laws (checked for
// every primitive by property tests): the VJP and the JVP agree with central differences;
// ⟨u, J·v⟩ = ⟨Jᵀ·u, v⟩; forward never writes inputs; a fast path equals its declared rule.

import type * as E from 'fp-ts/lib/Either.js'
import type { Matrix, Shape } from '../linalg/index.js'
import { namesOf, render, type Formula, type Term } from './formula.js'

export { plain, type Formula } from './formula.js'

/**
 * How many operands a primitive defined by `definePrimitive` may take.
 *
 * @category Primitives
 */
export type Arity = 1 | 2 | 3 | 4

/**
 * Exactly `Count` values: `Operands<Matrix, 2>` is `readonly [Matrix, Matrix]`.
 *
 * @category Primitives
 */
export type Operands<Value, Count extends Arity> = {
  readonly 1: readonly [Value]
  readonly 2: readonly [Value, Value]
  readonly 3: readonly [Value, Value, Value]
  readonly 4: readonly [Value, Value, Value, Value]
}[Count]

/**
 * Jᵀ·cotangent for each operand: how a gradient at the output flows back to each input. When
 * `wanted` is given, an operand whose flag is false may get `undefined`: the caller does not need
 * its gradient, so the work is skipped. Without `wanted`, every operand gets its gradient.
 *
 * @category Primitives
 */
export interface VectorJacobianProduct {
  (inputs: readonly Matrix[], output: Matrix, cotangent: Matrix): readonly Matrix[]
  (
    inputs: readonly Matrix[],
    output: Matrix,
    cotangent: Matrix,
    wanted: readonly boolean[] | undefined,
  ): readonly (Matrix | undefined)[]
}

/**
 * What evaluation runs: the forward kernel, the VJP and the JVP, on operands of any count.
 *
 * @category Primitives
 */
export interface Rules {
  /** The value, from operands whose shapes `shape` accepted. */
  readonly forward: (inputs: readonly Matrix[]) => Matrix
  /** Jᵀ·cotangent for each operand (see `VectorJacobianProduct`). */
  readonly vjp: VectorJacobianProduct
  /** J·tangents: how small changes of the operands move the output. */
  readonly jvp: (inputs: readonly Matrix[], output: Matrix, tangents: readonly Matrix[]) => Matrix
}

/**
 * A differentiable operation on matrices.
 *
 * @category Primitives
 */
export interface Primitive extends Rules {
  /** A short name for errors and traces, e.g. `matmul`, `sigmoid`. */
  readonly name: string
  /** How many operands it takes. */
  readonly arity: number
  /** The output shape for these operand shapes, or why they do not fit. */
  readonly shape: (inputs: readonly Shape[]) => E.Either<string, Shape>
  /** The operation applied to argument names, e.g. `(a, b) → "a · b"`. */
  readonly formula: (args: readonly string[]) => Formula
  /** ∂output/∂operandᵢ as formulas in the argument names (`output` names the result), one per operand. */
  readonly derivatives: (args: readonly string[], output: string) => readonly Formula[]
  /**
   * The same local derivatives as data, one term per operand (x₀, x₁, … the operands, y the
   * output), when the primitive writes them so — entry-wise, or as matrix forms acting on the
   * incoming gradient (matmul's Bᵀ on the right): `derivatives` prints these, the walkthrough
   * prints them in its own notation, and the laws evaluate them against the VJP.
   */
  readonly derivativeTerms?: readonly Term[]
  /**
   * The declared rule a fast path stands in for: where forward, VJP and JVP run a hand-written
   * loop for speed, this is the same primitive computed plainly from its declared derivative, and
   * the laws require the two to agree bit for bit.
   */
  readonly reference?: Rules
}

/** The rules of a primitive of `Count` operands, each reading its operands as a tuple. */
interface TupleRules<Count extends Arity> {
  readonly name: string
  readonly arity: Count
  readonly shape: (inputs: Operands<Shape, Count>) => E.Either<string, Shape>
  readonly forward: (inputs: Operands<Matrix, Count>) => Matrix
  readonly vjp: (
    inputs: Operands<Matrix, Count>,
    output: Matrix,
    cotangent: Matrix,
    wanted: Operands<boolean, Count> | undefined,
  ) => Operands<Matrix | undefined, Count>
  readonly jvp: (
    inputs: Operands<Matrix, Count>,
    output: Matrix,
    tangents: Operands<Matrix, Count>,
  ) => Matrix
  readonly formula: (args: Operands<string, Count>) => Formula
  /** The fast path's declared rule, if forward, VJP and JVP are hand-written loops. */
  readonly reference?: Rules
}

/**
 * What defines a primitive of `Count` operands: its rules with operands as tuples, and its local
 * derivatives either as terms (data: printed, evaluated and checked) or as formulas in the
 * argument names.
 *
 * @category Primitives
 */
export type PrimitiveDefinition<Count extends Arity> = TupleRules<Count> &
  (
    | { readonly derivativeTerms: Operands<Term, Count>; readonly derivatives?: never }
    | {
        readonly derivatives: (
          args: Operands<string, Count>,
          output: string,
        ) => Operands<Formula, Count>
        readonly derivativeTerms?: never
      }
  )

/**
 * The list as exactly `arity` values — the one check between the graph, which hands a primitive
 * as many operands as compile counted, and rules that read them as a tuple. Another count is a
 * bug in gradfold and throws.
 */
const exactly = <Value, Count extends Arity>(
  list: readonly Value[],
  arity: Count,
  what: string,
  name: string,
): Operands<Value, Count> => {
  if (list.length !== arity) {
    throw new Error(
      `gradfold internal error: ${name}: expected ${arity} ${what}, got ${list.length}`,
    )
  }
  return list as Operands<Value, Count>
}

/**
 * A frozen primitive record (the one constructor every primitive goes through): its operands,
 * shapes, tangents and argument names are checked to be exactly `arity`, then handed to the rules
 * as tuples. Local derivatives given as terms are printed by `formula.render`.
 *
 * @category Primitives
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { graph, linalg } from 'gradfold'
 * // 2a, entry by entry: its derivative is the constant 2
 * const twice = graph.definePrimitive({
 *   name: 'twice',
 *   arity: 1,
 *   shape: ([a]) => E.right(a),
 *   forward: ([a]) => linalg.scale(a, 2),
 *   vjp: (_inputs, _output, g) => [linalg.scale(g, 2)],
 *   jvp: (_inputs, _output, [t]) => linalg.scale(t, 2),
 *   formula: ([a]) => graph.plain(`2·${a}`),
 *   derivativeTerms: [graph.formula.number(2)],
 * })
 * assert.deepStrictEqual(twice.derivatives(['x'], 'y'), [graph.plain('2')])
 * assert.deepStrictEqual(linalg.toRows(twice.forward([linalg.fill(1, 2, 3)])), [[6, 6]])
 * // the rules read their operands as a tuple: any other count is a bug, and throws
 * assert.throws(() => twice.forward([linalg.ones(1, 1), linalg.ones(1, 1)]), /twice: expected 1 operands, got 2/)
 */
export const definePrimitive = <Count extends Arity>(
  definition: PrimitiveDefinition<Count>,
): Primitive => {
  const { name, arity } = definition
  const operands = <Value>(list: readonly Value[], what: string): Operands<Value, Count> =>
    exactly(list, arity, what, name)
  const terms = definition.derivativeTerms
  const written = definition.derivatives
  const derivatives = (args: readonly string[], output: string): readonly Formula[] => {
    const names = operands(args, 'argument names')
    if (terms !== undefined) {
      const named = namesOf(names, output)
      return terms.map((term: Term) => render(term, named))
    }
    if (written === undefined)
      throw new Error(`gradfold internal error: ${name} has no derivatives`)
    return written(names, output)
  }
  function vjp(inputs: readonly Matrix[], output: Matrix, cotangent: Matrix): readonly Matrix[]
  function vjp(
    inputs: readonly Matrix[],
    output: Matrix,
    cotangent: Matrix,
    wanted: readonly boolean[] | undefined,
  ): readonly (Matrix | undefined)[]
  function vjp(
    inputs: readonly Matrix[],
    output: Matrix,
    cotangent: Matrix,
    wanted?: readonly boolean[],
  ): readonly (Matrix | undefined)[] {
    const contributions: readonly (Matrix | undefined)[] = definition.vjp(
      operands(inputs, 'operands'),
      output,
      cotangent,
      wanted === undefined ? undefined : operands(wanted, 'wanted flags'),
    )
    // Without `wanted` every gradient is owed: a rule that skipped one is a bug.
    if (wanted === undefined && contributions.includes(undefined)) {
      throw new Error(`gradfold internal error: ${name}'s VJP skipped an operand nobody skipped`)
    }
    return contributions
  }
  const primitive: Primitive = {
    name,
    arity,
    shape: (inputs) => definition.shape(operands(inputs, 'operand shapes')),
    forward: (inputs) => definition.forward(operands(inputs, 'operands')),
    vjp,
    jvp: (inputs, output, tangents) =>
      definition.jvp(operands(inputs, 'operands'), output, operands(tangents, 'tangents')),
    formula: (args) => definition.formula(operands(args, 'argument names')),
    derivatives,
    ...(terms === undefined ? {} : { derivativeTerms: Object.freeze([...terms]) }),
    ...(definition.reference === undefined ? {} : { reference: definition.reference }),
  }
  return Object.freeze(primitive)
}
