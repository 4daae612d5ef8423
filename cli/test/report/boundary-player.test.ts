// The boundary player's frames: one PNG per snapshot, in order, labelled by epoch and sized as
// their SVG, with the same pixels for the GIF, which is written, linked and read back; a snapshot
// that cannot predict on the data is a Left, and so is a refused GIF.

import { describe, expect, test } from 'vitest'
import { data, network, random } from 'gradfold'
import {
  boundaryAnimation,
  boundaryPlayer,
  svgSize,
  writeBoundaryGif,
} from '../../src/report/boundary-player.js'
import { left, right } from '../../../test/support/either.js'
import { decodeGif } from '../support/gif.js'
import { memoryWorld } from '../support/memory-world.js'
import { decodePng } from '../support/png.js'

const points = right(data.makeMoons({ samples: 40, noise: 0.1, seed: 5 }))
const net = (seed: number): network.Network =>
  right(network.mlp([2, 4, 1], { hidden: 'tanh', output: 'sigmoid', key: random.key(seed) }))
const options = {
  id: 'p',
  title: 'T',
  caption: 'c',
  label: (epoch: number) => `Epoch ${epoch}`,
  step: 0.25,
}

describe('boundaryPlayer', () => {
  test('a PNG frame per snapshot, labelled and sized as drawn', async () => {
    const snapshots = [0, 10, 20].map((epoch) => ({ epoch, network: net(epoch + 1) }))
    const player = right(await boundaryPlayer(snapshots, points, options))
    expect(player.frames.map((frame) => frame.label)).toStrictEqual([
      'Epoch 0',
      'Epoch 10',
      'Epoch 20',
    ])
    for (const frame of player.frames) {
      if (frame.image.kind !== 'png') throw new Error('expected PNG frames')
      const bytes = Buffer.from(frame.image.dataUrl.replace('data:image/png;base64,', ''), 'base64')
      const image = decodePng(new Uint8Array(bytes))
      expect([image.width, image.height]).toStrictEqual([
        Math.ceil(frame.image.width),
        Math.ceil(frame.image.height),
      ])
      expect(image.width).toBeGreaterThan(300)
    }
    // different networks draw different boundaries
    expect(player.frames[0]?.image).not.toStrictEqual(player.frames[1]?.image)
  }, 30_000)

  test('a network that does not fit the data is a Left', async () => {
    const wide = right(
      network.mlp([3, 2, 1], { hidden: 'tanh', output: 'sigmoid', key: random.key(1) }),
    )
    expect(await boundaryPlayer([{ epoch: 0, network: wide }], points, options).then(left)).toMatch(
      /3|2/u,
    )
  })

  test('svgSize reads the root element only', () => {
    expect(
      svgSize('<svg width="12.5" height="7"><rect width="99" height="99"/></svg>'),
    ).toStrictEqual({
      width: 12.5,
      height: 7,
    })
  })

  test('the pixels are the PNG frames’ pixels; the GIF holds them, looping, linked', async () => {
    const snapshots = [0, 10].map((epoch) => ({ epoch, network: net(epoch + 1) }))
    const animation = right(await boundaryAnimation(snapshots, points, options))
    expect(animation.pixels).toHaveLength(2)
    animation.player.frames.forEach((frame, index) => {
      if (frame.image.kind !== 'png') throw new Error('expected PNG frames')
      const png = decodePng(
        new Uint8Array(Buffer.from(frame.image.dataUrl.split(',')[1] ?? '', 'base64')),
      )
      const pixels = animation.pixels[index]
      expect([pixels?.width, pixels?.height]).toStrictEqual([png.width, png.height])
      expect(Buffer.from(pixels?.rgba ?? []).equals(Buffer.from(png.pixels))).toBe(true)
    })
    const world = memoryWorld()
    const written = right(writeBoundaryGif(world, 'out', 'b.gif', animation, 'download as GIF'))
    expect(written.files).toStrictEqual(['out/b.gif'])
    expect(written.player.download).toStrictEqual({ href: 'b.gif', label: 'download as GIF' })
    expect(written.player.frames).toBe(animation.player.frames)
    const gif = decodeGif(world.binaryFiles.get('out/b.gif') ?? new Uint8Array())
    expect([gif.width, gif.height]).toStrictEqual([
      animation.pixels[0]?.width,
      animation.pixels[0]?.height,
    ])
    // each frame shown as long as the player shows it (300 ms by default), for ever
    expect(gif.frames.map((frame) => frame.delayCentiseconds)).toStrictEqual([30, 30])
    expect(gif.loopCount).toBe(0)
    // the frames have a few thousand colours (antialiasing); most pixels come back exact
    const first = animation.pixels[0]?.rgba ?? new Uint8Array()
    const decoded = gif.frames[0]?.rgba ?? new Uint8Array()
    let exact = 0
    for (let at = 0; at < first.length; at += 4) {
      if ([0, 1, 2].every((offset) => first[at + offset] === decoded[at + offset])) exact += 1
    }
    expect(exact / (first.length / 4)).toBeGreaterThan(0.85)
  }, 30_000)

  test('no frames: no GIF written, the player unchanged', () => {
    const world = memoryWorld()
    const player = { id: 'p', title: 'T', caption: 'c', frames: [] }
    const written = right(writeBoundaryGif(world, 'out', 'b.gif', { player, pixels: [] }, 'GIF'))
    expect(written).toStrictEqual({ player, files: [] })
    expect(world.binaryFiles.size).toBe(0)
  })

  test('a refused GIF is a Left naming the file', async () => {
    const snapshots = [{ epoch: 0, network: net(1) }]
    const animation = right(await boundaryAnimation(snapshots, points, options))
    const world = memoryWorld({ unwritable: ['out/b.gif'] })
    expect(left(writeBoundaryGif(world, 'out', 'b.gif', animation, 'GIF'))).toBe(
      "cannot write 'out/b.gif': permission denied",
    )
  }, 30_000)
})
