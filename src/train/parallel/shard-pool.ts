// The main thread's side of data-parallel training: n − 1 helper threads (worker_threads), each
// compiling its own plan in its part of one shared workspace (exchange.ts), reading the main
// plan's parameters where they lie. Starting is split in two (`startShardPool`, then `ready`) so
// the threads boot while the caller checks its data. A command raises a helper's `go` word; the
// caller runs its own shard, then waits for each helper (Atomics.wait: `fit` stays synchronous).
// Law: the pool only signals; the caller sums the shards' results in a fixed order, so timing
// never shows. This folder is the one place in the library that uses Node's modules (threads).

import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads'
import * as E from 'fp-ts/lib/Either.js'
import type { SharedWorkspaces } from '../../linalg/internal.js'
import { networkError, type Network, type NetworkError } from '../../network/index.js'
import {
  Command,
  CONTROL_WORDS,
  Control,
  planViews,
  RESULT_SLOTS,
  type PlanViews,
} from './exchange.js'
import type { ShardWorkerData } from './shard-worker.js'

/** How long a helper may take to start (compile its plan), and to answer one command. */
const START_MILLISECONDS = 60_000
const COMMAND_MILLISECONDS = 600_000

/** What a helper is asked to do with the shard in its plan's buffers. */
export type ShardCommand = 'step' | 'measure'

/** The helper threads of one `fit`, ready for commands. */
export interface ShardPool {
  readonly helpers: number
  /** Views of each helper's plan buffers: write a shard's rows (and masks) here before `start`. */
  readonly views: readonly PlanViews[]
  /** Starts helper `helper` on `rows` rows of a batch of `total` (its buffers already filled). */
  readonly start: (
    helper: number,
    command: ShardCommand,
    rows: number,
    total: number,
    masked: boolean,
  ) => void
  /** Waits for helper `helper`'s command; Left with its message when it failed or stopped answering. */
  readonly finish: (helper: number) => E.Either<string, void>
  /** The loss of helper `helper`'s last command. */
  readonly loss: (helper: number) => number
  /** How many rows helper `helper`'s last command classified right. */
  readonly correct: (helper: number) => number
  /** Stops every helper thread. */
  readonly close: () => void
}

/** Helper threads that are starting: wait for them with `ready`, or stop them with `close`. */
export interface StartingPool {
  /** Waits until every helper has compiled its plan; Left (and every thread stopped) if one failed. */
  readonly ready: () => E.Either<NetworkError, ShardPool>
  readonly close: () => void
}

/**
 * The helper script: beside this module when it was compiled file by file (the bench's build);
 * when it runs from its TypeScript source (the tests), the built one under dist/ (`npm ci` builds
 * it); in the package's build, where this module is bundled into a file at the root of dist/
 * (bundle.js), the helper thread's own bundle, dist/train/parallel/shard-worker.js.
 */
const helperScript = (): string => {
  const here = fileURLToPath(import.meta.url)
  if (here.endsWith('.ts')) {
    return here
      .replace(/[\\/]src[\\/](?!.*[\\/]src[\\/])/u, '/dist/')
      .replace(/shard-pool\.ts$/u, 'shard-worker.js')
  }
  return here.endsWith('shard-pool.js')
    ? here.replace(/shard-pool\.js$/u, 'shard-worker.js')
    : fileURLToPath(new URL('./train/parallel/shard-worker.js', import.meta.url))
}

/**
 * Starts `helpers` helper threads for `network`, each compiling its plan for `loss` and shards of
 * up to `capacity` rows in its part of `shared`, on the shared memory's backend (thread h + 1 for
 * helper h; thread 0 is the caller's, whose plan owns the parameters). Returns at once; Left only
 * when the helper script is missing.
 */
export const startShardPool = (
  network: Network,
  options: {
    readonly loss: string
    readonly capacity: number
    readonly helpers: number
    readonly shared: SharedWorkspaces
  },
): E.Either<NetworkError, StartingPool> => {
  const script = helperScript()
  if (!existsSync(script)) {
    return E.left(
      networkError(
        'InvalidArchitecture',
        `fit: workers need the built helper script ${script} (run npm run build)`,
      ),
    )
  }
  const controlBuffer = new SharedArrayBuffer(
    options.helpers * CONTROL_WORDS * Int32Array.BYTES_PER_ELEMENT,
  )
  const resultsBuffer = new SharedArrayBuffer(
    options.helpers * RESULT_SLOTS * Float64Array.BYTES_PER_ELEMENT,
  )
  const control = new Int32Array(controlBuffer)
  const results = new Float64Array(resultsBuffer)
  const ports: MessagePort[] = []
  const workers: Worker[] = []
  const close = (): void => {
    for (let helper = 0; helper < workers.length; helper++) {
      const base = helper * CONTROL_WORDS
      Atomics.store(control, base + Control.command, Command.stop)
      Atomics.add(control, base + Control.go, 1)
      Atomics.notify(control, base + Control.go)
    }
    for (const worker of workers) void worker.terminate()
    for (const port of ports) port.close()
    workers.length = 0
  }
  const messageOf = (helper: number): string => {
    const port = ports[helper]
    const received = port === undefined ? undefined : receiveMessageOnPort(port)
    return received === undefined ? 'no message' : String(received.message)
  }
  for (let helper = 0; helper < options.helpers; helper++) {
    const channel = new MessageChannel()
    ports.push(channel.port1)
    const workerData: ShardWorkerData = {
      inputSize: network.inputSize,
      layers: network.layers,
      loss: options.loss,
      capacity: options.capacity,
      shared: options.shared,
      control: controlBuffer,
      results: resultsBuffer,
      helper,
      port: channel.port2,
    }
    const worker = new Worker(script, { workerData, transferList: [channel.port2] })
    // an abandoned fit must not keep the process alive
    worker.unref()
    workers.push(worker)
  }
  const pool: ShardPool = Object.freeze({
    helpers: options.helpers,
    views: Array.from({ length: options.helpers }, (_, helper) =>
      planViews(options.shared, network, options.capacity, helper + 1),
    ),
    start: (
      helper: number,
      command: ShardCommand,
      rows: number,
      total: number,
      masked: boolean,
    ) => {
      const base = helper * CONTROL_WORDS
      control[base + Control.command] = command === 'step' ? Command.step : Command.measure
      control[base + Control.rows] = rows
      control[base + Control.total] = total
      control[base + Control.masked] = masked ? 1 : 0
      Atomics.add(control, base + Control.go, 1)
      Atomics.notify(control, base + Control.go)
    },
    finish: (helper: number): E.Either<string, void> => {
      const base = helper * CONTROL_WORDS
      const expected = Atomics.load(control, base + Control.go)
      for (;;) {
        const done = Atomics.load(control, base + Control.done)
        if (done === expected) break
        if (
          Atomics.wait(control, base + Control.done, done, COMMAND_MILLISECONDS) === 'timed-out'
        ) {
          return E.left(`worker ${helper + 1} did not answer in ${COMMAND_MILLISECONDS / 1000} s`)
        }
      }
      if (Atomics.load(control, base + Control.status) !== 0) {
        return E.left(`worker ${helper + 1}: ${messageOf(helper)}`)
      }
      return E.right(undefined)
    },
    loss: (helper: number) => results[helper * RESULT_SLOTS]!,
    correct: (helper: number) => results[helper * RESULT_SLOTS + 1]!,
    close,
  })
  const ready = (): E.Either<NetworkError, ShardPool> => {
    for (let helper = 0; helper < options.helpers; helper++) {
      const base = helper * CONTROL_WORDS
      const waited = Atomics.wait(control, base + Control.ready, 0, START_MILLISECONDS)
      const failed = waited === 'timed-out' || Atomics.load(control, base + Control.status) !== 0
      if (failed) {
        const why =
          waited === 'timed-out'
            ? `did not start in ${START_MILLISECONDS / 1000} s`
            : messageOf(helper)
        close()
        return E.left(networkError('InvalidArchitecture', `fit: worker ${helper + 1}: ${why}`))
      }
    }
    return E.right(pool)
  }
  return E.right(Object.freeze({ ready, close }))
}
