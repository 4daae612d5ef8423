// The few HTML helpers the report's pieces share: escaping text and attributes, and a wrapper type
// for markup that is already safe. Law: text passed through `escapeHtml` is shown as written,
// whatever characters it holds (it can never open a tag or end an attribute).

import { Buffer } from 'node:buffer'

/** Markup that is already HTML (rendered by KaTeX, built by these modules); never user text. */
export interface Html {
  readonly html: string
}

/**
 * Wraps markup that is known to be HTML.
 *
 * @example
 * import assert from 'node:assert'
 * import { trusted } from './html.js'
 * assert.deepStrictEqual(trusted('<b>x</b>'), { html: '<b>x</b>' })
 */
export const trusted = (html: string): Html => ({ html })

/**
 * Text as HTML: `&`, `<`, `>`, `"` and `'` replaced by entities.
 *
 * @example
 * import assert from 'node:assert'
 * import { escapeHtml } from './html.js'
 * assert.strictEqual(escapeHtml('a < b & "c"'), 'a &lt; b &amp; &quot;c&quot;')
 */
export const escapeHtml = (text: string): string =>
  text
    .replace(/&/gu, '&amp;')
    .replace(/</gu, '&lt;')
    .replace(/>/gu, '&gt;')
    .replace(/"/gu, '&quot;')
    .replace(/'/gu, '&#39;')

/**
 * A `data:` URL for bytes of a media type (base64), so images and fonts live inside the page.
 *
 * @example
 * import assert from 'node:assert'
 * import { dataUrl } from './html.js'
 * assert.strictEqual(dataUrl('image/png', new Uint8Array([137, 80, 78, 71])), 'data:image/png;base64,iVBORw==')
 */
export const dataUrl = (mediaType: string, bytes: Uint8Array): string =>
  `data:${mediaType};base64,${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')}`
