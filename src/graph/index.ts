// The public surface of gradfold's graph layer: expressions built from typed operations (each
// beside its primitive under primitives/), compiled once, then evaluated, differentiated in
// reverse and forward mode, and traced for teaching (the traces' renderings: gradfold/teach).

export type { Bindings } from './bindings.js'
export { compile, type Plan, type PlanStep } from './compile.js'
export type { BindingError, GraphError, GraphShapeError, NonFiniteResult } from './errors.js'
export { evaluate } from './evaluate.js'
export { jvp } from './forward-mode.js'
export { parameterGradients, valueAndGradients, vjp, type Gradients } from './reverse-mode.js'
export { traceGradients } from './trace-gradients.js'
export {
  constant,
  constantMatrix,
  input,
  named,
  parameter,
  scalarInput,
  scalarParameter,
  type Expression,
  type Node,
  type ValueKind,
} from './expression.js'
export { add, div, mul, neg, power, scale, square, sub } from './primitives/arithmetic.js'
export {
  clamp,
  elu,
  exp,
  leakyRelu,
  log,
  relu,
  sigmoid,
  softplus,
  tanh,
} from './primitives/activations.js'
export { addRowVector, matmul, transpose } from './primitives/linear.js'
export { binaryCrossEntropyWithLogits, softmaxCrossEntropy } from './primitives/losses.js'
export { mean, sum, sumColumns, sumRows } from './primitives/reductions.js'
export { logSumExpRows, softmaxRows } from './primitives/softmax.js'
/**
 * Every primitive's record (shape rule, forward, VJP, JVP, formula) by name.
 *
 * @category Primitives
 */
export * as primitives from './primitives/index.js'
/**
 * Formulas as data: derivative terms, printed for traces and the walkthrough.
 *
 * @category Primitives
 */
export * as formula from './formula.js'
export {
  definePrimitive,
  plain,
  type Arity,
  type Formula,
  type Operands,
  type Primitive,
  type PrimitiveDefinition,
  type Rules,
  type VectorJacobianProduct,
} from './primitive.js'
export type { BackwardStep, ForwardStep, GradientEntry, Trace } from './trace.js'
export { formatPath, leaves, mapTree, parsePath, zipTree, type Path, type Tree } from './tree.js'
