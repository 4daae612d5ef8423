// The animated decision boundary for the report: the network's snapshots during training turned
// into frames (viz.boundaryFrames and boundaryFrameSpec, rendered to PNG data URLs) for the player.
// Law: one frame per snapshot, in epoch order, each labelled with its epoch.

import * as E from 'fp-ts/lib/Either.js'
import { viz, type data, type network } from '../../index.js'
import { svgToPng } from '../render-png.js'
import { renderVegaLiteSvg } from '../render-vega.js'
import { dataUrl } from './html.js'
import type { Player, PlayerFrame } from './player.js'

/** The grid step of the frames: coarser than the figures' 0.02, so twenty frames render quickly. */
export const FRAME_STEP = 0.05

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
  const root = /<svg\b[^>]*>/u.exec(svg)?.[0] ?? ''
  const read = (name: string): number =>
    Number(new RegExp(`\\s${name}="([\\d.]+)`, 'u').exec(root)?.[1] ?? 0)
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
  /** The language of the frames' titles and axes. */
  readonly language?: 'en' | 'ru'
}

/**
 * The player of the boundary as training went: one PNG frame per snapshot, drawn over `dataset`.
 * Left with the first error (a network that cannot predict the grid, a rendering failure).
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
): Promise<E.Either<string, Player>> => {
  const player = (frames: readonly PlayerFrame[]): Player => ({
    id: options.id,
    title: options.title,
    caption: options.caption,
    frames,
  })
  if (snapshots.length === 0) return E.right(player([]))
  const built = viz.boundaryFrames(snapshots, dataset, options.step ?? FRAME_STEP)
  if (E.isLeft(built)) return E.left(built.left.message)
  const frames: PlayerFrame[] = []
  for (const frame of built.right) {
    const spec = viz.boundaryFrameSpec(
      frame,
      dataset,
      options.language === undefined ? {} : { language: options.language },
    )
    const svg = await renderVegaLiteSvg(spec)
    if (E.isLeft(svg)) return E.left(`frame of epoch ${frame.epoch}: ${svg.left}`)
    const png = svgToPng(svg.right, { scale: 1 })
    if (E.isLeft(png)) return E.left(`frame of epoch ${frame.epoch}: ${png.left}`)
    frames.push({
      label: options.label(frame.epoch),
      image: { kind: 'png', dataUrl: dataUrl('image/png', png.right), ...svgSize(svg.right) },
    })
  }
  return E.right(player(frames))
}
