// A small GIF decoder for the tests, written from the GIF89a specification apart from the encoder:
// blocks parsed, each image LZW-decoded, mapped through its colour table and drawn on the screen
// (transparent pixels keep what was there). Anything it does not understand throws, loudly.

/**
 * One decoded frame: the screen's pixels as RGBA once it is drawn (over the frames before: only
 * disposal 0 or 1, "leave in place", is decoded), the delay its graphic control gave it and the
 * rectangle the image covered.
 */
export interface DecodedGifFrame {
  readonly rgba: Uint8Array
  readonly delayCentiseconds: number | undefined
  readonly localTable: boolean
  readonly transparentIndex: number | undefined
  readonly rectangle: {
    readonly left: number
    readonly top: number
    readonly width: number
    readonly height: number
  }
}

/** A decoded GIF: the header fields, the NETSCAPE2.0 loop count (if any) and the frames. */
export interface DecodedGif {
  readonly version: string
  readonly width: number
  readonly height: number
  readonly globalTable: readonly (readonly [number, number, number])[] | undefined
  readonly loopCount: number | undefined
  readonly frames: readonly DecodedGifFrame[]
}

/**
 * Decodes LZW codes read least significant bit first, as GIF packs them. The table keeps each
 * entry as its prefix entry and last index (an entry's indices are read back through its prefixes).
 */
export const lzwDecode = (data: Uint8Array, minimumCodeSize: number, pixels: number): number[] => {
  const clear = 2 ** minimumCodeSize
  const end = clear + 1
  let size = minimumCodeSize + 1
  let position = 0
  const read = (): number => {
    let code = 0
    for (let bit = 0; bit < size; bit += 1) {
      const byte = data[position >> 3]
      if (byte === undefined) throw new Error('LZW data ran out before the end code')
      code |= ((byte >> (position & 7)) & 1) << bit
      position += 1
    }
    return code
  }
  const prefixes: number[] = []
  const lasts: number[] = []
  const firsts: number[] = []
  let entries = 0
  const reset = (): void => {
    prefixes.length = 0
    lasts.length = 0
    firsts.length = 0
    for (let index = 0; index < clear + 2; index += 1) {
      prefixes.push(-1)
      lasts.push(index)
      firsts.push(index)
    }
    entries = clear + 2
    size = minimumCodeSize + 1
  }
  const indicesOf = (code: number): number[] => {
    const reversed: number[] = []
    for (let at = code; at !== -1; at = prefixes[at] ?? -1) reversed.push(lasts[at] ?? -1)
    return reversed.reverse()
  }
  reset()
  const output: number[] = []
  let previous: number | undefined
  for (;;) {
    const code = read()
    if (code === clear) {
      reset()
      previous = undefined
      continue
    }
    if (code === end) break
    if (previous === undefined) {
      if (code >= clear) throw new Error(`code ${code} before any entry`)
      output.push(code)
      previous = code
      continue
    }
    let first: number
    if (code < entries) first = firsts[code] ?? -1
    else if (code === entries) first = firsts[previous] ?? -1
    else throw new Error(`code ${code} beyond the table (${entries})`)
    if (entries < 4096) {
      prefixes.push(previous)
      lasts.push(first)
      firsts.push(firsts[previous] ?? -1)
      entries += 1
    }
    for (const index of indicesOf(code)) output.push(index)
    previous = code
    if (entries === 2 ** size && size < 12) size += 1
  }
  if (output.length !== pixels)
    throw new Error(`decoded ${output.length} pixels, expected ${pixels}`)
  return output
}

/** Decodes a whole GIF file (global or local colour tables, any extensions skipped but two). */
export const decodeGif = (bytes: Uint8Array): DecodedGif => {
  let at = 0
  const byte = (): number => {
    const value = bytes[at]
    if (value === undefined) throw new Error(`the GIF ends early at byte ${at}`)
    at += 1
    return value
  }
  const word = (): number => byte() + 256 * byte()
  const text = (length: number): string =>
    String.fromCharCode(...Array.from({ length }, () => byte()))
  const table = (entries: number): [number, number, number][] =>
    Array.from({ length: entries }, () => [byte(), byte(), byte()])
  const blocks = (): Uint8Array => {
    const parts: Uint8Array[] = []
    for (let length = byte(); length !== 0; length = byte()) {
      if (at + length > bytes.length) throw new Error(`a sub-block runs past the end at ${at}`)
      parts.push(bytes.subarray(at, at + length))
      at += length
    }
    return Uint8Array.from(parts.flatMap((part) => [...part]))
  }
  const version = text(6)
  if (version !== 'GIF89a' && version !== 'GIF87a') throw new Error('not a GIF')
  const width = word()
  const height = word()
  const packed = byte()
  byte() // background colour index
  byte() // pixel aspect ratio
  const globalTable = (packed & 0x80) !== 0 ? table(2 ** ((packed & 7) + 1)) : undefined
  let loopCount: number | undefined
  let delay: number | undefined
  let transparentIndex: number | undefined
  // the screen, drawn on by each image in turn (transparent black until the first covers it)
  const screen = new Uint8Array(width * height * 4)
  const frames: DecodedGifFrame[] = []
  for (;;) {
    const introducer = byte()
    if (introducer === 0x3b) break
    if (introducer === 0x21) {
      const label = byte()
      if (label === 0xf9) {
        const data = blocks()
        const disposal = ((data[0] ?? 0) >> 2) & 7
        if (disposal > 1) throw new Error(`disposal ${disposal} is not decoded here`)
        delay = (data[1] ?? 0) + 256 * (data[2] ?? 0)
        transparentIndex = ((data[0] ?? 0) & 1) === 1 ? data[3] : undefined
      } else if (label === 0xff) {
        const name = text(byte())
        const data = blocks()
        if (name === 'NETSCAPE2.0') loopCount = (data[1] ?? 0) + 256 * (data[2] ?? 0)
      } else blocks()
      continue
    }
    if (introducer !== 0x2c) throw new Error(`unexpected block 0x${introducer.toString(16)}`)
    const [left, top, frameWidth, frameHeight] = [word(), word(), word(), word()]
    if (left + frameWidth > width || top + frameHeight > height) {
      throw new Error(
        `an image at ${left},${top} of ${frameWidth}×${frameHeight} leaves the screen`,
      )
    }
    const flags = byte()
    if ((flags & 0x40) !== 0) throw new Error('interlaced frames are not decoded here')
    const local = (flags & 0x80) !== 0 ? table(2 ** ((flags & 7) + 1)) : undefined
    const colours = local ?? globalTable
    if (colours === undefined) throw new Error('a frame without any colour table')
    const minimumCodeSize = byte()
    const indices = lzwDecode(blocks(), minimumCodeSize, frameWidth * frameHeight)
    indices.forEach((index, pixel) => {
      if (index === transparentIndex) return
      const colour = colours[index]
      if (colour === undefined) throw new Error(`index ${index} outside the colour table`)
      const x = left + (pixel % frameWidth)
      const y = top + Math.floor(pixel / frameWidth)
      screen.set([...colour, 255], (y * width + x) * 4)
    })
    frames.push({
      rgba: screen.slice(),
      delayCentiseconds: delay,
      localTable: local !== undefined,
      transparentIndex,
      rectangle: { left, top, width: frameWidth, height: frameHeight },
    })
    delay = undefined
    transparentIndex = undefined
  }
  return { version, width, height, globalTable, loopCount, frames }
}
