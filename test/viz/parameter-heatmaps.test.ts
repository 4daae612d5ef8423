// weightHeatmaps and gradientHeatmaps: one panel per dense layer (W1, W2, … or dW1, dW2, …), inputs
// down and outputs across, one cell per entry with its value, dropout layers skipped.

import { describe, expect, test } from 'vitest'
import { linalg, network, random } from '../../src/index.js'
import { gradientHeatmaps, weightHeatmaps } from '../../src/viz/index.js'
import { figureWords } from '../../src/teach/index.js'
import { right } from '../support/either.js'
import { rowsOf } from '../support/fixtures.js'
import {
  asJson,
  at,
  expectCompiles,
  expectSized,
  figures,
  listAt,
  moonsNetwork,
  unitViews,
} from './notebook-figures.js'
import { field } from '../support/fixtures.js'

const english = figureWords('en')
const russian = figureWords('ru')

const cellsOf = (panel: unknown): number[][] => {
  const cells = listAt(panel, 'data', 'values') as { row: number; col: number; value: number }[]
  const rows = Math.max(...cells.map((cell) => cell.row)) + 1
  const cols = Math.max(...cells.map((cell) => cell.col)) + 1
  const matrix = Array.from({ length: rows }, () => Array.from({ length: cols }, () => Number.NaN))
  for (const cell of cells) {
    const row = matrix[cell.row]
    if (row !== undefined) row[cell.col] = cell.value
  }
  return matrix
}

describe('weightHeatmaps', () => {
  test('of the trained moons network: W1 (2×16), W2 (16×8), W3 (8×1) with the notebook’s weights', () => {
    const spec = weightHeatmaps(moonsNetwork, { words: english })
    expectCompiles(spec)
    expectSized(spec)
    const panels = unitViews(spec)
    expect(panels.map((panel) => at(panel, 'title'))).toStrictEqual([
      'W1 (2×16)',
      'W2 (16×8)',
      'W3 (8×1)',
    ])
    const weights = field(field(figures, 'moons'), 'final_weights') as unknown[]
    panels.forEach((panel, index) => {
      const expected = rowsOf(weights[index])
      const actual = cellsOf(panel)
      expect(actual.length).toBe(expected.length)
      const worst = Math.max(
        ...actual.flatMap((row, r) =>
          row.map((value, c) => {
            const want = expected[r]?.[c] ?? Number.NaN
            return Math.abs(value - want) / Math.max(Math.abs(want), 1e-300)
          }),
        ),
      )
      expect(worst).toBeLessThanOrEqual(5e-6)
      expect(at(panel, 'encoding', 'x', 'title')).toBe('Output unit')
      expect(at(panel, 'encoding', 'y', 'title')).toBe('Input unit')
    })
    expect(at(asJson(spec), 'title', 'text')).toBe('Weights per layer')
  })

  test('skip dropout layers', () => {
    const net = right(
      network.sequential(
        3,
        [
          { kind: 'dense', outputs: 4, activation: 'relu' },
          { kind: 'dropout', rate: 0.2 },
          { kind: 'dense', outputs: 2, activation: 'linear' },
        ],
        { key: random.key(1) },
      ),
    )
    const spec = weightHeatmaps(net, { words: russian })
    expect(unitViews(spec).map((panel) => at(panel, 'title'))).toStrictEqual([
      'W1 (3×4)',
      'W2 (4×2)',
    ])
    expect(at(asJson(spec), 'title', 'text')).toBe('Веса по слоям')
  })
})

describe('gradientHeatmaps', () => {
  test('draw each dW with its values', () => {
    const dW1 = right(
      linalg.fromRows([
        [0.5, -0.25],
        [1, 0],
      ]),
    )
    const spec = gradientHeatmaps(
      { layers: [{ W: dW1, b: linalg.zeros(1, 2) }, {}] },
      { title: 'Step 1', words: english },
    )
    expectCompiles(spec)
    const [panel] = unitViews(spec)
    expect(at(panel, 'title')).toBe('dW1 (2×2)')
    expect(cellsOf(panel)).toStrictEqual([
      [0.5, -0.25],
      [1, 0],
    ])
    expect(at(asJson(spec), 'title', 'text')).toBe('Step 1')
  })
})
