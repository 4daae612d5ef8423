// The labelled points of a 2-D dataset as plot rows: coordinates and the class each example
// belongs to (a 0/1 column as its value, a one-hot row as its argmax), with the notebook's colours.
// Laws: one row per example, in the dataset's order; pure.

import type { Dataset } from '../data/index.js'
import * as linalg from '../linalg/index.js'
import type { PlotWords } from './plot-words.js'
import { CLASS_COLORS, CLASS_SHAPES, compact, type LayerView } from './spec.js'

/** One example as a scatter plot draws it. */
export interface PointRow {
  readonly x: number
  readonly y: number
  /** The class index: 0, 1, … */
  readonly class: number
  /** The class as the legend names it: `Class 0`, `Класс 1`. */
  readonly label: string
}

/**
 * The class index of every example: a one-column y holds it (rounded: 0/1 labels, 0.9 → 1), a
 * wider y is one-hot (its argmax).
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { linalg } from 'gradfold'
 * import { classIndices } from './classes.js'
 * const y = linalg.fromRows([[0], [1], [1]])
 * assert.ok(E.isRight(y))
 * assert.deepStrictEqual(classIndices(y.right), [0, 1, 1])
 */
export const classIndices = (y: linalg.Matrix): readonly number[] =>
  y.cols === 1
    ? Array.from(linalg.toFloat64Array(y), (value) => Math.max(0, Math.round(value)))
    : Array.from(linalg.rowArgmax(y))

/**
 * The dataset's first two features and class labels as plot rows (coordinates rounded to 6
 * significant digits); assumes X has at least two columns.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { linalg } from 'gradfold'
 * import { pointRows } from './classes.js'
 * import { figureWords } from 'gradfold/teach'
 * const X = linalg.fromRows([[0.5, 1], [2, -1]])
 * const y = linalg.fromRows([[1], [0]])
 * assert.ok(E.isRight(X) && E.isRight(y))
 * const rows = pointRows({ X: X.right, y: y.right }, figureWords('en'))
 * assert.deepStrictEqual(rows[0], { x: 0.5, y: 1, class: 1, label: 'Class 1' })
 */
export const pointRows = (dataset: Dataset, words: PlotWords): readonly PointRow[] => {
  return classIndices(dataset.y).map((index, row) => ({
    x: compact(linalg.get(dataset.X, row, 0)),
    y: compact(linalg.get(dataset.X, row, 1)),
    class: index,
    label: words.classLabel(index),
  }))
}

/** How many classes the points show (at least two, as the notebook's legend has). */
const classCount = (rows: readonly PointRow[]): number =>
  Math.max(2, ...rows.map((row) => row.class + 1))

/**
 * The Vega-Lite layer of the labelled points: filled markers with a black edge at opacity 0.7,
 * class 0 red circles and class 1 blue squares as in the notebook, a legend naming the classes.
 *
 * @example
 * import assert from 'node:assert'
 * import { classPointsLayer } from './classes.js'
 * import { figureWords } from 'gradfold/teach'
 * const layer = classPointsLayer([{ x: 0, y: 0, class: 0, label: 'Class 0' }], figureWords('en'), ['Feature 1', 'Feature 2'])
 * const text = JSON.stringify(layer)
 * assert.ok(text.includes('"range":["red","blue"]') && text.includes('"range":["circle","square"]'))
 */
export const classPointsLayer = (
  rows: readonly PointRow[],
  words: PlotWords,
  axisTitles: readonly [string, string],
  domain?: { readonly x: readonly [number, number]; readonly y: readonly [number, number] },
): LayerView => {
  const count = classCount(rows)
  const labels = Array.from({ length: count }, (_, index) => words.classLabel(index))
  const pick = (palette: readonly string[]): string[] =>
    labels.map((_, index) => palette[index % palette.length] ?? 'black')
  const legend = { field: 'label', type: 'nominal', title: words.classTitle } as const
  const scale = (extent: readonly [number, number] | undefined) =>
    extent === undefined ? { zero: false, nice: true } : { domain: [...extent], nice: false }
  return {
    data: { values: rows.map((row) => ({ ...row })) },
    mark: {
      type: 'point',
      filled: true,
      size: 50,
      opacity: 0.7,
      stroke: 'black',
      strokeWidth: 1,
    },
    encoding: {
      x: {
        field: 'x',
        type: 'quantitative',
        title: axisTitles[0],
        scale: scale(domain?.x),
      },
      y: {
        field: 'y',
        type: 'quantitative',
        title: axisTitles[1],
        scale: scale(domain?.y),
      },
      fill: { ...legend, scale: { domain: labels, range: pick(CLASS_COLORS) } },
      shape: { ...legend, scale: { domain: labels, range: pick(CLASS_SHAPES) } },
    },
  }
}
