// The `gradfold` executable wires runCli to the real process: streams and exit code.

import { afterEach, describe, expect, test, vi } from 'vitest'

const originalArguments = process.argv

const run = async (
  args: readonly string[],
): Promise<{ stdout: string; stderr: string; exitCode: unknown }> => {
  const stdout: string[] = []
  const stderr: string[] = []
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout.push(String(chunk))
    return true
  })
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr.push(String(chunk))
    return true
  })
  process.argv = ['node', 'gradfold', ...args]
  process.exitCode = undefined
  await import('../../src/io/bin.js')
  const exitCode = process.exitCode
  process.exitCode = undefined
  return { stdout: stdout.join(''), stderr: stderr.join(''), exitCode }
}

afterEach(() => {
  process.argv = originalArguments
  vi.restoreAllMocks()
  vi.resetModules()
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
})
