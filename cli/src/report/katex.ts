// TeX to HTML with KaTeX, rendered in Node so the report needs no script to show its formulas.
// Law: a formula KaTeX cannot parse is a Left naming the formula and KaTeX's reason — never an
// error box in the page and never an exception.

import * as E from 'fp-ts/lib/Either.js'
import katex from 'katex'

/** Inline (`$…$`, in a line of text) or display (`$$…$$`, a block of its own). */
export type TexMode = 'inline' | 'display'

/**
 * KaTeX's HTML (with MathML for screen readers) for one TeX formula; the page needs KaTeX's CSS
 * (see `assets.ts`). `displayStyle` sets an inline formula at full size (fractions in a list or a
 * table cell). Left `KaTeX cannot render '<tex>': <reason>` for a formula it cannot parse.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { renderTex } from './katex.js'
 * const html = renderTex('\\frac{\\partial L}{\\partial z}', 'inline')
 * assert.ok(E.isRight(html) && html.right.includes('class="katex"'))
 * const bad = renderTex('\\frac{1}{', 'display')
 * assert.ok(E.isLeft(bad) && bad.left.startsWith("KaTeX cannot render '\\frac{1}{': "))
 */
export const renderTex = (
  tex: string,
  mode: TexMode,
  options: { readonly displayStyle?: boolean } = {},
): E.Either<string, string> => {
  try {
    const source = options.displayStyle === true ? `\\displaystyle ${tex}` : tex
    const html = katex.renderToString(source, {
      displayMode: mode === 'display',
      throwOnError: true,
      output: 'htmlAndMathml',
      strict: 'ignore',
    })
    // HTML's parser puts <math> in the MathML namespace by itself; the attribute is not needed.
    return E.right(html.replaceAll(' xmlns="http://www.w3.org/1998/Math/MathML"', ''))
  } catch (error: unknown) {
    const reason = error instanceof Error ? error.message.replace(/\s+/gu, ' ') : String(error)
    return E.left(`KaTeX cannot render '${tex}': ${reason}`)
  }
}
