// The main thread's side of data-parallel training: n − 1 helper threads (worker_threads), each
// with its own compiled plan, sharing two SharedArrayBuffers with it (exchange.ts). A step writes
// the parameters and each helper's shard, raises their `go` words, lets the caller run shard 0,
// then waits for every helper (Atomics.wait: `fit` stays synchronous). Law: the pool only moves
// numbers; the caller sums the shards' gradients in a fixed order, so timing never shows.
// This folder is the one place in the library that uses Node's modules (threads, not effects).

import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads'
import * as E from 'fp-ts/lib/Either.js'
import type { BackendName } from '../../linalg/index.js'
import { networkError, type Network, type NetworkError } from '../../network/index.js'
import type { DensePlan } from '../../network/internal.js'
import { Command, CONTROL_WORDS, Control, exchangeLayout, type ExchangeLayout } from './exchange.js'
import type { ShardWorkerData } from './shard-worker.js'

/** How long a helper may take to start (compile its plan), and to answer one step. */
const START_MILLISECONDS = 60_000
const STEP_MILLISECONDS = 600_000

/** The helper threads of one `fit` and the buffers they share with it. */
export interface ShardPool {
  readonly helpers: number
  readonly layout: ExchangeLayout
  /** The shared doubles: parameters and the helpers' regions (offsets in `layout`). */
  readonly data: Float64Array
  /** Starts helper `helper` on `rows` rows of a batch of `total` (its region already filled). */
  readonly start: (helper: number, rows: number, total: number, masked: boolean) => void
  /** Waits for helper `helper`'s step; Left with its message when it failed or stopped answering. */
  readonly finish: (helper: number) => E.Either<string, void>
  /** Stops every helper thread. */
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
 * Starts `helpers` helper threads, each compiling `network`'s plan for `loss` and shards of up to
 * `capacity` rows on `backend`, and waits until all are ready. Left when the helper script is
 * missing or a helper fails to start.
 */
export const openShardPool = (
  network: Network,
  plan: DensePlan,
  options: {
    readonly loss: string
    readonly capacity: number
    readonly helpers: number
    readonly backend: BackendName
  },
): E.Either<NetworkError, ShardPool> => {
  const script = helperScript()
  if (!existsSync(script)) {
    return E.left(
      networkError(
        'InvalidArchitecture',
        `fit: workers need the built helper script ${script} (run npm run build)`,
      ),
    )
  }
  const layout = exchangeLayout({
    helpers: options.helpers,
    capacity: options.capacity,
    inputs: plan.inputs,
    outputs: plan.outputs,
    leafLengths: plan.parameters.map((leaf) => leaf.length),
    layers: network.layers.map((layer) => ({
      width: layer.outputs,
      dropout: layer.kind === 'dropout',
    })),
  })
  const dataBuffer = new SharedArrayBuffer(layout.dataLength * Float64Array.BYTES_PER_ELEMENT)
  const controlBuffer = new SharedArrayBuffer(layout.controlLength * Int32Array.BYTES_PER_ELEMENT)
  const data = new Float64Array(dataBuffer)
  const control = new Int32Array(controlBuffer)
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
      backend: options.backend,
      layout,
      data: dataBuffer,
      control: controlBuffer,
      helper,
      port: channel.port2,
    }
    const worker = new Worker(script, { workerData, transferList: [channel.port2] })
    // an abandoned fit must not keep the process alive
    worker.unref()
    workers.push(worker)
  }
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
  return E.right(
    Object.freeze({
      helpers: options.helpers,
      layout,
      data,
      start: (helper: number, rows: number, total: number, masked: boolean) => {
        const base = helper * CONTROL_WORDS
        control[base + Control.command] = Command.step
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
          if (Atomics.wait(control, base + Control.done, done, STEP_MILLISECONDS) === 'timed-out') {
            return E.left(`worker ${helper + 1} did not answer in ${STEP_MILLISECONDS / 1000} s`)
          }
        }
        if (Atomics.load(control, base + Control.status) !== 0) {
          return E.left(`worker ${helper + 1}: ${messageOf(helper)}`)
        }
        return E.right(undefined)
      },
      close,
    }),
  )
}
