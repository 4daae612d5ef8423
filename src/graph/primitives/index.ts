// Every primitive record, by name — factories for the parametrised ones (`power(p)`, `scale(c)`,
// `leakyRelu(slope)`, `elu(alpha)`, `clamp(low, high)`) — and the builders for new ones, so users
// and the laws of `check` can reach each row of the derivative table. Law: each name here is the
// record the typed operations of `graph` build their nodes with.

export { add, div, mul, neg, power, scale, square, sub } from './arithmetic.js'
export { clamp, elu, exp, leakyRelu, log, relu, sigmoid, softplus, tanh } from './activations.js'
export { elementwise, type ElementwiseDefinition } from './elementwise.js'
export { addRowVector, matmul, transpose } from './linear.js'
export { binaryCrossEntropyWithLogits, softmaxCrossEntropy } from './losses.js'
export { mean, sum, sumColumns, sumRows } from './reductions.js'
export { sameShapes } from './shapes.js'
export { logSumExpRows, softmaxRows } from './softmax.js'
