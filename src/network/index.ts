// The public surface of gradfold's network layer: the immutable Network record (mlp, sequential),
// activations, initialisers, losses, dropout, the forward pass, the objective and its gradients.

export {
  activate,
  activationNames,
  parseActivation,
  SIGMOID_CLIP,
  type ActivationName,
} from './activations.js'
export { applyDropout, dropoutMask } from './dropout.js'
export { networkError, type NetworkError, type NetworkErrorKind } from './errors.js'
export { forward, predict, type Architecture, type ForwardOptions } from './forward.js'
export {
  glorotNormal,
  glorotUniform,
  heNormal,
  lecunNormal,
  scaledNormal,
  zerosBias,
  type Initializer,
  type Source,
} from './initializers.js'
export {
  BCE_EPSILON,
  l2Penalty,
  logitLosses,
  lossExpression,
  lossNames,
  parseLoss,
  type LossName,
} from './losses.js'
export {
  decodeModel,
  decodeSavedModel,
  encodeModel,
  modelFormatVersion,
  type DenseLayerJson,
  type DropoutLayerJson,
  type ModelError,
  type ModelJson,
  type SavedModel,
} from './model-codec.js'
export type {
  InputMetadata,
  InputStandardization,
  ModelMetadata,
  OutputMetadata,
} from './model-metadata.js'
export {
  describeLayer,
  fromLayers,
  initParameters,
  mlp,
  sequential,
  type DenseSpec,
  type DropoutSpec,
  type GivenLayer,
  type InitOptions,
  type LayerInput,
  type LayerParameters,
  type LayerSpec,
  type MlpOptions,
  type Network,
} from './network.js'
export {
  compileObjective,
  loss,
  valueAndGradients,
  type CompiledObjective,
  type LossAndGradients,
  type ObjectiveSpec,
} from './compiled-objective.js'
export { objective, type Batch, type ObjectiveOptions } from './objective.js'
export { applyUpdates } from './updates.js'
/**
 * The decoder kit model.json is read with, for other JSON files people write by hand (the CLI's
 * training configs): strict objects naming unknown keys, refined numbers, lists, and one line per
 * problem, `path: expected …, got …`.
 *
 * @category Model files
 */
export * as jsonDecoders from './json-decoders.js'
