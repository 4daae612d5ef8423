// Running an entry module (bin.ts, main.ts) inside a test as if it were a process: arguments in,
// captured stdout, stderr and exit code out. Call `restoreProcess` after each test.

import { vi } from 'vitest'

/** What an entry module wrote and the exit code it set. */
export interface EntryResult {
  readonly stdout: string
  readonly stderr: string
  readonly exitCode: unknown
}

const originalArguments = process.argv

/** Imports `load`'s module afresh with `args` as the command-line arguments, capturing output. */
export const runEntry = async (
  load: () => Promise<unknown>,
  args: readonly string[],
): Promise<EntryResult> => {
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
  process.argv = ['node', 'entry', ...args]
  process.exitCode = undefined
  await load()
  const exitCode = process.exitCode
  process.exitCode = undefined
  return { stdout: stdout.join(''), stderr: stderr.join(''), exitCode }
}

/** Puts the process arguments, stream writers and module cache back as they were. */
export const restoreProcess = (): void => {
  process.argv = originalArguments
  vi.restoreAllMocks()
  vi.resetModules()
}
