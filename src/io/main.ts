// `npm start`: the main job. It replays the seed notebook chapter by chapter with gradfold — the
// chain rule, the 2-3-1 network's forward/backward/update, the gradient check, the moons and
// circles training runs — printing the notebook's numbers (`npm start -- --lang ru` for the
// notebook's own Russian words). The tour itself is pure (`tour.ts`); this file is the effect.

import * as E from 'fp-ts/lib/Either.js'
import { readPackageInfo } from './package-info.js'
import { tour, type TourLanguage } from './tour.js'

const info = readPackageInfo()

const languageFrom = (args: readonly string[]): E.Either<string, TourLanguage> => {
  if (args.length === 0) return E.right('en')
  const [option, value, ...rest] = args
  if (option !== '--lang' || rest.length > 0) {
    return E.left(`unexpected arguments '${args.join(' ')}' (usage: npm start -- [--lang en|ru])`)
  }
  return value === 'en' || value === 'ru'
    ? E.right(value)
    : E.left(`--lang: expected en or ru, got ${value ?? 'nothing'}`)
}

const language = languageFrom(process.argv.slice(2))
if (E.isLeft(language)) {
  process.stderr.write(`gradfold: ${language.left}\n`)
  process.exitCode = 2
} else {
  const introduction =
    language.right === 'ru'
      ? 'Тетрадка «Обратное распространение ошибки», воспроизведённая gradfold, глава за главой:'
      : 'The seed notebook on backpropagation, replayed by gradfold chapter by chapter\n(`npm start -- --lang ru` prints it in the notebook’s own Russian words):'
  const result = tour(language.right)
  if (E.isLeft(result)) {
    process.stderr.write(`gradfold: ${result.left.message}\n`)
    process.exitCode = 1
  } else {
    process.stdout.write(
      [
        `${info.name} ${info.version} — ${info.description}`,
        '',
        introduction,
        '',
        result.right,
        '',
        language.right === 'ru'
          ? 'Дальше: команда gradfold train, рисунки тетрадки и HTML-отчёт.'
          : 'Next: the gradfold train command, the notebook’s figures and the HTML report.',
        '',
      ].join('\n'),
    )
  }
}
