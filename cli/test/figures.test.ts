// Writing figures through the World: a chart and a graph become NAME.svg and NAME.png (at twice
// the size), the SVG text comes back ready to inline (no URL in it); a 41 580-cell heatmap (the
// notebook's prediction grid) is written as a PNG only; a failure names the figure and writes
// nothing it should not. One test goes through a real temporary directory.

import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import {
  defaultSvgLimits,
  inlineSvg,
  inlineSvgBytes,
  largeSvgBytes,
  pngScale,
  writeFigure,
  type FigureSource,
} from '../src/figures.js'
import { nodeWorld } from '../src/world.js'
import { left, right } from '../../test/support/either.js'
import { memoryWorld } from './support/memory-world.js'
import { decodePng } from './support/png.js'

const made: string[] = []
afterEach(() => {
  for (const directory of made.splice(0)) rmSync(directory, { recursive: true, force: true })
})

const chart: FigureSource = {
  kind: 'vega-lite',
  spec: {
    width: 160,
    height: 90,
    config: { font: 'DejaVu Sans' },
    data: {
      values: [
        { epoch: 0, loss: 0.69 },
        { epoch: 1, loss: 0.4 },
        { epoch: 2, loss: 0.2 },
      ],
    },
    mark: 'line',
    encoding: {
      x: { field: 'epoch', type: 'quantitative', title: 'Epoch' },
      y: { field: 'loss', type: 'quantitative', title: 'Loss', scale: { type: 'log' } },
    },
  },
}

const graphFigure: FigureSource = { kind: 'dot', dot: 'digraph { x -> L [label="∂L/∂x"] }' }

/** The notebook's meshgrid for the moons (h = 0.02): 231 × 180 = 41 580 cells. */
const heatmap = (columns = 231, rows = 180): FigureSource => {
  const values = Array.from({ length: columns * rows }, (_, index) => {
    const column = index % columns
    const row = Math.floor(index / columns)
    return { x: -1.5 + column * 0.02, y: -1 + row * 0.02, p: ((column * 7 + row * 3) % 100) / 100 }
  })
  return {
    kind: 'vega-lite',
    spec: {
      width: 400,
      height: 300,
      config: { font: 'DejaVu Sans' },
      data: { values },
      mark: 'rect',
      encoding: {
        x: { field: 'x', type: 'quantitative', bin: { step: 0.02 } },
        y: { field: 'y', type: 'quantitative', bin: { step: 0.02 } },
        color: { field: 'p', type: 'quantitative' },
      },
    },
  }
}

/** The width and height attributes of an SVG's root element. */
const svgSize = (svg: string): [number, number] => {
  const root = /<svg\b[^>]*>/u.exec(svg)?.[0] ?? ''
  return [
    Number(/\swidth="([\d.]+)/u.exec(root)?.[1]),
    Number(/\sheight="([\d.]+)/u.exec(root)?.[1]),
  ]
}

describe('writeFigure', () => {
  test('a chart: NAME.svg and NAME.png written, paths, size and inline SVG returned', async () => {
    const world = memoryWorld()
    const figure = right(await writeFigure(world, 'out/tour', 'fig_03', chart))
    const svg = world.files.get('out/tour/fig_03.svg') ?? ''
    expect(svg).toMatch(/^<svg /u)
    expect(figure).toStrictEqual({
      name: 'fig_03',
      svg: 'out/tour/fig_03.svg',
      png: 'out/tour/fig_03.png',
      svgText: inlineSvg(svg),
      rendered: svg,
      width: svgSize(svg)[0],
      height: svgSize(svg)[1],
    })
    expect(figure.svgText).not.toMatch(/https?:/u)
    expect(figure.svgText).toContain('>Epoch</text>')
    const png = decodePng(world.binaryFiles.get('out/tour/fig_03.png') ?? new Uint8Array())
    expect([png.width, png.height]).toStrictEqual([figure.width * 2, figure.height * 2])
    expect(pngScale).toBe(2)
  })

  test('an SVG over a (tiny) limit: only the PNG, and a note naming the SVG, its size, the limit and the PNG', async () => {
    const world = memoryWorld()
    const limits = { keepBytes: 2000, inlineBytes: 1000 }
    const figure = right(await writeFigure(world, 'out', 'loss', chart, limits))
    const bytes = new TextEncoder().encode(figure.rendered).length
    expect(bytes).toBeGreaterThan(2000)
    expect([...world.files.keys(), ...world.binaryFiles.keys()]).toStrictEqual(['out/loss.png'])
    expect(figure.svg).toBeUndefined()
    expect(figure.svgText).toBeUndefined()
    const kilobytes = Number((bytes / 1000).toPrecision(3))
    expect(figure.note).toBe(
      `loss.svg not kept: its ${kilobytes} kB are over the 2 kB limit; loss.png stands in for it`,
    )
    // under the limits: kept, and no note
    const kept = right(await writeFigure(memoryWorld(), 'out', 'loss', chart))
    expect(kept.note).toBeUndefined()
    expect(defaultSvgLimits).toStrictEqual({
      keepBytes: largeSvgBytes,
      inlineBytes: inlineSvgBytes,
    })
  })

  test('a graph: the DOT is laid out, the SVG inlined without its DOCTYPE', async () => {
    const world = memoryWorld()
    const figure = right(await writeFigure(world, 'out', 'fig_01', graphFigure))
    expect([...world.files.keys(), ...world.binaryFiles.keys()]).toStrictEqual([
      'out/fig_01.svg',
      'out/fig_01.png',
    ])
    expect(world.files.get('out/fig_01.svg')).toContain('<!DOCTYPE svg')
    expect(figure.svgText).toMatch(/^<svg width="[\d.]+pt" height="[\d.]+pt"/u)
    expect(figure.svgText).toContain('∂L/∂x')
    expect(figure.svgText).not.toMatch(/https?:|<!|<\?/u)
    // Graphviz sizes in points: 1pt = 4/3 px.
    const [width, height] = svgSize(world.files.get('out/fig_01.svg') ?? '')
    expect(figure.width).toBeCloseTo((width * 4) / 3, 0)
    expect(figure.height).toBeCloseTo((height * 4) / 3, 0)
  })

  test('a 41 580-cell heatmap is written as a PNG only', { timeout: 30_000 }, async () => {
    const world = memoryWorld()
    const figure = right(await writeFigure(world, 'out', 'fig_04', heatmap()))
    expect(figure.svg).toBeUndefined()
    expect(figure.svgText).toBeUndefined()
    expect(figure.note).toMatch(
      /^fig_04\.svg not kept: its [\d.]+ MB are over the 1 MB limit; fig_04\.png stands in for it$/u,
    )
    expect([...world.files.keys(), ...world.binaryFiles.keys()]).toStrictEqual(['out/fig_04.png'])
    const png = decodePng(world.binaryFiles.get('out/fig_04.png') ?? new Uint8Array())
    expect([png.width, png.height]).toStrictEqual([figure.width * 2, figure.height * 2])
    expect(figure.width).toBeGreaterThan(400)
    expect(largeSvgBytes).toBe(1_000_000)
  })

  test('a 2 400-cell heatmap is written as SVG and PNG, but offered to pages as its PNG', async () => {
    const world = memoryWorld()
    const figure = right(await writeFigure(world, 'out', 'cells', heatmap(60, 40)))
    const size = new TextEncoder().encode(world.files.get('out/cells.svg') ?? '').length
    expect(size).toBeGreaterThan(inlineSvgBytes)
    expect(size).toBeLessThanOrEqual(largeSvgBytes)
    expect(figure.svg).toBe('out/cells.svg')
    expect(figure.svgText).toBeUndefined()
    expect(world.binaryFiles.has('out/cells.png')).toBe(true)
  })

  test('a bad spec names the figure and writes nothing', async () => {
    const world = memoryWorld()
    const message = left(
      await writeFigure(world, 'out', 'fig_09', {
        kind: 'vega-lite',
        spec: { data: { values: [] } } as never,
      }),
    )
    expect(message).toMatch(/^writeFigure fig_09: renderVegaLiteSvg: the spec does not render/u)
    expect(world.files.size + world.binaryFiles.size).toBe(0)
  })

  test('bad DOT names the figure and writes nothing', async () => {
    const world = memoryWorld()
    const message = left(await writeFigure(world, 'out', 'graph', { kind: 'dot', dot: 'x ->' }))
    expect(message).toMatch(/^writeFigure graph: dotToSvg: Graphviz cannot read the DOT/u)
    expect(world.files.size + world.binaryFiles.size).toBe(0)
  })

  test('a refused write is the reason, naming the figure', async () => {
    const world = memoryWorld({ unwritable: ['locked/'] })
    expect(left(await writeFigure(world, 'locked', 'fig_01', graphFigure))).toBe(
      "writeFigure fig_01: cannot write 'locked/fig_01.svg': permission denied",
    )
  })

  test.each([['../escape'], ['a/b'], [''], ['.hidden']])('the name %j is refused', async (name) => {
    const world = memoryWorld()
    expect(left(await writeFigure(world, 'out', name, graphFigure))).toMatch(
      /^writeFigure: '.*' is not a plain file name/u,
    )
    expect(world.files.size + world.binaryFiles.size).toBe(0)
  })

  test('through the real disk: both files exist and the PNG is a PNG', async () => {
    const root = mkdtempSync(join(tmpdir(), 'gradfold-figures-'))
    made.push(root)
    const directory = join(root, 'figures')
    const figure = right(await writeFigure(nodeWorld(), directory, 'loss', chart))
    expect(readdirSync(directory)).toStrictEqual(['loss.png', 'loss.svg'])
    expect(figure.png).toBe(join(directory, 'loss.png'))
    const png = decodePng(new Uint8Array(readFileSync(join(directory, 'loss.png'))))
    expect(png.width).toBe(figure.width * 2)
    expect(readFileSync(join(directory, 'loss.svg'), 'utf8')).toMatch(/^<svg /u)
  })
})

describe('inlineSvg', () => {
  test('keeps the drawing and drops the prolog, comments and namespace URLs', () => {
    const svg =
      '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN"\n "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n<!-- Title: G -->\n<svg width="8pt" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">\n<g><text>a &lt; b</text></g>\n</svg>\n'
    expect(inlineSvg(svg)).toBe('<svg width="8pt">\n<g><text>a &lt; b</text></g>\n</svg>')
  })
})
