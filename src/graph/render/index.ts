// The renderers of derivation traces: plain text like the notebook's printouts, Markdown with
// TeX, and Graphviz DOT like its computational-graph figure. All are pure functions to strings.

export type { Language } from './common.js'
export { renderDot, type DotOptions } from './dot.js'
export { renderMarkdown, type MarkdownOptions } from './markdown.js'
export { renderText, type TextOptions } from './text.js'
