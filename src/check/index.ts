// `gradfold/check`: gradfold's checking layer for tests — fast-check arbitraries for matrices and
// networks, and the laws of primitives (finite-difference checks of VJP and JVP, their
// adjointness, no writes to operands, shape rules, derivative terms against the VJP, fast paths
// against their declared rules) as one-line checks — beside numeric gradient checking
// (gradient-check.ts), which the root entry also carries as its `check` namespace: the same
// functions, from one source. This entry needs fast-check (an optional peer dependency of the
// package); never needed at run time by networks or training.

export {
  dimension,
  matrix,
  matrixOfShape,
  productChain,
  sameShapeMatrices,
  type MatrixConstraints,
  type Tuple,
} from './arbitraries.js'
export { adjointnessError } from './adjointness-law.js'
export { finiteDifferenceError, jvpFiniteDifferenceError } from './finite-difference-laws.js'
export { formulaError } from './formula-law.js'
export {
  lawCases,
  operandsOf,
  sizedOperands,
  type EntryConstraints,
  type LawCase,
  type OperandSpec,
} from './law-cases.js'
export { checkPrimitive, lawViolations, type LawOptions, type LawTolerances } from './laws.js'
export { referenceViolations } from './reference-law.js'
export {
  gradientCheck,
  relativeError,
  type EveryEntryMode,
  type GradientCheckError,
  type GradientCheckOptions,
  type GradientCheckReport,
  type GradientProbe,
  type RandomDirectionsMode,
  type TensorCheck,
} from './gradient-check.js'
export {
  batchFor,
  networkCase,
  type NetworkCase,
  type NetworkConstraints,
} from './network-arbitraries.js'
