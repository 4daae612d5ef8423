// A derivation trace as a Graphviz DOT digraph, drawn like the notebook's computational graph:
// values flow forward along blue solid edges, gradients flow back along red dashed ones.
// Laws: pure; every string is a quoted, escaped DOT string, so no label can break the syntax.

import { formatNumpy, type Matrix } from '../../linalg/index.js'
import type { ForwardStep, Trace } from '../../graph/index.js'
import {
  derivativeText,
  intoConstant,
  isScalar,
  isSelfLabelledConstant,
  outputOf,
  resolveBackward,
  scalarText,
  seedOf,
  shapeText,
} from './common.js'
import { traceWords } from './words.js'
import type { Language } from '../language.js'

/**
 * Options of `renderDot`.
 *
 * @category Traces
 */
export interface DotOptions {
  /** The words used (the output node's name) in English (default) or Russian. */
  readonly language?: Language
  /** A title printed above the graph. */
  readonly title?: string
  /** The name of the node the output flows into (default `output`, in Russian `выход`). */
  readonly outputName?: string
  /** Matrices with at most this many entries show their values; larger ones their shape (12). */
  readonly maxEntries?: number
}

/** A DOT string literal: backslashes and quotes escaped, each line break written `\n`. */
const quoted = (text: string): string =>
  `"${text
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\r\n|\r|\n/g, '\\n')}"`

/** Attributes `[key=value, …]`, every value quoted. */
const attributes = (entries: readonly (readonly [string, string])[]): string =>
  `[${entries.map(([key, value]) => `${key}=${quoted(value)}`).join(', ')}]`

/**
 * `x = 2`, or `X (1×2)` followed by numpy's printing when the matrix is small enough; `+=` for
 * one of several contributions that add up.
 */
const valueLines = (name: string, value: Matrix, maxEntries: number, operator = '='): string[] =>
  isScalar(value)
    ? [`${name} ${operator} ${scalarText(value)}`]
    : [
        `${name} ${shapeText(value)}${operator === '=' ? '' : ` ${operator}`}`,
        ...(value.rows * value.cols <= maxEntries ? formatNumpy(value).split('\n') : []),
      ]

const nodeId = (position: number): string => `n${position}`
const sinkId = 'output'

type Style = readonly (readonly [string, string])[]

/** How a node is drawn: inputs, parameters and constants each their own way, operations alike. */
const styleOf = (step: ForwardStep): Style => {
  switch (step.operation) {
    case 'input':
      return [
        ['shape', 'ellipse'],
        ['fillcolor', 'lightblue'],
      ]
    case 'parameter':
      return [
        ['shape', 'box'],
        ['style', 'rounded,filled'],
        ['fillcolor', 'lightblue'],
      ]
    case 'constant':
      return [
        ['shape', 'box'],
        ['fillcolor', 'lightgrey'],
      ]
    default:
      return [
        ['shape', 'ellipse'],
        ['fillcolor', 'lightgreen'],
      ]
  }
}

/** What a node shows: its value (`u = 8`), and for an operation its formula below. */
const nodeLines = (step: ForwardStep, maxEntries: number): string[] => {
  if (isSelfLabelledConstant(step)) return [step.node]
  const value = valueLines(step.node, step.value, maxEntries)
  if (step.formula === undefined) return value
  const [first = step.node, ...rest] = value
  return [first, step.formula.text, ...rest]
}

/** What a forward edge carries: the operand's value (`xw = 6`; just `2` for the constant 2). */
const forwardLines = (step: ForwardStep, maxEntries: number): string[] =>
  isSelfLabelledConstant(step) ? [step.node] : valueLines(step.node, step.value, maxEntries)

const forwardEdge = (from: string, to: string, lines: readonly string[]): string =>
  `${quoted(from)} -> ${quoted(to)} ${attributes([
    ['label', lines.join('\n')],
    ['color', 'blue'],
    ['fontcolor', 'blue'],
    ['style', 'solid'],
  ])}`

// Backward edges run against the layout: `constraint=false` keeps them out of the ranking, so
// the forward edges alone decide the left-to-right order.
const backwardEdge = (from: string, to: string, lines: readonly string[]): string =>
  `${quoted(from)} -> ${quoted(to)} ${attributes([
    ['label', lines.join('\n')],
    ['color', 'red'],
    ['fontcolor', 'red'],
    ['style', 'dashed'],
    ['constraint', 'false'],
  ])}`

/**
 * The computational graph of a trace in Graphviz's DOT language, laid out left to right like the
 * notebook's figure: inputs (light blue ellipses), parameters (light blue rounded boxes),
 * constants (grey boxes) and operations (light green ellipses, value and formula in the label),
 * with the output flowing into a light coral double circle. Each operand → operation edge is blue
 * and solid, labelled with the value it carries (`xw = 6`); each operation → operand edge is red
 * and dashed, labelled with the gradient it sends back (`dL/dw = 28`, `+=` when several paths
 * add up). Gradients into constants are not drawn.
 *
 * @category Traces
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { graph, linalg } from 'gradfold'
 * import * as teach from 'gradfold/teach'
 * // L = (x·w + b)² at x = 2, w = 3, b = 1, the notebook's computational-graph figure
 * const x = graph.scalarInput('x')
 * const xw = graph.named(graph.mul(x, graph.scalarParameter('w')), 'xw')
 * const z = graph.named(graph.add(xw, graph.scalarParameter('b')), 'z')
 * const plan = graph.compile(graph.named(graph.square(z), 'L'))
 * assert.ok(E.isRight(plan))
 * const one = (value: number) => linalg.fill(1, 1, value)
 * const traced = graph.traceGradients(plan.right, { inputs: { x: one(2) }, parameters: { w: one(3), b: one(1) } })
 * assert.ok(E.isRight(traced))
 * const dot = teach.renderDot(traced.right.trace, { outputName: 'Loss' })
 * assert.ok(dot.startsWith('digraph "computational graph" {'))
 * assert.ok(dot.includes('"n2" -> "n4" [label="xw = 6", color="blue", fontcolor="blue", style="solid"]'))
 * assert.ok(dot.includes('"n2" -> "n1" [label="dL/dw = 28", color="red", fontcolor="red", style="dashed", constraint="false"]'))
 */
export const renderDot = (trace: Trace, options: DotOptions = {}): string => {
  const maxEntries = options.maxEntries ?? 12 // the documented default
  if (!Number.isInteger(maxEntries) || maxEntries < 0) {
    throw new RangeError(`renderDot: maxEntries is ${maxEntries}, expected a non-negative integer`)
  }
  const words = traceWords(options.language)
  const output = outputOf(trace)
  // Kept fallback: renderers are total on any Trace, and an empty one has no output to name.
  const outputLabel = output?.node ?? '?'
  const statements: string[] = [
    `graph ${attributes([
      ['rankdir', 'LR'],
      ['fontname', 'Helvetica'],
      ...(options.title === undefined
        ? []
        : ([
            ['label', options.title],
            ['labelloc', 't'],
          ] as const)),
    ])}`,
    `node ${attributes([
      ['fontname', 'Helvetica'],
      ['style', 'filled'],
      ['penwidth', '1.5'],
    ])}`,
    `edge ${attributes([
      ['fontname', 'Helvetica'],
      ['fontsize', '10'],
      ['penwidth', '1.5'],
    ])}`,
  ]

  trace.forward.forEach((step, position) => {
    const style = styleOf(step)
    statements.push(
      `${quoted(nodeId(position))} ${attributes([['label', nodeLines(step, maxEntries).join('\n')], ...style])}`,
    )
  })
  if (output !== undefined) {
    statements.push(
      `${quoted(sinkId)} ${attributes([
        ['label', options.outputName ?? words.output], // the documented default
        ['shape', 'doublecircle'],
        ['fillcolor', 'lightcoral'],
      ])}`,
    )
  }

  trace.forward.forEach((step, position) => {
    for (const from of step.operandPositions) {
      const operand = trace.forward[from]
      if (operand === undefined) continue
      statements.push(
        forwardEdge(nodeId(from), nodeId(position), forwardLines(operand, maxEntries)),
      )
    }
  })
  if (output !== undefined) {
    statements.push(
      forwardEdge(
        nodeId(trace.forward.length - 1),
        sinkId,
        valueLines(output.node, output.value, maxEntries),
      ),
    )
  }

  const seed = seedOf(trace)
  if (output !== undefined && seed !== undefined) {
    statements.push(
      backwardEdge(
        sinkId,
        nodeId(trace.forward.length - 1),
        valueLines(derivativeText(outputLabel, outputLabel), seed, maxEntries),
      ),
    )
  }
  for (const resolved of resolveBackward(trace)) {
    if (resolved.from < 0 || resolved.to < 0 || intoConstant(trace, resolved)) continue
    const target = derivativeText(outputLabel, resolved.step.operand)
    const operator = resolved.accumulates ? '+=' : '='
    const lines = valueLines(target, resolved.step.contribution, maxEntries, operator)
    statements.push(backwardEdge(nodeId(resolved.from), nodeId(resolved.to), lines))
  }

  return [
    `digraph ${quoted('computational graph')} {`,
    ...statements.map((s) => `  ${s}`),
    '}',
  ].join('\n')
}
