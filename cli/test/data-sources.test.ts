// loadData, the one edge a run's examples come through: generated data drawn from the config,
// file sources read through the world against the config's folder, and the laws: arbitrary bytes
// as a CSV or IDX file, and arbitrary JSON as the data section, never make decoding or loading
// throw, and every problem is one line.

import { fc, test as propertyTest } from '@fast-check/vitest'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, test } from 'vitest'
import { linalg } from 'gradfold'
import { decodeConfig, type DataConfig } from '../src/config.js'
import { generatedData, loadData, readCsvRecords } from '../src/data-sources.js'
import { right } from '../../test/support/either.js'
import { gzipped, idxUbyte } from './support/idx-files.js'
import { memoryWorld } from './support/memory-world.js'

describe('loadData', () => {
  test('generated data is the generator’s, named x1, x2 and 0, 1, …, needing no world', () => {
    const source: DataConfig = {
      name: 'blobs',
      samples: 12,
      centers: 3,
      features: 4,
      clusterStd: 1,
      centerBox: [-10, 10],
      shuffle: true,
      seed: 5,
    }
    const loaded = right(loadData(memoryWorld(), 'anywhere', source, 'key'))
    expect(loaded.featureNames).toStrictEqual(['x1', 'x2', 'x3', 'x4'])
    expect(loaded.classNames).toStrictEqual(['0', '1', '2'])
    expect(loaded).toStrictEqual(right(generatedData(source, 'key')))
  })

  test('a CSV relative to the config’s folder, with its names', () => {
    const world = memoryWorld({ files: { 'configs/t.csv': 'a,b,label\n1,2,no\n3,4,yes\n' } })
    const source: DataConfig = {
      name: 'csv',
      path: 't.csv',
      label: 'label',
      features: null,
      target: 'classes',
    }
    const loaded = right(loadData(world, 'configs', source, 'key'))
    expect([loaded.featureNames, loaded.classNames]).toStrictEqual([
      ['a', 'b'],
      ['no', 'yes'],
    ])
    expect(linalg.toRows(loaded.dataset.X)).toStrictEqual([
      [1, 2],
      [3, 4],
    ])
  })

  test('an idx pair relative to the config’s folder', () => {
    const world = memoryWorld({
      binaryFiles: {
        'c/i.gz': gzipped(idxUbyte([2, 1, 2], [0, 255, 255, 0])),
        'c/l': idxUbyte([2], [1, 0]),
      },
    })
    const source: DataConfig = { name: 'idx', images: 'i.gz', labels: 'l', test: null }
    const loaded = right(loadData(world, 'c', source, 'numpy'))
    expect(linalg.toRows(loaded.dataset.X)).toStrictEqual([
      [0, 1],
      [1, 0],
    ])
  })

  test('readCsvRecords is the one the predict command reads tables with', () => {
    const world = memoryWorld({ files: { 'p.csv': 'x\n1\n' } })
    expect(right(readCsvRecords(world, 'p.csv'))).toStrictEqual([['x'], ['1']])
  })
})

describe('laws', () => {
  const oneLineEach = (problems: readonly string[]): void => {
    expect(problems.length).toBeGreaterThan(0)
    for (const problem of problems) expect(problem).not.toContain('\n')
  }

  propertyTest.prop([
    fc.oneof(
      fc.string({ unit: 'binary', maxLength: 120 }),
      // header-like text with commas, quotes and line breaks, to reach the table parser
      fc
        .array(fc.constantFrom('a', 'label', '1', '2.5', 'x', ',', '"', '\n', '\r\n', ' ', ''), {
          maxLength: 40,
        })
        .map((parts) => `a,label\n${parts.join('')}`),
    ),
    fc.option(fc.array(fc.constantFrom('a', 'b', 'label', 'x'), { minLength: 1, maxLength: 3 }), {
      nil: null,
    }),
  ])('arbitrary text as a CSV never makes loadData throw', (text, features) => {
    const world = memoryWorld({ files: { 'd/f.csv': text } })
    const loaded = loadData(
      world,
      'd',
      {
        name: 'csv',
        path: 'f.csv',
        label: 'label',
        features: features === null ? null : [...new Set(features)],
        target: 'classes',
      },
      'key',
    )
    if (E.isLeft(loaded)) oneLineEach(loaded.left)
    else expect(loaded.right.dataset.X.rows).toBe(loaded.right.dataset.y.rows)
  })

  propertyTest.prop([
    fc.oneof(
      fc.uint8Array({ maxLength: 80 }),
      // a plausible header: type code and dimensions drawn, the body arbitrary
      fc
        .tuple(
          fc.constantFrom(0x08, 0x09, 0x0b, 0x0c, 0x0d, 0x0e, 0x07),
          fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 0, maxLength: 3 }),
          fc.uint8Array({ maxLength: 64 }),
        )
        .map(([type, dimensions, body]) => {
          const header = [0, 0, type, dimensions.length, ...dimensions.flatMap((d) => [0, 0, 0, d])]
          return Uint8Array.from([...header, ...body])
        }),
    ),
    fc.uint8Array({ maxLength: 20 }),
    fc.boolean(),
  ])('arbitrary bytes as IDX files never make loadData throw', (images, labels, packed) => {
    const pack = packed ? gzipped : (bytes: Uint8Array) => bytes
    const world = memoryWorld({
      binaryFiles: { 'd/images': pack(images), 'd/labels': pack(labels) },
    })
    const loaded = loadData(
      world,
      'd',
      { name: 'idx', images: 'images', labels: 'labels', test: null },
      'key',
    )
    if (E.isLeft(loaded)) oneLineEach(loaded.left)
  })

  propertyTest.prop([
    fc.oneof(
      fc.jsonValue(),
      fc.record(
        {
          name: fc.constantFrom('csv', 'idx', 'digits', 'fashion-mnist', 'moons'),
          path: fc.jsonValue(),
          label: fc.jsonValue(),
          features: fc.jsonValue(),
          target: fc.jsonValue(),
          images: fc.jsonValue(),
          labels: fc.jsonValue(),
          test: fc.jsonValue(),
          directory: fc.jsonValue(),
        },
        { requiredKeys: ['name'] },
      ),
    ),
  ])('arbitrary JSON as the data section: decodeConfig never throws, loadData neither', (data) => {
    const decoded = decodeConfig({ data, model: { layers: [2, 2] }, epochs: 1 })
    if (E.isLeft(decoded)) {
      oneLineEach(decoded.left)
      return
    }
    // whatever decoded reads through an empty world: generated data, or one line per problem
    const loaded = loadData(memoryWorld(), 'c', decoded.right.data, 'key')
    if (E.isLeft(loaded)) oneLineEach(loaded.left)
  })
})
