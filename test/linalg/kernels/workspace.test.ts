// Workspaces, for both backends: one zero-filled buffer per length, disjoint and 16-byte
// aligned, valid for the workspace's life; workspaces never disturb each other; a WebAssembly
// workspace refuses foreign arrays; and both backends' kernels give the same bits.

import { fc, test as propertyTest } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import {
  type BackendName,
  createWorkspace,
  portableWorkspaceKernels,
} from '../../../src/linalg/kernels/workspace.js'
import { firstDifference, seededEntries } from './bitwise.js'

const backends: readonly BackendName[] = ['wasm', 'portable']

/** Byte ranges [start, end) of the buffers, in memory order. */
const ranges = (buffers: readonly Float64Array[]): (readonly [number, number])[] =>
  buffers
    .map((buffer) => [buffer.byteOffset, buffer.byteOffset + buffer.byteLength] as const)
    .sort(([left], [right]) => left - right)

describe.each(backends)('a %s workspace', (backend) => {
  propertyTest.prop([fc.array(fc.integer({ min: 0, max: 300 }), { maxLength: 8 })], {
    numRuns: 30,
  })('has one zero-filled, 16-byte aligned, disjoint buffer per length', (lengths) => {
    const workspace = createWorkspace(lengths, backend)
    expect(workspace.backend).toBe(backend)
    expect(workspace.buffers.map((buffer) => buffer.length)).toStrictEqual(lengths)
    for (const buffer of workspace.buffers) {
      expect(buffer.every((entry) => Object.is(entry, 0))).toBe(true)
      expect(buffer.byteOffset % 16).toBe(0)
    }
    if (backend === 'wasm') {
      // Views of one memory whose byte ranges do not overlap.
      for (const buffer of workspace.buffers) {
        expect(buffer.buffer).toBe(workspace.buffers[0]?.buffer)
      }
      const sorted = ranges(workspace.buffers)
      sorted.slice(1).forEach(([start], index) => {
        expect(start).toBeGreaterThanOrEqual(sorted[index]?.[1] ?? Number.POSITIVE_INFINITY)
      })
    } else {
      // Arrays of their own.
      expect(new Set(workspace.buffers.map((buffer) => buffer.buffer)).size).toBe(lengths.length)
    }
  })

  test('writing one buffer leaves the others and other workspaces alone', () => {
    const one = createWorkspace([5, 5], backend)
    const other = createWorkspace([5, 5], backend)
    one.buffers[0]?.fill(1)
    one.kernels.scale(
      one.buffers[0] ?? new Float64Array(0),
      3,
      one.buffers[0] ?? new Float64Array(0),
    )
    expect(Array.from(one.buffers[0] ?? [])).toStrictEqual([3, 3, 3, 3, 3])
    expect(Array.from(one.buffers[1] ?? [])).toStrictEqual([0, 0, 0, 0, 0])
    for (const buffer of other.buffers) expect(Array.from(buffer)).toStrictEqual([0, 0, 0, 0, 0])
  })

  test('its kernels run a dense layer forward and backward in place', () => {
    // x (3×4) · W (4×2) + b, relu, then the gradient step W ← W − 0.1 · xᵀ·δ.
    const workspace = createWorkspace([12, 8, 2, 6, 8], backend)
    const [x, w, b, z, gradient] = workspace.buffers
    if (
      x === undefined ||
      w === undefined ||
      b === undefined ||
      z === undefined ||
      gradient === undefined
    ) {
      throw new Error('five buffers')
    }
    x.set([1, 2, 3, 4, -1, -2, -3, -4, 0.5, 0, 0.5, 0])
    w.set([1, -1, 0, 2, -1, 0, 0.5, 1])
    b.set([0.25, -0.5])
    const { kernels } = workspace
    kernels.matmul(x, w, z, 3, 4, 2)
    kernels.addRowVector(z, b, z, 3, 2)
    kernels.relu(z, z)
    expect(Array.from(z)).toStrictEqual([0.25, 6.5, 0.25, 0, 0.25, 0])
    kernels.matmulTransposeA(x, z, gradient, 4, 3, 2)
    expect(Array.from(gradient)).toStrictEqual([0.125, 6.5, 0, 13, 0.125, 19.5, 0, 26])
    const before = Array.from(w)
    kernels.addScaled(w, -0.1, gradient, w)
    const expected = before.map((entry, index) => entry + -0.1 * (gradient[index] ?? Number.NaN))
    expect(firstDifference(w, expected)).toBe('identical')
  })

  test('refuses a length that is not a non-negative integer', () => {
    for (const length of [-1, 1.5, Number.NaN, Infinity]) {
      expect(() => createWorkspace([length], backend)).toThrow(RangeError)
    }
  })
})

describe('the two backends', () => {
  test('give the same bits through a training step', () => {
    const lengths = [32 * 20, 20 * 7, 7, 32 * 7, 20 * 7, 32 * 20]
    const [wasm, portable] = [
      createWorkspace(lengths, 'wasm'),
      createWorkspace(lengths, 'portable'),
    ]
    for (const { buffers, kernels } of [wasm, portable]) {
      const [x, w, b, z, gradient, back] = buffers
      if (
        x === undefined ||
        w === undefined ||
        b === undefined ||
        z === undefined ||
        gradient === undefined ||
        back === undefined
      ) {
        throw new Error('six buffers')
      }
      x.set(seededEntries(x.length, 1))
      w.set(seededEntries(w.length, 2))
      b.set(seededEntries(b.length, 3))
      kernels.matmul(x, w, z, 32, 20, 7)
      kernels.addRowVector(z, b, z, 32, 7)
      kernels.relu(z, z)
      kernels.reluBackward(z, z, z)
      kernels.matmulTransposeA(x, z, gradient, 20, 32, 7)
      kernels.matmulTransposeB(z, w, back, 32, 7, 20)
      kernels.columnSums(z, b, 32, 7)
      kernels.addScaled(w, -0.01, gradient, w)
    }
    wasm.buffers.forEach((buffer, index) => {
      expect(firstDifference(buffer, portable.buffers[index] ?? [])).toBe('identical')
    })
  })

  test('the portable workspace runs the portable kernels, the oracle', () => {
    expect(createWorkspace([1], 'portable').kernels).toBe(portableWorkspaceKernels)
  })
})
