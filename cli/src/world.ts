// The effects a CLI command may perform, as one record: write to stdout and stderr, read a text
// or binary file, list a directory, write a text or binary file, and ask whether stdout is a terminal.
// `bin.ts` and `main.ts` pass `nodeWorld()`; tests pass an in-memory world. Law: a command touches
// nothing outside what its world offers, so it is a function of (arguments, world).

import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'

/** The effects available to a command. Failures are one-line reasons, never exceptions. */
export interface World {
  /** Writes text to standard output as it is (no newline added). */
  readonly print: (text: string) => void
  /** Writes text to standard error as it is. */
  readonly warn: (text: string) => void
  /** Whether standard output is a terminal (a progress bar may redraw its line). */
  readonly isTerminal: boolean
  /** The terminal's width in columns (80 when unknown). */
  readonly columns: number
  /** A file's text, or why it could not be read (`cannot read 'x.json': no such file`). */
  readonly readText: (path: string) => E.Either<string, string>
  /** A file's bytes (a gzipped IDX file, say), or why it could not be read. */
  readonly readBytes: (path: string) => E.Either<string, Uint8Array>
  /** A directory's entry names, `undefined` when nothing exists at `path`, Left when it is a file. */
  readonly listDirectory: (path: string) => E.Either<string, readonly string[] | undefined>
  /** Writes a file, creating missing parent directories; Left with the reason on failure. */
  readonly writeText: (path: string, text: string) => E.Either<string, void>
  /** Writes bytes (a PNG) to a file, creating missing parent directories; Left on failure. */
  readonly writeBytes: (path: string, bytes: Uint8Array) => E.Either<string, void>
  /** Joins path segments the platform's way. */
  readonly joinPath: (...segments: readonly string[]) => string
}

/**
 * A command: arguments after its name and a world in, the exit code out — at once, or as a
 * promise when the command waits for something (rendering figures). Callers always `await` it.
 */
export type Command = (args: readonly string[], world: World) => number | Promise<number>

const reason = (error: unknown): string => {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { readonly code: unknown }).code
    if (code === 'ENOENT') return 'no such file or directory'
    if (code === 'EACCES' || code === 'EPERM') return 'permission denied'
    if (code === 'EISDIR') return 'is a directory'
    if (code === 'ENOTDIR') return 'a parent is not a directory'
    if (code === 'EEXIST') return 'already exists'
  }
  return error instanceof Error ? error.message : String(error)
}

const attempt = <A>(what: string, run: () => A): E.Either<string, A> => {
  try {
    return E.right(run())
  } catch (error: unknown) {
    return E.left(`${what}: ${reason(error)}`)
  }
}

/**
 * The real world: `process.stdout`/`process.stderr` and the file system through `node:fs`.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { nodeWorld } from './world.js'
 * const world = nodeWorld()
 * assert.ok(E.isLeft(world.readText('/no/such/gradfold/file.json')))
 * assert.deepStrictEqual(world.listDirectory('/no/such/gradfold/dir'), E.right(undefined))
 */
export const nodeWorld = (): World => {
  // Node types these as always present; on a pipe they are undefined.
  const terminal: unknown = process.stdout.isTTY
  const columns: unknown = process.stdout.columns
  return {
    print: (text) => {
      process.stdout.write(text)
    },
    warn: (text) => {
      process.stderr.write(text)
    },
    isTerminal: terminal === true,
    columns: typeof columns === 'number' && columns > 0 ? columns : 80,
    readText: (path) => attempt(`cannot read '${path}'`, () => readFileSync(path, 'utf8')),
    readBytes: (path) =>
      attempt(`cannot read '${path}'`, () => {
        const buffer = readFileSync(path)
        return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)
      }),
    listDirectory: (path) =>
      attempt(`cannot list '${path}'`, () => {
        const status = statSync(path, { throwIfNoEntry: false })
        if (status === undefined) return undefined
        if (!status.isDirectory()) throw new Error('exists and is not a directory')
        return readdirSync(path).sort()
      }),
    writeText: (path, text) =>
      attempt(`cannot write '${path}'`, () => {
        mkdirSync(dirname(path), { recursive: true })
        writeFileSync(path, text, 'utf8')
      }),
    writeBytes: (path, bytes) =>
      attempt(`cannot write '${path}'`, () => {
        mkdirSync(dirname(path), { recursive: true })
        writeFileSync(path, bytes)
      }),
    joinPath: (...segments) => join(...segments),
  }
}
