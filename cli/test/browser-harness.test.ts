// The browser harness the end-to-end test relies on (test/support/browser.ts), checked on a small
// page: Debian's Chromium opens it from file://, the inline script runs and draws into the SVG, no
// error is reported — and an error, a console error and a network request ARE reported when the
// page makes them, so a clean result means something.

import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { chromiumPath, openInChromium, type BrowserPage } from './support/browser.js'
import { decodePng } from './support/png.js'

const page = `<!doctype html>
<html><head><meta charset="utf-8"><title>harness</title></head>
<body>
<svg id="chart" width="120" height="60"><rect width="120" height="60" fill="white"/></svg>
<button id="step">step</button><span id="frame">0</span>
<script>
  const svg = document.getElementById('chart')
  for (let i = 0; i < 5; i += 1) {
    const circle = document.createElementNS('http://www.w3.org/2000/svg', 'circle')
    circle.setAttribute('cx', String(10 + i * 20)); circle.setAttribute('cy', '30')
    circle.setAttribute('r', '6'); circle.setAttribute('fill', 'steelblue')
    svg.appendChild(circle)
  }
  document.getElementById('step').addEventListener('click', () => {
    const frame = document.getElementById('frame'); frame.textContent = String(Number(frame.textContent) + 1)
  })
</script>
</body></html>
`

let root = ''
let browser: BrowserPage | undefined
const opened = (): BrowserPage => {
  if (browser === undefined) throw new Error('the browser did not open')
  return browser
}

beforeAll(async () => {
  expect(existsSync(chromiumPath), `${chromiumPath} (apt-get install chromium)`).toBe(true)
  root = mkdtempSync(join(tmpdir(), 'gradfold-harness-'))
  writeFileSync(join(root, 'index.html'), page)
  browser = await openInChromium(pathToFileURL(join(root, 'index.html')).href)
}, 60_000)

afterAll(async () => {
  await browser?.close()
  rmSync(root, { recursive: true, force: true })
})

describe('openInChromium', () => {
  test('opens a file:// page whose inline script ran, with no errors and no requests', async () => {
    const { page, errors, externalRequests } = opened()
    expect(page.url()).toMatch(/^file:\/\/.*index\.html$/u)
    expect(await page.title()).toBe('harness')
    expect(await page.locator('svg#chart circle').count()).toBe(5)
    await page.click('#step')
    expect(await page.locator('#frame').textContent()).toBe('1')
    expect(errors()).toStrictEqual([])
    expect(externalRequests()).toStrictEqual([])
  })

  test('catches an uncaught error and a console error when the page makes them', async () => {
    const { page, errors } = opened()
    await page.evaluate(() => {
      console.error('something is off')
      setTimeout(() => {
        throw new Error('boom from the page')
      }, 0)
    })
    await expect.poll(() => errors().length).toBe(2)
    expect(errors()).toStrictEqual([
      'console error: something is off',
      'page error: boom from the page',
    ])
  })

  test('blocks and records a request that would leave the machine', async () => {
    const { page, externalRequests } = opened()
    await page.evaluate(async () => {
      await fetch('https://example.com/tracker.js').catch(() => undefined)
    })
    expect(externalRequests()).toStrictEqual(['https://example.com/tracker.js'])
  })

  test('saves a screenshot that is a PNG of the page', async () => {
    const path = join(root, 'screenshot.png')
    await opened().screenshot(path)
    expect(statSync(path).size).toBeGreaterThan(100)
    const image = decodePng(new Uint8Array(readFileSync(path)))
    expect(image.width).toBeGreaterThan(100)
  })

  test('catches an error thrown while the page loads', { timeout: 60_000 }, async () => {
    const path = join(root, 'broken.html')
    writeFileSync(path, '<!doctype html><title>b</title><script>drawChart()</script>')
    const broken = await openInChromium(pathToFileURL(path).href)
    try {
      expect(broken.errors()).toStrictEqual(['page error: drawChart is not defined'])
    } finally {
      await broken.close()
    }
  })
})
