// heatmapPanels: panels side by side, one rect per matrix entry at its row and column, each
// panel's colour scale its own (viridis, or red–blue centred on 0), every panel sized.

import { fc } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { heatmapPanels } from '../../src/viz/heatmap-panels.js'
import { asJson, at, expectCompiles, expectSized, listAt, unitViews } from './notebook-figures.js'

const matrices = fc.array(
  fc
    .record({ rows: fc.integer({ min: 1, max: 6 }), cols: fc.integer({ min: 1, max: 6 }) })
    .chain(({ rows, cols }) =>
      fc.array(
        fc.array(fc.double({ min: -10, max: 10, noNaN: true }), {
          minLength: cols,
          maxLength: cols,
        }),
        {
          minLength: rows,
          maxLength: rows,
        },
      ),
    ),
  { minLength: 1, maxLength: 4 },
)

describe('heatmapPanels', () => {
  test('draws one cell per entry, at its row and column', () => {
    fc.assert(
      fc.property(matrices, (values) => {
        const spec = heatmapPanels(
          'T',
          values.map((matrix, index) => ({
            title: `m${index}`,
            values: matrix,
            xTitle: 'x',
            yTitle: 'y',
          })),
          { colors: 'diverging', legendTitle: 'v' },
        )
        const panels = unitViews(spec)
        expect(panels.length).toBe(values.length)
        panels.forEach((panel, index) => {
          const cells = listAt(panel, 'data', 'values') as {
            row: number
            col: number
            value: number
          }[]
          const matrix = values[index] ?? []
          expect(cells.length).toBe(matrix.flat().length)
          for (const cell of cells) {
            const entry = matrix[cell.row]?.[cell.col] ?? Number.NaN
            expect(Math.abs(cell.value - entry)).toBeLessThanOrEqual(Math.abs(entry) * 5e-6)
          }
        })
      }),
      { numRuns: 30 },
    )
  })

  test('colours each panel on its own scale: red–blue around 0, or viridis', () => {
    const panels = [
      {
        title: 'W1',
        values: [
          [1, -2],
          [0.5, 3],
        ],
        xTitle: 'out',
        yTitle: 'in',
      },
      { title: 'W2', values: [[0.1], [-0.1]], xTitle: 'out', yTitle: 'in' },
    ]
    const diverging = heatmapPanels('Weights', panels, {
      colors: 'diverging',
      legendTitle: 'Value',
    })
    expectCompiles(diverging)
    expectSized(diverging)
    expect(at(asJson(diverging), 'resolve', 'scale', 'color')).toBe('independent')
    for (const view of unitViews(diverging)) {
      expect(at(view, 'encoding', 'color', 'scale')).toStrictEqual({
        scheme: 'redblue',
        domainMid: 0,
      })
      expect(at(view, 'encoding', 'y', 'title')).toBe('in')
    }
    const viridis = heatmapPanels('A', [{ title: 'a', values: [[1, 2]], xTitle: 'Neuron' }], {
      colors: 'viridis',
      legendTitle: 'Activation',
    })
    expectCompiles(viridis)
    const [strip] = unitViews(viridis)
    expect(at(strip, 'encoding', 'color', 'scale', 'scheme')).toBe('viridis')
    expect(() => at(strip, 'encoding', 'y')).toThrow() // a strip has no row axis
  })
})
