// What the threads of data-parallel training share: one shared workspace holding every thread's
// compiled-plan buffers — thread 0 (the main thread) owns the parameters, helpers read them where
// they lie — and two small SharedArrayBuffers, control words and each helper's results. Pure
// layout and views, used alike by the pool and its threads. Law: every thread finds a plan's
// buffers at the same places (`densePlanBuffers`, the plan's own layout), so nothing is copied.

import { at, sharedBuffers, type SharedWorkspaces } from '../../linalg/internal.js'
import { densePlanBuffers } from '../../network/internal.js'
import type { Network } from '../../network/index.js'

/** Control words per helper, and what each one means. */
export const CONTROL_WORDS = 8
export const Control = {
  /** Raised by the main thread to start a command (a counter). */
  go: 0,
  /** Set by the helper to the `go` it finished. */
  done: 1,
  /** What to do: one of `Command`. */
  command: 2,
  /** Rows of the shard. */
  rows: 3,
  /** Rows of the whole batch (the means' denominator). */
  total: 4,
  /** 1 when the shard's dropout masks are in its plan's mask buffers. */
  masked: 5,
  /** 0, or 1 after a failure (its message is posted on the helper's port). */
  status: 6,
  /** 1 once the helper has compiled its plan. */
  ready: 7,
} as const

/** The commands a helper understands: forward and backward, forward alone, or stop. */
export const Command = { step: 1, measure: 2, stop: 3 } as const

/** Doubles of results per helper: its shard's loss, then how many rows it classified right. */
export const RESULT_SLOTS = 2

/**
 * The lengths of every thread's plan buffers, for `threads` threads running `network` on shards
 * of up to `capacity` rows: thread 0's plan owns the parameters, the others share them.
 *
 * @example
 * import assert from 'node:assert'
 * import { planLengths } from './exchange.js'
 * const net = { inputSize: 2, layers: [{ kind: 'dense', inputs: 2, outputs: 1, activation: 'sigmoid' }] as const, parameters: { layers: [{}] } }
 * const [main, helper] = planLengths(net, 4, 2)
 * assert.ok(main !== undefined && helper !== undefined)
 * // the helper has no W (2) and b (1) of its own
 * assert.strictEqual(main.length - helper.length, 2)
 */
export const planLengths = (network: Network, capacity: number, threads: number): number[][] =>
  Array.from({ length: threads }, (_, thread) => [
    ...densePlanBuffers(network, capacity, thread > 0).lengths,
  ])

/** The buffers of one thread's plan that another thread fills or reads. */
export interface PlanViews {
  readonly input: Float64Array
  readonly target: Float64Array
  /** Per layer: a dropout layer's mask buffer; undefined for dense layers. */
  readonly masks: readonly (Float64Array | undefined)[]
  /** The gradient leaves, in tree order. */
  readonly gradients: readonly Float64Array[]
}

/**
 * Views, in the calling thread, of thread `thread`'s plan buffers (laid out as `planLengths`
 * says for the same network and capacity).
 */
export const planViews = (
  shared: SharedWorkspaces,
  network: Network,
  capacity: number,
  thread: number,
): PlanViews => {
  const views = sharedBuffers(shared, thread)
  const layout = densePlanBuffers(network, capacity, thread > 0)
  return {
    input: at(views, layout.input, 'exchange: plan buffers'),
    target: at(views, layout.target, 'exchange: plan buffers'),
    masks: layout.layers.map((layer) =>
      layer.kind === 'dropout' ? at(views, layer.mask, 'exchange: plan buffers') : undefined,
    ),
    gradients: layout.gradients.map((index) => at(views, index, 'exchange: plan buffers')),
  }
}

/** Views, in the calling thread, of the parameter leaves thread 0's plan owns, in tree order. */
export const mainParameters = (
  shared: SharedWorkspaces,
  network: Network,
  capacity: number,
): Float64Array[] => {
  const views = sharedBuffers(shared, 0)
  return densePlanBuffers(network, capacity, false).layers.flatMap((layer) =>
    layer.kind === 'dense'
      ? [at(views, layer.W, 'exchange: plan buffers'), at(views, layer.b, 'exchange: plan buffers')]
      : [],
  )
}
