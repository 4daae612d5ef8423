// Checks terms evaluated: at numbers in IEEE arithmetic with `magnitude` bounding the rounding, and
// as the gradient an operand receives (gradientOf) — each matrix form computing what it says, by
// hand on small cases — with a Left for a term that does not fit the shapes or is not finite.

import { fc, test as propertyTest } from '@fast-check/vitest'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, test } from 'vitest'
import { graph, linalg } from '../../src/index.js'
import { left, right } from '../support/either.js'

const { formula: f } = graph

const zero = f.number(0)
const matrix = (rows: number[][]): linalg.Matrix => right(linalg.fromRows(rows))

describe('evaluation', () => {
  propertyTest.prop([fc.double({ min: -5, max: 5, noNaN: true }), fc.double({ noNaN: true })])(
    'a term evaluates with the operations it names, in IEEE arithmetic',
    (x, y) => {
      const point = { operands: [x], output: y }
      expect(f.evaluate(f.times(f.y, f.minus(f.one, f.y)), point)).toBe(y * (1 - y))
      expect(f.evaluate(f.over(f.one, f.x), point)).toBe(1 / x)
      expect(f.evaluate(f.power(f.x, 3), point)).toBe(Math.pow(x, 3))
      expect(f.evaluate(f.negate(f.squared(f.x)), point)).toBe(-(x * x))
      expect(f.evaluate(f.indicator(f.greaterThan(f.x, zero)), point)).toBe(x > 0 ? 1 : 0)
      const between = f.between(f.number(-1), f.x, f.one)
      expect(f.evaluate(f.indicator(between), point)).toBe(x >= -1 && x <= 1 ? 1 : 0)
      expect(f.evaluate(f.indicator(f.complement(between)), point)).toBe(x >= -1 && x <= 1 ? 0 : 1)
      expect(f.evaluate(f.cases(f.greaterThan(f.x, zero), f.one, f.plus(f.y, f.one)), point)).toBe(
        x > 0 ? 1 : y + 1,
      )
    },
  )

  test('every relation compares as it says', () => {
    const at = (x: number) => ({ operands: [x], output: 0 })
    const relations = ['>', '≥', '<', '≤'] as const
    expect(
      relations.map((relation) =>
        [-1, 0, 1].map((x) => f.evaluate(f.indicator(f.compare(f.x, relation, zero)), at(x))),
      ),
    ).toStrictEqual([
      [0, 0, 1],
      [0, 1, 1],
      [1, 0, 0],
      [1, 1, 0],
    ])
  })

  test('softmax’s row Jacobian is not entry-wise and has no value at a point', () => {
    const jacobian = f.eachRow(f.minus(f.diag(f.y), f.outer(f.y)))
    expect(f.isEntrywise(jacobian)).toBe(false)
    expect(f.isEntrywise(f.cases(f.greaterThan(f.x, zero), f.one, f.y))).toBe(true)
    expect(f.isEntrywise(f.indicator(f.greaterThan(f.diag(f.x), zero)))).toBe(false)
    expect(f.evaluate(jacobian, { operands: [1], output: 1 })).toBeUndefined()
    expect(f.magnitude(jacobian, { operands: [1], output: 1 })).toBeUndefined()
    const atOne = { operands: [1], output: 1 }
    expect(f.evaluate(f.indicator(f.greaterThan(f.diag(f.x), zero)), atOne)).toBeUndefined()
  })

  test('magnitude bounds the numbers an evaluation passes through', () => {
    const point = { operands: [-3], output: -0.5 }
    // y + 0.5 at y = −0.5 is 0, computed from numbers of size 1
    expect(f.magnitude(f.plus(f.y, f.number(0.5)), point)).toBe(1)
    expect(f.magnitude(f.minus(f.one, f.squared(f.y)), point)).toBe(1.25)
    expect(f.magnitude(f.over(f.one, f.x), point)).toBe(1 / 3)
    expect(f.magnitude(f.negate(f.power(f.x, 2)), point)).toBe(9)
    expect(f.magnitude(f.cases(f.greaterThan(f.x, zero), f.one, f.times(f.x, f.y)), point)).toBe(
      1.5,
    )
  })
  test('an operand the point lacks is a RangeError', () => {
    expect(() => f.evaluate(f.operand(1), { operands: [0], output: 0 })).toThrow(RangeError)
  })
})

describe('gradientOf', () => {
  const A = matrix([
    [1, 2, 3],
    [4, 5, 6],
  ])
  const B = matrix([
    [1, -1],
    [0, 2],
    [3, 0.5],
  ])
  const G = matrix([
    [1, 0],
    [-1, 2],
  ])
  const product = right(linalg.matmul(A, B))
  const at = (operand: number, incoming = G) => ({
    operands: [A, B],
    output: product,
    incoming,
    operand,
  })
  const rows = (term: graph.formula.Term, point: graph.formula.GradientPoint): number[][] =>
    linalg.toRows(right(f.gradientOf(term, point)))

  test('matmul: Bᵀ on the right gives G·Bᵀ, Aᵀ on the left gives Aᵀ·G', () => {
    expect(rows(f.onTheRight(f.transposed(f.operand(1))), at(0))).toStrictEqual([
      [1, 0, 3],
      [-3, 4, -2],
    ])
    expect(rows(f.onTheLeft(f.transposed(f.x)), at(1))).toStrictEqual([
      [-3, 8],
      [-3, 10],
      [-3, 12],
    ])
  })

  test('transpose, sums over rows and spreads act on the incoming gradient as they say', () => {
    const square = matrix([
      [1, 2],
      [3, 4],
    ])
    const point = { operands: [square], output: square, incoming: G, operand: 0 }
    expect(rows(f.transposed(f.incoming), point)).toStrictEqual([
      [1, -1],
      [0, 2],
    ])
    const row = { operands: [square, matrix([[0, 0]])], output: square, incoming: G, operand: 1 }
    expect(rows(f.summedOverRows(f.one), row)).toStrictEqual([[0, 2]])
    const column = matrix([[2], [-1]])
    const summedRows = { operands: [square], output: column, incoming: column, operand: 0 }
    expect(rows(f.everyEntry(f.one, 'row'), summedRows)).toStrictEqual([
      [2, 2],
      [-1, -1],
    ])
    const mean = f.everyEntry(f.over(f.one, f.times(f.count('rows', 'm'), f.count('columns', 'n'))))
    const scalar = {
      operands: [square],
      output: matrix([[2.5]]),
      incoming: matrix([[8]]),
      operand: 0,
    }
    expect(rows(mean, scalar)).toStrictEqual([
      [2, 2],
      [2, 2],
    ])
  })

  test('a row Jacobian multiplies each row of the incoming gradient', () => {
    // softmax of [0, ln 3] is [1/4, 3/4]; g(diag(y) − y·yᵀ) = y ⊙ (g − g·y)
    const y = matrix([[0.25, 0.75]])
    const point = { operands: [y], output: y, incoming: matrix([[1, 0]]), operand: 0 }
    const [[first = Number.NaN, second = Number.NaN] = []] = rows(
      f.eachRow(f.minus(f.diag(f.y), f.outer(f.y))),
      point,
    )
    expect(first).toBeCloseTo(0.25 * (1 - 0.25), 15)
    expect(second).toBeCloseTo(0.75 * (0 - 0.25), 15)
  })

  test('an entry-wise term multiplies a scalar incoming gradient, or one per row under eachRow', () => {
    const z = matrix([[1], [-2]])
    const scalar = { operands: [z], output: matrix([[0]]), incoming: matrix([[3]]), operand: 0 }
    expect(rows(f.over(f.x, f.count('entries', 'n')), scalar)).toStrictEqual([[1.5], [-3]])
    const logits = matrix([
      [0, 0],
      [1, 1],
    ])
    const perRow = { operands: [logits], output: z, incoming: matrix([[2], [4]]), operand: 0 }
    expect(rows(f.eachRow(f.softmax(f.x)), perRow)).toStrictEqual([
      [1, 1],
      [2, 2],
    ])
  })

  test('a term that does not fit the shapes, or is not finite, is a Left saying why', () => {
    expect(left(f.gradientOf(f.onTheLeft(f.transposed(f.operand(1))), at(0)))).toMatch(
      /a matrix product of 2×3 and 2×2: inner sizes differ/,
    )
    const column = matrix([[2], [-1]])
    const square = matrix([
      [1, 2],
      [3, 4],
    ])
    const summedRows = { operands: [square], output: column, incoming: column, operand: 0 }
    expect(left(f.gradientOf(f.everyEntry(f.one, 'column'), summedRows))).toBe(
      'every entry of its column: the incoming gradient is 2×1, expected 1×2 for an operand of 2×2',
    )
    expect(left(f.gradientOf(f.one, summedRows))).toMatch(
      /takes an incoming gradient of that shape/,
    )
    expect(left(f.gradientOf(f.diag(f.y), at(0, A)))).toMatch(/diag writes a row's Jacobian/)
    const atZero = {
      operands: [matrix([[0]])],
      output: matrix([[0]]),
      incoming: matrix([[1]]),
      operand: 0,
    }
    expect(left(f.gradientOf(f.over(f.one, f.x), atZero))).toBe(
      'the gradient is Infinity at entry 0',
    )
  })

  test('gradientMagnitude adds the sizes a difference cancels', () => {
    const y = matrix([[0.25, 0.75]])
    const point = { operands: [y], output: y, incoming: matrix([[1, 1]]), operand: 0 }
    const jacobian = f.eachRow(f.minus(f.diag(f.y), f.outer(f.y)))
    // a constant row gradient is cancelled exactly by softmax's Jacobian, but not its sizes
    const value = linalg.toRows(right(f.gradientOf(jacobian, point)))
    expect(value.flat().every((entry) => Math.abs(entry) < 1e-16)).toBe(true)
    expect(linalg.toRows(right(f.gradientMagnitude(jacobian, point)))).toStrictEqual([
      [0.25 + 0.25 * (0.25 + 0.75), 0.75 + 0.75 * (0.25 + 0.75)],
    ])
    expect(
      E.isRight(
        f.gradientMagnitude(f.transposed(f.incoming), { ...point, incoming: matrix([[1], [1]]) }),
      ),
    ).toBe(true)
  })
})
