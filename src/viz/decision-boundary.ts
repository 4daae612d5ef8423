// Figures 4 and 9 of the notebook: the network's output over the grid as filled bands (matplotlib's
// contourf, red for class 0 to blue for class 1, at opacity 0.4), the 0.5 level as a black line,
// and the labelled points on top; for several outputs (one per class), each cell in the colour of
// its argmax class with black borders between classes. Laws: pure; the runs tile the grid once.

import type { Dataset } from '../data/index.js'
import { at } from '../linalg/internal.js'
import { classPointsLayer, pointRows } from './classes.js'
import { contourSegments, type Segment } from './contour.js'
import type { PredictionGrid } from './prediction-grid.js'
import type { PlotWords } from './plot-words.js'
import {
  baseConfig,
  CLASS_REGION_COLORS,
  compact,
  type LayerView,
  type VegaLiteSpec,
} from './spec.js'

/**
 * Options of `decisionBoundary`.
 *
 * @category Figures
 */
export interface BoundaryOptions {
  /** The title (default `words.decisionBoundary`). */
  readonly title?: string
  /** The axes' and legends' words (gradfold/teach's `figureWords(language)`). */
  readonly words: PlotWords
  /** How many equal bands of [0, 1] the output is filled in (default 10, as contourf picks). */
  readonly bands?: number
  /** The plot's size in pixels (default 600 × 480, the notebook's 10 × 8 inches). */
  readonly width?: number
  readonly height?: number
}

/** One filled run of neighbouring cells of a grid row in the same band. */
export interface BandRun {
  readonly x: number
  readonly x2: number
  readonly y: number
  readonly y2: number
  /** The band's middle value, which gives its colour. */
  readonly p: number
  /** How many grid cells the run covers. */
  readonly cells: number
}

/** matplotlib's RdBu at 0, ¼, ½, ¾ and 1, each blended at opacity 0.4 over white. */
export const BAND_COLORS: readonly string[] = [
  '#c299a5',
  '#efbfb8',
  '#fcfcfc',
  '#b4d4e7',
  '#9bacc0',
]

/** A fresh scale of the bands' colours (Vega-Lite's types want mutable arrays). */
const bandScale = () => ({
  domain: [0, 0.25, 0.5, 0.75, 1],
  range: [...BAND_COLORS],
  interpolate: 'rgb' as const,
})

/** The band index of a value in [0, 1] cut into `bands` equal parts (values outside clamp). */
const bandOf = (value: number, bands: number): number =>
  Math.min(bands - 1, Math.max(0, Math.floor(value * bands)))

/** One filled run of neighbouring cells of a grid row with the same key (a band, a class). */
interface CellRun {
  readonly x: number
  readonly x2: number
  readonly y: number
  readonly y2: number
  readonly key: number
  readonly cells: number
}

/** The first and last value of a grid axis (a grid is walked only along axes it has). */
const axisEnds = (axis: readonly number[], where: string): readonly [number, number] => [
  at(axis, 0, where),
  at(axis, axis.length - 1, where),
]

/** A coordinate clipped to the axis' first and last point, rounded for the spec. */
const clipTo =
  (axis: readonly number[], where: string) =>
  (value: number): number => {
    const [first, last] = axisEnds(axis, where)
    return compact(Math.min(last, Math.max(first, value)))
  }

/**
 * The grid as filled runs: each grid point owns the cell of width `step` around it (clipped to the
 * grid's first and last point, as matplotlib clips its axes), and neighbouring cells of a row with
 * the same key merge into one run.
 */
const cellRuns = (
  grid: PredictionGrid,
  keyAt: (cell: number) => number,
  where: string,
): readonly CellRun[] => {
  const { xs, ys, step } = grid
  const clipX = clipTo(xs, where)
  const clipY = clipTo(ys, where)
  const runs: CellRun[] = []
  ys.forEach((y, row) => {
    const y0 = clipY(y - step / 2)
    const y1 = clipY(y + step / 2)
    const keyOf = (col: number): number => keyAt(row * xs.length + col)
    let start = 0
    while (start < xs.length) {
      const key = keyOf(start)
      let end = start + 1
      while (end < xs.length && keyOf(end) === key) end++
      runs.push({
        x: clipX(at(xs, start, where) - step / 2),
        x2: clipX(at(xs, end - 1, where) + step / 2),
        y: y0,
        y2: y1,
        key,
        cells: end - start,
      })
      start = end
    }
  })
  return runs
}

/**
 * The grid as filled runs: each grid point owns the cell of width `step` around it (clipped to
 * the grid's first and last point, as matplotlib clips its axes), its value is put in one of
 * `bands` equal bands of [0, 1], and neighbouring cells of a row in the same band merge into one
 * run — a compact encoding of a 165 × 252 grid in a few thousand rectangles.
 *
 * @example
 * import assert from 'node:assert'
 * import { bandRuns } from './decision-boundary.js'
 * const grid = { step: 1, xs: [0, 1, 2], ys: [0], xMin: 0, xMax: 2, yMin: 0, yMax: 0, values: [0.01, 0.02, 0.97] }
 * assert.deepStrictEqual(bandRuns(grid, 10).map((run) => [run.x, run.x2, run.p, run.cells]), [
 *   [0, 1.5, 0.05, 2],
 *   [1.5, 2, 0.95, 1],
 * ])
 */
export const bandRuns = (grid: PredictionGrid, bands = 10): readonly BandRun[] => {
  if (!Number.isInteger(bands) || bands < 1) {
    throw new RangeError(`bandRuns: bands is ${bands}, expected a positive integer`)
  }
  const where = 'bandRuns'
  return cellRuns(grid, (cell) => bandOf(at(grid.values, cell, where), bands), where).map(
    ({ x, x2, y, y2, key, cells }) => ({ x, x2, y, y2, p: compact((key + 0.5) / bands), cells }),
  )
}

/** One filled run of neighbouring cells of a grid row where the network predicts the same class. */
export interface ClassRun {
  readonly x: number
  readonly x2: number
  readonly y: number
  readonly y2: number
  /** The class predicted over the run (the argmax of the outputs). */
  readonly class: number
  readonly cells: number
}

/**
 * The grid's predicted classes as filled runs (cells as in `bandRuns`; neighbouring cells of a row
 * with the same argmax class merge). A grid without classes (a one-output network) has none.
 *
 * @example
 * import assert from 'node:assert'
 * import { classRuns } from './decision-boundary.js'
 * const grid = { step: 1, xs: [0, 1, 2], ys: [0], xMin: 0, xMax: 2, yMin: 0, yMax: 0, values: [0, 0, 0],
 *   classes: { count: 3, argmax: [2, 2, 0] } }
 * assert.deepStrictEqual(classRuns(grid).map((run) => [run.x, run.x2, run.class, run.cells]), [
 *   [0, 1.5, 2, 2],
 *   [1.5, 2, 0, 1],
 * ])
 */
export const classRuns = (grid: PredictionGrid): readonly ClassRun[] => {
  const where = 'classRuns'
  const classes = grid.classes
  if (classes === undefined) return []
  return cellRuns(grid, (cell) => at(classes.argmax, cell, where), where).map(
    ({ x, x2, y, y2, key, cells }) => ({ x, x2, y, y2, class: key, cells }),
  )
}

/**
 * The borders between predicted classes: a segment along every cell edge whose two cells predict
 * different classes (vertical edges between neighbours of a row, horizontal ones between
 * neighbouring rows, the latter merged along the row). A grid without classes has none.
 *
 * @example
 * import assert from 'node:assert'
 * import { classBorders } from './decision-boundary.js'
 * // class 0 on the left column, class 1 on the right: one vertical border at x = 0.5 per row
 * const grid = { step: 1, xs: [0, 1], ys: [0, 1], xMin: 0, xMax: 1, yMin: 0, yMax: 1, values: [0, 0, 0, 0],
 *   classes: { count: 2, argmax: [0, 1, 0, 1] } }
 * assert.deepStrictEqual(classBorders(grid), [
 *   { x: 0.5, y: 0, x2: 0.5, y2: 0.5 },
 *   { x: 0.5, y: 0.5, x2: 0.5, y2: 1 },
 * ])
 */
export const classBorders = (grid: PredictionGrid): readonly Segment[] => {
  const where = 'classBorders'
  const { xs, ys, step, classes } = grid
  if (classes === undefined) return []
  const clipX = clipTo(xs, where)
  const clipY = clipTo(ys, where)
  const classAt = (col: number, row: number): number =>
    at(classes.argmax, row * xs.length + col, where)
  const segments: Segment[] = []
  ys.forEach((y, row) => {
    // vertical edges between neighbours of this row
    for (let col = 1; col < xs.length; col++) {
      if (classAt(col - 1, row) !== classAt(col, row)) {
        const x = compact(at(xs, col, where) - step / 2)
        segments.push({ x, y: clipY(y - step / 2), x2: x, y2: clipY(y + step / 2) })
      }
    }
    // horizontal edges between this row and the next, merged along the row
    if (row + 1 >= ys.length) return
    const edge = compact(y + step / 2)
    let col = 0
    while (col < xs.length) {
      if (classAt(col, row) === classAt(col, row + 1)) {
        col++
        continue
      }
      const start = col
      while (col < xs.length && classAt(col, row) !== classAt(col, row + 1)) col++
      segments.push({
        x: clipX(at(xs, start, where) - step / 2),
        y: edge,
        x2: clipX(at(xs, col - 1, where) + step / 2),
        y2: edge,
      })
    }
  })
  return segments
}

/** The axes' scale spanning exactly the grid. */
const gridScale = (extent: readonly [number, number]) => ({ domain: [...extent], nice: false })

/** The filled layer's position encoding: the runs' rectangles, the axes titled by feature. */
const rectanglePosition = (
  words: PlotWords,
  domain: { readonly x: readonly [number, number]; readonly y: readonly [number, number] },
) => ({
  x: { field: 'x', type: 'quantitative', scale: gridScale(domain.x), title: words.feature(1) },
  x2: { field: 'x2' },
  y: { field: 'y', type: 'quantitative', scale: gridScale(domain.y), title: words.feature(2) },
  y2: { field: 'y2' },
})

/** The two-class fill: the output in bands of RdBu, titled as class 1's probability. */
const bandLayer = (
  grid: PredictionGrid,
  options: BoundaryOptions,
  domain: { readonly x: readonly [number, number]; readonly y: readonly [number, number] },
): LayerView => {
  const { words } = options
  return {
    data: {
      values: bandRuns(grid, options.bands).map(({ x, x2, y, y2, p }) => ({ x, x2, y, y2, p })),
    },
    // opaque colours (RdBu already blended at 0.4 on white, as contourf's alpha=0.4 shows
    // it), each rectangle stroked in its own colour: anti-aliased edges leave no seams
    mark: { type: 'rect', clip: true, strokeWidth: 1 },
    encoding: {
      ...rectanglePosition(words, domain),
      color: {
        field: 'p',
        type: 'quantitative',
        title: words.probability,
        scale: bandScale(),
      },
      // the same field, scale and title: one legend for fill and stroke
      stroke: {
        field: 'p',
        type: 'quantitative',
        scale: bandScale(),
        title: words.probability,
      },
    },
  }
}

/** The multi-class fill: every run in its argmax class's colour, the legend naming the classes. */
const regionLayer = (
  grid: PredictionGrid,
  classCount: number,
  words: PlotWords,
  domain: { readonly x: readonly [number, number]; readonly y: readonly [number, number] },
): LayerView => {
  const labels = Array.from({ length: classCount }, (_, index) => words.classLabel(index))
  const colors = labels.map(
    (_, index) => CLASS_REGION_COLORS[index % CLASS_REGION_COLORS.length] ?? 'white',
  )
  const scale = () => ({ domain: [...labels], range: [...colors] })
  return {
    data: {
      values: classRuns(grid).map(({ x, x2, y, y2, class: index }) => ({
        x,
        x2,
        y,
        y2,
        // not the points' field `label`: Vega-Lite would merge the two legends into one
        predicted: words.classLabel(index),
      })),
    },
    // opaque colours (the class colours blended at 0.4 on white), stroked in their own colour
    mark: { type: 'rect', clip: true, strokeWidth: 1 },
    encoding: {
      ...rectanglePosition(words, domain),
      color: { field: 'predicted', type: 'nominal', title: words.predictedClass, scale: scale() },
      stroke: { field: 'predicted', type: 'nominal', title: words.predictedClass, scale: scale() },
    },
  }
}

/**
 * The decision boundary of fig_04 / fig_09: the grid's output filled in bands from red (0, class
 * 0) to blue (1, class 1) in matplotlib's RdBu at opacity 0.4, the 0.5 contour as a black line, and
 * the dataset's points (class 0 red circles, class 1 blue squares) over it; the axes span exactly
 * the grid. A grid of a network with several outputs (one per class, `grid.classes`) is drawn by
 * its predicted classes instead: each cell in its argmax class's colour (the points' colour
 * blended at 0.4 on white), black lines where the predicted class changes, a legend naming the
 * classes (`words.predictedClass`).
 *
 * @category Figures
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { data, network, random } from 'gradfold'
 * import { figureWords } from 'gradfold/teach'
 * import { decisionBoundary } from './decision-boundary.js'
 * import { predictionGrid } from './prediction-grid.js'
 * const moons = data.makeMoons({ samples: 40, noise: 0.1, seed: 1 })
 * const net = network.mlp([2, 4, 1], { hidden: 'tanh', output: 'sigmoid', key: random.key(1) })
 * assert.ok(E.isRight(moons) && E.isRight(net))
 * const grid = predictionGrid(net.right, moons.right, 0.1)
 * assert.ok(E.isRight(grid))
 * const spec = decisionBoundary(grid.right, moons.right, { title: 'Moons', words: figureWords('en') })
 * assert.ok('layer' in spec && spec.layer.length === 3)
 * // three outputs: the cells coloured by predicted class
 * const three = network.mlp([2, 4, 3], { hidden: 'tanh', output: 'softmax', key: random.key(1) })
 * assert.ok(E.isRight(three))
 * const classes = predictionGrid(three.right, moons.right, 0.1)
 * assert.ok(E.isRight(classes) && classes.right.classes?.count === 3)
 * const regions = decisionBoundary(classes.right, moons.right, { words: figureWords('en') })
 * assert.ok(JSON.stringify(regions).includes('"title":"Predicted class"'))
 */
export const decisionBoundary = (
  grid: PredictionGrid,
  dataset: Dataset,
  options: BoundaryOptions,
): VegaLiteSpec => {
  const { words } = options
  const domain = {
    x: [compact(grid.xs[0] ?? grid.xMin), compact(grid.xs[grid.xs.length - 1] ?? grid.xMax)],
    y: [compact(grid.ys[0] ?? grid.yMin), compact(grid.ys[grid.ys.length - 1] ?? grid.yMax)],
  } as const
  const points = pointRows(dataset, words)
  const lines = grid.classes === undefined ? contourSegments(grid, 0.5) : classBorders(grid)
  const segments = lines.map((segment) => ({
    x: compact(segment.x),
    y: compact(segment.y),
    x2: compact(segment.x2),
    y2: compact(segment.y2),
  }))
  const fill =
    grid.classes === undefined
      ? bandLayer(grid, options, domain)
      : regionLayer(
          grid,
          Math.max(grid.classes.count, ...points.map((point) => point.class + 1)),
          words,
          domain,
        )
  return {
    title: options.title ?? words.decisionBoundary,
    width: options.width ?? 600,
    height: options.height ?? 480,
    config: { ...baseConfig, axis: { gridOpacity: 0.3 } },
    layer: [
      fill,
      {
        data: { values: segments },
        mark: { type: 'rule', color: 'black', strokeWidth: 1.5, clip: true },
        encoding: {
          x: { field: 'x', type: 'quantitative' },
          y: { field: 'y', type: 'quantitative' },
          x2: { field: 'x2' },
          y2: { field: 'y2' },
        },
      },
      classPointsLayer(points, words, [words.feature(1), words.feature(2)], domain),
    ],
  }
}
