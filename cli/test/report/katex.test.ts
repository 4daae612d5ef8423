// KaTeX in Node: formulas become KaTeX markup (HTML and MathML), display mode is a block, and a
// formula KaTeX cannot parse is a Left that names it — never an error box in the page.

import { describe, expect, test } from 'vitest'
import { renderTex } from '../../src/report/katex.js'
import { left, right } from '../../../test/support/either.js'

describe('renderTex', () => {
  test('renders the notebook’s formulas as KaTeX markup with MathML', () => {
    const html = right(
      renderTex('\\frac{\\partial L}{\\partial W^{[2]}} = (a^{[1]})^\\top \\delta', 'inline'),
    )
    expect(html).toContain('class="katex"')
    expect(html).toContain('<math>')
    expect(html).toContain('<mfrac>')
    expect(html).not.toContain('katex-error')
    expect(html).not.toContain('katex-display')
  })

  test('display mode wraps the formula in a block', () => {
    expect(right(renderTex('L = (x w + b)^2', 'display'))).toContain('class="katex-display"')
  })

  test('a bad formula is a Left naming it', () => {
    const problem = left(renderTex('\\frac{1}{', 'inline'))
    expect(problem).toMatch(/^KaTeX cannot render '\\frac\{1\}\{': /u)
    expect(problem).not.toContain('\n')
    expect(left(renderTex('\\nosuchmacro{x}', 'inline'))).toContain('\\nosuchmacro')
  })

  test('no namespace URL is left in the markup', () => {
    expect(right(renderTex('\\sigma(z)', 'inline'))).not.toMatch(/https?:\/\//u)
  })
})

describe('renderTex with displayStyle', () => {
  test('sets an inline fraction at full size, and names the formula as written on failure', () => {
    const small = right(renderTex('\\frac{a}{b}', 'inline'))
    const large = right(renderTex('\\frac{a}{b}', 'inline', { displayStyle: true }))
    expect(large).not.toBe(small)
    expect(large).not.toContain('katex-display')
    expect(left(renderTex('\\frac{', 'inline', { displayStyle: true }))).toMatch(
      /^KaTeX cannot render '\\frac\{': /u,
    )
  })
})
