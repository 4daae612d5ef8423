// A train run's report, planned: the figures a run gets (the boundary only for 2-D inputs, the
// gradient distributions one entry per snapshot), its tables (every config setting a row) and its
// derivation (the SGD step only for an MSE run with plain SGD).

import { describe, expect, test } from 'vitest'
import { data, network, random, train } from 'gradfold'
import {
  trainFigures,
  trainSections,
  trainTables,
  type TrainedRunReport,
} from '../../src/report/train-report.js'
import { right } from '../../../test/support/either.js'

const runOf = (points: data.Dataset, sizes: readonly number[]): TrainedRunReport => {
  const net = right(network.mlp(sizes, { hidden: 'relu', output: 'sigmoid', key: random.key(4) }))
  const optimizer = right(train.sgd(0.1))
  const fitted = right(
    train.fit({ loss: 'mse', optimizer, epochs: 6, batchSize: null })(
      train.initialState(net, optimizer),
      { train: points },
    ),
  )
  return {
    configPath: 'run.json',
    config: { seed: 1, optimizer: { name: 'sgd', learningRate: 0.1 }, model: { layers: sizes } },
    configHash: 'abc',
    seed: 1,
    loss: 'mse',
    sgdLearningRate: 0.1,
    trainingData: points,
    history: fitted.history,
    network: fitted.state.network,
    snapshots: [
      { epoch: 0, network: net },
      { epoch: 6, network: fitted.state.network },
    ],
  }
}

const moons = right(data.makeMoons({ samples: 30, noise: 0.1, seed: 1 }))
const blobs = right(data.makeBlobs({ samples: 30, centers: 2, features: 3, seed: 1 }))

describe('the train report', () => {
  test('2-D data: loss, gradient norms, boundary, weights, gradient distributions', () => {
    const figures = right(trainFigures(runOf(moons, [2, 4, 1])))
    expect(figures.map((figure) => figure.name)).toStrictEqual([
      'loss',
      'gradient-norms',
      'boundary',
      'weights',
      'gradient-distributions',
    ])
    const distributions = figures[4]
    expect(JSON.stringify(distributions?.source)).toContain('"epoch":6')
  })

  test('3-D data: no boundary', () => {
    const figures = right(trainFigures(runOf(blobs, [3, 4, 1])))
    expect(figures.map((figure) => figure.name)).not.toContain('boundary')
    expect(figures).toHaveLength(4)
  })

  test('tables: the result and every config setting as a row', () => {
    const [result, config] = trainTables(runOf(moons, [2, 4, 1]))
    expect(result?.rows.map((row) => row[0])).toContain('config sha256')
    expect(config?.rows).toStrictEqual([
      ['seed', '1'],
      ['optimizer.name', '"sgd"'],
      ['optimizer.learningRate', '0.1'],
      ['model.layers', '[2,4,1]'],
    ])
  })

  test('sections: the SGD step for an MSE/SGD run, only the derivative table otherwise', () => {
    const withStep = right(trainSections(runOf(moons, [2, 4, 1])))
    expect(withStep.map((section) => section.title)).toStrictEqual([
      'One SGD step of the initial network on the first example (α = 0.1)',
      'The primitives and their derivatives',
    ])
    expect(withStep[0]?.body.html).toContain('class="katex"')
    const adam = right(trainSections({ ...runOf(moons, [2, 4, 1]), sgdLearningRate: undefined }))
    expect(adam.map((section) => section.title)).toStrictEqual([
      'The primitives and their derivatives',
    ])
  })
})
