// Checks formulas printed: terms print as traces and the walkthrough have always shown them (both
// notations, text and TeX, precedence), matrix forms included (matmul's Bᵀ on the right, a mean's
// coefficient 1/n), renderChain writes a chain-rule step, and a missing name throws.

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
    [
      'matmul ∂/∂a',
      f.onTheRight(f.transposed(f.operand(1))),
      'bᵀ (on the right)',
      '(\\cdot)\\,b^\\top',
    ],
    ['matmul ∂/∂b', f.onTheLeft(f.transposed(f.x)), 'aᵀ (on the left)', 'a^\\top (\\cdot)'],
    ['transpose′', f.transposed(f.incoming), '(·)ᵀ', '(\\cdot)^\\top'],
    ['bias ∂/∂b', f.summedOverRows(f.one), '1 (summed over rows)', '\\mathbf{1}^\\top (\\cdot)'],
    [
      'bias times y',
      f.summedOverRows(f.y),
      'y (summed over rows)',
      '\\mathbf{1}^\\top ((\\cdot) \\odot y)',
    ],
    ['sum′', f.everyEntry(f.one), '1 (every entry)', '\\mathbf{1}'],
    ['sumRows′', f.everyEntry(f.one, 'row'), '1 (every entry of its row)', '\\mathbf{1}^\\top'],
    ['sumColumns′', f.everyEntry(f.one, 'column'), '1 (every entry of its column)', '\\mathbf{1}'],
    [
      'mean′',
      f.everyEntry(f.over(f.one, f.times(f.count('rows', 'm'), f.count('columns', 'n')))),
      '1/(m·n) (every entry)',
      '\\tfrac{1}{mn}\\mathbf{1}',
    ],
    [
      'logSumExp′',
      f.eachRow(f.softmax(f.x)),
      'softmax(a) (each row)',
      '\\operatorname{softmax}(a)',
    ],
    [
      'a mean over rows',
      f.over(
        f.minus(f.times(f.softmax(f.x), f.rowSum(f.operand(1))), f.operand(1)),
        f.count('rows', 'm'),
      ),
      '(softmax(a)·Σⱼ b − b)/m',
      '\\tfrac{1}{m}(\\operatorname{softmax}(a) \\textstyle\\sum_j b_{ij} - b)',
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

describe('bad input', () => {
  test('an operand the names lack is a RangeError, not a `?`', () => {
    expect(() => f.render(f.operand(1), f.namesOf(['a'], 'y'))).toThrow(
      /operand 1 printed with names for 1 operands/,
    )
  })
})
