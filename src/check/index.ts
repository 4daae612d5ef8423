// The public surface of gradfold's checking layer: fast-check arbitraries for matrices (and, as
// the layers grow, finite-difference gradient checks and reusable laws). Never needed at run time
// by networks or training.

export {
  dimension,
  matrix,
  matrixOfShape,
  productChain,
  sameShapeMatrices,
  type MatrixConstraints,
  type Tuple,
} from './arbitraries.js'
