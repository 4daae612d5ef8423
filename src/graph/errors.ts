// Errors of the graph layer as values, each naming the node (by label and primitive), the input
// or parameter, and the shapes involved: `compile: node z1 (matmul): 1×3 · 2×3 — inner sizes…`.

/**
 * Operand shapes a primitive does not accept, found by `compile`.
 *
 * @category Errors
 */
export interface GraphShapeError {
  readonly _tag: 'GraphShapeError'
  readonly node: string
  readonly message: string
}

/**
 * Bindings that do not fit the plan: missing, unknown, mis-shaped or non-finite values.
 *
 * @category Errors
 */
export interface BindingError {
  readonly _tag: 'BindingError'
  readonly name: string
  readonly message: string
}

/**
 * A value that became NaN or infinite during evaluation, named by the node that produced it.
 *
 * @category Errors
 */
export interface NonFiniteResult {
  readonly _tag: 'NonFiniteResult'
  readonly node: string
  readonly message: string
}

/**
 * Any error the graph layer reports.
 *
 * @category Errors
 */
export type GraphError = GraphShapeError | BindingError | NonFiniteResult

/** A GraphShapeError for a node. */
export const shapeError = (node: string, reason: string): GraphError => ({
  _tag: 'GraphShapeError',
  node,
  message: `compile: node ${node}: ${reason}`,
})

/** A BindingError for an input or parameter. */
export const bindingError = (name: string, reason: string): GraphError => ({
  _tag: 'BindingError',
  name,
  message: `bindings: ${name}: ${reason}`,
})

/** A NonFiniteResult for a node. */
export const nonFiniteResult = (node: string, reason: string): GraphError => ({
  _tag: 'NonFiniteResult',
  node,
  message: `evaluate: node ${node} ${reason}`,
})
