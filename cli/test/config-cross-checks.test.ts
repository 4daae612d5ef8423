// Facts across a config's sections: features and classes of each dataset, the outputs a loss
// needs, and each broken fact — first or last layer width, a logit loss's output, a split with an
// empty side, a cosine minimum above the learning rate — as its one line.

import { describe, expect, test } from 'vitest'
import { classCount, crossProblems, featureCount, outputCount } from '../src/config-cross-checks.js'
import type { DataConfig, GeneratedData, ModelConfig } from '../src/config-schema.js'

const moons: GeneratedData = { name: 'moons', samples: 10, noise: 0, shuffle: true, seed: 0 }
const blobs: GeneratedData = {
  name: 'blobs',
  samples: 9,
  centers: [
    [0, 0, 0],
    [1, 1, 1],
    [2, 2, 2],
    [3, 3, 3],
  ],
  features: 3,
  clusterStd: 1,
  centerBox: [-10, 10],
  shuffle: true,
  seed: 0,
}
const model = (
  layers: readonly number[],
  output: ModelConfig['output'] = 'sigmoid',
): ModelConfig => ({
  layers,
  hidden: 'relu',
  output,
  init: 'he-normal',
  dropout: [],
})

describe('counts', () => {
  test('features and classes: 2 and 2 for the 2-D sets, the centres’ for blobs', () => {
    expect([featureCount(moons), classCount(moons)]).toStrictEqual([2, 2])
    expect([featureCount(blobs), classCount(blobs)]).toStrictEqual([3, 4])
  })

  test('outputs: one per class for softmax cross-entropy or more than two classes, else one', () => {
    expect(outputCount(2, 'mse')).toBe(1)
    expect(outputCount(2, 'binaryCrossEntropyWithLogits')).toBe(1)
    expect(outputCount(2, 'softmaxCrossEntropy')).toBe(2)
    expect(outputCount(4, 'mse')).toBe(4)
  })
})

describe('crossProblems', () => {
  test('none when the sections fit each other', () => {
    expect(crossProblems({ data: moons, model: model([2, 4, 1]), loss: 'mse' })).toStrictEqual([])
    expect(
      crossProblems({
        data: blobs,
        model: model([3, 8, 4], 'softmax'),
        loss: 'softmaxCrossEntropy',
      }),
    ).toStrictEqual([])
  })

  test('first and last layer widths against the data and the loss', () => {
    expect(crossProblems({ data: moons, model: model([3, 4, 2]), loss: 'mse' })).toStrictEqual([
      'model.layers[0]: expected 2 (the number of features of moons), got 3',
      'model.layers[2]: expected 1 (one output for the 2 classes of moons with loss mse), got 2',
    ])
    expect(crossProblems({ data: blobs, model: model([3, 2]), loss: 'mse' })).toStrictEqual([
      'model.layers[1]: expected 4 (one output per class; blobs has 4), got 2',
    ])
  })

  test('a logit loss reads logits: its output is the fused activation or linear', () => {
    expect(
      crossProblems({ model: model([2, 1], 'tanh'), loss: 'binaryCrossEntropyWithLogits' }),
    ).toStrictEqual([
      'model.output: expected sigmoid or linear (loss binaryCrossEntropyWithLogits reads the logits), got "tanh"',
    ])
  })

  test('a split with an empty side, and a cosine minimum above the learning rate', () => {
    expect(crossProblems({ data: moons, split: { testSize: 0.95, seed: 0 } })).toStrictEqual([
      'split.testSize: expected a fraction that leaves at least one of the 10 samples on each side, got 0.95',
    ])
    expect(
      crossProblems({
        optimizer: { name: 'sgd', learningRate: 0.1 },
        schedule: { name: 'cosine', minimum: 0.5 },
      }),
    ).toStrictEqual([
      'schedule.minimum: expected a number from 0 to the learning rate 0.1, got 0.5',
    ])
  })
})

describe('data read from files', () => {
  const csv: DataConfig = {
    name: 'csv',
    path: 't.csv',
    label: 'y',
    features: null,
    target: 'classes',
  }
  const fashion: DataConfig = { name: 'fashion-mnist', directory: '/f' }
  const idxWithTest: DataConfig = {
    name: 'idx',
    images: 'i',
    labels: 'l',
    test: { images: 'ti', labels: 'tl' },
  }

  test('no width is checked before the files are read', () => {
    expect(crossProblems({ data: csv, model: model([7, 5]), loss: 'mse' })).toStrictEqual([])
    expect(
      crossProblems({ data: { name: 'digits' }, model: model([2, 1]), loss: 'mse' }),
    ).toStrictEqual([])
  })

  test('a split beside the source’s own test set is refused; otherwise checked when sized', () => {
    const split = { testSize: 0.25, seed: 0 }
    expect(crossProblems({ data: fashion, split })).toStrictEqual([
      "split: expected none, got a split (fashion-mnist's t10k files are the test set)",
    ])
    expect(crossProblems({ data: idxWithTest, split })).toStrictEqual([
      "split: expected none, got a split (data.test's files are the test set)",
    ])
    expect(crossProblems({ data: csv, split: { testSize: 0.999, seed: 0 } })).toStrictEqual([])
    // the shipped digits have 1797 examples, known before reading
    expect(
      crossProblems({ data: { name: 'digits' }, split: { testSize: 0.9999, seed: 0 } }),
    ).toStrictEqual([
      'split.testSize: expected a fraction that leaves at least one of the 1797 samples on each side, got 0.9999',
    ])
  })
})
