// The IDX file format (MNIST's): bytes in, a tensor of dimensions and row-major values out, and
// an images + labels pair of tensors as a Dataset. Pure: gunzip is the caller's. Laws: parseIdx
// never throws, whatever the bytes; parseIdx(encode(t)) gives t back exactly for every finite t.

import * as E from 'fp-ts/lib/Either.js'
import { adopt, float64At } from '../linalg/internal.js'
import type { Dataset } from './dataset.js'
import { invalidData, type DataError } from './errors.js'

/**
 * The element type of an IDX file, as its type byte names it: 0x08 ubyte, 0x09 sbyte, 0x0B
 * int16, 0x0C int32, 0x0D float32, 0x0E float64 (multi-byte types big-endian).
 *
 * @category Files
 */
export type IdxType = 'ubyte' | 'sbyte' | 'int16' | 'int32' | 'float32' | 'float64'

/**
 * An IDX tensor: its element type, its dimensions and its values in row-major order (as
 * numbers). Handed out frozen, with a fresh values array.
 *
 * @category Files
 */
export interface IdxTensor {
  readonly type: IdxType
  readonly dimensions: readonly number[]
  readonly values: Float64Array
}

/**
 * The most values an IDX file may hold (2²⁷ = 134 217 728, 1 GiB as float64): a header
 * promising more is refused before anything is allocated. Fashion-MNIST's training images hold
 * 47 040 000.
 *
 * @category Files
 */
export const MAX_IDX_VALUES = 2 ** 27

interface TypeInfo {
  readonly type: IdxType
  readonly size: number
  readonly read: (view: DataView, offset: number) => number
}

const types: ReadonlyMap<number, TypeInfo> = new Map<number, TypeInfo>([
  [0x08, { type: 'ubyte', size: 1, read: (view, offset) => view.getUint8(offset) }],
  [0x09, { type: 'sbyte', size: 1, read: (view, offset) => view.getInt8(offset) }],
  [0x0b, { type: 'int16', size: 2, read: (view, offset) => view.getInt16(offset, false) }],
  [0x0c, { type: 'int32', size: 4, read: (view, offset) => view.getInt32(offset, false) }],
  [0x0d, { type: 'float32', size: 4, read: (view, offset) => view.getFloat32(offset, false) }],
  [0x0e, { type: 'float64', size: 8, read: (view, offset) => view.getFloat64(offset, false) }],
])

const hex = (value: number, digits: number): string =>
  `0x${value.toString(16).padStart(digits, '0')}`

const parseError = (message: string): E.Either<DataError, never> =>
  E.left(invalidData('parseIdx', message))

/** `60000×28×28`. */
const formatDimensions = (dimensions: readonly number[]): string => dimensions.join('×')

/** The first four bytes as a big-endian number (fewer bytes: the ones there are, padded with 0). */
const magicOf = (bytes: Uint8Array): number =>
  [0, 1, 2, 3].reduce((magic, index) => magic * 256 + (bytes[index] ?? 0), 0)

const describeMagic = (bytes: Uint8Array): string => {
  const found = `the magic number is ${hex(magicOf(bytes), 8)}`
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return `${found} (a gzip header: gunzip it first)`
  return found
}

/**
 * Parses the bytes of an IDX file (not gzipped) into its tensor. Left, with a one-line message,
 * for a wrong magic number (a gzipped file is named as such), an unknown type code, no
 * dimensions or a dimension of size 0, a header promising more than {@link MAX_IDX_VALUES}
 * values, a body shorter than the header promises, bytes after the last value (refused: a file
 * that is longer than its header says is not the file it claims to be), and a float value that
 * is not finite.
 *
 * @category Files
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { data } from 'gradfold'
 * // ubyte (0x08), two dimensions 2×3, then six values
 * const bytes = new Uint8Array([0, 0, 0x08, 2, 0, 0, 0, 2, 0, 0, 0, 3, 1, 2, 3, 4, 5, 255])
 * const tensor = data.parseIdx(bytes)
 * assert.ok(E.isRight(tensor))
 * assert.strictEqual(tensor.right.type, 'ubyte')
 * assert.deepStrictEqual(tensor.right.dimensions, [2, 3])
 * assert.deepStrictEqual([...tensor.right.values], [1, 2, 3, 4, 5, 255])
 * const short = data.parseIdx(bytes.subarray(0, 15))
 * assert.ok(E.isLeft(short))
 * assert.strictEqual(
 *   short.left.message,
 *   'parseIdx: truncated: the header promises 2×3 ubyte values (6 bytes), the file holds 3',
 * )
 */
export const parseIdx = (bytes: Uint8Array): E.Either<DataError, IdxTensor> => {
  if (bytes.length < 4 || bytes[0] !== 0 || bytes[1] !== 0) {
    return parseError(
      `not an IDX file: ${bytes.length < 4 ? `it holds ${bytes.length} bytes, and ` : ''}${describeMagic(bytes)}, expected 0x000008nn to 0x00000enn (two zero bytes, a type code, a dimension count)`,
    )
  }
  const typeCode = bytes[2] ?? 0
  const info = types.get(typeCode)
  if (info === undefined) {
    return parseError(
      `unknown IDX type code ${hex(typeCode, 2)} in byte 2, expected 0x08 (ubyte), 0x09 (sbyte), 0x0b (int16), 0x0c (int32), 0x0d (float32) or 0x0e (float64)`,
    )
  }
  const rank = bytes[3] ?? 0
  if (rank === 0) return parseError('the header declares 0 dimensions, expected at least 1')
  const headerBytes = 4 + 4 * rank
  if (bytes.length < headerBytes) {
    return parseError(
      `truncated: the header declares ${rank} dimensions (${headerBytes} header bytes), the file holds ${bytes.length} bytes`,
    )
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const dimensions: number[] = []
  let count = 1
  for (let axis = 0; axis < rank; axis++) {
    const size = view.getUint32(4 + 4 * axis, false)
    if (size === 0) return parseError(`dimension ${axis} has size 0, expected at least 1`)
    dimensions.push(size)
    // sizes are < 2³², and count ≤ MAX_IDX_VALUES before the product: the product stays exact
    count *= size
    if (count > MAX_IDX_VALUES) {
      return parseError(
        `the header promises ${formatDimensions(dimensions)}${axis + 1 < rank ? '×…' : ''} values, more than the limit of ${MAX_IDX_VALUES}`,
      )
    }
  }
  const bodyBytes = count * info.size
  const held = bytes.length - headerBytes
  if (held < bodyBytes) {
    return parseError(
      `truncated: the header promises ${formatDimensions(dimensions)} ${info.type} values (${bodyBytes} bytes), the file holds ${held}`,
    )
  }
  if (held > bodyBytes) {
    return parseError(
      `${held - bodyBytes} bytes after the last value: the header promises ${formatDimensions(dimensions)} ${info.type} values (${bodyBytes} bytes), the file holds ${held}`,
    )
  }
  const values = new Float64Array(count)
  if (info.type === 'ubyte') {
    // the common case (MNIST's pixels and labels), without a read call per byte
    values.set(bytes.subarray(headerBytes))
    return E.right(
      Object.freeze({ type: info.type, dimensions: Object.freeze(dimensions), values }),
    )
  }
  for (let index = 0; index < count; index++) {
    const value = info.read(view, headerBytes + index * info.size)
    if (!Number.isFinite(value)) {
      return parseError(`value ${index} is ${value}, expected a finite number`)
    }
    values[index] = value
  }
  return E.right(Object.freeze({ type: info.type, dimensions: Object.freeze(dimensions), values }))
}

/**
 * A dataset from an images tensor (n examples × any further dimensions, each example flattened
 * row-major into one row) and a labels tensor (n non-negative integers, one per example; y is
 * their n×1 column of class indices). ubyte pixels are scaled to [0, 1] by dividing by 255;
 * values of every other type are kept as they are (their range is not known). Left when the
 * images have fewer than 2 dimensions, the labels are not 1-D, the counts differ, or a label is
 * not a non-negative integer.
 *
 * @category Files
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { data, linalg } from 'gradfold'
 * const images = data.parseIdx(new Uint8Array([0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 2, 0, 51, 255, 102]))
 * const labels = data.parseIdx(new Uint8Array([0, 0, 8, 1, 0, 0, 0, 2, 7, 3]))
 * assert.ok(E.isRight(images) && E.isRight(labels))
 * const examples = data.idxDataset(images.right, labels.right)
 * assert.ok(E.isRight(examples))
 * assert.deepStrictEqual(linalg.toRows(examples.right.X), [[0, 0.2], [1, 0.4]])
 * assert.deepStrictEqual(linalg.toRows(examples.right.y), [[7], [3]])
 */
export const idxDataset = (images: IdxTensor, labels: IdxTensor): E.Either<DataError, Dataset> => {
  const operation = 'idxDataset'
  const [examples, ...rest] = images.dimensions
  if (examples === undefined || rest.length === 0) {
    return E.left(
      invalidData(
        operation,
        `images are ${formatDimensions(images.dimensions)}, expected at least 2 dimensions (examples × pixels)`,
      ),
    )
  }
  if (labels.dimensions.length !== 1) {
    return E.left(
      invalidData(
        operation,
        `labels are ${formatDimensions(labels.dimensions)}, expected 1 dimension (one label per example)`,
      ),
    )
  }
  const labelCount = labels.values.length
  if (labelCount !== examples) {
    return E.left(invalidData(operation, `images hold ${examples} examples, labels ${labelCount}`))
  }
  const features = rest.reduce((product, size) => product * size, 1)
  if (images.values.length !== examples * features) {
    return E.left(
      invalidData(
        operation,
        `images are ${formatDimensions(images.dimensions)} but hold ${images.values.length} values`,
      ),
    )
  }
  const y = new Float64Array(labelCount)
  for (let index = 0; index < labelCount; index++) {
    const label = float64At(labels.values, index, 'idxDataset: labels')
    if (!Number.isSafeInteger(label) || label < 0) {
      return E.left(
        invalidData(operation, `label ${index} is ${label}, expected a non-negative integer`),
      )
    }
    y[index] = label
  }
  const ubyte = images.type === 'ubyte'
  const X = new Float64Array(images.values.length)
  for (let index = 0; index < X.length; index++) {
    const value = float64At(images.values, index, 'idxDataset: images')
    if (!Number.isFinite(value)) {
      return E.left(
        invalidData(operation, `image value ${index} is ${value}, expected a finite number`),
      )
    }
    X[index] = ubyte ? value / 255 : value
  }
  return E.right(Object.freeze({ X: adopt(examples, features, X), y: adopt(labelCount, 1, y) }))
}
