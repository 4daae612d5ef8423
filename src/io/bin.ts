#!/usr/bin/env node
// The `gradfold` executable: the IO edge around `runCli`. It writes the streams and sets the
// exit code; an unexpected internal failure prints one line, not a stack trace.

import { runCli } from './cli.js'
import { readPackageInfo } from './package-info.js'

try {
  const result = runCli(process.argv.slice(2), readPackageInfo())
  process.stdout.write(result.stdout)
  process.stderr.write(result.stderr)
  process.exitCode = result.exitCode
} catch (error: unknown) {
  process.stderr.write(
    `gradfold: internal error: ${error instanceof Error ? error.message : String(error)}\n`,
  )
  process.exitCode = 1
}
