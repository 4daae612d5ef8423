// DOT to SVG with Graphviz in WebAssembly: every node and every edge of the graph is in the SVG
// with its label (a fig_01-like graph of L = (x·w + b)²), labels default to DejaVu Sans unless the
// DOT names a font, the PNG of it shows the labels, and a syntax error is a one-line Left.

import { describe, expect, test } from 'vitest'
import { dotToSvg, withDefaultFont } from '../src/render-dot.js'
import { svgToPng } from '../src/render-png.js'
import { left, right } from '../../test/support/either.js'
import { decodePng, inkInside } from './support/png.js'

// The notebook's example graph: inputs, operations and the loss, forward values in blue and
// gradients in red dashed (as fig_01 draws them).
const nodes = [
  ['x', 'x = 2'],
  ['w', 'w = 3'],
  ['b', 'b = 1'],
  ['mul', 'z = x·w = 6'],
  ['add', 'y = z + b = 7'],
  ['square', 'L = y² = 49'],
] as const
const edges = [
  ['x', 'mul', '∂L/∂x = 42'],
  ['w', 'mul', '∂L/∂w = 28'],
  ['mul', 'add', '∂L/∂z = 14'],
  ['b', 'add', '∂L/∂b = 14'],
  ['add', 'square', '∂L/∂y = 14'],
] as const
const dot = [
  'digraph "L = (x·w + b)²" {',
  '  rankdir=LR',
  ...nodes.map(([id, label]) => `  ${id} [label="${label}" fontcolor=blue]`),
  ...edges.map(
    ([from, to, label]) => `  ${from} -> ${to} [label="${label}" color=red style=dashed]`,
  ),
  '}',
].join('\n')

const byTitle = (a: { title: string }, b: { title: string }): number =>
  a.title < b.title ? -1 : a.title > b.title ? 1 : 0

/** The SVG's <g class="node|edge"> groups, sorted by <title>, with the text of their labels. */
const groups = (svg: string, kind: 'node' | 'edge'): { title: string; texts: string[] }[] =>
  [...svg.matchAll(new RegExp(`<g id="[^"]*" class="${kind}">([\\s\\S]*?)</g>`, 'gu'))]
    .map((match) => ({
      title: /<title>([^<]*)<\/title>/u.exec(match[1] ?? '')?.[1] ?? '',
      texts: [...(match[1] ?? '').matchAll(/<text[^>]*>([^<]*)<\/text>/gu)].map(
        (text) => text[1] ?? '',
      ),
    }))
    .sort(byTitle)

describe('dotToSvg', () => {
  test('every node and every edge is in the SVG with its label', async () => {
    const svg = right(await dotToSvg(dot))
    expect(groups(svg, 'node')).toStrictEqual(
      nodes.map(([id, label]) => ({ title: id, texts: [label] })).sort(byTitle),
    )
    expect(groups(svg, 'edge')).toStrictEqual(
      edges
        .map(([from, to, label]) => ({ title: `${from}&#45;&gt;${to}`, texts: [label] }))
        .sort(byTitle),
    )
    expect(svg).toContain('stroke-dasharray')
  })

  test('labels are laid out in DejaVu Sans unless the DOT names its own font', async () => {
    const plain = right(await dotToSvg('digraph { a -> b [label="edge"] }'))
    expect(plain).toContain('font-family="DejaVu Sans"')
    expect(plain).not.toContain('Times')
    const own = right(await dotToSvg('digraph { node [fontname="DejaVu Serif"]; a -> b }'))
    expect(own).toMatch(/class="node">[\s\S]*?font-family="DejaVu Serif"/u)
  })

  test('the labels are drawn when the SVG becomes a PNG', async () => {
    const svg = right(await dotToSvg('digraph { a [label="∂L/∂w = 28" shape=plaintext] }'))
    const image = decodePng(right(svgToPng(svg)))
    expect(
      inkInside(image, { x: 0, y: 0, width: image.width, height: image.height }),
    ).toBeGreaterThan(100)
    const empty = right(await dotToSvg('digraph { a [label="" shape=plaintext] }'))
    const blank = decodePng(right(svgToPng(empty)))
    expect(inkInside(blank, { x: 0, y: 0, width: blank.width, height: blank.height })).toBe(0)
  })

  test.each([['digraph { x -> }'], ['not a graph'], ['digraph { a [label="unclosed] }']])(
    '%j is a one-line Left',
    async (broken) => {
      const message = left(await dotToSvg(broken))
      expect(message).toMatch(/^dotToSvg: Graphviz cannot read the DOT: .*line/u)
      expect(message).not.toContain('\n')
    },
  )

  test('keeps working after an error (the cached Graphviz is not poisoned)', async () => {
    left(await dotToSvg('digraph {'))
    expect(right(await dotToSvg('digraph { ok }'))).toContain('<title>ok</title>')
  })
})

describe('withDefaultFont', () => {
  test.each([
    ['strict digraph "a { b" {\n a }', 'strict digraph "a { b" {'],
    ['// comment\ngraph {a -- b}', '// comment\ngraph {'],
    ['/* c */ digraph G{a}', '/* c */ digraph G{'],
  ])('inserts the defaults right after the opening brace of %j', (source, opening) => {
    const result = withDefaultFont(source)
    expect(result.startsWith(`${opening} graph [fontname="DejaVu Sans"]; node [`)).toBe(true)
    expect(result.endsWith(source.slice(opening.length))).toBe(true)
  })

  test('leaves what it cannot recognise alone (Graphviz will say what is wrong)', () => {
    expect(withDefaultFont('not a graph')).toBe('not a graph')
  })
})
