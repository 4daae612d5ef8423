// Whether `gradfold train` may write into its --out folder without --force: when it is missing or
// empty, or when it holds only a run that did not finish — no model.json, nothing but the files
// a run writes (config.json, history.json, checkpoints/), and a history.json, if any, that says
// the run diverged. Law: a folder holding a model.json or any other file is never replaced.

import * as E from 'fp-ts/lib/Either.js'
import type { World } from './world.js'

/** What --out holds: nothing (missing or empty), an unfinished run, or something to keep. */
export type OutFolder = 'empty' | 'unfinished' | 'occupied'

/** The entries a run writes before it has a model (checkpoints/ during training). */
const unfinishedEntries = ['config.json', 'history.json', 'checkpoints']

/** Whether history.json's text is a run that diverged (`"status": "diverged"`). */
const saysDiverged = (text: string): boolean => {
  try {
    const json: unknown = JSON.parse(text)
    return (
      typeof json === 'object' &&
      json !== null &&
      'status' in json &&
      (json as { readonly status: unknown }).status === 'diverged'
    )
  } catch {
    return false
  }
}

/**
 * What the folder `out` holds, read through `world`; Left when it cannot be listed (a file).
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { outFolder } from './run-folder.js'
 * const worldWith = (files: Record<string, string>) => ({
 *   print: () => {}, warn: () => {}, isTerminal: false, columns: 80,
 *   readText: (path: string) => E.fromNullable(`cannot read '${path}'`)(files[path]),
 *   readBytes: () => E.left('none'),
 *   listDirectory: () => E.right(Object.keys(files).map((path) => path.split('/')[1] ?? '')),
 *   writeText: () => E.right(undefined), writeBytes: () => E.right(undefined),
 *   joinPath: (...parts: readonly string[]) => parts.join('/'),
 * })
 * const failed = { 'out/config.json': '{}', 'out/history.json': '{"status": "diverged"}' }
 * assert.deepStrictEqual(outFolder(worldWith(failed), 'out'), E.right('unfinished'))
 * assert.deepStrictEqual(outFolder(worldWith({ ...failed, 'out/model.json': '{}' }), 'out'), E.right('occupied'))
 * assert.deepStrictEqual(outFolder(worldWith({ 'out/history.json': '{"status": "trained"}' }), 'out'), E.right('occupied'))
 */
export const outFolder = (world: World, out: string): E.Either<string, OutFolder> => {
  const listed = world.listDirectory(out)
  if (E.isLeft(listed)) return listed
  const entries = listed.right
  if (entries === undefined || entries.length === 0) return E.right('empty')
  if (!entries.every((entry) => unfinishedEntries.includes(entry))) return E.right('occupied')
  if (!entries.includes('history.json')) return E.right('unfinished')
  const history = world.readText(world.joinPath(out, 'history.json'))
  return E.right(E.isRight(history) && saysDiverged(history.right) ? 'unfinished' : 'occupied')
}
