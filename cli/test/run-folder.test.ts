// The --out rule: a missing or empty folder, or one holding only a run that did not finish (no
// model.json; config.json, history.json saying "diverged", checkpoints/), may be written without
// --force; anything else is kept.

import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, test } from 'vitest'
import { outFolder } from '../src/run-folder.js'
import { memoryWorld } from './support/memory-world.js'

const folderOf = (files: Record<string, string>, directories: string[] = []) =>
  outFolder(memoryWorld({ files, directories }), 'out')

const diverged = JSON.stringify({ format: 'gradfold-history', status: 'diverged' })

describe('outFolder', () => {
  test('missing or empty: empty', () => {
    expect(folderOf({})).toStrictEqual(E.right('empty'))
    expect(folderOf({}, ['out'])).toStrictEqual(E.right('empty'))
  })

  test.each([
    [{ 'out/config.json': '{}', 'out/history.json': diverged }],
    [{ 'out/config.json': '{}' }],
    [{ 'out/history.json': diverged, 'out/checkpoints/epoch-10.json': '{}' }],
    [{ 'out/checkpoints/epoch-10.json': '{}' }],
  ])('a run that did not finish: %j', (files) => {
    expect(folderOf(files)).toStrictEqual(E.right('unfinished'))
  })

  test.each([
    [{ 'out/config.json': '{}', 'out/history.json': diverged, 'out/model.json': '{}' }],
    [{ 'out/history.json': JSON.stringify({ status: 'trained' }) }],
    [{ 'out/history.json': '{ not json' }],
    [{ 'out/history.json': diverged, 'out/notes.txt': 'mine' }],
    [{ 'out/index.html': '' }],
  ])('anything else is kept: %j', (files) => {
    expect(folderOf(files)).toStrictEqual(E.right('occupied'))
  })

  test('a file where the folder should be: Left', () => {
    expect(E.isLeft(outFolder(memoryWorld({ files: { out: 'x' } }), 'out'))).toBe(true)
  })
})
