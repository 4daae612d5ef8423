// A GIF89a encoder for animations, in plain TypeScript: RGBA frames in, the file's bytes out.
// Laws: frames of at most 256 colours in all (alpha blended over white) decode to exactly those;
// more are quantised (median cut) to the nearest of 255; bad input is a Left, never a throw.

import { linalg } from 'gradfold'
import * as E from 'fp-ts/lib/Either.js'

// checked reads bound once, as the library binds its own (a module const V8 folds)
const { at, uint16At, uint32At, uint8At } = linalg.checked

/** One frame: `width` × `height` pixels, four bytes each (red, green, blue, alpha), row by row. */
export interface RgbaFrame {
  readonly width: number
  readonly height: number
  readonly rgba: Uint8Array
}

/** How to play: each frame shown `delayCentiseconds` hundredths of a second; loop for ever or not. */
export interface GifOptions {
  readonly delayCentiseconds: number
  readonly loop: boolean
}

/** Colours as 0xRRGGBB numbers. */
type Palette = readonly number[]

/** The colour the table is padded with to its power-of-two size. */
const BLACK = 0x000000

const largestCodeCount = 4096

/** A growing byte buffer (no spreading of large arrays into calls). */
interface ByteWriter {
  readonly byte: (value: number) => void
  readonly bytes: (values: ArrayLike<number>) => void
  readonly done: () => Uint8Array
}

const byteWriter = (): ByteWriter => {
  let buffer = new Uint8Array(1 << 16)
  let length = 0
  const room = (extra: number): void => {
    if (length + extra <= buffer.length) return
    const grown = new Uint8Array(Math.max(buffer.length * 2, length + extra))
    grown.set(buffer.subarray(0, length))
    buffer = grown
  }
  return {
    byte: (value) => {
      room(1)
      buffer[length] = value
      length += 1
    },
    bytes: (values) => {
      room(values.length)
      buffer.set(values, length)
      length += values.length
    },
    done: () => buffer.slice(0, length),
  }
}

/** The frame's colours as 0xRRGGBB, alpha blended over white. */
const opaqueColours = (frame: RgbaFrame): Uint32Array => {
  const { rgba } = frame
  const colours = new Uint32Array(frame.width * frame.height)
  // `invalid` has checked that rgba holds four bytes for every pixel
  const byte = (index: number): number => uint8At(rgba, index, 'opaqueColours')
  for (let pixel = 0, first = 0; pixel < colours.length; pixel += 1, first += 4) {
    const alpha = byte(first + 3)
    const blend = (value: number): number =>
      alpha === 255 ? value : Math.round((value * alpha + 255 * (255 - alpha)) / 255)
    colours[pixel] =
      (blend(byte(first)) << 16) | (blend(byte(first + 1)) << 8) | blend(byte(first + 2))
  }
  return colours
}

/** How often each colour occurs, stopping early (undefined) past `limit` distinct colours. */
const histogram = (
  frames: readonly Uint32Array[],
  limit: number = Number.POSITIVE_INFINITY,
): Map<number, number> | undefined => {
  const counts = new Map<number, number>()
  for (const colours of frames) {
    for (let pixel = 0; pixel < colours.length; pixel += 1) {
      const colour = uint32At(colours, pixel, 'histogram')
      // runs of one colour are common: count them without a second look-up
      let run = 1
      while (colours[pixel + run] === colour) run += 1
      pixel += run - 1
      const count = counts.get(colour)
      if (count === undefined) {
        if (counts.size >= limit) return undefined
        counts.set(colour, run)
      } else counts.set(colour, count + run)
    }
  }
  return counts
}

const channel = (colour: number, shift: number): number => (colour >> shift) & 0xff

/** Colours with their pixel counts, and what the median cut needs to know about them. */
interface ColourBox {
  readonly colours: readonly (readonly [number, number])[]
  readonly weight: number
  /** The channel (as a shift: 16 red, 8 green, 0 blue) whose values spread the most. */
  readonly widest: number
  readonly spread: number
}

const colourBox = (colours: readonly (readonly [number, number])[]): ColourBox => {
  let weight = 0
  let widest = 16
  let spread = 0
  for (const [, count] of colours) weight += count
  for (const shift of [16, 8, 0]) {
    let low = 255
    let high = 0
    for (const [colour] of colours) {
      const value = channel(colour, shift)
      low = Math.min(low, value)
      high = Math.max(high, value)
    }
    if (high - low > spread) [widest, spread] = [shift, high - low]
  }
  return { colours, weight, widest, spread }
}

/** The box cut in two along its widest channel, at the median of its pixels. */
const splitBox = (box: ColourBox): readonly [ColourBox, ColourBox] => {
  const sorted = [...box.colours].sort(
    (a, b) => channel(a[0], box.widest) - channel(b[0], box.widest),
  )
  // only a box of two colours or more is split
  const countAt = (index: number): number => at(sorted, index, 'splitBox')[1]
  let cut = 1
  for (let seen = countAt(0); cut < sorted.length - 1 && seen < box.weight / 2; cut += 1) {
    seen += countAt(cut)
  }
  return [colourBox(sorted.slice(0, cut)), colourBox(sorted.slice(cut))]
}

/**
 * At most `size` colours standing for the histogram's: median cut — the box of colours with the
 * widest channel spread (weighted by the square root of its pixel count) is split at its median
 * pixel along that channel, until there are `size` boxes; each box gives its weighted mean colour.
 */
const medianCut = (counts: Map<number, number>, size: number): Palette => {
  const boxes: ColourBox[] = [colourBox([...counts.entries()])]
  while (boxes.length < size) {
    let chosen = -1
    let chosenScore = 0
    boxes.forEach((box, index) => {
      const score = box.spread * Math.sqrt(box.weight)
      if (box.colours.length > 1 && score > chosenScore) [chosen, chosenScore] = [index, score]
    })
    const box = boxes[chosen]
    if (box === undefined) break
    boxes.splice(chosen, 1, ...splitBox(box))
  }
  return boxes.map((box) => {
    const mean = (shift: number): number => {
      let sum = 0
      for (const [colour, count] of box.colours) sum += channel(colour, shift) * count
      return Math.round(sum / box.weight)
    }
    return (mean(16) << 16) | (mean(8) << 8) | mean(0)
  })
}

/** The index of the palette's colour nearest `colour` (squared RGB distance). */
const nearest = (palette: Palette, colour: number): number => {
  let best = 0
  let bestDistance = Number.POSITIVE_INFINITY
  palette.forEach((candidate, index) => {
    const red = channel(candidate, 16) - channel(colour, 16)
    const green = channel(candidate, 8) - channel(colour, 8)
    const blue = channel(candidate, 0) - channel(colour, 0)
    const distance = red * red + green * green + blue * blue
    if (distance < bestDistance) [best, bestDistance] = [index, distance]
  })
  return best
}

/**
 * Each pixel's index into `palette` (exact when its colour is there, else the nearest), looked up
 * in `indexOf` (the palette's own colours at least), which remembers each new colour's nearest.
 */
const paletteIndices = (
  colours: Uint32Array,
  palette: Palette,
  indexOf: Map<number, number>,
): Uint8Array => {
  const indices = new Uint8Array(colours.length)
  let previous = -1
  let previousIndex = 0
  for (let pixel = 0; pixel < colours.length; pixel += 1) {
    const colour = uint32At(colours, pixel, 'paletteIndices')
    if (colour !== previous) {
      let index = indexOf.get(colour)
      if (index === undefined) {
        index = nearest(palette, colour)
        indexOf.set(colour, index)
      }
      previous = colour
      previousIndex = index
    }
    indices[pixel] = previousIndex
  }
  return indices
}

/**
 * The frames' colour table: their exact colours when there are at most 256, else 255 by median
 * cut; and, when there is room left for it, the index that stands for "unchanged" (transparent).
 */
const paletteOf = (
  frames: readonly Uint32Array[],
): { readonly palette: Palette; readonly unchanged: number | undefined } => {
  const exact = histogram(frames, 256)
  const palette =
    exact === undefined
      ? medianCut(histogram(frames) ?? new Map<number, number>(), 255)
      : [...exact.keys()]
  return { palette, unchanged: palette.length < 256 ? palette.length : undefined }
}

/** A frame's part written to the file: where it sits on the screen and its indices, row by row. */
interface FramePatch {
  readonly left: number
  readonly top: number
  readonly width: number
  readonly height: number
  readonly indices: Uint8Array
}

/**
 * What to write of `indices` after `previous` (both `width` wide): the smallest rectangle holding
 * every changed pixel (one pixel when none changed), pixels unchanged inside it written as
 * `unchanged` when there is such an index, so they show what was there and compress to runs.
 */
const patch = (
  previous: Uint8Array,
  indices: Uint8Array,
  width: number,
  unchanged: number | undefined,
): FramePatch => {
  let [left, top, right, bottom] = [width, Number.POSITIVE_INFINITY, -1, -1]
  for (let pixel = 0; pixel < indices.length; pixel += 1) {
    if (indices[pixel] !== previous[pixel]) {
      const [x, y] = [pixel % width, Math.floor(pixel / width)]
      left = Math.min(left, x)
      right = Math.max(right, x)
      top = Math.min(top, y)
      bottom = y
    }
  }
  if (right < 0) [left, top, right, bottom] = [0, 0, 0, 0]
  const patchWidth = right - left + 1
  const patchHeight = bottom - top + 1
  const part = new Uint8Array(patchWidth * patchHeight)
  for (let row = 0; row < patchHeight; row += 1) {
    for (let column = 0; column < patchWidth; column += 1) {
      const pixel = (top + row) * width + left + column
      const index = uint8At(indices, pixel, 'patch')
      part[row * patchWidth + column] =
        unchanged !== undefined && index === previous[pixel] ? unchanged : index
    }
  }
  return { left, top, width: patchWidth, height: patchHeight, indices: part }
}

/** Every frame's palette indices, with one cache of nearest colours for them all. */
const allIndices = (frames: readonly Uint32Array[], palette: Palette): Uint8Array[] => {
  const indexOf = new Map<number, number>(palette.map((colour, index) => [colour, index]))
  return frames.map((colours) => paletteIndices(colours, palette, indexOf))
}

/** The colour table's size field: the table holds 2^(field + 1) entries, at least `colours`. */
const tableSizeField = (colours: number): number => {
  let field = 0
  while (2 << field < colours) field += 1
  return field
}

/** The colour table's bytes, padded with black to 2^(field + 1) entries. */
const colourTable = (palette: Palette, field: number): number[] => {
  const padding = Array.from({ length: (2 << field) - palette.length }, () => BLACK)
  return [...palette, ...padding].flatMap((colour) => [
    channel(colour, 16),
    channel(colour, 8),
    channel(colour, 0),
  ])
}

/**
 * LZW-compresses palette indices as GIF does: codes of `minimumCodeSize + 1` bits growing to 12,
 * a clear code first and whenever the table reaches 4096 entries, the end code last.
 */
const lzw = (indices: Uint8Array, minimumCodeSize: number): Uint8Array => {
  const clearCode = 1 << minimumCodeSize
  const endCode = clearCode + 1
  const out = byteWriter()
  let buffer = 0
  let bits = 0
  let codeSize = minimumCodeSize + 1
  const emit = (code: number): void => {
    buffer |= code << bits
    bits += codeSize
    while (bits >= 8) {
      out.byte(buffer & 0xff)
      buffer >>>= 8
      bits -= 8
    }
  }
  // next[prefix * 256 + index]: the code of prefix followed by index, or 0 for none yet
  const next = new Uint16Array(largestCodeCount * 256)
  const used: number[] = []
  let nextCode = endCode + 1
  emit(clearCode)
  // a patch has one pixel at least
  let prefix = uint8At(indices, 0, 'lzw')
  for (let pixel = 1; pixel < indices.length; pixel += 1) {
    const index = uint8At(indices, pixel, 'lzw')
    const key = prefix * 256 + index
    const known = uint16At(next, key, 'lzw')
    if (known !== 0) {
      prefix = known
      continue
    }
    emit(prefix)
    if (nextCode === largestCodeCount) {
      emit(clearCode)
      for (const slot of used) next[slot] = 0
      used.length = 0
      nextCode = endCode + 1
      codeSize = minimumCodeSize + 1
    } else {
      if (nextCode >= 1 << codeSize) codeSize += 1
      next[key] = nextCode
      used.push(key)
      nextCode += 1
    }
    prefix = index
  }
  emit(prefix)
  // the decoder adds an entry on reading the last code and may widen its codes before the end code
  if (nextCode === 1 << codeSize && codeSize < 12) codeSize += 1
  emit(endCode)
  if (bits > 0) out.byte(buffer & 0xff)
  return out.done()
}

/** Data split into sub-blocks of at most 255 bytes, each led by its length, then a 0 terminator. */
const writeSubBlocks = (out: ByteWriter, data: Uint8Array): void => {
  for (let start = 0; start < data.length; start += 255) {
    const block = data.subarray(start, start + 255)
    out.byte(block.length)
    out.bytes(block)
  }
  out.byte(0)
}

const word = (value: number): number[] => [value & 0xff, (value >> 8) & 0xff]

const invalid = (frames: readonly RgbaFrame[], options: GifOptions): string | undefined => {
  const first = frames[0]
  if (first === undefined) return 'encodeAnimatedGif: no frames to encode'
  const { delayCentiseconds } = options
  if (!Number.isInteger(delayCentiseconds) || delayCentiseconds < 0 || delayCentiseconds > 65535) {
    return `encodeAnimatedGif: delayCentiseconds must be an integer in [0, 65535], got ${delayCentiseconds}`
  }
  for (const [index, frame] of frames.entries()) {
    const { width, height } = frame
    const sized = [width, height].every(
      (side) => Number.isInteger(side) && side > 0 && side <= 65535,
    )
    if (!sized) {
      return `encodeAnimatedGif: frame ${index} is ${width}×${height}; sides must be integers in [1, 65535]`
    }
    if (width !== first.width || height !== first.height) {
      return `encodeAnimatedGif: frame ${index} is ${width}×${height}, frame 0 is ${first.width}×${first.height}`
    }
    if (frame.rgba.length !== width * height * 4) {
      return `encodeAnimatedGif: frame ${index} has ${frame.rgba.length} bytes, expected ${width * height * 4} (${width}×${height}×4)`
    }
  }
  return undefined
}

/**
 * An animated GIF89a of `frames` (all the same size) with one colour table for them all (so a
 * colour never flickers between frames): their exact colours when there are at most 256 in all,
 * else 255 by median cut with each pixel mapped to the nearest; the NETSCAPE2.0 extension when
 * `loop`; each frame shown for `delayCentiseconds`. After the first, a frame stores only the
 * rectangle that changed, its unchanged pixels transparent (when the table has room for that
 * index), drawn over the frame before. Alpha is blended over white. Left for no frames, frames of different sizes
 * or a buffer of the wrong length.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { encodeAnimatedGif } from './gif.js'
 * const red = { width: 2, height: 1, rgba: Uint8Array.from([255, 0, 0, 255, 255, 0, 0, 255]) }
 * const gif = encodeAnimatedGif([red, red], { delayCentiseconds: 20, loop: true })
 * assert.ok(E.isRight(gif))
 * assert.strictEqual(new TextDecoder().decode(gif.right.subarray(0, 6)), 'GIF89a')
 * assert.strictEqual(gif.right[gif.right.length - 1], 0x3b) // the trailer
 * assert.ok(E.isLeft(encodeAnimatedGif([], { delayCentiseconds: 20, loop: true })))
 */
export const encodeAnimatedGif = (
  frames: readonly RgbaFrame[],
  options: GifOptions,
): E.Either<string, Uint8Array> => {
  const problem = invalid(frames, options)
  if (problem !== undefined) return E.left(problem)
  const { width, height } = at(frames, 0, 'encodeAnimatedGif')
  const colours = frames.map(opaqueColours)
  const { palette, unchanged } = paletteOf(colours)
  const field = tableSizeField(palette.length + (unchanged === undefined ? 0 : 1))
  const out = byteWriter()
  out.bytes(new TextEncoder().encode('GIF89a'))
  out.bytes([...word(width), ...word(height)])
  // a global colour table of 2^(field + 1) entries, 8 bits per channel; background 0, square pixels
  out.bytes([0xf0 | field, 0, 0, ...colourTable(palette, field)])
  if (options.loop) {
    out.bytes([0x21, 0xff, 11, ...new TextEncoder().encode('NETSCAPE2.0'), 3, 1, 0, 0, 0])
  }
  const minimumCodeSize = Math.max(2, field + 1)
  let previous: Uint8Array | undefined
  for (const indices of allIndices(colours, palette)) {
    const part =
      previous === undefined
        ? { left: 0, top: 0, width, height, indices }
        : patch(previous, indices, width, unchanged)
    // graphic control: leave the frame in place (disposal 1), "unchanged" transparent after the
    // first frame, the delay
    const transparent = previous !== undefined && unchanged !== undefined
    out.bytes([0x21, 0xf9, 4, transparent ? 0x05 : 0x04, ...word(options.delayCentiseconds)])
    out.bytes([transparent ? unchanged : 0, 0])
    // the image descriptor: where the part sits, no local table, not interlaced
    out.bytes([0x2c, ...word(part.left), ...word(part.top), ...word(part.width)])
    out.bytes([...word(part.height), 0])
    out.byte(minimumCodeSize)
    writeSubBlocks(out, lzw(part.indices, minimumCodeSize))
    previous = indices
  }
  out.byte(0x3b)
  return E.right(out.done())
}
