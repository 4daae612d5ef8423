// SVG to PNG: the decoder the tests use is itself checked (all five filters, RGB and RGBA, and
// against resvg's own pixels); the PNG has the expected size; text is PROVEN drawn — ink inside the
// text's box, none where nothing was drawn, and none at all when the same SVG is rendered without
// fonts (the silent failure this module exists to prevent); bad input is a one-line Left.

import { Resvg } from '@resvg/resvg-js'
import { deflateSync } from 'node:zlib'
import { describe, expect, test } from 'vitest'
import { rasterizeSvg, svgToPng, svgToRgba } from '../src/render-png.js'
import { left, right } from '../../test/support/either.js'
import { decodePng, inkInside } from './support/png.js'

/** A chunk: length, type, data, CRC (the decoder ignores the CRC; it is written anyway). */
const chunk = (type: string, data: Uint8Array): Uint8Array => {
  const out = new Uint8Array(12 + data.length)
  const view = new DataView(out.buffer)
  view.setUint32(0, data.length)
  out.set(new TextEncoder().encode(type), 4)
  out.set(data, 8)
  return out
}

/**
 * Encodes RGB(A) rows with the given filter per row, filtering exactly as the PNG specification
 * writes it (an encoder independent of the decoder under test).
 */
const encodePng = (
  width: number,
  rows: readonly (readonly number[])[],
  channels: 3 | 4,
  filters: readonly number[],
): Uint8Array => {
  const stride = width * channels
  const at = (row: number, index: number): number =>
    row < 0 || index < 0 ? 0 : (rows[row]?.[index] ?? 0)
  const predictor = (filter: number, row: number, index: number): number => {
    const a = at(row, index - channels)
    const b = at(row - 1, index)
    const c = at(row - 1, index - channels)
    if (filter === 1) return a
    if (filter === 2) return b
    if (filter === 3) return Math.floor((a + b) / 2)
    if (filter === 4) {
      const p = a + b - c
      const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)]
      return pa <= pb && pa <= pc ? a : pb <= pc ? b : c
    }
    return 0
  }
  const raw = rows.flatMap((row, rowIndex) => {
    const filter = filters[rowIndex] ?? 0
    return [
      filter,
      ...row.map((value, index) => (value - predictor(filter, rowIndex, index) + 256) & 0xff),
    ]
  })
  expect(raw.length).toBe(rows.length * (stride + 1))
  const header = new Uint8Array(13)
  new DataView(header.buffer).setUint32(0, width)
  new DataView(header.buffer).setUint32(4, rows.length)
  header.set([8, channels === 4 ? 6 : 2, 0, 0, 0], 8)
  const parts = [
    Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Uint8Array.from(raw))),
    chunk('IEND', new Uint8Array(0)),
  ]
  return Uint8Array.from(parts.flatMap((part) => [...part]))
}

/** Rows of pseudo-random bytes (a fixed linear congruential sequence, not Math.random). */
const noiseRows = (width: number, height: number, channels: number): number[][] => {
  let state = 12345
  return Array.from({ length: height }, () =>
    Array.from({ length: width * channels }, () => {
      state = (state * 1103515245 + 12345) % 2147483648
      return state >> 23
    }),
  )
}

const withoutFonts = (svg: string): Uint8Array => {
  const png = new Resvg(svg, {
    font: { loadSystemFonts: false, fontFiles: [] },
    background: 'white',
    logLevel: 'off',
  })
    .render()
    .asPng()
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength)
}

describe('the test PNG decoder', () => {
  test.each([[3 as const], [4 as const]])(
    'decodes %i-channel images written with each of the five filters',
    (channels) => {
      const width = 7
      const rows = noiseRows(width, 10, channels)
      const filters = [0, 1, 2, 3, 4, 4, 3, 2, 1, 0]
      const image = decodePng(encodePng(width, rows, channels, filters))
      expect([image.width, image.height]).toStrictEqual([7, 10])
      const expected = rows.flatMap((row) =>
        Array.from({ length: width }, (_, x) => [
          row[x * channels] ?? -1,
          row[x * channels + 1] ?? -1,
          row[x * channels + 2] ?? -1,
          channels === 4 ? (row[x * channels + 3] ?? -1) : 255,
        ]).flat(),
      )
      expect([...image.pixels]).toStrictEqual(expected)
    },
  )

  test('agrees with resvg’s own pixels on a rendered figure', () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="50" height="30">' +
      '<rect x="3" y="4" width="20" height="9" fill="#3a7"/><circle cx="35" cy="18" r="9" fill="rgba(200,30,30,0.5)"/></svg>'
    const rendered = new Resvg(svg, { background: 'white' }).render()
    const image = decodePng(new Uint8Array(rendered.asPng()))
    expect([image.width, image.height]).toStrictEqual([rendered.width, rendered.height])
    expect([...image.pixels]).toStrictEqual([...rendered.pixels])
  })

  test('refuses what is not a PNG', () => {
    expect(() => decodePng(Uint8Array.from([1, 2, 3]))).toThrow(/not a PNG/u)
  })
})

describe('svgToPng', () => {
  const textSvg =
    '<svg xmlns="http://www.w3.org/2000/svg" width="240" height="60">' +
    '<text x="20" y="40" font-family="DejaVu Sans" font-size="28">Backprop</text></svg>'
  // "Backprop" at 28 px starts at x = 20 and spans about 130 px; caps reach ~20 px above the
  // baseline y = 40 and the 'p' descenders ~6 px below it.
  const textBox = { x: 20, y: 18, width: 140, height: 30 }

  test('draws text: ink inside the text’s box, none outside it, at the requested scale', () => {
    const image = decodePng(right(svgToPng(textSvg, { scale: 2 })))
    expect([image.width, image.height]).toStrictEqual([480, 120])
    const scaled = (box: typeof textBox) => ({
      x: box.x * 2,
      y: box.y * 2,
      width: box.width * 2,
      height: box.height * 2,
    })
    const inside = inkInside(image, scaled(textBox))
    expect(inside).toBeGreaterThan(1500)
    // All the ink is the text's: the whole image holds no more than the box does.
    expect(inkInside(image, { x: 0, y: 0, width: 480, height: 120 })).toBe(inside)
  })

  test('the same SVG without fonts has no ink at all (what svgToPng must never do)', () => {
    const image = decodePng(withoutFonts(textSvg))
    expect(inkInside(image, { x: 0, y: 0, width: image.width, height: image.height })).toBe(0)
  })

  test('generic serif and sans-serif families are drawn with DejaVu too', () => {
    for (const family of ['serif', 'sans-serif', 'Times,serif', 'monospace']) {
      const svg = textSvg.replace('font-family="DejaVu Sans"', `font-family="${family}"`)
      expect(inkInside(decodePng(right(svgToPng(svg))), textBox), family).toBeGreaterThan(300)
    }
  })

  test('reports the SVG’s own size; the default scale is 1 and the background white', () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="30" height="12"><rect width="1" height="1"/></svg>'
    const rasterized = right(rasterizeSvg(svg, { scale: 3 }))
    expect([rasterized.width, rasterized.height]).toStrictEqual([30, 12])
    expect([decodePng(rasterized.png).width, decodePng(rasterized.png).height]).toStrictEqual([
      90, 36,
    ])
    const image = decodePng(right(svgToPng(svg)))
    expect([image.width, image.height]).toStrictEqual([30, 12])
    expect([...image.pixels.subarray(4 * 29, 4 * 30)]).toStrictEqual([255, 255, 255, 255])
  })

  test('the pixels are the PNG’s pixels, at the scale', () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10"><circle cx="5" cy="5" r="4" fill="#36c"/></svg>'
    const rasterized = right(rasterizeSvg(svg, { scale: 2 }))
    const png = decodePng(rasterized.png)
    expect([rasterized.pixels.width, rasterized.pixels.height]).toStrictEqual([40, 20])
    expect(Buffer.from(rasterized.pixels.rgba).equals(Buffer.from(png.pixels))).toBe(true)
    expect(
      Buffer.from(right(svgToRgba(svg, { scale: 2 })).rgba).equals(Buffer.from(png.pixels)),
    ).toBe(true)
    // the circle's centre is drawn in its colour; the far corner is the white background
    expect([...png.pixels.subarray((10 * 40 + 10) * 4, (10 * 40 + 10) * 4 + 4)]).toStrictEqual([
      0x33, 0x66, 0xcc, 255,
    ])
    expect(left(svgToRgba(svg, { scale: 0 }))).toMatch(/scale must be/u)
  })

  test.each([[0], [-1], [Number.NaN], [9]])('scale %d is a one-line Left', (scale) => {
    expect(left(svgToPng(textSvg, { scale }))).toMatch(/^svgToPng: scale must be a number in/u)
  })

  test('a broken SVG is a one-line Left, not a throw', () => {
    const message = left(svgToPng('<svg xmlns="http://www.w3.org/2000/svg"><rect'))
    expect(message).toMatch(/^svgToPng: cannot render the SVG: /u)
    expect(message).not.toContain('\n')
  })
})
