// The `gradfold` command line as a pure function from arguments to exit code and output text;
// `bin.ts` performs the effects. Law: every user mistake yields one line on stderr and a
// non-zero exit code, never a stack trace.

import type { PackageInfo } from './package-info.js'

/** What running the CLI produced: the exit code and the text for each stream. */
export interface CliResult {
  readonly exitCode: number
  readonly stdout: string
  readonly stderr: string
}

/** Exit code for a usage mistake (unknown command or option). */
export const usageExitCode = 2

const helpText = (info: PackageInfo): string =>
  [
    `${info.name} ${info.version} — ${info.description}`,
    '',
    'Usage:',
    '  gradfold --help       show this help',
    '  gradfold --version    print the version',
    '',
    'The training, explanation and gradient-check commands (train, explain, gradcheck) arrive',
    'with the layers they need; `npm start` in the repository shows what works today.',
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
    return rest.length === 0 || first === 'help'
      ? { exitCode: 0, stdout: helpText(info), stderr: '' }
      : unexpected(rest[0] ?? '')
  }
  if (first === '--version' || first === '-v') {
    return rest.length === 0
      ? { exitCode: 0, stdout: `${info.version}\n`, stderr: '' }
      : unexpected(rest[0] ?? '')
  }
  return first.startsWith('-')
    ? {
        exitCode: usageExitCode,
        stdout: '',
        stderr: `gradfold: unknown option '${first}' (try 'gradfold --help')\n`,
      }
    : {
        exitCode: usageExitCode,
        stdout: '',
        stderr: `gradfold: unknown command '${first}' (try 'gradfold --help')\n`,
      }
}

const unexpected = (argument: string): CliResult => ({
  exitCode: usageExitCode,
  stdout: '',
  stderr: `gradfold: unexpected argument '${argument}' (try 'gradfold --help')\n`,
})
