// The shared finish of the 2-D generators: points listed class by class, one permutation draw
// to shuffle, then one normal draw for noise — in that order, and no noise draw without noise.

import { describe, expect, test } from 'vitest'
import { labelledPoints } from '../../src/data/labelled-points.js'
import type { Stream } from '../../src/data/stream.js'
import { linalg } from '../../src/index.js'
import { right } from '../support/either.js'

/** A stream that reverses the order, adds 0.5 as noise, and records which draws were made. */
const recordingStream = (calls: string[]): Stream => ({
  permutation: (n) => {
    calls.push(`permutation(${n})`)
    return [Array.from({ length: n }, (_, index) => n - 1 - index), recordingStream(calls)]
  },
  normal: (rows, cols, scale) => {
    calls.push(`normal(${rows}, ${cols}, ${scale})`)
    return [linalg.fill(rows, cols, 0.5), recordingStream(calls)]
  },
  uniform: (rows, cols) => {
    calls.push('uniform')
    return [linalg.zeros(rows, cols), recordingStream(calls)]
  },
})

const classes = [
  {
    label: 0,
    coordinates: [
      [1, 2],
      [10, 20],
    ],
  },
  { label: 1, coordinates: [[3], [30]] },
]

describe('labelledPoints', () => {
  test('shuffles first, then adds noise, to the rows listed class by class', () => {
    const calls: string[] = []
    const points = right(
      labelledPoints('test', classes, recordingStream(calls), { shuffle: true, noise: 0.2 }),
    )
    expect(calls).toStrictEqual(['permutation(3)', 'normal(3, 2, 0.2)'])
    expect(linalg.toRows(points.X)).toStrictEqual([
      [3.5, 30.5],
      [2.5, 20.5],
      [1.5, 10.5],
    ])
    expect(linalg.toFlat(points.y)).toStrictEqual([1, 0, 0])
  })

  test('draws nothing when neither shuffling nor noise is asked for', () => {
    const calls: string[] = []
    const points = right(
      labelledPoints('test', classes, recordingStream(calls), { shuffle: false, noise: undefined }),
    )
    expect(calls).toStrictEqual([])
    expect(linalg.toRows(points.X)).toStrictEqual([
      [1, 10],
      [2, 20],
      [3, 30],
    ])
  })
})

describe('labelledPoints on classes the generators never list (a bug, not data)', () => {
  test('a feature shorter than the first throws, naming the operation and the index', () => {
    const ragged = [{ label: 0, coordinates: [[1, 2], [10]] }]
    expect(() =>
      labelledPoints('makeTest', ragged, recordingStream([]), { shuffle: false, noise: undefined }),
    ).toThrow(new RangeError('makeTest: coordinates: no entry at index 1 of 1'))
  })

  test('a class without features throws instead of listing no points', () => {
    expect(() =>
      labelledPoints('makeTest', [{ label: 0, coordinates: [] }], recordingStream([]), {
        shuffle: false,
        noise: undefined,
      }),
    ).toThrow('makeTest: coordinates: no entry at index 0 of 0')
  })
})
