// The CLI's dispatch: help (for the program and every command, three ways), the version, explain
// through the world, and usage mistakes as one line on stderr with exit code 2.

import { describe, expect, test } from 'vitest'
import { runCli, usageExitCode } from '../src/cli.js'
import { memoryWorld, type MemoryWorld } from './support/memory-world.js'

const info = { name: 'gradfold', version: '9.8.7', description: 'teaches backpropagation' }

const run = async (
  args: readonly string[],
): Promise<MemoryWorld & { readonly exitCode: number }> => {
  const world = memoryWorld()
  const exitCode = await runCli(args, info, world)
  return Object.assign(world, { exitCode })
}

const commands = ['train', 'gradcheck', 'explain', 'tour']

describe('gradfold CLI', () => {
  test.each([[[]], [['--help']], [['-h']], [['help']]])('%j prints the help', async (args) => {
    const result = await run(args)
    expect(result.exitCode).toBe(0)
    expect(result.stdout()).toContain('gradfold 9.8.7 — teaches backpropagation')
    expect(result.stdout()).toContain('--version')
    for (const command of commands) expect(result.stdout()).toMatch(new RegExp(`\\n  ${command} `))
    expect(result.stderr()).toBe('')
  })

  test.each([[['--version']], [['-v']]])('%j prints the version alone', async (args) => {
    const result = await run(args)
    expect([result.exitCode, result.stdout(), result.stderr()]).toStrictEqual([0, '9.8.7\n', ''])
  })

  test.each(commands)(
    'help %s, %s --help and %s -h print the same help with options and an example',
    async (command) => {
      const texts = await Promise.all(
        [
          ['help', command],
          [command, '--help'],
          [command, '-h'],
        ].map(async (args) => {
          const result = await run(args)
          expect([result.exitCode, result.stderr()]).toStrictEqual([0, ''])
          return result.stdout()
        }),
      )
      expect(texts[1]).toBe(texts[0])
      expect(texts[2]).toBe(texts[0])
      expect(texts[0]).toMatch(new RegExp(`^Usage: gradfold ${command} `, 'u'))
      expect(texts[0]).toMatch(/\n {2}--\w+/u)
      expect(texts[0]).toContain(`Example:\n  gradfold ${command}`)
    },
  )

  test('explain runs the walkthrough through the world', async () => {
    const result = await run(['explain', '--lang', 'ru'])
    expect(result.exitCode).toBe(0)
    expect(result.stdout()).toContain('Loss = 0.138309')
  })

  test.each([
    [['fly'], "gradfold: unknown command 'fly' (try 'gradfold --help')\n"],
    [['--frobnicate'], "gradfold: unknown option '--frobnicate' (try 'gradfold --help')\n"],
    [['--version', 'extra'], "gradfold: unexpected argument 'extra' (try 'gradfold --help')\n"],
    [['help', 'fly'], "gradfold: help: unknown command 'fly' (try 'gradfold --help')\n"],
    [['train'], "gradfold: train: missing CONFIG.json (try 'gradfold train --help')\n"],
    [['train', 'a.json'], "gradfold: train: missing --out DIR (try 'gradfold train --help')\n"],
    [
      ['train', 'a.json', '--out', 'o', '--nope'],
      "gradfold: train: unknown option '--nope' (try 'gradfold train --help')\n",
    ],
    [
      ['tour', '--out', '--lang', 'ru'],
      "gradfold: tour: --out: expected a directory, got '--lang' (try 'gradfold tour --help')\n",
    ],
    [
      ['gradcheck', 'a.json', '--fast'],
      "gradfold: gradcheck: unknown option '--fast' (try 'gradfold gradcheck --help')\n",
    ],
    [
      ['explain', '--lang', 'de'],
      "gradfold: explain: --lang: expected en or ru, got 'de' (try 'gradfold explain --help')\n",
    ],
  ])(
    '%j is a usage error: one line on stderr, exit code 2, nothing written',
    async (args, message) => {
      const result = await run(args)
      expect([result.exitCode, result.stdout(), result.stderr()]).toStrictEqual([
        usageExitCode,
        '',
        message,
      ])
      expect(result.files.size).toBe(0)
      expect(usageExitCode).toBe(2)
    },
  )
})
