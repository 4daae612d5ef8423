// Opening a page in Debian's Chromium for end-to-end tests: playwright-core (which downloads no
// browser) drives /usr/bin/chromium headless with a fresh profile, collects the page's errors and
// console errors, and blocks every request that would leave the machine (http, https, ws).

import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'

/** The browser the tests drive: Debian's package, never a download. */
export const chromiumPath = '/usr/bin/chromium'

/** The flags of issue 7; the fresh `--user-data-dir` is added by `launchPersistentContext`. */
export const chromiumFlags: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** An open page and what it has done so far. */
export interface BrowserPage {
  /** The Playwright page, to query and drive (`page.locator('svg')`, `page.click(...)`). */
  readonly page: Page
  /** Uncaught exceptions (`pageerror`) and `console.error` messages, in order. */
  readonly errors: () => readonly string[]
  /** URLs the page tried to fetch from the network (blocked): a self-contained page has none. */
  readonly externalRequests: () => readonly string[]
  /** Saves a PNG screenshot of the whole page. */
  readonly screenshot: (path: string) => Promise<void>
  /** Closes the browser and deletes its profile directory. */
  readonly close: () => Promise<void>
}

const local = /^(file|data|blob|about|chrome|chrome-extension|devtools):/u

/**
 * Launches headless Chromium with a fresh profile, opens `fileUrl` (a `file://` URL) and waits
 * for its `load` event. Network requests are aborted and recorded; page errors and console errors
 * are collected from the start. Always `close()` it (in `afterAll`/`finally`).
 */
export const openInChromium = async (fileUrl: string): Promise<BrowserPage> => {
  const profile = mkdtempSync(join(tmpdir(), 'gradfold-chromium-'))
  let context: BrowserContext | undefined
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      headless: true,
      args: [...chromiumFlags],
    })
    const errors: string[] = []
    const external: string[] = []
    await context.route('**/*', async (route) => {
      const url = route.request().url()
      if (local.test(url)) {
        await route.continue()
      } else {
        external.push(url)
        await route.abort('blockedbyclient')
      }
    })
    const page = context.pages()[0] ?? (await context.newPage())
    page.on('pageerror', (error) => {
      errors.push(`page error: ${error.message}`)
    })
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console error: ${message.text()}`)
    })
    await page.goto(fileUrl, { waitUntil: 'load' })
    const opened = context
    return {
      page,
      errors: () => [...errors],
      externalRequests: () => [...external],
      screenshot: async (path) => {
        await page.screenshot({ path, fullPage: true })
      },
      close: async () => {
        await opened.close()
        rmSync(profile, { recursive: true, force: true })
      },
    }
  } catch (error: unknown) {
    await context?.close()
    rmSync(profile, { recursive: true, force: true })
    throw error
  }
}
