// The WebAssembly backend: the kernel module compiled once (synchronously, on first use), and
// two ways to run it — `wasmKernels`, which copies any Float64Arrays into a scratch instance's
// memory and back, and workspaces, whose buffers are views of their own instance's memory.
// Laws: results are bit for bit the portable kernels'; a workspace's memory never grows, so its
// views stay attached; a workspace kernel never copies an array that is not one of its views.

import type { ReadonlyFloat64Array } from '../../buffer.js'
import type { Kernels } from '../kernels.js'
import { portableKernels } from '../portable.js'
import type { WorkspaceKernels } from '../workspace.js'
import { emitModule, frame } from './emitter.js'
import { f64, f64x2, set, v128 } from './instructions.js'
import {
  ALONE,
  emitKernelModule,
  type KernelExports,
  type KernelPlacement,
  kernelNames,
  MAXIMUM_PAGES,
  PAGE_BYTES,
  PRODUCT_SHAPE,
  scratchLayout,
} from './kernels-module.js'
import {
  type CompiledModule,
  type LinearMemory,
  webAssembly,
  type WebAssemblyApi,
} from './webassembly.js'

/** Bytes of one double. */
const DOUBLE = 8
/** Buffers start at multiples of this many bytes, so v128 accesses to their starts are aligned. */
const ALIGNMENT = 16
/** The most memory a kernel instance addresses: its i32 loop bounds are signed. */
const MAXIMUM_BYTES = MAXIMUM_PAGES * PAGE_BYTES

/**
 * The bytes of scratch one kernel instance needs, from address 0 (buffers start at or above it);
 * each thread's instance of a shared memory takes its own.
 */
export const WASM_SCRATCH_BYTES = scratchLayout(PRODUCT_SHAPE).scratchBytes

/**
 * A tiny module with one v128 local: it validates exactly where WebAssembly SIMD is supported.
 */
const simdProbe = (): Uint8Array => {
  const { local, parameters, locals } = frame({}, { vector: 'v128' })
  return emitModule({
    memory: { kind: 'export', name: 'memory', minimumPages: 0 },
    functions: [
      {
        name: 'probe',
        parameters,
        locals,
        body: set(local.vector, f64x2.max(f64x2.splat(f64.const(1)), v128.zero)),
        exported: true,
      },
    ],
  })
}

/**
 * Whether this engine runs WebAssembly SIMD: `WebAssembly` exists and validates a module that
 * uses v128.
 *
 * @example
 * import assert from 'node:assert'
 * import { wasmSimdAvailable } from './backend-wasm.js'
 * assert.strictEqual(typeof wasmSimdAvailable(), 'boolean')
 */
export const wasmSimdAvailable = (): boolean => webAssembly()?.validate(simdProbe()) ?? false

/** The engine's WebAssembly API; its absence is a programming error once SIMD was checked. */
const requireWebAssembly = (): WebAssemblyApi => {
  const api = webAssembly()
  if (api === undefined) throw new Error('WebAssembly is not available in this engine')
  return api
}

/** The compiled kernel modules by placement (`scratchBase` and sharing), made on first use. */
const compiledModules = new Map<string, CompiledModule>()

/** The kernel module for `placement`, emitted and compiled synchronously on first use, then cached. */
const kernelModule = (placement: KernelPlacement = ALONE): CompiledModule => {
  const key = `${placement.scratchBase}:${placement.shared}`
  const known = compiledModules.get(key)
  if (known !== undefined) return known
  const compiled = new (requireWebAssembly().Module)(emitKernelModule(PRODUCT_SHAPE, placement))
  compiledModules.set(key, compiled)
  return compiled
}

/**
 * Compiles the kernel module unless it is compiled already, reporting why it could not be: a
 * one-line message, or undefined when the module compiled. Emitting and compiling take a few
 * milliseconds (tens while the engine is cold), so nothing does it before a kernel needs it.
 *
 * @example
 * import assert from 'node:assert'
 * import { compileKernelModule } from './backend-wasm.js'
 * assert.strictEqual(compileKernelModule(), undefined)
 */
export const compileKernelModule = (): string | undefined => {
  try {
    kernelModule()
    return undefined
  } catch (error: unknown) {
    return `the WebAssembly kernel module did not compile: ${error instanceof Error ? error.message : String(error)}`
  }
}

/** A new instance of the kernel module (placed as `placement` says) over `memory`, and its kernels. */
const instantiate = (memory: LinearMemory, placement: KernelPlacement = ALONE): KernelExports => {
  const instance = new (requireWebAssembly().Instance)(kernelModule(placement), {
    env: { memory },
  })
  const entries = kernelNames.map((kernelName) => {
    const exported = instance.exports[kernelName]
    if (typeof exported !== 'function') throw new Error(`kernel module: no function ${kernelName}`)
    return [kernelName, exported]
  })
  return Object.fromEntries(entries) as KernelExports
}

/** Rounds a byte count up to the buffer alignment. */
const aligned = (bytes: number): number => Math.ceil(bytes / ALIGNMENT) * ALIGNMENT

/** Pages that hold `bytes`. */
const pagesFor = (bytes: number): number => Math.ceil(bytes / PAGE_BYTES)

/**
 * The buffer behind a view. ReadonlyFloat64Array hides `buffer` so that nothing writes through
 * it; reading which buffer a view belongs to writes nothing.
 */
const bufferOf = (array: ReadonlyFloat64Array): ArrayBufferLike => (array as Float64Array).buffer

/** The first `count` entries of `array`, as a view that is only read. */
const prefix = (array: ReadonlyFloat64Array, count: number): Float64Array =>
  (array as Float64Array).subarray(0, count)

/** Throws unless `array` has at least `count` entries: a shape precondition of the kernels. */
const requireLength = (
  kernelName: string,
  argument: string,
  array: ReadonlyFloat64Array,
  count: number,
): void => {
  if (array.length < count) {
    throw new RangeError(
      `${kernelName}: ${argument} has ${array.length} entries, the shape needs ${count}`,
    )
  }
}

/**
 * Products with fewer multiply-adds than this run the portable kernel: below it, copying the
 * operands in and the result out costs more than the SIMD kernel saves (measured, Node 20).
 */
const PRODUCT_THRESHOLD = 2048
/** Element-wise kernels with fewer entries than this run the portable kernel (measured). */
const ELEMENTWISE_THRESHOLD = 256

/**
 * One instance of the kernel module whose memory grows to fit the operands of the largest call:
 * the staging area of `wasmKernels`.
 */
interface Stage {
  readonly memory: LinearMemory
  readonly exports: KernelExports
  /** All of the memory; replaced after every `memory.grow`, which detaches the old buffer. */
  view: Float64Array
}

/** The staging instance once created, or why it could not be (then the portable kernels run). */
let sharedStage: Stage | string | undefined

/** The staging instance, created on first use; undefined if the kernel module did not compile. */
const stage = (): Stage | undefined => {
  if (sharedStage === undefined) {
    const problem = compileKernelModule()
    if (problem === undefined) {
      const memory = new (requireWebAssembly().Memory)({ initial: pagesFor(WASM_SCRATCH_BYTES) })
      sharedStage = { memory, exports: instantiate(memory), view: new Float64Array(memory.buffer) }
    } else {
      sharedStage = problem
    }
  }
  return typeof sharedStage === 'string' ? undefined : sharedStage
}

/**
 * Addresses for operands of the given lengths above the scratch, in order, each aligned; grows
 * the staging memory to hold them (re-creating the view, since growing detaches the old
 * buffer). Undefined when they would pass 2 GiB.
 */
const place = (current: Stage, lengths: readonly number[]): readonly number[] | undefined => {
  const addresses: number[] = []
  let end = WASM_SCRATCH_BYTES
  for (const length of lengths) {
    addresses.push(end)
    end = aligned(end + length * DOUBLE)
  }
  if (end > MAXIMUM_BYTES) return undefined
  const missing = pagesFor(end) - current.memory.buffer.byteLength / PAGE_BYTES
  if (missing > 0) {
    current.memory.grow(missing)
    current.view = new Float64Array(current.memory.buffer)
  }
  return addresses
}

/**
 * Runs a kernel on copies: `inputs` (array, entries read) are copied to staging addresses, the
 * kernel runs with those and the output's address, and `count` entries are copied out to `out`.
 * Returns false, having done nothing, when they do not fit in the staging memory or the kernel
 * module did not compile.
 */
const staged = (
  inputs: readonly (readonly [ReadonlyFloat64Array, number])[],
  out: Float64Array,
  count: number,
  kernel: (exports: KernelExports, addresses: readonly number[], outAddress: number) => void,
): boolean => {
  const current = stage()
  if (current === undefined) return false
  const addresses = place(current, [...inputs.map(([, length]) => length), count])
  if (addresses === undefined) return false
  inputs.forEach(([array, length], index) => {
    current.view.set(prefix(array, length), addresses[index]! / DOUBLE)
  })
  const outAddress = addresses[inputs.length]!
  kernel(current.exports, addresses, outAddress)
  out.set(current.view.subarray(outAddress / DOUBLE, outAddress / DOUBLE + count))
  return true
}

/** The product kernel's operand layouts for a·b, aᵀ·b and a·bᵀ, as byte strides. */
type ProductForm = 'plain' | 'transposeA' | 'transposeB'

const strides = (
  form: ProductForm,
  m: number,
  k: number,
  n: number,
): readonly [number, number, number, number] => {
  switch (form) {
    case 'plain':
      return [k * DOUBLE, DOUBLE, n * DOUBLE, DOUBLE]
    case 'transposeA':
      return [DOUBLE, m * DOUBLE, n * DOUBLE, DOUBLE]
    case 'transposeB':
      return [k * DOUBLE, DOUBLE, DOUBLE, k * DOUBLE]
  }
}

const portableProduct: Readonly<Record<ProductForm, Kernels['matmul']>> = {
  plain: portableKernels.matmul,
  transposeA: portableKernels.matmulTransposeA,
  transposeB: portableKernels.matmulTransposeB,
}

/** A product of the generic record: staged through the shared instance when large enough. */
const stagedProduct =
  (form: ProductForm): Kernels['matmul'] =>
  (a, b, out, m, k, n) => {
    const kernelName =
      form === 'plain' ? 'matmul' : `matmul${form[0]!.toUpperCase()}${form.slice(1)}`
    requireLength(kernelName, 'a', a, m * k)
    requireLength(kernelName, 'b', b, k * n)
    requireLength(kernelName, 'out', out, m * n)
    const ranStaged =
      m * k * n >= PRODUCT_THRESHOLD &&
      staged(
        [
          [a, m * k],
          [b, k * n],
        ],
        out,
        m * n,
        (exports, [left, right], outAddress) => {
          const [leftRowStride, leftDepthStride, rightDepthStride, rightColumnStride] = strides(
            form,
            m,
            k,
            n,
          )
          exports.product(
            left!,
            leftRowStride,
            leftDepthStride,
            right!,
            rightDepthStride,
            rightColumnStride,
            outAddress,
            m,
            k,
            n,
          )
        },
      )
    if (!ranStaged) portableProduct[form](a, b, out, m, k, n)
  }

/** An element-wise kernel of the generic record: staged when there are enough entries. */
const stagedBinary =
  (kernelName: 'add' | 'sub' | 'mul' | 'div'): Kernels['add'] =>
  (a, b, out) => {
    const count = out.length
    requireLength(kernelName, 'a', a, count)
    requireLength(kernelName, 'b', b, count)
    const ranStaged =
      count >= ELEMENTWISE_THRESHOLD &&
      staged(
        [
          [a, count],
          [b, count],
        ],
        out,
        count,
        (exports, [left, right], outAddress) => {
          exports[kernelName](left!, right!, outAddress, count)
        },
      )
    if (!ranStaged) portableKernels[kernelName](a, b, out)
  }

/**
 * The WebAssembly kernels for arbitrary Float64Arrays: products, element-wise kernels and column
 * sums large enough to repay the copies are staged through one shared instance (operands copied
 * in, the result copied out); smaller ones, `transpose` (a pure move: the copies would double its
 * memory traffic, measured no faster at 512×512), and `sum` and `dot` (numpy's pairwise order)
 * run the portable kernels. Either way the
 * result is bit for bit the portable one. Throws a RangeError when an operand is shorter than its
 * shape needs.
 *
 * @example
 * import assert from 'node:assert'
 * import { portableKernels } from '../portable.js'
 * import { wasmKernels } from './backend-wasm.js'
 * const a = Float64Array.from({ length: 64 * 64 }, (_, index) => Math.sin(index))
 * const out = new Float64Array(64 * 64)
 * const expected = new Float64Array(64 * 64)
 * wasmKernels.matmul(a, a, out, 64, 64, 64)
 * portableKernels.matmul(a, a, expected, 64, 64, 64)
 * assert.ok(out.every((entry, index) => Object.is(entry, expected[index])))
 */
export const wasmKernels: Kernels = {
  ...portableKernels,
  matmul: stagedProduct('plain'),
  matmulTransposeA: stagedProduct('transposeA'),
  matmulTransposeB: stagedProduct('transposeB'),
  add: stagedBinary('add'),
  sub: stagedBinary('sub'),
  mul: stagedBinary('mul'),
  div: stagedBinary('div'),
  scale: (a, factor, out) => {
    const count = out.length
    requireLength('scale', 'a', a, count)
    const ranStaged =
      count >= ELEMENTWISE_THRESHOLD &&
      staged([[a, count]], out, count, (exports, [input], outAddress) => {
        exports.scale(input!, factor, outAddress, count)
      })
    if (!ranStaged) portableKernels.scale(a, factor, out)
  },
  addRowVector: (a, row, out, rows, cols) => {
    const count = rows * cols
    requireLength('addRowVector', 'a', a, count)
    requireLength('addRowVector', 'row', row, cols)
    requireLength('addRowVector', 'out', out, count)
    const ranStaged =
      count >= ELEMENTWISE_THRESHOLD &&
      staged(
        [
          [a, count],
          [row, cols],
        ],
        out,
        count,
        (exports, [input, bias], outAddress) => {
          exports.addRowVector(input!, bias!, outAddress, rows, cols)
        },
      )
    if (!ranStaged) portableKernels.addRowVector(a, row, out, rows, cols)
  },
  columnSums: (a, out, rows, cols) => {
    requireLength('columnSums', 'a', a, rows * cols)
    requireLength('columnSums', 'out', out, cols)
    const ranStaged =
      rows * cols >= ELEMENTWISE_THRESHOLD &&
      out.length === cols &&
      staged([[a, rows * cols]], out, cols, (exports, [input], outAddress) => {
        exports.columnSums(input!, outAddress, rows, cols)
      })
    if (!ranStaged) portableKernels.columnSums(a, out, rows, cols)
  },
}

/**
 * The workspace kernels over one instance: every array must be a view of `memory` (checked:
 * anything else throws), and its byteOffset is the address the kernel gets.
 */
const workspaceKernels = (memory: LinearMemory, exports: KernelExports): WorkspaceKernels => {
  // The memory never grows, so its buffer stays the same object for the workspace's life.
  const buffer = memory.buffer
  const address = (kernelName: string, argument: string, array: ReadonlyFloat64Array): number => {
    if (bufferOf(array) !== buffer) {
      throw new Error(
        `workspace kernel ${kernelName}: ${argument} is not a view of this workspace's memory ` +
          '(pass one of its buffers, or a subarray of one)',
      )
    }
    return array.byteOffset
  }
  const product =
    (kernelName: string, form: ProductForm): Kernels['matmul'] =>
    (a, b, out, m, k, n) => {
      requireLength(kernelName, 'a', a, m * k)
      requireLength(kernelName, 'b', b, k * n)
      requireLength(kernelName, 'out', out, m * n)
      const left = address(kernelName, 'a', a)
      const right = address(kernelName, 'b', b)
      const target = address(kernelName, 'out', out)
      // the strides of `strides(form, …)`, written out: this runs every step, and an array
      // per call would be the only allocation of a compiled training step
      switch (form) {
        case 'plain':
          exports.product(left, k * DOUBLE, DOUBLE, right, n * DOUBLE, DOUBLE, target, m, k, n)
          return
        case 'transposeA':
          exports.product(left, DOUBLE, m * DOUBLE, right, n * DOUBLE, DOUBLE, target, m, k, n)
          return
        case 'transposeB':
          exports.product(left, k * DOUBLE, DOUBLE, right, DOUBLE, k * DOUBLE, target, m, k, n)
          return
      }
    }
  const binary =
    (kernelName: 'add' | 'sub' | 'mul' | 'div'): Kernels['add'] =>
    (a, b, out) => {
      requireLength(kernelName, 'a', a, out.length)
      requireLength(kernelName, 'b', b, out.length)
      exports[kernelName](
        address(kernelName, 'a', a),
        address(kernelName, 'b', b),
        address(kernelName, 'out', out),
        out.length,
      )
    }
  return {
    ...portableKernels,
    matmul: product('matmul', 'plain'),
    matmulTransposeA: product('matmulTransposeA', 'transposeA'),
    matmulTransposeB: product('matmulTransposeB', 'transposeB'),
    add: binary('add'),
    sub: binary('sub'),
    mul: binary('mul'),
    div: binary('div'),
    scale: (a, factor, out) => {
      requireLength('scale', 'a', a, out.length)
      exports.scale(address('scale', 'a', a), factor, address('scale', 'out', out), out.length)
    },
    addRowVector: (a, row, out, rows, cols) => {
      requireLength('addRowVector', 'a', a, rows * cols)
      requireLength('addRowVector', 'row', row, cols)
      requireLength('addRowVector', 'out', out, rows * cols)
      exports.addRowVector(
        address('addRowVector', 'a', a),
        address('addRowVector', 'row', row),
        address('addRowVector', 'out', out),
        rows,
        cols,
      )
    },
    columnSums: (a, out, rows, cols) => {
      requireLength('columnSums', 'a', a, rows * cols)
      requireLength('columnSums', 'out', out, cols)
      exports.columnSums(
        address('columnSums', 'a', a),
        address('columnSums', 'out', out),
        rows,
        cols,
      )
      // The portable kernel zeroes all of out, not only its first `cols` entries.
      if (out.length > cols) out.fill(0, cols)
    },
    sum: (a, start, length, stride) => {
      if (length <= 0) return 0
      if (
        !Number.isSafeInteger(start) ||
        !Number.isSafeInteger(stride) ||
        start < 0 ||
        stride < 1
      ) {
        throw new RangeError(
          `sum: start ${start} and stride ${stride} must be integers, ≥ 0 and ≥ 1`,
        )
      }
      requireLength('sum', 'a', a, start + (length - 1) * stride + 1)
      return exports.sum(address('sum', 'a', a) + start * DOUBLE, length, stride * DOUBLE)
    },
    transpose: (a, out, rows, cols) => {
      requireLength('transpose', 'a', a, rows * cols)
      requireLength('transpose', 'out', out, rows * cols)
      exports.transpose(address('transpose', 'a', a), address('transpose', 'out', out), rows, cols)
    },
    relu: (a, out) => {
      requireLength('relu', 'a', a, out.length)
      exports.relu(address('relu', 'a', a), address('relu', 'out', out), out.length)
    },
    reluBackward: (upstream, x, out) => {
      requireLength('reluBackward', 'upstream', upstream, out.length)
      requireLength('reluBackward', 'x', x, out.length)
      exports.reluBackward(
        address('reluBackward', 'upstream', upstream),
        address('reluBackward', 'x', x),
        address('reluBackward', 'out', out),
        out.length,
      )
    },
    addScaled: (y, alpha, x, out) => {
      requireLength('addScaled', 'y', y, out.length)
      requireLength('addScaled', 'x', x, out.length)
      exports.addScaled(
        address('addScaled', 'y', y),
        alpha,
        address('addScaled', 'x', x),
        address('addScaled', 'out', out),
        out.length,
      )
    },
  }
}

/**
 * A WebAssembly workspace's buffers and kernels: one new instance of the cached module with its
 * own memory, sized once for the kernels' scratch and every buffer (each 16-byte aligned) and
 * never grown. Throws a RangeError when the buffers would pass 2 GiB.
 *
 * @example
 * import assert from 'node:assert'
 * import { createWasmWorkspace } from './backend-wasm.js'
 * const { buffers, kernels } = createWasmWorkspace([3, 3])
 * const [x, out] = buffers
 * assert.ok(x !== undefined && out !== undefined)
 * x.set([-1, 0.5, 2])
 * kernels.relu(x, out)
 * assert.deepStrictEqual(Array.from(out), [0, 0.5, 2])
 * assert.throws(() => kernels.relu(new Float64Array(3), out), /not a view/)
 */
export const createWasmWorkspace = (
  lengths: readonly number[],
): { readonly buffers: readonly Float64Array[]; readonly kernels: WorkspaceKernels } => {
  const offsets: number[] = []
  let end = WASM_SCRATCH_BYTES
  for (const length of lengths) {
    offsets.push(end)
    end = aligned(end + length * DOUBLE)
  }
  if (end > MAXIMUM_BYTES) {
    throw new RangeError(`createWorkspace: ${end} bytes of buffers pass the 2 GiB limit`)
  }
  const pages = pagesFor(end)
  const memory = new (requireWebAssembly().Memory)({ initial: pages, maximum: pages })
  const exports = instantiate(memory)
  const buffers = lengths.map(
    (length, index) => new Float64Array(memory.buffer, offsets[index], length),
  )
  return { buffers, kernels: workspaceKernels(memory, exports) }
}

/**
 * A shared WebAssembly memory of `bytes` bytes (whole pages, never grown), for workspaces that
 * threads share (`attachWasmWorkspace`). Throws a RangeError past 2 GiB.
 *
 * @example
 * import assert from 'node:assert'
 * import { createSharedWasmMemory } from './backend-wasm.js'
 * const memory = createSharedWasmMemory(100)
 * assert.ok(memory.buffer instanceof SharedArrayBuffer && memory.buffer.byteLength === 65536)
 */
export const createSharedWasmMemory = (bytes: number): LinearMemory => {
  if (!Number.isSafeInteger(bytes) || bytes < 0 || bytes > MAXIMUM_BYTES) {
    throw new RangeError(`createSharedWasmMemory: ${bytes} bytes, expected 0 to 2 GiB`)
  }
  const pages = Math.max(1, pagesFor(bytes))
  return new (requireWebAssembly().Memory)({ initial: pages, maximum: pages, shared: true })
}

/**
 * Workspace kernels over a shared memory for the instance whose scratch starts at `scratchBase`
 * (a multiple of WASM_SCRATCH_BYTES below the buffers): its kernels take views of any buffer of
 * that memory, and their scratch never meets another thread's. Compiling the placed module costs
 * a few milliseconds the first time in a thread.
 *
 * @example
 * import assert from 'node:assert'
 * import { attachWasmKernels, createSharedWasmMemory, WASM_SCRATCH_BYTES } from './backend-wasm.js'
 * const memory = createSharedWasmMemory(2 * WASM_SCRATCH_BYTES + 64)
 * const kernels = attachWasmKernels(memory, WASM_SCRATCH_BYTES)
 * const x = new Float64Array(memory.buffer, 2 * WASM_SCRATCH_BYTES, 4)
 * x.set([-1, 2, -3, 4])
 * kernels.relu(x, x)
 * assert.deepStrictEqual(Array.from(x), [0, 2, 0, 4])
 */
export const attachWasmKernels = (memory: LinearMemory, scratchBase: number): WorkspaceKernels =>
  workspaceKernels(memory, instantiate(memory, { scratchBase, shared: true }))
