// The figures' words: the notebook's own Russian titles, English by default, the same words in
// both languages, and what a viz builder prints when given them.

import { describe, expect, test } from 'vitest'
import { figureWords, languages } from '../../src/teach/index.js'
import { lossCurve } from '../../src/viz/index.js'

describe('figureWords', () => {
  test('gives the notebook’s Russian titles', () => {
    const words = figureWords('ru')
    expect(words.lossTitle).toBe('Кривая обучения: функция потерь')
    expect(words.gradientNormTitle).toBe('Эволюция нормы градиентов')
    expect(words.feature(1)).toBe('Признак 1')
    expect(words.classLabel(0)).toBe('Класс 0')
    expect(words.decisionBoundary).toBe('Граница решений после обучения')
    expect(words.activationsFor(5)).toBe('Активации для примера 5')
    expect(words.hiddenLayer(1, 16)).toBe('Слой 1 (размер: 16)')
    expect(words.graphTitle).toBe('Вычислительный граф')
  })

  test('is English by default, with every word of the Russian set', () => {
    const english = figureWords(undefined)
    expect(english).toBe(figureWords('en'))
    expect(english.epoch).toBe('Epoch')
    expect(english.graphLegend).toBe(
      '→ forward propagation (blue)   ⇢ backpropagation (red, dashed)',
    )
    for (const language of languages) {
      expect(Object.keys(figureWords(language)).sort()).toStrictEqual(Object.keys(english).sort())
    }
  })

  test('gives every viz builder the words it prints (a spec in Russian holds no English title)', () => {
    const spec = JSON.stringify(lossCurve({ loss: [0.5, 0.25] }, { words: figureWords('ru') }))
    expect(spec).toContain('Кривая обучения: функция потерь')
    expect(spec).toContain('Эпоха')
    expect(spec).not.toContain('Epoch')
  })
})
