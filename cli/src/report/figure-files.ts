// A figure written beside the report and kept for it: `writeFigure` saves NAME.svg (unless too
// large) and NAME.png; the report inlines the SVG, or the PNG as a data URL when there is no SVG.
// Laws: what the page shows is the picture that was written, rendered from the same source; an SVG
// not kept for its size comes back with the note saying so, for the page and the command.

import * as E from 'fp-ts/lib/Either.js'
import { defaultSvgLimits, writeFigure, type FigureSource, type SvgLimits } from '../figures.js'
import { svgToPng } from '../render-png.js'
import type { World } from '../world.js'
import { dataUrl } from './html.js'
import type { ReportFigure } from './page.js'

/** A figure to write: its file stem (`fig_03`), its caption on the page and its source. */
export interface PlannedFigure {
  readonly name: string
  readonly caption: string
  readonly source: FigureSource
}

/** Where a path's last segment starts (`/` or `\`), so the page links the file by its bare name. */
const baseName = (path: string): string =>
  path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1)

/**
 * Writes `figure` into `directory` (NAME.svg and NAME.png, see `writeFigure`) and returns it as the
 * report shows it: the SVG inline, or — when the SVG is too large to inline — the PNG as a data URL
 * (the rendered SVG rasterised at 1×, smaller than the 2× PNG file). An SVG too large to keep
 * leaves `writeFigure`'s note on the figure (`note`), which the page shows under it.
 *
 * @example
 * import assert from 'node:assert'
 * import { writeReportFigure } from './figure-files.js'
 * // renders with Vega or Graphviz and writes through a World; see cli/test/report/figure-files.test.ts
 * assert.strictEqual(typeof writeReportFigure, 'function')
 */
export const writeReportFigure = async (
  world: World,
  directory: string,
  figure: PlannedFigure,
  limits: SvgLimits = defaultSvgLimits,
): Promise<E.Either<string, ReportFigure>> => {
  const written = await writeFigure(world, directory, figure.name, figure.source, limits)
  if (E.isLeft(written)) return written
  const { svg, svgText, png, rendered, width, height, note } = written.right
  const files = [...(svg === undefined ? [] : [baseName(svg)]), baseName(png)]
  const shown = {
    name: figure.name,
    caption: figure.caption,
    files,
    ...(note === undefined ? {} : { note }),
  }
  if (svgText !== undefined) return E.right({ ...shown, image: { kind: 'svg', svg: svgText } })
  const bytes = svgToPng(rendered, { scale: 1 })
  if (E.isLeft(bytes)) return bytes
  return E.right({
    ...shown,
    image: { kind: 'png', dataUrl: dataUrl('image/png', bytes.right), width, height },
  })
}

/**
 * Writes the figures one after another; Left with the first failure, naming the figure.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { writeReportFigures } from './figure-files.js'
 * const none = await writeReportFigures({} as never, 'out', [])
 * assert.deepStrictEqual(none, E.right([]))
 */
export const writeReportFigures = async (
  world: World,
  directory: string,
  figures: readonly PlannedFigure[],
  limits: SvgLimits = defaultSvgLimits,
): Promise<E.Either<string, readonly ReportFigure[]>> => {
  const shown: ReportFigure[] = []
  for (const figure of figures) {
    const written = await writeReportFigure(world, directory, figure, limits)
    if (E.isLeft(written)) {
      // writeFigure's messages name the figure already; the others get its name in front
      return E.left(
        written.left.includes(figure.name) ? written.left : `${figure.name}: ${written.left}`,
      )
    }
    shown.push(written.right)
  }
  return E.right(shown)
}

/**
 * The notes of written figures as the command prints them, one line each (`note: boundary.svg not
 * kept: …`); empty when no figure has a note.
 *
 * @example
 * import assert from 'node:assert'
 * import { figureNotes } from './figure-files.js'
 * const image = { kind: 'svg', svg: '<svg/>' } as const
 * assert.strictEqual(figureNotes([{ name: 'a', caption: '', image }, { name: 'b', caption: '', image, note: 'b.svg not kept' }]),
 *   'note: b.svg not kept\n')
 */
export const figureNotes = (figures: readonly ReportFigure[]): string =>
  figures
    .flatMap((figure) => (figure.note === undefined ? [] : [`note: ${figure.note}\n`]))
    .join('')

/**
 * Prints the figures' notes (`figureNotes`) through the World, nothing when there are none.
 *
 * @example
 * import assert from 'node:assert'
 * import { printFigureNotes } from './figure-files.js'
 * const printed: string[] = []
 * const image = { kind: 'svg', svg: '<svg/>' } as const
 * printFigureNotes({ print: (text: string) => { printed.push(text) } } as never, [{ name: 'a', caption: '', image }])
 * assert.deepStrictEqual(printed, [])
 */
export const printFigureNotes = (world: World, figures: readonly ReportFigure[]): void => {
  const notes = figureNotes(figures)
  if (notes !== '') world.print(notes)
}
