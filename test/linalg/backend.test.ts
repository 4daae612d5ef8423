// Whatever kernel record backend.ts chooses must agree with plain loops written here, so a new
// backend (WebAssembly, workers) is held to the portable one's contract.

import { fc, test as propertyTest } from '@fast-check/vitest'
import { describe, expect } from 'vitest'
import { kernels } from '../../src/linalg/backend.js'

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
