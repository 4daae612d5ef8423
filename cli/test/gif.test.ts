// The GIF encoder, read back by an independent decoder (test/support/gif.ts, itself checked on a
// hand-made file) and by resvg's: frames of at most 256 colours come back exactly, more colours
// come back close; the header, loop and delay fields are as asked; bad input is a Left.

import { fc, test as propertyTest } from '@fast-check/vitest'
import { Resvg } from '@resvg/resvg-js'
import { describe, expect, test } from 'vitest'
import { encodeAnimatedGif, type RgbaFrame } from '../src/gif.js'
import { left, right } from '../../test/support/either.js'
import { decodeGif } from './support/gif.js'

const options = { delayCentiseconds: 25, loop: true }

/** A frame whose pixels are `colours[pick(x, y)]`, opaque. */
const frameOf = (
  width: number,
  height: number,
  colour: (x: number, y: number) => readonly [number, number, number],
): RgbaFrame => {
  const rgba = new Uint8Array(width * height * 4)
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) rgba.set([...colour(x, y), 255], (y * width + x) * 4)
  }
  return { width, height, rgba }
}

/** Pseudo-random numbers from a fixed linear congruential sequence (not Math.random). */
const sequence = (seed: number): (() => number) => {
  let state = seed
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648
    return state >> 8
  }
}

/** Where two pixel buffers first differ (-1 when equal), cheaper than a deep equality. */
const firstDifference = (actual: Uint8Array | undefined, expected: Uint8Array): number => {
  if (actual?.length !== expected.length) return Number.NaN
  return actual.findIndex((value, index) => value !== expected[index])
}

const colourArbitrary = fc.tuple(
  fc.integer({ min: 0, max: 255 }),
  fc.integer({ min: 0, max: 255 }),
  fc.integer({ min: 0, max: 255 }),
)

/** Small animations: 1–4 frames of up to 12×12 pixels drawn from a few colours. */
const animationArbitrary = fc
  .record({
    width: fc.integer({ min: 1, max: 12 }),
    height: fc.integer({ min: 1, max: 12 }),
    frames: fc.integer({ min: 1, max: 4 }),
    colours: fc.uniqueArray(colourArbitrary, {
      minLength: 1,
      maxLength: 40,
      selector: ([red, green, blue]) => `${red},${green},${blue}`,
    }),
  })
  .chain(({ width, height, frames, colours }) =>
    fc
      .array(
        fc.array(fc.integer({ min: 0, max: colours.length - 1 }), {
          minLength: width * height,
          maxLength: width * height,
        }),
        { minLength: frames, maxLength: frames },
      )
      .map((picks) =>
        picks.map((pixels) =>
          frameOf(width, height, (x, y) => colours[pixels[y * width + x] ?? 0] ?? [0, 0, 0]),
        ),
      ),
  )

/** Animations that change little: a first frame, then each frame a few pixels edited. */
const editedArbitrary = fc
  .record({
    width: fc.integer({ min: 1, max: 16 }),
    height: fc.integer({ min: 1, max: 16 }),
    colours: fc.uniqueArray(colourArbitrary, {
      minLength: 1,
      maxLength: 8,
      selector: ([red, green, blue]) => `${red},${green},${blue}`,
    }),
  })
  .chain(({ width, height, colours }) => {
    const pick = fc.integer({ min: 0, max: colours.length - 1 })
    const edit = fc.tuple(fc.integer({ min: 0, max: width * height - 1 }), pick)
    return fc
      .tuple(
        fc.array(pick, { minLength: width * height, maxLength: width * height }),
        fc.array(fc.array(edit, { maxLength: 5 }), { minLength: 1, maxLength: 4 }),
      )
      .map(([first, edits]) => {
        const pictures = [first]
        for (const changes of edits) {
          const next = [...(pictures[pictures.length - 1] ?? [])]
          for (const [pixel, colour] of changes) next[pixel] = colour
          pictures.push(next)
        }
        return pictures.map((pixels) =>
          frameOf(width, height, (x, y) => colours[pixels[y * width + x] ?? 0] ?? [0, 0, 0]),
        )
      })
  })

describe('the test GIF decoder', () => {
  test('decodes the specification’s sample: a 3×5 two-colour image', () => {
    // An image written out by hand: 3×5, global table [black, white], minimum code size 2 (clear
    // 4, end 5), one code per pixel. Codes never need to use table entries, but the decoder still
    // adds one per code after the first, so by the specification the width grows: the table has
    // 6 entries, reaches 8 after the fourth code read (clear, three pixels: 3 bits each), 16 after
    // eight more (4 bits each), and the rest, with the end code, take 5 bits.
    const indices = [1, 1, 1, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0]
    const codes = [4, ...indices, 5]
    const widths = [3, 3, 3, 3, 4, 4, 4, 4, 4, 4, 4, 4, 5, 5, 5, 5, 5]
    expect(widths).toHaveLength(codes.length)
    let bits = 0
    let position = 0
    const data: number[] = []
    codes.forEach((code, index) => {
      bits |= code << position
      position += widths[index] ?? 0
      while (position >= 8) {
        data.push(bits & 0xff)
        bits >>= 8
        position -= 8
      }
    })
    if (position > 0) data.push(bits & 0xff)
    // prettier-ignore
    const file = Uint8Array.from([
      ...new TextEncoder().encode('GIF89a'),
      3, 0, 5, 0, 0x80, 0, 0,
      0, 0, 0, 255, 255, 255,
      0x2c, 0, 0, 0, 0, 3, 0, 5, 0, 0,
      2, data.length, ...data, 0,
      0x3b,
    ])
    const decoded = decodeGif(file)
    expect([decoded.width, decoded.height, decoded.frames.length]).toStrictEqual([3, 5, 1])
    const pixels = decoded.frames[0]?.rgba ?? new Uint8Array()
    expect(Array.from({ length: 15 }, (_, pixel) => pixels[pixel * 4])).toStrictEqual(
      indices.map((index) => index * 255),
    )
  })
})

describe('encodeAnimatedGif', () => {
  propertyTest.prop([animationArbitrary])('frames of few colours come back exactly', (frames) => {
    const decoded = decodeGif(right(encodeAnimatedGif(frames, options)))
    expect([decoded.width, decoded.height]).toStrictEqual([frames[0]?.width, frames[0]?.height])
    expect(decoded.frames.map((frame) => [...frame.rgba])).toStrictEqual(
      frames.map((frame) => [...frame.rgba]),
    )
  })

  propertyTest.prop([editedArbitrary])(
    'frames that change a little come back exactly',
    (frames) => {
      const decoded = decodeGif(right(encodeAnimatedGif(frames, options)))
      expect(decoded.frames.map((frame) => [...frame.rgba])).toStrictEqual(
        frames.map((frame) => [...frame.rgba]),
      )
    },
  )

  test('after the first frame, only the rectangle that changed is stored', () => {
    // 32 colours, so the frames come back exactly; the red block replaces x 10–12 of rows 5 and 6
    const base = (x: number, y: number) => [(x % 8) * 30, (y % 4) * 60, 90] as const
    const first = frameOf(40, 30, base)
    const second = frameOf(40, 30, (x, y) =>
      x >= 10 && x < 13 && y >= 5 && y < 7 ? [255, 0, 0] : base(x, y),
    )
    const decoded = decodeGif(right(encodeAnimatedGif([first, second, second], options)))
    expect(decoded.frames.map((frame) => frame.rectangle)).toStrictEqual([
      { left: 0, top: 0, width: 40, height: 30 },
      { left: 10, top: 5, width: 3, height: 2 },
      { left: 0, top: 0, width: 1, height: 1 },
    ])
    expect(decoded.frames.map((frame) => frame.transparentIndex === undefined)).toStrictEqual([
      true,
      false,
      false,
    ])
    expect(decoded.frames.map((frame) => firstDifference(frame.rgba, second.rgba))).toStrictEqual([
      (5 * 40 + 10) * 4,
      -1,
      -1,
    ])
  })

  test('a large frame (the LZW table fills and is cleared) comes back exactly', () => {
    const next = sequence(7)
    const colours = Array.from(
      { length: 200 },
      () => [next() % 256, next() % 256, next() % 256] as const,
    )
    // noise: the table reaches 4096 entries many times over
    const frame = frameOf(160, 120, () => colours[next() % colours.length] ?? [0, 0, 0])
    const decoded = decodeGif(right(encodeAnimatedGif([frame], options)))
    expect(firstDifference(decoded.frames[0]?.rgba, frame.rgba)).toBe(-1)
  })

  test('resvg’s decoder reads the first frame as it was drawn', () => {
    const next = sequence(3)
    const colours = Array.from(
      { length: 12 },
      () => [next() % 256, next() % 256, next() % 256] as const,
    )
    const frame = frameOf(90, 70, (x, y) => colours[(Math.floor(x / 7) + y * 3) % 12] ?? [0, 0, 0])
    const gif = Buffer.from(right(encodeAnimatedGif([frame, frame], options))).toString('base64')
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="90" height="70">' +
      `<image width="90" height="70" xlink:href="data:image/gif;base64,${gif}"/></svg>`
    const rendered = new Resvg(svg, { background: 'white' }).render()
    expect(firstDifference(new Uint8Array(rendered.pixels), frame.rgba)).toBe(-1)
  })

  test('one colour table for all the frames, exact up to 256 colours in all', () => {
    // 256 colours in all: a global table of 256 entries, read back exactly
    const shifted = (shift: number) =>
      frameOf(16, 16, (x, y) => {
        const value = (y * 16 + x + shift) % 256
        return [value, 255 - value, (value * 7) % 256]
      })
    const shared = decodeGif(right(encodeAnimatedGif([shifted(0), shifted(100)], options)))
    expect(shared.globalTable).toHaveLength(256)
    expect(shared.frames.map((frame) => frame.localTable)).toStrictEqual([false, false])
    expect(firstDifference(shared.frames[1]?.rgba, shifted(100).rgba)).toBe(-1)
    // three colours: a table of 4 entries (the smallest power of two that holds them)
    const three = frameOf(3, 1, (x) => [x * 100, 0, 0])
    expect(decodeGif(right(encodeAnimatedGif([three], options))).globalTable).toHaveLength(4)
    // two frames of 200 colours each, 400 in all: still one table, and no frame has its own
    const ramp = (base: number) => frameOf(20, 10, (x, y) => [base, y * 20 + x, 0])
    const split = decodeGif(right(encodeAnimatedGif([ramp(0), ramp(255)], options)))
    expect(split.globalTable).toHaveLength(256)
    expect(split.frames.map((frame) => frame.localTable)).toStrictEqual([false, false])
  })

  test('a frame of more than 256 colours comes back within a small distance of them', () => {
    // 64×64 of 4096 different colours, a smooth field like a figure's antialiased bands
    const frame = frameOf(64, 64, (x, y) => [x * 4, y * 4, ((x + y) * 2) % 256])
    const decoded = decodeGif(right(encodeAnimatedGif([frame], options)))
    const pixels = decoded.frames[0]?.rgba ?? new Uint8Array()
    let worst = 0
    for (let at = 0; at < frame.rgba.length; at += 4) {
      const distance = Math.hypot(
        ...[0, 1, 2].map((offset) => (pixels[at + offset] ?? 0) - (frame.rgba[at + offset] ?? 0)),
      )
      worst = Math.max(worst, distance)
    }
    // 256 boxes over a 64×64×(64) lattice of colours: each box spans a few steps of 4 per channel
    expect(worst).toBeLessThan(24)
    expect(worst).toBeGreaterThan(0)
  })

  test('alpha is blended over white', () => {
    const frame = { width: 2, height: 1, rgba: Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 51]) }
    const pixels = decodeGif(right(encodeAnimatedGif([frame], options))).frames[0]?.rgba
    expect([...(pixels ?? [])]).toStrictEqual([255, 255, 255, 255, 204, 204, 204, 255])
  })

  test('writes the header, the loop extension and each frame’s delay', () => {
    const frame = frameOf(5, 3, () => [10, 20, 30])
    const looping = right(
      encodeAnimatedGif([frame, frame, frame], { delayCentiseconds: 300, loop: true }),
    )
    const decoded = decodeGif(looping)
    expect(decoded.version).toBe('GIF89a')
    expect([decoded.width, decoded.height]).toStrictEqual([5, 3])
    expect([...looping.subarray(6, 10)]).toStrictEqual([5, 0, 3, 0])
    expect(decoded.loopCount).toBe(0) // 0: for ever
    expect(decoded.frames.map((each) => each.delayCentiseconds)).toStrictEqual([300, 300, 300])
    const once = decodeGif(right(encodeAnimatedGif([frame], { delayCentiseconds: 7, loop: false })))
    expect(once.loopCount).toBeUndefined()
    expect(once.frames[0]?.delayCentiseconds).toBe(7)
  })

  test('compresses: a plain 100×100 frame takes far fewer bytes than its pixels', () => {
    const gif = right(encodeAnimatedGif([frameOf(100, 100, () => [1, 2, 3])], options))
    expect(gif.length).toBeLessThan(400)
  })

  test('bad input is a Left naming the problem', () => {
    const frame = frameOf(2, 2, () => [0, 0, 0])
    expect(left(encodeAnimatedGif([], options))).toMatch(/no frames/u)
    expect(left(encodeAnimatedGif([frame, frameOf(3, 2, () => [0, 0, 0])], options))).toMatch(
      /frame 1 is 3×2, frame 0 is 2×2/u,
    )
    expect(
      left(encodeAnimatedGif([{ width: 2, height: 2, rgba: new Uint8Array(15) }], options)),
    ).toMatch(/frame 0 has 15 bytes, expected 16/u)
    expect(
      left(encodeAnimatedGif([{ width: 0, height: 2, rgba: new Uint8Array(0) }], options)),
    ).toMatch(/frame 0 is 0×2/u)
    expect(left(encodeAnimatedGif([frame], { delayCentiseconds: -1, loop: true }))).toMatch(
      /delayCentiseconds/u,
    )
  })
})
