// IDX files built byte by byte for tests, as the format's description (LeCun's MNIST page) lays
// them out: two zero bytes, the type code, the dimension count, each dimension as a big-endian
// uint32, then the values (ubyte here).

import { gzipSync } from 'node:zlib'

/** An IDX file of unsigned bytes with these dimensions and values (not checked: tests lie too). */
export const idxUbyte = (dimensions: readonly number[], values: readonly number[]): Uint8Array => {
  const header = [0, 0, 0x08, dimensions.length]
  for (const size of dimensions) {
    header.push((size >>> 24) & 0xff, (size >>> 16) & 0xff, (size >>> 8) & 0xff, size & 0xff)
  }
  return Uint8Array.from([...header, ...values])
}

/** The bytes gzipped, as MNIST's files are distributed. */
export const gzipped = (bytes: Uint8Array): Uint8Array => new Uint8Array(gzipSync(bytes))
