// The derivative table of gradfold's graph primitives, each row the operation's formula and its
// local derivatives as the primitive itself states them, rendered by KaTeX for the report.
// Law: the formulas come from the primitive records, so the page cannot disagree with the code.

import * as E from 'fp-ts/lib/Either.js'
import { graph } from 'gradfold'
import { escapeHtml, trusted, type Html } from './html.js'
import { renderTex } from './katex.js'

/** The primitives the table shows, in the order a reader meets them. */
const shown: readonly graph.Primitive[] = [
  graph.primitives.add,
  graph.primitives.mul,
  graph.primitives.square,
  graph.primitives.matmul,
  graph.primitives.addRowVector,
  graph.primitives.sigmoid,
  graph.primitives.relu,
  graph.primitives.tanh,
  graph.primitives.exp,
  graph.primitives.log,
  graph.primitives.sum,
  graph.primitives.mean,
]

const operandNames = ['a', 'b', 'c']

/**
 * An HTML table: per primitive its name, y = its formula, and ∂y/∂(each operand) — all TeX from
 * the primitive records, rendered by KaTeX. Left naming a formula KaTeX cannot parse.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { primitiveTable } from './primitive-table.js'
 * const table = primitiveTable()
 * assert.ok(E.isRight(table))
 * assert.ok(table.right.html.includes('<td>sigmoid</td>'))
 */
export const primitiveTable = (
  primitives: readonly graph.Primitive[] = shown,
): E.Either<string, Html> => {
  const rows: string[] = []
  for (const primitive of primitives) {
    const operands = operandNames.slice(0, primitive.arity)
    const roomy = { displayStyle: true }
    const formula = renderTex(`y = ${primitive.formula(operands).tex}`, 'inline', roomy)
    if (E.isLeft(formula)) return E.left(`${primitive.name}: ${formula.left}`)
    const derivatives: string[] = []
    for (const [index, derivative] of primitive.derivatives(operands, 'y').entries()) {
      const tex = `\\frac{\\partial y}{\\partial ${operands[index] ?? '?'}} = ${derivative.tex}`
      const rendered = renderTex(tex, 'inline', roomy)
      if (E.isLeft(rendered)) return E.left(`${primitive.name}: ${rendered.left}`)
      derivatives.push(rendered.right)
    }
    rows.push(
      `<tr><td>${escapeHtml(primitive.name)}</td><td>${formula.right}</td><td>${derivatives.map((item) => `<div>${item}</div>`).join('')}</td></tr>`,
    )
  }
  return E.right(
    trusted(
      `<table class="primitives">\n<thead><tr><th>primitive</th><th>value</th><th>local derivatives</th></tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`,
    ),
  )
}
