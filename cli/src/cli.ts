// The `gradfold` command line: dispatches to commands written against `World`, each parsing its
// arguments with arguments.ts (`bin.ts` passes the real world and clock and awaits the exit
// code). Laws: a usage mistake is one line on stderr and exit code 2, never a stack trace; `--help`
// on every command prints its help, exit 0, in the one format the program's help shares.

import * as E from 'fp-ts/lib/Either.js'
import {
  parseArguments,
  quote,
  renderHelp,
  renderProgramHelp,
  type CommandSpec,
  type ProgramSpec,
} from './arguments.js'
import { usageError, type CliResult } from './cli-result.js'
import { evaluateArguments, evaluateCommand } from './evaluate-command.js'
import { explainArguments, runExplain } from './explain-command.js'
import { gradcheckArguments, gradcheckCommand } from './gradcheck-command.js'
import type { PackageInfo } from './package-info.js'
import { predictArguments, predictCommand } from './predict-command.js'
import { tourArguments, tourCommand } from './tour-command.js'
import { trainArguments, trainCommand } from './train-command.js'
import type { Command, World } from './world.js'

export { usageExitCode, type CliResult } from './cli-result.js'

/** A command of the CLI: its declaration (name, summary, arguments, help) and how to run it. */
interface CommandEntry {
  readonly spec: CommandSpec
  readonly run: Command
}

/** Writes a pure command's result to the world and returns its exit code. */
const emit = (world: World, result: CliResult): number => {
  if (result.stdout !== '') world.print(result.stdout)
  if (result.stderr !== '') world.warn(result.stderr)
  return result.exitCode
}

const commandsFor = (now: () => number): readonly CommandEntry[] => [
  { spec: trainArguments, run: trainCommand(now) },
  { spec: predictArguments, run: predictCommand },
  { spec: evaluateArguments, run: evaluateCommand },
  { spec: gradcheckArguments, run: gradcheckCommand },
  { spec: explainArguments, run: (args, world) => emit(world, runExplain(args)) },
  { spec: tourArguments, run: tourCommand },
]

/** The program's own arguments (`--help` is every parser's) and the words around its commands. */
const programArguments = (info: PackageInfo) =>
  ({
    title: `${info.name} ${info.version} — ${info.description}`,
    positionals: [],
    options: { version: { type: 'boolean', short: 'v', description: 'the version' } },
    notes: [
      'gradfold help COMMAND (or gradfold COMMAND --help) prints a command’s arguments, options and an example.',
    ],
    exitCodes:
      '0 success; 1 a failure at run time (a check fails, the disk refuses a write); 2 a usage mistake or a bad config.',
    examples: ['gradfold train examples/moons.json --out runs/moons'],
  }) as const satisfies ProgramSpec

const printed = (world: World, text: string): number =>
  emit(world, { exitCode: 0, stdout: text, stderr: '' })

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
 *   isTerminal: false, columns: 80, readText: () => E.left('none'), readBytes: () => E.left('none'), listDirectory: () => E.right(undefined),
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
    commands.find((command) => command.spec.name === name)
  const specs = commands.map((command) => command.spec)
  const [first, ...rest] = args
  if (first === 'help') {
    const [name, extra] = rest
    if (extra !== undefined) return emit(world, usageError(`unexpected argument ${quote(extra)}`))
    if (name === undefined) return printed(world, renderProgramHelp(programArguments(info), specs))
    const command = find(name)
    return command === undefined
      ? emit(world, usageError(`help: unknown command ${quote(name)}`))
      : printed(world, renderHelp(command.spec))
  }
  if (first === undefined || first.startsWith('-')) {
    const program = programArguments(info)
    const parsed = parseArguments(program, args)
    if (E.isLeft(parsed)) return emit(world, usageError(parsed.left))
    return parsed.right !== 'help' && parsed.right.options.version
      ? printed(world, `${info.version}\n`)
      : printed(world, renderProgramHelp(program, specs))
  }
  const command = find(first)
  return command === undefined
    ? emit(world, usageError(`unknown command ${quote(first)}`))
    : command.run(rest, world)
}
