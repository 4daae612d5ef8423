// Figures 5–7 of the notebook: one example's activations as a row of strips, one per layer
// (input, each hidden layer, output), each coloured by viridis on its own scale with a colour bar.
// Laws: pure; one panel per dense layer plus the input, one cell per neuron.

import * as E from 'fp-ts/lib/Either.js'
import type * as linalg from '../linalg/index.js'
import type { Network, NetworkError } from '../network/index.js'
import { layerActivations } from './activations.js'
import { heatmapPanels } from './heatmap-panels.js'
import type { PlotWords } from './plot-words.js'
import type { VegaLiteSpec } from './spec.js'

/**
 * Options of `activationHeatmaps`.
 *
 * @category Figures
 */
export interface ActivationOptions {
  /** The title (default `words.activationsFor(sampleIndex)`). */
  readonly title?: string
  /** The panels' words (gradfold/teach's `figureWords(language)`). */
  readonly words: PlotWords
}

/**
 * The activations of example `sampleIndex` of X in the trained network, as the notebook's
 * `visualize_activations` draws them: panels `Input (size: 2)`, `Layer 1 (size: 16)`, …,
 * `Output (size: 1)`, neurons across, viridis colours per panel. Left when the index is not a row
 * of X or X does not fit the network.
 *
 * @category Figures
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { linalg, network, random } from 'gradfold'
 * import { figureWords } from 'gradfold/teach'
 * import { activationHeatmaps } from './activation-heatmaps.js'
 * const net = network.mlp([2, 16, 8, 1], { hidden: 'relu', output: 'sigmoid', key: random.key(0) })
 * const X = linalg.fromRows([[0.5, -0.2], [1, 1]])
 * assert.ok(E.isRight(net) && E.isRight(X))
 * const spec = activationHeatmaps(net.right, X.right, 0, { words: figureWords('en') })
 * assert.ok(E.isRight(spec) && 'hconcat' in spec.right)
 * assert.deepStrictEqual(spec.right.hconcat.map((panel) => panel.title), [
 *   'Input (size: 2)', 'Layer 1 (size: 16)', 'Layer 2 (size: 8)', 'Output (size: 1)',
 * ])
 */
export const activationHeatmaps = (
  net: Network,
  X: linalg.Matrix,
  sampleIndex: number,
  options: ActivationOptions,
): E.Either<NetworkError, VegaLiteSpec> => {
  const { words } = options
  return E.map((layers: readonly (readonly number[])[]) =>
    heatmapPanels(
      options.title ?? words.activationsFor(sampleIndex),
      layers.map((values, index) => ({
        title:
          index === 0
            ? words.input(values.length)
            : index === layers.length - 1
              ? words.output(values.length)
              : words.hiddenLayer(index, values.length),
        values: [values],
        xTitle: words.neuron,
      })),
      { colors: 'viridis', legendTitle: words.activation, cellSize: 20 },
    ),
  )(layerActivations(net, X, sampleIndex))
}
