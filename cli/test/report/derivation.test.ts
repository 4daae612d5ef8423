// The explanation's Markdown as HTML: the notebook's 2-3-1 step (explainTrainingStep's Markdown)
// keeps every heading, value block and formula — each formula rendered by KaTeX — and a bad formula
// anywhere makes the whole a Left.

import { describe, expect, test } from 'vitest'
import { linalg, network, random } from 'gradfold'
import { explainTrainingStep } from 'gradfold/teach'
import { markdownToHtml } from '../../src/report/derivation.js'
import { left, right } from '../../../test/support/either.js'

const explanation = (): string => {
  const net = right(
    network.mlp([2, 3, 1], {
      hidden: 'sigmoid',
      output: 'sigmoid',
      init: network.scaledNormal(0.5),
      rng: random.numpy.seed(42),
    }),
  )
  const batch = { X: right(linalg.fromRows([[0.5, 0.3]])), y: right(linalg.fromRows([[1]])) }
  return right(explainTrainingStep(net, batch, 0.1, { format: 'markdown' }))
}

describe('markdownToHtml', () => {
  test('the 2-3-1 step: every formula rendered, every value block kept', () => {
    const markdown = explanation()
    const html = right(markdownToHtml(markdown, 1)).html
    const formulas = markdown.match(/\$[^$]+\$/gu)?.length ?? 0
    expect(formulas).toBeGreaterThan(10)
    expect(html.match(/<span class="katex">/gu)?.length).toBe(formulas)
    expect(html).not.toContain('$')
    expect(html.match(/<pre>/gu)?.length).toBe(markdown.match(/^```text$/gmu)?.length)
    // the notebook's loss (test/fixtures/verbose_net.json: 0.138309…) as printed
    expect(html).toContain('<pre>Loss = 0.138309</pre>')
    expect(html).toContain('<h3>FORWARD PASS</h3>')
    expect(html).toContain('<h4>Computing the loss</h4>')
  })

  test('paragraph text is escaped; lists and display formulas get their own blocks', () => {
    const html = right(markdownToHtml('a < b & c\n\n$$x^2$$\n\n- $y$ one\n- two', 0)).html
    expect(
      html.startsWith('<p>a &lt; b &amp; c</p>\n<div class="formula"><span class="katex-display">'),
    ).toBe(true)
    expect(html).toMatch(
      /<ul>\n<li><span class="katex">.*<\/span> one<\/li>\n<li>two<\/li>\n<\/ul>$/su,
    )
  })

  test('a formula KaTeX cannot parse is a Left naming it, wherever it is', () => {
    expect(left(markdownToHtml('## $\\frac{$', 0))).toContain("KaTeX cannot render '\\frac{'")
    expect(left(markdownToHtml('- $\\sqrt{$', 0))).toContain("'\\sqrt{'")
    expect(left(markdownToHtml('text $\\left($ more', 0))).toContain("'\\left('")
  })
})
