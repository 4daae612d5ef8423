// Helpers for the network tests: the notebook's 2-3-1 fixture as matrices, relative errors, and
// the notebook's network built with gradfold (numpy seed 42, randn·0.5, sigmoid, mse).

import { expect } from 'vitest'
import { linalg, network, random } from '../../src/index.js'
import { right } from '../support/either.js'
import { field, readFixture, rowsOf } from '../support/fixtures.js'

const fixture = readFixture('verbose_net.json')

/** `verbose_net_2_3_1.<section>.<name>` (or `gradient_check.<name>`) as a matrix. */
export const walkthrough = (section: string, name: string): linalg.Matrix =>
  right(linalg.fromRows(rowsOf(field(field(field(fixture, 'verbose_net_2_3_1'), section), name))))

/** A number at `verbose_net_2_3_1.<section>.<name>`. */
export const walkthroughNumber = (section: string, name: string): number => {
  const value = field(field(field(fixture, 'verbose_net_2_3_1'), section), name)
  if (typeof value !== 'number') throw new Error(`fixture ${section}.${name} is not a number`)
  return value
}

/** A top-level matrix of `verbose_net_2_3_1` (input_X, target_y). */
export const walkthroughTop = (name: string): linalg.Matrix =>
  right(linalg.fromRows(rowsOf(field(field(fixture, 'verbose_net_2_3_1'), name))))

/** max |a − b| / |b| over entries (|a − b| where b is 0); shapes must agree. */
export const maxRelativeError = (actual: linalg.Matrix, expected: linalg.Matrix): number => {
  expect([actual.rows, actual.cols]).toStrictEqual([expected.rows, expected.cols])
  const a = linalg.toFlat(actual)
  return linalg.toFlat(expected).reduce((worst, b, index) => {
    const difference = Math.abs((a[index] ?? Number.NaN) - b)
    const error = b === 0 ? difference : difference / Math.abs(b)
    return Number.isNaN(error) ? Number.POSITIVE_INFINITY : Math.max(worst, error)
  }, 0)
}

/** The notebook's verbose 2-3-1 network: seed(42), W = randn·0.5, zero biases, sigmoid layers. */
export const notebookNetwork = (): network.Network =>
  right(
    network.mlp([2, 3, 1], {
      hidden: 'sigmoid',
      output: 'sigmoid',
      init: network.scaledNormal(0.5),
      rng: random.numpy.seed(42),
    }),
  )

/** W and b of layer `index`, failing the test for a layer without them. */
export const dense = (
  parameters: network.Network['parameters'],
  index: number,
): { readonly W: linalg.Matrix; readonly b: linalg.Matrix } => {
  const layer = parameters.layers[index]
  if (layer === undefined || !('W' in layer)) throw new Error(`layer ${index} has no W and b`)
  return { W: layer.W, b: layer.b }
}
