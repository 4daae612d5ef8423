// The fonts figures are drawn with: DejaVu from the installed package (real TrueType files), and a
// loud one-line Left — never an empty list — when they cannot be found.

import {
  mkdirSync,
  mkdtempSync,
  openSync,
  readSync,
  closeSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { fontFileNames, fontFiles, fontFilesIn } from '../src/fonts.js'
import { left, right } from '../../test/support/either.js'

const made: string[] = []
afterEach(() => {
  for (const directory of made.splice(0)) rmSync(directory, { recursive: true, force: true })
})

/** The first four bytes of a file: 00 01 00 00 for a TrueType font. */
const magic = (path: string): number[] => {
  const handle = openSync(path, 'r')
  const bytes = Buffer.alloc(4)
  readSync(handle, bytes, 0, 4, 0)
  closeSync(handle)
  return [...bytes]
}

describe('fontFiles', () => {
  test('finds every DejaVu file it asks for, DejaVu Sans first, all TrueType', () => {
    const files = right(fontFiles())
    expect(files.map((path) => path.split(/[\\/]/u).at(-1))).toStrictEqual(fontFileNames)
    expect(files[0]).toMatch(/dejavu-fonts-ttf[\\/]ttf[\\/]DejaVuSans\.ttf$/u)
    for (const path of files) expect(magic(path), path).toStrictEqual([0, 1, 0, 0])
  })
})

describe('fontFilesIn', () => {
  test('a folder without DejaVu Sans is a loud one-line Left', () => {
    const message = left(fontFilesIn('/no/such/dejavu-fonts-ttf'))
    expect(message).toMatch(/^fonts: DejaVu Sans not found \(no .*DejaVuSans\.ttf\); /u)
    expect(message).toContain('npm ci')
    expect(message).not.toContain('\n')
  })

  test('other DejaVu files without DejaVu Sans are not enough', () => {
    const root = mkdtempSync(join(tmpdir(), 'gradfold-fonts-'))
    made.push(root)
    mkdirSync(join(root, 'ttf'))
    writeFileSync(join(root, 'ttf', 'DejaVuSerif.ttf'), 'not really a font')
    expect(left(fontFilesIn(root))).toMatch(/^fonts: DejaVu Sans not found/u)
  })

  test('lists only the files that exist, DejaVu Sans first', () => {
    const root = mkdtempSync(join(tmpdir(), 'gradfold-fonts-'))
    made.push(root)
    mkdirSync(join(root, 'ttf'))
    for (const name of ['DejaVuSansMono.ttf', 'DejaVuSans.ttf']) {
      writeFileSync(join(root, 'ttf', name), 'font')
    }
    expect(right(fontFilesIn(root))).toStrictEqual([
      join(root, 'ttf', 'DejaVuSans.ttf'),
      join(root, 'ttf', 'DejaVuSansMono.ttf'),
    ])
  })
})
