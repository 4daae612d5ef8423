// The binary format's primitive encodings against decoders written here from the specification:
// LEB128 round-trips every 32-bit integer, doubles keep their bits, names and vectors are
// length-prefixed, and values out of range are refused.

import { fc, test as propertyTest } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import {
  float64Bytes,
  name,
  section,
  signedLeb128,
  unsignedLeb128,
  vector,
} from '../../../../src/linalg/kernels/wasm/encoding.js'

/** Decodes unsigned LEB128: seven bits a byte, least significant first, until a clear high bit. */
const decodeUnsigned = (bytes: readonly number[]): number => {
  let value = 0
  let scale = 1
  for (const byte of bytes) {
    value += (byte & 0x7f) * scale
    scale *= 128
    if ((byte & 0x80) === 0) break
  }
  return value
}

/** Decodes signed LEB128 into a 32-bit two's complement integer. */
const decodeSigned = (bytes: readonly number[]): number => {
  let value = 0
  let shift = 0
  let last = 0
  for (const byte of bytes) {
    last = byte
    value |= (byte & 0x7f) << shift
    shift += 7
    if ((byte & 0x80) === 0) break
  }
  if (shift < 32 && (last & 0x40) !== 0) value |= -1 << shift
  return value | 0
}

describe('unsignedLeb128', () => {
  propertyTest.prop([fc.integer({ min: 0, max: 0xffff_ffff })])(
    'round-trips, with the high bit set on every byte but the last',
    (value) => {
      const bytes = unsignedLeb128(value)
      expect(decodeUnsigned(bytes)).toBe(value)
      expect(bytes.slice(0, -1).every((byte) => byte >= 0x80)).toBe(true)
      expect(bytes.at(-1)).toBeLessThan(0x80)
      expect(bytes.length).toBeLessThanOrEqual(5)
    },
  )

  test('encodes the specification’s examples', () => {
    expect(unsignedLeb128(0)).toStrictEqual([0])
    expect(unsignedLeb128(127)).toStrictEqual([0x7f])
    expect(unsignedLeb128(128)).toStrictEqual([0x80, 0x01])
    expect(unsignedLeb128(624485)).toStrictEqual([0xe5, 0x8e, 0x26])
  })

  test('refuses negatives, fractions and values of 2³² or more', () => {
    for (const value of [-1, 0.5, 2 ** 32, Number.NaN]) {
      expect(() => unsignedLeb128(value)).toThrow(RangeError)
    }
  })
})

describe('signedLeb128', () => {
  propertyTest.prop([fc.integer({ min: -0x8000_0000, max: 0x7fff_ffff })])(
    'round-trips every i32 in at most five bytes',
    (value) => {
      const bytes = signedLeb128(value)
      expect(decodeSigned(bytes)).toBe(value)
      expect(bytes.length).toBeLessThanOrEqual(5)
    },
  )

  propertyTest.prop([fc.integer({ min: 0x8000_0000, max: 0xffff_ffff })])(
    'encodes values from 2³¹ as the i32 with the same bits',
    (value) => {
      expect(decodeSigned(signedLeb128(value))).toBe(value | 0)
    },
  )

  test('encodes the sign bit of the last byte', () => {
    expect(signedLeb128(-1)).toStrictEqual([0x7f])
    expect(signedLeb128(63)).toStrictEqual([0x3f])
    expect(signedLeb128(64)).toStrictEqual([0xc0, 0x00])
    expect(signedLeb128(-64)).toStrictEqual([0x40])
    expect(signedLeb128(-65)).toStrictEqual([0xbf, 0x7f])
    expect(signedLeb128(-123456)).toStrictEqual([0xc0, 0xbb, 0x78])
  })

  test('refuses values outside 32 bits', () => {
    for (const value of [-(2 ** 31) - 1, 2 ** 32, 1.5]) {
      expect(() => signedLeb128(value)).toThrow(RangeError)
    }
  })
})

describe('the other encodings', () => {
  propertyTest.prop([fc.double()])('float64Bytes keeps every bit of a double', (value) => {
    const bytes = Uint8Array.from(float64Bytes(value))
    expect(Object.is(new DataView(bytes.buffer).getFloat64(0, true), value)).toBe(true)
  })

  test('name, vector and section prefix their contents with a length', () => {
    expect(name('')).toStrictEqual([0])
    expect(name('é')).toStrictEqual([2, 0xc3, 0xa9])
    expect(vector([])).toStrictEqual([0])
    expect(vector([[1], [2, 3]])).toStrictEqual([2, 1, 2, 3])
    expect(section(10, new Array<number>(200).fill(0)).slice(0, 3)).toStrictEqual([10, 0xc8, 0x01])
  })
})
