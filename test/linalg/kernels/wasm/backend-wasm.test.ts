// The WebAssembly kernels against their portable twins, bit for bit: products over odd shapes
// and several k-blocks, element-wise kernels over NaN, ±Infinity and −0, operands at 16-byte
// aligned and unaligned addresses, `out` aliasing an input; plus the workspace's guards, and a
// reordered sum that the comparison catches, so equality here is not vacuous.

import { fc, test as propertyTest } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import type { Kernels } from '../../../../src/linalg/kernels/kernels.js'
import { portableKernels } from '../../../../src/linalg/kernels/portable.js'
import {
  createWasmWorkspace,
  wasmKernels,
  wasmSimdAvailable,
} from '../../../../src/linalg/kernels/wasm/backend-wasm.js'
import { portableWorkspaceKernels } from '../../../../src/linalg/kernels/workspace.js'
import { firstDifference, seededEntries } from '../bitwise.js'

/** Entries per workspace buffer: room for the largest operand below plus an offset. */
const CAPACITY = 64 * 800
/** One workspace for the whole file, so the properties do not create a memory per run. */
const workspace = createWasmWorkspace([CAPACITY, CAPACITY, CAPACITY, CAPACITY])
const [first, second, third, fourth] = workspace.buffers
if (first === undefined || second === undefined || third === undefined || fourth === undefined) {
  throw new Error('the workspace has four buffers')
}

/**
 * A view of `buffer` holding `values` from `offset` entries in: offset 0 is 16-byte aligned,
 * offset 1 is only 8-byte aligned (a Float64Array view always is).
 */
const placed = (buffer: Float64Array, values: Float64Array, offset: number): Float64Array => {
  const view = buffer.subarray(offset, offset + values.length)
  view.set(values)
  return view
}

/** Any dimension, with the tile's edges and small primes made likely. */
const dimension = fc.oneof(
  fc.constantFrom(1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 13, 31),
  fc.integer({ min: 1, max: 64 }),
)
/** Any depth, with one, two and three k-blocks of 256 and 784 (MNIST's inputs) made likely. */
const depth = fc.oneof(
  fc.constantFrom(1, 2, 7, 13, 255, 256, 257, 511, 512, 513, 784),
  fc.integer({ min: 1, max: 600 }),
)
const offset = fc.constantFrom(0, 1)

/** A product's shape, seed and operand offsets. */
interface ProductCase {
  readonly m: number
  readonly k: number
  readonly n: number
  readonly seed: number
  readonly offsets: readonly [number, number, number]
}

const productCases: fc.Arbitrary<ProductCase> = fc
  .record({ m: dimension, k: depth, n: dimension, seed: fc.integer() })
  .filter(({ m, k, n }) => m * k <= CAPACITY - 1 && k * n <= CAPACITY - 1 && m * n < CAPACITY)
  .chain((shape) => fc.tuple(offset, offset, offset).map((offsets) => ({ ...shape, offsets })))

type ProductName = 'matmul' | 'matmulTransposeA' | 'matmulTransposeB'
const productNames: readonly ProductName[] = ['matmul', 'matmulTransposeA', 'matmulTransposeB']

/** The operands' shapes for each product: a is m×k (k×m for aᵀ·b), b is k×n (n×k for a·bᵀ). */
const runProduct = (
  kernels: Kernels,
  name: ProductName,
  a: Float64Array,
  b: Float64Array,
  out: Float64Array,
  { m, k, n }: { readonly m: number; readonly k: number; readonly n: number },
): void => {
  kernels[name](a, b, out, m, k, n)
}

describe('the WebAssembly products, in a workspace', () => {
  test('run here: this engine validates WebAssembly SIMD', () => {
    expect(wasmSimdAvailable()).toBe(true)
  })

  propertyTest.prop([productCases, fc.constantFrom(...productNames)], { numRuns: 60 })(
    'equal the portable products bit for bit, at aligned and unaligned addresses',
    ({ m, k, n, seed, offsets }, name) => {
      const a = placed(first, seededEntries(m * k, seed), offsets[0])
      const b = placed(second, seededEntries(k * n, seed ^ 0x5bd1e995), offsets[1])
      const out = third.subarray(offsets[2], offsets[2] + m * n).fill(Number.NaN)
      const expected = new Float64Array(m * n)
      runProduct(workspace.kernels, name, a, b, out, { m, k, n })
      runProduct(portableKernels, name, a, b, expected, { m, k, n })
      expect(firstDifference(out, expected)).toBe('identical')
    },
  )

  propertyTest.prop([
    fc
      .record({
        m: fc.integer({ min: 1, max: 9 }),
        k: fc.integer({ min: 1, max: 270 }),
        n: fc.integer({ min: 1, max: 9 }),
      })
      .chain(({ m, k, n }) =>
        fc.record({
          shape: fc.constant({ m, k, n }),
          a: fc.float64Array({ minLength: m * k, maxLength: m * k }),
          b: fc.float64Array({ minLength: k * n, maxLength: k * n }),
        }),
      ),
    fc.constantFrom(...productNames),
  ])(
    'equal the portable products bit for bit with NaN, ±Infinity, −0 and subnormal entries',
    ({ shape, a, b }, name) => {
      const out = third.subarray(1, 1 + shape.m * shape.n)
      const expected = new Float64Array(shape.m * shape.n)
      runProduct(workspace.kernels, name, placed(first, a, 0), placed(second, b, 1), out, shape)
      runProduct(portableKernels, name, a, b, expected, shape)
      expect(firstDifference(out, expected)).toBe('identical')
    },
  )

  test('fill out with +0 when k is 0, and write nothing when m or n is 0', () => {
    for (const name of productNames) {
      const out = third.subarray(1, 7).fill(Number.NaN)
      runProduct(workspace.kernels, name, first.subarray(0, 0), second.subarray(0, 0), out, {
        m: 2,
        k: 0,
        n: 3,
      })
      expect(firstDifference(out, new Float64Array(6))).toBe('identical')
      third.fill(7, 0, 8)
      runProduct(workspace.kernels, name, first.subarray(0, 12), second, third.subarray(0, 0), {
        m: 0,
        k: 4,
        n: 3,
      })
      expect(Array.from(third.subarray(0, 8))).toStrictEqual(new Array<number>(8).fill(7))
    }
  })

  test('cross every block: rows past 60, columns past 256 and k past 512', () => {
    const [m, k, n] = [129, 513, 530]
    const large = createWasmWorkspace([m * k, k * n, m * n])
    const [a, b, out] = large.buffers
    if (a === undefined || b === undefined || out === undefined) throw new Error('three buffers')
    // a is m×k (k×m for aᵀ·b) and b is k×n (n×k for a·bᵀ): the same entries serve every form.
    a.set(seededEntries(m * k, 5))
    b.set(seededEntries(k * n, 6))
    for (const name of productNames) {
      const expected = new Float64Array(m * n)
      runProduct(large.kernels, name, a, b, out, { m, k, n })
      runProduct(portableKernels, name, a, b, expected, { m, k, n })
      expect(`${name}: ${firstDifference(out, expected)}`).toBe(`${name}: identical`)
    }
  })

  test('leave their inputs as they were', () => {
    const a = placed(first, seededEntries(13 * 300, 1), 1)
    const b = placed(second, seededEntries(300 * 7, 2), 0)
    const before = [Array.from(a), Array.from(b)]
    workspace.kernels.matmul(a, b, third.subarray(0, 13 * 7), 13, 300, 7)
    expect([Array.from(a), Array.from(b)]).toStrictEqual(before)
  })
})

/** Special values a network meets: NaN, ±Infinity, ±0, subnormals, and ordinary numbers. */
const special = fc.oneof(
  fc.constantFrom(Number.NaN, Infinity, -Infinity, 0, -0, Number.MIN_VALUE, -Number.MIN_VALUE),
  fc.double(),
)
const entries = (length: number): fc.Arbitrary<Float64Array> =>
  fc
    .array(special, { minLength: length, maxLength: length })
    .map((values) => Float64Array.from(values))

/** Lengths around the f64x2 pairs: 0, odd and even. */
const length = fc.integer({ min: 0, max: 40 })

type ElementwiseName =
  'add' | 'sub' | 'mul' | 'div' | 'scale' | 'relu' | 'reluBackward' | 'addScaled'

/** Runs an element-wise kernel on (x, y) into out, with `factor` where it takes a scalar. */
const runElementwise = (
  kernels: typeof portableWorkspaceKernels,
  name: ElementwiseName,
  x: Float64Array,
  y: Float64Array,
  factor: number,
  out: Float64Array,
): void => {
  switch (name) {
    case 'scale':
      kernels.scale(x, factor, out)
      return
    case 'relu':
      kernels.relu(x, out)
      return
    case 'addScaled':
      kernels.addScaled(x, factor, y, out)
      return
    default:
      kernels[name](x, y, out)
  }
}

const elementwiseNames: readonly ElementwiseName[] = [
  'add',
  'sub',
  'mul',
  'div',
  'scale',
  'relu',
  'reluBackward',
  'addScaled',
]

describe('the WebAssembly element-wise kernels, in a workspace', () => {
  propertyTest.prop([
    fc.constantFrom(...elementwiseNames),
    length.chain((count) => fc.tuple(entries(count), entries(count))),
    special,
    fc.tuple(offset, offset, offset),
  ])(
    'equal the portable kernels bit for bit on NaN, ±Infinity and −0, at any alignment',
    (name, [x, y], factor, [xOffset, yOffset, outOffset]) => {
      const out = fourth.subarray(outOffset, outOffset + x.length).fill(12345)
      const expected = new Float64Array(x.length)
      runElementwise(
        workspace.kernels,
        name,
        placed(first, x, xOffset),
        placed(second, y, yOffset),
        factor,
        out,
      )
      runElementwise(portableWorkspaceKernels, name, x, y, factor, expected)
      expect(firstDifference(out, expected)).toBe('identical')
    },
  )

  propertyTest.prop([
    fc.constantFrom(...elementwiseNames),
    length.chain((count) => fc.tuple(entries(count), entries(count))),
    special,
    fc.constantFrom('first', 'second'),
    offset,
  ])('allow out to be one of the inputs', (name, [x, y], factor, aliased, start) => {
    const left = placed(first, x, start)
    const right = placed(second, y, start)
    const expected = new Float64Array(x.length)
    runElementwise(portableWorkspaceKernels, name, x, y, factor, expected)
    const out = aliased === 'first' ? left : right
    runElementwise(workspace.kernels, name, left, right, factor, out)
    expect(firstDifference(out, expected)).toBe('identical')
  })

  test('relu is Math.max(x, 0): NaN stays NaN, −0 becomes +0', () => {
    const x = placed(first, Float64Array.from([Number.NaN, -0, 0, -Infinity, Infinity, -2, 3]), 1)
    const out = second.subarray(0, 7)
    workspace.kernels.relu(x, out)
    expect(firstDifference(out, [Number.NaN, 0, 0, 0, Infinity, 0, 3])).toBe('identical')
  })

  test('reluBackward multiplies by 1 or 0: Infinity · 0 is NaN, and −0 keeps its sign', () => {
    const upstream = placed(first, Float64Array.from([Infinity, Number.NaN, -2, -2, 5, 5]), 0)
    const x = placed(second, Float64Array.from([-1, 1, 0, 1, Number.NaN, -0]), 1)
    const out = third.subarray(1, 7)
    workspace.kernels.reluBackward(upstream, x, out)
    expect(firstDifference(out, [Number.NaN, Number.NaN, -0, -2, 0, 0])).toBe('identical')
  })

  propertyTest.prop([
    fc
      .tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 }))
      .chain(([rows, cols]) =>
        fc.record({
          rows: fc.constant(rows),
          cols: fc.constant(cols),
          a: entries(rows * cols),
          row: entries(cols),
        }),
      ),
    fc.tuple(offset, offset, offset),
    fc.boolean(),
  ])(
    'addRowVector, columnSums and transpose equal the portable kernels bit for bit',
    ({ rows, cols, a, row }, [aOffset, rowOffset, outOffset], aliased) => {
      const input = placed(first, a, aOffset)
      const bias = placed(second, row, rowOffset)
      const expected = new Float64Array(rows * cols)
      portableKernels.addRowVector(a, row, expected, rows, cols)
      const out = aliased ? input : third.subarray(outOffset, outOffset + rows * cols)
      workspace.kernels.addRowVector(input, bias, out, rows, cols)
      expect(firstDifference(out, expected)).toBe('identical')

      const source = placed(first, a, aOffset)
      const sums = fourth.subarray(outOffset, outOffset + cols).fill(Number.NaN)
      const expectedSums = new Float64Array(cols)
      portableKernels.columnSums(a, expectedSums, rows, cols)
      workspace.kernels.columnSums(source, sums, rows, cols)
      expect(firstDifference(sums, expectedSums)).toBe('identical')

      const transposed = third.subarray(outOffset, outOffset + rows * cols)
      const expectedTransposed = new Float64Array(rows * cols)
      portableKernels.transpose(a, expectedTransposed, rows, cols)
      workspace.kernels.transpose(source, transposed, rows, cols)
      expect(firstDifference(transposed, expectedTransposed)).toBe('identical')
    },
  )

  test('transpose and columnSums cross the 32 × 32 tiles', () => {
    const rows = 70
    const cols = 45
    const a = placed(first, seededEntries(rows * cols, 3), 1)
    const expected = new Float64Array(rows * cols)
    portableKernels.transpose(a, expected, rows, cols)
    const out = second.subarray(0, rows * cols)
    workspace.kernels.transpose(a, out, rows, cols)
    expect(firstDifference(out, expected)).toBe('identical')
    const sums = third.subarray(1, 1 + cols)
    const expectedSums = new Float64Array(cols)
    portableKernels.columnSums(a, expectedSums, rows, cols)
    workspace.kernels.columnSums(a, sums, rows, cols)
    expect(firstDifference(sums, expectedSums)).toBe('identical')
  })
})

/** Every third entry scaled by 1e16: a sum in another tree or order then rounds differently. */
const spreadMagnitudes = (values: Float64Array): void => {
  values.forEach((value, index) => {
    if (index % 3 === 0) values[index] = value * 1e16
  })
}

describe('the WebAssembly pairwise sum, in a workspace', () => {
  /** Lengths around numpy's blocks: below 8, one block of 128, and splits at multiples of 8. */
  const sumLength = fc.oneof(
    fc.constantFrom(0, 1, 7, 8, 9, 15, 16, 127, 128, 129, 136, 255, 256, 257, 1000, 4099),
    fc.integer({ min: 0, max: 300 }),
  )
  propertyTest.prop([sumLength, fc.integer({ min: 1, max: 5 }), offset, fc.integer()])(
    'equals the portable sum bit for bit, contiguous and strided, from any start',
    (count, stride, start, seed) => {
      const span = count === 0 ? 0 : (count - 1) * stride + 1
      const values = seededEntries(start + span, seed)
      spreadMagnitudes(values)
      const view = placed(first, values, 0)
      const expected = portableKernels.sum(values, start, count, stride)
      expect(Object.is(workspace.kernels.sum(view, start, count, stride), expected)).toBe(true)
    },
  )

  propertyTest.prop([fc.integer({ min: 0, max: 200 }).chain((count) => entries(count))])(
    'NaN, ±Infinity, −0 and subnormals sum as the portable kernel sums them',
    (values) => {
      const view = placed(second, values, 1)
      const expected = portableKernels.sum(values, 0, values.length, 1)
      expect(Object.is(workspace.kernels.sum(view, 0, values.length, 1), expected)).toBe(true)
    },
  )

  test('a sum past the end of its view throws instead of reading a neighbour', () => {
    expect(() => workspace.kernels.sum(first.subarray(0, 10), 2, 5, 2)).toThrow(
      /sum: a has 10 entries, the shape needs 11/,
    )
    expect(() => workspace.kernels.sum(new Float64Array(4), 0, 4, 1)).toThrow(
      /sum: a is not a view/,
    )
  })

  test('a summation in another order is caught, though it is close', () => {
    const values = seededEntries(1000, 5)
    spreadMagnitudes(values)
    let sequential = 0
    for (const value of values) sequential += value
    expect(Object.is(sequential, portableKernels.sum(values, 0, values.length, 1))).toBe(false)
  })
})

describe('a workspace’s guards', () => {
  test('an array that is not a view of its memory throws, naming the kernel and argument', () => {
    const foreign = new Float64Array(6)
    const own = first.subarray(0, 6)
    expect(() => {
      workspace.kernels.add(own, foreign, own)
    }).toThrow(/workspace kernel add: b is not a view of this workspace's memory/)
    expect(() => {
      workspace.kernels.matmul(foreign, own, own, 2, 3, 2)
    }).toThrow(/matmul: a is not a view/)
    expect(() => {
      workspace.kernels.relu(own, foreign)
    }).toThrow(/relu: out is not a view/)
    const other = createWasmWorkspace([6])
    const otherBuffer = other.buffers[0]
    expect(otherBuffer).toBeDefined()
    if (otherBuffer === undefined) return
    expect(() => {
      workspace.kernels.scale(otherBuffer, 2, own)
    }).toThrow(/not a view/)
  })

  test('an operand shorter than its shape throws instead of reading a neighbour', () => {
    expect(() => {
      workspace.kernels.matmul(first.subarray(0, 5), second, third, 2, 3, 2)
    }).toThrow(/matmul: a has 5 entries, the shape needs 6/)
    expect(() => {
      workspace.kernels.add(first.subarray(0, 3), second.subarray(0, 4), third.subarray(0, 4))
    }).toThrow(RangeError)
  })

  test('its buffers stay attached: the memory never grows', () => {
    const lengthBefore = first.length
    workspace.kernels.matmul(first, second, third.subarray(0, 64 * 64), 64, 800, 64)
    expect(first.length).toBe(lengthBefore)
    expect(first.buffer).toBe(fourth.buffer)
  })
})

describe('the generic record wasmKernels', () => {
  propertyTest.prop(
    [
      fc.record({
        m: fc.integer({ min: 1, max: 48 }),
        k: fc.constantFrom(1, 5, 64, 256, 257, 513),
        n: fc.integer({ min: 1, max: 48 }),
        seed: fc.integer(),
      }),
      fc.constantFrom(...productNames),
    ],
    { numRuns: 40 },
  )('its products equal the portable ones bit for bit, staged or not', (shape, name) => {
    const a = seededEntries(shape.m * shape.k, shape.seed)
    const b = seededEntries(shape.k * shape.n, ~shape.seed)
    const out = new Float64Array(shape.m * shape.n).fill(Number.NaN)
    const expected = new Float64Array(shape.m * shape.n)
    runProduct(wasmKernels, name, a, b, out, shape)
    runProduct(portableKernels, name, a, b, expected, shape)
    expect(firstDifference(out, expected)).toBe('identical')
  })

  propertyTest.prop([
    fc.integer({ min: 0, max: 700 }).chain((count) => fc.tuple(entries(count), entries(count))),
    special,
  ])('its element-wise kernels equal the portable ones bit for bit', ([x, y], factor) => {
    for (const name of ['add', 'sub', 'mul', 'div'] as const) {
      const out = new Float64Array(x.length)
      const expected = new Float64Array(x.length)
      wasmKernels[name](x, y, out)
      portableKernels[name](x, y, expected)
      expect(firstDifference(out, expected)).toBe('identical')
    }
    const scaled = new Float64Array(x.length)
    const expectedScaled = new Float64Array(x.length)
    wasmKernels.scale(x, factor, scaled)
    portableKernels.scale(x, factor, expectedScaled)
    expect(firstDifference(scaled, expectedScaled)).toBe('identical')
  })

  test('grows its staging memory for large operands and keeps working after', () => {
    // 300 × 300 operands pass the staging memory's first size (the scratch alone).
    for (const size of [20, 300, 20, 310]) {
      const a = seededEntries(size * size, size)
      const out = new Float64Array(size * size)
      const expected = new Float64Array(size * size)
      wasmKernels.matmulTransposeB(a, a, out, size, size, size)
      portableKernels.matmulTransposeB(a, a, expected, size, size, size)
      expect(firstDifference(out, expected)).toBe('identical')
      const rows = new Float64Array(size)
      const expectedRows = new Float64Array(size)
      wasmKernels.columnSums(a, rows, size, size)
      portableKernels.columnSums(a, expectedRows, size, size)
      expect(firstDifference(rows, expectedRows)).toBe('identical')
    }
  })

  test('lets out be an input of the element-wise kernels, as the portable ones do', () => {
    const x = seededEntries(1000, 9)
    const y = seededEntries(1000, 10)
    const expected = new Float64Array(1000)
    portableKernels.addRowVector(x, y.subarray(0, 100), expected, 10, 100)
    wasmKernels.addRowVector(x, y.subarray(0, 100), x, 10, 100)
    expect(firstDifference(x, expected)).toBe('identical')
  })
})

describe('the bitwise comparison has teeth', () => {
  /**
   * The product with the k-blocks removed: one partial sum per entry over all k. It is a valid
   * floating-point product, only in another order — exactly what the bitwise law forbids.
   */
  const unblockedMatmul = (
    a: Float64Array,
    b: Float64Array,
    m: number,
    k: number,
    n: number,
  ): Float64Array => {
    const out = new Float64Array(m * n)
    for (let row = 0; row < m; row++) {
      for (let column = 0; column < n; column++) {
        let sum = 0
        for (let p = 0; p < k; p++) sum += (a[row * k + p] ?? 0) * (b[p * n + column] ?? 0)
        out[row * n + column] = sum
      }
    }
    return out
  }

  test('a reordered summation is caught, though it is close', () => {
    const [m, k, n] = [4, 513, 6]
    const a = seededEntries(m * k, 11)
    const b = seededEntries(k * n, 12)
    const expected = new Float64Array(m * n)
    portableKernels.matmul(a, b, expected, m, k, n)
    const reordered = unblockedMatmul(a, b, m, k, n)
    expect(firstDifference(reordered, expected)).not.toBe('identical')
    reordered.forEach((entry, index) => {
      expect(entry).toBeCloseTo(expected[index] ?? Number.NaN, 9)
    })
  })

  test('one unit in the last place, or the sign of a zero, is a difference', () => {
    expect(firstDifference([1 + Number.EPSILON], [1])).not.toBe('identical')
    expect(firstDifference([-0], [0])).not.toBe('identical')
    expect(firstDifference([Number.NaN], [Number.NaN])).toBe('identical')
  })
})
