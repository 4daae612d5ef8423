// The kernel module: it validates and exports exactly its kernels, its scratch regions are
// disjoint, it refuses a memory smaller than its scratch, and its products equal the portable
// ones bit for bit whatever the register tile and cache blocks — the summation order, not the
// tiling, decides every bit.

import { fc, test as propertyTest } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { portableKernels } from '../../../../src/linalg/kernels/portable.js'
import {
  emitKernelModule,
  type KernelExports,
  kernelNames,
  PAGE_BYTES,
  PRODUCT_SHAPE,
  type ProductShape,
  scratchLayout,
} from '../../../../src/linalg/kernels/wasm/kernels-module.js'
import { webAssembly } from '../../../../src/linalg/kernels/wasm/webassembly.js'
import { firstDifference, seededEntries } from '../bitwise.js'

const api = webAssembly()
if (api === undefined) throw new Error('this engine has no WebAssembly')

/** Operand capacity, in doubles, of each test instance beyond its scratch. */
const CAPACITY = 3 * 40 * 600

/** An instance of the module for `shape` over a fresh memory, and that memory as doubles. */
const instanceFor = (
  shape: ProductShape,
): { kernels: KernelExports; doubles: Float64Array; base: number } => {
  const { scratchBytes } = scratchLayout(shape)
  const memory = new api.Memory({
    initial: Math.ceil((scratchBytes + CAPACITY * 8) / PAGE_BYTES),
  })
  const { exports } = new api.Instance(new api.Module(emitKernelModule(shape)), {
    env: { memory },
  })
  return {
    kernels: exports as unknown as KernelExports,
    doubles: new Float64Array(memory.buffer),
    base: scratchBytes,
  }
}

describe('the kernel module', () => {
  test('validates, and exports exactly its kernels', () => {
    const bytes = emitKernelModule(PRODUCT_SHAPE)
    expect(api.validate(bytes)).toBe(true)
    const { kernels } = instanceFor(PRODUCT_SHAPE)
    expect(Object.keys(kernels).sort()).toStrictEqual([...kernelNames].sort())
  })

  test('lays out its scratch as disjoint regions in order', () => {
    const shape = PRODUCT_SHAPE
    const layout = scratchLayout(shape)
    const tileColumns = 2 * shape.tileVectors
    expect(layout.leftPanel).toBe(0)
    expect(layout.rightPanel - layout.leftPanel).toBeGreaterThanOrEqual(shape.rowBlock * 256 * 8)
    expect(layout.edgeTile - layout.rightPanel).toBeGreaterThanOrEqual(shape.columnBlock * 256 * 8)
    expect(layout.scratchBytes - layout.edgeTile).toBeGreaterThanOrEqual(
      shape.tileRows * tileColumns * 8,
    )
    expect(layout.scratchBytes % 16).toBe(0)
  })

  test('refuses a memory smaller than its scratch', () => {
    const module = new api.Module(emitKernelModule(PRODUCT_SHAPE))
    const tooSmall = new api.Memory({
      initial: Math.ceil(scratchLayout(PRODUCT_SHAPE).scratchBytes / PAGE_BYTES) - 1,
    })
    expect(() => new api.Instance(module, { env: { memory: tooSmall } })).toThrow()
  })
})

describe('the product, for any tile shape', () => {
  const shapes: readonly ProductShape[] = [
    PRODUCT_SHAPE,
    { tileRows: 4, tileVectors: 2, depthUnroll: 2, rowBlock: 64, columnBlock: 256 },
    { tileRows: 3, tileVectors: 3, depthUnroll: 4, rowBlock: 9, columnBlock: 18 },
    { tileRows: 1, tileVectors: 1, depthUnroll: 1, rowBlock: 7, columnBlock: 5 },
  ]
  const instances = shapes.map(instanceFor)

  propertyTest.prop(
    [
      fc.integer({ min: 0, max: shapes.length - 1 }),
      fc.record({
        m: fc.integer({ min: 1, max: 40 }),
        k: fc.oneof(fc.constantFrom(1, 256, 257, 513), fc.integer({ min: 1, max: 600 })),
        n: fc.integer({ min: 1, max: 40 }),
        seed: fc.integer(),
      }),
    ],
    { numRuns: 40 },
  )('equals the portable matmul bit for bit', (which, { m, k, n, seed }) => {
    const instance = instances[which]
    expect(instance).toBeDefined()
    if (instance === undefined) return
    const { kernels, doubles, base } = instance
    const a = seededEntries(m * k, seed)
    const b = seededEntries(k * n, seed + 1)
    const aAt = base
    const bAt = aAt + 8 * m * k + 8
    const outAt = bAt + 8 * k * n
    doubles.set(a, aAt / 8)
    doubles.set(b, bAt / 8)
    kernels.product(aAt, 8 * k, 8, bAt, 8 * n, 8, outAt, m, k, n)
    const expected = new Float64Array(m * n)
    portableKernels.matmul(a, b, expected, m, k, n)
    expect(firstDifference(doubles.subarray(outAt / 8, outAt / 8 + m * n), expected)).toBe(
      'identical',
    )
  })
})
