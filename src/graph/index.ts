// The public surface of gradfold's graph layer: expressions built from typed operations, compiled
// once, then evaluated, differentiated in reverse and forward mode, and traced for teaching.

export type { Bindings } from './bindings.js'
export { compile, type Plan, type PlanStep } from './compile.js'
export type { BindingError, GraphError, GraphShapeError, NonFiniteResult } from './errors.js'
export {
  evaluate,
  jvp,
  parameterGradients,
  traceGradients,
  valueAndGradients,
  vjp,
  type Gradients,
} from './evaluate.js'
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
export {
  add,
  addRowVector,
  binaryCrossEntropyWithLogits,
  clamp,
  div,
  elu,
  exp,
  leakyRelu,
  log,
  logSumExpRows,
  matmul,
  mean,
  mul,
  neg,
  power,
  relu,
  scale,
  sigmoid,
  softmaxCrossEntropy,
  softmaxRows,
  softplus,
  square,
  sub,
  sum,
  sumColumns,
  sumRows,
  tanh,
  transpose,
} from './operations.js'
export * as primitives from './primitives/index.js'
export { definePrimitive, plain, type Formula, type Primitive } from './primitive.js'
export type { BackwardStep, ForwardStep, GradientEntry, Trace } from './trace.js'
export { formatPath, leaves, mapTree, parsePath, zipTree, type Path, type Tree } from './tree.js'
export {
  renderDot,
  renderMarkdown,
  renderText,
  type DotOptions,
  type Language,
  type MarkdownOptions,
  type TextOptions,
} from './render/index.js'
