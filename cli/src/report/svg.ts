// SVG documents made fit to sit inline in an HTML page beside others: the XML prolog, doctype and
// comments dropped, the xlink namespace declaration removed, and every id scoped by a prefix.
// Law: two inlined figures never share an id, so one's clip paths cannot clip the other.

/**
 * The SVG element of an SVG document, ready to inline: no `<?xml …?>`, `<!DOCTYPE …>` or comments,
 * no `xmlns:xlink` declaration (HTML knows `xlink:href`), and each `id="x"` renamed `prefix-x`
 * along with its references (`url(#x)`, `href="#x"`).
 *
 * @example
 * import assert from 'node:assert'
 * import { inlineSvg } from './svg.js'
 * const svg = '<?xml version="1.0"?>\n<!DOCTYPE svg>\n<!-- made -->\n<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><clipPath id="c1"/><g clip-path="url(#c1)"/></svg>'
 * assert.strictEqual(
 *   inlineSvg(svg, 'fig_02'),
 *   '<svg xmlns="http://www.w3.org/2000/svg"><clipPath id="fig_02-c1"/><g clip-path="url(#fig_02-c1)"/></svg>',
 * )
 */
export const inlineSvg = (svg: string, prefix: string): string =>
  svg
    .replace(/<\?xml[\s\S]*?\?>/gu, '')
    .replace(/<!DOCTYPE[^>[]*(\[[\s\S]*?\])?[^>]*>/gu, '')
    .replace(/<!--[\s\S]*?-->/gu, '')
    .replace(/\s+xmlns:xlink="[^"]*"/gu, '')
    .replace(/\bid="([^"]+)"/gu, (_whole, id: string) => `id="${prefix}-${id}"`)
    .replace(/url\(#([^)]+)\)/gu, (_whole, id: string) => `url(#${prefix}-${id})`)
    .replace(/href="#([^"]+)"/gu, (_whole, id: string) => `href="#${prefix}-${id}"`)
    .trim()
