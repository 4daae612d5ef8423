// The HTML helpers: escaped text never opens a tag or ends an attribute (a property over all
// strings), and data URLs hold the bytes in base64.

import { fc, test as propertyTest } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { dataUrl, escapeHtml, trusted } from '../../src/report/html.js'

describe('escapeHtml', () => {
  propertyTest.prop([fc.string()])('escaped text holds no markup characters', (text) => {
    expect(escapeHtml(text)).not.toMatch(/[<>"']/u)
  })

  propertyTest.prop([fc.string()])('decoding the five entities gives the text back', (text) => {
    const decoded = escapeHtml(text)
      .replace(/&lt;/gu, '<')
      .replace(/&gt;/gu, '>')
      .replace(/&quot;/gu, '"')
      .replace(/&#39;/gu, "'")
      .replace(/&amp;/gu, '&')
    expect(decoded).toBe(text)
  })
})

describe('dataUrl and trusted', () => {
  propertyTest.prop([fc.uint8Array({ maxLength: 64 })])(
    'the base64 decodes to the bytes',
    (bytes) => {
      const url = dataUrl('font/woff2', bytes)
      expect(url.startsWith('data:font/woff2;base64,')).toBe(true)
      expect([...Buffer.from(url.slice('data:font/woff2;base64,'.length), 'base64')]).toStrictEqual(
        [...bytes],
      )
    },
  )

  test('trusted wraps markup as it is', () => {
    expect(trusted('<p>')).toStrictEqual({ html: '<p>' })
  })
})
