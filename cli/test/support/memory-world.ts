// An in-memory `World` for command tests: text files in `files`, binary files (writeBytes) in
// `binaryFiles`, stdout and stderr captured as strings. A path lives in one of the two maps (the
// last write wins); paths are joined with '/'; a directory exists when some file of either map
// lies under it or it was listed as existing with `directories`.

import * as E from 'fp-ts/lib/Either.js'
import type { World } from '../../src/world.js'

/** A world whose effects are recorded: read `files`, `stdout` and `stderr` after the command. */
export interface MemoryWorld extends World {
  readonly files: Map<string, string>
  /** What `writeBytes` wrote, by path (a path written as text is removed from here, and back). */
  readonly binaryFiles: Map<string, Uint8Array>
  readonly stdout: () => string
  readonly stderr: () => string
}

/** Options: starting files, empty directories that exist, terminal or not, paths that fail. */
export interface MemoryWorldOptions {
  readonly files?: Readonly<Record<string, string>>
  /** Starting binary files (gzipped IDX files, say), by path. */
  readonly binaryFiles?: Readonly<Record<string, Uint8Array>>
  readonly directories?: readonly string[]
  readonly isTerminal?: boolean
  readonly columns?: number
  /** Writes to these paths fail (to test what a command does when the disk refuses). */
  readonly unwritable?: readonly string[]
}

const trimSlash = (path: string): string => path.replace(/\/+$/u, '')

/** A fresh in-memory world. */
export const memoryWorld = (options: MemoryWorldOptions = {}): MemoryWorld => {
  const files = new Map<string, string>(Object.entries(options.files ?? {}))
  const binaryFiles = new Map<string, Uint8Array>(Object.entries(options.binaryFiles ?? {}))
  const directories = new Set((options.directories ?? []).map(trimSlash))
  const out: string[] = []
  const err: string[] = []
  const childrenOf = (path: string): string[] | undefined => {
    const prefix = `${trimSlash(path)}/`
    const names = new Set<string>()
    for (const file of [...files.keys(), ...binaryFiles.keys()]) {
      if (file.startsWith(prefix)) names.add(file.slice(prefix.length).split('/')[0] ?? '')
    }
    for (const directory of directories) {
      if (directory.startsWith(prefix))
        names.add(directory.slice(prefix.length).split('/')[0] ?? '')
    }
    return names.size > 0 || directories.has(trimSlash(path)) ? [...names].sort() : undefined
  }
  const refused = (path: string): boolean =>
    (options.unwritable ?? []).some((prefix) => path.startsWith(prefix))
  return {
    files,
    binaryFiles,
    stdout: () => out.join(''),
    stderr: () => err.join(''),
    print: (text) => {
      out.push(text)
    },
    warn: (text) => {
      err.push(text)
    },
    isTerminal: options.isTerminal ?? false,
    columns: options.columns ?? 80,
    readText: (path) => {
      const bytes = binaryFiles.get(path)
      const text = bytes === undefined ? files.get(path) : new TextDecoder().decode(bytes)
      return text === undefined
        ? E.left(`cannot read '${path}': no such file or directory`)
        : E.right(text)
    },
    readBytes: (path) => {
      const bytes = binaryFiles.get(path)
      const text = files.get(path)
      if (bytes !== undefined) return E.right(Uint8Array.from(bytes))
      return text === undefined
        ? E.left(`cannot read '${path}': no such file or directory`)
        : E.right(new TextEncoder().encode(text))
    },
    listDirectory: (path) =>
      files.has(trimSlash(path)) || binaryFiles.has(trimSlash(path))
        ? E.left(`cannot list '${path}': exists and is not a directory`)
        : E.right(childrenOf(path)),
    writeText: (path, text) => {
      if (refused(path)) return E.left(`cannot write '${path}': permission denied`)
      binaryFiles.delete(path)
      files.set(path, text)
      return E.right(undefined)
    },
    writeBytes: (path, bytes) => {
      if (refused(path)) return E.left(`cannot write '${path}': permission denied`)
      files.delete(path)
      // A copy: the caller may reuse its buffer, the disk would not notice either.
      binaryFiles.set(path, Uint8Array.from(bytes))
      return E.right(undefined)
    },
    joinPath: (...segments) => segments.map(trimSlash).join('/'),
  }
}
