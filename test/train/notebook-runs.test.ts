// The notebook's two trained networks, reproduced by `fit`: numpy's stream seeded 42 and advanced
// by the 2-3-1 network's draws (leaving a cached Gaussian), the moons [2, 16, 8, 1] He init from
// it, 1000 full-batch epochs of SGD at 0.1; then the circles [2, 32, 16, 8, 1] init continuing the
// same stream and 2000 epochs. Every loss and gradient norm is checked against the notebook's.

import { describe, expect, test } from 'vitest'
import { data, graph, linalg, network, random } from '../../src/index.js'
import { fit } from '../../src/train/fit.js'
import { notebookGradientNorms } from '../../src/train/history.js'
import type { Optimizer } from '../../src/train/optimizer.js'
import { initialState, type TrainState } from '../../src/train/step.js'
import { right } from '../support/either.js'
import { field, numbers, readFixture, rowsOf } from '../support/fixtures.js'

const fixture = readFixture('notebook_runs.json')
const moons = field(fixture, 'moons')
const circles = field(fixture, 'circles')
const model = (run: unknown, key: string): unknown => field(field(run, 'model'), key)
const numberAt = (value: unknown, key: string): number => {
  const found = field(value, key)
  if (typeof found !== 'number') throw new Error(`fixture ${key} is not a number`)
  return found
}

/** Plain SGD as an optimizer: updates −η·g, so W + (−η·g) — bitwise W − η·g, the notebook's. */
const sgd = (learningRate: number): Optimizer<null> => ({
  init: () => null,
  update: (gradients) => ({
    updates: graph.mapTree(gradients, (g) => linalg.scale(g, -learningRate)),
    state: null,
  }),
})

/** max |a − b| / |b| over two equally long lists. */
const maxRelativeError = (actual: readonly number[], expected: readonly number[]): number => {
  expect(actual.length).toBe(expected.length)
  return expected.reduce((worst, b, index) => {
    const error = Math.abs((actual[index] ?? Number.NaN) - b) / Math.abs(b)
    return Number.isNaN(error) ? Number.POSITIVE_INFINITY : Math.max(worst, error)
  }, 0)
}

const weightsOf = (net: network.Network): number[][][] =>
  net.parameters.layers.flatMap((layer) => ('W' in layer ? [linalg.toRows(layer.W)] : []))

const snapshot = (state: random.numpy.RandomState): unknown => {
  const { position, hasGauss, gauss } = random.numpy.getState(state)
  return { pos: position, has_gauss: hasGauss ? 1 : 0, cached_gaussian: gauss }
}

/** A ReLU/sigmoid mlp drawn with He normal from `rng`, and the stream after its draws. */
const heNetwork = (
  sizes: readonly number[],
  rng: random.numpy.RandomState,
): readonly [network.Network, random.numpy.RandomState] => {
  const net = right(network.mlp(sizes, { hidden: 'relu', output: 'sigmoid', rng }))
  const [parameters, next] = network.initParameters(net.layers, network.heNormal, rng)
  expect(parameters).toStrictEqual(net.parameters)
  if (!random.numpy.isRandomState(next)) throw new Error('initParameters lost the numpy stream')
  return [net, next]
}

/** The global stream after `np.random.seed(42)` and the 2-3-1 net's randn(2,3)·0.5, randn(3,1)·0.5. */
const afterVerboseNetwork = (): random.numpy.RandomState => {
  const small = right(
    network.mlp([2, 3, 1], { hidden: 'sigmoid', output: 'sigmoid', key: random.key(0) }),
  )
  const [, next] = network.initParameters(
    small.layers,
    network.scaledNormal(0.5),
    random.numpy.seed(42),
  )
  if (!random.numpy.isRandomState(next)) throw new Error('initParameters lost the numpy stream')
  return next
}

const train = (
  net: network.Network,
  epochs: number,
  learningRate: number,
  split: { readonly train: network.Batch; readonly test?: network.Batch },
) => {
  const optimizer = sgd(learningRate)
  const initial: TrainState<null> = initialState(net, optimizer)
  return right(fit({ loss: 'mse', optimizer, epochs, batchSize: null })(initial, split))
}

describe("the notebook's training runs", () => {
  const [moonsNetwork, afterMoons] = heNetwork([2, 16, 8, 1], afterVerboseNetwork())

  test('the moons init replays the notebook: weights (to an ulp or two) and the stream left', () => {
    // numpy's Gaussians call glibc's log, which misrounds a few inputs; there gradfold's
    // correctly rounded log differs by an ulp (see src/random/numpy/index.ts).
    const expected = (model(moons, 'init_weights') as unknown[]).map(rowsOf).flat(2)
    const actual = weightsOf(moonsNetwork).flat(2)
    expect(actual.length).toBe(expected.length)
    expect(maxRelativeError(actual, expected)).toBeLessThanOrEqual(4 * Number.EPSILON)
    const exact = actual.filter((value, index) => value === expected[index]).length
    expect(exact).toBeGreaterThanOrEqual(expected.length - 4)
    expect(snapshot(afterMoons)).toStrictEqual(model(moons, 'global_rng_after_init'))
  })

  test('moons: 1000 full-batch epochs give every loss and gradient norm, 53/60 on test', () => {
    const points = right(data.makeMoons({ samples: 300, noise: 0.2, seed: 42, rng: 'numpy' }))
    const split = right(data.trainTestSplit(points, { testSize: 0.2, seed: 42, rng: 'numpy' }))
    const { history, state } = train(
      moonsNetwork,
      numberAt(moons, 'epochs'),
      numberAt(moons, 'learning_rate'),
      { train: split.train, test: split.test },
    )
    const lossError = maxRelativeError(history.loss, numbers(model(moons, 'losses')))
    const normError = maxRelativeError(
      notebookGradientNorms(history),
      numbers(model(moons, 'gradient_norms')),
    )
    expect(lossError).toBeLessThanOrEqual(1e-10)
    expect(normError).toBeLessThanOrEqual(1e-10)
    expect(history.trainAccuracy).toStrictEqual(numbers(model(moons, 'train_accuracy_per_epoch')))
    const predicted = linalg
      .toFlat(right(network.predict(state.network, split.test.X)))
      .map((p) => (p > 0.5 ? 1 : 0))
    expect(predicted).toStrictEqual(numbers(field(moons, 'y_pred_test')))
    expect(history.final?.testAccuracy).toBe(numberAt(moons, 'test_accuracy'))
    expect(history.final?.testAccuracy).toBe(53 / 60)
  })

  test('circles: the stream continues, 2000 full-batch epochs give every loss, 299/300', () => {
    const [circlesNetwork, afterCircles] = heNetwork([2, 32, 16, 8, 1], afterMoons)
    expect(snapshot(afterCircles)).toStrictEqual(model(circles, 'global_rng_after_init'))
    const points = right(
      data.makeCircles({ samples: 300, noise: 0.1, factor: 0.5, seed: 42, rng: 'numpy' }),
    )
    const { history } = train(
      circlesNetwork,
      numberAt(circles, 'epochs'),
      numberAt(circles, 'learning_rate'),
      { train: points },
    )
    const lossError = maxRelativeError(history.loss, numbers(model(circles, 'losses')))
    expect(lossError).toBeLessThanOrEqual(1e-10)
    expect(history.final?.trainAccuracy).toBe(numberAt(circles, 'train_accuracy_final'))
    expect(history.final?.trainAccuracy).toBe(299 / 300)
  })
})
