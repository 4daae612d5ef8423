// boundaryFrames and boundaryFrameSpec: a decision boundary per training snapshot, all over the
// same grid — the frames of the animated boundary.

import { describe, expect, test } from 'vitest'
import { linalg, network, random, train } from '../../src/index.js'
import { boundaryFrames, boundaryFrameSpec, predictionGrid } from '../../src/viz/index.js'
import { figureWords } from '../../src/teach/index.js'
import { left, right } from '../support/either.js'
import {
  asJson,
  at,
  expectCompiles,
  listAt,
  moonsNetwork,
  moonsTrain,
  threeClassNetwork,
  threeClassPoints,
  unitViews,
} from './notebook-figures.js'

const english = figureWords('en')
const russian = figureWords('ru')

describe('boundaryFrames', () => {
  const start = right(
    network.mlp([2, 8, 1], { hidden: 'tanh', output: 'sigmoid', key: random.key(4) }),
  )
  const optimizer = right(train.sgd(0.5))
  const fitted = right(
    train.fit({ loss: 'mse', optimizer, epochs: 30, batchSize: null })(
      train.initialState(start, optimizer),
      { train: moonsTrain },
    ),
  )
  const snapshots = [
    { epoch: 0, network: start },
    { epoch: 30, network: fitted.state.network },
  ]

  test('give one frame per snapshot over one grid, each the snapshot’s prediction grid', () => {
    const frames = right(boundaryFrames(snapshots, moonsTrain, 0.1))
    expect(frames.map((frame) => frame.epoch)).toStrictEqual([0, 30])
    const [first, last] = frames
    expect(first?.grid.xs).toStrictEqual(last?.grid.xs)
    expect(first?.grid.ys).toStrictEqual(last?.grid.ys)
    expect(last?.grid).toStrictEqual(right(predictionGrid(fitted.state.network, moonsTrain, 0.1)))
    expect(first?.grid.values).not.toStrictEqual(last?.grid.values)
  })

  test('stop at the first snapshot that cannot predict on the grid', () => {
    const wide = right(
      network.mlp([3, 2, 1], { hidden: 'relu', output: 'sigmoid', key: random.key(0) }),
    )
    const error = left(
      boundaryFrames(
        [snapshots[0] ?? { epoch: 0, network: start }, { epoch: 5, network: wide }],
        moonsTrain,
        0.1,
      ),
    )
    expect(error.message).toMatch(/^predict: layer 0 \(dense 3→2\)/)
  })

  test('are empty without snapshots', () => {
    expect(right(boundaryFrames([], moonsTrain))).toStrictEqual([])
  })
})

describe('boundaryFrameSpec', () => {
  test('draws a frame as a decision boundary titled with its epoch', () => {
    const grid = right(predictionGrid(moonsNetwork, moonsTrain, 0.1))
    const spec = boundaryFrameSpec({ epoch: 1000, grid }, moonsTrain, { words: english })
    expectCompiles(spec)
    expect(at(asJson(spec), 'title')).toBe('Decision boundary at epoch 1000')
    expect(
      at(asJson(boundaryFrameSpec({ epoch: 10, grid }, moonsTrain, { words: russian })), 'title'),
    ).toBe('Граница решений, эпоха 10')
    expect(linalg.formatShape(moonsTrain.X)).toBe('240×2')
  })

  test('a frame of a three-class network shows its predicted classes, not one probability', () => {
    const [frame] = right(
      boundaryFrames([{ epoch: 7, network: threeClassNetwork }], threeClassPoints, 0.5),
    )
    if (frame === undefined) throw new Error('expected one frame')
    const spec = boundaryFrameSpec(frame, threeClassPoints, { words: english })
    expectCompiles(spec)
    const [regions] = unitViews(spec)
    expect(at(regions, 'encoding', 'color', 'title')).toBe('Predicted class')
    const predicted = new Set(
      (listAt(regions, 'data', 'values') as { predicted: string }[]).map((row) => row.predicted),
    )
    expect(predicted).toStrictEqual(new Set(['Class 0', 'Class 1', 'Class 2']))
  })
})
