// Writes a `gradfold train … --report` run's figures, boundary.gif (2-D data) and index.html
// beside config.json, history.json and model.json. Laws: every file goes through the World; the
// first failure stops the report and is returned, the run's own files already written stay; a
// figure whose SVG was too large to keep is printed as a note (and shown on the page).

import * as E from 'fp-ts/lib/Either.js'
import { defaultSvgLimits, type SvgLimits } from '../figures.js'
import type { World } from '../world.js'
import { katexStylesheet } from './assets.js'
import { boundaryAnimation, writeBoundaryGif } from './boundary-player.js'
import { printFigureNotes, writeReportFigures } from './figure-files.js'
import { buildReport, type ReportFigure } from './page.js'
import type { Player } from './player.js'
import { trainFigures, trainSections, trainTables, type TrainedRunReport } from './train-report.js'

/** The run's written report: its figures (with their files), the animation's file, the page. */
export interface WrittenTrainReport {
  readonly figures: readonly ReportFigure[]
  /** `out`/boundary.gif for 2-D data, else nothing. */
  readonly animations: readonly string[]
  readonly page: string
}

/**
 * Writes the run's figures into `out` and index.html around them (with the boundary animated over
 * the snapshots when the data is 2-D, also written as `out`/boundary.gif); Left with the first
 * failure. A figure whose SVG was too large to keep (`limits`, by default `defaultSvgLimits`) is
 * printed as a `note: …` line.
 *
 * @example
 * import assert from 'node:assert'
 * import { writeTrainReport } from './train-files.js'
 * // renders figures (a few seconds); see cli/test/train-command.test.ts
 * assert.strictEqual(typeof writeTrainReport, 'function')
 */
export const writeTrainReport = async (
  world: World,
  out: string,
  run: TrainedRunReport,
  limits: SvgLimits = defaultSvgLimits,
): Promise<E.Either<string, WrittenTrainReport>> => {
  const stylesheet = katexStylesheet()
  if (E.isLeft(stylesheet)) return stylesheet
  const planned = trainFigures(run)
  if (E.isLeft(planned)) return planned
  const sections = trainSections(run)
  if (E.isLeft(sections)) return sections
  const figures = await writeReportFigures(world, out, planned.right, limits)
  if (E.isLeft(figures)) return figures
  printFigureNotes(world, figures.right)
  let players: readonly Player[] = []
  let animations: readonly string[] = []
  if (run.trainingData.X.cols === 2) {
    const animation = await boundaryAnimation(run.snapshots, run.trainingData, {
      id: 'boundary-animation',
      title: 'The decision boundary as it forms',
      caption: `the network at ${run.snapshots.length} moments of training, over the training points`,
      label: (epoch) => `Epoch ${epoch}`,
    })
    if (E.isLeft(animation)) return E.left(`the boundary animation: ${animation.left}`)
    const player = writeBoundaryGif(world, out, 'boundary.gif', animation.right, 'download as GIF')
    if (E.isLeft(player)) return E.left(`the boundary animation: ${player.left}`)
    players = [player.right.player]
    animations = player.right.files
  }
  const page = world.joinPath(out, 'index.html')
  const html = buildReport({
    title: `gradfold train ${run.configPath}`,
    lead: `A ${run.history.loss.length}-epoch run of ${run.configPath} (seed ${run.seed}): its numbers, its figures${players.length > 0 ? ', the decision boundary as it formed' : ''} and the chain rule it ran on.`,
    language: 'en',
    stylesheet: stylesheet.right,
    tables: trainTables(run),
    figures: figures.right,
    players,
    sections: sections.right,
  })
  const wrote = world.writeText(page, html)
  if (E.isLeft(wrote)) return wrote
  return E.right({ figures: figures.right, animations, page })
}
