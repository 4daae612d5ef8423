// The `gradfold` executable wires runCli to the real process: streams and exit code.

import { afterEach, describe, expect, test } from 'vitest'
import { restoreProcess, runEntry } from '../support/run-entry.js'

const run = (args: readonly string[]): ReturnType<typeof runEntry> =>
  runEntry(() => import('../../src/io/bin.js'), args)

afterEach(restoreProcess)

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
})
