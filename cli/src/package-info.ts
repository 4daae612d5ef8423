// Reads the package's own name, version and description from package.json: an effect, so it
// lives at the IO edge. Works from both src/ (tests) and dist/ (the installed CLI).

import { readFileSync } from 'node:fs'

/** What the CLI says about itself. */
export interface PackageInfo {
  readonly name: string
  readonly version: string
  readonly description: string
}

/**
 * Reads package.json two folders above this module (the package root in src/ and dist/).
 *
 * @example
 * import assert from 'node:assert'
 * import { readPackageInfo } from './package-info.js'
 * assert.strictEqual(readPackageInfo().name, 'gradfold')
 */
export const readPackageInfo = (): PackageInfo => {
  const parsed: unknown = JSON.parse(
    readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
  )
  const field = (key: string): string => {
    const value: unknown =
      typeof parsed === 'object' && parsed !== null
        ? (parsed as Record<string, unknown>)[key]
        : undefined
    return typeof value === 'string' ? value : 'unknown'
  }
  return { name: field('name'), version: field('version'), description: field('description') }
}
