// parseIdx and idxDataset: every IDX type read back exactly from bytes an independent encoder
// writes, every malformed file named in one line, arbitrary bytes never throw, and (when Debian's
// dataset-fashion-mnist is installed) the real files' shapes and label range.

import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { fc, test as propertyTest } from '@fast-check/vitest'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, test } from 'vitest'
import { data, linalg } from '../../src/index.js'
import { left, right } from '../support/either.js'

type IdxType = data.IdxType

const codes: Record<IdxType, number> = {
  ubyte: 0x08,
  sbyte: 0x09,
  int16: 0x0b,
  int32: 0x0c,
  float32: 0x0d,
  float64: 0x0e,
}
const sizes: Record<IdxType, number> = {
  ubyte: 1,
  sbyte: 1,
  int16: 2,
  int32: 4,
  float32: 4,
  float64: 8,
}

/** The IDX bytes of a tensor, written with DataView's big-endian setters. */
const encode = (type: IdxType, dimensions: readonly number[], values: readonly number[]) => {
  const header = 4 + 4 * dimensions.length
  const bytes = new Uint8Array(header + values.length * sizes[type])
  const view = new DataView(bytes.buffer)
  view.setUint8(2, codes[type])
  view.setUint8(3, dimensions.length)
  dimensions.forEach((size, axis) => {
    view.setUint32(4 + 4 * axis, size)
  })
  const write: Record<IdxType, (offset: number, value: number) => void> = {
    ubyte: (offset, value) => {
      view.setUint8(offset, value)
    },
    sbyte: (offset, value) => {
      view.setInt8(offset, value)
    },
    int16: (offset, value) => {
      view.setInt16(offset, value)
    },
    int32: (offset, value) => {
      view.setInt32(offset, value)
    },
    float32: (offset, value) => {
      view.setFloat32(offset, value)
    },
    float64: (offset, value) => {
      view.setFloat64(offset, value)
    },
  }
  values.forEach((value, index) => {
    write[type](header + index * sizes[type], value)
  })
  return bytes
}

const message = (either: E.Either<data.DataError, unknown>): string => left(either).message

describe('parseIdx', () => {
  test('reads bytes written by hand, big-endian, for every type', () => {
    // int16: 0x0102 = 258, 0xfffe = −2
    const int16 = right(data.parseIdx(new Uint8Array([0, 0, 0x0b, 1, 0, 0, 0, 2, 1, 2, 255, 254])))
    expect(int16.type).toBe('int16')
    expect(int16.dimensions).toStrictEqual([2])
    expect([...int16.values]).toStrictEqual([258, -2])
    // int32: 0x00010000 = 65536, 0x80000000 = −2³¹
    const int32 = right(
      data.parseIdx(new Uint8Array([0, 0, 0x0c, 1, 0, 0, 0, 2, 0, 1, 0, 0, 128, 0, 0, 0])),
    )
    expect([...int32.values]).toStrictEqual([65536, -(2 ** 31)])
    // sbyte: 0xff = −1, 0x7f = 127; dimensions 1×2
    const sbyte = right(
      data.parseIdx(new Uint8Array([0, 0, 9, 2, 0, 0, 0, 1, 0, 0, 0, 2, 255, 127])),
    )
    expect(sbyte.dimensions).toStrictEqual([1, 2])
    expect([...sbyte.values]).toStrictEqual([-1, 127])
    // float32: 0x3fc00000 = 1.5, 0xc0000000 = −2
    const float32 = right(
      data.parseIdx(new Uint8Array([0, 0, 0x0d, 1, 0, 0, 0, 2, 0x3f, 0xc0, 0, 0, 0xc0, 0, 0, 0])),
    )
    expect([...float32.values]).toStrictEqual([1.5, -2])
    // float64: 0x3ff0000000000000 = 1, 0x4009_21fb_5444_2d18 = π
    const float64 = right(
      data.parseIdx(
        new Uint8Array([
          0, 0, 0x0e, 1, 0, 0, 0, 2, 0x3f, 0xf0, 0, 0, 0, 0, 0, 0, 0x40, 0x09, 0x21, 0xfb, 0x54,
          0x44, 0x2d, 0x18,
        ]),
      ),
    )
    expect([...float64.values]).toStrictEqual([1, Math.PI])
  })

  test.each([
    ['ubyte', [0, 1, 254, 255]],
    ['sbyte', [-128, -1, 0, 127]],
    ['int16', [-32768, -1, 0, 32767]],
    ['int32', [-(2 ** 31), -1, 0, 2 ** 31 - 1]],
    ['float32', [-3.4028234663852886e38, -0.25, 1.401298464324817e-45, 1.5]],
    ['float64', [-Number.MAX_VALUE, -0, Number.MIN_VALUE, Math.E]],
  ] as const)('%s extremes come back exactly, as a 2×2 tensor', (type, values) => {
    const tensor = right(data.parseIdx(encode(type, [2, 2], values)))
    expect(tensor.type).toBe(type)
    expect(tensor.dimensions).toStrictEqual([2, 2])
    expect([...tensor.values]).toStrictEqual(values)
    expect(Object.isFrozen(tensor)).toBe(true)
    expect(Object.isFrozen(tensor.dimensions)).toBe(true)
  })

  test('the values are a fresh array: the bytes read are not shared', () => {
    const bytes = encode('ubyte', [3], [1, 2, 3])
    const tensor = right(data.parseIdx(bytes))
    bytes[bytes.length - 1] = 9
    expect([...tensor.values]).toStrictEqual([1, 2, 3])
    expect(tensor.values.buffer).not.toBe(bytes.buffer)
  })

  test('reads a view into a larger buffer at an offset', () => {
    const inner = encode('int16', [2], [-5, 300])
    const outer = new Uint8Array(inner.length + 3)
    outer.set(inner, 3)
    expect([...right(data.parseIdx(outer.subarray(3))).values]).toStrictEqual([-5, 300])
  })

  const gzipped = new Uint8Array([0x1f, 0x8b, 0x08, 0x08, 1, 2, 3])
  test.each([
    [
      gzipped,
      'parseIdx: not an IDX file: the magic number is 0x1f8b0808 (a gzip header: gunzip it first), expected 0x000008nn to 0x00000enn (two zero bytes, a type code, a dimension count)',
    ],
    [
      new Uint8Array([1, 0, 8, 1]),
      'parseIdx: not an IDX file: the magic number is 0x01000801, expected 0x000008nn to 0x00000enn (two zero bytes, a type code, a dimension count)',
    ],
    [
      new Uint8Array([0, 0]),
      'parseIdx: not an IDX file: it holds 2 bytes, and the magic number is 0x00000000, expected 0x000008nn to 0x00000enn (two zero bytes, a type code, a dimension count)',
    ],
    [
      new Uint8Array([0, 0, 0x0a, 1, 0, 0, 0, 1, 0]),
      'parseIdx: unknown IDX type code 0x0a in byte 2, expected 0x08 (ubyte), 0x09 (sbyte), 0x0b (int16), 0x0c (int32), 0x0d (float32) or 0x0e (float64)',
    ],
    [
      new Uint8Array([0, 0, 8, 0, 1]),
      'parseIdx: the header declares 0 dimensions, expected at least 1',
    ],
    [
      new Uint8Array([0, 0, 8, 3, 0, 0, 0, 1]),
      'parseIdx: truncated: the header declares 3 dimensions (16 header bytes), the file holds 8 bytes',
    ],
    [
      new Uint8Array([0, 0, 8, 2, 0, 0, 0, 2, 0, 0, 0, 0]),
      'parseIdx: dimension 1 has size 0, expected at least 1',
    ],
    [
      encode('ubyte', [60000, 28, 28], []).slice(0, 16 + 1000),
      'parseIdx: truncated: the header promises 60000×28×28 ubyte values (47040000 bytes), the file holds 0',
    ],
    [
      new Uint8Array([...encode('int32', [2], [1, 2]), 0, 0]),
      'parseIdx: 2 bytes after the last value: the header promises 2 int32 values (8 bytes), the file holds 10',
    ],
    [encode('float32', [2], [1, Number.NaN]), 'parseIdx: value 1 is NaN, expected a finite number'],
    [
      encode('float64', [1], [Number.NEGATIVE_INFINITY]),
      'parseIdx: value 0 is -Infinity, expected a finite number',
    ],
  ])('a malformed file is named: %#', (bytes, expected) => {
    expect(message(data.parseIdx(bytes))).toBe(expected)
  })

  test('a truncated body says how many bytes are there', () => {
    const bytes = new Uint8Array(16 + 1000)
    bytes.set(encode('ubyte', [60000, 28, 28], []))
    expect(message(data.parseIdx(bytes))).toBe(
      'parseIdx: truncated: the header promises 60000×28×28 ubyte values (47040000 bytes), the file holds 1000',
    )
  })

  test('a header promising more than the limit is refused before allocating', () => {
    // 2³² − 1 four times over: the product (≈ 3.4e38) is far beyond any allocation
    const huge = encode('float64', [0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff], [])
    expect(message(data.parseIdx(huge))).toBe(
      'parseIdx: the header promises 4294967295×… values, more than the limit of 134217728',
    )
    const justOver = encode('ubyte', [2 ** 14, 2 ** 13, 2], [])
    expect(message(data.parseIdx(justOver))).toBe(
      'parseIdx: the header promises 16384×8192×2 values, more than the limit of 134217728',
    )
    expect(data.MAX_IDX_VALUES).toBe(2 ** 27)
  })

  const typeArbitrary = fc.constantFrom<IdxType>(
    'ubyte',
    'sbyte',
    'int16',
    'int32',
    'float32',
    'float64',
  )
  const valueOf: Record<IdxType, fc.Arbitrary<number>> = {
    ubyte: fc.integer({ min: 0, max: 255 }),
    sbyte: fc.integer({ min: -128, max: 127 }),
    int16: fc.integer({ min: -32768, max: 32767 }),
    int32: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
    float32: fc.float({ noNaN: true, noDefaultInfinity: true }),
    float64: fc.double({ noNaN: true, noDefaultInfinity: true }),
  }
  const tensorArbitrary = typeArbitrary.chain((type) =>
    fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 }).chain((dimensions) => {
      const count = dimensions.reduce((product, size) => product * size, 1)
      return fc
        .array(valueOf[type], { minLength: count, maxLength: count })
        .map((values) => ({ type, dimensions, values }))
    }),
  )

  propertyTest.prop([tensorArbitrary])(
    'an encoded tensor comes back exactly',
    ({ type, dimensions, values }) => {
      const tensor = right(data.parseIdx(encode(type, dimensions, values)))
      expect(tensor.type).toBe(type)
      expect(tensor.dimensions).toStrictEqual(dimensions)
      // Object.is per value: −0 stays −0
      expect([...tensor.values]).toStrictEqual(values)
    },
  )

  const expectNamedOrRight = (bytes: Uint8Array): void => {
    const result = data.parseIdx(bytes)
    if (E.isLeft(result)) {
      expect(result.left.message).toMatch(/^parseIdx: \S/)
      expect(result.left.message).not.toContain('\n')
    }
  }

  propertyTest.prop([fc.uint8Array({ maxLength: 64 })])('arbitrary bytes never throw', (bytes) => {
    expectNamedOrRight(bytes)
  })

  propertyTest.prop([
    tensorArbitrary,
    fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
    fc.integer({ min: -8, max: 4 }),
  ])(
    'valid headers with mutated, truncated or extended bodies never throw',
    ({ type, dimensions, values }, mutations, lengthChange) => {
      const bytes = encode(type, dimensions, values)
      mutations.forEach(([index, value]) => {
        bytes[index % bytes.length] = value
      })
      const changed =
        lengthChange < 0
          ? bytes.subarray(0, Math.max(0, bytes.length + lengthChange))
          : new Uint8Array([...bytes, ...new Array<number>(lengthChange).fill(7)])
      expectNamedOrRight(changed)
    },
  )
})

describe('idxDataset', () => {
  const images = right(
    data.parseIdx(encode('ubyte', [3, 2, 2], [0, 255, 51, 102, 1, 2, 3, 4, 5, 6, 7, 8])),
  )
  const labels = right(data.parseIdx(encode('ubyte', [3], [9, 0, 4])))

  test('flattens each example row-major and scales ubyte pixels by 1/255', () => {
    const examples = right(data.idxDataset(images, labels))
    expect(examples.X.rows).toBe(3)
    expect(examples.X.cols).toBe(4)
    expect(linalg.toRows(examples.X)).toStrictEqual([
      [0, 1, 0.2, 0.4],
      [1 / 255, 2 / 255, 3 / 255, 4 / 255],
      [5 / 255, 6 / 255, 7 / 255, 8 / 255],
    ])
    expect(linalg.toRows(examples.y)).toStrictEqual([[9], [0], [4]])
  })

  test('keeps the values of other types as they are; labels of any integer type', () => {
    const floats = right(data.parseIdx(encode('float32', [2, 1], [-1.5, 300])))
    const int16Labels = right(data.parseIdx(encode('int16', [2], [1000, 2])))
    const examples = right(data.idxDataset(floats, int16Labels))
    expect(linalg.toRows(examples.X)).toStrictEqual([[-1.5], [300]])
    expect(linalg.toFlat(examples.y)).toStrictEqual([1000, 2])
  })

  test('names what does not fit', () => {
    const shortLabels = right(data.parseIdx(encode('ubyte', [2], [1, 2])))
    expect(message(data.idxDataset(images, shortLabels))).toBe(
      'idxDataset: images hold 3 examples, labels 2',
    )
    expect(message(data.idxDataset(images, images))).toBe(
      'idxDataset: labels are 3×2×2, expected 1 dimension (one label per example)',
    )
    expect(message(data.idxDataset(labels, labels))).toBe(
      'idxDataset: images are 3, expected at least 2 dimensions (examples × pixels)',
    )
    const fractional = right(data.parseIdx(encode('float64', [3], [1, 2.5, 3])))
    expect(message(data.idxDataset(images, fractional))).toBe(
      'idxDataset: label 1 is 2.5, expected a non-negative integer',
    )
    const negative = right(data.parseIdx(encode('sbyte', [3], [1, 2, -3])))
    expect(message(data.idxDataset(images, negative))).toBe(
      'idxDataset: label 2 is -3, expected a non-negative integer',
    )
  })

  test('the arguments are not written and the matrices are fresh', () => {
    const before = [...images.values]
    const examples = right(data.idxDataset(images, labels))
    expect([...images.values]).toStrictEqual(before)
    expect(linalg.toFlat(examples.X)[1]).toBe(1)
    expect(images.values[1]).toBe(255)
  })
})

const fashion = '/usr/share/datasets/fashion-mnist'
const fashionFiles = [
  ['train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz', 60000],
  ['t10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz', 10000],
] as const
// The suite needs Debian's dataset-fashion-mnist, as it needs Chromium (.ci/run installs both):
// a machine without it fails here, saying how to get it, rather than skipping.
describe('Fashion-MNIST as Debian installs it', () => {
  test.each(fashionFiles.flatMap(([images, labels]) => [images, labels]))(
    '%s is installed',
    (name) => {
      expect(
        existsSync(join(fashion, name)),
        `${fashion}/${name} (apt-get install dataset-fashion-mnist)`,
      ).toBe(true)
    },
  )
  test.each(fashionFiles)(
    '%s and %s: n×28×28 ubyte images, labels 0..9',
    (imagesName, labelsName, count) => {
      const read = (name: string) =>
        right(data.parseIdx(new Uint8Array(gunzipSync(readFileSync(join(fashion, name))))))
      const images = read(imagesName)
      const labels = read(labelsName)
      expect(images.type).toBe('ubyte')
      expect(images.dimensions).toStrictEqual([count, 28, 28])
      expect(labels.dimensions).toStrictEqual([count])
      const counts = new Array<number>(10).fill(0)
      for (const label of labels.values) counts[label] = (counts[label] ?? 0) + 1
      // the ten classes are balanced in both files
      expect(counts).toStrictEqual(new Array<number>(10).fill(count / 10))
      const examples = right(data.idxDataset(images, labels))
      expect(examples.X.cols).toBe(784)
      expect(Math.max(...linalg.toFlat(linalg.rowMax(examples.X)))).toBe(1)
    },
    60_000,
  )
})
