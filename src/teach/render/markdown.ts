// A derivation trace as Markdown with TeX: the same sections and steps as the text rendering,
// each step an inline $…$ formula built from the primitives' TeX, matrices as bmatrix.
// Laws: pure; every label is escaped for TeX, so `#1` or `a_b` cannot break the math.

import { formatNumpy, type Matrix } from '../../linalg/index.js'
import { unchecked } from '../../linalg/internal.js'
import type { Trace } from '../../graph/index.js'
import {
  intoConstant,
  isScalar,
  isSelfLabelledConstant,
  numberText,
  outputOf,
  resolveBackward,
  seedOf,
} from './common.js'
import { traceWords } from './words.js'
import type { Language } from '../language.js'

/**
 * Options of `renderMarkdown`.
 *
 * @category Traces
 */
export interface MarkdownOptions {
  /** Headings in English (default) or in Russian, as the notebook prints them. */
  readonly language?: Language
  /** The level of the section headings, 1 to 6 (default 3: `###`). */
  readonly headingLevel?: number
}

const texSpecials: Readonly<Record<string, string>> = {
  '\\': '\\backslash{}',
  '#': '\\#',
  $: '\\$',
  '%': '\\%',
  '&': '\\&',
  _: '\\_',
  '{': '\\{',
  '}': '\\}',
  '~': '\\sim{}',
  '^': '\\wedge{}',
}

/** The escape of one of the characters `texLabel` matches, each a key of `texSpecials`. */
const texSpecial = (special: string): string => {
  const escaped = texSpecials[special]
  if (escaped === undefined)
    throw new Error(`gradfold internal error: no TeX escape for ${special}`)
  return escaped
}

/** A node label as TeX: its characters, TeX's special ones escaped, line breaks as spaces. */
const texLabel = (label: string): string =>
  label.replace(/[\\#$%&_{}~^]/g, texSpecial).replace(/\r\n|\r|\n/g, ' ')

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * The primitives write operand labels into their TeX as they are; this escapes, in one pass, every
 * label of the trace that TeX would misread (longest first, so `#12` is not read as `#1`).
 */
const labelEscaper = (trace: Trace): ((tex: string) => string) => {
  const labels = [...new Set(trace.forward.map((step) => step.node))]
    .filter((label) => texLabel(label) !== label)
    .sort((a, b) => b.length - a.length)
  if (labels.length === 0) return (tex) => tex
  const pattern = new RegExp(labels.map(escapeRegExp).join('|'), 'g')
  return (tex) => tex.replace(pattern, texLabel)
}

/** A number as TeX: `8`, `-0.5`, `4.3 \times 10^{-8}`. */
const texNumber = (text: string): string => {
  const scientific = /^(-?[\d.]+)e([+-]\d+)$/
  if (!scientific.test(text)) return text.replace(/\.$/, '')
  return text.replace(
    scientific,
    (_, mantissa: string, exponent: string) =>
      `${mantissa.replace(/\.$/, '')} \\times 10^{${String(Number(exponent))}}`,
  )
}

/** One entry as numpy prints it (8 significant fractional digits at most). */
const entryText = (value: number): string =>
  texNumber(formatNumpy(unchecked.scalar(value)).slice(2, -2).trim())

/** Indices shown along an axis: all, or the first and last three around `undefined` (the dots). */
const shown = (length: number): (number | undefined)[] => {
  const all = Array.from({ length }, (_, index) => index)
  return length <= 6 ? all : [...all.slice(0, 3), undefined, ...all.slice(length - 3)]
}

/** A 1×1 matrix as its number; any other as a bmatrix (long axes elided with dots). */
const texValue = (value: Matrix): string => {
  if (isScalar(value)) return texNumber(numberText(unchecked.entryAt(value, 0)))
  const rows = shown(value.rows).map((row) =>
    shown(value.cols)
      .map((col) =>
        row === undefined
          ? col === undefined
            ? '\\ddots'
            : '\\vdots'
          : col === undefined
            ? '\\cdots'
            : entryText(unchecked.entryAt(value, row * value.cols + col)),
      )
      .join(' & '),
  )
  return `\\begin{bmatrix} ${rows.join(' \\\\ ')} \\end{bmatrix}`
}

/** ∂numerator/∂denominator as a TeX fraction. */
const partial = (numerator: string, denominator: string): string =>
  `\\frac{\\partial ${numerator}}{\\partial ${denominator}}`

/** A local derivative as a factor of a product: bare when it is one symbol or number. */
const factor = (tex: string): string =>
  /^[A-Za-z0-9.]+$/.test(tex) ? tex : `\\left(${tex}\\right)`

/** ` (4×3)` after a matrix's formula; nothing after a number. */
const shapeNote = (value: Matrix): string =>
  isScalar(value) ? '' : ` (${value.rows}×${value.cols})`

/**
 * The derivation as Markdown: a heading per section (forward pass, backward pass, gradients) and
 * a list item per step, each an inline TeX formula — `$u = \#1 + 2 = 8$`,
 * `$\frac{\partial f}{\partial x} = \frac{\partial f}{\partial \#1} \cdot \frac{\partial \#1}{\partial x} = 16 \cdot 3 = 48$`
 * — with matrices as `bmatrix` (at most 3 + 3 rows and columns shown) and their shapes after them.
 *
 * @category Traces
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { graph, linalg } from 'gradfold'
 * import * as teach from 'gradfold/teach'
 * const x = graph.scalarInput('x')
 * const u = graph.named(graph.add(graph.scale(x, 3), graph.constant(2)), 'u')
 * const plan = graph.compile(graph.named(graph.square(u), 'f'))
 * assert.ok(E.isRight(plan))
 * const traced = graph.traceGradients(plan.right, { inputs: { x: linalg.fill(1, 1, 2) } })
 * assert.ok(E.isRight(traced))
 * const markdown = teach.renderMarkdown(traced.right.trace)
 * assert.ok(markdown.startsWith('### Forward pass\n\n- $x = 2$\n'))
 * assert.ok(markdown.includes('- $\\frac{\\partial f}{\\partial u} = 2 u = 16$\n'))
 */
export const renderMarkdown = (trace: Trace, options: MarkdownOptions = {}): string => {
  const level = options.headingLevel ?? 3 // the documented default
  if (!Number.isInteger(level) || level < 1 || level > 6) {
    throw new RangeError(
      `renderMarkdown: headingLevel is ${level}, expected an integer from 1 to 6`,
    )
  }
  const words = traceWords(options.language)
  const heading = (title: string): string => `${'#'.repeat(level)} ${title}`
  const tex = labelEscaper(trace)
  // Kept fallback: renderers are total on any Trace, and an empty one has no output to name.
  const output = texLabel(outputOf(trace)?.node ?? '?')
  const last = trace.forward.length - 1

  const forward = trace.forward
    .filter((step) => !isSelfLabelledConstant(step))
    .map((step) => {
      const parts = [
        texLabel(step.node),
        ...(step.formula === undefined ? [] : [tex(step.formula.tex)]),
        texValue(step.value),
      ]
      const note = step.operation === 'constant' ? ` (${words.constant})` : ''
      return `- $${parts.join(' = ')}$${shapeNote(step.value)}${note}`
    })

  const seed = seedOf(trace)
  const backward = [
    ...(seed === undefined ? [] : [`- $${partial(output, output)} = ${texValue(seed)}$`]),
    ...resolveBackward(trace)
      .filter((resolved) => !intoConstant(trace, resolved))
      .map((resolved) => {
        const { step } = resolved
        const node = texLabel(step.node)
        const operand = texLabel(step.operand)
        const formula = tex(step.localDerivative.tex)
        const operator = resolved.continues ? '\\mathrel{+}=' : '='
        const parts =
          resolved.from === last
            ? [formula]
            : [
                `${partial(output, node)} \\cdot ${partial(node, operand)}`,
                `${texValue(step.upstream)} \\cdot ${factor(formula)}`,
              ]
        const value = `${texValue(step.contribution)}$${shapeNote(step.contribution)}`
        return `- $${partial(output, operand)} ${operator} ${[...parts, value].join(' = ')}`
      }),
  ]

  const gradients = trace.gradients.map(
    (entry) =>
      `- $${partial(output, texLabel(entry.name))} = ${texValue(entry.gradient)}$${shapeNote(entry.gradient)}`,
  )

  return [
    heading(words.forward),
    forward.join('\n'),
    heading(words.backward),
    backward.join('\n'),
    heading(words.gradients),
    gradients.join('\n'),
  ]
    .filter((block) => block !== '')
    .join('\n\n')
}
