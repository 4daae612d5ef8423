// Rows of small heatmaps side by side, each with its own colour scale and legend: the shared
// layout of the activation, weight and gradient figures. Laws: pure; one panel per matrix given,
// one cell per entry; every panel is sized.

import { baseConfig, compact, type UnitView, type VegaLiteSpec } from './spec.js'

/** One heatmap: a title, its entries by row, and how its axes are named. */
export interface HeatmapPanel {
  readonly title: string
  /** The entries, `values[row][col]`; every row equally long. */
  readonly values: readonly (readonly number[])[]
  readonly xTitle: string
  /** The row axis title; none (and no row axis) for a single-row strip. */
  readonly yTitle?: string
}

/** The colour scale of the panels: viridis (activations) or red–blue centred on 0 (weights). */
export type HeatmapColors = 'viridis' | 'diverging'

/** One panel as a unit view of `rect` marks: column across, row down. */
const panelView = (
  panel: HeatmapPanel,
  colors: HeatmapColors,
  legendTitle: string,
  cellSize: number,
): UnitView => {
  const columns = Math.max(1, ...panel.values.map((row) => row.length))
  const rows = Math.max(1, panel.values.length)
  const cells = panel.values.flatMap((row, rowIndex) =>
    row.map((value, col) => ({ row: rowIndex, col, value: compact(value) })),
  )
  return {
    title: panel.title,
    width: Math.max(120, Math.min(360, columns * cellSize)),
    height: panel.yTitle === undefined ? 90 : Math.max(90, Math.min(360, rows * cellSize)),
    data: { values: cells },
    mark: { type: 'rect' },
    encoding: {
      x: { field: 'col', type: 'ordinal', title: panel.xTitle, axis: { labelAngle: 0 } },
      ...(panel.yTitle === undefined
        ? {}
        : { y: { field: 'row', type: 'ordinal', title: panel.yTitle } }),
      color: {
        field: 'value',
        type: 'quantitative',
        title: legendTitle,
        scale: colors === 'viridis' ? { scheme: 'viridis' } : { scheme: 'redblue', domainMid: 0 },
      },
      tooltip: [
        { field: 'row', type: 'ordinal' },
        { field: 'col', type: 'ordinal' },
        { field: 'value', type: 'quantitative' },
      ],
    },
  }
}

/**
 * The panels side by side under one title, each panel's colours independent (as matplotlib gives
 * every `imshow` its own colorbar).
 *
 * @example
 * import assert from 'node:assert'
 * import { heatmapPanels } from './heatmap-panels.js'
 * const spec = heatmapPanels('Two strips', [
 *   { title: 'a', values: [[1, 2, 3]], xTitle: 'Neuron' },
 *   { title: 'b', values: [[0.5]], xTitle: 'Neuron' },
 * ], { colors: 'viridis', legendTitle: 'Activation' })
 * assert.ok('hconcat' in spec && spec.hconcat.length === 2)
 */
export const heatmapPanels = (
  title: string,
  panels: readonly HeatmapPanel[],
  options: {
    readonly colors: HeatmapColors
    readonly legendTitle: string
    readonly cellSize?: number
  },
): VegaLiteSpec => ({
  title: { text: title, fontSize: 16, fontWeight: 'bold' },
  config: { ...baseConfig, view: { stroke: null }, title: { anchor: 'middle' } },
  resolve: { scale: { color: 'independent' }, legend: { color: 'independent' } },
  hconcat: panels.map((panel) =>
    panelView(panel, options.colors, options.legendTitle, options.cellSize ?? 24),
  ),
})
