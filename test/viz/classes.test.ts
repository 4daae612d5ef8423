// Points by class: class indices from 0/1 columns and one-hot rows, the plot rows, and the points
// layer's colours and markers (class 0 red circles, class 1 blue squares, as in the notebook).

import { fc } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { linalg } from '../../src/index.js'
import { classIndices, classPointsLayer, pointRows } from '../../src/viz/classes.js'
import { figureWords } from '../../src/teach/index.js'
import { right } from '../support/either.js'
import { at, listAt } from './notebook-figures.js'

describe('classIndices', () => {
  test('reads a 0/1 column as it is and a one-hot row by its argmax', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 30 }),
        (labels) => {
          const column = right(linalg.fromRows(labels.map((label) => [label])))
          const oneHot = right(
            linalg.fromRows(labels.map((label) => [0, 1, 2, 3].map((k) => (k === label ? 1 : 0)))),
          )
          expect(classIndices(column)).toStrictEqual(labels)
          expect(classIndices(oneHot)).toStrictEqual(labels)
        },
      ),
    )
  })
})

describe('pointRows', () => {
  test('gives one row per example with its first two features and class', () => {
    const X = right(
      linalg.fromRows([
        [0.5, 1, 9],
        [2, -1, 9],
        [3, 3, 9],
      ]),
    )
    const y = right(linalg.fromRows([[1], [0], [1]]))
    expect(pointRows({ X, y }, figureWords('ru'))).toStrictEqual([
      { x: 0.5, y: 1, class: 1, label: 'Класс 1' },
      { x: 2, y: -1, class: 0, label: 'Класс 0' },
      { x: 3, y: 3, class: 1, label: 'Класс 1' },
    ])
  })

  test('a dataset of one feature, or with more labels than examples, throws instead of plotting NaN', () => {
    const y = right(linalg.fromRows([[1], [0]]))
    expect(() => pointRows({ X: linalg.zeros(2, 1), y }, figureWords('en'))).toThrow(
      new RangeError('get: index [0, 1] is outside a 2×1 matrix'),
    )
    expect(() => pointRows({ X: linalg.zeros(1, 2), y }, figureWords('en'))).toThrow(RangeError)
  })
})

describe('classPointsLayer', () => {
  const words = figureWords('en')

  test('draws class 0 as red circles and class 1 as blue squares, black-edged at opacity 0.7', () => {
    const layer = classPointsLayer([{ x: 0, y: 0, class: 1, label: 'Class 1' }], words, ['a', 'b'])
    expect(at(layer, 'encoding', 'fill', 'scale')).toStrictEqual({
      domain: ['Class 0', 'Class 1'],
      range: ['red', 'blue'],
    })
    expect(listAt(layer, 'encoding', 'shape', 'scale', 'range')).toStrictEqual(['circle', 'square'])
    expect(at(layer, 'mark')).toMatchObject({
      type: 'point',
      filled: true,
      opacity: 0.7,
      stroke: 'black',
    })
    expect(at(layer, 'encoding', 'x', 'title')).toBe('a')
    expect(at(layer, 'encoding', 'y', 'title')).toBe('b')
  })

  test('gives further classes their own colours and markers', () => {
    const rows = [0, 1, 2].map((index) => ({
      x: index,
      y: index,
      class: index,
      label: words.classLabel(index),
    }))
    const layer = classPointsLayer(rows, words, ['a', 'b'])
    expect(listAt(layer, 'encoding', 'fill', 'scale', 'range')).toStrictEqual([
      'red',
      'blue',
      'green',
    ])
    expect(listAt(layer, 'encoding', 'shape', 'scale', 'domain')).toStrictEqual([
      'Class 0',
      'Class 1',
      'Class 2',
    ])
  })

  test('fixes the axes to a given domain', () => {
    const layer = classPointsLayer([], words, ['a', 'b'], { x: [-1, 2], y: [0, 3] })
    expect(at(layer, 'encoding', 'x', 'scale')).toStrictEqual({ domain: [-1, 2], nice: false })
    expect(at(layer, 'encoding', 'y', 'scale')).toStrictEqual({ domain: [0, 3], nice: false })
  })
})
