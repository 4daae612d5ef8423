// The animated decision boundary: the boundary's grid at several epochs of training (one frame per
// network snapshot, all over the same grid), and each frame as a decision-boundary figure.
// Laws: pure; one frame per snapshot in the given order; every frame shares the grid's axes.

import * as E from 'fp-ts/lib/Either.js'
import type { Dataset } from '../data/index.js'
import type { Network, NetworkError } from '../network/index.js'
import { decisionBoundary } from './decision-boundary.js'
import { predictionGrid, type PredictionGrid } from './prediction-grid.js'
import type { PlotWords } from './plot-words.js'
import type { VegaLiteSpec } from './spec.js'

/**
 * The network's output over the grid at one epoch.
 *
 * @category Figures
 */
export interface BoundaryFrame {
  readonly epoch: number
  readonly grid: PredictionGrid
}

/**
 * A frame per snapshot: the snapshot network's predictions over the notebook's grid for the
 * dataset (see `predictionGrid`; default step 0.02). Left on the first snapshot that cannot
 * predict on the grid.
 *
 * @category Figures
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { data, network, random } from 'gradfold'
 * import { boundaryFrames } from './boundary-frames.js'
 * const points = data.makeMoons({ samples: 30, noise: 0.1, seed: 2 })
 * const net = network.mlp([2, 4, 1], { hidden: 'tanh', output: 'sigmoid', key: random.key(2) })
 * assert.ok(E.isRight(points) && E.isRight(net))
 * const frames = boundaryFrames([{ epoch: 0, network: net.right }, { epoch: 10, network: net.right }], points.right, 0.25)
 * assert.ok(E.isRight(frames))
 * assert.deepStrictEqual(frames.right.map((frame) => frame.epoch), [0, 10])
 */
export const boundaryFrames = (
  snapshots: readonly { readonly epoch: number; readonly network: Network }[],
  dataset: Dataset,
  step = 0.02,
): E.Either<NetworkError, readonly BoundaryFrame[]> => {
  const frames: BoundaryFrame[] = []
  for (const snapshot of snapshots) {
    const grid = predictionGrid(snapshot.network, dataset, step)
    if (E.isLeft(grid)) return grid
    frames.push({ epoch: snapshot.epoch, grid: grid.right })
  }
  return E.right(frames)
}

/**
 * One frame as a decision-boundary figure titled with its epoch (`words.epochTitle`: `Decision
 * boundary at epoch 100`).
 *
 * @category Figures
 * @example
 * import assert from 'node:assert'
 * import { linalg } from 'gradfold'
 * import { figureWords } from 'gradfold/teach'
 * import { boundaryFrameSpec } from './boundary-frames.js'
 * const grid = { step: 1, xs: [0, 1], ys: [0, 1], xMin: 0, xMax: 1, yMin: 0, yMax: 1, values: [0.2, 0.8, 0.3, 0.9] }
 * const dataset = { X: linalg.zeros(1, 2), y: linalg.zeros(1, 1) }
 * const spec = boundaryFrameSpec({ epoch: 100, grid }, dataset, { words: figureWords('en') })
 * assert.strictEqual(spec.title, 'Decision boundary at epoch 100')
 */
export const boundaryFrameSpec = (
  frame: BoundaryFrame,
  dataset: Dataset,
  options: { readonly words: PlotWords },
): VegaLiteSpec =>
  decisionBoundary(frame.grid, dataset, {
    ...options,
    title: options.words.epochTitle(frame.epoch),
  })
