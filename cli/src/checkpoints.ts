// Checkpoints of a training run (`"checkpointEvery": N`): after every N-th epoch, the network as
// that epoch left it, written as DIR/checkpoints/epoch-N.json in model.json's format. Laws: the
// epochs pass through unchanged; checkpoint epoch-N.json is the network `fit` trains in N epochs.

import * as E from 'fp-ts/lib/Either.js'
import { network, type train } from 'gradfold'
import { formatJson } from './run-files.js'
import type { World } from './world.js'

/**
 * Where the checkpoint after `epochs` whole epochs goes.
 *
 * @example
 * import assert from 'node:assert'
 * import { checkpointPath } from './checkpoints.js'
 * assert.strictEqual(checkpointPath((...parts) => parts.join('/'), 'out', 20), 'out/checkpoints/epoch-20.json')
 */
export const checkpointPath = (joinPath: World['joinPath'], out: string, epochs: number): string =>
  joinPath(out, 'checkpoints', `epoch-${epochs}.json`)

/** What writing checkpoints left: the files written, and the write that failed (if one did). */
export interface CheckpointLog {
  readonly written: string[]
  failure: string | undefined
}

/**
 * The epochs unchanged, writing the state after every `every`-th epoch (epoch index e with
 * (e + 1) mod every = 0) to `checkpointPath(out, e + 1)` as the epochs pass; each path written is
 * added to `log.written`. A write that fails is kept in `log.failure` and ends the epochs there
 * (training stops; the caller reports it).
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { network, random, train, linalg } from 'gradfold'
 * import { withCheckpoints } from './checkpoints.js'
 * const net = network.mlp([2, 1], { hidden: 'linear', output: 'sigmoid', key: random.key(0) })
 * const sgd = train.sgd(0.1)
 * assert.ok(E.isRight(net) && E.isRight(sgd))
 * const files = new Map<string, string>()
 * const world = { writeText: (path: string, text: string) => E.right(void files.set(path, text)), joinPath: (...parts: readonly string[]) => parts.join('/') }
 * const log = { written: [], failure: undefined }
 * const epochs = train.fitEpochs({ loss: 'mse', optimizer: sgd.right, epochs: 5, batchSize: null })(train.initialState(net.right, sgd.right), { train: { X: linalg.ones(2, 2), y: linalg.ones(2, 1) } })
 * assert.strictEqual([...withCheckpoints(epochs, 2, world, 'out', log)].length, 5)
 * assert.deepStrictEqual(log.written, ['out/checkpoints/epoch-2.json', 'out/checkpoints/epoch-4.json'])
 */
export function* withCheckpoints<State>(
  epochs: Iterable<train.EpochOutcome<State>>,
  every: number,
  world: Pick<World, 'writeText' | 'joinPath'>,
  out: string,
  log: CheckpointLog,
  metadata: network.ModelMetadata = {},
): Generator<train.EpochOutcome<State>, void> {
  for (const outcome of epochs) {
    if (E.isRight(outcome) && (outcome.right.epoch + 1) % every === 0) {
      const path = checkpointPath(world.joinPath, out, outcome.right.epoch + 1)
      const wrote = world.writeText(
        path,
        formatJson(network.encodeModel(outcome.right.state.network, metadata)),
      )
      if (E.isLeft(wrote)) {
        log.failure = wrote.left
        return
      }
      log.written.push(path)
    }
    yield outcome
  }
}
