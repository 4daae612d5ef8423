// Reading the package's own metadata from package.json.

import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { readPackageInfo } from '../../src/io/package-info.js'

describe('readPackageInfo', () => {
  test('returns the name, version and description of package.json', () => {
    const manifest: unknown = JSON.parse(
      readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
    )
    expect(readPackageInfo()).toStrictEqual({
      name: 'gradfold',
      version: (manifest as { version: string }).version,
      description: (manifest as { description: string }).description,
    })
    expect(readPackageInfo().version).toMatch(/^\d+\.\d+\.\d+/)
  })
})
