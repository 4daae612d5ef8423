// The tour as text: each chapter's lines — the notebook's own printout, reproduced from the tour's
// result records — followed by a table of gradfold's key numbers beside the notebook's.
// Laws: pure; in Russian the notebook's stdout appears line for line, in order, within it; both
// languages print the same numbers in the same places.

import { linalg } from 'gradfold'
import * as teach from 'gradfold/teach'
import type { ChapterComparison, TourComparison } from './tour-comparison.js'
import type {
  ChainRuleChapter,
  CirclesChapter,
  GradientCheckChapter,
  GraphChapter,
  MoonsChapter,
  TourResults,
  TrainingCurve,
  Verbose231Chapter,
} from './tour.js'
import { tourWords, type TourWords } from './tour-words.js'

// checked reads bound once, as the library binds its own (a module const V8 folds)
const { at } = linalg.checked

const RULE = '='.repeat(60)
const HASHES = '#'.repeat(60)

/** Python's `str` of a float with an integral or short value: 2 → `2.0`, 0.5 → `0.5`. */
const pyFloat = (value: number): string =>
  Number.isInteger(value) ? value.toFixed(1) : String(value)

/**
 * Python's `{:.2e}`: two decimals and an exponent of at least two digits.
 *
 * @example
 * import assert from 'node:assert'
 * import { pyExponential } from './tour-text.js'
 * assert.strictEqual(pyExponential(5.84e-11), '5.84e-11')
 * assert.strictEqual(pyExponential(12345), '1.23e+04')
 */
export const pyExponential = (value: number): string => {
  const [mantissa = '', exponent = '0'] = value.toExponential(2).split('e')
  const sign = exponent.startsWith('-') ? '-' : '+'
  return `${mantissa}e${sign}${exponent.replace(/^[+-]/u, '').padStart(2, '0')}`
}

/** numpy's shape tuple: `(240, 2)`. */
const shapeTuple = (shape: linalg.Shape): string => `(${String(shape.rows)}, ${String(shape.cols)})`

const chainRuleLines = (chapter: ChainRuleChapter, words: TourWords): string[] => [
  words.forward,
  `x = ${pyFloat(chapter.x)}`,
  `u = 3x + 2 = ${pyFloat(chapter.u)}`,
  `f = u^2 = ${pyFloat(chapter.f)}`,
  '',
  words.backward,
  `df/du = 2u = ${pyFloat(chapter.dfdu)}`,
  // The notebook's du_dx is the int literal 3, printed without `.0`.
  `du/dx = 3 = ${String(chapter.dudx)}`,
  `df/dx = df/du * du/dx = ${pyFloat(chapter.dfdx)}`,
  '',
  words.numericCheck,
  `df/dx (${words.numerically}) = ${chapter.dfdxNumerical.toFixed(6)}`,
  `df/dx (${words.analytically}) = ${pyFloat(chapter.dfdx)}`,
  `${words.difference}: ${Math.abs(chapter.dfdx - chapter.dfdxNumerical).toFixed(10)}`,
]

const graphLines = (
  chapter: GraphChapter,
  words: TourWords,
  language: teach.Language,
): string[] => [
  'z = x·w + b, L = z²',
  '',
  ...teach.renderText(chapter.trace, { language }).split('\n'),
  '',
  words.graphDrawing,
]

/** The walkthrough without its hand-derived block (its heading up to the next rule). */
const withoutHandBlock = (lines: readonly string[], heading: string): readonly string[] => {
  const start = lines.indexOf(`--- ${heading} ---`)
  const end = lines.indexOf(RULE, start)
  return start > 0 && end > start ? [...lines.slice(0, start - 1), ...lines.slice(end - 1)] : lines
}

const verboseLines = (
  chapter: Verbose231Chapter,
  words: TourWords,
  language: teach.Language,
): string[] => [
  HASHES,
  `# ${words.demoTitle}`,
  HASHES,
  '',
  `${words.inputData}: X = ${linalg.formatNumpy(chapter.X)}`,
  `${words.target}: y = ${linalg.formatNumpy(chapter.y)}`,
  ...withoutHandBlock(
    chapter.walkthrough[language].split('\n'),
    teach.walkthroughWords(language).handHeading,
  ),
]

const gradientCheckLines = (chapter: GradientCheckChapter, words: TourWords): string[] => [
  RULE,
  words.checkTitle,
  RULE,
  ...(['W1', 'W2'] as const).flatMap((name) => {
    const probe = chapter[name]
    return [
      '',
      words.checkFor(`${name}[0, 0]`),
      `${words.analyticGradient}${probe.analytic.toFixed(10)}`,
      `${words.numericGradient}${probe.numeric.toFixed(10)}`,
      `${words.gap}${pyExponential(Math.abs(probe.analytic - probe.numeric))}`,
    ]
  }),
  '',
  words.checkVerdict,
]

/** The notebook's progress lines: loss and accuracy before the update, every 100 epochs. */
const epochLines = (curve: TrainingCurve): string[] =>
  curve.losses.flatMap((loss, epoch) =>
    epoch % 100 === 0
      ? [
          `Epoch ${String(epoch)}: Loss = ${loss.toFixed(6)}, Accuracy = ${at(curve.epochAccuracy, epoch, 'epochLines').toFixed(4)}`,
        ]
      : [],
  )

const moonsLines = (chapter: MoonsChapter, words: TourWords): string[] => [
  `${words.trainSize}: ${shapeTuple(chapter.trainShape)}`,
  `${words.testSize}: ${shapeTuple(chapter.testShape)}`,
  '',
  words.training,
  '',
  ...epochLines(chapter),
  '',
  `${words.testAccuracy}: ${chapter.testAccuracy.toFixed(4)}`,
]

const circlesLines = (chapter: CirclesChapter, words: TourWords): string[] => [
  words.circlesTraining,
  '',
  ...epochLines(chapter),
  '',
  `${words.accuracy}: ${chapter.trainAccuracy.toFixed(4)}`,
]

/** `verbose231.updated.W1[0][1]` → `W1[0, 1] after the step`: a row's name for a reader. */
const quantityName = (path: string, words: TourWords): string => {
  const field = path.slice(path.indexOf('.') + 1)
  const entry = (text: string): string => text.replace(/\[(\d+)\]\[(\d+)\]/u, '[$1, $2]')
  const loss = /^losses\[(\d+)\]$/u.exec(field)
  if (loss !== null) return words.lossAt(Number(loss[1]))
  const probe = /^(W\d)\.(analytic|numeric)$/u.exec(field)
  if (probe !== null) {
    const how = probe[2] === 'analytic' ? words.analytically : words.numerically
    return `dL/d${at(probe, 1, 'quantityName')}[0, 0] (${how})`
  }
  if (field.startsWith('updated.')) return `${entry(field.slice('updated.'.length))} ${words.after}`
  const named: Readonly<Record<string, string>> = {
    dfdx: 'df/dx',
    dfdxNumerical: `df/dx (${words.numerically})`,
    loss: 'L',
    testAccuracy: words.testAccuracy,
    trainAccuracy: words.accuracy,
  }
  const known = named[field]
  if (known !== undefined) return known
  // graph.dLdx → dL/dx; verbose231.dW1[0][1] → dL/dW1[0, 1]
  const gradient = /^d(?:Ld)?(\w.*)$/u.exec(field)
  return gradient === null ? field : `dL/d${entry(at(gradient, 1, 'quantityName'))}`
}

/** |Δ|: `0` when equal to the last bit, else Python's `{:.2e}`. */
const differenceText = (difference: number): string =>
  difference === 0 ? '0' : pyExponential(difference)

/**
 * A chapter's comparison as an aligned table: quantity, gradfold's value, the notebook's, |Δ|;
 * then one line per loss curve with its largest |Δ|.
 *
 * @example
 * import assert from 'node:assert'
 * import { comparisonLines } from './tour-text.js'
 * const lines = comparisonLines(
 *   { rows: [{ path: 'graph.dLdx', gradfold: 42, notebook: 42, difference: 0 }], series: [] },
 *   'en',
 * )
 * assert.deepStrictEqual(lines, [
 *   'gradfold beside the notebook:',
 *   '  quantity  gradfold  notebook  |Δ|',
 *   '  dL/dx     42        42        0',
 * ])
 */
export const comparisonLines = (
  comparison: ChapterComparison,
  language: teach.Language,
): string[] => {
  const words = tourWords(language)
  const table: readonly (readonly [string, string, string, string])[] = [
    [words.quantity, 'gradfold', words.notebook, '|Δ|'],
    ...comparison.rows.map(
      (item) =>
        [
          quantityName(item.path, words),
          String(item.gradfold),
          String(item.notebook),
          differenceText(item.difference),
        ] as const,
    ),
  ]
  // every character the tables print (Cyrillic, Δ, ², ·) is one UTF-16 unit wide; the last
  // column is not padded
  const width = (column: 0 | 1 | 2): number =>
    Math.max(...table.map((cells) => cells[column].length))
  const [quantityWidth, gradfoldWidth, notebookWidth] = [width(0), width(1), width(2)]
  return [
    words.comparisonTitle,
    ...table.map(([quantity, gradfold, notebook, difference]) =>
      [
        '  ',
        quantity.padEnd(quantityWidth + 2),
        gradfold.padEnd(gradfoldWidth + 2),
        notebook.padEnd(notebookWidth + 2),
        difference,
      ]
        .join('')
        .trimEnd(),
    ),
    ...comparison.series.map(
      (series) =>
        `  ${words.series(series.count, differenceText(series.largestDifference), series.at)}`,
    ),
  ]
}

/**
 * The whole tour as text: per chapter a heading, the notebook's lines reproduced from `results`,
 * and — when `comparison` is given — the table of gradfold's numbers beside the notebook's.
 * Lines joined by `\n`, without a trailing newline.
 *
 * @example
 * import assert from 'node:assert'
 * import { renderTour } from './tour-text.js'
 * // renderTour(runTour().right, 'ru', comparison) needs the whole tour (a few seconds)
 * assert.strictEqual(typeof renderTour, 'function')
 */
export const renderTour = (
  results: TourResults,
  language: teach.Language,
  comparison?: TourComparison,
): string => {
  const words = tourWords(language)
  const [chainRule, graphTitle, verbose231, gradientCheck, moons, circles] = words.chapters
  const chapters: readonly (readonly [string, ChapterComparison | undefined, readonly string[]])[] =
    [
      [chainRule, comparison?.chainRule, chainRuleLines(results.chainRule, words)],
      [graphTitle, comparison?.graph, graphLines(results.graph, words, language)],
      [verbose231, comparison?.verbose231, verboseLines(results.verbose231, words, language)],
      [gradientCheck, comparison?.gradientCheck, gradientCheckLines(results.gradientCheck, words)],
      [moons, comparison?.moons, moonsLines(results.moons, words)],
      [circles, comparison?.circles, circlesLines(results.circles, words)],
    ]
  const lines = chapters.flatMap(([title, compared, body], index) => [
    ...(index === 0 ? [] : ['']),
    `── ${title} ──`,
    '',
    ...body,
    ...(compared === undefined ? [] : ['', ...comparisonLines(compared, language)]),
  ])
  return [...lines, ...(comparison === undefined ? ['', words.noReference] : [])].join('\n')
}
