// A contour line of a grid of values by marching squares: the segments where the values cross a
// level, each end placed by linear interpolation along a cell edge (what matplotlib's contour draws).
// Laws: pure; every segment end lies on a cell edge whose two corners straddle the level.

import { at } from '../linalg/internal.js'
import type { PredictionGrid } from './prediction-grid.js'

/** One straight piece of a contour line, from (x, y) to (x2, y2). */
export interface Segment {
  readonly x: number
  readonly y: number
  readonly x2: number
  readonly y2: number
}

type Point = readonly [number, number]

/** Where the level crosses the edge from (a at p) to (b at q), or undefined if it does not. */
const crossing = (p: Point, a: number, q: Point, b: number, level: number): Point | undefined => {
  if (a >= level === b >= level) return undefined
  const t = (level - a) / (b - a)
  return [p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]
}

/**
 * The contour of the grid's values at `level` (the decision boundary at 0.5) as line segments, by
 * marching squares over every cell of four neighbouring grid points; a saddle cell (four
 * crossings) is split by the value at its centre.
 *
 * @example
 * import assert from 'node:assert'
 * import { contourSegments } from './contour.js'
 * // a 2×2 grid rising left to right: the 0.5 line is the vertical x = 0.5
 * const grid = { step: 1, xs: [0, 1], ys: [0, 1], xMin: 0, xMax: 1, yMin: 0, yMax: 1, values: [0, 1, 0, 1] }
 * assert.deepStrictEqual(contourSegments(grid, 0.5), [{ x: 0.5, y: 0, x2: 0.5, y2: 1 }])
 */
export const contourSegments = (grid: PredictionGrid, level = 0.5): readonly Segment[] => {
  const { xs, ys, values } = grid
  const width = xs.length
  const segments: Segment[] = []
  const where = 'contourSegments'
  const value = (col: number, row: number): number => at(values, row * width + col, where)
  for (let row = 0; row + 1 < ys.length; row++) {
    const y0 = at(ys, row, where)
    const y1 = at(ys, row + 1, where)
    for (let col = 0; col + 1 < width; col++) {
      const x0 = at(xs, col, where)
      const x1 = at(xs, col + 1, where)
      const corners = [
        value(col, row),
        value(col + 1, row),
        value(col + 1, row + 1),
        value(col, row + 1),
      ] as const
      const [v0, v1, v2, v3] = corners
      if (!corners.every(Number.isFinite)) continue
      // edges in order: bottom, right, top, left
      const points = [
        crossing([x0, y0], v0, [x1, y0], v1, level),
        crossing([x1, y0], v1, [x1, y1], v2, level),
        crossing([x1, y1], v2, [x0, y1], v3, level),
        crossing([x0, y1], v3, [x0, y0], v0, level),
      ].filter((point): point is Point => point !== undefined)
      const join = (p: Point | undefined, q: Point | undefined): void => {
        if (p !== undefined && q !== undefined) {
          segments.push({ x: p[0], y: p[1], x2: q[0], y2: q[1] })
        }
      }
      if (points.length === 2) join(points[0], points[1])
      if (points.length === 4) {
        const centreAbove = (v0 + v1 + v2 + v3) / 4 >= level
        // v0 above and centre above: the above region joins corners 0 and 2 through the middle
        if (centreAbove === v0 >= level) {
          join(points[0], points[1])
          join(points[2], points[3])
        } else {
          join(points[0], points[3])
          join(points[1], points[2])
        }
      }
    }
  }
  return segments
}
