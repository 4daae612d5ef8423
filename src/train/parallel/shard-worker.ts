// A helper thread of data-parallel training: it compiles its own plan in its part of the shared
// workspace, reading the main thread's parameters where they lie; then for every command it runs
// its shard, already written into its plan's input (and mask) buffers by the main thread: forward
// and backward (gradients stay in its buffers for the main thread to sum) or forward alone. It
// keeps no state between commands but its plan's; a failure is reported (status word + message),
// never thrown.

import { parentPort, workerData, type MessagePort } from 'node:worker_threads'
import { attachSharedWorkspace, type SharedWorkspaces } from '../../linalg/internal.js'
import { compileDensePlan } from '../../network/internal.js'
import type { LayerSpec, Network } from '../../network/index.js'
import { Command, CONTROL_WORDS, Control, mainParameters, RESULT_SLOTS } from './exchange.js'

/** What the pool hands a helper when it starts it. */
export interface ShardWorkerData {
  readonly inputSize: number
  readonly layers: readonly LayerSpec[]
  readonly loss: string
  /** The most rows of a shard. */
  readonly capacity: number
  readonly shared: SharedWorkspaces
  readonly control: SharedArrayBuffer
  readonly results: SharedArrayBuffer
  /** This helper's index, from 0; its thread in the shared workspace is helper + 1. */
  readonly helper: number
  readonly port: MessagePort
}

const run = (given: ShardWorkerData): void => {
  const { helper, port, capacity, shared } = given
  const control = new Int32Array(given.control)
  const results = new Float64Array(given.results)
  const base = helper * CONTROL_WORDS
  const thread = helper + 1
  const fail = (message: string): void => {
    port.postMessage(message)
    Atomics.store(control, base + Control.status, 1)
  }
  const architecture: Network = {
    inputSize: given.inputSize,
    layers: given.layers,
    parameters: { layers: given.layers.map(() => ({})) },
  }
  let compiled: ReturnType<typeof compileDensePlan> | undefined
  try {
    compiled = compileDensePlan(
      architecture,
      {
        loss: given.loss,
        capacity,
        workspace: attachSharedWorkspace(shared, thread),
        sharedParameters: mainParameters(shared, architecture, capacity),
      },
      `worker ${thread}`,
    )
    if (compiled._tag === 'Left') fail(compiled.left.message)
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error))
  }
  Atomics.store(control, base + Control.ready, 1)
  Atomics.notify(control, base + Control.ready)
  if (compiled === undefined || compiled._tag === 'Left') return
  const plan = compiled.right
  let seen = 0
  for (;;) {
    Atomics.wait(control, base + Control.go, seen)
    seen = Atomics.load(control, base + Control.go)
    const command = Atomics.load(control, base + Control.command)
    if (command === Command.stop) return
    try {
      const rows = Atomics.load(control, base + Control.rows)
      const total = Atomics.load(control, base + Control.total)
      const masked = Atomics.load(control, base + Control.masked) === 1
      // the main thread wrote the shard's masks into the plan's own mask buffers
      const loss = plan.run(rows, command === Command.step, masked ? 'loaded' : undefined, total)
      results[helper * RESULT_SLOTS] = loss
      results[helper * RESULT_SLOTS + 1] = plan.correctCount(rows)
    } catch (error) {
      fail(error instanceof Error ? error.message : String(error))
    }
    Atomics.store(control, base + Control.done, seen)
    Atomics.notify(control, base + Control.done)
  }
}

if (parentPort !== null) run(workerData as ShardWorkerData)
