// Expressions: an immutable DAG of nodes — inputs (data), parameters (named, differentiated),
// constants and operations — typed by the kind of value they denote, so a scalar loss cannot be
// fed to `matmul`. Build one afresh per call with plain TypeScript (`if`, loops): define-by-run.
// Law: building an expression computes nothing and checks nothing; `compile` checks shapes once.

import type { Matrix, Shape } from '../linalg/index.js'
import { unchecked } from '../linalg/internal.js'
import type { Primitive } from './primitive.js'
import { parsePath, type Path } from './tree.js'

/**
 * What an expression denotes: a matrix, or a scalar (a 1×1 matrix such as a loss).
 *
 * @category Expressions
 */
export type ValueKind = 'matrix' | 'scalar'

/** Data bound by name at evaluation, not differentiated unless asked. */
export interface InputNode {
  readonly tag: 'input'
  readonly valueKind: ValueKind
  readonly name: string
  readonly shape: Shape
  readonly label: string
}

/** A value bound from the parameter tree at `path`, differentiated by `valueAndGradients`. */
export interface ParameterNode {
  readonly tag: 'parameter'
  readonly valueKind: ValueKind
  readonly path: Path
  readonly name: string
  readonly shape: Shape
  readonly label: string
}

/** A fixed value. */
export interface ConstantNode {
  readonly tag: 'constant'
  readonly valueKind: ValueKind
  readonly value: Matrix
  readonly label: string | undefined
}

/** A primitive applied to operand nodes. */
export interface OperationNode {
  readonly tag: 'operation'
  readonly valueKind: ValueKind
  readonly primitive: Primitive
  readonly operands: readonly Node[]
  readonly label: string | undefined
}

/**
 * Any node of an expression graph.
 *
 * @category Expressions
 */
export type Node = InputNode | ParameterNode | ConstantNode | OperationNode

/**
 * An expression denoting a value of kind `Kind`.
 *
 * @category Expressions
 */
export type Expression<Kind extends ValueKind = ValueKind> = Node & { readonly valueKind: Kind }

/** The kind of the value an expression denotes, as a type. */
export type KindOf<E> = E extends Expression<infer Kind> ? Kind : never

/** An operation node of kind `Kind` (internal: the typed operations build these). */
export const operation = <Kind extends ValueKind>(
  valueKind: Kind,
  primitive: Primitive,
  operands: readonly Node[],
): Expression<Kind> =>
  Object.freeze({
    tag: 'operation',
    valueKind,
    primitive,
    operands: Object.freeze([...operands]),
    label: undefined,
  })

/**
 * A data input of the given shape, bound by name at evaluation.
 *
 * @category Expressions
 * @example
 * import assert from 'node:assert'
 * import { graph } from 'gradfold'
 * const X = graph.input('X', 240, 2)
 * assert.deepStrictEqual([X.tag, X.name, X.shape], ['input', 'X', { rows: 240, cols: 2 }])
 */
export const input = (name: string, rows: number, cols: number): Expression<'matrix'> =>
  Object.freeze({ tag: 'input', valueKind: 'matrix', name, shape: { rows, cols }, label: name })

/**
 * A scalar data input (a 1×1 matrix), like the notebook's x in f = (3x + 2)².
 *
 * @category Expressions
 * @example
 * import assert from 'node:assert'
 * import { graph } from 'gradfold'
 * assert.deepStrictEqual(graph.scalarInput('x').shape, { rows: 1, cols: 1 })
 */
export const scalarInput = (name: string): Expression<'scalar'> =>
  Object.freeze({
    tag: 'input',
    valueKind: 'scalar',
    name,
    shape: { rows: 1, cols: 1 },
    label: name,
  })

/**
 * A parameter of the given shape at `path` in the parameter tree (`'W1'`, `'layers[0].W'`).
 *
 * @category Expressions
 * @example
 * import assert from 'node:assert'
 * import { graph } from 'gradfold'
 * assert.deepStrictEqual(graph.parameter('layers[1].W', 3, 1).path, ['layers', 1, 'W'])
 */
export const parameter = (path: string, rows: number, cols: number): Expression<'matrix'> =>
  Object.freeze({
    tag: 'parameter',
    valueKind: 'matrix',
    path: parsePath(path),
    name: path,
    shape: { rows, cols },
    label: path,
  })

/**
 * A scalar parameter (1×1), like the notebook's w and b in L = (x·w + b)².
 *
 * @category Expressions
 * @example
 * import assert from 'node:assert'
 * import { graph } from 'gradfold'
 * assert.strictEqual(graph.scalarParameter('w').valueKind, 'scalar')
 */
export const scalarParameter = (path: string): Expression<'scalar'> =>
  Object.freeze({
    tag: 'parameter',
    valueKind: 'scalar',
    path: parsePath(path),
    name: path,
    shape: { rows: 1, cols: 1 },
    label: path,
  })

/**
 * A fixed matrix.
 *
 * @category Expressions
 * @example
 * import assert from 'node:assert'
 * import { graph, linalg } from 'gradfold'
 * assert.strictEqual(graph.constantMatrix(linalg.identity(2)).tag, 'constant')
 */
export const constantMatrix = (value: Matrix, label?: string): Expression<'matrix'> =>
  Object.freeze({ tag: 'constant', valueKind: 'matrix', value, label })

/**
 * A fixed scalar (1×1), like the 3 and the 2 in 3x + 2. A non-finite value is the caller's bug
 * and throws a RangeError.
 *
 * @category Expressions
 * @example
 * import assert from 'node:assert'
 * import { graph, linalg } from 'gradfold'
 * const two = graph.constant(2)
 * assert.ok(two.tag === 'constant' && linalg.get(two.value, 0, 0) === 2)
 */
export const constant = (value: number, label?: string): Expression<'scalar'> => {
  if (!Number.isFinite(value))
    throw new RangeError(`constant: value is ${value}, expected a finite number`)
  return Object.freeze({
    tag: 'constant',
    valueKind: 'scalar',
    value: unchecked.scalar(value),
    label: label ?? String(value), // the API's default: a constant is labelled by its value
  })
}

/**
 * The same expression with a name for traces and error messages (`u`, `z1`, `loss`).
 *
 * @category Expressions
 * @example
 * import assert from 'node:assert'
 * import { graph } from 'gradfold'
 * assert.strictEqual(graph.named(graph.scalarInput('x'), 'input x').label, 'input x')
 */
export const named = <Kind extends ValueKind>(
  expression: Expression<Kind>,
  label: string,
): Expression<Kind> => Object.freeze({ ...expression, label })

/** The label a node shows in traces and errors: its name, or `#index` in evaluation order. */
export const labelOf = (node: Node, index: number): string => node.label ?? `#${index}` // unnamed
