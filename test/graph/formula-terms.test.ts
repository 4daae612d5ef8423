// Checks the term language: constructors build plain data and refuse non-finite numbers and bad
// operand indices, a complement flips a condition and twice gives it back, and which terms are
// entry-wise (a diagonal Jacobian) and which are not (a row Jacobian, the matrix forms).

import { describe, expect, test } from 'vitest'
import { graph } from '../../src/index.js'

const { formula: f } = graph

const zero = f.number(0)

describe('terms', () => {
  test('a condition that does not hold prints as its complement', () => {
    const positive = f.greaterThan(f.x, zero)
    expect(f.complement(positive)).toStrictEqual(f.compare(f.x, '≤', zero))
    expect(f.complement(f.complement(positive))).toStrictEqual(positive)
    const inside = f.between(f.number(-1), f.x, f.one)
    expect(f.complement(inside)).toStrictEqual({ kind: 'not', condition: inside })
    expect(f.complement(f.complement(inside))).toStrictEqual(inside)
  })

  test('entry-wise terms are diagonal Jacobians; row Jacobians and matrix forms are not', () => {
    expect(f.isEntrywise(f.cases(f.greaterThan(f.x, zero), f.one, f.y))).toBe(true)
    expect(f.isEntrywise(f.eachRow(f.minus(f.diag(f.y), f.outer(f.y))))).toBe(false)
    expect(f.isEntrywise(f.indicator(f.greaterThan(f.diag(f.x), zero)))).toBe(false)
    for (const term of [
      f.incoming,
      f.transposed(f.x),
      f.onTheRight(f.x),
      f.onTheLeft(f.x),
      f.summedOverRows(f.one),
      f.everyEntry(f.one),
      f.count('rows', 'm'),
      f.softmax(f.x),
      f.rowSum(f.x),
      f.over(f.x, f.count('entries', 'n')),
    ]) {
      expect(f.isEntrywise(term)).toBe(false)
    }
  })
})

describe('bad input', () => {
  test('constants must be finite and operands non-negative integers (RangeErrors)', () => {
    expect(() => f.number(Number.NaN)).toThrow(RangeError)
    expect(() => f.power(f.x, Number.POSITIVE_INFINITY)).toThrow(RangeError)
    expect(() => f.operand(-1)).toThrow(RangeError)
    expect(() => f.operand(0.5)).toThrow(RangeError)
  })
})
