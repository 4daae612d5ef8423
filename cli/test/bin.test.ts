// The `gradfold` executable wires runCli to the real process: streams, file system and exit code;
// it awaits the command, and an unexpected failure is one line and exit code 1.

import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { restoreProcess, runEntry } from './support/run-entry.js'

const run = (args: readonly string[]): ReturnType<typeof runEntry> =>
  runEntry(() => import('../src/bin.js'), args)

const made: string[] = []
afterEach(() => {
  vi.doUnmock('../src/cli.js')
  restoreProcess()
  for (const directory of made.splice(0)) rmSync(directory, { recursive: true, force: true })
})

describe('bin', () => {
  test('--version writes the version and leaves the exit code at success', async () => {
    const result = await run(['--version'])
    expect(result.stdout).toMatch(/^\d+\.\d+\.\d+\n$/)
    expect(result.stderr).toBe('')
    expect(result.exitCode).toBe(0)
  })

  test('a GRADFOLD_BACKEND it cannot read is one line and exit code 2, before any work', async () => {
    vi.stubEnv('GRADFOLD_BACKEND', 'fast')
    try {
      const result = await run(['--version'])
      expect(result.stdout).toBe('')
      expect(result.stderr).toBe(
        'gradfold: GRADFOLD_BACKEND: expected portable or wasm, got "fast"\n',
      )
      expect(result.exitCode).toBe(2)
    } finally {
      vi.unstubAllEnvs()
    }
  })

  test('an unknown command writes one line to stderr and sets exit code 2', async () => {
    const result = await run(['frobnicate'])
    expect(result.stdout).toBe('')
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1)
    expect(result.exitCode).toBe(2)
  })

  test('an unknown flag is one line naming it and exit code 2, never a stack trace', async () => {
    const result = await run(['train', '--nope'])
    expect(result.stdout).toBe('')
    expect(result.stderr).toBe(
      "gradfold: train: unknown option '--nope' (try 'gradfold train --help')\n",
    )
    expect(result.exitCode).toBe(2)
  })

  test('a missing config file is one line and exit code 2, and --out is not created', async () => {
    const root = mkdtempSync(join(tmpdir(), 'gradfold-bin-'))
    made.push(root)
    writeFileSync(join(root, 'note.txt'), 'not a config')
    const result = await run(['train', join(root, 'missing.json'), '--out', join(root, 'run')])
    expect(result.stderr).toMatch(/^gradfold train: cannot read '.*missing\.json': no such file/u)
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1)
    expect(result.exitCode).toBe(2)
    expect(readdirSync(root)).toStrictEqual(['note.txt'])
  })

  test('a command that rejects unexpectedly is one line on stderr and exit code 1', async () => {
    vi.doMock('../src/cli.js', () => ({
      runCli: () =>
        Promise.reject(new Error('the renderer fell over\n    at somewhere (x.js:1:1)')),
    }))
    const result = await run(['tour'])
    expect(result.stdout).toBe('')
    expect(result.stderr).toBe('gradfold: internal error: the renderer fell over\n')
    expect(result.exitCode).toBe(1)
  })
})
