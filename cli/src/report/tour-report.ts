// The tour's report: the notebook's nine figures (fig_01 … fig_09) planned from the tour's
// results, and the page around them — gradfold's numbers beside the notebook's, the derivations,
// the animated moons boundary. Law: the figures are drawn from the same results the tour printed.

import * as E from 'fp-ts/lib/Either.js'
import { viz, linalg } from 'gradfold'
import * as teach from 'gradfold/teach'
import type { TourComparison } from '../tour-comparison.js'
import type { TourResults } from '../tour.js'
import { markdownToHtml } from './derivation.js'
import type { PlannedFigure } from './figure-files.js'
import type { Report, ReportFigure, ReportSection, ReportTable } from './page.js'
import type { Player } from './player.js'
import { primitiveTable } from './primitive-table.js'

// checked reads bound once, as the library binds its own (a module const V8 folds)
const { at } = linalg.checked

/** The samples of X_train whose activations fig_05, fig_06 and fig_07 show (the notebook's). */
export const ACTIVATION_SAMPLES: readonly number[] = [0, 5, 10]

const captions = {
  en: {
    fig01:
      'the computational graph of L = (x·w + b)²: forward values in blue, gradients in red (dashed)',
    fig02: 'moons, the 240 training points: class 0 red circles, class 1 blue squares',
    fig03:
      'the moons network [2, 16, 8, 1]: loss (log scale) and gradient norms (log scale) over 1000 epochs',
    fig04: 'the moons decision boundary after training (grid step 0.02) with the training points',
    activations: (sample: number) => `activations of every layer for X_train[${sample}]`,
    fig08: 'circles, all 300 points',
    fig09: 'the circles decision boundary after training (grid step 0.02) with the points',
  },
  ru: {
    fig01: 'вычислительный граф L = (x·w + b)²: прямой проход синим, градиенты красным пунктиром',
    fig02: 'moons, 240 обучающих точек: класс 0 — красные круги, класс 1 — синие квадраты',
    fig03:
      'сеть [2, 16, 8, 1] на moons: функция потерь и нормы градиентов (логарифмические шкалы), 1000 эпох',
    fig04: 'граница решений на moons после обучения (шаг сетки 0.02) и обучающие точки',
    activations: (sample: number) => `активации каждого слоя для X_train[${sample}]`,
    fig08: 'circles, все 300 точек',
    fig09: 'граница решений на circles после обучения (шаг сетки 0.02) и точки',
  },
} as const

/**
 * The notebook's nine figures as sources to render: fig_01 the graph of L = (x·w + b)² (DOT),
 * fig_02/08 the moons and circles points, fig_03 the moons loss and gradient-norm curves, fig_04/09
 * the decision boundaries, fig_05–07 the activations of X_train[0], [5] and [10]. Left with the
 * message of a network that could not predict.
 *
 * @example
 * import assert from 'node:assert'
 * import { tourFigures } from './tour-report.js'
 * // needs the whole tour (runTour, a few seconds); see cli/test/report/tour-report.test.ts
 * assert.strictEqual(typeof tourFigures, 'function')
 */
export const tourFigures = (
  results: TourResults,
  language: teach.Language,
): E.Either<string, readonly PlannedFigure[]> => {
  const words = captions[language]
  const figureWords = teach.figureWords(language)
  const moons = results.moons.run
  const circles = results.circles.run
  const moonsGrid = viz.predictionGrid(moons.network, moons.data)
  if (E.isLeft(moonsGrid)) return E.left(moonsGrid.left.message)
  const circlesGrid = viz.predictionGrid(circles.network, circles.data)
  if (E.isLeft(circlesGrid)) return E.left(circlesGrid.left.message)
  const activations: PlannedFigure[] = []
  for (const [index, sample] of ACTIVATION_SAMPLES.entries()) {
    const spec = viz.activationHeatmaps(moons.network, moons.data.X, sample, {
      words: figureWords,
    })
    if (E.isLeft(spec)) return E.left(spec.left.message)
    activations.push({
      name: `fig_0${5 + index}`,
      caption: words.activations(sample),
      source: { kind: 'vega-lite', spec: spec.right },
    })
  }
  const vegaLite = (name: string, caption: string, spec: viz.VegaLiteSpec): PlannedFigure => ({
    name,
    caption,
    source: { kind: 'vega-lite', spec },
  })
  return E.right([
    {
      name: 'fig_01',
      caption: words.fig01,
      source: { kind: 'dot', dot: teach.graphFigure(results.graph.trace, { language }) },
    },
    vegaLite('fig_02', words.fig02, viz.datasetScatter(moons.data, { words: figureWords })),
    vegaLite(
      'fig_03',
      words.fig03,
      viz.trainingCurves(moons.history, { words: figureWords, lossTitle: 'Loss (MSE)' }),
    ),
    vegaLite(
      'fig_04',
      words.fig04,
      viz.decisionBoundary(moonsGrid.right, moons.data, { words: figureWords }),
    ),
    ...activations,
    vegaLite('fig_08', words.fig08, viz.datasetScatter(circles.data, { words: figureWords })),
    vegaLite(
      'fig_09',
      words.fig09,
      viz.decisionBoundary(circlesGrid.right, circles.data, { words: figureWords }),
    ),
  ])
}

const formatNumber = (value: number): string =>
  value === 0 || (Math.abs(value) >= 1e-4 && Math.abs(value) < 1e6)
    ? value.toPrecision(8).replace(/\.?0+$/u, '')
    : value.toExponential(3)

/** A tour run's first and last losses (each run trains for a thousand epochs or more). */
const firstLoss = (losses: readonly number[]): number => at(losses, 0, 'tourTables: losses')
const lastLoss = (losses: readonly number[]): number =>
  at(losses, losses.length - 1, 'tourTables: losses')

/**
 * The tour's tables: gradfold's key numbers beside the notebook's (with |Δ|), the loss curves'
 * largest differences, and the two training runs.
 *
 * @example
 * import assert from 'node:assert'
 * import { tourTables } from './tour-report.js'
 * // needs the whole tour; see cli/test/report/tour-report.test.ts
 * assert.strictEqual(typeof tourTables, 'function')
 */
export const tourTables = (
  results: TourResults,
  comparison: TourComparison | undefined,
): readonly ReportTable[] => {
  const runs: ReportTable = {
    title: 'Training runs (full-batch SGD, α = 0.1, MSE)',
    columns: ['run', 'network', 'epochs', 'first loss', 'last loss', 'accuracy'],
    rows: [
      [
        'moons (240 train / 60 test)',
        '[2, 16, 8, 1] ReLU, sigmoid',
        String(results.moons.losses.length),
        formatNumber(firstLoss(results.moons.losses)),
        formatNumber(lastLoss(results.moons.losses)),
        `test ${formatNumber(results.moons.testAccuracy)}`,
      ],
      [
        'circles (300)',
        '[2, 32, 16, 8, 1] ReLU, sigmoid',
        String(results.circles.losses.length),
        formatNumber(firstLoss(results.circles.losses)),
        formatNumber(lastLoss(results.circles.losses)),
        `train ${formatNumber(results.circles.trainAccuracy)}`,
      ],
    ],
  }
  if (comparison === undefined) return [runs]
  const chapters = Object.entries(comparison)
  return [
    {
      title: 'gradfold beside the notebook',
      columns: ['number', 'gradfold', 'notebook', '|Δ|'],
      rows: chapters.flatMap(([, compared]) =>
        compared.rows.map((row) => [
          row.path,
          formatNumber(row.gradfold),
          formatNumber(row.notebook),
          formatNumber(row.difference),
        ]),
      ),
    },
    {
      title: 'Curves beside the notebook’s',
      columns: ['series', 'values', 'largest |Δ|', 'at index'],
      rows: chapters.flatMap(([, compared]) =>
        compared.series.map((series) => [
          series.path,
          String(series.count),
          formatNumber(series.largestDifference),
          String(series.at),
        ]),
      ),
    },
    runs,
  ]
}

/**
 * The tour's derivations as HTML with KaTeX: the 2-3-1 training step (explainTrainingStep's
 * Markdown), the graph of L = (x·w + b)² step by step, and the primitives' derivative table.
 *
 * @example
 * import assert from 'node:assert'
 * import { tourSections } from './tour-report.js'
 * // needs the tour's results; see cli/test/report/tour-report.test.ts
 * assert.strictEqual(typeof tourSections, 'function')
 */
export const tourSections = (
  results: TourResults,
  language: teach.Language,
): E.Either<string, readonly ReportSection[]> => {
  const step = markdownToHtml(results.verbose231.walkthroughMarkdown[language], 1)
  if (E.isLeft(step)) return step
  const graphSteps = markdownToHtml(
    teach.renderMarkdown(results.graph.trace, { language, headingLevel: 3 }),
  )
  if (E.isLeft(graphSteps)) return graphSteps
  const table = primitiveTable()
  if (E.isLeft(table)) return table
  return E.right([
    { title: 'The 2-3-1 training step, derived by the graph', body: step.right },
    { title: 'The graph of L = (x·w + b)², step by step', body: graphSteps.right },
    { title: 'The primitives and their derivatives', body: table.right },
  ])
}

/** What the page is built from besides the figures. */
export interface TourPage {
  readonly results: TourResults
  readonly comparison: TourComparison | undefined
  readonly language: teach.Language
  readonly stylesheet: string
  readonly figures: readonly ReportFigure[]
  readonly players: readonly Player[]
}

/**
 * The tour's report record (for `buildReport`): title, lead, tables, figures, the player and the
 * derivations. Left when a formula does not render.
 *
 * @example
 * import assert from 'node:assert'
 * import { tourReport } from './tour-report.js'
 * // needs the tour's results; see cli/test/report/tour-report.test.ts
 * assert.strictEqual(typeof tourReport, 'function')
 */
export const tourReport = (page: TourPage): E.Either<string, Report> =>
  E.map((sections: readonly ReportSection[]): Report => ({
    title: 'gradfold tour: the backpropagation notebook, replayed',
    lead:
      'The seed notebook replayed by gradfold: the chain rule, the graph of L = (x·w + b)², one ' +
      'training step of the 2-3-1 network, its gradient check, and the moons and circles runs — ' +
      'each key number beside the notebook’s, its nine figures redrawn, and the moons boundary ' +
      'as it formed during training.',
    language: page.language,
    stylesheet: page.stylesheet,
    tables: tourTables(page.results, page.comparison),
    figures: page.figures,
    players: page.players,
    sections,
  }))(tourSections(page.results, page.language))
