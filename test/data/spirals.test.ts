// makeSpirals: every noiseless point lies on its class's spiral; errors named.

import { fc, test as propertyTest } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { data, linalg } from '../../src/index.js'
import { left, right } from '../support/either.js'

describe('makeSpirals', () => {
  propertyTest.prop([
    fc.integer({ min: 4, max: 200 }),
    fc.double({ min: 0.25, max: 4, noNaN: true }),
    fc.integer(),
  ])(
    'a point at distance r from the origin has angle 2π·turns·r + label·π',
    (samples, turns, seed) => {
      const spirals = right(data.makeSpirals({ samples, turns, seed }))
      const labels = linalg.toFlat(spirals.y)
      linalg.toRows(spirals.X).forEach(([x = Number.NaN, y = Number.NaN], index) => {
        const radius = Math.hypot(x, y)
        if (radius < 1e-9) return
        const angle = 2 * Math.PI * turns * radius + (labels[index] ?? 0) * Math.PI
        expect(x).toBeCloseTo(radius * Math.cos(angle), 9)
        expect(y).toBeCloseTo(radius * Math.sin(angle), 9)
      })
      expect(linalg.sum(spirals.y)).toBe(samples - Math.floor(samples / 2))
    },
  )

  test('bad options are named', () => {
    expect(left(data.makeSpirals({ samples: 10, turns: -1, seed: 1 })).message).toBe(
      'makeSpirals: turns is -1, expected a finite number > 0',
    )
  })
})
