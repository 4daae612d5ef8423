// The real world against a temporary directory, and the in-memory world against the same
// expectations: reads, listings (missing, empty, file), writes that create parent directories.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { nodeWorld } from '../../src/io/world.js'
import { memoryWorld } from '../support/memory-world.js'
import { left, right } from '../support/either.js'

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

  test('a write under a file fails with a one-line reason', () => {
    const world = nodeWorld()
    const root = temporary()
    writeFileSync(join(root, 'plain.txt'), 'text')
    const message = left(world.writeText(join(root, 'plain.txt', 'inner.json'), '{}'))
    expect(message).toMatch(/^cannot write '/u)
    expect(message).not.toContain('\n')
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
})
