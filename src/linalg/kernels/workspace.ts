// Workspaces: buffers allocated once and the kernels that work on them in place, for compiled
// training plans that run the same kernels on the same buffers every step. The dispatch between
// the portable kernels (plain Float64Arrays) and WebAssembly (views of one instance's memory).
// Laws: buffers are disjoint, zero-filled and valid for the workspace's life; both backends give
// the same bits.

import type { ReadonlyFloat64Array } from '../buffer.js'
import { addScaled, relu, reluBackward } from './elementwise.js'
import type { Kernels } from './kernels.js'
import { portableKernels } from './portable.js'
import { createWasmWorkspace } from './wasm/backend-wasm.js'

/**
 * Which kernel implementation runs.
 *
 * @category Backend
 */
export type BackendName = 'wasm' | 'portable'

/** Kernels over a workspace's own buffers: everything in `Kernels` plus the plan's extras. */
export interface WorkspaceKernels extends Kernels {
  /** out[i] = Math.max(a[i], 0): NaN stays NaN, −0 becomes +0. `out` may be `a`. */
  readonly relu: (a: ReadonlyFloat64Array, out: Float64Array) => void
  /** out[i] = upstream[i] · (x[i] > 0 ? 1 : 0), a real product. `out` may be `upstream` or `x`. */
  readonly reluBackward: (
    upstream: ReadonlyFloat64Array,
    x: ReadonlyFloat64Array,
    out: Float64Array,
  ) => void
  /** out[i] = y[i] + alpha · x[i] (the product, then the sum). `out` may be `y` or `x`. */
  readonly addScaled: (
    y: ReadonlyFloat64Array,
    alpha: number,
    x: ReadonlyFloat64Array,
    out: Float64Array,
  ) => void
}

/** Buffers allocated once, and kernels that read and write them in place. */
export interface Workspace {
  readonly backend: BackendName
  /**
   * One zero-filled Float64Array per requested length, each 16-byte aligned, all valid for the
   * workspace's whole life (its memory never grows after creation).
   */
  readonly buffers: readonly Float64Array[]
  /**
   * Kernels that read and write these buffers (or subarrays of them, e.g.
   * `buffers[0].subarray(0, rows * cols)`) in place: for 'wasm' without copying — the
   * Float64Array's byteOffset is the address. For 'wasm', an array that is not a view of this
   * workspace's memory is a programming error: the kernels throw rather than copy it.
   * Element-wise kernels allow `out` to be exactly one of their inputs (the same array).
   */
  readonly kernels: WorkspaceKernels
}

/** The portable kernels with the plan's extras: the oracle every workspace must agree with. */
export const portableWorkspaceKernels: WorkspaceKernels = {
  ...portableKernels,
  relu,
  reluBackward,
  addScaled,
}

/**
 * A workspace with one buffer per length, for `backend`. 'wasm' makes one new instance of the
 * cached kernel module with its own memory (so workspaces never disturb each other) and throws
 * where WebAssembly SIMD is unavailable; `createWorkspace` in backend.ts defaults to the
 * automatic choice. Throws a RangeError for a length that is not a non-negative integer, or
 * when the buffers would pass 2 GiB.
 *
 * @example
 * import assert from 'node:assert'
 * import { createWorkspace } from './workspace.js'
 * const { buffers, kernels } = createWorkspace([4, 4], 'portable')
 * const [weights, gradient] = buffers
 * assert.ok(weights !== undefined && gradient !== undefined)
 * weights.set([1, 2, 3, 4])
 * gradient.set([10, 10, -10, 0])
 * kernels.addScaled(weights, -0.1, gradient, weights)
 * assert.deepStrictEqual(Array.from(weights), [0, 1, 4, 4])
 */
export const createWorkspace = (lengths: readonly number[], backend: BackendName): Workspace => {
  for (const length of lengths) {
    if (!Number.isSafeInteger(length) || length < 0) {
      throw new RangeError(`createWorkspace: ${length} is not a buffer length`)
    }
  }
  if (backend === 'wasm') return { backend, ...createWasmWorkspace(lengths) }
  return {
    backend,
    buffers: lengths.map((length) => new Float64Array(length)),
    kernels: portableWorkspaceKernels,
  }
}
