// The line chart behind the loss, gradient-norm and comparison figures: one line per named series
// over the epochs, optionally on a log scale (where non-positive values cannot be drawn and are
// left out). Laws: pure; one point per finite (and, on a log scale, positive) value.

import { compact, type UnitView } from './spec.js'

/**
 * One named series of values, the i-th at epoch i.
 *
 * @category Figures
 */
export interface Series {
  readonly name: string
  readonly values: readonly number[]
}

/**
 * How a line chart is titled, sized and scaled.
 *
 * @category Figures
 */
export interface LineChartOptions {
  readonly title: string
  readonly xTitle: string
  readonly yTitle: string
  readonly logScale: boolean
  /** The colours of the series, in order (default: Vega's category colours). */
  readonly colors?: readonly string[]
  /** Show the legend of the series (default: when there are several). */
  readonly legend?: boolean
  readonly width?: number
  readonly height?: number
}

/** One point of a line. */
export interface LinePoint {
  readonly epoch: number
  readonly value: number
  readonly series: string
}

/**
 * The points the chart draws: every finite value (every positive one on a log scale), rounded
 * to 6 significant digits.
 *
 * @example
 * import assert from 'node:assert'
 * import { linePoints } from './line-chart.js'
 * assert.deepStrictEqual(linePoints([{ name: 'a', values: [1, 0, 0.5] }], true), [
 *   { epoch: 0, value: 1, series: 'a' },
 *   { epoch: 2, value: 0.5, series: 'a' },
 * ])
 */
export const linePoints = (series: readonly Series[], logScale: boolean): readonly LinePoint[] =>
  series.flatMap(({ name, values }) =>
    values.flatMap((value, epoch) =>
      Number.isFinite(value) && (!logScale || value > 0)
        ? [{ epoch, value: compact(value), series: name }]
        : [],
    ),
  )

/**
 * A unit view of lines, epochs across and values up, one colour per series, on a log y scale when
 * asked (as the notebook's `set_yscale('log')`).
 *
 * @category Figures
 * @example
 * import assert from 'node:assert'
 * import { lineChart } from './line-chart.js'
 * const view = lineChart([{ name: 'loss', values: [0.5, 0.25] }], { title: 'Loss', xTitle: 'Epoch', yTitle: 'Loss', logScale: true })
 * assert.ok(JSON.stringify(view).includes('"scale":{"type":"log"}'))
 */
export const lineChart = (series: readonly Series[], options: LineChartOptions): UnitView => {
  const legend = options.legend ?? series.length > 1
  return {
    title: options.title,
    width: options.width ?? 420,
    height: options.height ?? 300,
    data: { values: linePoints(series, options.logScale).map((point) => ({ ...point })) },
    mark: { type: 'line', strokeWidth: 2, clip: true },
    encoding: {
      x: { field: 'epoch', type: 'quantitative', title: options.xTitle },
      y: {
        field: 'value',
        type: 'quantitative',
        title: options.yTitle,
        scale: options.logScale ? { type: 'log' } : { zero: false },
      },
      color: {
        field: 'series',
        type: 'nominal',
        title: null,
        scale: {
          domain: series.map((item) => item.name),
          ...(options.colors === undefined ? {} : { range: [...options.colors] }),
        },
        legend: legend ? { orient: 'top-right', labelLimit: 360 } : null,
      },
    },
  }
}
