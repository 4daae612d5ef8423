// Usage mistakes as values: exit code 2 and one line pointing at the help.

import { describe, expect, test } from 'vitest'
import { usageError, usageExitCode } from '../src/cli-result.js'

describe('usageError', () => {
  test('is one line on stderr with exit code 2', () => {
    const result = usageError('unknown option --x')
    expect(result.exitCode).toBe(usageExitCode)
    expect(usageExitCode).toBe(2)
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1)
    expect(result.stdout).toBe('')
  })
})
