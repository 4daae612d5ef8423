// `npm start`: the main job. It runs `gradfold tour` (tour-command.ts; its --out defaults to
// out/tour) — the seed notebook replayed chapter by chapter, each key number beside the notebook's,
// saved to out/tour/tour.json, out/tour/graph.dot, the nine figures and index.html (the report) —
// between a short introduction and a closing line. `npm start -- --lang ru` prints the notebook's
// own Russian words; `npm start -- --out DIR` writes elsewhere.

import * as E from 'fp-ts/lib/Either.js'
import { readPackageInfo } from './package-info.js'
import { parseTourArguments, tourCommand } from './tour-command.js'
import { nodeWorld } from './world.js'

const info = readPackageInfo()
const args = process.argv.slice(2)
const parsed = parseTourArguments(args)
// A usage mistake or --help: the command alone prints what is needed.
const options = E.isRight(parsed) && parsed.right !== 'help' ? parsed.right : undefined
const language = options?.language
const world = nodeWorld()

if (language !== undefined) {
  world.print(
    [
      `${info.name} ${info.version} — ${info.description}`,
      '',
      language === 'ru'
        ? 'Тетрадка «Обратное распространение ошибки», воспроизведённая gradfold, глава за главой;\nпосле каждой главы — числа gradfold рядом с числами тетрадки:'
        : 'The seed notebook on backpropagation, replayed by gradfold chapter by chapter, each chapter\nfollowed by gradfold’s numbers beside the notebook’s (`npm start -- --lang ru` for its own Russian):',
      '',
      '',
    ].join('\n'),
  )
}
const exitCode = await tourCommand(args, world)
if (exitCode === 0 && options !== undefined) {
  const report = world.joinPath(options.out, 'index.html')
  const next = 'gradfold train examples/moons.json --out runs/moons --report (gradfold --help)'
  world.print(
    options.language === 'ru'
      ? `\nОтчёт с рисунками и формулами: ${report} (открывается без сети).\nДальше: ${next}.\n`
      : `\nThe report with every figure and formula: ${report} (opens offline).\nNext: ${next}.\n`,
  )
}
if (exitCode !== 0) process.exitCode = exitCode
