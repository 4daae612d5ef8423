// `gradfold explain`: the notebook's 2-3-1 training step (numpy seed 42, W = randn·0.5,
// X = [[0.5, 0.3]], y = [[1]], learning rate 0.1) explained from the graph's trace, as text or
// Markdown, in English or the notebook's Russian. Pure: arguments in, CLI result out.

import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { linalg, network, random } from 'gradfold'
import * as teach from 'gradfold/teach'
import { choice, defineCommand, parseArguments, renderHelp } from './arguments.js'
import { usageError, type CliResult } from './cli-result.js'

/** The arguments of `gradfold explain`, as data: its parser and its help both read them. */
export const explainArguments = defineCommand({
  name: 'explain',
  summary: 'the notebook’s 2-3-1 training step, derived by the graph',
  description: [
    'Prints the notebook’s 2-3-1 network trained for one step (numpy seed 42, W = randn·0.5, X = [[0.5, 0.3]], y = [[1]], learning rate 0.1): forward pass, backward pass and update, derived by gradfold’s computational graph, beside the notebook’s hand-derived formulas.',
  ],
  positionals: [],
  options: {
    lang: {
      type: 'string',
      valueName: teach.languages.join('|'),
      reader: choice(teach.languages),
      default: 'en',
      description: 'English or the notebook’s Russian',
    },
    format: {
      type: 'string',
      valueName: 'text|markdown',
      reader: choice(['text', 'markdown']),
      default: 'text',
      description: 'plain text or Markdown with TeX',
    },
  },
  notes: [],
  exitCodes: '0 printed; 1 the step could not be computed; 2 a usage mistake.',
  examples: ['gradfold explain --lang ru --format markdown'],
})

/** The help of `gradfold explain`. */
export const explainHelp = renderHelp(explainArguments)

/**
 * Runs `gradfold explain` with the arguments after the command name.
 *
 * @example
 * import assert from 'node:assert'
 * import { runExplain } from './explain-command.js'
 * const result = runExplain(['--lang', 'ru'])
 * assert.strictEqual(result.exitCode, 0)
 * assert.ok(result.stdout.includes('W1[0, 0] = 0.250020  (изменение: 0.001663)'))
 * assert.strictEqual(runExplain(['--lang', 'de']).exitCode, 2)
 */
export const runExplain = (args: readonly string[]): CliResult => {
  const parsed = parseArguments(explainArguments, args)
  if (E.isLeft(parsed)) return usageError(parsed.left, 'explain')
  if (parsed.right === 'help') return { exitCode: 0, stdout: explainHelp, stderr: '' }
  const { lang: language, format } = parsed.right.options
  return pipe(
    E.Do,
    E.bind('net', () =>
      network.mlp([2, 3, 1], {
        hidden: 'sigmoid',
        output: 'sigmoid',
        init: network.scaledNormal(0.5),
        rng: random.numpy.seed(42),
      }),
    ),
    E.bindW('X', () => linalg.fromRows([[0.5, 0.3]])),
    E.chainW(({ net, X }) =>
      teach.explainTrainingStep(net, { X, y: linalg.ones(1, 1) }, 0.1, { language, format }),
    ),
    E.match(
      (error): CliResult => ({
        exitCode: 1,
        stdout: '',
        stderr: `gradfold explain: ${error.message}\n`,
      }),
      (text): CliResult => ({ exitCode: 0, stdout: `${text}\n`, stderr: '' }),
    ),
  )
}
