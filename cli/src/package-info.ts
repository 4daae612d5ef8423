// Reads the CLI package's own name, version and description from its package.json: an effect, so
// it lives at the IO edge. Works from both src/ (tests) and dist/ (the installed CLI).

import { readFileSync } from 'node:fs'

/** What the CLI says about itself. */
export interface PackageInfo {
  readonly name: string
  readonly version: string
  readonly description: string
}

/**
 * Reads the CLI package's package.json, one folder above this module (the package root from src/
 * and dist/ alike): the program's name (its `bin` command, `gradfold`), version and description.
 *
 * @example
 * import assert from 'node:assert'
 * import { readPackageInfo } from './package-info.js'
 * assert.strictEqual(readPackageInfo().name, 'gradfold')
 */
export const readPackageInfo = (): PackageInfo => {
  const parsed: unknown = JSON.parse(
    readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
  )
  const manifest: Readonly<Record<string, unknown>> =
    typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {}
  const text = (value: unknown): string => (typeof value === 'string' ? value : 'unknown')
  const bin = manifest.bin
  const commands = typeof bin === 'object' && bin !== null ? Object.keys(bin) : []
  return {
    name: commands.length > 0 ? commands.join(' ') : text(manifest.name),
    version: text(manifest.version),
    description: text(manifest.description),
  }
}
