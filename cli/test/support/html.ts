// What a page would fetch from the network: every http(s) reference in src=, href=, url() or
// @import, and any other http(s) text except the SVG namespace (xmlns="http://www.w3.org/2000/svg").

/**
 * The remote references in `html` — empty for a self-contained page. The SVG namespace declaration
 * is the one URL allowed; anything else that looks like http(s) is reported with its context.
 */
export const remoteReferences = (html: string): readonly string[] => {
  const allowed = 'xmlns="http://www.w3.org/2000/svg"'
  const found: string[] = []
  const pattern =
    /(?:src\s*=\s*["']?|href\s*=\s*["']?|url\(\s*["']?|@import\s+["']?|)https?:\/\/[^\s"')<>]*/giu
  for (const match of html.matchAll(pattern)) {
    const start = match.index
    const before = html.slice(Math.max(0, start - 7), start)
    if (before === 'xmlns="' && html.startsWith(allowed.slice(7), start)) continue
    found.push(match[0])
  }
  return found
}
