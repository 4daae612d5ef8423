#!/usr/bin/env node
// The `gradfold` executable: the IO edge around `runCli`, with the real world (streams and file
// system) and clock. It awaits the command and sets the exit code; an unexpected internal failure
// (a throw or a rejected promise) prints one line, not a stack trace, and exits with 1.

import { runCli } from './cli.js'
import { readPackageInfo } from './package-info.js'
import { nodeWorld } from './world.js'

try {
  process.exitCode = await runCli(process.argv.slice(2), readPackageInfo(), nodeWorld(), () =>
    performance.now(),
  )
} catch (error: unknown) {
  const message = error instanceof Error ? error.message : String(error)
  process.stderr.write(`gradfold: internal error: ${message.split('\n')[0] ?? ''}\n`)
  process.exitCode = 1
}
