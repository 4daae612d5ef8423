// Checks the random cases of the laws: entries within their bounds and away from kinks, operands
// of the shapes asked for, random sizes reaching every size, and impossible constraints refused.

import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { linalg } from '../../src/index.js'
import * as check from '../../src/check/index.js'
import { entryIn } from '../../src/check/law-cases.js'
import { cube, oneOperand } from './support.js'

describe('operand arbitraries', () => {
  test('entryIn keeps within [min, max] and away from avoided points', () => {
    fc.assert(
      fc.property(
        entryIn({ min: -2, max: 1, avoid: [0, -1], margin: 0.05 }),
        (x) => x >= -2 && x <= 1 && Math.abs(x) >= 0.05 && Math.abs(x + 1) >= 0.05,
      ),
      { numRuns: 500 },
    )
  })

  test('operandsOf gives the shapes asked for, each with its own constraints', () => {
    fc.assert(
      fc.property(
        check.operandsOf(
          [
            { rows: 2, cols: 3 },
            { rows: 3, cols: 1, min: 0.5, max: 0.75 },
          ],
          {
            min: -1,
            max: 1,
          },
        ),
        ([a, b]) =>
          a !== undefined &&
          b !== undefined &&
          a.rows === 2 &&
          a.cols === 3 &&
          b.rows === 3 &&
          b.cols === 1 &&
          linalg.toFlat(a).every((x) => Math.abs(x) <= 1) &&
          linalg.toFlat(b).every((x) => x >= 0.5 && x <= 0.75),
      ),
    )
  })

  test('sizedOperands draws sizes from 1 to maxSize and reaches them all', () => {
    const shapes = fc
      .sample(
        check.sizedOperands(2, ([rows, cols]) => [{ rows, cols }], { maxSize: 3 }),
        { numRuns: 300, seed: 5 },
      )
      .map(([m]) => (m === undefined ? '' : linalg.formatShape(m)))
    expect(new Set(shapes).size).toBe(9)
  })

  test('impossible constraints are RangeErrors', () => {
    expect(() => entryIn({ min: 1, max: 1 })).toThrow(/expected min < max/)
    expect(() => entryIn({ min: 0, max: 1, avoid: [0.5], margin: 1 })).toThrow(
      /no entries in \[0, 1\]/,
    )
    expect(() => entryIn({ margin: -1 })).toThrow(RangeError)
    expect(() => check.operandsOf([{ rows: 0, cols: 2 }])).toThrow(RangeError)
    expect(() => {
      check.checkPrimitive(cube, oneOperand, { numRuns: 0 })
    }).toThrow(RangeError)
  })
})
