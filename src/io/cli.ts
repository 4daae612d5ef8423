// The `gradfold` command line: dispatches to commands written against `World` and prints any
// command's help (`bin.ts` passes the real world and clock and awaits the exit code). Laws: a usage
// mistake is one line on stderr and exit code 2, never a stack trace; `--help` on every command
// prints its help, exit 0.

import { usageError, type CliResult } from './cli-result.js'
import { explainHelp, runExplain } from './explain-command.js'
import { gradcheckCommand, gradcheckHelp } from './gradcheck-command.js'
import type { PackageInfo } from './package-info.js'
import { tourCommand, tourHelp } from './tour-command.js'
import { trainCommand, trainHelp } from './train-command.js'
import type { Command, World } from './world.js'

export { usageExitCode, type CliResult } from './cli-result.js'

/** A command of the CLI: its name, a one-line summary, its help and how to run it. */
interface CommandEntry {
  readonly name: string
  readonly summary: string
  readonly help: string
  readonly run: Command
}

/** Writes a pure command's result to the world and returns its exit code. */
const emit = (world: World, result: CliResult): number => {
  if (result.stdout !== '') world.print(result.stdout)
  if (result.stderr !== '') world.warn(result.stderr)
  return result.exitCode
}

/** A command's help with an example at the end, unless it already shows one. */
const withExample = (help: string, example: string): string =>
  help.includes('Example:') ? help : `${help.trimEnd()}\n\nExample:\n  ${example}\n`

const commandsFor = (now: () => number): readonly CommandEntry[] => [
  {
    name: 'train',
    summary: 'train the network a config describes; write config, history and model',
    help: trainHelp,
    run: trainCommand(now),
  },
  {
    name: 'gradcheck',
    summary: 'check a config’s gradients against finite differences, tensor by tensor',
    help: gradcheckHelp,
    run: gradcheckCommand,
  },
  {
    name: 'explain',
    summary: 'the notebook’s 2-3-1 training step, derived by the graph',
    help: withExample(explainHelp, 'gradfold explain --lang ru --format markdown'),
    run: (args, world) => emit(world, runExplain(args)),
  },
  {
    name: 'tour',
    summary: 'the notebook replayed chapter by chapter, beside its own numbers (npm start)',
    help: withExample(tourHelp, 'gradfold tour --out out/tour --lang ru'),
    run: tourCommand,
  },
]

const helpText = (info: PackageInfo, commands: readonly CommandEntry[]): string => {
  const width = Math.max(...commands.map((command) => command.name.length))
  return [
    `${info.name} ${info.version} — ${info.description}`,
    '',
    'Usage: gradfold COMMAND [options]',
    '',
    'Commands:',
    ...commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    'Options:',
    '  gradfold --help            this help (also: gradfold help)',
    '  gradfold help COMMAND      a command’s options and an example (also: COMMAND --help)',
    '  gradfold --version         the version',
    '',
    'Exit codes: 0 success; 1 a failure at run time (a check fails, the disk refuses a write);',
    '2 a usage mistake or a bad config.',
    '',
    'Example:',
    '  gradfold train examples/moons.json --out runs/moons',
    '',
  ].join('\n')
}

/**
 * Runs the CLI on `args` (the arguments after the program name) in `world`, resolving to the exit
 * code once the command has finished (a command may render figures asynchronously). `now`
 * (milliseconds) times training; by default it stands still, so output is deterministic.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { runCli } from './cli.js'
 * const out: string[] = []
 * const world = {
 *   print: (text: string) => { out.push(text) }, warn: (text: string) => { out.push(text) },
 *   isTerminal: false, columns: 80, readText: () => E.left('none'), listDirectory: () => E.right(undefined),
 *   writeText: () => E.right(undefined), writeBytes: () => E.right(undefined),
 *   joinPath: (...parts: readonly string[]) => parts.join('/'),
 * }
 * const info = { name: 'gradfold', version: '1.2.3', description: 'backprop' }
 * assert.strictEqual(await runCli(['--version'], info, world), 0)
 * assert.deepStrictEqual(out, ['1.2.3\n'])
 * assert.strictEqual(await runCli(['fly'], info, world), 2)
 */
export const runCli = async (
  args: readonly string[],
  info: PackageInfo,
  world: World,
  now: () => number = () => 0,
): Promise<number> => {
  const commands = commandsFor(now)
  const find = (name: string): CommandEntry | undefined =>
    commands.find((command) => command.name === name)
  const [first, ...rest] = args
  if (first === undefined || first === '--help' || first === '-h') {
    return rest.length === 0
      ? emit(world, { exitCode: 0, stdout: helpText(info, commands), stderr: '' })
      : emit(world, usageError(`unexpected argument '${rest[0] ?? ''}'`))
  }
  if (first === 'help') {
    const [name, extra] = rest
    if (extra !== undefined) return emit(world, usageError(`unexpected argument '${extra}'`))
    if (name === undefined) {
      return emit(world, { exitCode: 0, stdout: helpText(info, commands), stderr: '' })
    }
    const command = find(name)
    return command === undefined
      ? emit(world, usageError(`help: unknown command '${name}'`))
      : emit(world, { exitCode: 0, stdout: command.help, stderr: '' })
  }
  if (first === '--version' || first === '-v') {
    return rest.length === 0
      ? emit(world, { exitCode: 0, stdout: `${info.version}\n`, stderr: '' })
      : emit(world, usageError(`unexpected argument '${rest[0] ?? ''}'`))
  }
  const command = find(first)
  if (command === undefined) {
    return emit(
      world,
      usageError(
        first.startsWith('-') ? `unknown option '${first}'` : `unknown command '${first}'`,
      ),
    )
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    return emit(world, { exitCode: 0, stdout: command.help, stderr: '' })
  }
  return command.run(rest, world)
}
