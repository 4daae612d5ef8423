// Every primitive record, by name — factories for the parametrised ones (`power(p)`, `scale(c)`,
// `leakyRelu(slope)`, `elu(alpha)`, `clamp(low, high)`) — and the builder for new element-wise
// ones, so users and the laws of `check` can reach each row of the derivative table. Law: each
// name here is the record the typed builder of the same name in `graph` builds its nodes with.

export {
  addPrimitive as add,
  divPrimitive as div,
  mulPrimitive as mul,
  negPrimitive as neg,
  powerPrimitive as power,
  scalePrimitive as scale,
  squarePrimitive as square,
  subPrimitive as sub,
} from './arithmetic.js'
export {
  clampPrimitive as clamp,
  eluPrimitive as elu,
  expPrimitive as exp,
  leakyReluPrimitive as leakyRelu,
  logPrimitive as log,
  reluPrimitive as relu,
  sigmoidPrimitive as sigmoid,
  softplusPrimitive as softplus,
  tanhPrimitive as tanh,
} from './activations.js'
export { elementwise, type ElementwiseDefinition, type ElementwiseLoops } from './elementwise.js'
export {
  addRowVectorPrimitive as addRowVector,
  matmulPrimitive as matmul,
  transposePrimitive as transpose,
} from './linear.js'
export {
  binaryCrossEntropyWithLogitsPrimitive as binaryCrossEntropyWithLogits,
  softmaxCrossEntropyPrimitive as softmaxCrossEntropy,
} from './losses.js'
export {
  meanPrimitive as mean,
  sumColumnsPrimitive as sumColumns,
  sumPrimitive as sum,
  sumRowsPrimitive as sumRows,
} from './reductions.js'
export { sameShapes } from './shapes.js'
export {
  logSumExpRowsPrimitive as logSumExpRows,
  softmaxRowsPrimitive as softmaxRows,
} from './softmax.js'
