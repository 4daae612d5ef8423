// Reading data files: CSV text into records (quoted fields, CRLF, a BOM, blank lines, csv-parse's
// refusals as one line naming the file), gzip sniffed and inflated, and the laws: arbitrary text
// and bytes never make these throw, and every Left is one line starting with the file's path.

import { gzipSync } from 'node:zlib'
import { fc, test as propertyTest } from '@fast-check/vitest'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, test } from 'vitest'
import { csvRecords, gunzipped, isGzip, readCsvRecords, readDataBytes } from '../src/data-files.js'
import { right } from '../../test/support/either.js'
import { memoryWorld } from './support/memory-world.js'

const left = <A>(either: E.Either<string, A>): string => {
  if (E.isRight(either)) throw new Error('expected a Left')
  return either.left
}

describe('csvRecords', () => {
  test('splits on commas, keeps quoted commas, quotes and line breaks, reads CRLF and a BOM', () => {
    const text = '\ufeffname,note,n\r\n"Smith, J","said ""hi""",1\r\n"two\r\nlines",,2\r\n'
    expect(right(csvRecords('t.csv', text))).toStrictEqual([
      ['name', 'note', 'n'],
      ['Smith, J', 'said "hi"', '1'],
      ['two\r\nlines', '', '2'],
    ])
  })

  test('skips blank lines, the last one included; keeps rows of other lengths for the table', () => {
    expect(right(csvRecords('t.csv', 'a,b\n\n1,2\n3\n\n'))).toStrictEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3'],
    ])
  })

  test('an empty file, or one of blank lines, has no header', () => {
    for (const text of ['', '\n\n', '\ufeff']) {
      expect(left(csvRecords('data/t.csv', text))).toBe(
        'data/t.csv: the file is empty (expected a header row)',
      )
    }
  })

  test('text csv-parse refuses is one line naming the file and the line, no stack', () => {
    const closing = left(csvRecords('w.csv', 'a,b\n1,2\n"3"x,4\n'))
    expect(closing).toMatch(/^w\.csv: Invalid Closing Quote: got "x" at line 3\b/u)
    const open = left(csvRecords('w.csv', 'a,b\n"1,2\n'))
    expect(open).toMatch(/^w\.csv: Quote Not Closed: .*line 2/u)
    for (const line of [closing, open]) {
      expect(line).not.toMatch(/\n|\bat .+\(.+:\d+:\d+\)/u)
    }
  })

  test('the records are frozen, fresh arrays', () => {
    const records = right(csvRecords('t.csv', 'a\n1\n'))
    expect(Object.isFrozen(records) && records.every((record) => Object.isFrozen(record))).toBe(
      true,
    )
  })
})

describe('readCsvRecords', () => {
  test('reads through the world; a missing file is the world’s one line', () => {
    const world = memoryWorld({ files: { 'd/t.csv': 'x,y\n1,2\n' } })
    expect(right(readCsvRecords(world, 'd/t.csv'))).toStrictEqual([
      ['x', 'y'],
      ['1', '2'],
    ])
    expect(readCsvRecords(world, 'd/none.csv')).toStrictEqual(
      E.left("cannot read 'd/none.csv': no such file or directory"),
    )
  })
})

describe('gunzipped', () => {
  const plain = new Uint8Array([0, 0, 8, 1, 0, 0, 0, 3, 7, 8, 9])

  test('inflates bytes that start 0x1f 0x8b and leaves others as they are', () => {
    const packed = new Uint8Array(gzipSync(plain))
    expect(isGzip(packed) && !isGzip(plain)).toBe(true)
    expect([...right(gunzipped('a.gz', packed))]).toStrictEqual([...plain])
    expect(right(gunzipped('a', plain))).toBe(plain)
  })

  test('a truncated or corrupt gzip stream is one line naming the file', () => {
    const packed = new Uint8Array(gzipSync(plain))
    const truncated = left(gunzipped('x/a.gz', packed.subarray(0, packed.length - 6)))
    expect(truncated).toMatch(/^x\/a\.gz: not a valid gzip file \(.+\)$/u)
    const corrupt = Uint8Array.from(packed)
    corrupt[12] = (corrupt[12] ?? 0) ^ 0xff
    expect(left(gunzipped('x/a.gz', corrupt))).toMatch(/^x\/a\.gz: not a valid gzip file \(/u)
  })

  test('readDataBytes reads through the world, then inflates', () => {
    const world = memoryWorld({ binaryFiles: { 'd/a.gz': new Uint8Array(gzipSync(plain)) } })
    expect([...right(readDataBytes(world, 'd/a.gz'))]).toStrictEqual([...plain])
    expect(E.isLeft(readDataBytes(world, 'd/b.gz'))).toBe(true)
  })
})

describe('laws', () => {
  const oneLineNaming = (path: string, problem: string): void => {
    expect(problem.startsWith(`${path}: `)).toBe(true)
    expect(problem).not.toContain('\n')
  }

  propertyTest.prop([fc.string({ unit: 'binary', maxLength: 200 })])(
    'csvRecords never throws; a Left is one line naming the file',
    (text) => {
      const records = csvRecords('f.csv', text)
      if (E.isLeft(records)) oneLineNaming('f.csv', records.left)
      else expect(records.right.length).toBeGreaterThan(0)
    },
  )

  propertyTest.prop([fc.uint8Array({ maxLength: 300 })])(
    'gunzipped never throws on arbitrary bytes, gzip magic or not',
    (bytes) => {
      for (const candidate of [bytes, Uint8Array.from([0x1f, 0x8b, ...bytes])]) {
        const inflated = gunzipped('f.gz', candidate)
        if (E.isLeft(inflated)) oneLineNaming('f.gz', inflated.left)
      }
    },
  )
})
