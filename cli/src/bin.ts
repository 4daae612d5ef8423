#!/usr/bin/env node
// The `gradfold` executable: the IO edge around `runCli`, with the real world (streams and file
// system) and clock. It awaits the command and sets the exit code; a GRADFOLD_BACKEND it cannot
// read is one line and exit 2 before any work; an unexpected internal failure (a throw or a
// rejected promise) prints one line, not a stack trace, and exits with 1.

import * as E from 'fp-ts/lib/Either.js'
import { linalg } from 'gradfold'
import { runCli } from './cli.js'
import { readPackageInfo } from './package-info.js'
import { nodeWorld } from './world.js'

const backendChoice = linalg.parseBackendChoice(process.env[linalg.BACKEND_VARIABLE])
if (E.isLeft(backendChoice)) {
  process.stderr.write(`gradfold: ${backendChoice.left}\n`)
  process.exitCode = 2
} else {
  await run()
}

async function run(): Promise<void> {
  try {
    process.exitCode = await runCli(process.argv.slice(2), readPackageInfo(), nodeWorld(), () =>
      performance.now(),
    )
  } catch (error: unknown) {
    const message = error instanceof Error ? error.message : String(error)
    process.stderr.write(`gradfold: internal error: ${message.replace(/\n[\s\S]*$/u, '')}\n`)
    process.exitCode = 1
  }
}
