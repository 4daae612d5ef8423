// The public surface of gradfold's viz layer: pure builders of the notebook's plots as Vega-Lite
// specs, their words given as arguments (gradfold/teach has them in English and Russian). Nothing
// here renders, writes or reads anything; the CLI (cli/src) renders.

export { activationHeatmaps, type ActivationOptions } from './activation-heatmaps.js'
export { layerActivations } from './activations.js'
export { boundaryFrames, boundaryFrameSpec, type BoundaryFrame } from './boundary-frames.js'
export { classIndices, classPointsLayer, pointRows, type PointRow } from './classes.js'
export { contourSegments, type Segment } from './contour.js'
export {
  compareRuns,
  gradientNormCurves,
  lossCurve,
  trainingCurves,
  type CompareOptions,
  type CurveOptions,
} from './curves.js'
export { datasetScatter, type ScatterOptions } from './dataset-scatter.js'
export {
  BAND_COLORS,
  bandRuns,
  decisionBoundary,
  type BandRun,
  type BoundaryOptions,
} from './decision-boundary.js'
export {
  gradientDistributions,
  gradientMagnitudes,
  type DistributionOptions,
  type GradientMagnitude,
  type GradientSnapshot,
} from './gradient-distributions.js'
export { heatmapPanels, type HeatmapColors, type HeatmapPanel } from './heatmap-panels.js'
export {
  lineChart,
  linePoints,
  type LineChartOptions,
  type LinePoint,
  type Series,
} from './line-chart.js'
export {
  gradientHeatmaps,
  weightHeatmaps,
  type ParameterHeatmapOptions,
} from './parameter-heatmaps.js'
export type { PlotWords } from './plot-words.js'
export { arange, MAX_GRID_CELLS, predictionGrid, type PredictionGrid } from './prediction-grid.js'
export {
  FONT,
  standalone,
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
