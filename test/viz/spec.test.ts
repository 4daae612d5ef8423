// The shared pieces of every figure: the words in both languages, rounding for compact specs, and
// `standalone`, which puts the font on a view.

import { fc } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { figureWords } from '../../src/viz/index.js'
import { FONT, standalone } from '../../src/viz/spec.js'
import { compact } from '../../src/viz/spec.js'
import { expectCompiles } from './notebook-figures.js'

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
    expect(Object.keys(english).sort()).toStrictEqual(Object.keys(figureWords('ru')).sort())
  })
})

describe('compact', () => {
  test('rounds to 6 significant digits: within a relative 5e-6, idempotent', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        const rounded = compact(value)
        expect(Math.abs(rounded - value)).toBeLessThanOrEqual(Math.abs(value) * 5.0001e-6)
        expect(compact(rounded)).toBe(rounded) // idempotent: already 6 digits
      }),
    )
  })

  test('leaves 0 and non-finite values alone', () => {
    expect(compact(0)).toBe(0)
    expect(compact(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY)
    expect(compact(Number.NaN)).toBeNaN()
  })
})

describe('standalone', () => {
  test('puts the font on a view and compiles', () => {
    const spec = standalone({
      data: { values: [{ a: 1, b: 2 }] },
      mark: 'point',
      encoding: {
        x: { field: 'a', type: 'quantitative' },
        y: { field: 'b', type: 'quantitative' },
      },
      width: 100,
      height: 80,
    })
    expect(spec.config?.font).toBe(FONT)
    expect(FONT).toBe('DejaVu Sans')
    expectCompiles(spec)
  })
})
