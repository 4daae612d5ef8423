// Training curves: the loss per epoch, the weight-gradient norms per layer with the notebook's
// Σ‖dW‖², and fig_03 (loss | gradient norm side by side, both on log scales); several runs on one
// chart. Laws: pure; one line point per recorded epoch (positive values on log scales).

import { at } from '../linalg/internal.js'
import { notebookGradientNorms, type History } from '../train/index.js'
import { lineChart, type Series } from './line-chart.js'
import type { PlotWords } from './plot-words.js'
import { baseConfig, standalone, type VegaLiteSpec } from './spec.js'

/**
 * Options of the curve figures.
 *
 * @category Figures
 */
export interface CurveOptions {
  readonly title?: string
  /** The curves' words (gradfold/teach's `figureWords(language)`). */
  readonly words: PlotWords
  /** The loss axis title (default `words.loss`; the notebook's `Loss (MSE)` for its runs). */
  readonly lossTitle?: string
}

/**
 * The loss per epoch as a line (fig_03's left half), on a log scale unless `logScale: false`. A
 * history with a test loss (`testLoss`, one value per epoch) draws it beside the training loss:
 * two lines, `words.trainingLoss` and `words.testLoss`, with a legend.
 *
 * @category Figures
 * @example
 * import assert from 'node:assert'
 * import { figureWords } from 'gradfold/teach'
 * import { lossCurve } from './curves.js'
 * const spec = lossCurve({ loss: [0.3, 0.2, 0.1] }, { title: 'Moons', words: figureWords('en') })
 * assert.ok('data' in spec && JSON.stringify(spec.data).includes('"value":0.1'))
 * assert.ok(JSON.stringify(spec).includes('"type":"log"'))
 * const both = lossCurve({ loss: [0.3, 0.2], testLoss: [0.4, 0.3] }, { words: figureWords('en') })
 * assert.ok(JSON.stringify(both).includes('"domain":["Training loss","Test loss"]'))
 */
export const lossCurve = (
  history: { readonly loss: readonly number[]; readonly testLoss?: readonly number[] },
  options: CurveOptions & { readonly logScale?: boolean },
): VegaLiteSpec => {
  const { words } = options
  const testLoss = history.testLoss ?? []
  const series: readonly Series[] =
    testLoss.length === 0
      ? [{ name: words.loss, values: history.loss }]
      : [
          { name: words.trainingLoss, values: history.loss },
          { name: words.testLoss, values: testLoss },
        ]
  return standalone(
    lineChart(series, {
      title: options.title ?? words.lossTitle,
      xTitle: words.epoch,
      yTitle: options.lossTitle ?? words.loss,
      logScale: options.logScale ?? true,
    }),
  )
}

/** The notebook's Σ‖dW‖² line, in its orange. */
const notebookNormSeries = (history: History, words: PlotWords): Series => ({
  name: words.notebookGradientNorm,
  values: notebookGradientNorms(history),
})

/**
 * The L2 norm of each dense layer's weight gradient per epoch (‖dW1‖, ‖dW2‖, …), with the
 * notebook's Σ‖dW‖² beside them, on a log scale: a layer whose line sinks far below the others
 * is the vanishing-gradient picture.
 *
 * @category Figures
 * @example
 * import assert from 'node:assert'
 * import { train } from 'gradfold'
 * import { figureWords } from 'gradfold/teach'
 * import { gradientNormCurves } from './curves.js'
 * const history = train.historyOf([{
 *   loss: 1, trainAccuracy: 0.5, weightGradientNorms: [3, 4], biasGradientNorms: [1, 1], weightNorms: [1, 1],
 * }])
 * const spec = gradientNormCurves(history, { words: figureWords('en') })
 * assert.ok('data' in spec && spec.data !== undefined && 'values' in spec.data)
 * assert.deepStrictEqual((spec.data.values as { value: number }[]).map((point) => point.value), [3, 4, 25])
 */
export const gradientNormCurves = (history: History, options: CurveOptions): VegaLiteSpec => {
  const { words } = options
  const layers = Math.max(0, ...history.gradientNorms.weights.map((norms) => norms.length))
  const perLayer: Series[] = Array.from({ length: layers }, (_, layer) => ({
    name: words.layerGradientNorm(layer + 1),
    values: history.gradientNorms.weights.map((norms) => at(norms, layer, 'gradientNormCurves')),
  }))
  return standalone(
    lineChart([...perLayer, notebookNormSeries(history, words)], {
      title: options.title ?? words.gradientNormTitle,
      xTitle: words.epoch,
      yTitle: words.gradientNorm,
      logScale: true,
    }),
  )
}

/**
 * fig_03: the loss (log scale) and the notebook's gradient norm Σ‖dW‖² (log scale, orange) side
 * by side over the epochs.
 *
 * @category Figures
 * @example
 * import assert from 'node:assert'
 * import { train } from 'gradfold'
 * import { figureWords } from 'gradfold/teach'
 * import { trainingCurves } from './curves.js'
 * const history = train.historyOf([{
 *   loss: 0.3, trainAccuracy: 0.5, weightGradientNorms: [0.1], biasGradientNorms: [0.1], weightNorms: [1],
 * }])
 * const spec = trainingCurves(history, { words: figureWords('ru'), lossTitle: 'Loss (MSE)' })
 * assert.ok('hconcat' in spec)
 * assert.deepStrictEqual(spec.hconcat.map((view) => view.title), ['Кривая обучения: функция потерь', 'Эволюция нормы градиентов'])
 */
export const trainingCurves = (history: History, options: CurveOptions): VegaLiteSpec => {
  const { words } = options
  return {
    ...(options.title === undefined ? {} : { title: options.title }),
    config: { ...baseConfig, axis: { gridOpacity: 0.3 } },
    resolve: { scale: { color: 'independent' } },
    hconcat: [
      lineChart([{ name: words.loss, values: history.loss }], {
        title: words.lossTitle,
        xTitle: words.epoch,
        yTitle: options.lossTitle ?? words.loss,
        logScale: true,
        colors: ['#1f77b4'],
      }),
      lineChart([notebookNormSeries(history, words)], {
        title: words.gradientNormTitle,
        xTitle: words.epoch,
        yTitle: words.gradientNorm,
        logScale: true,
        colors: ['orange'],
      }),
    ],
  }
}

/**
 * Options of `compareRuns`.
 *
 * @category Figures
 */
export interface CompareOptions {
  readonly title: string
  /** The x axis title (the epochs: `figureWords(language).epoch` of gradfold/teach). */
  readonly xTitle: string
  readonly yTitle: string
  /** A log y scale (default false). */
  readonly logScale?: boolean
}

/**
 * Several runs' series on one chart — losses for several learning rates, or several depths — one
 * coloured line per run, labelled in the legend.
 *
 * @category Figures
 * @example
 * import assert from 'node:assert'
 * import { compareRuns } from './curves.js'
 * const spec = compareRuns(
 *   [{ label: 'η = 0.1', values: [1, 0.5] }, { label: 'η = 0.01', values: [1, 0.9] }],
 *   { title: 'Learning rates', xTitle: 'Epoch', yTitle: 'Loss', logScale: true },
 * )
 * assert.ok('encoding' in spec && JSON.stringify(spec.encoding).includes('"domain":["η = 0.1","η = 0.01"]'))
 */
export const compareRuns = (
  runs: readonly { readonly label: string; readonly values: readonly number[] }[],
  options: CompareOptions,
): VegaLiteSpec =>
  standalone(
    lineChart(
      runs.map((run) => ({ name: run.label, values: run.values })),
      {
        title: options.title,
        xTitle: options.xTitle,
        yTitle: options.yTitle,
        logScale: options.logScale ?? false,
        legend: true,
      },
    ),
  )
