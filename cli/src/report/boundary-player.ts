// The animated decision boundary for the report: the network's snapshots during training turned
// into frames (viz.boundaryFrames and boundaryFrameSpec, rendered to PNG data URLs) for the player,
// and the same pixels as a looping GIF. Law: one frame per snapshot, in epoch order, labelled.

import * as E from 'fp-ts/lib/Either.js'
import { viz, type data, type network, linalg } from 'gradfold'
import * as teach from 'gradfold/teach'
import { encodeAnimatedGif } from '../gif.js'
import { rasterizeSvg, type RgbaImage } from '../render-png.js'
import { renderVegaLiteSvg } from '../render-vega.js'
import type { World } from '../world.js'
import { dataUrl } from './html.js'
import { defaultFrameMilliseconds, type Player, type PlayerFrame } from './player.js'

// checked reads bound once, as the library binds its own (a module const V8 folds)
const { at } = linalg.checked

/** The grid step of the frames: coarser than the figures' 0.02, so twenty frames render quickly. */
export const FRAME_STEP = 0.05

/** What `svgSize` answers for a side the document does not declare (or with no <svg> root). */
const UNDECLARED_SIZE = 0

/**
 * The size an SVG document declares on its root (`width="500" height="300"`), in CSS pixels.
 *
 * @example
 * import assert from 'node:assert'
 * import { svgSize } from './boundary-player.js'
 * assert.deepStrictEqual(svgSize('<svg class="m" width="500" height="300.5">'), { width: 500, height: 300.5 })
 * assert.deepStrictEqual(svgSize('<svg>'), { width: 0, height: 0 })
 */
export const svgSize = (svg: string): { readonly width: number; readonly height: number } => {
  const root = /<svg\b[^>]*>/u.exec(svg)
  const read = (name: string): number => {
    const attribute = root === null ? null : new RegExp(`\\s${name}="([\\d.]+)`, 'u').exec(root[0])
    return attribute === null ? UNDECLARED_SIZE : Number(at(attribute, 1, 'svgSize'))
  }
  return { width: read('width'), height: read('height') }
}

/** What the player shows and how it is labelled. */
export interface BoundaryPlayerOptions {
  readonly id: string
  readonly title: string
  readonly caption: string
  /** The frame label for an epoch (`Epoch 50`). */
  readonly label: (epoch: number) => string
  readonly step?: number
  /** The language of the frames' titles and axes (default English). */
  readonly language?: teach.Language
}

/** The player and, frame for frame, the pixels its PNGs were encoded from. */
export interface BoundaryAnimation {
  readonly player: Player
  readonly pixels: readonly RgbaImage[]
}

/**
 * The boundary as training went: one frame per snapshot, drawn over `dataset`, as the player's PNG
 * data URLs and as pixels (one rendering each). Left with the first error (a network that cannot
 * predict the grid, a rendering failure).
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { boundaryAnimation } from './boundary-player.js'
 * const none = await boundaryAnimation([], { X: undefined, y: undefined } as never, {
 *   id: 'p', title: 'Boundary', caption: '', label: (epoch: number) => `Epoch ${epoch}`,
 * })
 * assert.ok(E.isRight(none) && none.right.player.frames.length === 0 && none.right.pixels.length === 0)
 */
export const boundaryAnimation = async (
  snapshots: readonly { readonly epoch: number; readonly network: network.Network }[],
  dataset: data.Dataset,
  options: BoundaryPlayerOptions,
): Promise<E.Either<string, BoundaryAnimation>> => {
  const animation = (
    frames: readonly PlayerFrame[],
    pixels: readonly RgbaImage[],
  ): BoundaryAnimation => ({
    player: { id: options.id, title: options.title, caption: options.caption, frames },
    pixels,
  })
  if (snapshots.length === 0) return E.right(animation([], []))
  const built = viz.boundaryFrames(snapshots, dataset, options.step ?? FRAME_STEP)
  if (E.isLeft(built)) return E.left(built.left.message)
  const frames: PlayerFrame[] = []
  const pixels: RgbaImage[] = []
  for (const frame of built.right) {
    const spec = viz.boundaryFrameSpec(frame, dataset, {
      words: teach.figureWords(options.language),
    })
    const svg = await renderVegaLiteSvg(spec)
    if (E.isLeft(svg)) return E.left(`frame of epoch ${frame.epoch}: ${svg.left}`)
    const image = rasterizeSvg(svg.right, { scale: 1 })
    if (E.isLeft(image)) return E.left(`frame of epoch ${frame.epoch}: ${image.left}`)
    frames.push({
      label: options.label(frame.epoch),
      image: { kind: 'png', dataUrl: dataUrl('image/png', image.right.png), ...svgSize(svg.right) },
    })
    pixels.push(image.right.pixels)
  }
  return E.right(animation(frames, pixels))
}

/**
 * The player of the boundary as training went (`boundaryAnimation` without the pixels).
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { boundaryPlayer } from './boundary-player.js'
 * const none = await boundaryPlayer([], { X: undefined, y: undefined } as never, {
 *   id: 'p', title: 'Boundary', caption: '', label: (epoch: number) => `Epoch ${epoch}`,
 * })
 * assert.ok(E.isRight(none) && none.right.frames.length === 0)
 */
export const boundaryPlayer = async (
  snapshots: readonly { readonly epoch: number; readonly network: network.Network }[],
  dataset: data.Dataset,
  options: BoundaryPlayerOptions,
): Promise<E.Either<string, Player>> =>
  E.map((animation: BoundaryAnimation) => animation.player)(
    await boundaryAnimation(snapshots, dataset, options),
  )

/** The player (linking its GIF) and the files written for it: DIR/NAME, or none without frames. */
export interface WrittenAnimation {
  readonly player: Player
  readonly files: readonly string[]
}

/**
 * Writes the animation's frames as a looping GIF, DIR/NAME, each frame shown as long as the player
 * shows it, and returns the player linking the file with `label`. Without frames nothing is
 * written and the player is returned as it was. Left when encoding or writing fails.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { writeBoundaryGif } from './boundary-player.js'
 * const written: string[] = []
 * const world = { joinPath: (a: string, b: string) => `${a}/${b}`, writeBytes: (path: string) => { written.push(path); return E.right(undefined) } }
 * const pixels = [{ width: 1, height: 1, rgba: Uint8Array.from([0, 0, 0, 255]) }]
 * const frames = [{ label: 'Epoch 1', image: { kind: 'svg', svg: '<svg/>' } }] as const
 * const player = writeBoundaryGif(world as never, 'out', 'b.gif', { player: { id: 'p', title: '', caption: '', frames }, pixels }, 'GIF')
 * assert.ok(E.isRight(player))
 * assert.deepStrictEqual(player.right.player.download, { href: 'b.gif', label: 'GIF' })
 * assert.deepStrictEqual([written, player.right.files], [['out/b.gif'], ['out/b.gif']])
 */
export const writeBoundaryGif = (
  world: World,
  directory: string,
  name: string,
  animation: BoundaryAnimation,
  label: string,
): E.Either<string, WrittenAnimation> => {
  const { player, pixels } = animation
  if (pixels.length === 0) return E.right({ player, files: [] })
  const milliseconds = player.frameMilliseconds ?? defaultFrameMilliseconds
  const gif = encodeAnimatedGif(pixels, {
    delayCentiseconds: Math.round(milliseconds / 10),
    loop: true,
  })
  if (E.isLeft(gif)) return E.left(`${name}: ${gif.left}`)
  const path = world.joinPath(directory, name)
  const wrote = world.writeBytes(path, gif.right)
  if (E.isLeft(wrote)) return wrote
  return E.right({ player: { ...player, download: { href: name, label } }, files: [path] })
}
