// lineChart and linePoints: one point per finite value (per positive one on a log scale), each
// series its own colour in the given order, the log scale when asked.

import { fc } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { lineChart } from '../../src/viz/index.js'
import { linePoints } from '../../src/viz/line-chart.js'
import { standalone } from '../../src/viz/spec.js'
import { at, expectCompiles, listAt } from './notebook-figures.js'

const values = fc.array(
  fc.oneof(
    fc.double({ min: -10, max: 10, noNaN: true }),
    fc.constantFrom(0, Number.NaN, Number.POSITIVE_INFINITY),
  ),
  { maxLength: 40 },
)

describe('linePoints', () => {
  test('keep every finite value, and on a log scale only the positive ones, at their epochs', () => {
    fc.assert(
      fc.property(fc.array(values, { minLength: 1, maxLength: 3 }), fc.boolean(), (series, log) => {
        const named = series.map((list, index) => ({ name: `s${index}`, values: list }))
        const points = linePoints(named, log)
        const kept = (value: number) => Number.isFinite(value) && (!log || value > 0)
        expect(points.length).toBe(series.flat().filter(kept).length)
        for (const point of points) {
          const original = named.find((item) => item.name === point.series)?.values[point.epoch]
          expect(original !== undefined && kept(original)).toBe(true)
        }
      }),
    )
  })
})

describe('lineChart', () => {
  test('puts epochs across and values up, log when asked, a colour per series', () => {
    const view = lineChart(
      [
        { name: 'a', values: [1, 0.5, 0.25] },
        { name: 'b', values: [2, 1, 0.5] },
      ],
      { title: 'T', xTitle: 'Epoch', yTitle: 'Loss', logScale: true, colors: ['red', 'green'] },
    )
    expectCompiles(standalone(view))
    expect(at(view, 'mark', 'type')).toBe('line')
    expect(at(view, 'encoding', 'x', 'title')).toBe('Epoch')
    expect(at(view, 'encoding', 'y', 'title')).toBe('Loss')
    expect(at(view, 'encoding', 'y', 'scale')).toStrictEqual({ type: 'log' })
    expect(at(view, 'encoding', 'color', 'scale')).toStrictEqual({
      domain: ['a', 'b'],
      range: ['red', 'green'],
    })
    expect(listAt(view, 'data', 'values').length).toBe(6)
    expect([at(view, 'width'), at(view, 'height')]).toStrictEqual([420, 300])
    const linear = lineChart([{ name: 'a', values: [1, -1] }], {
      title: 'T',
      xTitle: 'x',
      yTitle: 'y',
      logScale: false,
    })
    expect(at(linear, 'encoding', 'y', 'scale')).toStrictEqual({ zero: false })
    expect(at(linear, 'encoding', 'color', 'legend')).toBeNull()
  })
})
