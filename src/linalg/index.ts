// The public surface of gradfold's linear-algebra layer: immutable matrices, their construction,
// arithmetic, products, reductions, comparison and printing. Kernels and buffers stay internal;
// only the name of the kernel backend in use, and how GRADFOLD_BACKEND is read, are public.

export {
  BACKEND_VARIABLE,
  backendName,
  parseBackendChoice,
  type BackendChoice,
  type BackendName,
} from './backend.js'
export type { ReadonlyFloat64Array } from './buffer.js'
/**
 * Checked reads of arrays and typed arrays: an index gradfold got wrong throws a RangeError
 * naming the place.
 *
 * @category Checked reads
 */
export * as checked from './checked.js'
export { equals, type Tolerance } from './compare.js'
export {
  columnVector,
  fill,
  fromFlat,
  fromRows,
  generate,
  identity,
  ones,
  rowVector,
  validateShape,
  zeros,
} from './construct.js'
export { add, addRowVector, div, map, mul, negate, scale, sub, zipWith } from './elementwise.js'
export type {
  InvalidArgument,
  InvalidShape,
  LengthMismatch,
  LinalgError,
  NonFiniteValue,
  RaggedRows,
  ShapeMismatch,
} from './errors.js'
export { format, formatNumpy, type FormatOptions, type NumpyFormatOptions } from './format.js'
export { get, isMatrix, Matrix, toFlat, toFloat64Array, toRows } from './matrix.js'
export { dot, matmul, matmulTransposeA, matmulTransposeB, transpose } from './product.js'
export {
  columnMeans,
  columnSums,
  frobeniusNorm,
  mean,
  rowArgmax,
  rowMax,
  rowMeans,
  rowSums,
  sum,
} from './reduce.js'
export { concatRows, selectRows } from './rows.js'
export { formatShape, sameShape, type Shape } from './shape.js'
