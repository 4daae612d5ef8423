// Writes the tour's pictures and page into its folder: fig_01 … fig_09 (SVG and PNG), the moons
// boundary as a GIF and index.html around them, or — without figures — index.html with numbers and
// derivations. Law: every file goes through the World; the first failure stops it, named.

import * as E from 'fp-ts/lib/Either.js'
import type { TourComparison } from '../tour-comparison.js'
import type { Language } from 'gradfold/teach'
import type { TourResults } from '../tour.js'
import { SNAPSHOT_EVERY } from '../tour.js'
import type { World } from '../world.js'
import { katexStylesheet } from './assets.js'
import { boundaryAnimation, writeBoundaryGif } from './boundary-player.js'
import { printFigureNotes, writeReportFigures } from './figure-files.js'
import { buildReport, type ReportFigure } from './page.js'
import type { Player } from './player.js'
import { tourFigures, tourReport } from './tour-report.js'

/** What to write the tour's report from. */
export interface TourReportInput {
  readonly results: TourResults
  readonly comparison: TourComparison | undefined
  readonly language: Language
  /** false for `--no-figures`: index.html only, without figures or animation. */
  readonly figures: boolean
}

/** What was written: the figures (each with its files), the animation's file and the page. */
export interface WrittenTourReport {
  readonly figures: readonly ReportFigure[]
  /** DIR/moons-boundary.gif, or nothing without figures. */
  readonly animations: readonly string[]
  readonly page: string
}

/**
 * Writes fig_01 … fig_09 (unless `figures` is false), renders the animated moons boundary (a
 * frame every 50 epochs; also written as DIR/moons-boundary.gif) and writes DIR/index.html; Left
 * with the first failure. A figure whose SVG was too large to keep is printed as a `note: …` line.
 *
 * @example
 * import assert from 'node:assert'
 * import { writeTourReport } from './tour-files.js'
 * // renders nine figures and twenty-one frames (a few seconds); see cli/test/tour-command.test.ts
 * assert.strictEqual(typeof writeTourReport, 'function')
 */
export const writeTourReport = async (
  world: World,
  out: string,
  input: TourReportInput,
): Promise<E.Either<string, WrittenTourReport>> => {
  const stylesheet = katexStylesheet()
  if (E.isLeft(stylesheet)) return stylesheet
  let figures: readonly ReportFigure[] = []
  let players: readonly Player[] = []
  let animations: readonly string[] = []
  if (input.figures) {
    const planned = tourFigures(input.results, input.language)
    if (E.isLeft(planned)) return planned
    const written = await writeReportFigures(world, out, planned.right)
    if (E.isLeft(written)) return written
    printFigureNotes(world, written.right)
    figures = written.right
    const russian = input.language === 'ru'
    const animation = await boundaryAnimation(
      input.results.moons.snapshots,
      input.results.moons.run.data,
      {
        id: 'moons-boundary',
        title: russian
          ? 'Граница решений на moons во время обучения'
          : 'The moons boundary as it forms',
        caption: russian
          ? `сеть [2, 16, 8, 1], кадр каждые ${SNAPSHOT_EVERY} эпох, обучающие точки поверх`
          : `the [2, 16, 8, 1] network every ${SNAPSHOT_EVERY} epochs, over the training points`,
        label: (epoch) => (russian ? `Эпоха ${epoch}` : `Epoch ${epoch}`),
        language: input.language,
      },
    )
    if (E.isLeft(animation)) return E.left(`the boundary animation: ${animation.left}`)
    const player = writeBoundaryGif(
      world,
      out,
      'moons-boundary.gif',
      animation.right,
      russian ? 'скачать как GIF' : 'download as GIF',
    )
    if (E.isLeft(player)) return E.left(`the boundary animation: ${player.left}`)
    players = [player.right.player]
    animations = player.right.files
  }
  const report = tourReport({
    results: input.results,
    comparison: input.comparison,
    language: input.language,
    stylesheet: stylesheet.right,
    figures,
    players,
  })
  if (E.isLeft(report)) return report
  const page = world.joinPath(out, 'index.html')
  const wrote = world.writeText(page, buildReport(report.right))
  if (E.isLeft(wrote)) return wrote
  return E.right({ figures, animations, page })
}
