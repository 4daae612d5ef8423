// activationHeatmaps: figures 5–7 of the notebook — one strip per layer (input 2, layer 1 16,
// layer 2 8, output 1) of the trained moons network's activations of X_train[0], [5] and [10],
// viridis colours on a scale of each panel's own.

import { describe, expect, test } from 'vitest'
import { activationHeatmaps } from '../../src/viz/index.js'
import { figureWords } from '../../src/teach/index.js'
import { left, right } from '../support/either.js'
import {
  activationReference,
  asJson,
  at,
  expectCompiles,
  expectSized,
  listAt,
  moonsNetwork,
  moonsTrain,
  unitViews,
  worstDifference,
} from './notebook-figures.js'

const english = figureWords('en')
const russian = figureWords('ru')

describe('activationHeatmaps', () => {
  test.each(activationReference.map((sample) => [sample.sample_idx, sample] as const))(
    'of X_train[%i]: a strip per layer holding the notebook’s activations',
    (index, sample) => {
      const spec = right(activationHeatmaps(moonsNetwork, moonsTrain.X, index, { words: russian }))
      expectCompiles(spec)
      expectSized(spec)
      expect(at(asJson(spec), 'title', 'text')).toBe(`Активации для примера ${index}`)
      const panels = unitViews(spec)
      expect(panels.map((panel) => at(panel, 'title'))).toStrictEqual([
        'Вход (размер: 2)',
        'Слой 1 (размер: 16)',
        'Слой 2 (размер: 8)',
        'Выход (размер: 1)',
      ])
      const strips = panels.map((panel) =>
        (listAt(panel, 'data', 'values') as { row: number; col: number; value: number }[])
          .sort((a, b) => a.col - b.col)
          .map((cell) => cell.value),
      )
      // the spec keeps 6 significant digits
      expect(worstDifference(strips, sample.per_layer)).toBeLessThan(5e-6)
      for (const panel of panels) {
        expect(at(panel, 'mark', 'type')).toBe('rect')
        expect(at(panel, 'encoding', 'x', 'title')).toBe('Нейрон')
        expect(at(panel, 'encoding', 'color', 'scale', 'scheme')).toBe('viridis')
      }
      expect(at(asJson(spec), 'resolve', 'scale', 'color')).toBe('independent')
    },
  )

  test('are titled in English by default, or as asked', () => {
    const spec = right(activationHeatmaps(moonsNetwork, moonsTrain.X, 0, { words: english }))
    expect(at(asJson(spec), 'title', 'text')).toBe('Activations for sample 0')
    const [input] = unitViews(spec)
    expect(at(input, 'title')).toBe('Input (size: 2)')
    const titled = right(
      activationHeatmaps(moonsNetwork, moonsTrain.X, 0, { title: 'Sample 0', words: english }),
    )
    expect(at(asJson(titled), 'title', 'text')).toBe('Sample 0')
  })

  test('refuse a sample that is not a row of X', () => {
    expect(
      left(activationHeatmaps(moonsNetwork, moonsTrain.X, -1, { words: english })).message,
    ).toBe('layerActivations: sample -1 is not a row of X (240×2)')
  })
})
