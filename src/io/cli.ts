// The `gradfold` command line as a pure function from arguments to exit code and output text;
// `bin.ts` performs the effects. Law: every user mistake yields one line on stderr and a
// non-zero exit code, never a stack trace.

import { usageError, type CliResult } from './cli-result.js'
import { explainHelp, runExplain } from './explain-command.js'
import type { PackageInfo } from './package-info.js'

export { usageExitCode, type CliResult } from './cli-result.js'

const helpText = (info: PackageInfo): string =>
  [
    `${info.name} ${info.version} — ${info.description}`,
    '',
    'Usage:',
    '  gradfold --help       show this help',
    '  gradfold --version    print the version',
    '  gradfold explain      the notebook’s 2-3-1 training step, derived (--help for options)',
    '',
    'The training and gradient-check commands (train, gradcheck) arrive with the next issue;',
    '`npm start` in the repository shows what works today.',
    '',
  ].join('\n')

/**
 * Runs the CLI on `args` (the arguments after the program name).
 *
 * @example
 * import assert from 'node:assert'
 * import { runCli } from './cli.js'
 * const info = { name: 'gradfold', version: '1.2.3', description: 'backprop' }
 * assert.deepStrictEqual(runCli(['--version'], info), { exitCode: 0, stdout: '1.2.3\n', stderr: '' })
 * assert.strictEqual(runCli(['fly'], info).exitCode, 2)
 */
export const runCli = (args: readonly string[], info: PackageInfo): CliResult => {
  const [first, ...rest] = args
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    if (first === 'help' && rest[0] === 'explain')
      return { exitCode: 0, stdout: explainHelp, stderr: '' }
    return rest.length === 0 || first === 'help'
      ? { exitCode: 0, stdout: helpText(info), stderr: '' }
      : usageError(`unexpected argument '${rest[0] ?? ''}'`)
  }
  if (first === '--version' || first === '-v') {
    return rest.length === 0
      ? { exitCode: 0, stdout: `${info.version}\n`, stderr: '' }
      : usageError(`unexpected argument '${rest[0] ?? ''}'`)
  }
  if (first === 'explain') return runExplain(rest)
  return usageError(
    first.startsWith('-') ? `unknown option '${first}'` : `unknown command '${first}'`,
  )
}
