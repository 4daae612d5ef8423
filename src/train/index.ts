// The public surface of gradfold's training layer: optimizers as { init, update } pairs of pure
// functions — gradient transformations, `chain` and the aliases built from them — schedules,
// `step` (pure) and `fit` (a fold of step over epochs and batches) with the history they record.
// Nothing here logs, sleeps or reads the clock.

export { applyUpdates, type UpdateError } from './apply-updates.js'
export { miniBatches, shuffledOrder, type ShuffleSource } from './batches.js'
export { chain, passThrough, type EmptyState } from './combinators.js'
export { isDiverged, type Diverged } from './divergence.js'
export { type EarlyStopping, type MonitoredFigure, type StoppedEarly } from './early-stopping.js'
export {
  classScores,
  confusionMatrix,
  evaluateClassifier,
  predictClasses,
  type ClassPredictions,
  type Evaluation,
  type EvaluationOptions,
} from './evaluation.js'
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
  historyOf,
  notebookGradientNorms,
  type EpochRecord,
  type FinalMetrics,
  type History,
} from './history.js'
export type {
  FlatTransform,
  Fusion,
  InPlaceUpdate,
  LanewiseKernels,
  Layout,
  Optimizer,
  Part,
  Parts,
  Unpacked,
} from './optimizer.js'
export { adagrad, type AdagradOptions, type AdagradState } from './optimizers/adagrad.js'
export { adam, type AdamOptions, type AdamState } from './optimizers/adam.js'
export { adamw, type AdamWOptions, type AdamWState } from './optimizers/adamw.js'
export { momentum, type MomentumOptions, type MomentumState } from './optimizers/momentum.js'
export { nesterov, type NesterovState } from './optimizers/nesterov.js'
export { rmsprop, type RmspropOptions, type RmspropState } from './optimizers/rmsprop.js'
export { sgd, type SgdState } from './optimizers/sgd.js'
export { optimizerError, type OptimizerError } from './options.js'
export {
  constantSchedule,
  cosineDecay,
  exponentialDecay,
  stepDecay,
  type LearningRate,
  type Schedule,
} from './schedules.js'
export { initialState, step, type StepConfig, type TrainState } from './step.js'
export { addDecayedWeights } from './transforms/add-decayed-weights.js'
export { clipByGlobalNorm } from './transforms/clip-by-global-norm.js'
export { transformation } from './transforms/flat.js'
export { scaleByAdam, type ScaleByAdamState } from './transforms/scale-by-adam.js'
export {
  scaleByLearningRate,
  type ScaleByLearningRateState,
} from './transforms/scale-by-learning-rate.js'
export { scaleByRms, type RmsOptions, type ScaleByRmsState } from './transforms/scale-by-rms.js'
export { scaleByRss, type RssOptions, type ScaleByRssState } from './transforms/scale-by-rss.js'
export { trace, type TraceOptions, type TraceState } from './transforms/trace.js'
export { globalNorm } from './tree-math.js'
export {
  LOSS_GROWTH_FACTOR,
  SATURATED_EPOCHS,
  trainingWarnings,
  type TrainingWarning,
  type TrainingWarningKind,
} from './warnings.js'
