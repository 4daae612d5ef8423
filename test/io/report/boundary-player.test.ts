// The boundary player's frames: one PNG per snapshot, in order, labelled by epoch and sized as
// their SVG; a snapshot that cannot predict on the data is a Left.

import { describe, expect, test } from 'vitest'
import { data, network, random } from '../../../src/index.js'
import { boundaryPlayer, svgSize } from '../../../src/io/report/boundary-player.js'
import { left, right } from '../../support/either.js'
import { decodePng } from '../../support/png.js'

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
})
