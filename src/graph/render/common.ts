// What the three renderers share: the words of each language, plain numbers for 1×1 values, the
// d(L)/d(x) notation, and the backward steps resolved to the forward steps they connect.
// Laws: every function here is pure and total on any Trace; nothing formats a whole document.

import { get, type Matrix } from '../../linalg/index.js'
import type { BackwardStep, ForwardStep, Trace } from '../trace.js'

/**
 * The language of headings and words in a rendering (formulas are the same in both).
 *
 * @category Traces
 */
export type Language = 'en' | 'ru'

/** The words a rendering uses, in one language. */
export interface Words {
  readonly forward: string
  readonly backward: string
  readonly gradients: string
  readonly constant: string
  readonly output: string
}

const english: Words = {
  forward: 'Forward pass',
  backward: 'Backward pass (chain rule)',
  gradients: 'Gradients',
  constant: 'constant',
  output: 'output',
}

// The notebook's own headings (its chain-rule printout), without their colons.
const russian: Words = {
  forward: 'Прямое распространение',
  backward: 'Обратное распространение (цепное правило)',
  gradients: 'Градиенты',
  constant: 'константа',
  output: 'выход',
}

/** The words of `language` (English for anything but `'ru'`). */
export const wordsFor = (language: Language | undefined): Words =>
  language === 'ru' ? russian : english

/** A 1×1 matrix stands for a plain number. */
export const isScalar = (value: Matrix): boolean => value.rows === 1 && value.cols === 1

/** The shortest text that reads back as the number (`8`, `0.1`, `4.3e-8`). */
export const numberText = (value: number): string => String(value)

/** The entry of a 1×1 matrix as text. */
export const scalarText = (value: Matrix): string => numberText(get(value, 0, 0))

/** `(rows×cols)`. */
export const shapeText = (value: Matrix): string => `(${value.rows}×${value.cols})`

/**
 * A constant is worth its own line unless it is a number labelled by itself (the `2` of 3x + 2),
 * which its consumers' formulas already show.
 */
export const isSelfLabelledConstant = (step: ForwardStep): boolean =>
  step.operation === 'constant' && isScalar(step.value) && step.node === scalarText(step.value)

/** `x`, or `(xw)` for a label longer than one character, as the d in dL/d… needs. */
const derivativeArgument = (label: string): string => (/^.$/su.test(label) ? label : `(${label})`)

/** `dL/dx`, `dL/d(xw)`: the derivative of `numerator` with respect to `denominator`. */
export const derivativeText = (numerator: string, denominator: string): string =>
  `d${derivativeArgument(numerator)}/d${derivativeArgument(denominator)}`

/** The trace's output: its last forward step. */
export const outputOf = (trace: Trace): ForwardStep | undefined =>
  trace.forward[trace.forward.length - 1]

/** dL/dL: the seed of the backward sweep, as the trace shows it arriving at the output. */
export const seedOf = (trace: Trace): Matrix | undefined => {
  const output = outputOf(trace)
  if (output === undefined) return undefined
  const first = trace.backward.find((step) => step.node === output.node)
  // Kept: not an index guard but the two places a seed shows — a leaf output has no backward
  // step, so its seed is its gradient entry.
  return first?.upstream ?? trace.gradients.find((entry) => entry.name === output.node)?.gradient
}

/** A backward step together with the positions of the two forward steps it connects. */
export interface ResolvedStep {
  readonly step: BackwardStep
  /** Position of the operation whose gradient flows back. */
  readonly from: number
  /** Position of the operand receiving the contribution. */
  readonly to: number
  /** Whether the operand receives contributions from more than one step (they add up). */
  readonly accumulates: boolean
  /** Whether an earlier step (in backward order) already contributed to this operand. */
  readonly continues: boolean
}

/** The backward steps with the forward positions they connect, as the trace records them. */
export const resolveBackward = (trace: Trace): readonly ResolvedStep[] => {
  const placed = trace.backward.map((step) => ({
    step,
    from: step.nodePosition,
    to: step.operandPosition,
  }))
  const once = new Set<number>()
  const repeated = new Set<number>()
  for (const { to } of placed) (once.has(to) ? repeated : once).add(to)
  const seen = new Set<number>()
  return placed.map((entry) => {
    const continues = seen.has(entry.to)
    seen.add(entry.to)
    return { ...entry, accumulates: repeated.has(entry.to), continues }
  })
}

/** Whether a resolved step sends its gradient into a constant (renderers leave those out). */
export const intoConstant = (trace: Trace, step: ResolvedStep): boolean =>
  trace.forward[step.to]?.operation === 'constant'
