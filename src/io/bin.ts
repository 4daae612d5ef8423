#!/usr/bin/env node
// The `gradfold` executable: the IO edge around `runCli`, with the real world (streams and file
// system) and clock. It sets the exit code; an unexpected internal failure prints one line, not
// a stack trace.

import { runCli } from './cli.js'
import { readPackageInfo } from './package-info.js'
import { nodeWorld } from './world.js'

try {
  process.exitCode = runCli(process.argv.slice(2), readPackageInfo(), nodeWorld(), () =>
    performance.now(),
  )
} catch (error: unknown) {
  process.stderr.write(
    `gradfold: internal error: ${error instanceof Error ? error.message : String(error)}\n`,
  )
  process.exitCode = 1
}
