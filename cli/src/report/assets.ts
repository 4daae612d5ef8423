// KaTeX's stylesheet made self-contained: every @font-face source becomes the woff2 font itself
// as a base64 data URL, so the report shows its formulas offline from file://. Law: the result
// has no url() left that is not a data: URL; a font the CSS names but nobody supplied is a Left.

import { linalg } from 'gradfold'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { dataUrl } from './html.js'

// checked reads bound once, as the library binds its own (a module const V8 folds)
const { at } = linalg.checked

/** `src:` lists of @font-face rules: one or more `url(…) format(…)` entries. */
const fontSources = /src:\s*((?:url\([^)]*\)\s*(?:format\([^)]*\))?\s*,?\s*)+)/gu
const woff2Url = /url\(\s*["']?([^"')]*?([^/"')]+\.woff2))["']?\s*\)/u

/**
 * The woff2 file names a KaTeX stylesheet's @font-face rules load, in order of appearance.
 *
 * @example
 * import assert from 'node:assert'
 * import { fontNames } from './assets.js'
 * const css = '@font-face{font-family:A;src:url(fonts/A.woff2) format("woff2"),url(fonts/A.woff) format("woff")}'
 * assert.deepStrictEqual(fontNames(css), ['A.woff2'])
 */
export const fontNames = (css: string): readonly string[] =>
  [...css.matchAll(fontSources)].flatMap((match) => {
    const name = woff2Url.exec(at(match, 1, 'fontNames'))?.[2]
    return name === undefined ? [] : [name]
  })

/**
 * Replaces each @font-face `src:` list by the woff2 font it names, inlined as a data URL (the woff
 * and ttf fallbacks are dropped: every browser that runs the report reads woff2). Left naming the
 * font when `fonts` lacks one, or the rule when it has no woff2 source at all.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { inlineFonts } from './assets.js'
 * const css = '@font-face{font-family:A;src:url(fonts/A.woff2) format("woff2"),url(fonts/A.ttf) format("truetype")}'
 * const inlined = inlineFonts(css, new Map([['A.woff2', new Uint8Array([1, 2, 3])]]))
 * assert.deepStrictEqual(inlined, E.right('@font-face{font-family:A;src:url(data:font/woff2;base64,AQID) format("woff2")}'))
 * assert.deepStrictEqual(inlineFonts(css, new Map()), E.left('KaTeX CSS: no font file A.woff2 to inline'))
 */
export const inlineFonts = (
  css: string,
  fonts: ReadonlyMap<string, Uint8Array>,
): E.Either<string, string> => {
  let problem: string | undefined
  const inlined = css.replace(fontSources, (whole: string, sources: string) => {
    const name = woff2Url.exec(sources)?.[2]
    if (name === undefined) {
      problem ??= `KaTeX CSS: a font rule has no woff2 source (${whole.slice(0, 80)})`
      return whole
    }
    const bytes = fonts.get(name)
    if (bytes === undefined) {
      problem ??= `KaTeX CSS: no font file ${name} to inline`
      return whole
    }
    return `src:url(${dataUrl('font/woff2', bytes)}) format("woff2")`
  })
  if (problem !== undefined) return E.left(problem)
  const remote = /url\(\s*["']?(?!data:)([^"')]*)/u.exec(inlined)
  return remote === null
    ? E.right(inlined)
    : E.left(
        `KaTeX CSS: url(${at(remote, 1, 'inlineFonts')}) is still a file reference after inlining`,
      )
}

/**
 * Reads KaTeX's minified stylesheet and its woff2 fonts from the installed `katex` package and
 * inlines them (`inlineFonts`); Left with a one-line reason when a file cannot be read.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { katexStylesheet } from './assets.js'
 * const css = katexStylesheet()
 * assert.ok(E.isRight(css) && css.right.includes('url(data:font/woff2;base64,'))
 */
export const katexStylesheet = (): E.Either<string, string> => {
  try {
    const require = createRequire(import.meta.url)
    const directory = join(dirname(require.resolve('katex/package.json')), 'dist')
    const css = readFileSync(join(directory, 'katex.min.css'), 'utf8')
    const fonts = new Map(
      fontNames(css).map((name) => [
        name,
        new Uint8Array(readFileSync(join(directory, 'fonts', name))),
      ]),
    )
    return inlineFonts(css, fonts)
  } catch (error: unknown) {
    return E.left(
      `cannot read KaTeX's stylesheet: ${error instanceof Error ? error.message : String(error)}`,
    )
  }
}
