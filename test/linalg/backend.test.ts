// Whatever kernel record backend.ts chooses must agree with plain loops written here, so every
// backend is held to the portable one's contract; and the choice itself: GRADFOLD_BACKEND's
// parsing, the fall-back when WebAssembly SIMD is missing, and what this process chose.

import { fc, test as propertyTest } from '@fast-check/vitest'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, test } from 'vitest'
import {
  backendName,
  backendSelection,
  createWorkspace,
  kernels,
  parseBackendChoice,
  selectBackend,
} from '../../src/linalg/backend.js'
import { portableKernels } from '../../src/linalg/kernels/portable.js'
import { wasmKernels, wasmSimdAvailable } from '../../src/linalg/kernels/wasm/backend-wasm.js'

const buffer = (length: number): fc.Arbitrary<Float64Array> =>
  fc.float64Array({
    min: -100,
    max: 100,
    noNaN: true,
    noDefaultInfinity: true,
    minLength: length,
    maxLength: length,
  })

const shapes = fc.tuple(
  fc.integer({ min: 1, max: 24 }),
  fc.integer({ min: 1, max: 24 }),
  fc.integer({ min: 1, max: 24 }),
)

describe('the chosen backend', () => {
  propertyTest.prop([
    shapes.chain(([m, k, n]) =>
      fc.tuple(fc.constant([m, k, n] as const), buffer(m * k), buffer(k * n)),
    ),
  ])('matmul agrees with the triple loop', ([[m, k, n], a, b]) => {
    const out = new Float64Array(m * n)
    kernels.matmul(a, b, out, m, k, n)
    for (let row = 0; row < m; row++) {
      for (let col = 0; col < n; col++) {
        let expected = 0
        let magnitude = 0
        for (let inner = 0; inner < k; inner++) {
          expected += (a[row * k + inner] ?? 0) * (b[inner * n + col] ?? 0)
          magnitude += Math.abs((a[row * k + inner] ?? 0) * (b[inner * n + col] ?? 0))
        }
        expect(Math.abs((out[row * n + col] ?? Number.NaN) - expected)).toBeLessThanOrEqual(
          4 * k * Number.EPSILON * magnitude,
        )
      }
    }
  })

  propertyTest.prop([
    shapes.chain(([rows, cols]) =>
      fc.tuple(
        fc.constant([rows, cols] as const),
        buffer(rows * cols),
        buffer(rows * cols),
        buffer(cols),
      ),
    ),
  ])(
    'element-wise kernels, the bias broadcast and transpose agree with scalar loops',
    ([[rows, cols], a, b, row]) => {
      const size = rows * cols
      const cases: [(out: Float64Array) => void, (index: number) => number][] = [
        [
          (out) => {
            kernels.add(a, b, out)
          },
          (index) => (a[index] ?? 0) + (b[index] ?? 0),
        ],
        [
          (out) => {
            kernels.sub(a, b, out)
          },
          (index) => (a[index] ?? 0) - (b[index] ?? 0),
        ],
        [
          (out) => {
            kernels.mul(a, b, out)
          },
          (index) => (a[index] ?? 0) * (b[index] ?? 0),
        ],
        [
          (out) => {
            kernels.scale(a, -2.5, out)
          },
          (index) => -2.5 * (a[index] ?? 0),
        ],
        [
          (out) => {
            kernels.addRowVector(a, row, out, rows, cols)
          },
          (index) => (a[index] ?? 0) + (row[index % cols] ?? 0),
        ],
        [
          (out) => {
            kernels.transpose(a, out, rows, cols)
          },
          (index) => a[(index % rows) * cols + Math.floor(index / rows)] ?? 0,
        ],
      ]
      for (const [run, expected] of cases) {
        const out = new Float64Array(size)
        run(out)
        expect(Array.from(out)).toStrictEqual(
          Array.from({ length: size }, (_, index) => expected(index)),
        )
      }
    },
  )

  propertyTest.prop([fc.integer({ min: 1, max: 300 }).chain((length) => buffer(length))])(
    'sum and dot agree with a plain loop',
    (a) => {
      let total = 0
      let magnitude = 0
      let dot = 0
      for (const value of a) {
        total += value
        magnitude += Math.abs(value)
        dot += value * value
      }
      expect(Math.abs(kernels.sum(a, 0, a.length, 1) - total)).toBeLessThanOrEqual(
        2 * a.length * Number.EPSILON * magnitude,
      )
      expect(kernels.dot(a, a)).toBe(dot)
    },
  )
})

describe('GRADFOLD_BACKEND', () => {
  test('portable and wasm force a backend; unset or empty means the automatic choice', () => {
    expect(parseBackendChoice('portable')).toStrictEqual(E.right('portable'))
    expect(parseBackendChoice('wasm')).toStrictEqual(E.right('wasm'))
    expect(parseBackendChoice(undefined)).toStrictEqual(E.right('auto'))
    expect(parseBackendChoice('')).toStrictEqual(E.right('auto'))
  })

  propertyTest.prop([fc.string().filter((value) => !['', 'portable', 'wasm'].includes(value))])(
    'anything else is a one-line Left naming the variable and the value',
    (value) => {
      const parsed = parseBackendChoice(value)
      expect(parsed).toStrictEqual(
        E.left(`GRADFOLD_BACKEND: expected portable or wasm, got ${JSON.stringify(value)}`),
      )
      if (E.isLeft(parsed)) expect(parsed.left).not.toContain('\n')
    },
  )

  test('the message for a typo', () => {
    expect(parseBackendChoice('fast')).toStrictEqual(
      E.left('GRADFOLD_BACKEND: expected portable or wasm, got "fast"'),
    )
  })
})

describe('selectBackend', () => {
  const available = (): undefined => undefined
  const missing = (): string => 'WebAssembly SIMD is not available in this engine'

  test('automatically: wasm where SIMD runs, portable elsewhere', () => {
    expect(selectBackend(E.right('auto'), available)).toMatchObject({
      name: 'wasm',
      requested: 'auto',
    })
    expect(selectBackend(E.right('auto'), missing)).toStrictEqual({
      name: 'portable',
      requested: 'auto',
      reason: 'WebAssembly SIMD is not available in this engine',
    })
  })

  test('forcing portable never asks about WebAssembly', () => {
    const never = (): string => {
      throw new Error('asked')
    }
    expect(selectBackend(E.right('portable'), never).name).toBe('portable')
  })

  test('forcing wasm where it cannot run falls back to portable and says why', () => {
    expect(selectBackend(E.right('wasm'), available).name).toBe('wasm')
    expect(selectBackend(E.right('wasm'), missing)).toStrictEqual({
      name: 'portable',
      requested: 'wasm',
      reason:
        'GRADFOLD_BACKEND=wasm, but WebAssembly SIMD is not available in this engine: ' +
        'falls back to portable',
    })
  })

  test('an invalid value chooses automatically, and the reason carries the message', () => {
    const selection = selectBackend(parseBackendChoice('fast'), available)
    expect(selection.name).toBe('wasm')
    expect(selection.requested).toBe('auto')
    expect(selection.reason).toMatch(/^GRADFOLD_BACKEND: expected portable or wasm, got "fast"; /)
  })
})

describe('this process', () => {
  const forced = parseBackendChoice(process.env.GRADFOLD_BACKEND)

  test('chose as GRADFOLD_BACKEND and the engine say', () => {
    expect(backendName).toBe(backendSelection.name)
    const expected =
      E.isRight(forced) && forced.right === 'portable'
        ? 'portable'
        : wasmSimdAvailable()
          ? 'wasm'
          : 'portable'
    expect(backendName).toBe(expected)
    expect(kernels).toBe(backendName === 'wasm' ? wasmKernels : portableKernels)
  })

  test('creates workspaces for the chosen backend unless told otherwise', () => {
    expect(createWorkspace([3]).backend).toBe(backendName)
    expect(createWorkspace([3], 'portable').backend).toBe('portable')
  })
})
