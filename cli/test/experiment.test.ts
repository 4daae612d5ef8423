// prepareExperiment: numpy mode draws He-normal weights from numpy.seed(seed) in layer order
// (derived here with randn directly) and shuffles from the stream after them; its data is the
// notebook's scikit-learn split; key mode is deterministic and seed-dependent; the example config
// trains to a lower loss; one-hot targets, dropout and clipping come out as configured; data read
// from files: the standardisation fitted on scikit-learn's training rows (digits), the model's
// widths checked against what was read, a source's own test set, a regression target.

import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, test } from 'vitest'
import { decodeConfig, type RunConfig } from '../src/config.js'
import { digitsData } from '../src/file-sources.js'
import { prepareExperiment, type Experiment } from '../src/experiment.js'
import { nodeWorld } from '../src/world.js'
import { linalg, network, random, train } from 'gradfold'
import { right } from '../../test/support/either.js'
import { field, numbers, readFixture, rowsOf } from '../../test/support/fixtures.js'
import { experimentFrom } from './support/experiment.js'

/** The config the issue documents, word for word (test/fixtures/config_example.json). */
const example = readFixture('config_example.json') as Readonly<Record<string, unknown>>

const configOf = (json: unknown): RunConfig => right(decodeConfig(json))
const experimentOf = (json: unknown): Experiment => right(experimentFrom(configOf(json)))

const weightRows = (net: network.Network): number[][][] =>
  net.parameters.layers.flatMap((layer) => ('W' in layer ? [linalg.toRows(layer.W)] : []))

/** The experiment without its optimizer's functions, which compare by identity. */
const comparable = (experiment: Experiment): unknown => ({
  ...experiment,
  fitConfig: { ...experiment.fitConfig, optimizer: 'compared by behaviour' },
})

const maxDifference = (actual: linalg.Matrix, expected: number[][]): number => {
  const flat = expected.flat()
  expect(linalg.toFlat(actual).length).toBe(flat.length)
  return linalg
    .toFlat(actual)
    .reduce((worst, value, index) => Math.max(worst, Math.abs(value - (flat[index] ?? NaN))), 0)
}

describe('numpy mode', () => {
  test.each([0, 7, 42])(
    'seed %i: W_i = randn(n_in, n_out)·√(2/n_in) drawn in layer order, shuffles after',
    (seed) => {
      const experiment = experimentOf({ ...example, seed, batchSize: 32 })
      let state = random.numpy.seed(seed)
      const expected: number[][][] = []
      for (const [fanIn, fanOut] of [
        [2, 16],
        [16, 8],
        [8, 1],
      ] as const) {
        const [draws, next] = random.numpy.randn(state, fanIn, fanOut)
        expected.push(linalg.toRows(draws).map((row) => row.map((x) => x * Math.sqrt(2 / fanIn))))
        state = next
      }
      expect(weightRows(experiment.network)).toStrictEqual(expected)
      const shuffle = experiment.fitConfig.shuffle
      if (shuffle === undefined || !random.numpy.isRandomState(shuffle)) {
        throw new Error('numpy mode lost its stream')
      }
      expect(random.numpy.getState(shuffle)).toStrictEqual(random.numpy.getState(state))
    },
  )

  test("the example's data is the notebook's train/test split (240/60)", () => {
    const reference = field(readFixture('datasets_expected.json'), 'notebook_moons')
    const { data } = experimentOf(example)
    const test = data.test
    if (test === undefined) throw new Error('the example has a split')
    expect([data.train.X.rows, data.train.X.cols, test.X.rows, test.y.cols]).toStrictEqual([
      240, 2, 60, 1,
    ])
    expect(maxDifference(data.train.X, rowsOf(field(reference, 'X_train')))).toBeLessThan(1e-12)
    expect(maxDifference(test.X, rowsOf(field(reference, 'X_test')))).toBeLessThan(1e-12)
    const labels = (value: unknown): number[][] => (value as number[]).map((label) => [label])
    expect(linalg.toRows(data.train.y)).toStrictEqual(labels(field(reference, 'y_train')))
    expect(linalg.toRows(test.y)).toStrictEqual(labels(field(reference, 'y_test')))
  })
})

describe('key mode and determinism', () => {
  const keyed = { ...example, rng: 'key' }

  test('the same config gives deep-equal experiments, optimizers that act alike', () => {
    const first = experimentOf(keyed)
    const second = experimentOf(keyed)
    expect(comparable(first)).toStrictEqual(comparable(second))
    const step = (experiment: Experiment) =>
      right(train.step(experiment.fitConfig)(experiment.initial, experiment.data.train))
    expect(step(first).network.parameters).toStrictEqual(step(second).network.parameters)
  })

  test('different seeds give different weights and data; numpy and key modes differ', () => {
    const one = experimentOf({ ...keyed, seed: 1 })
    const two = experimentOf({ ...keyed, seed: 2 })
    expect(weightRows(one.network)).not.toStrictEqual(weightRows(two.network))
    const ownData = { ...keyed, data: { name: 'moons', samples: 300, noise: 0.2 } }
    expect(linalg.toFlat(experimentOf({ ...ownData, seed: 1 }).data.train.X)).not.toStrictEqual(
      linalg.toFlat(experimentOf({ ...ownData, seed: 2 }).data.train.X),
    )
    expect(weightRows(experimentOf(example).network)).not.toStrictEqual(
      weightRows(experimentOf(keyed).network),
    )
  })
})

describe('training', () => {
  test('the example config trains to a lower loss in 50 epochs', () => {
    const experiment = experimentOf({ ...example, epochs: 50 })
    const result = right(train.fit(experiment.fitConfig)(experiment.initial, experiment.data))
    expect(result.history.loss).toHaveLength(50)
    const first = result.history.loss[0] ?? Number.NaN
    expect(result.history.final?.trainLoss).toBeLessThan(first)
    expect(result.history.final?.testLoss).toBeDefined()
  })

  test('mini-batches with adam, a schedule, clipping, l2 and dropout run and lower the loss', () => {
    const experiment = experimentOf({
      data: { name: 'moons', samples: 200, noise: 0.1 },
      model: { layers: [2, 16, 8, 1], dropout: [0.2, 0] },
      optimizer: { name: 'adam', learningRate: 0.01 },
      schedule: { name: 'cosine' },
      clipNorm: 5,
      l2: 1e-4,
      epochs: 20,
      batchSize: 50,
    })
    expect(experiment.network.layers.map((layer) => layer.kind)).toStrictEqual([
      'dense',
      'dropout',
      'dense',
      'dense',
    ])
    expect(experiment.initial.key).toBeDefined()
    expect(experiment.fitConfig.l2).toBe(1e-4)
    const result = right(train.fit(experiment.fitConfig)(experiment.initial, experiment.data))
    expect(result.state.stepCount).toBe(20 * 4)
    expect(result.history.final?.trainLoss).toBeLessThan(result.history.loss[0] ?? 0)
  })

  test('blobs with three classes and softmax cross-entropy get one-hot targets', () => {
    const experiment = experimentOf({
      data: { name: 'blobs', samples: 90, centers: 3 },
      model: { layers: [2, 8, 3], output: 'softmax' },
      loss: 'softmax-cross-entropy',
      epochs: 5,
    })
    const { y } = experiment.data.train
    expect([y.rows, y.cols]).toStrictEqual([90, 3])
    expect(
      linalg
        .toRows(linalg.rowSums(y))
        .flat()
        .every((total) => total === 1),
    ).toBe(true)
    const loss = network.loss(experiment.network, experiment.data.train, experiment.fitConfig.loss)
    expect(E.isRight(loss)).toBe(true)
  })

  test('a hand-made config the builders refuse is a Left, not a throw', () => {
    const config = configOf(example)
    const refused = experimentFrom({
      ...config,
      data: { name: 'moons', samples: 0, noise: 0, shuffle: true, seed: 0 },
    })
    expect(E.isLeft(refused) && refused.left.startsWith('data: makeMoons: samples is 0')).toBe(true)
    const badRate = experimentFrom({
      ...config,
      optimizer: { name: 'sgd', learningRate: Number.NaN },
    })
    expect(E.isLeft(badRate) && badRate.left.startsWith('optimizer: sgd: learningRate')).toBe(true)
  })
})

describe('data read from files', () => {
  const reference = readFixture('digits_reference.json')
  const digits = right(digitsData(nodeWorld()))
  const digitsConfig = {
    rng: 'numpy',
    data: { name: 'digits' },
    standardize: true,
    split: { testSize: field(reference, 'split_test_size'), seed: field(reference, 'split_seed') },
    model: { layers: [64, 16, 10], output: 'softmax' },
    loss: 'softmax-cross-entropy',
    epochs: 1,
  }

  test('standardize fits on the training rows alone: scikit-learn’s split and StandardScaler', () => {
    const experiment = right(prepareExperiment(configOf(digitsConfig), digits))
    const standardizer = experiment.standardizer
    if (standardizer === null) throw new Error('expected a standardizer')
    const close = (actual: linalg.Matrix, expected: unknown): void => {
      expect(maxDifference(actual, [numbers(expected)])).toBeLessThan(1e-12)
    }
    close(standardizer.mean, field(reference, 'train_mean'))
    close(standardizer.scale, field(reference, 'train_scale'))
    const { train: trainSet, test } = experiment.data
    expect(trainSet.X.rows).toBe(field(reference, 'train_rows'))
    if (test === undefined) throw new Error('expected a test set')
    close(right(linalg.selectRows(test.X, [0])), field(reference, 'test_standardized_first_row'))
    // one-hot rows for ten classes; the test labels in scikit-learn's order
    expect(linalg.rowArgmax(test.y).slice(0, 10)).toStrictEqual(
      numbers(field(reference, 'test_labels_head')),
    )
  })

  test('without standardize the inputs stay as loaded and there is no standardizer', () => {
    const experiment = right(
      prepareExperiment(configOf({ ...digitsConfig, standardize: false }), digits),
    )
    expect(experiment.standardizer).toBeNull()
    const first = linalg.toFlat(right(linalg.selectRows(experiment.data.train.X, [0])))
    expect(first.every((value) => value >= 0 && value <= 1)).toBe(true)
  })

  test('the model’s first and last widths against what was read: one line naming the source', () => {
    const narrow = prepareExperiment(
      configOf({ ...digitsConfig, model: { layers: [2, 16, 10], output: 'softmax' } }),
      digits,
    )
    expect(narrow).toStrictEqual(
      E.left('model.layers: the first size is 2, expected 64 (the features of digits)'),
    )
    const both = prepareExperiment(
      configOf({ ...digitsConfig, model: { layers: [3, 4], output: 'softmax' } }),
      digits,
    )
    expect(both).toStrictEqual(
      E.left(
        'model.layers: the first size is 3, expected 64 (the features of digits); model.layers: the last size is 4, expected 10 (the 10 classes of digits)',
      ),
    )
  })

  test('a source’s own test set is the test set; the standardizer sees the training rows only', () => {
    const trainRows = [
      [0, 2],
      [4, 2],
    ]
    const loaded = {
      dataset: { X: right(linalg.fromRows(trainRows)), y: right(linalg.fromRows([[0], [1]])) },
      test: { X: right(linalg.fromRows([[100, 7]])), y: right(linalg.fromRows([[1]])) },
      featureNames: ['a', 'b'],
      classNames: ['0', '1'],
    }
    const experiment = right(
      prepareExperiment(
        configOf({
          data: { name: 'idx', images: 'i', labels: 'l' },
          standardize: true,
          model: { layers: [2, 1] },
          epochs: 1,
        }),
        loaded,
      ),
    )
    // training columns: means 2 and 2, population deviations 2 and 0 (kept at 1)
    expect(linalg.toRows(experiment.standardizer?.mean ?? linalg.zeros(1, 1))).toStrictEqual([
      [2, 2],
    ])
    expect(linalg.toRows(experiment.data.test?.X ?? linalg.zeros(1, 1))).toStrictEqual([[49, 5]])
    expect(linalg.toRows(experiment.data.train.X)).toStrictEqual([
      [-1, 0],
      [1, 0],
    ])
  })

  test('a regression target trains one output on the values as read', () => {
    const loaded = {
      dataset: {
        X: right(linalg.fromRows([[1], [2], [3]])),
        y: right(linalg.fromRows([[0.5], [1.5], [9]])),
      },
      featureNames: ['x'],
      classNames: null,
    }
    const config = configOf({
      data: { name: 'csv', path: 'r.csv', label: 'y', target: 'regression' },
      model: { layers: [1, 4, 1], output: 'linear' },
      epochs: 1,
    })
    const experiment = right(prepareExperiment(config, loaded))
    expect(linalg.toFlat(experiment.data.train.y)).toStrictEqual([0.5, 1.5, 9])
    expect(
      prepareExperiment(
        { ...config, model: { ...config.model, layers: [1, 4, 2], dropout: [0] } },
        loaded,
      ),
    ).toStrictEqual(
      E.left(
        'model.layers: the last size is 2, expected 1 (one value: r.csv has a regression target)',
      ),
    )
  })
})
