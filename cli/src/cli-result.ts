// What a CLI command produces, as a value: an exit code and the text for each stream.
// Law: a usage mistake is exit code 2 and exactly one line on stderr, pointing at the help.

/** What running the CLI produced: the exit code and the text for each stream. */
export interface CliResult {
  readonly exitCode: number
  readonly stdout: string
  readonly stderr: string
}

/** Exit code for a usage mistake (unknown command or option). */
export const usageExitCode = 2

/**
 * A usage mistake: one line on stderr pointing at the help — the command's when `command` is
 * given, else the program's — exit code 2.
 *
 * @example
 * import assert from 'node:assert'
 * import { usageError } from './cli-result.js'
 * assert.deepStrictEqual(usageError("unknown command 'fly'"), {
 *   exitCode: 2,
 *   stdout: '',
 *   stderr: "gradfold: unknown command 'fly' (try 'gradfold --help')\n",
 * })
 * assert.strictEqual(
 *   usageError('missing CONFIG.json', 'train').stderr,
 *   "gradfold: train: missing CONFIG.json (try 'gradfold train --help')\n",
 * )
 */
export const usageError = (problem: string, command?: string): CliResult => ({
  exitCode: usageExitCode,
  stdout: '',
  stderr:
    command === undefined
      ? `gradfold: ${problem} (try 'gradfold --help')\n`
      : `gradfold: ${command}: ${problem} (try 'gradfold ${command} --help')\n`,
})
