// Figures 2 and 8 of the notebook: a 2-D dataset as a scatter plot by class — class 0 red
// circles, class 1 blue squares, black edges at opacity 0.7, a light grid.
// Laws: pure; one point per example; every spec names the font and its size.

import type { Dataset } from '../data/index.js'
import { classPointsLayer, pointRows } from './classes.js'
import type { PlotWords } from './plot-words.js'
import { baseConfig, type VegaLiteSpec } from './spec.js'

/**
 * Options of `datasetScatter`.
 *
 * @category Figures
 */
export interface ScatterOptions {
  /** The title (default `words.trainingData`). */
  readonly title?: string
  /** The axes' and legend's words (gradfold/teach's `figureWords(language)`). */
  readonly words: PlotWords
  /** The plot's size in pixels (default 480 × 360, the notebook's 8 × 6 inches). */
  readonly width?: number
  readonly height?: number
}

/**
 * The dataset's examples by class, the first feature across and the second up (fig_02: the moons
 * training set; fig_08: the circles), with axes titled `Feature 1` / `Feature 2` (`Признак 1` /
 * `Признак 2` in Russian) and a legend of the classes.
 *
 * @category Figures
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { data } from 'gradfold'
 * import { figureWords } from 'gradfold/teach'
 * import { datasetScatter } from './dataset-scatter.js'
 * const moons = data.makeMoons({ samples: 20, noise: 0.1, seed: 0 })
 * assert.ok(E.isRight(moons))
 * const spec = datasetScatter(moons.right, { title: 'Moons', words: figureWords('ru') })
 * assert.strictEqual(JSON.stringify(spec).includes('"title":"Признак 1"'), true)
 * assert.strictEqual(spec.config?.font, 'DejaVu Sans')
 */
export const datasetScatter = (dataset: Dataset, options: ScatterOptions): VegaLiteSpec => {
  const { words } = options
  return {
    title: options.title ?? words.trainingData,
    width: options.width ?? 480,
    height: options.height ?? 360,
    config: { ...baseConfig, axis: { gridOpacity: 0.3 } },
    layer: [
      classPointsLayer(pointRows(dataset, words), words, [words.feature(1), words.feature(2)]),
    ],
  }
}
