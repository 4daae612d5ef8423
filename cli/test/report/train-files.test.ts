// Writing a train run's report through a World: the figures' files and index.html, and a refused
// write as a Left naming the file.

import { describe, expect, test } from 'vitest'
import { data, network, random, train } from 'gradfold'
import { writeTrainReport } from '../../src/report/train-files.js'
import { left, right } from '../../../test/support/either.js'
import { memoryWorld } from '../support/memory-world.js'

const points = right(data.makeBlobs({ samples: 20, centers: 2, features: 3, seed: 2 }))
const net = right(network.mlp([3, 3, 1], { hidden: 'tanh', output: 'sigmoid', key: random.key(2) }))
const optimizer = right(train.adam(0.01))
const fitted = right(
  train.fit({ loss: 'mse', optimizer, epochs: 3, batchSize: null })(
    train.initialState(net, optimizer),
    {
      train: points,
    },
  ),
)
const run = {
  configPath: 'blobs.json',
  config: { seed: 2 },
  configHash: 'feed',
  seed: 2,
  loss: 'mse',
  sgdLearningRate: undefined,
  trainingData: points,
  history: fitted.history,
  network: fitted.state.network,
  snapshots: [{ epoch: 3, network: fitted.state.network }],
}

describe('writeTrainReport', () => {
  test('3-D data: four figures, no animation, index.html', async () => {
    const world = memoryWorld()
    const written = right(await writeTrainReport(world, 'out', run))
    expect(written.page).toBe('out/index.html')
    expect(written.animations).toStrictEqual([])
    expect([...world.binaryFiles.keys()].some((path) => path.endsWith('.gif'))).toBe(false)
    expect(written.figures.map((figure) => figure.name)).toStrictEqual([
      'loss',
      'gradient-norms',
      'weights',
      'gradient-distributions',
    ])
    const html = world.files.get('out/index.html') ?? ''
    expect(html).toContain('<title>gradfold train blobs.json</title>')
    expect(html).not.toContain('data-player')
    expect(html).toContain('class="katex"')
  }, 30_000)

  test('a refused index.html is a Left naming it', async () => {
    const world = memoryWorld({ unwritable: ['out/index.html'] })
    expect(left(await writeTrainReport(world, 'out', run))).toBe(
      "cannot write 'out/index.html': permission denied",
    )
  }, 30_000)
})
