// Snapshots while training: the watched epochs fold to exactly `fit`'s result, and the networks
// kept are those after every k-th epoch (and the last), as a second run stopped there has them.

import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, test } from 'vitest'
import { data, network, random, train } from 'gradfold'
import { keepSnapshots, snapshotInterval, type Snapshot } from '../../src/report/snapshots.js'
import { right } from '../../../test/support/either.js'

const points = right(data.makeMoons({ samples: 40, noise: 0.1, seed: 3 }))
const net = right(network.mlp([2, 4, 1], { hidden: 'relu', output: 'sigmoid', key: random.key(7) }))
const optimizer = right(train.sgd(0.5))
const initial = train.initialState(net, optimizer)
const config = (epochs: number) => ({ loss: 'mse', optimizer, epochs, batchSize: null }) as const

describe('keepSnapshots', () => {
  test('folding the watched epochs is fit, bit for bit', () => {
    const kept: Snapshot[] = []
    const watched = keepSnapshots(
      train.fitEpochs(config(12))(initial, { train: points }),
      5,
      kept,
      12,
    )
    const folded = right(train.foldEpochs(initial, { train: points }, 'mse')(watched))
    const fitted = right(train.fit(config(12))(initial, { train: points }))
    expect(folded.history).toStrictEqual(fitted.history)
    expect(kept.map((snapshot) => snapshot.epoch)).toStrictEqual([5, 10, 12])
  })

  test('the snapshot of epoch k is the network of a run of k epochs', () => {
    const kept: Snapshot[] = []
    for (const outcome of keepSnapshots(
      train.fitEpochs(config(10))(initial, { train: points }),
      5,
      kept,
    )) {
      expect(E.isRight(outcome)).toBe(true)
    }
    const five = right(train.fit(config(5))(initial, { train: points }))
    expect(kept[0]?.network.parameters).toStrictEqual(five.state.network.parameters)
  })

  test('snapshotInterval aims at the number of frames, at least one epoch apart', () => {
    expect([
      snapshotInterval(1000, 20),
      snapshotInterval(2000, 20),
      snapshotInterval(3, 20),
    ]).toStrictEqual([50, 100, 1])
  })
})
