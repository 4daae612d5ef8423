// The file sources: a CSV table (relative paths against the config's folder, classes sorted, a
// regression target), IDX pairs gzipped or not (classes shared with the test pair), the shipped
// digits against scikit-learn's load_digits, Fashion-MNIST found or not — and every bad file as
// one line naming the file and the row and column or the field.

import { existsSync } from 'node:fs'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, test } from 'vitest'
import { linalg } from 'gradfold'
import type { FileData } from '../src/config.js'
import type { LoadedData } from '../src/data-sources.js'
import {
  csvData,
  digitsData,
  digitsPath,
  fashionMnistClasses,
  fashionMnistData,
  fileData,
  idxData,
} from '../src/file-sources.js'
import { nodeWorld } from '../src/world.js'
import { right } from '../../test/support/either.js'
import { field, numbers, readFixture } from '../../test/support/fixtures.js'
import { gzipped, idxUbyte } from './support/idx-files.js'
import { memoryWorld, type MemoryWorldOptions } from './support/memory-world.js'

const problems = (loaded: E.Either<readonly string[], LoadedData>): readonly string[] => {
  if (E.isRight(loaded)) throw new Error('expected a Left')
  return loaded.left
}

const csv = (
  text: string,
  options: Partial<Extract<FileData, { name: 'csv' }>> = {},
): E.Either<readonly string[], LoadedData> =>
  csvData(memoryWorld({ files: { 'data/t.csv': text } }), 'data', {
    name: 'csv',
    path: 't.csv',
    label: 'kind',
    features: null,
    target: 'classes',
    ...options,
  })

describe('csv', () => {
  const text = 'length,kind,width\r\n5.1,setosa,3.5\r\n7.0,versicolor,3.2\r\n6.3,virginica,3.3\r\n'

  test('every column but the label is a feature; classes sorted; X and y as written', () => {
    const loaded = right(csv(text))
    expect(loaded.featureNames).toStrictEqual(['length', 'width'])
    expect(loaded.classNames).toStrictEqual(['setosa', 'versicolor', 'virginica'])
    expect(linalg.toRows(loaded.dataset.X)).toStrictEqual([
      [5.1, 3.5],
      [7, 3.2],
      [6.3, 3.3],
    ])
    expect(linalg.toFlat(loaded.dataset.y)).toStrictEqual([0, 1, 2])
    expect(loaded.test).toBeUndefined()
  })

  test('listed features in their order; a regression target keeps the label numeric', () => {
    const listed = right(csv(text, { features: ['width'] }))
    expect([listed.featureNames, linalg.toFlat(listed.dataset.X)]).toStrictEqual([
      ['width'],
      [3.5, 3.2, 3.3],
    ])
    const regression = right(
      csv(text, { label: 'width', features: ['length'], target: 'regression' }),
    )
    expect(regression.classNames).toBeNull()
    expect(linalg.toFlat(regression.dataset.y)).toStrictEqual([3.5, 3.2, 3.3])
  })

  test('a relative path resolves against the config’s folder; an absolute one is kept', () => {
    const world = memoryWorld({ files: { 'configs/sub/t.csv': text, '/abs/t.csv': text } })
    const source = { name: 'csv', label: 'kind', features: null, target: 'classes' } as const
    expect(E.isRight(csvData(world, 'configs', { ...source, path: 'sub/t.csv' }))).toBe(true)
    expect(E.isRight(csvData(world, 'configs', { ...source, path: '/abs/t.csv' }))).toBe(true)
    expect(problems(csvData(world, 'elsewhere', { ...source, path: 'sub/t.csv' }))).toStrictEqual([
      "cannot read 'elsewhere/sub/t.csv': no such file or directory",
    ])
  })

  test.each([
    [
      'a ragged row',
      'a,kind\n1,x\n2\n',
      'data/t.csv: row 3: expected 2 fields (as the header), got 1',
    ],
    [
      'a non-numeric feature cell',
      'a,kind\n1,x\nabc,y\n',
      'data/t.csv: row 3, column "a": expected a number, got "abc"',
    ],
    [
      'a missing label column',
      'a,b\n1,2\n',
      'data/t.csv: no column "kind" (the columns are: a, b)',
    ],
    ['an empty file', '', 'data/t.csv: the file is empty (expected a header row)'],
    ['a header alone', 'a,kind\n', 'data/t.csv: no data rows'],
    [
      'one class only',
      'a,kind\n1,x\n2,x\n',
      'data/t.csv: column "kind" holds one class only ("x"): a classifier needs at least two',
    ],
  ])('%s: one line naming the file, row and column', (_, body, expected) => {
    expect(problems(csv(body))).toStrictEqual([expected])
  })

  test('a quote csv-parse refuses: one line naming the file and line', () => {
    const [line, ...rest] = problems(csv('a,kind\n"1"2,x\n'))
    expect(rest).toStrictEqual([])
    expect(line).toMatch(/^data\/t\.csv: Invalid Closing Quote: got "2" at line 2/u)
  })
})

/** Three 2×2 images and their labels, as files under d/ (gzipped or not). */
const imageFiles = (
  labels: readonly number[],
  options: { readonly gzip?: boolean; readonly prefix?: string } = {},
): Record<string, Uint8Array> => {
  const pack = options.gzip === true ? gzipped : (bytes: Uint8Array) => bytes
  const prefix = options.prefix ?? 'train'
  const pixels = labels.flatMap((label, index) => [0, 255, label * 10, index])
  return {
    [`d/${prefix}-images`]: pack(idxUbyte([labels.length, 2, 2], pixels)),
    [`d/${prefix}-labels`]: pack(idxUbyte([labels.length], labels)),
  }
}

const idx = (options: MemoryWorldOptions, test = false): E.Either<readonly string[], LoadedData> =>
  idxData(memoryWorld(options), 'd', {
    name: 'idx',
    images: 'train-images',
    labels: 'train-labels',
    test: test ? { images: 'test-images', labels: 'test-labels' } : null,
  })

describe('idx', () => {
  test('gzipped or not, the same examples: pixels / 255, one row per image', () => {
    const plain = right(idx({ binaryFiles: imageFiles([3, 1, 3]) }))
    const packed = right(idx({ binaryFiles: imageFiles([3, 1, 3], { gzip: true }) }))
    expect(packed).toStrictEqual(plain)
    expect(linalg.toRows(plain.dataset.X)[1]).toStrictEqual([0, 1, 10 / 255, 1 / 255])
    expect(plain.featureNames).toStrictEqual(['pixel1', 'pixel2', 'pixel3', 'pixel4'])
  })

  test('classes are the distinct labels, sorted, shared with the test pair', () => {
    const loaded = right(
      idx(
        {
          binaryFiles: {
            ...imageFiles([7, 2, 7]),
            ...imageFiles([5, 2], { prefix: 'test', gzip: true }),
          },
        },
        true,
      ),
    )
    expect(loaded.classNames).toStrictEqual(['2', '5', '7'])
    expect(linalg.toFlat(loaded.dataset.y)).toStrictEqual([2, 0, 2])
    expect(loaded.test === undefined ? null : linalg.toFlat(loaded.test.y)).toStrictEqual([1, 0])
  })

  test('a wrong magic number, a truncated file: one line naming the file', () => {
    const files = imageFiles([0, 1, 1])
    const images = files['d/train-images'] ?? new Uint8Array()
    const wrongMagic = Uint8Array.from(images)
    wrongMagic[0] = 0x50
    expect(
      problems(idx({ binaryFiles: { ...files, 'd/train-images': wrongMagic } })),
    ).toStrictEqual([
      'd/train-images: not an IDX file: the magic number is 0x50000803, expected 0x000008nn to 0x00000enn (two zero bytes, a type code, a dimension count)',
    ])
    const truncated = images.subarray(0, images.length - 1)
    const [line] = problems(idx({ binaryFiles: { ...files, 'd/train-images': truncated } }))
    expect(line).toBe(
      'd/train-images: truncated: the header promises 3×2×2 ubyte values (12 bytes), the file holds 11',
    )
  })

  test('image and label counts that differ: one line naming both files', () => {
    const files = imageFiles([0, 1, 1])
    expect(
      problems(idx({ binaryFiles: { ...files, 'd/train-labels': idxUbyte([2], [0, 1]) } })),
    ).toStrictEqual(['d/train-images and d/train-labels: images hold 3 examples, labels 2'])
  })

  test('missing files: one line for each', () => {
    expect(problems(idx({}))).toStrictEqual([
      "cannot read 'd/train-images': no such file or directory",
      "cannot read 'd/train-labels': no such file or directory",
    ])
  })

  test('one class only, test images of another size: one line naming the file', () => {
    expect(problems(idx({ binaryFiles: imageFiles([4, 4]) }))).toStrictEqual([
      'd/train-labels: the labels hold one class only (4): a classifier needs at least two',
    ])
    const otherSize = {
      ...imageFiles([0, 1]),
      'd/test-images': idxUbyte([1, 3], [1, 2, 3]),
      'd/test-labels': idxUbyte([1], [1]),
    }
    expect(problems(idx({ binaryFiles: otherSize }, true))).toStrictEqual([
      'd/test-images: the images hold 3 pixels each, expected 4 (as d/train-images)',
    ])
  })
})

describe('digits', () => {
  const reference = readFixture('digits_reference.json')

  test('the shipped file is scikit-learn’s load_digits, pixels / 16, classes 0 to 9', () => {
    const loaded = right(digitsData(nodeWorld()))
    expect([loaded.dataset.X.rows, loaded.dataset.X.cols]).toStrictEqual([
      field(reference, 'rows'),
      field(reference, 'features'),
    ])
    expect(linalg.toRows(loaded.dataset.X)[0]).toStrictEqual(numbers(field(reference, 'first_row')))
    expect(loaded.classNames).toStrictEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'])
    const counts = Array.from({ length: 10 }, () => 0)
    for (const label of linalg.toFlat(loaded.dataset.y)) counts[label] = (counts[label] ?? 0) + 1
    expect(counts).toStrictEqual(numbers(field(reference, 'class_counts')))
    expect(linalg.toFlat(loaded.dataset.y).at(-1)).toBe(field(reference, 'last_label'))
  })

  test('read through the world from digitsPath (cli/data), its problems naming it', () => {
    expect(digitsPath.endsWith('/cli/data/digits.csv.gz')).toBe(true)
    expect(problems(digitsData(memoryWorld()))).toStrictEqual([
      `cannot read '${digitsPath}': no such file or directory`,
    ])
  })
})

describe('fashion-mnist', () => {
  test('absent: one line saying how to get it', () => {
    const source = { name: 'fashion-mnist', directory: '/no/fashion' } as const
    expect(problems(fashionMnistData(memoryWorld(), source))).toStrictEqual([
      'fashion-mnist: not found at /no/fashion (apt-get install dataset-fashion-mnist)',
    ])
    const partial = memoryWorld({
      binaryFiles: { '/no/fashion/train-images-idx3-ubyte.gz': new Uint8Array([1]) },
    })
    expect(problems(fashionMnistData(partial, source))).toStrictEqual([
      'fashion-mnist: not found at /no/fashion: no train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz there (apt-get install dataset-fashion-mnist)',
    ])
  })

  test('a folder of the four files: the train pair, the t10k pair as test, Zalando’s names', () => {
    const world = memoryWorld({
      binaryFiles: {
        '/f/train-images-idx3-ubyte.gz': gzipped(idxUbyte([2, 1, 1], [0, 255])),
        '/f/train-labels-idx1-ubyte.gz': gzipped(idxUbyte([2], [0, 9])),
        '/f/t10k-images-idx3-ubyte.gz': gzipped(idxUbyte([1, 1, 1], [51])),
        '/f/t10k-labels-idx1-ubyte.gz': gzipped(idxUbyte([1], [9])),
      },
    })
    const loaded = right(fashionMnistData(world, { name: 'fashion-mnist', directory: '/f' }))
    expect(loaded.classNames).toStrictEqual(['T-shirt/top', 'Ankle boot'])
    expect(loaded.test === undefined ? null : linalg.toRows(loaded.test.X)).toStrictEqual([[0.2]])
  })

  const installed = '/usr/share/datasets/fashion-mnist'
  // needed like Chromium (.ci/run installs both): without it this fails, saying how to get it
  test('Debian’s dataset-fashion-mnist: 60 000 training and 10 000 test images of 784 pixels', () => {
    expect(existsSync(installed), `${installed} (apt-get install dataset-fashion-mnist)`).toBe(true)
    const loaded = right(
      fileData(nodeWorld(), '.', { name: 'fashion-mnist', directory: installed }),
    )
    expect([loaded.dataset.X.rows, loaded.dataset.X.cols]).toStrictEqual([60000, 784])
    expect(loaded.test?.X.rows).toBe(10000)
    expect(loaded.classNames).toStrictEqual(fashionMnistClasses)
  }, 120_000)
})
