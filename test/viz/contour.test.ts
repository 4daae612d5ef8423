// contourSegments (marching squares): on a linear field every segment end is exactly on the level
// and on a cell edge; a field wholly above the level has no contour; saddles split by the centre.

import { fc } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { contourSegments } from '../../src/viz/contour.js'
import type { PredictionGrid } from '../../src/viz/index.js'

const gridOf = (
  xs: readonly number[],
  ys: readonly number[],
  value: (x: number, y: number) => number,
): PredictionGrid => ({
  step: 1,
  xs,
  ys,
  xMin: xs[0] ?? 0,
  xMax: xs[xs.length - 1] ?? 0,
  yMin: ys[0] ?? 0,
  yMax: ys[ys.length - 1] ?? 0,
  values: ys.flatMap((y) => xs.map((x) => value(x, y))),
})

const axis = (length: number): number[] => Array.from({ length }, (_, index) => index * 0.5 - 1)

describe('contourSegments', () => {
  test('on a linear field, every end lies on the level and on a cell edge', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 12 }),
        fc.integer({ min: 2, max: 12 }),
        fc.double({ min: -2, max: 2, noNaN: true }),
        fc.double({ min: -2, max: 2, noNaN: true }),
        fc.double({ min: -1, max: 1, noNaN: true }),
        (columns, rows, a, b, c) => {
          const field = (x: number, y: number): number => a * x + b * y + c
          const xs = axis(columns)
          const ys = axis(rows)
          for (const segment of contourSegments(gridOf(xs, ys, field), 0.5)) {
            for (const [x, y] of [
              [segment.x, segment.y],
              [segment.x2, segment.y2],
            ] as const) {
              expect(Math.abs(field(x, y) - 0.5)).toBeLessThan(1e-9)
              expect(xs.includes(x) || ys.includes(y)).toBe(true)
            }
          }
        },
      ),
    )
  })

  test('a field crossing the level along a line gives one segment per crossed cell', () => {
    // v = x on xs = 0, 1, 2, 3: the 0.5 line crosses the first column of cells only
    const grid = gridOf([0, 1, 2, 3], [0, 1, 2], (x) => x)
    expect(contourSegments(grid, 0.5)).toStrictEqual([
      { x: 0.5, y: 0, x2: 0.5, y2: 1 },
      { x: 0.5, y: 1, x2: 0.5, y2: 2 },
    ])
    expect(contourSegments(grid, 1.5).length).toBe(2)
  })

  test('a field wholly on one side of the level has no contour', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.51, max: 1, noNaN: true }), { minLength: 9, maxLength: 9 }),
        (values) => {
          const grid = { ...gridOf([0, 1, 2], [0, 1, 2], () => 0), values }
          expect(contourSegments(grid, 0.5)).toStrictEqual([])
        },
      ),
    )
  })

  test('splits a saddle cell by the value at its centre', () => {
    // corners: bottom-left 1, bottom-right 0, top-right 1, top-left 0; centre 0.5 counts as above
    const above = gridOf([0, 1], [0, 1], () => 0)
    const saddle = { ...above, values: [1, 0, 0, 1] }
    expect(contourSegments(saddle, 0.5)).toStrictEqual([
      { x: 0.5, y: 0, x2: 1, y2: 0.5 },
      { x: 0.5, y: 1, x2: 0, y2: 0.5 },
    ])
    // at level 0.6 the centre (0.5) is below: the corners above (bottom-left, top-right) are cut off
    const rounded = contourSegments(saddle, 0.6).map((segment) =>
      Object.values(segment).map((value) => Math.round(value * 1e12) / 1e12),
    )
    expect(rounded).toStrictEqual([
      [0.4, 0, 0, 0.4],
      [1, 0.6, 0.6, 1],
    ])
  })

  test('skips cells with a value that is not finite', () => {
    const grid = { ...gridOf([0, 1], [0, 1], () => 0), values: [0, 1, Number.NaN, 1] }
    expect(contourSegments(grid, 0.5)).toStrictEqual([])
  })
})

describe('contourSegments on a corrupted grid', () => {
  test('fewer values than grid points throws instead of skipping the cells', () => {
    const grid = { ...gridOf([0, 1], [0, 1], (x) => x), values: [0, 1, 0] }
    expect(() => contourSegments(grid, 0.5)).toThrow(
      new RangeError('contourSegments: no entry at index 3 of 3'),
    )
  })
})
