// The report page: a complete HTML document with the title, tables, figures (inline SVG or PNG
// data URL), players (with their script once) and sections, escaping all text, and loading nothing:
// no http(s) resource anywhere (the SVG namespace is the one URL allowed).

import { describe, expect, test } from 'vitest'
import { trusted } from '../../src/report/html.js'
import { buildReport, type Report } from '../../src/report/page.js'
import { remoteReferences } from '../support/html.js'

const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect id="r"/></svg>'
const png = {
  kind: 'png',
  dataUrl: 'data:image/png;base64,iVBORw0KGgo=',
  width: 5,
  height: 5,
} as const

const report: Report = {
  title: 'Run <1>',
  lead: 'A & B',
  language: 'ru',
  stylesheet: '.katex{font:normal 1.21em KaTeX_Main}',
  tables: [{ title: 'Numbers', columns: ['name', 'value'], rows: [['loss', '<0.1>']] }],
  figures: [
    {
      name: 'fig_01',
      caption: 'graph',
      image: { kind: 'svg', svg },
      files: ['fig_01.svg', 'fig_01.png'],
    },
    {
      name: 'fig_04',
      caption: 'boundary',
      image: png,
      files: ['fig_04.png'],
      note: 'fig_04.svg not kept: its 1.2 MB are over the 1 MB limit; fig_04.png stands in for it <sic>',
    },
  ],
  players: [
    { id: 'p1', title: 'A', caption: 'a', frames: [{ label: 'Epoch 0', image: png }] },
    { id: 'p2', title: 'B', caption: 'b', frames: [{ label: 'Epoch 0', image: png }] },
  ],
  sections: [{ title: 'Derivation', body: trusted('<p class="given">x</p>') }],
}

describe('buildReport', () => {
  const html = buildReport(report)

  test('a whole document in the report’s language, text escaped', () => {
    expect(
      html.startsWith('<!DOCTYPE html>\n<html lang="ru">\n<head>\n<meta charset="utf-8">'),
    ).toBe(true)
    expect(html.trimEnd().endsWith('</html>')).toBe(true)
    expect(html).toContain('<h1>Run &lt;1&gt;</h1>')
    expect(html).toContain('<p class="lead">A &amp; B</p>')
    expect(html).toContain('<td>&lt;0.1&gt;</td>')
  })

  test('every figure in a chart container: SVG inline (ids scoped), PNG as a data URL', () => {
    expect(html.match(/<figure class="chart"/gu)?.length).toBe(2)
    expect(html).toContain('<figure class="chart" id="fig_01">')
    expect(html).toContain('<rect id="fig_01-r"/>')
    expect(html).toContain('<img src="data:image/png;base64,iVBORw0KGgo=" width="5" height="5"')
    expect(html).toContain('<a href="fig_01.svg">fig_01.svg</a>')
  })

  test('a figure’s note under its picture, escaped; none for a figure without one', () => {
    expect(html).toContain(
      '<p class="note">Note: fig_04.svg not kept: its 1.2 MB are over the 1 MB limit; fig_04.png stands in for it &lt;sic&gt;</p>',
    )
    expect(html.match(/class="note"/gu)?.length).toBe(1)
  })

  test('the stylesheet inline, the sections as given, the player script once', () => {
    expect(html).toContain('<style>.katex{font:normal 1.21em KaTeX_Main}</style>')
    expect(html).toContain('<p class="given">x</p>')
    expect(html.match(/<figure class="player"[^>]*data-player/gu)?.length).toBe(2)
    expect(html.match(/<script>/gu)?.length).toBe(1)
  })

  test('nothing loads from the network', () => {
    expect(remoteReferences(html)).toStrictEqual([])
    expect(remoteReferences('<img src="https://cdn.example/x.png">')).toStrictEqual([
      'src="https://cdn.example/x.png',
    ])
  })
})
