// A small PNG decoder for tests: 8-bit greyscale, grey+alpha, RGB and RGBA images, not interlaced,
// all five scanline filters (None, Sub, Up, Average, Paeth), inflated with node:zlib. It returns
// RGBA pixels so tests can look for ink where text should be; anything else throws, loudly.

import { inflateSync } from 'node:zlib'

/** A decoded image: `pixels` holds width × height × 4 bytes, RGBA, row by row. */
export interface DecodedPng {
  readonly width: number
  readonly height: number
  readonly pixels: Uint8Array
}

const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

/** Channels per pixel of each supported colour type (palette images are not supported). */
const channelsOf: Readonly<Record<number, number>> = { 0: 1, 2: 3, 4: 2, 6: 4 }

const paeth = (left: number, up: number, upperLeft: number): number => {
  const estimate = left + up - upperLeft
  const toLeft = Math.abs(estimate - left)
  const toUp = Math.abs(estimate - up)
  const toUpperLeft = Math.abs(estimate - upperLeft)
  if (toLeft <= toUp && toLeft <= toUpperLeft) return left
  return toUp <= toUpperLeft ? up : upperLeft
}

/** Decodes a PNG file's bytes; throws with a clear message on a file it cannot read. */
export const decodePng = (bytes: Uint8Array): DecodedPng => {
  if (signature.some((value, index) => bytes[index] !== value)) {
    throw new Error('decodePng: not a PNG (bad signature)')
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let offset = 8
  let width = 0
  let height = 0
  let channels = 0
  const data: Uint8Array[] = []
  while (offset + 8 <= bytes.length) {
    const length = view.getUint32(offset)
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8))
    const body = bytes.subarray(offset + 8, offset + 8 + length)
    if (type === 'IHDR') {
      const header = new DataView(body.buffer, body.byteOffset, body.byteLength)
      width = header.getUint32(0)
      height = header.getUint32(4)
      const [depth, colourType, , , interlace] = body.subarray(8, 13)
      if (depth !== 8) throw new Error(`decodePng: bit depth ${depth ?? '?'} (only 8)`)
      if (interlace !== 0) throw new Error('decodePng: interlaced images are not supported')
      channels = channelsOf[colourType ?? -1] ?? 0
      if (channels === 0) throw new Error(`decodePng: colour type ${colourType ?? '?'}`)
    } else if (type === 'IDAT') {
      data.push(body)
    } else if (type === 'IEND') {
      break
    }
    offset += 12 + length
  }
  if (channels === 0) throw new Error('decodePng: no IHDR chunk')
  const raw = inflateSync(Buffer.concat(data))
  const stride = width * channels
  if (raw.length !== height * (stride + 1)) {
    throw new Error(
      `decodePng: ${raw.length} bytes of scanlines, expected ${height * (stride + 1)}`,
    )
  }
  const samples = new Uint8Array(height * stride)
  for (let row = 0; row < height; row += 1) {
    const filter = raw[row * (stride + 1)] ?? 0
    const line = raw.subarray(row * (stride + 1) + 1, (row + 1) * (stride + 1))
    const start = row * stride
    for (let index = 0; index < stride; index += 1) {
      const left = index >= channels ? (samples[start + index - channels] ?? 0) : 0
      const up = row > 0 ? (samples[start - stride + index] ?? 0) : 0
      const upperLeft =
        row > 0 && index >= channels ? (samples[start - stride + index - channels] ?? 0) : 0
      const value = line[index] ?? 0
      const predicted =
        filter === 0
          ? 0
          : filter === 1
            ? left
            : filter === 2
              ? up
              : filter === 3
                ? Math.floor((left + up) / 2)
                : filter === 4
                  ? paeth(left, up, upperLeft)
                  : Number.NaN
      if (Number.isNaN(predicted))
        throw new Error(`decodePng: unknown filter ${filter} in row ${row}`)
      samples[start + index] = (value + predicted) & 0xff
    }
  }
  const pixels = new Uint8Array(width * height * 4)
  for (let pixel = 0; pixel < width * height; pixel += 1) {
    const at = pixel * channels
    const grey = samples[at] ?? 0
    const [red, green, blue, alpha] =
      channels === 1
        ? [grey, grey, grey, 255]
        : channels === 2
          ? [grey, grey, grey, samples[at + 1] ?? 0]
          : [
              samples[at] ?? 0,
              samples[at + 1] ?? 0,
              samples[at + 2] ?? 0,
              channels === 4 ? (samples[at + 3] ?? 0) : 255,
            ]
    pixels.set([red, green, blue, alpha], pixel * 4)
  }
  return { width, height, pixels }
}

/** The pixels inside a box (in image pixels) that differ from white by more than `threshold`. */
export const inkInside = (
  image: DecodedPng,
  box: { readonly x: number; readonly y: number; readonly width: number; readonly height: number },
  threshold = 64,
): number => {
  let count = 0
  for (
    let y = Math.max(0, Math.floor(box.y));
    y < Math.min(image.height, box.y + box.height);
    y += 1
  ) {
    for (
      let x = Math.max(0, Math.floor(box.x));
      x < Math.min(image.width, box.x + box.width);
      x += 1
    ) {
      const at = (y * image.width + x) * 4
      const darkness =
        255 -
        Math.min(image.pixels[at] ?? 255, image.pixels[at + 1] ?? 255, image.pixels[at + 2] ?? 255)
      if (darkness > threshold && (image.pixels[at + 3] ?? 0) > 0) count += 1
    }
  }
  return count
}
