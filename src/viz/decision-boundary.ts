// Figures 4 and 9 of the notebook: the network's output over the grid as filled bands (matplotlib's
// contourf, red for class 0 to blue for class 1, at opacity 0.4), the 0.5 level as a black line,
// and the labelled points on top. Laws: pure; the bands tile the grid exactly once.

import type { Dataset } from '../data/index.js'
import { at } from '../linalg/internal.js'
import { classPointsLayer, pointRows } from './classes.js'
import { contourSegments } from './contour.js'
import type { PredictionGrid } from './prediction-grid.js'
import type { PlotWords } from './plot-words.js'
import { baseConfig, compact, type VegaLiteSpec } from './spec.js'

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
  const { xs, ys, values, step } = grid
  const where = 'bandRuns'
  // clip is called only while walking the axis it clips to, so the axis has a first and a last
  const first = (axis: readonly number[]): number => at(axis, 0, where)
  const last = (axis: readonly number[]): number => at(axis, axis.length - 1, where)
  const clip = (value: number, axis: readonly number[]): number =>
    Math.min(last(axis), Math.max(first(axis), value))
  const runs: BandRun[] = []
  ys.forEach((y, row) => {
    const y0 = compact(clip(y - step / 2, ys))
    const y1 = compact(clip(y + step / 2, ys))
    const bandAt = (col: number): number => bandOf(at(values, row * xs.length + col, where), bands)
    let start = 0
    while (start < xs.length) {
      const band = bandAt(start)
      let end = start + 1
      while (end < xs.length && bandAt(end) === band) end++
      runs.push({
        x: compact(clip(at(xs, start, where) - step / 2, xs)),
        x2: compact(clip(at(xs, end - 1, where) + step / 2, xs)),
        y: y0,
        y2: y1,
        p: compact((band + 0.5) / bands),
        cells: end - start,
      })
      start = end
    }
  })
  return runs
}

/**
 * The decision boundary of fig_04 / fig_09: the grid's output filled in bands from red (0, class
 * 0) to blue (1, class 1) in matplotlib's RdBu at opacity 0.4, the 0.5 contour as a black line, and the dataset's
 * points (class 0 red circles, class 1 blue squares) over it; the axes span exactly the grid.
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
  const scale = (extent: readonly [number, number]) => ({ domain: [...extent], nice: false })
  const segments = contourSegments(grid, 0.5).map((segment) => ({
    x: compact(segment.x),
    y: compact(segment.y),
    x2: compact(segment.x2),
    y2: compact(segment.y2),
  }))
  return {
    title: options.title ?? words.decisionBoundary,
    width: options.width ?? 600,
    height: options.height ?? 480,
    config: { ...baseConfig, axis: { gridOpacity: 0.3 } },
    layer: [
      {
        data: {
          values: bandRuns(grid, options.bands).map(({ x, x2, y, y2, p }) => ({ x, x2, y, y2, p })),
        },
        // opaque colours (RdBu already blended at 0.4 on white, as contourf's alpha=0.4 shows
        // it), each rectangle stroked in its own colour: anti-aliased edges leave no seams
        mark: { type: 'rect', clip: true, strokeWidth: 1 },
        encoding: {
          x: { field: 'x', type: 'quantitative', scale: scale(domain.x), title: words.feature(1) },
          x2: { field: 'x2' },
          y: { field: 'y', type: 'quantitative', scale: scale(domain.y), title: words.feature(2) },
          y2: { field: 'y2' },
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
      },
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
      classPointsLayer(
        pointRows(dataset, words),
        words,
        [words.feature(1), words.feature(2)],
        domain,
      ),
    ],
  }
}
