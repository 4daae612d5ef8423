// Vega-Lite to SVG in Node: the marks are there (one symbol per data point, a line, rects), the
// axis titles are there, in DejaVu Sans, and — rendered on to PNG — drawn as ink where the SVG puts
// them; a URL in a spec is refused, not fetched; a bad spec is a one-line Left; warnings go to
// the caller, never to the console.

import { afterEach, describe, expect, test, vi } from 'vitest'
import { svgToPng } from '../src/render-png.js'
import { renderVegaLiteSvg, type VegaLiteSpec } from '../src/render-vega.js'
import { left, right } from '../../test/support/either.js'
import { decodePng, inkInside } from './support/png.js'

afterEach(() => {
  vi.restoreAllMocks()
})

const points = [
  { epoch: 1, loss: 0.9 },
  { epoch: 2, loss: 0.5 },
  { epoch: 3, loss: 0.3 },
  { epoch: 4, loss: 0.2 },
  { epoch: 5, loss: 0.15 },
]

const scatter: VegaLiteSpec = {
  width: 200,
  height: 100,
  config: { font: 'DejaVu Sans' },
  data: { values: points },
  mark: 'point',
  encoding: {
    x: { field: 'epoch', type: 'quantitative', title: 'Epoch' },
    y: { field: 'loss', type: 'quantitative', title: 'Loss', scale: { type: 'log' } },
  },
}

/** How often `needle` occurs in `text`. */
const count = (text: string, needle: string): number => text.split(needle).length - 1

/**
 * Where the SVG anchors the text element whose content is `content`: the sum of the
 * `translate(x,y)` of every enclosing group and of the text itself (Vega writes only those).
 */
const textAnchor = (svg: string, content: string): { x: number; y: number } => {
  const stack: { x: number; y: number }[] = [{ x: 0, y: 0 }]
  const translation = (attributes: string): { x: number; y: number } => {
    const match = /transform="translate\(([-\d.e]+),([-\d.e]+)\)/u.exec(attributes)
    return { x: Number(match?.[1] ?? 0), y: Number(match?.[2] ?? 0) }
  }
  for (const tag of svg.matchAll(/<(\/?)(g|text)\b([^>]*)>([^<]*)/gu)) {
    const [, closing, name, attributes = '', after] = tag
    const top = stack.at(-1) ?? { x: 0, y: 0 }
    if (name === 'g' && closing === '') {
      const own = translation(attributes)
      if (!attributes.endsWith('/')) stack.push({ x: top.x + own.x, y: top.y + own.y })
    } else if (name === 'g') {
      stack.pop()
    } else if (closing === '' && after === content) {
      const own = translation(attributes)
      return { x: top.x + own.x, y: top.y + own.y }
    }
  }
  throw new Error(`no <text> reading '${content}'`)
}

describe('renderVegaLiteSvg', () => {
  test('a scatter plot: one symbol per point, both axis titles, the configured font', async () => {
    const svg = right(await renderVegaLiteSvg(scatter))
    expect(svg).toMatch(/^<svg /u)
    expect(count(svg, 'aria-roledescription="point"')).toBe(points.length)
    expect(svg).toMatch(/role-axis-title[^>]*>\s*<text[^>]*>Epoch<\/text>/u)
    expect(svg).toMatch(/role-axis-title[^>]*>\s*<text[^>]*>Loss<\/text>/u)
    expect(svg).toContain('font-family="DejaVu Sans"')
    expect(svg).not.toMatch(/font-family="(?!DejaVu Sans")/u)
  })

  test('a line and a layered bar chart draw their marks', async () => {
    const line = right(await renderVegaLiteSvg({ ...scatter, mark: 'line' }))
    expect(count(line, 'role-mark')).toBe(1)
    expect(line).toMatch(/aria-roledescription="line mark container"/u)
    const bars = right(
      await renderVegaLiteSvg({
        width: 100,
        height: 60,
        data: { values: points },
        layer: [
          {
            mark: 'bar',
            encoding: {
              x: { field: 'epoch', type: 'ordinal' },
              y: { field: 'loss', type: 'quantitative' },
            },
          },
          { mark: 'rule', encoding: { y: { datum: 0.5 } } },
        ],
      }),
    )
    expect(count(bars, 'aria-roledescription="bar"')).toBe(points.length)
    expect(count(bars, 'role-mark')).toBe(2)
  })

  test('the axis title is drawn: ink where the SVG anchors it once rendered to PNG', async () => {
    const svg = right(await renderVegaLiteSvg(scatter))
    const anchor = textAnchor(svg, 'Epoch')
    const image = decodePng(right(svgToPng(svg, { scale: 2 })))
    // 'Epoch' in 11 px bold, centred on the anchor, sitting on it as a baseline: about 35 × 11 px.
    const box = { x: (anchor.x - 22) * 2, y: (anchor.y - 10) * 2, width: 44 * 2, height: 13 * 2 }
    expect(inkInside(image, box)).toBeGreaterThan(150)
    // Below the title the figure is blank, so the ink above is the title's.
    expect(inkInside(image, { x: 0, y: (anchor.y + 4) * 2, width: image.width, height: 40 })).toBe(
      0,
    )
  })

  test('a spec that names a URL is refused, not fetched', async () => {
    const message = left(
      await renderVegaLiteSvg({ data: { url: 'https://example.com/moons.csv' }, mark: 'point' }),
    )
    expect(message).toBe(
      "renderVegaLiteSvg: figures render offline: the spec asks to load 'https://example.com/moons.csv' — put the data inline as values",
    )
  })

  test.each([
    ['no mark at all', { data: { values: [] } }],
    ['an unknown mark', { data: { values: [] }, mark: 'nonsense' }],
    [
      'a broken expression',
      { data: { values: [{ a: 1 }] }, transform: [{ calculate: 'foo(', as: 'b' }], mark: 'point' },
    ],
  ])('%s is a one-line Left', async (_, spec) => {
    const message = left(await renderVegaLiteSvg(spec as VegaLiteSpec))
    expect(message).toMatch(/^renderVegaLiteSvg: the spec does not render: ./u)
    expect(message).not.toContain('\n')
  })

  test('warnings reach onWarning and never the console', async () => {
    const console = [
      vi.spyOn(globalThis.console, 'warn'),
      vi.spyOn(globalThis.console, 'error'),
      vi.spyOn(globalThis.console, 'log'),
    ]
    const warnings: string[] = []
    const zeroOnLog: VegaLiteSpec = {
      ...scatter,
      data: {
        values: [
          { epoch: 1, loss: 0 },
          { epoch: 2, loss: 1 },
        ],
      },
    }
    right(await renderVegaLiteSvg(zeroOnLog, { onWarning: (message) => warnings.push(message) }))
    expect(warnings.join('\n')).toMatch(/Log scale domain includes zero/u)
    right(await renderVegaLiteSvg(zeroOnLog))
    for (const spy of console) expect(spy).not.toHaveBeenCalled()
  })
})
