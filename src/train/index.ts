// The public surface of gradfold's training layer: optimizers as { init, update } pairs of pure
// functions, combinators and schedules, `step` (pure) and `fit` (a fold of step over epochs and
// batches) with the history they record. Nothing here logs, sleeps or reads the clock.

export { miniBatches, shuffledOrder, type ShuffleSource } from './batches.js'
export {
  addWeightDecay,
  chain,
  clipByGlobalNorm,
  identity,
  scaleByLearningRate,
  type EmptyState,
  type ScaleByLearningRateState,
} from './combinators.js'
export {
  fit,
  fitEpochs,
  foldEpochs,
  type EpochOutcome,
  type EpochResult,
  type FitConfig,
  type FitData,
  type FitResult,
} from './fit.js'
export {
  accuracy,
  emptyHistory,
  finish,
  layerNorms,
  notebookGradientNorms,
  record,
  type EpochRecord,
  type FinalMetrics,
  type History,
} from './history.js'
export type { InPlaceUpdate, Optimizer } from './optimizer.js'
export { adagrad, type AdagradState } from './optimizers/adagrad.js'
export { adam, type AdamOptions, type AdamState } from './optimizers/adam.js'
export { adamw, type AdamWOptions, type AdamWState } from './optimizers/adamw.js'
export { momentum, type MomentumState } from './optimizers/momentum.js'
export { nesterov, type NesterovState } from './optimizers/nesterov.js'
export { rmsprop, type RmspropState } from './optimizers/rmsprop.js'
export { sgd, type SgdState } from './optimizers/sgd.js'
export {
  constant,
  cosineDecay,
  exponentialDecay,
  stepDecay,
  type LearningRate,
  type Schedule,
} from './schedules.js'
export { initialState, step, stepFrom, type StepConfig, type TrainState } from './step.js'
export { globalNorm } from './tree-math.js'
