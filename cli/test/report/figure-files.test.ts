// Figures written for the report: the files through the World, the SVG inlined when it was kept,
// the PNG as a data URL (at the figure's own size) when the SVG was too large, and a failure
// naming the figure.

import { describe, expect, test } from 'vitest'
import { data, viz } from 'gradfold'
import { figureWords } from 'gradfold/teach'
import {
  printFigureNotes,
  writeReportFigure,
  writeReportFigures,
} from '../../src/report/figure-files.js'
import { left, right } from '../../../test/support/either.js'
import { memoryWorld } from '../support/memory-world.js'
import { decodePng } from '../support/png.js'

const dot = { kind: 'dot', dot: 'digraph { x -> L [label="dL/dx = 42"] }' } as const

describe('writeReportFigure', () => {
  test('a small figure: both files written, the SVG inlined', async () => {
    const world = memoryWorld()
    const figure = right(
      await writeReportFigure(world, 'out', { name: 'g', caption: 'graph', source: dot }),
    )
    expect(figure.files).toStrictEqual(['g.svg', 'g.png'])
    expect(world.files.has('out/g.svg')).toBe(true)
    expect(world.binaryFiles.has('out/g.png')).toBe(true)
    expect(figure.image.kind === 'svg' && figure.image.svg).toContain('dL/dx = 42')
    expect(figure.note).toBeUndefined()
  })

  test('under a tiny limit the SVG is not kept: the note is on the figure and printed', async () => {
    const world = memoryWorld()
    const planned = [{ name: 'g', caption: 'graph', source: dot }] as const
    const [figure] = right(
      await writeReportFigures(world, 'out', planned, { keepBytes: 10, inlineBytes: 10 }),
    )
    expect(figure?.files).toStrictEqual(['g.png'])
    expect(figure?.image.kind).toBe('png')
    expect(figure?.note).toMatch(
      /^g\.svg not kept: its [\d.]+ kB are over the 10 B limit; g\.png stands in for it$/u,
    )
    printFigureNotes(world, figure === undefined ? [] : [figure])
    expect(world.stdout()).toBe(`note: ${figure?.note}\n`)
  })

  test('a figure whose SVG is too large: only the PNG, shown as a data URL at the figure’s size', async () => {
    const many = right(data.makeMoons({ samples: 4000, noise: 0.2, seed: 1 }))
    const source = {
      kind: 'vega-lite',
      spec: viz.datasetScatter(many, { words: figureWords('en') }),
    } as const
    const world = memoryWorld()
    const figure = right(
      await writeReportFigure(world, 'out', { name: 'big', caption: 'points', source }),
    )
    expect(world.files.has('out/big.svg')).toBe(false)
    expect(figure.files).toStrictEqual(['big.png'])
    expect(figure.note).toMatch(/^big\.svg not kept: .* big\.png stands in for it$/u)
    if (figure.image.kind !== 'png') throw new Error('expected a PNG')
    const shown = decodePng(
      new Uint8Array(
        Buffer.from(figure.image.dataUrl.replace('data:image/png;base64,', ''), 'base64'),
      ),
    )
    const written = decodePng(world.binaryFiles.get('out/big.png') ?? new Uint8Array())
    expect(shown.width).toBe(Math.ceil(figure.image.width))
    expect(written.width).toBe(2 * shown.width) // the file is at twice the size
  }, 30_000)

  test('failures name the figure', async () => {
    const world = memoryWorld({ unwritable: ['out/'] })
    const planned = [{ name: 'g', caption: '', source: dot }] as const
    expect(left(await writeReportFigures(world, 'out', planned))).toMatch(/g.*permission denied/u)
    const broken = { name: 'bad', caption: '', source: { kind: 'dot', dot: 'digraph {' } } as const
    expect(left(await writeReportFigures(memoryWorld(), 'out', [broken]))).toMatch(/bad/u)
  })
})
