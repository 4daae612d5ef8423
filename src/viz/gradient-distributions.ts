// The vanishing/exploding-gradient view: for each dense layer, the spread of |dW| over its
// entries as a box plot per recorded epoch, on a log scale, the layers side by side.
// Laws: pure; one value per non-zero gradient entry (a log scale cannot place 0).

import * as linalg from '../linalg/index.js'
import type { Network } from '../network/index.js'
import type { PlotWords } from './plot-words.js'
import { baseConfig, compact, type VegaLiteSpec } from './spec.js'

/**
 * The gradients recorded at one epoch (a tree shaped like the network's parameters).
 *
 * @category Figures
 */
export interface GradientSnapshot {
  readonly epoch: number
  readonly gradients: Network['parameters']
}

/**
 * Options of `gradientDistributions`.
 *
 * @category Figures
 */
export interface DistributionOptions {
  /** The title (default `words.gradientDistributions`). */
  readonly title?: string
  /** The axes' words (gradfold/teach's `figureWords(language)`). */
  readonly words: PlotWords
}

/** One gradient entry's magnitude, by epoch and layer. */
export interface GradientMagnitude {
  readonly epoch: number
  readonly layer: string
  readonly magnitude: number
}

/**
 * The |dW| of every non-zero weight-gradient entry of every dense layer at every snapshot,
 * layers named `dW1`, `dW2`, … .
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { linalg } from 'gradfold'
 * import { gradientMagnitudes } from './gradient-distributions.js'
 * const W = linalg.fromRows([[-0.5, 0], [0.25, 2]])
 * assert.ok(E.isRight(W))
 * const rows = gradientMagnitudes([{ epoch: 3, gradients: { layers: [{ W: W.right, b: linalg.zeros(1, 2) }] } }])
 * assert.deepStrictEqual(rows.map((row) => row.magnitude), [0.5, 0.25, 2])
 * assert.strictEqual(rows[0]?.layer, 'dW1')
 */
export const gradientMagnitudes = (
  snapshots: readonly GradientSnapshot[],
): readonly GradientMagnitude[] =>
  snapshots.flatMap(({ epoch, gradients }) =>
    gradients.layers
      .flatMap((layer) => ('W' in layer ? [layer.W] : []))
      .flatMap((W, index) =>
        Array.from(linalg.toFloat64Array(W)).flatMap((value) =>
          value !== 0 && Number.isFinite(value)
            ? [{ epoch, layer: `dW${index + 1}`, magnitude: compact(Math.abs(value), 4) }]
            : [],
        ),
      ),
  )

/**
 * Per dense layer (side by side), box plots of |dW| over the layer's entries at each recorded
 * epoch, on a log scale: boxes drifting down towards 0 in the early layers are vanishing
 * gradients; boxes climbing are exploding ones.
 *
 * @category Figures
 * @example
 * import assert from 'node:assert'
 * import { linalg } from 'gradfold'
 * import { figureWords } from 'gradfold/teach'
 * import { gradientDistributions } from './gradient-distributions.js'
 * const layer = (value: number) => ({ W: linalg.fill(2, 2, value), b: linalg.zeros(1, 2) })
 * const spec = gradientDistributions([
 *   { epoch: 0, gradients: { layers: [layer(0.1), layer(0.2)] } },
 *   { epoch: 100, gradients: { layers: [layer(0.01), layer(0.05)] } },
 * ], { words: figureWords('en') })
 * assert.ok('facet' in spec && JSON.stringify(spec.spec).includes('"type":"boxplot"'))
 */
export const gradientDistributions = (
  snapshots: readonly GradientSnapshot[],
  options: DistributionOptions,
): VegaLiteSpec => {
  const { words } = options
  return {
    title: options.title ?? words.gradientDistributions,
    config: baseConfig,
    data: { values: gradientMagnitudes(snapshots).map((row) => ({ ...row })) },
    facet: { column: { field: 'layer', type: 'nominal', title: words.layer } },
    spec: {
      width: 240,
      height: 240,
      mark: { type: 'boxplot', extent: 'min-max' },
      encoding: {
        x: { field: 'epoch', type: 'ordinal', title: words.epoch },
        y: {
          field: 'magnitude',
          type: 'quantitative',
          title: words.gradientMagnitude,
          scale: { type: 'log' },
        },
      },
    },
  }
}
