// Checks formulas as data: terms print as traces and the walkthrough have always shown them (both
// notations, text and TeX, precedence), evaluate in IEEE arithmetic with `magnitude` bounding the
// rounding, softmax's row Jacobian is not entry-wise, and bad input throws.

import { fc, test as propertyTest } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { graph } from '../../src/index.js'

const { formula: f } = graph

const names = f.namesOf(['a', 'b'], 'y')
const entry = (term: graph.formula.Term): graph.Formula => f.render(term, names)
const array = (term: graph.formula.Term): graph.Formula =>
  f.render(term, f.namesOf(['z'], 'a'), { notation: 'array', asFactor: true })
const zero = f.number(0)

describe('entry notation (the traces)', () => {
  test.each<[string, graph.formula.Term, string, string]>([
    ['σ′', f.times(f.y, f.minus(f.one, f.y)), 'y(1 − y)', 'y(1 - y)'],
    ['tanh′', f.minus(f.one, f.squared(f.y)), '1 − y²', '1 - y^2'],
    ['log′', f.over(f.one, f.x), '1/a', '\\frac{1}{a}'],
    ['relu′', f.indicator(f.greaterThan(f.x, zero)), '[a > 0]', '\\mathbb{1}[a > 0]'],
    [
      'leakyRelu(0.1)′',
      f.cases(f.greaterThan(f.x, zero), f.one, f.number(0.1)),
      '(a > 0 ? 1 : 0.1)',
      '\\begin{cases} 1 & a > 0 \\\\ 0.1 & \\text{otherwise} \\end{cases}',
    ],
    [
      'elu(0.5)′',
      f.cases(f.greaterThan(f.x, zero), f.one, f.plus(f.y, f.number(0.5))),
      '(a > 0 ? 1 : y + 0.5)',
      '\\begin{cases} 1 & a > 0 \\\\ y + 0.5 & \\text{otherwise} \\end{cases}',
    ],
    [
      'clamp′',
      f.indicator(f.between(f.number(-500), f.x, f.number(500))),
      '[-500 ≤ a ≤ 500]',
      '\\mathbb{1}[-500 \\le a \\le 500]',
    ],
    ['neg′', f.negate(f.one), '−1', '-1'],
    ['square′', f.times(f.number(2), f.x), '2·a', '2 a'],
    ['power(3)′', f.times(f.number(3), f.power(f.x, 2)), '3·a^2', '3 a^{2}'],
    ['power(-1)′', f.times(f.number(-1), f.power(f.x, -2)), '-1·a^-2', '-1 a^{-2}'],
    ['∂(a/b)/∂b', f.negate(f.over(f.x, f.squared(f.operand(1)))), '−a/b²', '-\\frac{a}{b^2}'],
    [
      'softmax′',
      f.eachRow(f.minus(f.diag(f.y), f.outer(f.y))),
      'diag(y) − y·yᵀ (each row)',
      '\\operatorname{diag}(y) - y y^\\top',
    ],
  ])('%s', (_name, term, text, tex) => {
    expect(entry(term)).toStrictEqual({ text, tex })
  })

  test('parentheses follow precedence: a sum inside a product, a difference on the right', () => {
    expect(entry(f.times(f.plus(f.x, f.one), f.y)).text).toBe('(a + 1)·y')
    expect(entry(f.minus(f.one, f.minus(f.x, f.y))).text).toBe('1 − (a − y)')
    expect(entry(f.minus(f.minus(f.one, f.x), f.y)).text).toBe('1 − a − y')
    expect(entry(f.squared(f.plus(f.x, f.one))).tex).toBe('(a + 1)^2')
    expect(entry(f.negate(f.plus(f.x, f.y))).text).toBe('−(a + y)')
  })

  test('a condition that does not hold prints as its complement', () => {
    const positive = f.greaterThan(f.x, zero)
    expect(entry(f.indicator(f.complement(positive))).text).toBe('[a ≤ 0]')
    expect(f.complement(f.complement(positive))).toStrictEqual(positive)
    const inside = f.between(f.number(-1), f.x, f.one)
    expect(entry(f.indicator(f.complement(inside)))).toStrictEqual({
      text: '[not (-1 ≤ a ≤ 1)]',
      tex: '\\mathbb{1}[\\lnot(-1 \\le a \\le 1)]',
    })
    expect(f.complement(f.complement(inside))).toStrictEqual(inside)
  })
})

describe('array notation (the walkthrough), as a factor of ⊙', () => {
  test.each<[string, graph.formula.Term, string, string]>([
    ['σ′', f.times(f.y, f.minus(f.one, f.y)), 'a(1 - a)', 'a \\odot (1 - a)'],
    ['tanh′', f.minus(f.one, f.squared(f.y)), '(1 - a²)', '(1 - a \\odot a)'],
    ['relu′', f.indicator(f.greaterThan(f.x, zero)), '[z > 0]', '[z > 0]'],
    [
      'leakyRelu(0.01)′',
      f.cases(f.greaterThan(f.x, zero), f.one, f.number(0.01)),
      '([z > 0] + 0.01·[z ≤ 0])',
      '([z > 0] + 0.01\\,[z \\le 0])',
    ],
    [
      'elu(1)′',
      f.cases(f.greaterThan(f.x, zero), f.one, f.plus(f.y, f.one)),
      '([z > 0] + (a + 1)·[z ≤ 0])',
      '([z > 0] + (a + 1) \\odot [z \\le 0])',
    ],
    ['1', f.one, '1', '1'],
    ['2z', f.times(f.number(2), f.x), '2·z', '2\\,z'],
  ])('%s', (_name, term, text, tex) => {
    expect(array(term)).toStrictEqual({ text, tex })
  })

  test('scalar functions print in each notation as they say', () => {
    const sigma: graph.formula.ScalarFunction = {
      at: (x) => 1 / (1 + Math.exp(-x)),
      entry: (a) => graph.plain(`σ(${a.text})`, `\\sigma(${a.tex})`),
      array: (a) => graph.plain(`sigmoid(${a.text})`, `\\sigma(${a.tex})`),
    }
    const term = f.apply(sigma, f.x)
    expect(entry(term)).toStrictEqual({ text: 'σ(a)', tex: '\\sigma(a)' })
    expect(array(term)).toStrictEqual({ text: 'sigmoid(z)', tex: '\\sigma(z)' })
    expect(f.evaluate(term, { operands: [0], output: 0 })).toBe(0.5)
  })

  test('names may differ between text and TeX', () => {
    const layer = { operands: [graph.plain('z1', 'z^{[1]}')], output: graph.plain('a1', 'a^{[1]}') }
    expect(f.render(f.times(f.y, f.minus(f.one, f.y)), layer, { notation: 'array' })).toStrictEqual(
      { text: 'a1(1 - a1)', tex: 'a^{[1]} \\odot (1 - a^{[1]})' },
    )
  })
})

describe('renderChain: dL/dz = upstream · ∂a/∂z as the walkthrough writes it', () => {
  const layer = { operands: [graph.plain('z2', 'z^{[2]}')], output: graph.plain('a2', 'a^{[2]}') }
  const upstream = graph.plain('2(a2 - y) / m', '\\frac{2}{m}(a^{[2]} - y)')

  test('an entry-wise derivative multiplies entry by entry', () => {
    expect(f.renderChain(f.minus(f.one, f.squared(f.y)), upstream, layer)).toStrictEqual({
      text: '2(a2 - y) / m ⊙ (1 - a2²)',
      tex: '\\frac{2}{m}(a^{[2]} - y) \\odot (1 - a^{[2]} \\odot a^{[2]})',
    })
  })

  test("softmax's row Jacobian multiplies as a matrix, and prints as numpy computes it", () => {
    const jacobian = f.eachRow(f.minus(f.diag(f.y), f.outer(f.y)))
    expect(f.renderChain(jacobian, upstream, layer)).toStrictEqual({
      text: 'a2 ⊙ (2(a2 - y) / m - sum(2(a2 - y) / m ⊙ a2, axis=1))',
      tex: '\\frac{2}{m}(a^{[2]} - y) \\left(\\operatorname{diag}(a^{[2]}) - (a^{[2]})^\\top (a^{[2]})\\right)',
    })
  })

  test('another full Jacobian is a matrix product', () => {
    expect(f.renderChain(f.diag(f.x), upstream, layer).text).toBe('2(a2 - y) / m @ (diag(z2))')
  })
})

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
})

describe('bad input', () => {
  test('constants must be finite and operands non-negative integers (RangeErrors)', () => {
    expect(() => f.number(Number.NaN)).toThrow(RangeError)
    expect(() => f.power(f.x, Number.POSITIVE_INFINITY)).toThrow(RangeError)
    expect(() => f.operand(-1)).toThrow(RangeError)
    expect(() => f.operand(0.5)).toThrow(RangeError)
  })

  test('an operand the names or the point lack is a RangeError, not a `?`', () => {
    expect(() => f.render(f.operand(1), f.namesOf(['a'], 'y'))).toThrow(
      /operand 1 printed with names for 1 operands/,
    )
    expect(() => f.evaluate(f.operand(1), { operands: [0], output: 0 })).toThrow(RangeError)
  })
})
