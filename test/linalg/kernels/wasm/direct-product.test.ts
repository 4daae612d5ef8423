// The product's direct path — small products read in place, without packing — against the
// portable kernels bit for bit: a·b, aᵀ·b and a·bᵀ (whose right operand is gathered first) over
// odd shapes, k = 1 and 2, single rows and columns, several k-blocks, and operands and out at
// 16-byte aligned and unaligned addresses; plus the a·bᵀ products too wide to gather, which fall
// back to the packed path.

import { fc, test as propertyTest } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import type { Kernels } from '../../../../src/linalg/kernels/kernels.js'
import { portableKernels } from '../../../../src/linalg/kernels/portable.js'
import {
  DIRECT_PRODUCT,
  emitKernelModule,
  type KernelExports,
  PAGE_BYTES,
  PRODUCT_SHAPE,
  scratchLayout,
} from '../../../../src/linalg/kernels/wasm/kernels-module.js'
import { webAssembly } from '../../../../src/linalg/kernels/wasm/webassembly.js'
import { firstDifference, seededEntries } from '../bitwise.js'

const api = webAssembly()
if (api === undefined) throw new Error('this engine has no WebAssembly')

/** Room, in doubles, for each of the three operands beyond the scratch. */
const SLOT = 1_000_008
const { scratchBytes } = scratchLayout(PRODUCT_SHAPE)
const memory = new api.Memory({ initial: Math.ceil((scratchBytes + 3 * SLOT * 8) / PAGE_BYTES) })
const kernels = new api.Instance(new api.Module(emitKernelModule(PRODUCT_SHAPE)), {
  env: { memory },
}).exports as unknown as KernelExports
const doubles = new Float64Array(memory.buffer)
/** The first double of each operand's slot: a, b, out. */
const slots = [0, 1, 2].map((slot) => scratchBytes / 8 + slot * SLOT)

type Form = 'plain' | 'transposeA' | 'transposeB'
const forms: readonly Form[] = ['plain', 'transposeA', 'transposeB']

/** Byte strides of a·b, aᵀ·b (a is k×m) and a·bᵀ (b is n×k), as backend-wasm.ts passes them. */
const strides = (form: Form, m: number, k: number, n: number): readonly number[] => {
  switch (form) {
    case 'plain':
      return [8 * k, 8, 8 * n, 8]
    case 'transposeA':
      return [8, 8 * m, 8 * n, 8]
    case 'transposeB':
      return [8 * k, 8, 8, 8 * k]
  }
}

const portable: Readonly<Record<Form, Kernels['matmul']>> = {
  plain: portableKernels.matmul,
  transposeA: portableKernels.matmulTransposeA,
  transposeB: portableKernels.matmulTransposeB,
}

interface ProductCase {
  readonly m: number
  readonly k: number
  readonly n: number
  readonly seed: number
  /** Each operand's offset in doubles from its slot: 0 is 16-byte aligned, 1 is not. */
  readonly offsets: readonly number[]
}

/** The module's product and the portable one on the same entries: the first difference, if any. */
const compare = (form: Form, { m, k, n, seed, offsets }: ProductCase): string => {
  const a = seededEntries(m * k, seed)
  const b = seededEntries(k * n, seed ^ 0x5bd1e995)
  const [aAt, bAt, outAt] = slots.map((slot, index) => slot + (offsets[index] ?? 0))
  if (aAt === undefined || bAt === undefined || outAt === undefined) throw new Error('three slots')
  doubles.set(a, aAt)
  doubles.set(b, bAt)
  const out = doubles.subarray(outAt, outAt + m * n).fill(Number.NaN)
  const [leftRowStride, leftDepthStride, rightDepthStride, rightColumnStride] = strides(
    form,
    m,
    k,
    n,
  )
  kernels.product(
    8 * aAt,
    leftRowStride ?? 0,
    leftDepthStride ?? 0,
    8 * bAt,
    rightDepthStride ?? 0,
    rightColumnStride ?? 0,
    8 * outAt,
    m,
    k,
    n,
  )
  const expected = new Float64Array(m * n)
  portable[form](a, b, expected, m, k, n)
  return firstDifference(out, expected)
}

/** Any dimension up to 40, with 1, 2 and the tile's edges made likely. */
const dimension = fc.oneof(fc.constantFrom(1, 2, 3, 4, 5, 7, 8, 9), fc.integer({ min: 1, max: 40 }))
const offsets = fc.tuple(fc.constantFrom(0, 1), fc.constantFrom(0, 1), fc.constantFrom(0, 1))

describe('the direct product', () => {
  test('covers the shapes it is tested on: at most DIRECT_PRODUCT multiply-adds', () => {
    expect(40 * 40 * 40).toBeLessThanOrEqual(DIRECT_PRODUCT)
    expect(7 * 1024 * 9).toBeLessThanOrEqual(DIRECT_PRODUCT)
  })

  propertyTest.prop(
    [
      fc.record({
        m: dimension,
        k: fc.oneof(fc.constantFrom(1, 2), dimension),
        n: dimension,
        seed: fc.integer(),
        offsets,
      }),
      fc.constantFrom(...forms),
    ],
    { numRuns: 200 },
  )('equals the portable products bit for bit, aligned or not', (productCase, form) => {
    expect(compare(form, productCase)).toBe('identical')
  })

  propertyTest.prop(
    [
      fc.record({
        m: fc.integer({ min: 1, max: 7 }),
        k: fc.constantFrom(255, 256, 257, 511, 512, 513, 1000, 1024),
        n: fc.integer({ min: 1, max: 9 }),
        seed: fc.integer(),
        offsets,
      }),
      fc.constantFrom(...forms),
    ],
    { numRuns: 40 },
  )('adds its k-blocks in the shared order', (productCase, form) => {
    expect(compare(form, productCase)).toBe('identical')
  })

  test.each(forms)('handles k = 1, k = 2, one row and one column (%s)', (form) => {
    for (const [m, k, n] of [
      [1, 1, 1],
      [1, 2, 1],
      [1, 1, 40],
      [40, 1, 1],
      [40, 2, 40],
      [1, 40, 1],
      [300, 2, 32],
      [300, 16, 32],
    ] as const) {
      for (const offset of [0, 1]) {
        const productCase = { m, k, n, seed: m * 1000 + k * 10 + n, offsets: [offset, 1, offset] }
        expect(compare(form, productCase), `${m}×${k}×${n}`).toBe('identical')
      }
    }
  })

  test('falls back to the packed path for a·bᵀ too wide to gather, bit for bit', () => {
    // 1 × 1000 · (1000 × 1000)ᵀ: a million multiply-adds, but b is larger than the scratch
    expect(1000 * 1000 * 8).toBeGreaterThan(scratchBytes)
    for (const form of forms) {
      expect(compare(form, { m: 1, k: 1000, n: 1000, seed: 7, offsets: [1, 0, 1] })).toBe(
        'identical',
      )
    }
  })
})
