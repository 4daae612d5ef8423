// The `gradfold` executable wires runCli to the real process: streams, file system and exit code.

import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { restoreProcess, runEntry } from '../support/run-entry.js'

const run = (args: readonly string[]): ReturnType<typeof runEntry> =>
  runEntry(() => import('../../src/io/bin.js'), args)

const made: string[] = []
afterEach(() => {
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

  test('an unknown command writes one line to stderr and sets exit code 2', async () => {
    const result = await run(['frobnicate'])
    expect(result.stdout).toBe('')
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1)
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
})
