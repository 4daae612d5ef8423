// The animated decision-boundary player: frames (inline SVGs or PNG data URLs) shown one at a
// time, with a slider, a play/pause button and the frame's label, driven by a few lines of plain
// inline JavaScript (no dependency, works from file://). Law: the first frame shows without script.

import { escapeHtml } from './html.js'
import { inlineSvg } from './svg.js'

/** One frame's picture: an SVG document to inline, or a PNG as a data URL. */
export type FrameImage =
  | { readonly kind: 'svg'; readonly svg: string }
  | {
      readonly kind: 'png'
      readonly dataUrl: string
      readonly width: number
      readonly height: number
    }

/** One frame of an animation and what it shows (`Epoch 50`). */
export interface PlayerFrame {
  readonly label: string
  readonly image: FrameImage
}

/** A file beside the page holding the same animation (`moons-boundary.gif`) and its link text. */
export interface PlayerDownload {
  readonly href: string
  readonly label: string
}

/** An animation: its title, a caption, its frames in order, milliseconds per frame. */
export interface Player {
  readonly id: string
  readonly title: string
  readonly caption: string
  readonly frames: readonly PlayerFrame[]
  readonly frameMilliseconds?: number
  /** The animation as a file, linked beside the controls. */
  readonly download?: PlayerDownload
}

/** How long the player shows each frame unless told otherwise. */
export const defaultFrameMilliseconds = 300

/** The label a player without frames shows (as its script does when there is no frame). */
const NO_FRAME_LABEL = ''

/**
 * An image as inline markup: an SVG inlined (ids prefixed by `scope`, see `inlineSvg`) or an
 * `<img>` of a PNG data URL with `label` as its alternative text.
 *
 * @example
 * import assert from 'node:assert'
 * import { imageHtml } from './player.js'
 * const png = { kind: 'png', dataUrl: 'data:image/png;base64,AA==', width: 4, height: 3 } as const
 * assert.strictEqual(imageHtml(png, 'a & b', 'x'), '<img src="data:image/png;base64,AA==" width="4" height="3" alt="a &amp; b">')
 * assert.strictEqual(imageHtml({ kind: 'svg', svg: '<svg id="a"/>' }, '', 'x'), '<svg id="x-a"/>')
 */
export const imageHtml = (image: FrameImage, label: string, scope: string): string =>
  image.kind === 'svg'
    ? inlineSvg(image.svg, scope)
    : `<img src="${image.dataUrl}" width="${image.width}" height="${image.height}" alt="${escapeHtml(label)}">`

/**
 * The player's markup: every frame (all but the first hidden), then the controls — a play/pause
 * button, a range slider over the frames, an `<output>` with the frame's label and, when the
 * animation is also a file, a link to download it. It needs
 * `playerScript` once on the page to move.
 *
 * @example
 * import assert from 'node:assert'
 * import { playerHtml } from './player.js'
 * const dot = { kind: 'png', dataUrl: 'data:image/png;base64,AA==', width: 2, height: 2 } as const
 * const html = playerHtml({
 *   id: 'moons', title: 'Boundary', caption: 'every 50 epochs',
 *   frames: [{ label: 'Epoch 0', image: dot }, { label: 'Epoch 50', image: dot }],
 * })
 * assert.ok(html.includes('<input type="range" class="player-slider" min="0" max="1" value="0"'))
 * assert.ok(html.includes('<output class="player-label">Epoch 0</output>'))
 * assert.strictEqual(html.match(/class="player-frame"/g)?.length, 2)
 * assert.ok(!html.includes('download'))
 */
export const playerHtml = (player: Player): string => {
  const frames = player.frames
    .map(
      (frame, index) =>
        `<div class="player-frame" data-label="${escapeHtml(frame.label)}"${index === 0 ? '' : ' hidden'}>${imageHtml(frame.image, frame.label, `${player.id}-${index}`)}</div>`,
    )
    .join('\n')
  const first = player.frames[0]?.label ?? NO_FRAME_LABEL
  return [
    `<figure class="player" id="${escapeHtml(player.id)}" data-player data-milliseconds="${player.frameMilliseconds ?? defaultFrameMilliseconds}">`,
    `<figcaption><strong>${escapeHtml(player.title)}</strong> — ${escapeHtml(player.caption)}</figcaption>`,
    `<div class="player-frames">\n${frames}\n</div>`,
    '<div class="player-controls">',
    '<button type="button" class="player-toggle" aria-label="play or pause">▶ Play</button>',
    `<input type="range" class="player-slider" min="0" max="${Math.max(0, player.frames.length - 1)}" value="0" step="1" aria-label="frame">`,
    `<output class="player-label">${escapeHtml(first)}</output>`,
    ...(player.download === undefined
      ? []
      : [
          `<a class="player-download" href="${escapeHtml(player.download.href)}" download>${escapeHtml(player.download.label)}</a>`,
        ]),
    '</div>',
    '</figure>',
  ].join('\n')
}

/**
 * The script that drives every `[data-player]` on the page: the slider shows the frame it points
 * at; play advances one frame every `data-milliseconds` (from the start again after the last) until
 * paused. Plain ES2015, no dependency.
 *
 * @example
 * import assert from 'node:assert'
 * import { playerScript } from './player.js'
 * assert.ok(playerScript.startsWith('<script>') && playerScript.includes('[data-player]'))
 */
export const playerScript = `<script>
(function () {
  'use strict';
  document.querySelectorAll('[data-player]').forEach(function (player) {
    var frames = player.querySelectorAll('.player-frame');
    var slider = player.querySelector('.player-slider');
    var label = player.querySelector('.player-label');
    var toggle = player.querySelector('.player-toggle');
    var milliseconds = Number(player.getAttribute('data-milliseconds')) || 300;
    var timer = null;
    function show(index) {
      frames.forEach(function (frame, at) { frame.hidden = at !== index; });
      slider.value = String(index);
      label.textContent = frames[index] ? frames[index].getAttribute('data-label') : '';
    }
    function pause() {
      if (timer !== null) { clearInterval(timer); timer = null; }
      toggle.textContent = '\\u25B6 Play';
    }
    function play() {
      if (Number(slider.value) >= frames.length - 1) show(0);
      timer = setInterval(function () {
        var next = Number(slider.value) + 1;
        show(next < frames.length ? next : 0);
      }, milliseconds);
      toggle.textContent = '\\u23F8 Pause';
    }
    slider.addEventListener('input', function () { pause(); show(Number(slider.value)); });
    toggle.addEventListener('click', function () { if (timer === null) play(); else pause(); });
    show(0);
  });
})();
</script>`
