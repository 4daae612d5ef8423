// Snapshots of a network while it trains, taken by watching `train.fitEpochs` go by: the epochs
// pass through unchanged, so folding them still gives `fit`'s result bit for bit.
// Law: a snapshot labelled epoch k is the network after k epochs of updates (0: as initialised).

import * as E from 'fp-ts/lib/Either.js'
import type { network, train } from 'gradfold'

/** A network as it was after `epoch` epochs of training (0: as initialised). */
export interface Snapshot {
  readonly epoch: number
  readonly network: network.Network
}

/**
 * Passes `epochs` through unchanged, pushing onto `kept` the network after every `every`-th
 * epoch and after the last of `total` epochs (when `total` is given).
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { keepSnapshots, type Snapshot } from './snapshots.js'
 * const epochs = [0, 1, 2, 3, 4].map((epoch) => E.right({ epoch, record: {}, state: { network: `after ${epoch + 1}` } }))
 * const kept: Snapshot[] = []
 * const passed = [...keepSnapshots(epochs as never, 2, kept, 5)]
 * assert.strictEqual(passed.length, 5)
 * assert.deepStrictEqual(kept.map((snapshot) => [snapshot.epoch, snapshot.network]), [[2, 'after 2'], [4, 'after 4'], [5, 'after 5']])
 */
export function* keepSnapshots<State>(
  epochs: Iterable<train.EpochOutcome<State>>,
  every: number,
  kept: Snapshot[],
  total?: number,
): Generator<train.EpochOutcome<State>, void> {
  for (const outcome of epochs) {
    if (E.isRight(outcome)) {
      const done = outcome.right.epoch + 1
      if (done % every === 0 || done === total) {
        kept.push({ epoch: done, network: outcome.right.state.network })
      }
    }
    yield outcome
  }
}

/**
 * How often to snapshot a run of `epochs` epochs for about `frames` frames (at least every epoch).
 *
 * @example
 * import assert from 'node:assert'
 * import { snapshotInterval } from './snapshots.js'
 * assert.strictEqual(snapshotInterval(1000, 20), 50)
 * assert.strictEqual(snapshotInterval(7, 20), 1)
 */
export const snapshotInterval = (epochs: number, frames: number): number =>
  Math.max(1, Math.round(epochs / Math.max(1, frames)))
