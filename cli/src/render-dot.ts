// DOT to SVG with @hpcc-js/wasm-graphviz: Graphviz compiled to WebAssembly, so no native `dot` is
// needed. The module is loaded once and the promise cached. Laws: a DOT syntax error is a one-line
// Left, never a throw; nodes and edges without a font of their own are laid out in DejaVu Sans.

import { Graphviz } from '@hpcc-js/wasm-graphviz'
import * as E from 'fp-ts/lib/Either.js'
import { figureFontFamily } from './fonts.js'

/** The first line of an error's message (all of it when it has one line). */
const oneLine = (error: unknown): string => {
  const message = error instanceof Error ? error.message : String(error)
  const end = message.indexOf('\n')
  return end < 0 ? message : message.slice(0, end)
}

let graphviz: Promise<E.Either<string, Graphviz>> | undefined

/** Graphviz, loaded on first use and shared afterwards (a failed load is remembered too). */
const loadGraphviz = (): Promise<E.Either<string, Graphviz>> => {
  graphviz ??= Graphviz.load().then(
    (loaded) => E.right(loaded),
    (error: unknown) => E.left(`dotToSvg: cannot load Graphviz (WebAssembly): ${oneLine(error)}`),
  )
  return graphviz
}

/** The graph's opening line: `[strict] graph|digraph [id] {`, after comments and blank lines. */
const graphOpening =
  /^(?:\s|\/\/[^\n]*\n|#[^\n]*\n|\/\*[\s\S]*?\*\/)*(?:strict\s+)?(?:di)?graph\s*(?:"(?:[^"\\]|\\.)*"|[\w.]+)?\s*\{/iu

/**
 * The DOT with DejaVu Sans as the default font of the graph, its nodes and its edges (inserted
 * right after the opening brace, so the DOT's own `fontname` settings still win). Graphviz then
 * measures labels with the metrics of the one font the PNG renderer has.
 *
 * @example
 * import assert from 'node:assert'
 * import { withDefaultFont } from './render-dot.js'
 * assert.strictEqual(
 *   withDefaultFont('digraph G { a -> b }'),
 *   'digraph G { graph [fontname="DejaVu Sans"]; node [fontname="DejaVu Sans"]; edge [fontname="DejaVu Sans"]; a -> b }',
 * )
 */
export const withDefaultFont = (dot: string): string => {
  const opening = graphOpening.exec(dot)
  if (opening === null) return dot
  const font = `fontname="${figureFontFamily}"`
  const defaults = ` graph [${font}]; node [${font}]; edge [${font}];`
  return dot.slice(0, opening[0].length) + defaults + dot.slice(opening[0].length)
}

/**
 * Lays out a DOT graph with Graphviz's `dot` engine and returns the SVG document. Labels default
 * to DejaVu Sans (see `withDefaultFont`). A syntax error resolves to a one-line Left naming the
 * line; the promise never rejects.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { dotToSvg } from './render-dot.js'
 * const svg = await dotToSvg('digraph { x -> L [label="∂L/∂x"] }')
 * assert.ok(E.isRight(svg) && svg.right.includes('<title>x&#45;&gt;L</title>'))
 * assert.ok(E.isRight(svg) && svg.right.includes('∂L/∂x'))
 * const broken = await dotToSvg('digraph { x -> }')
 * assert.ok(E.isLeft(broken) && broken.left.startsWith('dotToSvg: Graphviz cannot read the DOT'))
 */
export const dotToSvg = async (dot: string): Promise<E.Either<string, string>> => {
  const loaded = await loadGraphviz()
  return E.chain((engine: Graphviz) => {
    try {
      return E.right(engine.dot(withDefaultFont(dot)))
    } catch (error: unknown) {
      return E.left(`dotToSvg: Graphviz cannot read the DOT: ${oneLine(error)}`)
    }
  })(loaded)
}
