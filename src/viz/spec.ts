// What every figure shares: the Vega-Lite spec type, the one font the renderer has, the class
// colours and marks of the notebook's scatter plots, and the figures' words in English and Russian.
// Laws: pure constants and total functions; every spec built here names the font 'DejaVu Sans'.
//
// A spec is pure data, so its type is written here structurally — the parts of Vega-Lite's
// grammar these builders use — and the core does not depend on vega-lite (not even its types).
// The CLI, which renders, hands a spec to vega-lite's `compile` (gradfold-cli's render-vega.ts);
// the viz tests compile every builder's spec with it, so a misspelt property fails there.

import type { Language } from '../graph/index.js'

export type { Language }

/**
 * A value inside a spec: JSON (a property set to `undefined` is left out, as JSON does).
 *
 * @category Specs
 */
export type SpecValue =
  string | number | boolean | null | undefined | readonly SpecValue[] | SpecObject

/**
 * An object inside a spec: a mark, an encoding, a scale, a title, a config block, …
 *
 * @category Specs
 */
export interface SpecObject {
  readonly [property: string]: SpecValue
}

/**
 * A view's data: rows given inline (`values`), or a named or fetched source.
 *
 * @category Specs
 */
export interface SpecData {
  readonly values?: readonly SpecValue[]
  readonly name?: string
  readonly url?: string
  readonly format?: SpecObject
}

/**
 * A spec's `config`: the font, the background, defaults for titles, views, axes, …
 *
 * @category Specs
 */
export interface SpecConfig extends SpecObject {
  readonly font?: string
  readonly background?: string
  readonly title?: SpecObject
  readonly view?: SpecObject
}

/**
 * What any view may carry besides its kind (Vega-Lite's property names).
 *
 * @category Specs
 */
export interface ViewProperties {
  readonly $schema?: string
  readonly name?: string
  readonly title?: string | SpecObject | undefined
  readonly description?: string
  readonly data?: SpecData
  readonly width?: number | 'container' | SpecObject
  readonly height?: number | 'container' | SpecObject
  readonly transform?: readonly SpecObject[]
  readonly params?: readonly SpecObject[]
  readonly encoding?: SpecObject
  readonly resolve?: SpecObject
  readonly spacing?: number | SpecObject
  readonly padding?: number | SpecObject
  readonly autosize?: string | SpecObject
  readonly background?: string
  readonly config?: SpecConfig
}

/**
 * A single view of one mark (a unit spec).
 *
 * @category Specs
 */
export interface UnitView extends ViewProperties {
  readonly mark: string | SpecObject
}

/**
 * Views drawn on top of each other, sharing scales unless `resolve` says otherwise.
 *
 * @category Specs
 */
export interface LayeredView extends ViewProperties {
  readonly layer: readonly LayerView[]
}

/**
 * One layer of a layered view: a unit view or another layered view.
 *
 * @category Specs
 */
export type LayerView = UnitView | LayeredView

/**
 * Views side by side.
 *
 * @category Specs
 */
export interface HorizontalConcat extends ViewProperties {
  readonly hconcat: readonly View[]
}

/**
 * Views one above the other.
 *
 * @category Specs
 */
export interface VerticalConcat extends ViewProperties {
  readonly vconcat: readonly View[]
}

/**
 * Views in a wrapped grid (`columns` per row).
 *
 * @category Specs
 */
export interface WrappedConcat extends ViewProperties {
  readonly concat: readonly View[]
  readonly columns?: number
}

/**
 * One view repeated per value of a field (`facet: { column: … }`), over the same data.
 *
 * @category Specs
 */
export interface FacetView extends ViewProperties {
  readonly facet: SpecObject
  readonly spec: LayerView
  readonly columns?: number
}

/**
 * Any view: a unit, a layered view, a concatenation or a facet.
 *
 * @category Specs
 */
export type View =
  UnitView | LayeredView | HorizontalConcat | VerticalConcat | WrappedConcat | FacetView

/**
 * A complete Vega-Lite specification: a view with, usually, the shared `config`. The CLI passes
 * it to vega-lite's `compile` as vega-lite's own `TopLevelSpec`.
 *
 * @category Specs
 */
export type VegaLiteSpec = View

/** The only font the renderer loads (resvg draws no text in a font it does not have). */
export const FONT = 'DejaVu Sans'

/** The `config` every spec carries: the font, and a white background like matplotlib's. */
export const baseConfig = { font: FONT, background: 'white' } as const

/** The notebook's class colours (class 0 red, class 1 blue), then more for further classes. */
export const CLASS_COLORS: readonly string[] = ['red', 'blue', 'green', 'orange', 'purple', 'brown']

/** The notebook's class markers (class 0 circles, class 1 squares), then more. */
export const CLASS_SHAPES: readonly string[] = [
  'circle',
  'square',
  'triangle-up',
  'diamond',
  'cross',
  'triangle-down',
]

/**
 * Every word a figure prints, in one language.
 *
 * @category Specs
 */
export interface FigureWords {
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
  readonly run: string
  readonly graphTitle: string
  readonly graphLegend: string
  readonly lossNode: string
  readonly epochTitle: (epoch: number) => string
}

const english: FigureWords = {
  epoch: 'Epoch',
  loss: 'Loss',
  lossTitle: 'Learning curve: loss',
  gradientNorm: 'Gradient norm',
  gradientNormTitle: 'Gradient norm over training',
  notebookGradientNorm: 'Σ‖dW‖² (as the notebook)',
  layerGradientNorm: (layer) => `‖dW${layer}‖ (layer ${layer})`,
  feature: (index) => `Feature ${index}`,
  classLabel: (index) => `Class ${index}`,
  classTitle: 'Class',
  probability: 'P(class 1)',
  trainingData: 'Training data',
  decisionBoundary: 'Decision boundary after training',
  neuron: 'Neuron',
  input: (size) => `Input (size: ${size})`,
  hiddenLayer: (layer, size) => `Layer ${layer} (size: ${size})`,
  output: (size) => `Output (size: ${size})`,
  activationsFor: (sample) => `Activations for sample ${sample}`,
  activation: 'Activation',
  weights: 'Weights per layer',
  gradients: 'Weight gradients per layer',
  layerMatrix: (name, layer, rows, cols) => `${name}${layer} (${rows}×${cols})`,
  inputUnit: 'Input unit',
  outputUnit: 'Output unit',
  value: 'Value',
  gradientMagnitude: '|dW| (log scale)',
  gradientDistributions: 'Weight-gradient magnitudes per layer over training',
  layer: 'Layer',
  run: 'Run',
  graphTitle: 'Computational graph',
  graphLegend: '→ forward propagation (blue)   ⇢ backpropagation (red, dashed)',
  lossNode: 'Loss',
  epochTitle: (epoch) => `Decision boundary at epoch ${epoch}`,
}

const russian: FigureWords = {
  epoch: 'Эпоха',
  loss: 'Loss',
  lossTitle: 'Кривая обучения: функция потерь',
  gradientNorm: 'Норма градиента',
  gradientNormTitle: 'Эволюция нормы градиентов',
  notebookGradientNorm: 'Σ‖dW‖² (как в ноутбуке)',
  layerGradientNorm: (layer) => `‖dW${layer}‖ (слой ${layer})`,
  feature: (index) => `Признак ${index}`,
  classLabel: (index) => `Класс ${index}`,
  classTitle: 'Класс',
  probability: 'P(класс 1)',
  trainingData: 'Обучающие данные',
  decisionBoundary: 'Граница решений после обучения',
  neuron: 'Нейрон',
  input: (size) => `Вход (размер: ${size})`,
  hiddenLayer: (layer, size) => `Слой ${layer} (размер: ${size})`,
  output: (size) => `Выход (размер: ${size})`,
  activationsFor: (sample) => `Активации для примера ${sample}`,
  activation: 'Активация',
  weights: 'Веса по слоям',
  gradients: 'Градиенты весов по слоям',
  layerMatrix: (name, layer, rows, cols) => `${name}${layer} (${rows}×${cols})`,
  inputUnit: 'Входной нейрон',
  outputUnit: 'Выходной нейрон',
  value: 'Значение',
  gradientMagnitude: '|dW| (лог. шкала)',
  gradientDistributions: 'Модули градиентов весов по слоям в ходе обучения',
  layer: 'Слой',
  run: 'Запуск',
  graphTitle: 'Вычислительный граф',
  graphLegend: '→ Прямое распространение (forward)   ⇢ Обратное распространение (backward)',
  lossNode: 'Loss',
  epochTitle: (epoch) => `Граница решений, эпоха ${epoch}`,
}

/**
 * The words of the figures in a language (English unless `ru`).
 *
 * @category Specs
 * @example
 * import assert from 'node:assert'
 * import { figureWords } from './spec.js'
 * assert.strictEqual(figureWords('ru').epoch, 'Эпоха')
 * assert.strictEqual(figureWords(undefined).classLabel(1), 'Class 1')
 */
export const figureWords = (language: Language | undefined): FigureWords =>
  language === 'ru' ? russian : english

/**
 * A finite number rounded to `digits` significant digits, to keep specs small (plots need no
 * more than this); 0 stays 0.
 *
 * @example
 * import assert from 'node:assert'
 * import { compact } from './spec.js'
 * assert.strictEqual(compact(0.123456789), 0.123457)
 * assert.strictEqual(compact(-1234567.8, 3), -1230000)
 */
export const compact = (value: number, digits = 6): number =>
  value === 0 || !Number.isFinite(value) ? value : Number(value.toPrecision(digits))

/**
 * A unit view as a whole figure: the view with the shared config (the font) on top.
 *
 * @example
 * import assert from 'node:assert'
 * import { standalone } from './spec.js'
 * const spec = standalone({ data: { values: [{ a: 1 }] }, mark: 'point', width: 100, height: 100 })
 * assert.strictEqual(spec.config?.font, 'DejaVu Sans')
 */
export const standalone = (view: UnitView): VegaLiteSpec => ({
  ...view,
  data: view.data ?? { values: [] },
  config: baseConfig,
})
