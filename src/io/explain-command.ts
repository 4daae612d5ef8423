// `gradfold explain`: the notebook's 2-3-1 training step (numpy seed 42, W = randn·0.5,
// X = [[0.5, 0.3]], y = [[1]], learning rate 0.1) explained from the graph's trace, as text or
// Markdown, in English or the notebook's Russian. Pure: arguments in, CLI result out.

import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { linalg, network, random } from '../index.js'
import type { CliResult } from './cli-result.js'
import { usageError } from './cli-result.js'

/** The help of `gradfold explain`. */
export const explainHelp = [
  'Usage: gradfold explain [--lang en|ru] [--format text|markdown]',
  '',
  'Prints the notebook’s 2-3-1 network trained for one step (numpy seed 42, W = randn·0.5,',
  'X = [[0.5, 0.3]], y = [[1]], learning rate 0.1): forward pass, backward pass and update,',
  'derived by gradfold’s computational graph, beside the notebook’s hand-derived formulas.',
  '',
  '  --lang en|ru              English (default) or the notebook’s Russian',
  '  --format text|markdown    plain text (default) or Markdown with TeX',
  '',
].join('\n')

interface ExplainOptions {
  readonly language: 'en' | 'ru'
  readonly format: 'text' | 'markdown'
}

const parseOptions = (args: readonly string[]): E.Either<string, ExplainOptions> => {
  let language: 'en' | 'ru' = 'en'
  let format: 'text' | 'markdown' = 'text'
  for (let index = 0; index < args.length; index += 2) {
    const option = args[index] ?? ''
    const value = args[index + 1]
    if (option === '--lang') {
      if (value !== 'en' && value !== 'ru')
        return E.left(`--lang: expected en or ru, got ${value ?? 'nothing'}`)
      language = value
    } else if (option === '--format') {
      if (value !== 'text' && value !== 'markdown') {
        return E.left(`--format: expected text or markdown, got ${value ?? 'nothing'}`)
      }
      format = value
    } else {
      return E.left(`unknown option '${option}'`)
    }
  }
  return E.right({ language, format })
}

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
  if (args.includes('--help') || args.includes('-h'))
    return { exitCode: 0, stdout: explainHelp, stderr: '' }
  return pipe(
    parseOptions(args),
    E.match(
      (problem) => usageError(`explain: ${problem}`),
      (options) =>
        pipe(
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
            network.explainTrainingStep(net, { X, y: linalg.ones(1, 1) }, 0.1, options),
          ),
          E.match(
            (error): CliResult => ({
              exitCode: 1,
              stdout: '',
              stderr: `gradfold explain: ${error.message}\n`,
            }),
            (text): CliResult => ({ exitCode: 0, stdout: `${text}\n`, stderr: '' }),
          ),
        ),
    ),
  )
}
