// The derivative table: one row per primitive, its value and each operand's local derivative
// rendered by KaTeX from the primitive record; a primitive whose TeX does not parse is a Left.

import { describe, expect, test } from 'vitest'
import { graph } from 'gradfold'
import { primitiveTable } from '../../src/report/primitive-table.js'
import { left, right } from '../../../test/support/either.js'

describe('primitiveTable', () => {
  test('a row per primitive with one derivative per operand', () => {
    const html = right(primitiveTable([graph.primitives.mul, graph.primitives.sigmoid])).html
    expect(html.match(/<tr><td>/gu)?.length).toBe(2)
    const mulRow = /<tr><td>mul<\/td>(.*?)<\/tr>/su.exec(html)?.[1] ?? ''
    expect(mulRow.match(/class="katex"/gu)?.length).toBe(3) // y = a·b, ∂y/∂a, ∂y/∂b
    const sigmoidRow = /<tr><td>sigmoid<\/td>(.*?)<\/tr>/su.exec(html)?.[1] ?? ''
    expect(sigmoidRow.match(/class="katex"/gu)?.length).toBe(2)
  })

  test('the default table renders and shows the notebook’s operations', () => {
    const html = right(primitiveTable()).html
    for (const name of ['add', 'mul', 'square', 'matmul', 'sigmoid', 'relu']) {
      expect(html).toContain(`<td>${name}</td>`)
    }
    expect(html).not.toContain('katex-error')
  })

  test('bad TeX in a primitive is a Left naming the primitive', () => {
    const broken: graph.Primitive = {
      ...graph.primitives.exp,
      name: 'broken',
      formula: () => graph.plain('e^{', 'e^{'),
    }
    expect(left(primitiveTable([broken]))).toMatch(/^broken: KaTeX cannot render /u)
  })
})
