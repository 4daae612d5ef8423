// Workspaces that threads share: one memory (a shared WebAssembly memory, or a SharedArrayBuffer
// for the portable kernels) laid out once for every thread's buffers; each thread attaches its own
// kernels (a WebAssembly instance with its own scratch) and views. Laws: the threads' buffers never
// overlap one another or any instance's scratch; every thread that attaches sees the same bytes.

import { at } from '../checked.js'
import {
  attachWasmKernels,
  createSharedWasmMemory,
  WASM_SCRATCH_BYTES,
} from './wasm/backend-wasm.js'
import type { LinearMemory } from './wasm/webassembly.js'
import { type BackendName, portableWorkspaceKernels, type Workspace } from './workspace.js'

/** Bytes of one double. */
const DOUBLE = 8
/** Buffers start at multiples of this many bytes, as a workspace's do. */
const ALIGNMENT = 16
/** The most bytes the kernels address. */
const MAXIMUM_BYTES = 2 ** 31

/** Where every thread's buffers lie in the shared memory. */
export interface SharedWorkspaceLayout {
  readonly backend: BackendName
  readonly threads: number
  /** The lengths (in doubles) of each thread's buffers, as requested. */
  readonly lengths: readonly (readonly number[])[]
  /** The byte offset of each thread's buffers. */
  readonly offsets: readonly (readonly number[])[]
  /** Bytes of the whole memory. */
  readonly bytes: number
}

/** The memory the threads share and its layout: post both to each thread that attaches. */
export interface SharedWorkspaces {
  readonly layout: SharedWorkspaceLayout
  /** A shared WebAssembly memory for 'wasm', a SharedArrayBuffer for 'portable'. */
  readonly memory: LinearMemory | SharedArrayBuffer
}

/**
 * One shared memory for `lengths[t]`'s buffers of each thread t, zero-filled, on `backend`: for
 * 'wasm', every thread's kernel instance first gets its own scratch, then the buffers follow
 * (each 16-byte aligned). Throws a RangeError for a length that is not a non-negative integer
 * or when the whole would pass 2 GiB.
 *
 * @example
 * import assert from 'node:assert'
 * import { attachSharedWorkspace, createSharedWorkspaces, sharedBuffers } from './shared-workspace.js'
 * const shared = createSharedWorkspaces([[2], [2]], 'wasm')
 * const own = attachSharedWorkspace(shared, 0)
 * const [mine] = own.buffers
 * const [theirs] = sharedBuffers(shared, 1)
 * assert.ok(mine !== undefined && theirs !== undefined)
 * mine.set([1, 2])
 * theirs.set([10, 20])
 * own.kernels.add(mine, theirs, mine)
 * assert.deepStrictEqual(Array.from(mine), [11, 22])
 */
export const createSharedWorkspaces = (
  lengths: readonly (readonly number[])[],
  backend: BackendName,
): SharedWorkspaces => {
  for (const length of lengths.flat()) {
    if (!Number.isSafeInteger(length) || length < 0) {
      throw new RangeError(`createSharedWorkspaces: ${length} is not a buffer length`)
    }
  }
  let end = backend === 'wasm' ? lengths.length * WASM_SCRATCH_BYTES : 0
  const offsets = lengths.map((threadLengths) =>
    threadLengths.map((length) => {
      const offset = end
      end = Math.ceil((end + length * DOUBLE) / ALIGNMENT) * ALIGNMENT
      return offset
    }),
  )
  if (end > MAXIMUM_BYTES) {
    throw new RangeError(`createSharedWorkspaces: ${end} bytes of buffers pass the 2 GiB limit`)
  }
  const layout: SharedWorkspaceLayout = Object.freeze({
    backend,
    threads: lengths.length,
    lengths,
    offsets,
    bytes: end,
  })
  const memory = backend === 'wasm' ? createSharedWasmMemory(end) : new SharedArrayBuffer(end)
  return Object.freeze({ layout, memory })
}

/** The shared memory's bytes, as this thread sees them. */
const bytesOf = (shared: SharedWorkspaces): ArrayBufferLike =>
  shared.memory instanceof SharedArrayBuffer ? shared.memory : shared.memory.buffer

/**
 * Views of thread `thread`'s buffers, in the calling thread: to fill another thread's inputs or
 * read its results without copying. The views are the shared memory's; kernels of any thread's
 * workspace take them.
 */
export const sharedBuffers = (shared: SharedWorkspaces, thread: number): Float64Array[] => {
  const lengths = at(shared.layout.lengths, thread, 'shared workspace: threads')
  const offsets = at(shared.layout.offsets, thread, 'shared workspace: threads')
  const bytes = bytesOf(shared)
  return lengths.map(
    (length, index) =>
      new Float64Array(bytes, at(offsets, index, 'shared workspace: buffers'), length),
  )
}

/**
 * Thread `thread`'s workspace in the shared memory: its buffers, and kernels of its own (for
 * 'wasm', an instance whose scratch is the thread's) that take views of any thread's buffers.
 */
export const attachSharedWorkspace = (shared: SharedWorkspaces, thread: number): Workspace => {
  const buffers = sharedBuffers(shared, thread)
  if (shared.memory instanceof SharedArrayBuffer) {
    return { backend: 'portable', buffers, kernels: portableWorkspaceKernels }
  }
  return {
    backend: 'wasm',
    buffers,
    kernels: attachWasmKernels(shared.memory, thread * WASM_SCRATCH_BYTES),
  }
}
