// A figure written beside the report and kept for it: `writeFigure` saves NAME.svg (unless too
// large) and NAME.png; the report inlines the SVG, or the PNG as a data URL when there is no SVG.
// Law: what the page shows is the picture that was written, rendered from the same source.

import * as E from 'fp-ts/lib/Either.js'
import { writeFigure, type FigureSource } from '../figures.js'
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
 * (the rendered SVG rasterised at 1×, smaller than the 2× PNG file).
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
): Promise<E.Either<string, ReportFigure>> => {
  const written = await writeFigure(world, directory, figure.name, figure.source)
  if (E.isLeft(written)) return written
  const { svg, svgText, png, rendered, width, height } = written.right
  const files = [...(svg === undefined ? [] : [baseName(svg)]), baseName(png)]
  const shown = { name: figure.name, caption: figure.caption, files }
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
): Promise<E.Either<string, readonly ReportFigure[]>> => {
  const shown: ReportFigure[] = []
  for (const figure of figures) {
    const written = await writeReportFigure(world, directory, figure)
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
