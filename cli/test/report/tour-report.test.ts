// The tour's figures and page, planned from one run of the tour: the nine figures named and
// sourced as the notebook's (fig_05–07 carry the activations of its samples 0, 5 and 10, checked
// against the notebook's own numbers), the tables beside the notebook, and the derivations.

import { beforeAll, describe, expect, test } from 'vitest'
import { viz } from 'gradfold'
import { tourFigures, tourReport, tourSections, tourTables } from '../../src/report/tour-report.js'
import { runTour, SNAPSHOT_EVERY, type TourResults } from '../../src/tour.js'
import { right } from '../../../test/support/either.js'
import { field, numbers, readFixture } from '../../../test/support/fixtures.js'

const samples = field(readFixture('figures_reference.json'), 'activations_figs_5_6_7')

/** The values of each panel of a heatmap row spec, as the viz layer put them in its data. */
const panelValues = (spec: viz.VegaLiteSpec): number[][] => {
  if (!('hconcat' in spec)) throw new Error('not a row of panels')
  return spec.hconcat.map((panel) => {
    const values = 'data' in panel ? (panel.data as { values?: unknown }).values : undefined
    if (!Array.isArray(values)) throw new Error('a panel without inline values')
    return values.map((cell) => Number((cell as { value: unknown }).value))
  })
}

describe('the tour’s report', () => {
  let results: TourResults
  beforeAll(() => {
    results = right(runTour())
  }, 60_000)

  test('nine figures in the notebook’s order, fig_01 a DOT graph, the rest Vega-Lite', () => {
    const figures = right(tourFigures(results, 'en'))
    expect(figures.map((figure) => figure.name)).toStrictEqual(
      ['01', '02', '03', '04', '05', '06', '07', '08', '09'].map((n) => `fig_${n}`),
    )
    expect(figures.map((figure) => figure.source.kind)).toStrictEqual([
      'dot',
      ...Array<string>(8).fill('vega-lite'),
    ])
    const [graphFigure] = figures
    expect(graphFigure?.source.kind === 'dot' && graphFigure.source.dot).toContain('dL/dw = 28')
  })

  test('fig_05–07: the activations of X_train[0], [5], [10], as the notebook computed them', () => {
    const figures = right(tourFigures(results, 'en'))
    const references = field(samples, 'samples') as unknown[]
    expect(references).toHaveLength(3)
    references.forEach((reference, index) => {
      const figure = figures[4 + index]
      if (figure?.source.kind !== 'vega-lite') throw new Error('expected a Vega-Lite figure')
      const expected = (field(reference, 'per_layer') as unknown[]).map((layer) => numbers(layer))
      const actual = panelValues(figure.source.spec)
      expect(actual.map((layer) => layer.length)).toStrictEqual([2, 16, 8, 1])
      actual.forEach((layer, layerIndex) => {
        layer.forEach((value, neuron) => {
          const want = expected[layerIndex]?.[neuron] ?? Number.NaN
          expect(Math.abs(value - want)).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(want)))
        })
      })
    })
  })

  test('the moons run keeps a network every 50 epochs, from the initial one to the trained one', () => {
    const epochs = results.moons.snapshots.map((snapshot) => snapshot.epoch)
    expect(epochs).toStrictEqual(Array.from({ length: 21 }, (_, i) => i * SNAPSHOT_EVERY))
    expect(results.moons.snapshots.at(-1)?.network).toBe(results.moons.run.network)
    expect(results.moons.run.data.X.rows).toBe(240)
    expect(results.circles.run.data.X.rows).toBe(300)
  })

  test('tables: every compared number beside the notebook’s, with |Δ|', () => {
    const tables = tourTables(results, undefined)
    expect(tables.map((table) => table.title)).toStrictEqual([
      'Training runs (full-batch SGD, α = 0.1, MSE)',
    ])
    expect(tables[0]?.rows.map((row) => row[4])).toStrictEqual(['0.072594102', '0.0042444418'])
  })

  test('tables: a run without losses (never a tour run) throws instead of printing NaN', () => {
    const corrupted = { ...results, moons: { ...results.moons, losses: [] } }
    expect(() => tourTables(corrupted, undefined)).toThrow(
      new RangeError('tourTables: losses: no entry at index 0 of 0'),
    )
  })

  test('sections: the 2-3-1 step, the graph example, the derivative table, all rendered', () => {
    for (const language of ['en', 'ru'] as const) {
      const sections = right(tourSections(results, language))
      expect(sections).toHaveLength(3)
      const html = sections.map((section) => section.body.html).join('\n')
      expect(html).toContain('class="katex"')
      expect(html).not.toContain('$')
      expect(html).toContain('Loss = 0.138309')
    }
    expect(right(tourSections(results, 'ru'))[0]?.body.html).toContain('ПРЯМОЕ РАСПРОСТРАНЕНИЕ')
  })

  test('the report record gathers them with the figures and players given', () => {
    const report = right(
      tourReport({
        results,
        comparison: undefined,
        language: 'ru',
        stylesheet: 'css',
        figures: [],
        players: [],
      }),
    )
    expect(report.language).toBe('ru')
    expect(report.stylesheet).toBe('css')
    expect(report.sections).toHaveLength(3)
  })
})
