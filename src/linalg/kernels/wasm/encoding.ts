// The WebAssembly binary format's primitive encodings: LEB128 integers, little-endian doubles,
// UTF-8 names and length-prefixed vectors. Laws: every encoder returns fresh bytes and is the
// exact inverse of the decoder the WebAssembly specification describes (§5.2 Values).

/** Bytes of the binary format, each an integer in [0, 255]. */
export type Bytes = readonly number[]

/**
 * The unsigned LEB128 encoding of a non-negative integer below 2³²: seven bits a byte, least
 * significant first, the high bit set on every byte but the last.
 *
 * @example
 * import assert from 'node:assert'
 * import { unsignedLeb128 } from './encoding.js'
 * assert.deepStrictEqual(unsignedLeb128(624485), [0xe5, 0x8e, 0x26])
 */
export const unsignedLeb128 = (value: number): Bytes => {
  if (!Number.isInteger(value) || value < 0 || value > 0xffff_ffff) {
    throw new RangeError(`unsignedLeb128: ${value} is not an integer in [0, 2³²)`)
  }
  const bytes: number[] = []
  let rest = value
  do {
    const low = rest % 128
    rest = Math.floor(rest / 128)
    bytes.push(rest === 0 ? low : low | 0x80)
  } while (rest !== 0)
  return bytes
}

/**
 * The signed LEB128 encoding of an integer in [−2³¹, 2³²): two's complement, seven bits a byte,
 * ending when the remaining bits are all copies of the last byte's sign bit (bit 6). Values in
 * [2³¹, 2³²) are encoded as the i32 with the same bits, as `i32.const` needs.
 *
 * @example
 * import assert from 'node:assert'
 * import { signedLeb128 } from './encoding.js'
 * assert.deepStrictEqual(signedLeb128(-123456), [0xc0, 0xbb, 0x78])
 * assert.deepStrictEqual(signedLeb128(64), [0xc0, 0x00])
 */
export const signedLeb128 = (value: number): Bytes => {
  if (!Number.isInteger(value) || value < -0x8000_0000 || value > 0xffff_ffff) {
    throw new RangeError(`signedLeb128: ${value} is not a 32-bit integer`)
  }
  const bytes: number[] = []
  let rest = value | 0
  for (;;) {
    const low = rest & 0x7f
    rest >>= 7
    const signBitSet = (low & 0x40) !== 0
    if ((rest === 0 && !signBitSet) || (rest === -1 && signBitSet)) {
      bytes.push(low)
      return bytes
    }
    bytes.push(low | 0x80)
  }
}

/**
 * The eight little-endian bytes of an IEEE 754 double, as `f64.const` stores it.
 *
 * @example
 * import assert from 'node:assert'
 * import { float64Bytes } from './encoding.js'
 * assert.deepStrictEqual(float64Bytes(1), [0, 0, 0, 0, 0, 0, 0xf0, 0x3f])
 */
export const float64Bytes = (value: number): Bytes => {
  const view = new DataView(new ArrayBuffer(8))
  view.setFloat64(0, value, true)
  return Array.from(new Uint8Array(view.buffer))
}

/**
 * A name: its UTF-8 length as unsigned LEB128, then its UTF-8 bytes.
 *
 * @example
 * import assert from 'node:assert'
 * import { name } from './encoding.js'
 * assert.deepStrictEqual(name('env'), [3, 0x65, 0x6e, 0x76])
 */
export const name = (text: string): Bytes => {
  const utf8 = Array.from(new TextEncoder().encode(text))
  return [...unsignedLeb128(utf8.length), ...utf8]
}

/**
 * A vector: its element count as unsigned LEB128, then the elements' encodings in order.
 *
 * @example
 * import assert from 'node:assert'
 * import { vector } from './encoding.js'
 * assert.deepStrictEqual(vector([[1, 2], [3]]), [2, 1, 2, 3])
 */
export const vector = (elements: readonly Bytes[]): Bytes => [
  ...unsignedLeb128(elements.length),
  ...elements.flat(),
]

/**
 * A section: its id, its content's byte length as unsigned LEB128, then the content.
 *
 * @example
 * import assert from 'node:assert'
 * import { section } from './encoding.js'
 * assert.deepStrictEqual(section(1, [0]), [1, 1, 0])
 */
export const section = (id: number, content: Bytes): Bytes => [
  id,
  ...unsignedLeb128(content.length),
  ...content,
]
