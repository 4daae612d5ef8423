// decisionBoundary and bandRuns: figures 4 and 9 of the notebook — the trained networks' output
// over the notebook's grid in filled bands (red for class 0 to blue for class 1), the 0.5 contour
// in black, the labelled points on top; the bands tile the grid exactly, compactly.

import { fc } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { BAND_COLORS, bandRuns, classBorders, classRuns } from '../../src/viz/decision-boundary.js'
import { CLASS_COLORS, CLASS_REGION_COLORS } from '../../src/viz/spec.js'
import { decisionBoundary, predictionGrid, type PredictionGrid } from '../../src/viz/index.js'
import { figureWords } from '../../src/teach/index.js'
import { right } from '../support/either.js'
import {
  asJson,
  at,
  circlesData,
  circlesNetwork,
  expectCompiles,
  expectSized,
  listAt,
  moonsNetwork,
  moonsTrain,
  threeClassAt,
  threeClassNetwork,
  threeClassPoints,
  unitViews,
} from './notebook-figures.js'

const english = figureWords('en')
const russian = figureWords('ru')

const moonsGrid = right(predictionGrid(moonsNetwork, moonsTrain))

/** A grid of the given size with arbitrary values in [0, 1]. */
const arbitraryGrid = fc
  .record({ columns: fc.integer({ min: 1, max: 20 }), rows: fc.integer({ min: 1, max: 10 }) })
  .chain(({ columns, rows }) =>
    fc
      .array(fc.double({ min: 0, max: 1, noNaN: true }), {
        minLength: columns * rows,
        maxLength: columns * rows,
      })
      .map((values): PredictionGrid => ({
        step: 0.5,
        xs: Array.from({ length: columns }, (_, index) => index * 0.5),
        ys: Array.from({ length: rows }, (_, index) => index * 0.5 - 2),
        xMin: -0.5,
        xMax: columns * 0.5,
        yMin: -2.5,
        yMax: rows * 0.5 - 2,
        values,
      })),
  )

describe('bandRuns', () => {
  test('tile every grid row from its first to its last point, each cell once, in its band', () => {
    fc.assert(
      fc.property(arbitraryGrid, fc.integer({ min: 1, max: 12 }), (grid, bands) => {
        const runs = bandRuns(grid, bands)
        expect(runs.reduce((total, run) => total + run.cells, 0)).toBe(grid.values.length)
        const last = (axis: readonly number[]) => axis[axis.length - 1] ?? Number.NaN
        const columns = grid.xs.length
        let next = 0
        let wrongBands = 0
        grid.ys.forEach((_, row) => {
          let x = grid.xs[0] ?? Number.NaN
          let covered = 0
          while (covered < columns) {
            const run = runs[next++]
            if (run === undefined) throw new Error(`no run for row ${row}`)
            expect(run.x).toBe(x)
            for (let k = 0; k < run.cells; k++) {
              const value = grid.values[row * columns + covered + k] ?? Number.NaN
              const band = Math.min(bands - 1, Math.floor(value * bands))
              if (Math.abs(run.p - (band + 0.5) / bands) > 1e-6) wrongBands++
            }
            covered += run.cells
            x = run.x2
          }
          expect(covered).toBe(columns)
          expect(x).toBe(last(grid.xs))
        })
        expect(next).toBe(runs.length)
        expect(wrongBands).toBe(0)
      }),
    )
  })

  test('merge neighbours in one band: a grid of one band is one run per row', () => {
    const grid: PredictionGrid = {
      step: 1,
      xs: [0, 1, 2, 3],
      ys: [0, 1],
      xMin: 0,
      xMax: 3,
      yMin: 0,
      yMax: 1,
      values: [0.91, 0.95, 0.99, 1, 0.9, 0.93, 0.97, 0.92],
    }
    expect(bandRuns(grid, 10)).toStrictEqual([
      { x: 0, x2: 3, y: 0, y2: 0.5, p: 0.95, cells: 4 },
      { x: 0, x2: 3, y: 0.5, y2: 1, p: 0.95, cells: 4 },
    ])
  })

  test('refuse a band count that is not a positive integer', () => {
    expect(() => bandRuns(moonsGrid, 0)).toThrow(
      'bandRuns: bands is 0, expected a positive integer',
    )
  })
})

describe('decisionBoundary', () => {
  test('fig_04: bands over the notebook’s moons grid, the 0.5 contour, the 240 points', () => {
    const spec = decisionBoundary(moonsGrid, moonsTrain, { words: russian })
    expectCompiles(spec)
    expectSized(spec)
    const json = asJson(spec)
    expect(at(json, 'title')).toBe('Граница решений после обучения')
    const [bands, contour, points] = unitViews(spec)
    expect(at(bands, 'mark', 'type')).toBe('rect')
    expect(at(contour, 'mark')).toMatchObject({ type: 'rule', color: 'black' })
    expect(at(points, 'mark', 'type')).toBe('point')

    // the bands: as many cells as the notebook's 165 × 252 grid, in matplotlib's RdBu
    const runs = bandRuns(moonsGrid)
    expect(runs.reduce((total, run) => total + run.cells, 0)).toBe(165 * 252)
    expect(listAt(bands, 'data', 'values').length).toBe(runs.length)
    expect(at(bands, 'encoding', 'color', 'scale')).toMatchObject({
      domain: [0, 0.25, 0.5, 0.75, 1],
      range: [...BAND_COLORS],
    })
    expect(at(bands, 'encoding', 'x', 'title')).toBe('Признак 1')
    expect(at(bands, 'encoding', 'y', 'title')).toBe('Признак 2')
    // the axes span exactly the grid, as the notebook's xlim(xx.min(), xx.max())
    const domain = at(bands, 'encoding', 'x', 'scale', 'domain') as number[]
    expect(domain[0]).toBeCloseTo(moonsGrid.xs[0] ?? Number.NaN, 5)
    expect(domain[1]).toBeCloseTo(moonsGrid.xs[251] ?? Number.NaN, 5)

    // the contour: every segment inside the grid; the points: 240, red circles and blue squares
    const segments = listAt(contour, 'data', 'values') as { x: number; y: number }[]
    expect(segments.length).toBeGreaterThan(100)
    for (const segment of segments) {
      expect(segment.x).toBeGreaterThanOrEqual(moonsGrid.xMin - 1e-6)
      expect(segment.y).toBeLessThanOrEqual(moonsGrid.yMax + 1e-6)
    }
    expect(listAt(points, 'data', 'values').length).toBe(240)
    expect(at(points, 'encoding', 'fill', 'scale', 'range')).toStrictEqual(['red', 'blue'])
    expect(at(points, 'encoding', 'shape', 'scale', 'range')).toStrictEqual(['circle', 'square'])

    // compact: a few hundred kilobytes, not the 41 580 cells one by one
    expect(JSON.stringify(spec).length).toBeLessThan(400_000)
  })

  test('each band is on the side of 0.5 that the notebook’s prediction is', () => {
    const runs = bandRuns(moonsGrid)
    let cell = 0
    let wrongSide = 0
    for (const run of runs) {
      for (let k = 0; k < run.cells; k++) {
        if (run.p > 0.5 !== (moonsGrid.values[cell + k] ?? 0) > 0.5) wrongSide++
      }
      cell += run.cells
    }
    expect(cell).toBe(moonsGrid.values.length)
    expect(wrongSide).toBe(0)
  })

  test('fig_09: the circles grid and its 300 points, with a title given', () => {
    const grid = right(predictionGrid(circlesNetwork, circlesData))
    const spec = decisionBoundary(grid, circlesData, { title: 'Circles', words: english, bands: 4 })
    expectCompiles(spec)
    const [bands, , points] = unitViews(spec)
    expect(at(asJson(spec), 'title')).toBe('Circles')
    const ps = new Set((listAt(bands, 'data', 'values') as { p: number }[]).map((row) => row.p))
    expect([...ps].every((p) => [0.125, 0.375, 0.625, 0.875].includes(p))).toBe(true)
    expect(listAt(points, 'data', 'values').length).toBe(300)
  })
})

describe('bandRuns on a corrupted grid', () => {
  test('fewer values than grid points throws instead of painting band 0', () => {
    const grid = {
      step: 1,
      xs: [0, 1],
      ys: [0, 1],
      xMin: 0,
      xMax: 1,
      yMin: 0,
      yMax: 1,
      values: [0.1, 0.2, 0.3],
    }
    expect(() => bandRuns(grid)).toThrow(new RangeError('bandRuns: no entry at index 3 of 3'))
  })
})

/** CSS's named colours of the class palette, as sRGB (the CSS Color Module's table). */
const cssColors: Readonly<Record<string, readonly [number, number, number]>> = {
  red: [255, 0, 0],
  blue: [0, 0, 255],
  green: [0, 128, 0],
  orange: [255, 165, 0],
  purple: [128, 0, 128],
  brown: [165, 42, 42],
}

/** A colour painted at opacity 0.4 over white, as #rrggbb. */
const overWhite = ([r, g, b]: readonly [number, number, number]): string =>
  `#${[r, g, b]
    .map((channel) =>
      Math.round(0.4 * channel + 0.6 * 255)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`

/** A grid of integer coordinates (step 1, at least 2 × 2: a plane) with arbitrary classes. */
const arbitraryClassGrid = fc
  .record({
    columns: fc.integer({ min: 2, max: 12 }),
    rows: fc.integer({ min: 2, max: 8 }),
    count: fc.integer({ min: 2, max: 4 }),
  })
  .chain(({ columns, rows, count }) =>
    fc
      .array(fc.integer({ min: 0, max: count - 1 }), {
        minLength: columns * rows,
        maxLength: columns * rows,
      })
      .map((argmax): PredictionGrid => ({
        step: 1,
        xs: Array.from({ length: columns }, (_, index) => index),
        ys: Array.from({ length: rows }, (_, index) => index),
        xMin: 0,
        xMax: columns - 1,
        yMin: 0,
        yMax: rows - 1,
        values: argmax.map(() => 0),
        classes: { count, argmax },
      })),
  )

describe('classRuns', () => {
  test('tile every grid row once, each run over cells of its own class', () => {
    fc.assert(
      fc.property(arbitraryClassGrid, (grid) => {
        const runs = classRuns(grid)
        const columns = grid.xs.length
        const argmax = grid.classes?.argmax ?? []
        let next = 0
        grid.ys.forEach((_, row) => {
          let covered = 0
          let x = 0
          while (covered < columns) {
            const run = runs[next++]
            if (run === undefined) throw new Error(`no run for row ${row}`)
            expect(run.x).toBe(x)
            const cells = argmax.slice(row * columns + covered, row * columns + covered + run.cells)
            expect(cells.every((index) => index === run.class)).toBe(true)
            covered += run.cells
            x = run.x2
          }
          expect(covered).toBe(columns)
          expect(x).toBe(columns - 1)
        })
        expect(next).toBe(runs.length)
      }),
    )
  })

  test('a grid without classes (one output) has no class runs and no borders', () => {
    expect(classRuns(moonsGrid)).toStrictEqual([])
    expect(classBorders(moonsGrid)).toStrictEqual([])
  })
})

describe('classBorders', () => {
  test('a segment on exactly every cell edge between two different classes', () => {
    fc.assert(
      fc.property(arbitraryClassGrid, (grid) => {
        const columns = grid.xs.length
        const rows = grid.ys.length
        const argmax = grid.classes?.argmax ?? []
        const classAt = (col: number, row: number) => argmax[row * columns + col]
        let differingAcross = 0 // neighbours of a row
        let differingUp = 0 // neighbours of a column
        for (let row = 0; row < rows; row++) {
          for (let col = 0; col < columns; col++) {
            if (col > 0 && classAt(col - 1, row) !== classAt(col, row)) differingAcross++
            if (row > 0 && classAt(col, row - 1) !== classAt(col, row)) differingUp++
          }
        }
        let vertical = 0
        let horizontalCells = 0
        for (const segment of classBorders(grid)) {
          if (segment.x === segment.x2) {
            // between columns col − 1 and col, on the row whose cell spans it
            const col = segment.x + 0.5
            const row = Math.round((segment.y + segment.y2) / 2)
            expect(classAt(col - 1, row)).not.toBe(classAt(col, row))
            vertical++
          } else {
            expect(segment.y).toBe(segment.y2)
            const row = segment.y - 0.5
            const first = segment.x === 0 ? 0 : segment.x + 0.5
            const last = segment.x2 === columns - 1 ? columns - 1 : segment.x2 - 0.5
            for (let col = first; col <= last; col++) {
              expect(classAt(col, row)).not.toBe(classAt(col, row + 1))
              horizontalCells++
            }
          }
        }
        expect(vertical).toBe(differingAcross)
        expect(horizontalCells).toBe(differingUp)
      }),
    )
  })
})

describe('decisionBoundary of several classes', () => {
  const grid = right(predictionGrid(threeClassNetwork, threeClassPoints, 0.5))
  const spec = decisionBoundary(grid, threeClassPoints, { words: english })

  test('every grid point lies in one region, named by the class worked out by hand', () => {
    expectCompiles(spec)
    expectSized(spec)
    const [regions, , points] = unitViews(spec)
    expect(at(regions, 'mark', 'type')).toBe('rect')
    expect(at(points, 'mark', 'type')).toBe('point')
    const rows = listAt(regions, 'data', 'values') as {
      x: number
      x2: number
      y: number
      y2: number
      predicted: string
    }[]
    let wrong = 0
    for (const y of grid.ys) {
      for (const x of grid.xs) {
        const containing = rows.filter(
          (row) => row.x <= x && x <= row.x2 && row.y <= y && y <= row.y2,
        )
        expect(containing.length).toBe(1)
        if (containing[0]?.predicted !== `Class ${threeClassAt(x, y)}`) wrong++
      }
    }
    expect(wrong).toBe(0)
    // three half-planes: each of the 7 rows is at most three runs
    expect(rows.length).toBeLessThanOrEqual(3 * 7)
  })

  test('each class in its own colour: the points’ colour at opacity 0.4, a legend of the classes', () => {
    const [regions, , points] = unitViews(spec)
    const classes = ['Class 0', 'Class 1', 'Class 2']
    const pointColors = at(points, 'encoding', 'fill', 'scale', 'range') as string[]
    expect(at(points, 'encoding', 'fill', 'scale', 'domain')).toStrictEqual(classes)
    expect(pointColors).toStrictEqual(['red', 'blue', 'green'])
    for (const channel of ['color', 'stroke']) {
      expect(at(regions, 'encoding', channel, 'title')).toBe('Predicted class')
      expect(at(regions, 'encoding', channel, 'scale', 'domain')).toStrictEqual(classes)
      expect(at(regions, 'encoding', channel, 'scale', 'range')).toStrictEqual(
        pointColors.map((name) => overWhite(cssColors[name] ?? [0, 0, 0])),
      )
    }
    // no probability of class 1 for a three-class network
    expect(JSON.stringify(spec)).not.toContain('P(class 1)')
  })

  test('the palettes agree: every region colour is its class colour at opacity 0.4 on white', () => {
    expect(CLASS_REGION_COLORS.length).toBe(CLASS_COLORS.length)
    CLASS_COLORS.forEach((name, index) => {
      expect(CLASS_REGION_COLORS[index]).toBe(overWhite(cssColors[name] ?? [0, 0, 0]))
    })
  })

  test('the borders follow the hand-worked boundaries: x = y (x > 0), y = 0 (x < 0), x = 0 (y < 0)', () => {
    const [, borders] = unitViews(spec)
    expect(at(borders, 'mark')).toMatchObject({ type: 'rule', color: 'black' })
    const segments = listAt(borders, 'data', 'values') as {
      x: number
      y: number
      x2: number
      y2: number
    }[]
    expect(segments.length).toBeGreaterThan(6)
    const distance = (x: number, y: number): number =>
      Math.min(
        // the ray x = y, x ≥ 0
        x + y >= 0 ? Math.abs(x - y) / Math.SQRT2 : Math.hypot(x, y),
        // the ray y = 0, x ≤ 0
        x <= 0 ? Math.abs(y) : Math.hypot(x, y),
        // the ray x = 0, y ≤ 0
        y <= 0 ? Math.abs(x) : Math.hypot(x, y),
      )
    for (const segment of segments) {
      // a border is a cell edge: within a cell's diagonal of the true boundary
      const middle = [(segment.x + segment.x2) / 2, (segment.y + segment.y2) / 2] as const
      expect(distance(...middle)).toBeLessThanOrEqual(grid.step * Math.SQRT2)
    }
  })
})
