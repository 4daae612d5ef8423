// Checkpoints: every N-th epoch's network written in model.json's format, the same network fit
// trains in that many epochs; the epochs pass through unchanged; a refused write ends them.

import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, test } from 'vitest'
import { linalg, network, random, train } from 'gradfold'
import { checkpointPath, withCheckpoints, type CheckpointLog } from '../src/checkpoints.js'
import { formatJson } from '../src/run-files.js'
import { right } from '../../test/support/either.js'
import { memoryWorld } from './support/memory-world.js'

const net = right(network.mlp([2, 3, 1], { hidden: 'tanh', output: 'sigmoid', key: random.key(4) }))
const optimizer = right(train.adam(0.05))
const data = {
  train: {
    X: right(linalg.generate(12, 2, (row, col) => Math.sin(row + 3 * col))),
    y: right(linalg.generate(12, 1, (row) => (row % 3 === 0 ? 1 : 0))),
  },
}
const config = (epochs: number) =>
  ({ loss: 'mse', optimizer, epochs, batchSize: 5, shuffle: random.key(8) }) as const
const initial = train.initialState(net, optimizer)

describe('withCheckpoints', () => {
  test('epoch-N.json is fit’s network after N epochs; the fold is unchanged', () => {
    const world = memoryWorld()
    const log: CheckpointLog = { written: [], failure: undefined }
    const folded = right(
      train.foldEpochs(
        initial,
        data,
        'mse',
      )(withCheckpoints(train.fitEpochs(config(7))(initial, data), 3, world, 'run', log)),
    )
    expect(log).toStrictEqual({
      written: ['run/checkpoints/epoch-3.json', 'run/checkpoints/epoch-6.json'],
      failure: undefined,
    })
    for (const epochs of [3, 6]) {
      const reference = right(train.fit(config(epochs))(initial, data))
      expect(world.files.get(checkpointPath(world.joinPath, 'run', epochs))).toBe(
        formatJson(network.encodeModel(reference.state.network)),
      )
    }
    expect(folded).toStrictEqual(right(train.fit(config(7))(initial, data)))
  })

  test('a refused write is kept and ends the epochs there', () => {
    const world = memoryWorld({ unwritable: ['run/checkpoints/epoch-4.json'] })
    const log: CheckpointLog = { written: [], failure: undefined }
    const passed = [
      ...withCheckpoints(train.fitEpochs(config(10))(initial, data), 2, world, 'run', log),
    ]
    expect(passed).toHaveLength(3)
    expect(passed.every(E.isRight)).toBe(true)
    expect(log.written).toStrictEqual(['run/checkpoints/epoch-2.json'])
    expect(log.failure).toBe("cannot write 'run/checkpoints/epoch-4.json': permission denied")
  })
})
