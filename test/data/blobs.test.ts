// makeBlobs: class sizes shared as scikit-learn shares them, clusters around their centres,
// determinism, and named errors.

import { fc, test as propertyTest } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { data, linalg } from '../../src/index.js'
import { left, right } from '../support/either.js'

const centers = [
  [0, 0],
  [10, 10],
  [-10, 10],
]

describe('makeBlobs', () => {
  propertyTest.prop([fc.integer({ min: 3, max: 200 }), fc.integer(), fc.boolean()])(
    'shares samples as evenly as possible, the first clusters taking the remainder',
    (samples, seed, numpy) => {
      const blobs = right(
        data.makeBlobs({
          samples,
          centers,
          seed: numpy ? Math.abs(seed) % 2 ** 32 : seed,
          rng: numpy ? 'numpy' : 'gradfold',
        }),
      )
      const labels = linalg.toFlat(blobs.y)
      const sizes = [0, 1, 2].map((label) => labels.filter((value) => value === label).length)
      expect(sizes).toStrictEqual(
        [0, 1, 2].map((index) => Math.floor(samples / 3) + (index < samples % 3 ? 1 : 0)),
      )
    },
  )

  propertyTest.prop([fc.integer()])(
    'each point lies near its own centre (std 0.5: within 5 standard deviations)',
    (seed) => {
      const blobs = right(data.makeBlobs({ samples: 300, centers, clusterStd: 0.5, seed }))
      const labels = linalg.toFlat(blobs.y)
      linalg.toRows(blobs.X).forEach(([x = Number.NaN, y = Number.NaN], index) => {
        const [cx = Number.NaN, cy = Number.NaN] = centers[labels[index] ?? 0] ?? []
        expect(Math.hypot(x - cx, y - cy)).toBeLessThan(5 * 0.5 * Math.SQRT2)
      })
    },
  )

  test('random centres are drawn inside the centre box, with as many features as asked', () => {
    const blobs = right(
      data.makeBlobs({
        samples: 40,
        centers: 4,
        features: 3,
        clusterStd: 0,
        centerBox: [2, 3],
        seed: 5,
      }),
    )
    expect(blobs.X.cols).toBe(3)
    for (const value of linalg.toFlat(blobs.X)) {
      expect(value).toBeGreaterThanOrEqual(2)
      expect(value).toBeLessThan(3)
    }
  })

  test('the same seed gives the same blobs', () => {
    const options = { samples: 30, centers: 3, seed: 11 }
    expect(linalg.toFlat(right(data.makeBlobs(options)).X)).toStrictEqual(
      linalg.toFlat(right(data.makeBlobs(options)).X),
    )
  })

  test('bad options are named', () => {
    expect(left(data.makeBlobs({ samples: 10, clusterStd: -1, seed: 1 })).message).toBe(
      'makeBlobs: clusterStd is -1, expected a finite number ≥ 0',
    )
    expect(
      left(data.makeBlobs({ samples: 10, centers: [[0, 0], [1]], seed: 1 })).message,
    ).toContain('makeBlobs: centers')
    expect(left(data.makeBlobs({ samples: 10, centerBox: [1, 1], seed: 1 })).message).toBe(
      'makeBlobs: centerBox is "[1, 1]", expected low < high',
    )
  })
})
