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

  test('a figure over the SVG limit: its PNG stands in, the note printed and on the page', async () => {
    const world = memoryWorld()
    const written = right(
      await writeTrainReport(world, 'out', run, { keepBytes: 30_000, inlineBytes: 30_000 }),
    )
    const noted = written.figures.filter((figure) => figure.note !== undefined)
    expect(noted.length).toBeGreaterThan(0)
    for (const figure of noted) {
      expect(world.files.has(`out/${figure.name}.svg`)).toBe(false)
      expect(world.binaryFiles.has(`out/${figure.name}.png`)).toBe(true)
      expect(figure.files).toStrictEqual([`${figure.name}.png`])
    }
    // a small figure is kept as before
    expect(world.files.has('out/loss.svg')).toBe(true)
    expect(world.stdout()).toBe(noted.map((figure) => `note: ${figure.note}\n`).join(''))
    const html = world.files.get('out/index.html') ?? ''
    expect(html.match(/<p class="note">Note: [^<]* stands in for it<\/p>/gu)?.length).toBe(
      noted.length,
    )
  }, 60_000)

  test('a 2-D three-class run with a test set: the boundary by class, the loss beside the test loss', async () => {
    const labelled = right(data.makeBlobs({ samples: 60, centers: 3, seed: 4 }))
    const blobs = { X: labelled.X, y: right(data.oneHot(labelled.y, 3)) }
    const split = right(data.trainTestSplit(blobs, { testSize: 0.25, seed: 4 }))
    const start = right(
      network.mlp([2, 5, 3], { hidden: 'tanh', output: 'softmax', key: random.key(4) }),
    )
    const trained = right(
      train.fit({ loss: 'softmaxCrossEntropy', optimizer, epochs: 4, batchSize: null })(
        train.initialState(start, optimizer),
        split,
      ),
    )
    const world = memoryWorld()
    const written = right(
      await writeTrainReport(
        world,
        'out',
        {
          ...run,
          loss: 'softmaxCrossEntropy',
          trainingData: split.train,
          history: trained.history,
          network: trained.state.network,
          snapshots: [{ epoch: 4, network: trained.state.network }],
        },
        { keepBytes: 10_000_000, inlineBytes: 10_000_000 },
      ),
    )
    const caption = (name: string) =>
      written.figures.find((figure) => figure.name === name)?.caption
    expect(caption('loss')).toBe('the training and test loss per epoch (log scale)')
    // the written SVGs (limits raised so that the boundary's is kept whatever its size)
    const boundary = world.files.get('out/boundary.svg') ?? ''
    expect(boundary).toContain('>Predicted class</text>')
    expect(boundary).not.toContain('P(class 1)')
    expect(world.files.get('out/loss.svg') ?? '').toContain('>Test loss</text>')
    expect(written.animations).toStrictEqual(['out/boundary.gif'])
  }, 60_000)

  test('a refused index.html is a Left naming it', async () => {
    const world = memoryWorld({ unwritable: ['out/index.html'] })
    expect(left(await writeTrainReport(world, 'out', run))).toBe(
      "cannot write 'out/index.html': permission denied",
    )
  }, 30_000)
})
