// Checks the blocked transpose kernel: out[c, r] = a[r, c] for every shape, the input untouched.

import { fc, test as propertyTest } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { transpose } from '../../../src/linalg/kernels/transpose.js'

/** A rows×cols buffer whose entry at [r, c] is 1000·r + c, so every entry names its place. */
const labelled = (rows: number, cols: number): Float64Array =>
  Float64Array.from(
    { length: rows * cols },
    (_, index) => 1000 * Math.floor(index / cols) + (index % cols),
  )

/** Shapes up to 70×70, so tiles of 32 are whole, partial and straddled. */
const shape = fc.tuple(fc.integer({ min: 1, max: 70 }), fc.integer({ min: 1, max: 70 }))

describe('transpose kernel', () => {
  test('a hand-worked 2×3 case', () => {
    const out = new Float64Array(6)

    transpose(Float64Array.from([1, 2, 3, 4, 5, 6]), out, 2, 3)

    expect(Array.from(out)).toEqual([1, 4, 2, 5, 3, 6])
  })

  test.each([
    [1, 1],
    [1, 70],
    [70, 1],
    [31, 33],
    [32, 32],
    [33, 31],
    [64, 65],
    [65, 64],
  ])('every entry of a %i×%i matrix lands at its mirrored place', (rows, cols) => {
    const input = labelled(rows, cols)
    const out = new Float64Array(rows * cols).fill(Number.NaN)

    transpose(input, out, rows, cols)

    for (let c = 0; c < cols; c++) {
      for (let r = 0; r < rows; r++) expect(out[c * rows + r]).toBe(1000 * r + c)
    }
  })

  propertyTest.prop([
    shape.chain(([rows, cols]) =>
      fc
        .float64Array({ minLength: rows * cols, maxLength: rows * cols })
        .map((data) => ({ rows, cols, data })),
    ),
  ])('out[c, r] = a[r, c] exactly for random shapes and entries', ({ rows, cols, data }) => {
    const out = new Float64Array(rows * cols).fill(Number.NaN)
    const expected = new Float64Array(rows * cols)
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) expected[c * rows + r] = data[r * cols + c] ?? Number.NaN
    }

    transpose(data, out, rows, cols)

    expect(out).toEqual(expected)
  })

  propertyTest.prop([shape])('never writes the input', ([rows, cols]) => {
    const input = labelled(rows, cols)
    const before = input.slice()

    transpose(input, new Float64Array(rows * cols), rows, cols)

    expect(input).toEqual(before)
  })

  propertyTest.prop([shape])('transposing twice gives back the input', ([rows, cols]) => {
    const input = labelled(rows, cols)
    const once = new Float64Array(rows * cols)
    const twice = new Float64Array(rows * cols)

    transpose(input, once, rows, cols)
    transpose(once, twice, cols, rows)

    expect(twice).toEqual(input)
  })
})
