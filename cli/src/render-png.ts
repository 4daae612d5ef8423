// SVG to PNG with @resvg/resvg-js, with the DejaVu fonts of fonts.ts loaded explicitly and the
// system's never consulted, so a figure looks the same on every machine. Laws: text is drawn or
// the call is a Left (no font, no PNG); a bad SVG or scale is a one-line Left, never a throw.

import { Resvg } from '@resvg/resvg-js'
import * as E from 'fp-ts/lib/Either.js'
import { figureFontFamily, fontFiles } from './fonts.js'

/** How to rasterise: `scale` multiplies the SVG's size (1 by default; figures use 2). */
export interface PngOptions {
  readonly scale?: number
}

/** An image's pixels: `width` × `height`, four bytes each (red, green, blue, alpha), row by row. */
export interface RgbaImage {
  readonly width: number
  readonly height: number
  readonly rgba: Uint8Array
}

/**
 * A rasterised SVG: the PNG file's bytes, the SVG's own size in CSS pixels (before scaling) and
 * the same picture's pixels (at the scale: `pixels.width` is about `width × scale`).
 */
export interface RasterizedSvg {
  readonly png: Uint8Array
  readonly width: number
  readonly height: number
  readonly pixels: RgbaImage
}

/** The largest scale accepted: beyond it a figure's PNG would be tens of megabytes. */
export const maximumScale = 8

/** The first line of an error's message (all of it when it has one line). */
const oneLine = (error: unknown): string => {
  const message = error instanceof Error ? error.message : String(error)
  const end = message.indexOf('\n')
  return end < 0 ? message : message.slice(0, end)
}

/**
 * Renders an SVG document to a PNG and reports the SVG's size; see `svgToPng`.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { rasterizeSvg } from './render-png.js'
 * const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="30" height="20"><circle cx="10" cy="10" r="5"/></svg>'
 * const image = rasterizeSvg(svg, { scale: 2 })
 * assert.ok(E.isRight(image))
 * assert.deepStrictEqual([image.right.width, image.right.height], [30, 20])
 * assert.deepStrictEqual([image.right.pixels.width, image.right.pixels.height], [60, 40])
 * assert.strictEqual(image.right.pixels.rgba.length, 60 * 40 * 4)
 */
export const rasterizeSvg = (
  svg: string,
  options: PngOptions = {},
): E.Either<string, RasterizedSvg> => {
  const scale = options.scale ?? 1
  if (!Number.isFinite(scale) || scale <= 0 || scale > maximumScale) {
    return E.left(`svgToPng: scale must be a number in (0, ${maximumScale}], got ${scale}`)
  }
  return E.chain((fonts: readonly string[]) => {
    try {
      const renderer = new Resvg(svg, {
        font: {
          loadSystemFonts: false,
          fontFiles: [...fonts],
          defaultFontFamily: figureFontFamily,
          sansSerifFamily: figureFontFamily,
          serifFamily: 'DejaVu Serif',
          monospaceFamily: 'DejaVu Sans Mono',
        },
        fitTo: { mode: 'zoom', value: scale },
        background: 'white',
        logLevel: 'off',
      })
      const rendered = renderer.render()
      const png = rendered.asPng()
      const rgba = rendered.pixels
      return E.right({
        png: new Uint8Array(png.buffer, png.byteOffset, png.byteLength),
        width: renderer.width,
        height: renderer.height,
        pixels: {
          width: rendered.width,
          height: rendered.height,
          rgba: new Uint8Array(rgba.buffer, rgba.byteOffset, rgba.byteLength),
        },
      })
    } catch (error: unknown) {
      return E.left(`svgToPng: cannot render the SVG: ${oneLine(error)}`)
    }
  })(fontFiles())
}

/**
 * Renders an SVG document to its pixels (RGBA, opaque on white) at `scale`; see `svgToPng`.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { svgToRgba } from './render-png.js'
 * const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="2"><rect width="2" height="2" fill="#f00"/></svg>'
 * const image = svgToRgba(svg)
 * assert.ok(E.isRight(image))
 * assert.deepStrictEqual([...image.right.rgba.subarray(0, 4)], [255, 0, 0, 255]) // red
 * assert.deepStrictEqual([...image.right.rgba.subarray(12, 16)], [255, 255, 255, 255]) // white
 */
export const svgToRgba = (svg: string, options: PngOptions = {}): E.Either<string, RgbaImage> =>
  E.map((image: RasterizedSvg) => image.pixels)(rasterizeSvg(svg, options))

/**
 * Renders an SVG document to PNG bytes at `scale` (1 by default) on a white background, with
 * the DejaVu fonts loaded explicitly (generic `sans-serif`, `serif` and `monospace` map to
 * DejaVu Sans, Serif and Sans Mono). A Left names the problem: no fonts, a bad SVG, a bad scale.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { svgToPng } from './render-png.js'
 * const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><text x="2" y="15">Hi</text></svg>'
 * const png = svgToPng(svg, { scale: 2 })
 * assert.ok(E.isRight(png))
 * assert.deepStrictEqual([...png.right.subarray(1, 4)], [0x50, 0x4e, 0x47]) // 'PNG'
 * assert.ok(E.isLeft(svgToPng('<svg', {})))
 */
export const svgToPng = (svg: string, options: PngOptions = {}): E.Either<string, Uint8Array> =>
  E.map((image: RasterizedSvg) => image.png)(rasterizeSvg(svg, options))
