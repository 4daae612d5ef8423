// `gradfold tour` (what `npm start` runs): the seed notebook replayed chapter by chapter, each key
// number printed beside the notebook's own (reference/notebook.json), saved to DIR/tour.json and
// DIR/graph.dot, with the notebook's nine figures and the HTML report (DIR/index.html). Laws: every
// effect goes through the World; a usage mistake is one line and exit code 2, any other failure
// one line and exit code 1.

import { fileURLToPath } from 'node:url'
import * as E from 'fp-ts/lib/Either.js'
import * as teach from 'gradfold/teach'
import {
  choice,
  defineCommand,
  parseArguments,
  renderHelp,
  reportUsage,
  text,
  withArguments,
  type Parsed,
} from './arguments.js'
import { writeTourReport } from './report/tour-files.js'
import { runTour, type TourError, type TourResults } from './tour.js'
import { compareKeyNumbers, type TourComparison } from './tour-comparison.js'
import { decodeNotebookReference, keyNumbers, type NotebookReference } from './tour-reference.js'
import { renderTour } from './tour-text.js'
import { tourWords } from './tour-words.js'
import type { Command, World } from './world.js'

/** The notebook's numbers shipped with the package: `reference/notebook.json` at its root. */
export const defaultReferencePath = fileURLToPath(
  new URL('../reference/notebook.json', import.meta.url),
)

/** The arguments of `gradfold tour`, as data: its parser and its help both read them. */
export const tourArguments = defineCommand({
  name: 'tour',
  summary: 'the notebook replayed chapter by chapter, beside its own numbers (npm start)',
  description: [
    'Replays the seed notebook chapter by chapter with gradfold — the chain rule, the computational graph of L = (x·w + b)², one training step of the 2-3-1 network, its gradient check, the moons and circles training runs (about five seconds) — printing what the notebook printed and, after each chapter, a table of gradfold’s key numbers beside the notebook’s.',
    'It writes DIR/tour.json (every key number; the notebook’s values and the differences where compared), DIR/graph.dot (the graph example for Graphviz: dot -Tsvg graph.dot), the notebook’s nine figures DIR/fig_01 … fig_09 (.svg and .png; a few seconds more), DIR/moons-boundary.gif (the moons boundary as it formed, animated) and DIR/index.html, a self-contained report: the numbers, the figures, the animated boundary and the derivations with their formulas. It opens offline in any browser.',
  ],
  positionals: [],
  options: {
    out: {
      type: 'string',
      valueName: 'DIR',
      reader: text('a directory'),
      default: 'out/tour',
      description: 'where to write',
    },
    lang: {
      type: 'string',
      valueName: teach.languages.join('|'),
      reader: choice(teach.languages),
      default: 'en',
      description: 'English or the notebook’s Russian',
    },
    reference: {
      type: 'string',
      valueName: 'FILE',
      reader: text('a file'),
      description: 'the notebook’s numbers [default: the package’s reference/notebook.json]',
    },
    'no-reference': {
      type: 'boolean',
      description: 'run without comparing with the notebook',
    },
    'no-figures': {
      type: 'boolean',
      description: 'skip the figures and the animation (index.html keeps numbers and formulas)',
    },
  },
  notes: ['The tour owns DIR: each run overwrites these files; other files there are left alone.'],
  exitCodes:
    '0 done; 1 a failure at run time (the notebook’s numbers unreadable, a file not written); 2 a usage mistake.',
  examples: ['gradfold tour --out out/tour --lang ru'],
})

/** The help of `gradfold tour`. */
export const tourHelp = renderHelp(tourArguments)

/** What `gradfold tour` was asked to do; `reference` undefined means `--no-reference`. */
export interface TourOptions {
  readonly out: string
  readonly language: teach.Language
  readonly reference: string | undefined
  /** false for `--no-figures`. */
  readonly figures: boolean
}

/**
 * The tour's options from its parsed arguments: `--reference FILE` and `--no-reference` together
 * are a mistake (Left, one line); without either the package's own numbers are read.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { parseArguments } from './arguments.js'
 * import { defaultReferencePath, tourArguments, tourOptions } from './tour-command.js'
 * const parsed = parseArguments(tourArguments, ['--lang', 'ru'])
 * assert.ok(E.isRight(parsed) && parsed.right !== 'help')
 * assert.deepStrictEqual(
 *   tourOptions(parsed.right),
 *   E.right({ out: 'out/tour', language: 'ru', reference: defaultReferencePath, figures: true }),
 * )
 */
export const tourOptions = ({
  options,
}: Parsed<typeof tourArguments>): E.Either<string, TourOptions> => {
  const { out, lang, reference } = options
  if (options['no-reference'] && reference !== undefined) {
    return E.left('--no-reference: cannot be given with --reference')
  }
  return E.right({
    out,
    language: lang,
    reference: options['no-reference'] ? undefined : (reference ?? defaultReferencePath),
    figures: !options['no-figures'],
  })
}

/**
 * Reads the arguments after `tour`: its options, `'help'` for `--help`, a Left (one line) for a
 * mistake.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { parseTourArguments } from './tour-command.js'
 * const parsed = parseTourArguments(['--out', 'b', '--lang', 'ru', '--no-reference'])
 * assert.deepStrictEqual(parsed, E.right({ out: 'b', language: 'ru', reference: undefined, figures: true }))
 * assert.ok(E.isRight(parseTourArguments(['--no-figures'])))
 * assert.deepStrictEqual(parseTourArguments(['--lang']), E.left('--lang: expected en or ru, got nothing'))
 * assert.deepStrictEqual(parseTourArguments(['--out', 'a', '--out', 'b']), E.left('--out: given more than once'))
 */
export const parseTourArguments = (
  args: readonly string[],
): E.Either<string, TourOptions | 'help'> => {
  const parsed = parseArguments(tourArguments, args)
  if (E.isLeft(parsed)) return parsed
  return parsed.right === 'help' ? E.right('help') : tourOptions(parsed.right)
}

/**
 * tour.json: every number of every chapter (the fields and a few more), then — when the
 * notebook's numbers were read — `notebook` (reference/notebook.json as read) and `comparison`
 * (per chapter: rows with both values and |Δ|, and each loss curve's largest |Δ|).
 *
 * @example
 * import assert from 'node:assert'
 * import { tourJson } from './tour-command.js'
 * // tourJson(runTour().right) needs the whole tour (a few seconds); see docs/tour.md
 * assert.strictEqual(typeof tourJson, 'function')
 */
export const tourJson = (
  results: TourResults,
  reference?: NotebookReference,
  comparison?: TourComparison,
): string => {
  const numbers = keyNumbers(results)
  const { x, w, b, xw, z, L, dLdz, dLdxw, dLdx, dLdw, dLdb } = results.graph
  const record = {
    chainRule: { ...results.chainRule, ...numbers.chainRule },
    graph: { x, w, b, xw, z, L, dLdz, dLdxw, dLdx, dLdw, dLdb },
    verbose231: { learningRate: results.verbose231.learningRate, ...numbers.verbose231 },
    gradientCheck: { epsilon: results.gradientCheck.epsilon, ...numbers.gradientCheck },
    moons: {
      trainSize: results.moons.trainShape.rows,
      testSize: results.moons.testShape.rows,
      ...numbers.moons,
      epochAccuracy: results.moons.epochAccuracy,
    },
    circles: { ...numbers.circles, epochAccuracy: results.circles.epochAccuracy },
    ...(reference === undefined ? {} : { notebook: reference }),
    ...(comparison === undefined ? {} : { comparison }),
  }
  return `${JSON.stringify(record, null, 2)}\n`
}

/** Reads and decodes the notebook's numbers, or says in one line why not. */
const readReference = (world: World, path: string): E.Either<string, NotebookReference> => {
  const text = world.readText(path)
  if (E.isLeft(text)) return text
  return decodeNotebookReference(text.right, path)
}

/**
 * `gradfold tour` with the tour computed by `compute` (tests pass a memoised run; the CLI passes
 * `runTour`).
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { makeTourCommand } from './tour-command.js'
 * const lines: string[] = []
 * const world = {
 *   print: (text: string) => { lines.push(text) }, warn: (text: string) => { lines.push(text) },
 *   isTerminal: false, columns: 80,
 *   readText: () => E.left('unused'), readBytes: () => E.left('none'), listDirectory: () => E.right(undefined),
 *   writeText: () => E.right(undefined), writeBytes: () => E.right(undefined),
 *   joinPath: (...parts: readonly string[]) => parts.join('/'),
 * }
 * const failing = makeTourCommand(() => E.left({ message: 'tour: no time' }))
 * assert.strictEqual(await failing(['--no-reference'], world), 1)
 * assert.deepStrictEqual(lines, ['gradfold tour: tour: no time\n'])
 */
export const makeTourCommand = (compute: () => E.Either<TourError, TourResults>): Command =>
  withArguments(tourArguments, async (parsed, world) => {
    const fail = (message: string): number => {
      world.warn(`gradfold tour: ${message}\n`)
      return 1
    }
    const options = tourOptions(parsed)
    if (E.isLeft(options)) return reportUsage(world, 'tour', options.left)
    const { out, language, reference: referencePath, figures } = options.right
    const words = tourWords(language)
    let reference: NotebookReference | undefined
    if (referencePath !== undefined) {
      const read = readReference(world, referencePath)
      if (E.isLeft(read)) {
        return fail(`${read.left} (--no-reference runs the tour without the notebook's numbers)`)
      }
      reference = read.right
    }
    const folder = world.listDirectory(out)
    if (E.isLeft(folder)) return fail(folder.left)
    const results = compute()
    if (E.isLeft(results)) return fail(results.left.message)
    let comparison: TourComparison | undefined
    if (reference !== undefined) {
      const compared = compareKeyNumbers(keyNumbers(results.right), reference)
      if (E.isLeft(compared)) return fail(compared.left.message)
      comparison = compared.right
    }
    world.print(`${renderTour(results.right, language, comparison)}\n`)
    const files: readonly (readonly [string, string])[] = [
      [world.joinPath(out, 'tour.json'), tourJson(results.right, reference, comparison)],
      [
        world.joinPath(out, 'graph.dot'),
        `${teach.renderDot(results.right.graph.trace, { language, title: 'L = (x·w + b)²', outputName: 'Loss' })}\n`,
      ],
    ]
    for (const [path, text] of files) {
      const written = world.writeText(path, text)
      if (E.isLeft(written)) return fail(written.left)
    }
    const report = await writeTourReport(world, out, {
      results: results.right,
      comparison,
      language,
      figures,
    })
    if (E.isLeft(report)) return fail(report.left)
    const figureFiles = report.right.figures.flatMap((figure) =>
      (figure.files ?? []).map((file) => world.joinPath(out, file)),
    )
    world.print(
      `\n${words.wrote([
        ...files.map(([path]) => path),
        report.right.page,
        ...figureFiles,
        ...report.right.animations,
      ])}\n`,
    )
    return 0
  })

/**
 * `gradfold tour`: the notebook replayed, compared and saved (see `tourHelp`).
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { tourCommand } from './tour-command.js'
 * const errors: string[] = []
 * const world = {
 *   print: () => undefined, warn: (text: string) => { errors.push(text) },
 *   isTerminal: false, columns: 80,
 *   readText: () => E.left('unused'), readBytes: () => E.left('none'), listDirectory: () => E.right(undefined),
 *   writeText: () => E.right(undefined), writeBytes: () => E.right(undefined),
 *   joinPath: (...parts: readonly string[]) => parts.join('/'),
 * }
 * assert.strictEqual(await tourCommand(['--lang', 'de'], world), 2)
 * assert.deepStrictEqual(errors, [
 *   "gradfold: tour: --lang: expected en or ru, got 'de' (try 'gradfold tour --help')\n",
 * ])
 */
export const tourCommand: Command = makeTourCommand(runTour)
