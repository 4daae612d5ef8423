// The player's markup: one frame element per frame (only the first visible without script), the
// slider's range over the frames, the first label, the images inlined; the script is plain and
// looks for exactly the markup the player writes.

import { describe, expect, test } from 'vitest'
import { imageHtml, playerHtml, playerScript, type PlayerFrame } from '../../src/report/player.js'

const png = {
  kind: 'png',
  dataUrl: 'data:image/png;base64,iVBORw0KGgo=',
  width: 40,
  height: 30,
} as const
const frames: readonly PlayerFrame[] = [0, 50, 100].map((epoch) => ({
  label: `Epoch ${epoch}`,
  image:
    epoch === 50 ? { kind: 'svg', svg: '<?xml version="1.0"?><svg id="a"><rect/></svg>' } : png,
}))

describe('playerHtml', () => {
  const html = playerHtml({ id: 'moons', title: 'Boundary', caption: 'every 50 epochs', frames })

  test('one frame element per frame, only the first shown', () => {
    expect(html.match(/<div class="player-frame"/gu)?.length).toBe(3)
    expect(html.match(/ hidden>/gu)?.length).toBe(2)
    expect(html).toContain('data-label="Epoch 100"')
  })

  test('controls: a button, a slider over the frames, the first frame’s label', () => {
    expect(html).toContain('<button type="button" class="player-toggle"')
    expect(html).toContain('min="0" max="2" value="0"')
    expect(html).toContain('<output class="player-label">Epoch 0</output>')
    expect(html).toContain('data-player data-milliseconds="300"')
  })

  test('a download link beside the controls when the animation is also a file', () => {
    expect(html).not.toContain('player-download')
    const linked = playerHtml({
      id: 'moons',
      title: 'Boundary',
      caption: 'every 50 epochs',
      frames,
      download: { href: 'moons "boundary".gif', label: 'download as GIF' },
    })
    const controls = linked.slice(linked.indexOf('<div class="player-controls">'))
    expect(controls).toContain(
      '<a class="player-download" href="moons &quot;boundary&quot;.gif" download>download as GIF</a>',
    )
  })

  test('images: PNG as <img> with its size, SVG inlined with scoped ids', () => {
    expect(html).toContain(
      '<img src="data:image/png;base64,iVBORw0KGgo=" width="40" height="30" alt="Epoch 0">',
    )
    expect(html).toContain('<svg id="moons-1-a"><rect/></svg>')
    expect(html).not.toContain('<?xml')
    expect(imageHtml(png, '<x>', 's')).toContain('alt="&lt;x&gt;"')
  })

  test('the script drives the classes the markup has, with no external reference', () => {
    for (const name of ['player-frame', 'player-slider', 'player-label', 'player-toggle']) {
      expect(html).toContain(`class="${name}"`)
      expect(playerScript).toContain(`.${name}`)
    }
    expect(playerScript).not.toMatch(/src=|https?:|import/u)
    expect(playerScript.endsWith('</script>')).toBe(true)
  })
})
