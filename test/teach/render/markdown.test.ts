// The Markdown rendering: headings and list items, TeX from the primitives' formulas, ∂ fractions,
// matrices as bmatrix (elided when large), numbers in scientific notation, escaped labels.

import { describe, expect, test } from 'vitest'
import * as teach from '../../../src/teach/index.js'
import {
  awkwardTrace,
  chainRuleTrace,
  largeTrace,
  lossTrace,
  matrixTrace,
  sharedTrace,
} from './traces.js'

/** Every `$` not escaped as `\$`. */
const dollars = (line: string): number => [...line.matchAll(/(?<!\\)\$/g)].length

/** Looks like Markdown: headings, blank lines between blocks, list items with balanced math. */
const expectWellFormed = (markdown: string): void => {
  const blocks = markdown.split('\n\n')
  for (const block of blocks) {
    const blockLines = block.split('\n')
    const isHeading = blockLines.length === 1 && /^#{1,6} \S/.test(block)
    const isList = blockLines.every((line) => line.startsWith('- $'))
    expect(isHeading || isList, `a heading or a list:\n${block}`).toBe(true)
    for (const line of blockLines) {
      expect(dollars(line) % 2, `balanced $ in ${line}`).toBe(0)
      if (isList) {
        expect(line, 'no unescaped # inside math').not.toMatch(/(?<!\\)#/)
        const count = (pattern: RegExp): number => [...line.matchAll(pattern)].length
        const braces = count(/(?<!\\)\{/g) - count(/(?<!\\)\}/g)
        expect(braces, `balanced braces in ${line}`).toBe(0)
      }
    }
  }
}

describe('renderMarkdown', () => {
  test('f = (3x + 2)²: sections, TeX formulas and the notebook numbers', () => {
    const markdown = teach.renderMarkdown(chainRuleTrace())
    expectWellFormed(markdown)
    expect(markdown.split('\n\n').filter((block) => block.startsWith('### '))).toEqual([
      '### Forward pass',
      '### Backward pass (chain rule)',
      '### Gradients',
    ])
    expect(markdown).toContain('- $u = \\#1 + 2 = 8$')
    expect(markdown).toContain('- $f = u^2 = 64$')
    expect(markdown).toContain('- $\\frac{\\partial f}{\\partial u} = 2 u = 16$')
    expect(markdown).toContain(
      '- $\\frac{\\partial f}{\\partial x} = \\frac{\\partial f}{\\partial \\#1} \\cdot \\frac{\\partial \\#1}{\\partial x} = 16 \\cdot 3 = 48$',
    )
    expect(markdown.indexOf('= 64$')).toBeLessThan(markdown.indexOf('= 48$'))
  })

  test('L = (x·w + b)²: every chain-rule step as a ∂ fraction', () => {
    const markdown = teach.renderMarkdown(lossTrace())
    expectWellFormed(markdown)
    for (const item of [
      '- $xw = x \\odot w = 6$',
      '- $\\frac{\\partial L}{\\partial L} = 1$',
      '- $\\frac{\\partial L}{\\partial z} = 2 z = 14$',
      '- $\\frac{\\partial L}{\\partial w} = \\frac{\\partial L}{\\partial xw} \\cdot \\frac{\\partial xw}{\\partial w} = 14 \\cdot x = 28$',
      '- $\\frac{\\partial L}{\\partial x} = 42$',
    ]) {
      expect(markdown.split('\n')).toContain(item)
    }
  })

  test("language 'ru' and headingLevel", () => {
    const markdown = teach.renderMarkdown(chainRuleTrace(), { language: 'ru', headingLevel: 2 })
    expectWellFormed(markdown)
    expect(markdown.startsWith('## Прямое распространение\n\n')).toBe(true)
    expect(markdown).toContain('\n\n## Обратное распространение (цепное правило)\n\n')
    expect(() => teach.renderMarkdown(chainRuleTrace(), { headingLevel: 7 })).toThrow(RangeError)
    expect(() => teach.renderMarkdown(chainRuleTrace(), { headingLevel: 1.5 })).toThrow(
      'renderMarkdown: headingLevel is 1.5, expected an integer from 1 to 6',
    )
  })

  test('matrices as bmatrix with their shapes', () => {
    const markdown = teach.renderMarkdown(matrixTrace())
    expectWellFormed(markdown)
    expect(markdown).toContain('- $Z = X W = \\begin{bmatrix} 5 & 2 & -1 \\end{bmatrix}$ (1×3)')
    expect(markdown).toContain(
      '- $\\frac{\\partial loss}{\\partial W} = \\begin{bmatrix} 10 & 4 & -2 \\\\ 20 & 8 & -4 \\end{bmatrix}$ (2×3)',
    )
  })

  test('a large matrix is elided with dots', () => {
    const markdown = teach.renderMarkdown(largeTrace())
    expectWellFormed(markdown)
    const row = '1 & 1 & 1 & \\cdots & 1 & 1 & 1'
    const dots = '\\vdots & \\vdots & \\vdots & \\ddots & \\vdots & \\vdots & \\vdots'
    expect(markdown).toContain(
      `- $X = \\begin{bmatrix} ${[row, row, row, dots, row, row, row].join(' \\\\ ')} \\end{bmatrix}$ (8×8)`,
    )
  })

  test('labels are escaped for TeX and += marks a gradient that adds up', () => {
    const awkward = teach.renderMarkdown(awkwardTrace())
    expectWellFormed(awkward)
    expect(awkward).toContain('x\\_1')
    expect(awkward).toContain('\\#2')
    const shared = teach.renderMarkdown(sharedTrace())
    expect(shared.match(/\\frac\{\\partial L\}\{\\partial a\} \\mathrel\{\+\}=/g)).toHaveLength(2)
  })
})
