// Weight and gradient heatmaps: every dense layer's W (or dW) as a matrix of cells, inputs down and
// outputs across, red for negative and blue for positive around 0, one colour scale per layer.
// Laws: pure; one panel per dense layer, one cell per entry; dropout layers have none.

import * as linalg from '../linalg/index.js'
import type { Network } from '../network/index.js'
import { heatmapPanels, type HeatmapPanel } from './heatmap-panels.js'
import type { PlotWords } from './plot-words.js'
import type { VegaLiteSpec } from './spec.js'

/**
 * Options of `weightHeatmaps` and `gradientHeatmaps`.
 *
 * @category Figures
 */
export interface ParameterHeatmapOptions {
  /** The title (default `words.weights` or `words.gradients`). */
  readonly title?: string
  /** The panels' words (gradfold/teach's `figureWords(language)`). */
  readonly words: PlotWords
}

/** A panel per dense layer: `W1 (2×16)`, `W2 (16×8)`, … (numbered from 1 as the notebook does). */
const panels = (tree: Network['parameters'], name: string, words: PlotWords): HeatmapPanel[] => {
  const dense = tree.layers.flatMap((layer) => ('W' in layer ? [layer.W] : []))
  return dense.map((W, index) => ({
    title: words.layerMatrix(name, index + 1, W.rows, W.cols),
    values: linalg.toRows(W),
    xTitle: words.outputUnit,
    yTitle: words.inputUnit,
  }))
}

/**
 * The network's weights as heatmaps, one per dense layer (`W1 (2×16)`, …): input units down,
 * output units across, red below 0 and blue above.
 *
 * @category Figures
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { network, random } from 'gradfold'
 * import { figureWords } from 'gradfold/teach'
 * import { weightHeatmaps } from './parameter-heatmaps.js'
 * const net = network.mlp([2, 4, 1], { hidden: 'relu', output: 'sigmoid', key: random.key(0) })
 * assert.ok(E.isRight(net))
 * const spec = weightHeatmaps(net.right, { words: figureWords('en') })
 * assert.ok('hconcat' in spec)
 * assert.deepStrictEqual(spec.hconcat.map((panel) => panel.title), ['W1 (2×4)', 'W2 (4×1)'])
 */
export const weightHeatmaps = (net: Network, options: ParameterHeatmapOptions): VegaLiteSpec =>
  heatmapPanels(
    options.title ?? options.words.weights,
    panels(net.parameters, 'W', options.words),
    {
      colors: 'diverging',
      legendTitle: options.words.value,
    },
  )

/**
 * A gradient tree (shaped like a network's parameters: `network.valueAndGradients`' gradients) as
 * heatmaps of each dense layer's dW (`dW1 (2×16)`, …), red below 0 and blue above.
 *
 * @category Figures
 * @example
 * import assert from 'node:assert'
 * import { linalg } from 'gradfold'
 * import { figureWords } from 'gradfold/teach'
 * import { gradientHeatmaps } from './parameter-heatmaps.js'
 * const layers = [{ W: linalg.fill(2, 3, 0.1), b: linalg.zeros(1, 3) }]
 * const spec = gradientHeatmaps({ layers }, { words: figureWords('en') })
 * assert.ok('hconcat' in spec && spec.hconcat[0]?.title === 'dW1 (2×3)')
 */
export const gradientHeatmaps = (
  gradients: Network['parameters'],
  options: ParameterHeatmapOptions,
): VegaLiteSpec =>
  heatmapPanels(options.title ?? options.words.gradients, panels(gradients, 'dW', options.words), {
    colors: 'diverging',
    legendTitle: options.words.value,
  })
