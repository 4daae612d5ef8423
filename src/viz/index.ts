// The public surface of gradfold's viz layer: pure builders of the notebook's plots as Vega-Lite
// specs, their words given as arguments (gradfold/teach has them in English and Russian). Nothing
// here renders, writes or reads anything; the CLI (cli/src) renders.

export { activationHeatmaps, type ActivationOptions } from './activation-heatmaps.js'
export { layerActivations } from './activations.js'
export { boundaryFrames, boundaryFrameSpec, type BoundaryFrame } from './boundary-frames.js'
export {
  compareRuns,
  gradientNormCurves,
  lossCurve,
  trainingCurves,
  type CompareOptions,
  type CurveOptions,
} from './curves.js'
export { datasetScatter, type ScatterOptions } from './dataset-scatter.js'
export { decisionBoundary, type BoundaryOptions } from './decision-boundary.js'
export {
  gradientDistributions,
  type DistributionOptions,
  type GradientSnapshot,
} from './gradient-distributions.js'
export { lineChart, type LineChartOptions, type Series } from './line-chart.js'
export {
  gradientHeatmaps,
  weightHeatmaps,
  type ParameterHeatmapOptions,
} from './parameter-heatmaps.js'
export type { PlotWords } from './plot-words.js'
export {
  MAX_GRID_CELLS,
  predictionGrid,
  type GridClasses,
  type PredictionGrid,
} from './prediction-grid.js'
export {
  type FacetView,
  type HorizontalConcat,
  type LayeredView,
  type LayerView,
  type SpecConfig,
  type SpecData,
  type SpecObject,
  type SpecValue,
  type UnitView,
  type VegaLiteSpec,
  type VerticalConcat,
  type View,
  type ViewProperties,
  type WrappedConcat,
} from './spec.js'
