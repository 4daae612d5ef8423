// The words a plot prints, as a type only: every builder that labels something takes them as an
// argument (`{ words }`), so the specs stay pure data and the core holds no language. Their values,
// in English and the notebook's Russian, are `figureWords` of `gradfold/teach`.
// Law: a builder prints no word it was not given (titles it is given override these).

/**
 * Every word the plot builders print, in one language (gradfold/teach's `figureWords(language)`).
 *
 * @category Specs
 */
export interface PlotWords {
  readonly epoch: string
  readonly loss: string
  readonly lossTitle: string
  readonly gradientNorm: string
  readonly gradientNormTitle: string
  readonly notebookGradientNorm: string
  readonly layerGradientNorm: (layer: number) => string
  readonly feature: (index: number) => string
  readonly classLabel: (index: number) => string
  readonly classTitle: string
  readonly probability: string
  /** The legend of a multi-class boundary's regions (`Predicted class`). */
  readonly predictedClass: string
  /** The loss curve's series when a test loss is drawn beside it. */
  readonly trainingLoss: string
  readonly testLoss: string
  readonly trainingData: string
  readonly decisionBoundary: string
  readonly neuron: string
  readonly input: (size: number) => string
  readonly hiddenLayer: (layer: number, size: number) => string
  readonly output: (size: number) => string
  readonly activationsFor: (sample: number) => string
  readonly activation: string
  readonly weights: string
  readonly gradients: string
  readonly layerMatrix: (name: string, layer: number, rows: number, cols: number) => string
  readonly inputUnit: string
  readonly outputUnit: string
  readonly value: string
  readonly gradientMagnitude: string
  readonly gradientDistributions: string
  readonly layer: string
  readonly epochTitle: (epoch: number) => string
}
