// A small run trained through `gradfold train` in an in-memory world, for the predict and evaluate
// tests: three Gaussian blobs (2 features, 3 classes), a seeded split, a 2-8-3 softmax network.
// Also the same run trained in memory (the experiment and train.fit), whose network the saved
// model must reproduce bit for bit, and CSV text in and out.

import { linalg, train } from 'gradfold'
import { parseConfig } from '../../src/config.js'
import { trainCommand } from '../../src/train-command.js'
import { right } from '../../../test/support/either.js'
import { experimentFrom } from './experiment.js'
import { memoryWorld, type MemoryWorld } from './memory-world.js'

export const blobsConfig = {
  seed: 4,
  data: { name: 'blobs', samples: 240, centers: 3, clusterStd: 2.5, seed: 3 },
  split: { testSize: 0.25 },
  model: { layers: [2, 8, 3], hidden: 'relu', output: 'softmax' },
  loss: 'softmaxCrossEntropy',
  optimizer: { name: 'adam', learningRate: 0.05 },
  epochs: 25,
  batchSize: 32,
}

/**
 * `gradfold train data/blobs.json --out run` in a world holding `files` too; then a fresh world
 * with every file (run/model.json among them) and nothing printed yet.
 */
export const trainedWorld = async (files: Record<string, string> = {}): Promise<MemoryWorld> => {
  const world = memoryWorld({
    files: { 'data/blobs.json': JSON.stringify(blobsConfig), ...files },
  })
  const code = await trainCommand()(['data/blobs.json', '--out', 'run', '--quiet'], world)
  if (code !== 0) throw new Error(`train failed (${code}): ${world.stderr()}`)
  return memoryWorld({ files: Object.fromEntries(world.files) })
}

/** The same run trained in memory: its experiment and final network. */
export const trainedInMemory = () => {
  const experiment = right(experimentFrom(right(parseConfig(JSON.stringify(blobsConfig)))))
  const fitted = right(train.fit(experiment.fitConfig)(experiment.initial, experiment.data))
  return { experiment, network: fitted.state.network }
}

/** Simple CSV text (no quoting needed): a header and rows. */
export const csvText = (header: readonly string[], rows: readonly (readonly unknown[])[]): string =>
  [header, ...rows].map((row) => row.map(String).join(',')).join('\n') + '\n'

/** A predictions CSV read back: the header and the rows as cells (numbers left as text). */
export const readCsv = (text: string): string[][] =>
  text
    .trimEnd()
    .split('\n')
    .map((line) => line.split(','))

/** The experiment's test rows as CSV with a label column between the features (names as given). */
export const testRowsCsv = (
  experiment: ReturnType<typeof trainedInMemory>['experiment'],
  order: readonly ('x1' | 'x2' | 'label')[],
): string => {
  const test = experiment.data.test
  if (test === undefined) throw new Error('the blobs run has a test split')
  const X = linalg.toRows(test.X)
  const labels = linalg.rowArgmax(test.y)
  return csvText(
    order,
    X.map((row, index) =>
      order.map((name) =>
        name === 'label' ? String(labels[index]) : String(row[name === 'x1' ? 0 : 1]),
      ),
    ),
  )
}
