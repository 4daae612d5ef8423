// The real world against a temporary directory, and the in-memory world against the same
// expectations: reads, listings (missing, empty, file), text and binary writes that create parent
// directories.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { nodeWorld } from '../src/world.js'
import { memoryWorld } from './support/memory-world.js'
import { left, right } from '../../test/support/either.js'

const made: string[] = []
afterEach(() => {
  for (const directory of made.splice(0)) rmSync(directory, { recursive: true, force: true })
})
const temporary = (): string => {
  const directory = mkdtempSync(join(tmpdir(), 'gradfold-world-'))
  made.push(directory)
  return directory
}

describe('nodeWorld', () => {
  test('writes a file under missing directories and reads it back', () => {
    const world = nodeWorld()
    const root = temporary()
    const path = world.joinPath(root, 'a', 'b', 'file.json')
    right(world.writeText(path, '{"x":1}'))
    expect(right(world.readText(path))).toBe('{"x":1}')
    expect(right(world.listDirectory(root))).toStrictEqual(['a'])
  })

  test('a missing path lists as undefined, a file as an error, an empty directory as []', () => {
    const world = nodeWorld()
    const root = temporary()
    writeFileSync(join(root, 'plain.txt'), 'text')
    expect(right(world.listDirectory(join(root, 'missing')))).toBeUndefined()
    expect(right(world.listDirectory(root))).toStrictEqual(['plain.txt'])
    expect(left(world.listDirectory(join(root, 'plain.txt')))).toMatch(/not a directory/u)
    expect(left(world.readText(join(root, 'missing.json')))).toMatch(
      /^cannot read '.*missing\.json': no such file or directory$/u,
    )
  })

  test('writes bytes exactly, under missing directories', () => {
    const world = nodeWorld()
    const root = temporary()
    const bytes = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0x0a, 0x0d])
    const path = world.joinPath(root, 'figures', 'fig.png')
    right(world.writeBytes(path, bytes))
    expect(Uint8Array.from(readFileSync(path))).toStrictEqual(bytes)
    expect(right(world.listDirectory(root))).toStrictEqual(['figures'])
  })

  test('a write under a file fails with a one-line reason', () => {
    const world = nodeWorld()
    const root = temporary()
    writeFileSync(join(root, 'plain.txt'), 'text')
    for (const message of [
      left(world.writeText(join(root, 'plain.txt', 'inner.json'), '{}')),
      left(world.writeBytes(join(root, 'plain.txt', 'inner.png'), Uint8Array.from([1]))),
    ]) {
      expect(message).toMatch(/^cannot write '.*plain\.txt[\\/]inner\.(json|png)': /u)
      expect(message).not.toContain('\n')
    }
  })
})

describe('memoryWorld', () => {
  test('behaves like the disk for reads, listings and writes', () => {
    const world = memoryWorld({ files: { 'cfg.json': '{}' }, directories: ['empty'] })
    expect(right(world.readText('cfg.json'))).toBe('{}')
    expect(left(world.readText('nope.json'))).toMatch(/no such file/u)
    expect(right(world.listDirectory('empty'))).toStrictEqual([])
    expect(right(world.listDirectory('missing'))).toBeUndefined()
    expect(left(world.listDirectory('cfg.json'))).toMatch(/not a directory/u)
    right(world.writeText(world.joinPath('out', 'run', 'a.json'), '1'))
    expect(right(world.listDirectory('out'))).toStrictEqual(['run'])
    world.print('hello\n')
    world.warn('oops\n')
    expect([world.stdout(), world.stderr()]).toStrictEqual(['hello\n', 'oops\n'])
  })

  test('keeps bytes apart from text, lists both, and refuses unwritable paths for both', () => {
    const world = memoryWorld({ unwritable: ['locked/'] })
    const bytes = Uint8Array.from([0x89, 0x50, 0x4e, 0x47])
    right(world.writeBytes('out/fig.png', bytes))
    right(world.writeText('out/fig.svg', '<svg/>'))
    expect(world.binaryFiles.get('out/fig.png')).toStrictEqual(bytes)
    expect(world.files.has('out/fig.png')).toBe(false)
    expect(right(world.listDirectory('out'))).toStrictEqual(['fig.png', 'fig.svg'])
    expect(left(world.listDirectory('out/fig.png'))).toMatch(/not a directory/u)
    // The last write of a path wins, as on disk.
    right(world.writeText('out/fig.png', 'text now'))
    expect([
      world.binaryFiles.has('out/fig.png'),
      right(world.readText('out/fig.png')),
    ]).toStrictEqual([false, 'text now'])
    expect(left(world.writeBytes('locked/a.png', bytes))).toBe(
      "cannot write 'locked/a.png': permission denied",
    )
    expect(world.binaryFiles.has('locked/a.png')).toBe(false)
  })

  test('stores a copy of the bytes, as a disk would', () => {
    const world = memoryWorld()
    const bytes = Uint8Array.from([1, 2, 3])
    right(world.writeBytes('a.bin', bytes))
    bytes[0] = 9
    expect(world.binaryFiles.get('a.bin')).toStrictEqual(Uint8Array.from([1, 2, 3]))
  })
})
