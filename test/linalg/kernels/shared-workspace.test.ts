// Workspaces that threads share: each thread's buffers lie apart from every other's and from every
// kernel instance's scratch; a thread's kernels write nothing but their output and their own
// scratch (so threads never disturb each other); and they give the portable kernels' bits.

import { fc, test as propertyTest } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import {
  attachSharedWorkspace,
  createSharedWorkspaces,
  sharedBuffers,
} from '../../../src/linalg/kernels/shared-workspace.js'
import { portableKernels } from '../../../src/linalg/kernels/portable.js'
import { WASM_SCRATCH_BYTES } from '../../../src/linalg/kernels/wasm/backend-wasm.js'

const backends = fc.constantFrom('wasm' as const, 'portable' as const)

/** The shared memory's bytes, as this thread sees them. */
const bytesOf = (
  memory: { readonly buffer: ArrayBufferLike } | SharedArrayBuffer,
): ArrayBufferLike => (memory instanceof SharedArrayBuffer ? memory : memory.buffer)

describe('createSharedWorkspaces', () => {
  propertyTest.prop([
    fc.array(fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 5 }), {
      minLength: 1,
      maxLength: 4,
    }),
    backends,
  ])(
    'buffers are aligned, zero, apart from each other and above every scratch',
    (lengths, backend) => {
      const shared = createSharedWorkspaces(lengths, backend)
      const scratchEnd = backend === 'wasm' ? lengths.length * WASM_SCRATCH_BYTES : 0
      const spans: [number, number][] = []
      lengths.forEach((threadLengths, thread) => {
        const views = sharedBuffers(shared, thread)
        expect(views.map((view) => view.length)).toStrictEqual(threadLengths)
        for (const view of views) {
          expect(view.byteOffset % 16).toBe(0)
          expect(view.byteOffset).toBeGreaterThanOrEqual(scratchEnd)
          expect(view.every((entry) => entry === 0)).toBe(true)
          spans.push([view.byteOffset, view.byteOffset + view.byteLength])
        }
      })
      spans.sort((a, b) => a[0] - b[0])
      spans.forEach(([, end], index) => {
        expect(end).toBeLessThanOrEqual(bytesOf(shared.memory).byteLength)
        const next = spans[index + 1]
        if (next !== undefined) expect(end).toBeLessThanOrEqual(next[0])
      })
    },
  )

  test('a length that is not a non-negative integer is refused', () => {
    expect(() => createSharedWorkspaces([[1.5]], 'wasm')).toThrow(/1.5 is not a buffer length/)
    expect(() => createSharedWorkspaces([[2 ** 29]], 'portable')).toThrow(/2 GiB/)
  })
})

describe('attachSharedWorkspace', () => {
  propertyTest.prop(
    [
      fc.integer({ min: 2, max: 3 }),
      fc.nat(),
      fc.integer({ min: 1, max: 130 }),
      fc.integer({ min: 1, max: 300 }),
      fc.integer({ min: 1, max: 130 }),
      fc.constantFrom('matmul' as const, 'matmulTransposeA' as const, 'matmulTransposeB' as const),
    ],
    { numRuns: 40 },
  )(
    'a thread’s product writes only its output and its own scratch, with the portable bits',
    (threads, threadSeed, m, k, n, form) => {
      const thread = threadSeed % threads
      const lengths = Array.from({ length: threads }, () => [m * k, k * n, m * n])
      const shared = createSharedWorkspaces(lengths, 'wasm')
      const bytes = new Uint8Array(bytesOf(shared.memory))
      // a sentinel everywhere, then the operands
      bytes.fill(0xa5)
      const [a, b, out] = sharedBuffers(shared, thread)
      if (a === undefined || b === undefined || out === undefined) throw new Error('no buffers')
      for (let i = 0; i < a.length; i++) a[i] = Math.sin(i + 1)
      for (let i = 0; i < b.length; i++) b[i] = Math.cos(i * 3 + 1)
      const before = bytes.slice()
      const { kernels } = attachSharedWorkspace(shared, thread)
      kernels[form](a, b, out, m, k, n)
      const expected = new Float64Array(m * n)
      portableKernels[form](a.slice(), b.slice(), expected, m, k, n)
      expect(Array.from(out)).toStrictEqual(Array.from(expected))
      const scratchStart = thread * WASM_SCRATCH_BYTES
      const scratchEnd = scratchStart + WASM_SCRATCH_BYTES
      const outEnd = out.byteOffset + out.byteLength
      for (let byte = 0; byte < bytes.length; byte++) {
        const mayChange =
          (byte >= scratchStart && byte < scratchEnd) || (byte >= out.byteOffset && byte < outEnd)
        if (!mayChange && bytes[byte] !== before[byte]) {
          throw new Error(
            `thread ${thread} of ${threads} wrote byte ${byte} in ${form} (${m}, ${k}, ${n})`,
          )
        }
      }
    },
  )

  test('a portable workspace runs the portable kernels on the shared views', () => {
    const shared = createSharedWorkspaces([[3], [3]], 'portable')
    const [x] = sharedBuffers(shared, 1)
    const workspace = attachSharedWorkspace(shared, 0)
    if (x === undefined) throw new Error('no buffer')
    x.set([-1, 2, -3])
    workspace.kernels.relu(x, x)
    expect(workspace.backend).toBe('portable')
    expect(Array.from(x)).toStrictEqual([0, 2, 0])
  })
})
