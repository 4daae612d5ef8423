// linspace reproduces numpy's: the angles scikit-learn passes to sin and cos, bit for bit.

import { fc, test as propertyTest } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { linspace } from '../../src/data/linspace.js'
import { field, numbers, readFixture } from '../support/fixtures.js'

const angles = numbers(field(readFixture('datasets_expected.json'), 'trig_x'))

describe('linspace', () => {
  test("equals numpy's linspace(0, π, 150) — the moons' angles", () => {
    expect(linspace(0, Math.PI, 150)).toStrictEqual(angles.slice(0, 150))
  })

  test("equals numpy's linspace(0, 2π, 150, endpoint=False) — the circles' angles", () => {
    expect(linspace(0, 2 * Math.PI, 150, false)).toStrictEqual(angles.slice(150))
  })

  propertyTest.prop([
    fc.double({ min: -100, max: 100, noNaN: true }),
    fc.double({ min: -100, max: 100, noNaN: true }),
    fc.integer({ min: 2, max: 50 }),
  ])('starts at start, ends at stop, and steps evenly', (start, stop, count) => {
    const values = linspace(start, stop, count)
    expect(values).toHaveLength(count)
    // === rather than Object.is: linspace(−0, …) starts at 0·step + (−0) = +0, as numpy's does.
    expect(values[0] === start).toBe(true)
    expect(values[count - 1]).toBe(stop)
    const step = (stop - start) / (count - 1)
    values.slice(0, -1).forEach((value, index) => {
      expect(value).toBe(index * step + start)
    })
  })

  test('one point is the start; none is empty', () => {
    expect(linspace(3, 7, 1)).toStrictEqual([3])
    expect(linspace(3, 7, 0)).toStrictEqual([])
  })
})
