// KaTeX's stylesheet, self-contained: every font the CSS names is inlined as a woff2 data URL
// (the bytes of the package's own files), nothing is left to load, and a missing font is a Left.

import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { fontNames, inlineFonts, katexStylesheet } from '../../src/report/assets.js'
import { left, right } from '../../../test/support/either.js'

const katexDist = join(
  dirname(createRequire(import.meta.url).resolve('katex/package.json')),
  'dist',
)
const originalCss = readFileSync(join(katexDist, 'katex.min.css'), 'utf8')

describe('KaTeX stylesheet', () => {
  test('names the twenty fonts of KaTeX’s @font-face rules', () => {
    const faces = originalCss.match(/@font-face/gu)?.length ?? 0
    expect(faces).toBeGreaterThanOrEqual(19)
    expect(fontNames(originalCss)).toHaveLength(faces)
    expect(fontNames(originalCss)).toContain('KaTeX_Main-Regular.woff2')
  })

  test('inlines every font as the bytes of its woff2 file and leaves no other url()', () => {
    const css = right(katexStylesheet())
    const urls = [...css.matchAll(/url\(([^)]*)\)/gu)].map((match) => match[1] ?? '')
    expect(urls).toHaveLength(fontNames(originalCss).length)
    expect(urls.every((url) => url.startsWith('data:font/woff2;base64,'))).toBe(true)
    expect(css).not.toMatch(/https?:\/\/|@import|\.woff\)|\.ttf\)/u)
    const main = readFileSync(join(katexDist, 'fonts', 'KaTeX_Main-Regular.woff2'))
    expect(css).toContain(`data:font/woff2;base64,${main.toString('base64')}`)
    // the rules themselves are kept
    expect(css).toContain('.katex{')
  })

  test('a font the CSS names but nobody supplied is a Left naming it', () => {
    expect(left(inlineFonts(originalCss, new Map()))).toBe(
      `KaTeX CSS: no font file ${fontNames(originalCss)[0] ?? ''} to inline`,
    )
  })

  test('a rule without a woff2 source is a Left', () => {
    expect(left(inlineFonts('@font-face{src:url(a.ttf) format("truetype")}', new Map()))).toMatch(
      /^KaTeX CSS: a font rule has no woff2 source/u,
    )
  })
})
