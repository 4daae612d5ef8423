// Writing a figure: a Vega-Lite spec or a DOT graph rendered to SVG, then to a PNG at twice the
// size, both written through the World as DIR/NAME.svg and DIR/NAME.png. Laws: the PNG is always
// written; an SVG over 1 MB (a heatmap of tens of thousands of cells) is not, only its PNG, and the
// written figure says so in a note (never dropped silently); an SVG over 400 kB is written but not
// offered for inlining, so a page shows its PNG instead.

import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { dotToSvg } from './render-dot.js'
import { rasterizeSvg } from './render-png.js'
import { renderVegaLiteSvg, type VegaLiteSpec } from './render-vega.js'
import type { World } from './world.js'

/** What a figure is made from: a Vega-Lite spec (`viz.VegaLiteSpec`) or a DOT graph. */
export type FigureSource =
  | { readonly kind: 'vega-lite'; readonly spec: VegaLiteSpec }
  | { readonly kind: 'dot'; readonly dot: string }

/** A written figure: its files (paths as written), the SVG text for inlining, its size. */
export interface WrittenFigure {
  readonly name: string
  /** DIR/NAME.svg; absent when the SVG was too large to keep (over `largeSvgBytes`). */
  readonly svg?: string
  /** DIR/NAME.png, at `pngScale` times the figure's size. */
  readonly png: string
  /**
   * The SVG ready to paste into HTML (no XML prolog, DOCTYPE, comments or namespace URLs);
   * absent when the SVG is over `inlineSvgBytes` (a page shows the PNG instead).
   */
  readonly svgText?: string
  /** The SVG as rendered, whether or not it was written (a page can rasterise it again). */
  readonly rendered: string
  /** The figure's size in CSS pixels (the SVG's, not the PNG's). */
  readonly width: number
  readonly height: number
  /**
   * Why the SVG was not kept and what stands in for it (`boundary.svg not kept: …; boundary.png
   * stands in for it`); absent when the SVG was written.
   */
  readonly note?: string
}

/** SVGs larger than this many bytes (UTF-8) are not written: only the PNG is. */
export const largeSvgBytes = 1_000_000

/**
 * SVGs larger than this many bytes are written but not offered for inlining: the decision
 * boundaries (≈ 650 kB of band rectangles) would double a report's size, their PNGs do not.
 */
export const inlineSvgBytes = 400_000

/**
 * The sizes (in UTF-8 bytes) over which an SVG is not written, or not offered for inlining; the
 * defaults are `largeSvgBytes` and `inlineSvgBytes`.
 */
export interface SvgLimits {
  readonly keepBytes: number
  readonly inlineBytes: number
}

/** The limits `writeFigure` applies unless told others. */
export const defaultSvgLimits: SvgLimits = Object.freeze({
  keepBytes: largeSvgBytes,
  inlineBytes: inlineSvgBytes,
})

/** A byte count as people read it: `1.31 MB`, `412 kB`, `980 B` (decimal units). */
const formatBytes = (bytes: number): string =>
  bytes >= 1_000_000
    ? `${Number((bytes / 1_000_000).toPrecision(3))} MB`
    : bytes >= 1000
      ? `${Number((bytes / 1000).toPrecision(3))} kB`
      : `${bytes} B`

/**
 * The note of an SVG too large to keep: its name, its size, the limit, and the PNG that stands in.
 *
 * @example
 * import assert from 'node:assert'
 * import { oversizedSvgNote } from './figures.js'
 * assert.strictEqual(oversizedSvgNote('boundary', 1_310_000, 1_000_000),
 *   'boundary.svg not kept: its 1.31 MB are over the 1 MB limit; boundary.png stands in for it')
 */
export const oversizedSvgNote = (name: string, bytes: number, limit: number): string =>
  `${name}.svg not kept: its ${formatBytes(bytes)} are over the ${formatBytes(limit)} limit; ${name}.png stands in for it`

/** The PNG's scale relative to the SVG: sharp on high-density screens and in print. */
export const pngScale = 2

const validName = /^[\w][\w.-]*$/u

/**
 * An SVG document as an HTML fragment: the XML declaration, DOCTYPE and comments removed, and the
 * `xmlns` attributes dropped (HTML's parser knows SVG without them), so the text holds no URL.
 *
 * @example
 * import assert from 'node:assert'
 * import { inlineSvg } from './figures.js'
 * const svg = '<?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n<!-- made by dot -->\n<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="4"><g/></svg>\n'
 * assert.strictEqual(inlineSvg(svg), '<svg width="4"><g/></svg>')
 */
export const inlineSvg = (svg: string): string =>
  svg
    .replace(/<\?xml[\s\S]*?\?>/gu, '')
    .replace(/<!DOCTYPE[^>]*>/giu, '')
    .replace(/<!--[\s\S]*?-->/gu, '')
    .replace(/\s+xmlns(?::\w+)?="[^"]*"/gu, '')
    .trim()

const renderSvg = (source: FigureSource): Promise<E.Either<string, string>> =>
  source.kind === 'vega-lite' ? renderVegaLiteSvg(source.spec) : dotToSvg(source.dot)

/**
 * Renders a figure and writes it as DIR/NAME.svg and DIR/NAME.png (the PNG at `pngScale`×).
 * When the SVG exceeds `limits.keepBytes` (`largeSvgBytes`) only the PNG is written, `svg` and
 * `svgText` are absent and `note` says so (`oversizedSvgNote`); over `limits.inlineBytes`
 * (`inlineSvgBytes`) the SVG is written but `svgText` is absent.
 * A bad spec, bad DOT, missing fonts or a refused write resolve to a one-line Left naming the
 * figure; the promise never rejects.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { writeFigure } from './figures.js'
 * const written: string[] = []
 * const world = {
 *   print: () => undefined, warn: () => undefined, isTerminal: false, columns: 80,
 *   readText: () => E.left('none'), readBytes: () => E.left('none'), listDirectory: () => E.right(undefined),
 *   writeText: (path: string) => { written.push(path); return E.right(undefined) },
 *   writeBytes: (path: string) => { written.push(path); return E.right(undefined) },
 *   joinPath: (...parts: readonly string[]) => parts.join('/'),
 * }
 * const figure = await writeFigure(world, 'out', 'graph', { kind: 'dot', dot: 'digraph { x -> L }' })
 * assert.ok(E.isRight(figure))
 * assert.deepStrictEqual(written, ['out/graph.svg', 'out/graph.png'])
 * assert.strictEqual(figure.right.png, 'out/graph.png')
 */
export const writeFigure = async (
  world: World,
  directory: string,
  name: string,
  source: FigureSource,
  limits: SvgLimits = defaultSvgLimits,
): Promise<E.Either<string, WrittenFigure>> => {
  if (!validName.test(name)) {
    return E.left(`writeFigure: '${name}' is not a plain file name (letters, digits, _ . -)`)
  }
  const named = E.mapLeft((reason: string) => `writeFigure ${name}: ${reason}`)
  const rendered = await renderSvg(source)
  return pipe(
    named(rendered),
    E.bindTo('text'),
    E.bind('image', ({ text }) => named(rasterizeSvg(text, { scale: pngScale }))),
    E.chain(({ text, image }) => {
      const png = world.joinPath(directory, `${name}.png`)
      const svg = world.joinPath(directory, `${name}.svg`)
      const size = { rendered: text, width: image.width, height: image.height }
      const bytes = new TextEncoder().encode(text).length
      const kept = bytes <= limits.keepBytes
      return pipe(
        kept ? named(world.writeText(svg, text)) : E.right(undefined),
        E.chain(() => named(world.writeBytes(png, image.png))),
        E.map((): WrittenFigure =>
          kept
            ? {
                name,
                svg,
                png,
                ...(bytes <= limits.inlineBytes ? { svgText: inlineSvg(text) } : {}),
                ...size,
              }
            : { name, png, ...size, note: oversizedSvgNote(name, bytes, limits.keepBytes) },
        ),
      )
    }),
  )
}
