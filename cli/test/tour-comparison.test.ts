// Comparing key numbers: a row per number (per matrix entry, first and last of a loss curve), |Δ|
// exactly |gradfold − notebook|, a loss curve's largest |Δ| found where it is; sizes that differ
// are a Left naming the field. Laws over arbitrary key numbers (fast-check).

import { fc, test as propertyTest } from '@fast-check/vitest'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, test } from 'vitest'
import { chapterNames, compareKeyNumbers } from '../src/tour-comparison.js'
import type { KeyNumbers } from '../src/tour-reference.js'
import { right } from '../../test/support/either.js'

const finite = fc.double({ min: -1e6, max: 1e6, noNaN: true })
const matrix = fc
  .tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }))
  .chain(([rows, cols]) =>
    fc.array(fc.array(finite, { minLength: cols, maxLength: cols }), {
      minLength: rows,
      maxLength: rows,
    }),
  )
const curve = fc.array(finite, { minLength: 1, maxLength: 30 })
const probe = fc.record({ analytic: finite, numeric: finite })

const keyNumbersArbitrary: fc.Arbitrary<KeyNumbers> = fc.record({
  chainRule: fc.record({ dfdx: finite, dfdxNumerical: finite }),
  graph: fc.record({ L: finite, dLdx: finite, dLdw: finite, dLdb: finite }),
  verbose231: fc.record({
    loss: finite,
    dW1: matrix,
    db1: matrix,
    dW2: matrix,
    db2: matrix,
    updated: fc.record({ W1: matrix, b1: matrix, W2: matrix, b2: matrix }),
  }),
  gradientCheck: fc.record({ W1: probe, W2: probe }),
  moons: fc.record({ losses: curve, testAccuracy: finite }),
  circles: fc.record({ losses: curve, trainAccuracy: finite }),
})

const entries = (rows: readonly (readonly number[])[]): number =>
  rows.reduce((total, items) => total + items.length, 0)

describe('compareKeyNumbers', () => {
  propertyTest.prop([keyNumbersArbitrary])(
    'law: compared with themselves, every number has its row and every |Δ| is 0',
    (numbers) => {
      const compared = right(compareKeyNumbers(numbers, numbers))
      const rows = chapterNames.flatMap((name) => compared[name].rows)
      const { verbose231 } = numbers
      const matrices = [
        verbose231.dW1,
        verbose231.db1,
        verbose231.dW2,
        verbose231.db2,
        ...Object.values(verbose231.updated),
      ]
      // 2 + 4 + (loss + matrix entries) + 4 probes + (2 curve ends + accuracy) × 2
      const expected = 2 + 4 + 1 + matrices.reduce((sum, rows) => sum + entries(rows), 0) + 4 + 6
      expect(rows).toHaveLength(expected)
      expect(
        rows.every((row) => row.difference === 0 && Object.is(row.gradfold, row.notebook)),
      ).toBe(true)
      expect(compared.moons.series).toStrictEqual([
        { path: 'moons.losses', count: numbers.moons.losses.length, largestDifference: 0, at: 0 },
      ])
    },
  )

  propertyTest.prop([keyNumbersArbitrary, fc.nat(), fc.double({ min: 1, max: 10, noNaN: true })])(
    'law: one loss moved by δ is the curve’s largest |Δ|, found at its epoch',
    (numbers, position, delta) => {
      const losses = numbers.circles.losses
      const epoch = position % losses.length
      const moved = losses.map((loss, index) => (index === epoch ? loss + delta : loss))
      const notebook = { ...numbers, circles: { ...numbers.circles, losses: moved } }
      const [series] = right(compareKeyNumbers(numbers, notebook)).circles.series
      expect(series?.at).toBe(epoch)
      expect(series?.largestDifference).toBe(Math.abs((losses[epoch] ?? 0) - (moved[epoch] ?? 0)))
      expect(series?.largestDifference).toBeGreaterThan(0)
    },
  )

  propertyTest.prop([keyNumbersArbitrary, keyNumbersArbitrary])(
    'law: |Δ| is |gradfold − notebook| for every scalar, either way round',
    (ours, theirs) => {
      const forward = compareKeyNumbers(ours, { ...ours, graph: theirs.graph })
      const backward = compareKeyNumbers({ ...ours, graph: theirs.graph }, ours)
      const there = right(forward).graph.rows
      expect(there.map((row) => row.difference)).toStrictEqual(
        right(backward).graph.rows.map((row) => row.difference),
      )
      expect(there.map((row) => row.difference)).toStrictEqual([
        Math.abs(ours.graph.L - theirs.graph.L),
        Math.abs(ours.graph.dLdx - theirs.graph.dLdx),
        Math.abs(ours.graph.dLdw - theirs.graph.dLdw),
        Math.abs(ours.graph.dLdb - theirs.graph.dLdb),
      ])
    },
  )

  const base: KeyNumbers = {
    chainRule: { dfdx: 48, dfdxNumerical: 48 },
    graph: { L: 49, dLdx: 42, dLdw: 28, dLdb: 14 },
    verbose231: {
      loss: 0.1,
      dW1: [
        [1, 2, 3],
        [4, 5, 6],
      ],
      db1: [[0, 0, 0]],
      dW2: [[0], [0], [0]],
      db2: [[0]],
      updated: { W1: [[0]], b1: [[0]], W2: [[0]], b2: [[0]] },
    },
    gradientCheck: { W1: { analytic: 0, numeric: 0 }, W2: { analytic: 0, numeric: 0 } },
    moons: { losses: [0.3, 0.2], testAccuracy: 0.9 },
    circles: { losses: [0.3], trainAccuracy: 1 },
  }

  test('matrix entries are named by row and column', () => {
    const rows = right(compareKeyNumbers(base, base)).verbose231.rows.map((row) => row.path)
    expect(rows.slice(0, 4)).toStrictEqual([
      'verbose231.loss',
      'verbose231.dW1[0][0]',
      'verbose231.dW1[0][1]',
      'verbose231.dW1[0][2]',
    ])
    expect(rows).toContain('verbose231.updated.b2[0][0]')
  })

  test.each([
    [
      'a matrix of another shape',
      {
        ...base,
        verbose231: {
          ...base.verbose231,
          dW1: [
            [1, 2],
            [3, 4],
            [5, 6],
          ],
        },
      },
      "verbose231.dW1: the notebook's is 3×2, gradfold's 2×3",
    ],
    [
      'ragged rows',
      {
        ...base,
        verbose231: {
          ...base.verbose231,
          dW1: [
            [1, 2, 3],
            [4, 5],
          ],
        },
      },
      "verbose231.dW1: the notebook's is rows of 3, 2, gradfold's 2×3",
    ],
    [
      'a shorter loss curve',
      { ...base, moons: { losses: [0.3], testAccuracy: 0.9 } },
      "moons.losses: the notebook's has 1 values, gradfold's 2",
    ],
  ])('%s is a Left naming the field, not a NaN', (_, notebook, message) => {
    expect(compareKeyNumbers(base, notebook)).toStrictEqual(
      E.left({ message: `tour: comparing with the notebook: ${message}` }),
    )
  })
})
