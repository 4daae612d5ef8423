// The Markdown that `teach.explainTrainingStep(…, { format: 'markdown' })` and the trace
// renderers of gradfold/teach emit, turned into HTML with every formula rendered by KaTeX:
// headings, ```text blocks, lists, paragraphs with $…$ and $$…$$. Law: all text is escaped; one
// bad formula makes the whole a Left.

import { linalg } from 'gradfold'
import * as E from 'fp-ts/lib/Either.js'
import { escapeHtml, trusted, type Html } from './html.js'
import { renderTex } from './katex.js'

// checked reads bound once, as the library binds its own (a module const V8 folds)
const { at } = linalg.checked

/**
 * A paragraph's text with `$…$` (inline) and `$$…$$` (display) formulas rendered by KaTeX;
 * `roomy` sets inline formulas in display style (full-size fractions, for list items).
 */
const renderInline = (text: string, roomy = false): E.Either<string, string> => {
  const parts: string[] = []
  const pattern = /\$\$([^$]+)\$\$|\$([^$]+)\$/gu
  let last = 0
  for (const match of text.matchAll(pattern)) {
    parts.push(escapeHtml(text.slice(last, match.index)))
    // a match without the $$…$$ group is the other alternative, $…$
    const display = match[1]
    const rendered =
      display === undefined
        ? renderTex(at(match, 2, 'renderInline'), 'inline', { displayStyle: roomy })
        : renderTex(display, 'display')
    if (E.isLeft(rendered)) return rendered
    parts.push(rendered.right)
    last = match.index + match[0].length
  }
  parts.push(escapeHtml(text.slice(last)))
  return E.right(parts.join(''))
}

/**
 * HTML for the Markdown subset gradfold's explanations use: `#`–`####` headings (shifted down by
 * `headingShift` levels so they sit under the report's own), fenced code blocks, `- ` lists, paragraphs, and
 * TeX between `$…$` or `$$…$$` rendered by KaTeX. Left naming the formula KaTeX could not parse.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { markdownToHtml } from './derivation.js'
 * const html = markdownToHtml('## Loss\n\n$L = (x w + b)^2$ & more\n\n- $z = 7$\n\n```text\nL = 49\n```', 1)
 * assert.ok(E.isRight(html))
 * assert.ok(html.right.html.startsWith('<h3>Loss</h3>\n<p><span class="katex">'))
 * assert.ok(html.right.html.includes(' &amp; more</p>'))
 * assert.ok(html.right.html.includes('<ul>\n<li><span class="katex">'))
 * assert.ok(html.right.html.endsWith('<pre>L = 49</pre>'))
 * assert.ok(E.isLeft(markdownToHtml('$\\frac{$', 0)))
 */
export const markdownToHtml = (markdown: string, headingShift = 0): E.Either<string, Html> => {
  const where = 'markdownToHtml'
  const blocks: string[] = []
  const lines = markdown.split('\n')
  let paragraph: string[] = []
  let items: string[] = []
  const flush = (): E.Either<string, void> => {
    if (items.length > 0) {
      const rendered: string[] = []
      for (const item of items) {
        const html = renderInline(item, true)
        if (E.isLeft(html)) return html
        rendered.push(`<li>${html.right}</li>`)
      }
      items = []
      blocks.push(`<ul>\n${rendered.join('\n')}\n</ul>`)
    }
    if (paragraph.length === 0) return E.right(undefined)
    const text = paragraph.join(' ')
    paragraph = []
    const rendered = renderInline(text)
    if (E.isLeft(rendered)) return rendered
    // a paragraph that is one formula is shown as a block of its own, centred
    const alone = /^\$\$?[^$]+\$\$?$/u.test(text)
    const shown = alone ? renderInline(`$$${text.replace(/^\$+|\$+$/gu, '')}$$`) : rendered
    if (E.isLeft(shown)) return shown
    blocks.push(alone ? `<div class="formula">${shown.right}</div>` : `<p>${rendered.right}</p>`)
    return E.right(undefined)
  }
  for (let index = 0; index < lines.length; index += 1) {
    const line = at(lines, index, where)
    const heading = /^(#{1,4})\s+(.*)$/u.exec(line)
    if (line.startsWith('```')) {
      const flushed = flush()
      if (E.isLeft(flushed)) return flushed
      const code: string[] = []
      index += 1
      while (index < lines.length && !at(lines, index, where).startsWith('```')) {
        code.push(at(lines, index, where))
        index += 1
      }
      blocks.push(`<pre>${escapeHtml(code.join('\n'))}</pre>`)
    } else if (heading !== null) {
      const flushed = flush()
      if (E.isLeft(flushed)) return flushed
      const level = Math.min(6, at(heading, 1, where).length + headingShift)
      const title = renderInline(at(heading, 2, where))
      if (E.isLeft(title)) return title
      blocks.push(`<h${level}>${title.right}</h${level}>`)
    } else if (/^[-*]\s+/u.test(line)) {
      if (paragraph.length > 0) {
        const flushed = flush()
        if (E.isLeft(flushed)) return flushed
      }
      items.push(line.replace(/^[-*]\s+/u, '').trim())
    } else if (line.trim() === '') {
      const flushed = flush()
      if (E.isLeft(flushed)) return flushed
    } else if (items.length > 0 && /^\s+\S/u.test(line)) {
      items[items.length - 1] = `${at(items, items.length - 1, where)} ${line.trim()}`
    } else {
      if (items.length > 0) {
        const flushed = flush()
        if (E.isLeft(flushed)) return flushed
      }
      paragraph.push(line.trim())
    }
  }
  const flushed = flush()
  if (E.isLeft(flushed)) return flushed
  return E.right(trusted(blocks.join('\n')))
}
