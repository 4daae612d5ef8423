// End to end: `gradfold tour` through the real file system into a temp directory, then its
// index.html opened from disk in Debian's Chromium (test/support/browser.ts): no page errors, no
// request leaving the machine, every chart drawn, KaTeX's formulas rendered with their fonts, the
// boundary player advancing when played, and a screenshot saved beside the report.

import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { tourCommand } from '../../src/tour-command.js'
import { nodeWorld } from '../../src/world.js'
import { openInChromium, type BrowserPage } from '../support/browser.js'
import { remoteReferences } from '../support/html.js'
import { decodePng } from '../support/png.js'

/** What the page reports about one figure container. */
interface Chart {
  readonly id: string
  /** Drawing elements inside its inline SVG (0 without one). */
  readonly marks: number
  /** The natural width of its image once loaded (0 without one, or when it failed). */
  readonly loadedWidth: number
  readonly shownWidth: number
}

const figureNames = ['01', '02', '03', '04', '05', '06', '07', '08', '09'].map((n) => `fig_${n}`)

describe('the tour’s report in Chromium', () => {
  const folder = mkdtempSync(join(tmpdir(), 'gradfold-report-'))
  const out = join(folder, 'tour')
  let browser: BrowserPage | undefined
  const opened = (): BrowserPage => {
    if (browser === undefined) throw new Error('the report was not opened')
    return browser
  }

  beforeAll(async () => {
    const printed: string[] = []
    const code = await tourCommand(['--out', out], {
      ...nodeWorld(),
      print: (text) => {
        printed.push(text)
      },
    })
    expect(code).toBe(0)
    browser = await openInChromium(pathToFileURL(join(out, 'index.html')).href)
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    rmSync(folder, { recursive: true, force: true })
  })

  test('the files: nine figures beside a self-contained index.html', () => {
    for (const name of figureNames) expect(existsSync(join(out, `${name}.png`))).toBe(true)
    const html = readFileSync(join(out, 'index.html'), 'utf8')
    expect(remoteReferences(html)).toStrictEqual([])
  })

  test('opens with no page error and no request to the network', () => {
    expect(opened().errors()).toStrictEqual([])
    expect(opened().externalRequests()).toStrictEqual([])
  })

  test('every chart rendered: an SVG with marks, or an image that loaded', async () => {
    const { page } = opened()
    // run in the page (as text: the tests are type-checked without the DOM's types)
    const charts = await page.evaluate<
      readonly Chart[]
    >(`[...document.querySelectorAll('figure.chart')].map((figure) => {
      const svg = figure.querySelector('svg')
      const image = figure.querySelector('img')
      const box = (svg ?? image)?.getBoundingClientRect()
      return {
        id: figure.id,
        marks: svg === null ? 0 : svg.querySelectorAll('path, rect, circle, ellipse, polygon, line, text').length,
        loadedWidth: image !== null && image.complete ? image.naturalWidth : 0,
        shownWidth: box?.width ?? 0,
      }
    })`)
    expect(charts.map((chart) => chart.id)).toStrictEqual(figureNames)
    for (const chart of charts) {
      expect(chart.marks > 10 || chart.loadedWidth > 0, `${chart.id} is drawn`).toBe(true)
      expect(chart.shownWidth, `${chart.id} has a width on the page`).toBeGreaterThan(100)
    }
    // the two 41 580-cell boundaries are PNGs; the scatter plots' points are SVG marks
    expect(charts.find((chart) => chart.id === 'fig_04')?.loadedWidth).toBeGreaterThan(0)
    expect(charts.find((chart) => chart.id === 'fig_02')?.marks).toBeGreaterThan(240)
  })

  test('KaTeX rendered the derivation, with its own fonts', async () => {
    const { page } = opened()
    expect(await page.locator('.katex').count()).toBeGreaterThan(30)
    expect(await page.locator('.katex-error').count()).toBe(0)
    // the inlined woff2 font loaded (check() is false for a face still loading or failed)
    const mainFont: unknown = await page.evaluate(
      'document.fonts.ready.then(() => document.fonts.check("16px KaTeX_Main"))',
    )
    expect(mainFont).toBe(true)
    expect(await page.locator('text=Loss = 0.138309').count()).toBeGreaterThan(0)
  })

  test('the player advances when played, and pauses', async () => {
    const { page } = opened()
    const player = page.locator('figure.player').first()
    const label = player.locator('.player-label')
    const slider = player.locator('.player-slider')
    expect(await label.textContent()).toBe('Epoch 0')
    expect(await slider.getAttribute('max')).toBe('20')
    await player.locator('.player-toggle').click()
    await expect
      .poll(async () => Number(await slider.inputValue()), { timeout: 1500, interval: 100 })
      .toBeGreaterThan(0)
    expect(await label.textContent()).toMatch(/^Epoch [1-9]\d*$/u)
    const visible = await player.locator('.player-frame:not([hidden])').count()
    expect(visible).toBe(1)
    await player.locator('.player-toggle').click()
    const paused = await slider.inputValue()
    await page.waitForTimeout(700)
    expect(await slider.inputValue()).toBe(paused)
    expect(opened().errors()).toStrictEqual([])
  })

  test('a screenshot of the whole page, saved beside the report', async () => {
    const path = join(out, 'screenshot.png')
    await opened().screenshot(path)
    expect(statSync(path).size).toBeGreaterThan(50_000)
    const image = decodePng(new Uint8Array(readFileSync(path)))
    expect(image.width).toBeGreaterThan(800)
    expect(image.height).toBeGreaterThan(2000)
    // not a blank page: many pixels differ from the white background
    let ink = 0
    for (let index = 0; index < image.pixels.length; index += 4 * 97) {
      if ((image.pixels[index] ?? 255) < 200) ink += 1
    }
    expect(ink).toBeGreaterThan(1000)
  }, 30_000) // a full-page screenshot of a long page: seconds on a busy machine
})
