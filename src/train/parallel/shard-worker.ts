// A helper thread of data-parallel training: it compiles its own plan for the network, then for
// every step it is given reads the parameters and its shard from the shared buffers, runs forward
// and backward, and writes its shard's gradients, loss and correct count back. It keeps no state
// between steps but its plan's scratch; a failure is reported (status word + message), never thrown.

import { parentPort, workerData, type MessagePort } from 'node:worker_threads'
import type { BackendName } from '../../linalg/index.js'
import type { LayerSpec, Network } from '../../network/index.js'
import { compileDensePlan } from '../../network/internal.js'
import { Command, CONTROL_WORDS, Control, type ExchangeLayout } from './exchange.js'

/** What the pool hands a helper when it starts it. */
export interface ShardWorkerData {
  readonly inputSize: number
  readonly layers: readonly LayerSpec[]
  readonly loss: string
  readonly backend: BackendName
  readonly layout: ExchangeLayout
  readonly data: SharedArrayBuffer
  readonly control: SharedArrayBuffer
  readonly helper: number
  readonly port: MessagePort
}

const run = (given: ShardWorkerData): void => {
  const { layout, helper, port } = given
  const data = new Float64Array(given.data)
  const control = new Int32Array(given.control)
  const base = helper * CONTROL_WORDS
  const region = layout.regions[helper]
  const fail = (message: string): void => {
    port.postMessage(message)
    Atomics.store(control, base + Control.status, 1)
  }
  if (region === undefined) {
    fail(`helper ${helper}: no region in the layout`)
    Atomics.store(control, base + Control.ready, 1)
    Atomics.notify(control, base + Control.ready)
    return
  }
  const architecture: Network = {
    inputSize: given.inputSize,
    layers: given.layers,
    parameters: { layers: given.layers.map(() => ({})) },
  }
  const compiled = compileDensePlan(
    architecture,
    { loss: given.loss, capacity: layout.capacity, backend: given.backend },
    `worker ${helper + 1}`,
  )
  if (compiled._tag === 'Left') fail(compiled.left.message)
  Atomics.store(control, base + Control.ready, 1)
  Atomics.notify(control, base + Control.ready)
  if (compiled._tag === 'Left') return
  const plan = compiled.right
  const masks = region.masks.map((offset) => (offset < 0 ? undefined : offset))
  let seen = 0
  for (;;) {
    Atomics.wait(control, base + Control.go, seen)
    seen = Atomics.load(control, base + Control.go)
    if (Atomics.load(control, base + Control.command) === Command.stop) return
    try {
      const rows = Atomics.load(control, base + Control.rows)
      const total = Atomics.load(control, base + Control.total)
      const masked = Atomics.load(control, base + Control.masked) === 1
      layout.leaves.forEach((leaf, index) => {
        plan.parameters[index]?.set(data.subarray(leaf.offset, leaf.offset + leaf.length))
      })
      plan.input.set(data.subarray(region.input, region.input + rows * layout.inputs))
      plan.target.set(data.subarray(region.target, region.target + rows * layout.outputs))
      const shardMasks = masked
        ? masks.map((offset, index) => {
            const layer = given.layers[index]
            return offset === undefined || layer === undefined
              ? undefined
              : data.subarray(offset, offset + rows * layer.outputs)
          })
        : undefined
      const loss = plan.run(rows, true, shardMasks, total)
      layout.leaves.forEach((leaf, index) => {
        const gradient = plan.gradients[index]
        if (gradient !== undefined) data.set(gradient, region.gradients + leaf.offset)
      })
      data[region.results] = loss
      data[region.results + 1] = plan.correctCount(rows)
    } catch (error) {
      fail(error instanceof Error ? error.message : String(error))
    }
    Atomics.store(control, base + Control.done, seen)
    Atomics.notify(control, base + Control.done)
  }
}

if (parentPort !== null) run(workerData as ShardWorkerData)
