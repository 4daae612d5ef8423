// Initialisers: numpy mode replays the notebook's draws exactly; key mode is deterministic; the
// statistics over many draws match each rule's mean and spread; glorotUniform stays in bounds.

import { describe, expect, test } from 'vitest'
import { linalg, network, random } from '../../src/index.js'
import { walkthrough } from './support.js'

const std = (m: linalg.Matrix): number => {
  const values = linalg.toFlat(m)
  const mean = values.reduce((a, b) => a + b, 0) / values.length
  return Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length)
}

describe('numpy mode', () => {
  test("scaledNormal(0.5) after seed(42) draws the notebook's W1 then W2", () => {
    const init = network.scaledNormal(0.5)
    const [W1, next] = init.draw(random.numpy.seed(42), 2, 3)
    const [W2] = init.draw(next, 3, 1)
    expect(linalg.toRows(W1)).toStrictEqual(linalg.toRows(walkthrough('init', 'W1')))
    expect(linalg.toRows(W2)).toStrictEqual(linalg.toRows(walkthrough('init', 'W2')))
  })

  test("heNormal is randn(n_in, n_out)·sqrt(2/n_in), numpy's draw for draw", () => {
    const [W] = network.heNormal.draw(random.numpy.seed(7), 8, 3)
    const [raw] = random.numpy.randn(random.numpy.seed(7), 8, 3)
    expect(linalg.toFlat(W)).toStrictEqual(linalg.toFlat(raw).map((x) => x * Math.sqrt(2 / 8)))
  })

  test("glorotUniform is numpy's uniform(−l, l): −l + 2l·random_sample", () => {
    const [W, next] = network.glorotUniform.draw(random.numpy.seed(3), 2, 4)
    const [u, after] = random.numpy.randomSample(random.numpy.seed(3), 8)
    const limit = Math.sqrt(6 / 6)
    expect(linalg.toFlat(W)).toStrictEqual(u.map((x) => -limit + 2 * limit * x))
    expect(random.numpy.isRandomState(next)).toBe(true)
    if (random.numpy.isRandomState(next)) {
      expect(random.numpy.getState(next)).toStrictEqual(random.numpy.getState(after))
    }
  })
})

describe('statistics over many draws (key mode)', () => {
  const cases = [
    ['heNormal', network.heNormal, (n: number) => Math.sqrt(2 / n)],
    ['lecunNormal', network.lecunNormal, (n: number) => Math.sqrt(1 / n)],
    ['glorotNormal', network.glorotNormal, (n: number, m: number) => Math.sqrt(2 / (n + m))],
    ['scaledNormal(0.5)', network.scaledNormal(0.5), () => 0.5],
  ] as const
  test.each(cases)('%s: mean ≈ 0 and std as the rule says', (_, init, expected) => {
    const [W] = init.draw(random.key(11), 200, 100)
    const sigma = expected(200, 100)
    // 20 000 draws: the mean's standard error is σ/141, the std's about σ/200.
    expect(Math.abs(linalg.mean(W))).toBeLessThan((5 * sigma) / 141)
    expect(Math.abs(std(W) - sigma)).toBeLessThan((5 * sigma) / 200)
  })

  test('glorotUniform stays within ±sqrt(6/(n_in + n_out)) and fills it evenly', () => {
    const [W] = network.glorotUniform.draw(random.key(5), 100, 50)
    const limit = Math.sqrt(6 / 150)
    const values = linalg.toFlat(W)
    expect(values.every((x) => Math.abs(x) <= limit)).toBe(true)
    expect(Math.max(...values)).toBeGreaterThan(0.99 * limit)
    expect(Math.min(...values)).toBeLessThan(-0.99 * limit)
    expect(Math.abs(std(W) - limit / Math.sqrt(3))).toBeLessThan(0.02 * limit)
  })

  test('the same key gives the same weights; the returned key gives different ones', () => {
    const [first, next] = network.heNormal.draw(random.key(1), 3, 3)
    const [again] = network.heNormal.draw(random.key(1), 3, 3)
    const [other] = network.heNormal.draw(next, 3, 3)
    expect(linalg.toFlat(again)).toStrictEqual(linalg.toFlat(first))
    expect(linalg.toFlat(other)).not.toStrictEqual(linalg.toFlat(first))
  })
})

test('zerosBias is a zero row and scaledNormal refuses a bad scale', () => {
  expect(linalg.toRows(network.zerosBias(2))).toStrictEqual([[0, 0]])
  expect(() => network.scaledNormal(-1)).toThrow(
    'scaledNormal: scale is -1, expected a finite number ≥ 0',
  )
})
