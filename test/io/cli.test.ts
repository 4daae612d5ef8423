// The CLI as a pure function: help, version, and one-line errors with exit code 2 for mistakes.

import { describe, expect, test } from 'vitest'
import { runCli, usageExitCode } from '../../src/io/cli.js'

const info = { name: 'gradfold', version: '9.8.7', description: 'teaches backpropagation' }

describe('gradfold CLI', () => {
  test.each([[[]], [['--help']], [['-h']], [['help']]])('%j prints the help', (args) => {
    const result = runCli(args, info)
    expect(result.exitCode).toBe(0)
    expect(result.stdout).toContain('gradfold 9.8.7 — teaches backpropagation')
    expect(result.stdout).toContain('--version')
    expect(result.stderr).toBe('')
  })

  test.each([[['--version']], [['-v']]])('%j prints the version alone', (args) => {
    expect(runCli(args, info)).toStrictEqual({ exitCode: 0, stdout: '9.8.7\n', stderr: '' })
  })

  test('explain runs the walkthrough and help explain shows its options', () => {
    expect(runCli(['explain', '--lang', 'ru'], info).stdout).toContain('Loss = 0.138309')
    expect(runCli(['help', 'explain'], info).stdout).toContain('--format text|markdown')
  })

  test.each([
    [['train'], "gradfold: unknown command 'train' (try 'gradfold --help')\n"],
    [['--frobnicate'], "gradfold: unknown option '--frobnicate' (try 'gradfold --help')\n"],
    [['--version', 'extra'], "gradfold: unexpected argument 'extra' (try 'gradfold --help')\n"],
  ])('%j is a usage error: one line on stderr, exit code 2', (args, message) => {
    expect(runCli(args, info)).toStrictEqual({
      exitCode: usageExitCode,
      stdout: '',
      stderr: message,
    })
    expect(usageExitCode).toBe(2)
  })
})
