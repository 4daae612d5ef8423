// The public surface of gradfold's data layer: datasets as immutable { X, y } records, the
// notebook's generators (scikit-learn-exact in numpy mode) and more, splits, scaling, one-hot,
// and the pure parsers of data files: IDX tensors (MNIST's format) and tables of text cells.

export { makeBlobs, type BlobsOptions } from './blobs.js'
export { makeCircles, type CirclesOptions } from './circles.js'
export { dataset, selectExamples, type Dataset } from './dataset.js'
export type { DataError, InvalidData, InvalidOption } from './errors.js'
export { idxDataset, MAX_IDX_VALUES, parseIdx, type IdxTensor, type IdxType } from './idx.js'
export { makeMoons, type MoonsOptions } from './moons.js'
export { oneHot } from './one-hot.js'
export { trainTestSplit, type Split, type SplitOptions } from './split.js'
export { makeSpirals, type SpiralsOptions } from './spirals.js'
export { fitStandardizer, standardize, unstandardize, type Standardizer } from './standardize.js'
export type { RandomOptions } from './stream.js'
export {
  fromTable,
  MAX_TABLE_CELLS,
  tableFeatures,
  type TableData,
  type TableOptions,
} from './table.js'
export { makeXor, type XorOptions } from './xor.js'
