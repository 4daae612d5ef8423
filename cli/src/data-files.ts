// Reading a data file through the world into what the library's pure parsers take: a CSV's text
// as records (csv-parse: quoted fields, CRLF, a UTF-8 BOM), a file's bytes gunzipped when they
// start with gzip's magic 0x1f 0x8b. Laws: nothing is thrown; every problem is one line that
// starts with the file's path.

import { gunzipSync } from 'node:zlib'
import * as E from 'fp-ts/lib/Either.js'
import { parse } from 'csv-parse/sync'
import type { World } from './world.js'

/** A CSV file's records: the header row first, every cell a string. */
export type CsvRecords = readonly (readonly string[])[]

/** The most bytes a gzipped data file may inflate to (1 GiB; Fashion-MNIST's largest: 47 MB). */
export const MAX_INFLATED_BYTES = 2 ** 30

/** An exception's message on one line, without the stack. */
const oneLine = (error: unknown): string =>
  (error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, ' ').trim()

const isRecord = (value: unknown): value is readonly string[] =>
  Array.isArray(value) && value.every((cell) => typeof cell === 'string')

/**
 * The records of CSV `text` (named `path` in messages): fields split on commas, quoted fields
 * kept whole (commas, quotes and line breaks inside), CRLF or LF line ends, a leading UTF-8 BOM
 * dropped, blank lines skipped. Rows may differ in length (the table parser names the row).
 * Left with one line naming the file, for text csv-parse refuses or an empty file.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { csvRecords } from './data-files.js'
 * assert.deepStrictEqual(csvRecords('t.csv', '\ufeffname,note\r\n"Smith, J","said ""hi"""\r\n'), E.right([['name', 'note'], ['Smith, J', 'said "hi"']]))
 * const bad = csvRecords('t.csv', 'a,b\n"1"x,2\n')
 * assert.ok(E.isLeft(bad) && bad.left.startsWith('t.csv: Invalid Closing Quote: got "x" at line 2'))
 * assert.deepStrictEqual(csvRecords('t.csv', ''), E.left('t.csv: the file is empty (expected a header row)'))
 */
export const csvRecords = (path: string, text: string): E.Either<string, CsvRecords> => {
  let parsed: unknown
  try {
    parsed = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true })
  } catch (error: unknown) {
    return E.left(`${path}: ${oneLine(error)}`)
  }
  if (!Array.isArray(parsed) || !parsed.every(isRecord)) {
    return E.left(`${path}: the CSV parser returned something other than rows of text`)
  }
  if (parsed.length === 0) return E.left(`${path}: the file is empty (expected a header row)`)
  return E.right(Object.freeze(parsed.map((record) => Object.freeze([...record]))))
}

/**
 * The records of the CSV file at `path`, read through `world` (see `csvRecords`); Left with one
 * line naming the file when it cannot be read or parsed.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { readCsvRecords } from './data-files.js'
 * const world = {
 *   print: () => {}, warn: () => {}, isTerminal: false, columns: 80,
 *   readText: () => E.right('x,label\n1,a\n2,b\n'), readBytes: () => E.left('none'), listDirectory: () => E.right(undefined),
 *   writeText: () => E.right(undefined), writeBytes: () => E.right(undefined),
 *   joinPath: (...parts: readonly string[]) => parts.join('/'),
 * }
 * assert.deepStrictEqual(readCsvRecords(world, 'data.csv'), E.right([['x', 'label'], ['1', 'a'], ['2', 'b']]))
 */
export const readCsvRecords = (world: World, path: string): E.Either<string, CsvRecords> =>
  E.chain((text: string) => csvRecords(path, text))(world.readText(path))

/** Whether bytes start with gzip's magic number, 0x1f 0x8b. */
export const isGzip = (bytes: Uint8Array): boolean => bytes[0] === 0x1f && bytes[1] === 0x8b

/**
 * `bytes` inflated when they are gzipped (they start 0x1f 0x8b), else as they are; Left with one
 * line naming `path` when the gzip stream is broken or inflates past `MAX_INFLATED_BYTES`.
 *
 * @example
 * import assert from 'node:assert'
 * import { gzipSync } from 'node:zlib'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { gunzipped } from './data-files.js'
 * const plain = new Uint8Array([0, 0, 8, 1, 0, 0, 0, 1, 7])
 * assert.deepStrictEqual(gunzipped('a.idx', plain), E.right(plain))
 * assert.deepStrictEqual(gunzipped('a.idx.gz', new Uint8Array(gzipSync(plain))), E.right(plain))
 * const broken = gunzipped('a.idx.gz', new Uint8Array(gzipSync(plain)).subarray(0, 12))
 * assert.ok(E.isLeft(broken) && broken.left.startsWith('a.idx.gz: not a valid gzip file ('))
 */
export const gunzipped = (path: string, bytes: Uint8Array): E.Either<string, Uint8Array> => {
  if (!isGzip(bytes)) return E.right(bytes)
  try {
    const inflated = gunzipSync(bytes, { maxOutputLength: MAX_INFLATED_BYTES })
    return E.right(new Uint8Array(inflated.buffer, inflated.byteOffset, inflated.byteLength))
  } catch (error: unknown) {
    return E.left(`${path}: not a valid gzip file (${oneLine(error)})`)
  }
}

/**
 * The bytes of the file at `path`, read through `world` and gunzipped when gzipped; Left with one
 * line naming the file.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { readDataBytes } from './data-files.js'
 * const world = {
 *   print: () => {}, warn: () => {}, isTerminal: false, columns: 80,
 *   readText: () => E.left('none'), readBytes: (path: string) => E.left(`cannot read '${path}': no such file or directory`),
 *   listDirectory: () => E.right(undefined), writeText: () => E.right(undefined), writeBytes: () => E.right(undefined),
 *   joinPath: (...parts: readonly string[]) => parts.join('/'),
 * }
 * assert.deepStrictEqual(readDataBytes(world, 'x.gz'), E.left("cannot read 'x.gz': no such file or directory"))
 */
export const readDataBytes = (world: World, path: string): E.Either<string, Uint8Array> =>
  E.chain((bytes: Uint8Array) => gunzipped(path, bytes))(world.readBytes(path))
