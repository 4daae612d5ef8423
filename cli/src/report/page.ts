// The report page: one self-contained index.html with the run's numbers, its figures (inline SVG,
// or PNG as data URLs), the animated boundary player and the derivation with KaTeX's formulas.
// Laws: pure (the pieces come in rendered); nothing in it loads from the network or from a file.

import type { Language } from 'gradfold/teach'
import { escapeHtml, type Html } from './html.js'
import { imageHtml, playerHtml, playerScript, type FrameImage, type Player } from './player.js'

/** A table of numbers or settings; cells are text (escaped). */
export interface ReportTable {
  readonly title: string
  readonly columns: readonly string[]
  readonly rows: readonly (readonly string[])[]
}

/** A figure of the report: its file name stem (`fig_03`), a caption and its picture. */
export interface ReportFigure {
  readonly name: string
  readonly caption: string
  readonly image: FrameImage
  /** The files written for it beside index.html (shown as links to download). */
  readonly files?: readonly string[]
  /** A remark shown under the picture (an SVG not kept for its size, and what stands in). */
  readonly note?: string
}

/** A titled block of already-rendered HTML (the derivation, a formula table). */
export interface ReportSection {
  readonly title: string
  readonly body: Html
}

/** Everything the page shows. */
export interface Report {
  readonly title: string
  /** One paragraph under the title. */
  readonly lead: string
  readonly language: Language
  /** KaTeX's stylesheet with its fonts inlined (`katexStylesheet` in assets.ts). */
  readonly stylesheet: string
  readonly tables: readonly ReportTable[]
  readonly figures: readonly ReportFigure[]
  readonly players: readonly Player[]
  readonly sections: readonly ReportSection[]
}

const pageStyle = `
:root { color-scheme: light; }
body { font-family: 'DejaVu Sans', 'Segoe UI', Helvetica, Arial, sans-serif; margin: 0 auto;
  max-width: 1100px; padding: 1.5rem; color: #1d1d1f; line-height: 1.5; }
h1 { margin-bottom: 0.25rem; }
.lead { color: #444; margin-top: 0; }
table { border-collapse: collapse; margin: 0.5rem 0 1.5rem; font-variant-numeric: tabular-nums; }
th, td { border: 1px solid #ccc; padding: 0.25rem 0.6rem; text-align: left; }
th { background: #f3f3f3; }
.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(480px, 1fr)); gap: 1.25rem; }
figure { margin: 0; }
figure.chart, figure.player { border: 1px solid #ddd; border-radius: 6px; padding: 0.75rem; overflow-x: auto; }
figure svg, figure img { max-width: 100%; height: auto; display: block; }
figcaption { font-size: 0.9rem; color: #333; margin-bottom: 0.4rem; }
.files { font-size: 0.8rem; color: #666; }
.note { font-size: 0.8rem; color: #8a4b00; margin: 0.3rem 0 0; }
.player-controls { display: flex; align-items: center; gap: 0.75rem; margin-top: 0.5rem; }
.player-slider { flex: 1; }
.player-label { min-width: 6rem; font-variant-numeric: tabular-nums; }
td > div + div { margin-top: 0.4rem; }
#derivation li { margin: 0.45rem 0; }
pre { background: #f7f7f7; padding: 0.5rem 0.75rem; overflow-x: auto; font-size: 0.85rem; }
.formula { overflow-x: auto; }
nav a { margin-right: 1rem; }
`

const tableHtml = (table: ReportTable): string => {
  const head = table.columns.map((column) => `<th>${escapeHtml(column)}</th>`).join('')
  const body = table.rows
    .map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`)
    .join('\n')
  return `<h3>${escapeHtml(table.title)}</h3>\n<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`
}

const figureHtml = (figure: ReportFigure): string => {
  const files =
    figure.files === undefined || figure.files.length === 0
      ? ''
      : `\n<div class="files">${figure.files
          .map((file) => `<a href="${escapeHtml(file)}">${escapeHtml(file)}</a>`)
          .join(' · ')}</div>`
  const note =
    figure.note === undefined ? '' : `\n<p class="note">Note: ${escapeHtml(figure.note)}</p>`
  return [
    `<figure class="chart" id="${escapeHtml(figure.name)}">`,
    `<figcaption><strong>${escapeHtml(figure.name)}</strong> — ${escapeHtml(figure.caption)}</figcaption>`,
    imageHtml(figure.image, figure.caption, figure.name),
    `${note}${files}</figure>`,
  ].join('\n')
}

/**
 * The self-contained index.html: title and lead, every figure, the players (with their script),
 * the tables, then the sections (the derivation). Styles and KaTeX's fonts are inlined, images
 * are inline SVG or data URLs, links point only at files beside the page.
 *
 * @example
 * import assert from 'node:assert'
 * import { buildReport } from './page.js'
 * const html = buildReport({
 *   title: 'Moons <run>', lead: 'A 2-16-8-1 network.', language: 'en', stylesheet: '',
 *   tables: [{ title: 'Numbers', columns: ['name', 'value'], rows: [['loss', '0.0749']] }],
 *   figures: [], players: [], sections: [],
 * })
 * assert.ok(html.startsWith('<!DOCTYPE html>\n<html lang="en">'))
 * assert.ok(html.includes('<title>Moons &lt;run&gt;</title>'))
 * assert.ok(html.includes('<tr><td>loss</td><td>0.0749</td></tr>'))
 * assert.ok(!html.includes('<script>'))
 */
export const buildReport = (report: Report): string => {
  const navigation = [
    report.figures.length > 0 ? '<a href="#figures">Figures</a>' : '',
    report.players.length > 0 ? '<a href="#animation">Animation</a>' : '',
    report.tables.length > 0 ? '<a href="#numbers">Numbers</a>' : '',
    report.sections.length > 0 ? '<a href="#derivation">Derivation</a>' : '',
  ].filter((link) => link !== '')
  const parts = [
    '<!DOCTYPE html>',
    `<html lang="${report.language}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(report.title)}</title>`,
    `<style>${report.stylesheet}</style>`,
    `<style>${pageStyle}</style>`,
    '</head>',
    '<body>',
    `<h1>${escapeHtml(report.title)}</h1>`,
    `<p class="lead">${escapeHtml(report.lead)}</p>`,
    navigation.length > 0 ? `<nav>${navigation.join('')}</nav>` : '',
    report.figures.length > 0
      ? `<section id="figures">\n<h2>Figures</h2>\n<div class="figures">\n${report.figures.map(figureHtml).join('\n')}\n</div>\n</section>`
      : '',
    report.players.length > 0
      ? `<section id="animation">\n<h2>Animation</h2>\n${report.players.map(playerHtml).join('\n')}\n</section>`
      : '',
    report.tables.length > 0
      ? `<section id="numbers">\n<h2>Numbers</h2>\n${report.tables.map(tableHtml).join('\n')}\n</section>`
      : '',
    report.sections.length > 0
      ? `<section id="derivation">\n${report.sections
          .map((section) => `<h2>${escapeHtml(section.title)}</h2>\n${section.body.html}`)
          .join('\n')}\n</section>`
      : '',
    report.players.length > 0 ? playerScript : '',
    '</body>',
    '</html>',
    '',
  ]
  return parts.filter((part) => part !== '').join('\n')
}
