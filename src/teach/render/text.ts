// A derivation trace as plain text, laid out like the notebook's printouts: the forward pass, the
// chain rule step by step (upstream gradient times local derivative), then the final gradients.
// Laws: pure — the same trace and options give the same string; every step of the trace appears.

import { formatNumpy, type Matrix } from '../../linalg/index.js'
import type { Trace } from '../../graph/index.js'
import {
  derivativeText,
  intoConstant,
  isScalar,
  isSelfLabelledConstant,
  outputOf,
  resolveBackward,
  scalarText,
  seedOf,
} from './common.js'
import { traceWords } from './words.js'
import type { Language } from '../language.js'

/**
 * Options of `renderText`.
 *
 * @category Traces
 */
export interface TextOptions {
  /** Headings in English (default) or in Russian, as the notebook prints them. */
  readonly language?: Language
}

/**
 * `lhs (notes) op part = part = value`, the value inline when it prints on one line (a 1×1 as a
 * plain number) and as an indented numpy block below otherwise.
 */
const equation = (
  lhs: string,
  notes: readonly string[],
  parts: readonly string[],
  value: Matrix,
  { indent = '', operator = '=' }: { readonly indent?: string; readonly operator?: string } = {},
): string[] => {
  const shown = isScalar(value) ? notes : [...notes, `${value.rows}×${value.cols}`]
  const head = lhs + (shown.length > 0 ? ` (${shown.join(', ')})` : '')
  const left = [`${head} ${operator}`, ...parts.map((part) => `${part} =`)].join(' ')
  if (isScalar(value)) return [`${indent}${left} ${scalarText(value)}`]
  const printed = formatNumpy(value).split('\n')
  return printed.length === 1
    ? [`${indent}${left} ${printed.join('')}`]
    : [`${indent}${left}`, ...printed.map((line) => `${indent}  ${line}`)]
}

/** A local derivative as a factor of a product: bare when it is one symbol or number. */
const factor = (text: string): string => (/^[\p{L}\p{N}_.#'ᵀ]+$/u.test(text) ? text : `(${text})`)

/**
 * The derivation as plain text: `Forward pass:` with one line per node (`u = #1 + 2 = 8`, a matrix
 * with its shape and numpy's printing), `Backward pass (chain rule):` with one line per chain-rule
 * step (`df/dx = df/d(#1) · d(#1)/dx = 16 · 3 = 48`; `+=` where a second path adds to a gradient),
 * and `Gradients:`. A constant that is just its number, and gradients flowing into constants, are
 * left out. With `language: 'ru'` the headings are the notebook's own.
 *
 * @category Traces
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { graph, linalg } from 'gradfold'
 * import * as teach from 'gradfold/teach'
 * // f = (3x + 2)² at x = 2, the notebook's chain-rule example
 * const x = graph.scalarInput('x')
 * const u = graph.named(graph.add(graph.scale(x, 3), graph.constant(2)), 'u')
 * const plan = graph.compile(graph.named(graph.square(u), 'f'))
 * assert.ok(E.isRight(plan))
 * const traced = graph.traceGradients(plan.right, { inputs: { x: linalg.fill(1, 1, 2) } })
 * assert.ok(E.isRight(traced))
 * assert.strictEqual(
 *   teach.renderText(traced.right.trace),
 *   [
 *     'Forward pass:',
 *     'x = 2',
 *     '#1 = 3·x = 6',
 *     'u = #1 + 2 = 8',
 *     'f = u² = 64',
 *     '',
 *     'Backward pass (chain rule):',
 *     'df/df = 1',
 *     'df/du = 2·u = 16',
 *     'df/d(#1) = df/du · du/d(#1) = 16 · 1 = 16',
 *     'df/dx = df/d(#1) · d(#1)/dx = 16 · 3 = 48',
 *     '',
 *     'Gradients:',
 *     'df/dx = 48',
 *   ].join('\n'),
 * )
 * assert.ok(teach.renderText(traced.right.trace, { language: 'ru' }).startsWith('Прямое распространение:\n'))
 */
export const renderText = (trace: Trace, options: TextOptions = {}): string => {
  const words = traceWords(options.language)
  // Kept fallback: renderers are total on any Trace, and an empty one has no output to name.
  const output = outputOf(trace)?.node ?? '?'
  const last = trace.forward.length - 1
  const lines: string[] = [`${words.forward}:`]
  for (const step of trace.forward) {
    if (isSelfLabelledConstant(step)) continue
    const notes = step.operation === 'constant' ? [words.constant] : []
    const parts = step.formula === undefined ? [] : [step.formula.text]
    lines.push(...equation(step.node, notes, parts, step.value))
  }

  lines.push('', `${words.backward}:`)
  const seed = seedOf(trace)
  if (seed !== undefined) lines.push(...equation(derivativeText(output, output), [], [], seed))
  for (const resolved of resolveBackward(trace)) {
    if (intoConstant(trace, resolved)) continue
    const { step } = resolved
    const operator = resolved.continues ? '+=' : '='
    const target = derivativeText(output, step.operand)
    const local = derivativeText(step.node, step.operand)
    const upstream = derivativeText(output, step.node)
    const formula = step.localDerivative.text
    const atOutput = resolved.from === last
    if (isScalar(step.upstream) && isScalar(step.contribution)) {
      const parts = atOutput
        ? [formula]
        : [`${upstream} · ${local}`, `${scalarText(step.upstream)} · ${factor(formula)}`]
      lines.push(...equation(target, [], parts, step.contribution, { operator }))
    } else {
      lines.push(
        atOutput
          ? `${target} ${operator} ${formula}`
          : `${target} ${operator} ${upstream} · ${local}, ${local} = ${formula}`,
      )
      if (!atOutput) lines.push(...equation(upstream, [], [], step.upstream, { indent: '  ' }))
      lines.push(...equation(target, [], [], step.contribution, { indent: '  ', operator }))
    }
  }

  lines.push('', `${words.gradients}:`)
  for (const entry of trace.gradients) {
    lines.push(...equation(derivativeText(output, entry.name), [], [], entry.gradient))
  }
  return lines.join('\n')
}
