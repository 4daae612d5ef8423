// datasetScatter: figures 2 and 8 of the notebook — the moons training set (240 points) and the
// circles (300) by class, with the notebook's colours, markers and axis titles.

import { describe, expect, test } from 'vitest'
import { linalg } from '../../src/index.js'
import { datasetScatter } from '../../src/viz/index.js'
import { figureWords } from '../../src/teach/index.js'
import {
  asJson,
  at,
  circlesData,
  expectCompiles,
  expectSized,
  listAt,
  moonsTrain,
  unitViews,
} from './notebook-figures.js'

const english = figureWords('en')
const russian = figureWords('ru')

describe('datasetScatter', () => {
  test('fig_02: the 240 moons training points, red circles for class 0 and blue squares for class 1', () => {
    const spec = datasetScatter(moonsTrain, { words: russian })
    expectCompiles(spec)
    expectSized(spec)
    const [points] = unitViews(spec)
    const rows = listAt(points, 'data', 'values') as { x: number; y: number; class: number }[]
    expect(rows.length).toBe(240)
    const labels = Array.from(linalg.toFloat64Array(moonsTrain.y))
    expect(rows.map((row) => row.class)).toStrictEqual(labels)
    const X = linalg.toRows(moonsTrain.X)
    rows.forEach((row, index) => {
      expect(row.x).toBeCloseTo(X[index]?.[0] ?? Number.NaN, 5)
      expect(row.y).toBeCloseTo(X[index]?.[1] ?? Number.NaN, 5)
    })
    expect(at(points, 'encoding', 'fill', 'scale', 'range')).toStrictEqual(['red', 'blue'])
    expect(at(points, 'encoding', 'shape', 'scale', 'range')).toStrictEqual(['circle', 'square'])
    expect(at(points, 'encoding', 'x', 'title')).toBe('Признак 1')
    expect(at(points, 'encoding', 'y', 'title')).toBe('Признак 2')
    expect(at(asJson(spec), 'title')).toBe('Обучающие данные')
  })

  test('fig_08: the 300 circles, titled as asked', () => {
    const spec = datasetScatter(circlesData, { title: 'Data: concentric circles', words: english })
    expectCompiles(spec)
    const [points] = unitViews(spec)
    expect(listAt(points, 'data', 'values').length).toBe(300)
    expect(at(asJson(spec), 'title')).toBe('Data: concentric circles')
    expect(at(points, 'encoding', 'x', 'title')).toBe('Feature 1')
    expect([at(asJson(spec), 'width'), at(asJson(spec), 'height')]).toStrictEqual([480, 360])
  })
})
