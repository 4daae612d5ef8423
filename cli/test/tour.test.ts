// The tour's chapters as values, against the notebook's numbers in test/fixtures (copied from its
// run) and, for the graph example, against the hand algebra of L = (x·w + b)² — a law for any
// x, w, b. The whole tour is computed once (about five seconds) and shared by the tests.

import { fc, test as propertyTest } from '@fast-check/vitest'
import { beforeAll, describe, expect, test } from 'vitest'
import { linalg } from 'gradfold'
import { chainRuleChapter, graphChapter, runTour, type TourResults } from '../src/tour.js'
import { right } from '../../test/support/either.js'
import { field, numbers, readFixture, rowsOf } from '../../test/support/fixtures.js'

const at = (value: unknown, ...keys: readonly string[]): unknown =>
  keys.reduce((inner, key) => field(inner, key), value)
const numberAt = (value: unknown, ...keys: readonly string[]): number => {
  const found = at(value, ...keys)
  if (typeof found !== 'number') throw new Error(`fixture ${keys.join('.')} is not a number`)
  return found
}

const chainRule = readFixture('chain_rule.json')
const verbose = at(readFixture('verbose_net.json'), 'verbose_net_2_3_1')
const check = at(readFixture('verbose_net.json'), 'gradient_check')
const runs = readFixture('notebook_runs.json')

// Training from the same data and weights stays within ~1e-14 relative of numpy's losses
// (../shared/reference/README.md); 1e-12 relative is the tolerance the train tests use too.
const RELATIVE = 1e-12
const close = (actual: number, expected: number): boolean =>
  Math.abs(actual - expected) <= RELATIVE * Math.max(Math.abs(expected), 1e-300)
const closeRows = (actual: linalg.Matrix, expected: unknown): boolean => {
  const rows = rowsOf(expected)
  return (
    actual.rows === rows.length &&
    rows.every((items, i) => items.every((value, j) => close(linalg.get(actual, i, j), value)))
  )
}

describe('the tour, chapter by chapter', () => {
  let results: TourResults
  beforeAll(() => {
    results = right(runTour())
  }, 60_000)

  test("chapter 1, the chain rule, is the notebook's", () => {
    const chapter = right(chainRuleChapter())
    expect(chapter).toStrictEqual(results.chainRule)
    expect([
      chapter.x,
      chapter.u,
      chapter.f,
      chapter.dfdu,
      chapter.dudx,
      chapter.dfdx,
    ]).toStrictEqual(
      ['x', 'u', 'f', 'df_du', 'du_dx', 'df_dx'].map((key) => numberAt(chainRule, key)),
    )
    expect(close(chapter.dfdxNumerical, numberAt(chainRule, 'df_dx_numerical'))).toBe(true)
  })

  test("chapter 2, the graph example, is the notebook figure's: 6, 7, 49 and 14, 42, 28, 14", () => {
    const { x, w, b, xw, z, L, dLdz, dLdxw, dLdx, dLdw, dLdb } = results.graph
    expect({ x, w, b, xw, z, L, dLdz, dLdxw, dLdx, dLdw, dLdb }).toStrictEqual({
      x: 2,
      w: 3,
      b: 1,
      xw: 6,
      z: 7,
      L: 49,
      dLdz: 14,
      dLdxw: 14,
      dLdx: 42,
      dLdw: 28,
      dLdb: 14,
    })
    expect(results.graph.trace.forward.map((step) => step.node)).toStrictEqual([
      'x',
      'w',
      'xw',
      'b',
      'z',
      'L',
    ])
  })

  propertyTest.prop([
    fc.double({ min: -100, max: 100, noNaN: true }),
    fc.double({ min: -100, max: 100, noNaN: true }),
    fc.double({ min: -100, max: 100, noNaN: true }),
  ])('law: the graph example follows the hand algebra of L = (x·w + b)² anywhere', (x, w, b) => {
    const chapter = right(graphChapter({ x, w, b }))
    const z = x * w + b
    // each is one or two roundings of the same operations, so they agree exactly
    expect(chapter.z).toBe(z)
    expect(chapter.L).toBe(z * z)
    expect(chapter.dLdz).toBe(2 * z)
    expect(chapter.dLdb).toBe(2 * z)
    expect(chapter.dLdx).toBe(2 * z * w)
    expect(chapter.dLdw).toBe(2 * z * x)
  })

  test("chapter 3, the 2-3-1 step: loss, gradients and updated weights are the notebook's", () => {
    const { loss, gradients, updated, walkthrough } = results.verbose231
    expect(close(loss, numberAt(verbose, 'forward', 'loss'))).toBe(true)
    for (const [ours, theirs] of [
      [gradients.W1, 'dL_dW1'],
      [gradients.b1, 'dL_db1'],
      [gradients.W2, 'dL_dW2'],
      [gradients.b2, 'dL_db2'],
    ] as const) {
      expect(closeRows(ours, at(verbose, 'backward', theirs))).toBe(true)
    }
    for (const name of ['W1', 'b1', 'W2', 'b2'] as const) {
      expect(closeRows(updated[name], at(verbose, 'update', name))).toBe(true)
    }
    expect(walkthrough.ru).toContain('Loss = 0.138309')
    expect(walkthrough.en).toContain('Loss = 0.138309')
  })

  test("chapter 4, the gradient check, is the notebook's (numeric W2 within rounding)", () => {
    const { W1, W2 } = results.gradientCheck
    expect(close(W1.analytic, numberAt(check, 'dL_dW1_analytical_value'))).toBe(true)
    expect(close(W2.analytic, numberAt(check, 'dL_dW2_analytical_value'))).toBe(true)
    expect(Math.abs(W1.numeric - numberAt(check, 'dL_dW1_numerical'))).toBeLessThanOrEqual(1e-9)
    // a central difference at ε = 1e-7 of a loss near 0.13: a few ulps of L over 2ε ≈ 1e-9
    expect(Math.abs(W2.numeric - numberAt(check, 'dL_dW2_numerical'))).toBeLessThanOrEqual(1e-9)
  })

  test("chapters 5 and 6: every loss and both accuracies are the notebook's", () => {
    const moonsLosses = numbers(at(runs, 'moons', 'model', 'losses'))
    const circlesLosses = numbers(at(runs, 'circles', 'model', 'losses'))
    expect(results.moons.losses).toHaveLength(1000)
    expect(results.circles.losses).toHaveLength(2000)
    expect(results.moons.losses.every((loss, i) => close(loss, moonsLosses[i] ?? 0))).toBe(true)
    expect(results.circles.losses.every((loss, i) => close(loss, circlesLosses[i] ?? 0))).toBe(true)
    expect(results.moons.epochAccuracy).toStrictEqual(
      numbers(at(runs, 'moons', 'model', 'train_accuracy_per_epoch')),
    )
    expect(results.moons.testAccuracy).toBe(numberAt(runs, 'moons', 'test_accuracy'))
    expect(results.circles.trainAccuracy).toBe(numberAt(runs, 'circles', 'train_accuracy_final'))
    expect([results.moons.trainShape, results.moons.testShape]).toStrictEqual([
      { rows: 240, cols: 2 },
      { rows: 60, cols: 2 },
    ])
  })
})
