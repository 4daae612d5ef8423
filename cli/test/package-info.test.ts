// Reading the package's own metadata from package.json.

import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { readPackageInfo } from '../src/package-info.js'

describe('readPackageInfo', () => {
  test('returns the command, version and description of the CLI package’s package.json', () => {
    const manifest: unknown = JSON.parse(
      readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
    )
    expect((manifest as { name: string }).name).toBe('gradfold-cli')
    expect(readPackageInfo()).toStrictEqual({
      name: 'gradfold',
      version: (manifest as { version: string }).version,
      description: (manifest as { description: string }).description,
    })
    expect(readPackageInfo().version).toMatch(/^\d+\.\d+\.\d+/)
  })
})
