// Printing matrices as numpy prints arrays, for teaching output that lines up with the notebook.
// `formatNumpy` is numpy's `str(array)` (8 significant fractional digits at most, shortest
// round-trip digits, numpy's padding, 75-column wrapping, `...` summaries above 1000 entries);
// `format` is numpy's `array2string(a, separator=', ', precision=p, floatmode='fixed')`.
// Law: every printed number parses back to the entry rounded to the shown digits.

import { float64At } from './checked.js'
import { bufferOf, type Matrix } from './matrix.js'

/**
 * Options of `format`.
 *
 * @category Printing
 */
export interface FormatOptions {
  /** Digits after the decimal point (default 4). */
  readonly precision?: number
  /** Print a 1×n or m×1 matrix as a flat numpy vector `[a, b, c]` (default false). */
  readonly vector?: boolean
  /** Characters per line before wrapping (default 75, as numpy). */
  readonly lineWidth?: number
}

/**
 * Options of `formatNumpy`.
 *
 * @category Printing
 */
export interface NumpyFormatOptions {
  /** Print the entries as a flat numpy vector `[a b c]`, as numpy prints `z1[0, :3]`. */
  readonly vector?: boolean
  /** Characters per line before wrapping (default 75, as numpy). */
  readonly lineWidth?: number
}

/** Shortest round-trip digits cut at `precision` (numpy's maxprec), or exactly `precision`. */
interface FloatMode {
  readonly kind: 'shortest' | 'fixed'
  readonly precision: number
}

interface Layout {
  readonly separator: string
  readonly lineWidth: number
  readonly mode: FloatMode
}

const threshold = 1000
const edgeItems = 3
const summaryInsert = '...'

/**
 * numpy's `str()` of the matrix as a 2-D array (or, with `vector`, of its entries as a 1-D array).
 *
 * @category Printing
 * @example
 * import { linalg } from 'gradfold'
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * const z1 = linalg.fromRows([[0.35263302, -0.06968908, 0.12680159]])
 * assert.ok(E.isRight(z1))
 * assert.strictEqual(linalg.formatNumpy(z1.right, { vector: true }), '[ 0.35263302 -0.06968908  0.12680159]')
 * assert.strictEqual(linalg.formatNumpy(linalg.ones(1, 1)), '[[1.]]')
 */
export const formatNumpy = (matrix: Matrix, options: NumpyFormatOptions = {}): string =>
  render(matrix, options.vector ?? false, {
    separator: ' ',
    lineWidth: options.lineWidth ?? 75,
    mode: { kind: 'shortest', precision: 8 },
  })

/**
 * The matrix with `precision` fixed digits, comma-separated and aligned in columns.
 *
 * @category Printing
 * @example
 * import { linalg } from 'gradfold'
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * const w = linalg.fromRows([[0.24835708, -0.06913215], [0.32384427, 0.76151493]])
 * assert.ok(E.isRight(w))
 * assert.strictEqual(linalg.format(w.right), '[[ 0.2484, -0.0691],\n [ 0.3238,  0.7615]]')
 * assert.strictEqual(linalg.format(w.right, { precision: 2 }), '[[ 0.25, -0.07],\n [ 0.32,  0.76]]')
 */
export const format = (matrix: Matrix, options: FormatOptions = {}): string => {
  const precision = options.precision ?? 4
  if (!Number.isInteger(precision) || precision < 0 || precision > 100) {
    throw new RangeError(`format: precision is ${precision}, expected an integer from 0 to 100`)
  }
  return render(matrix, options.vector ?? false, {
    separator: ', ',
    lineWidth: options.lineWidth ?? 75,
    mode: { kind: 'fixed', precision },
  })
}

// ---------------------------------------------------------------------------------------------
// Which entries are shown: all of them, or the first and last `edgeItems` along each axis.

interface View {
  /** Row indices shown, with `undefined` where the summary `...` stands. */
  readonly rows: readonly (number | undefined)[]
  readonly cols: readonly (number | undefined)[]
}

const shownIndices = (length: number, summarise: boolean): (number | undefined)[] => {
  const all = Array.from({ length }, (_, index) => index)
  if (!summarise || 2 * edgeItems >= length) return all
  return [...all.slice(0, edgeItems), undefined, ...all.slice(length - edgeItems)]
}

const render = (matrix: Matrix, vector: boolean, layout: Layout): string => {
  const data = bufferOf(matrix)
  const summarise = matrix.rows * matrix.cols > threshold
  const view: View = vector
    ? { rows: [0], cols: shownIndices(data.length, summarise) }
    : { rows: shownIndices(matrix.rows, summarise), cols: shownIndices(matrix.cols, summarise) }
  const entry = vector
    ? (_row: number, col: number) => float64At(data, col, 'formatNumpy')
    : (row: number, col: number) => float64At(data, row * matrix.cols + col, 'formatNumpy')
  const shown: number[] = []
  for (const row of view.rows) {
    for (const col of view.cols) {
      if (row !== undefined && col !== undefined) shown.push(entry(row, col))
    }
  }
  const formatter = floatFormatter(shown, layout.mode)
  const formatRow = (row: number, hangingIndent: string, width: number): string =>
    formatLine(
      view.cols.map((col) => (col === undefined ? undefined : formatter(entry(row, col)))),
      hangingIndent,
      width,
      layout.separator,
    )
  if (vector) return formatRow(0, ' ', layout.lineWidth)
  const lineSeparator = layout.separator.trimEnd() + '\n'
  const hangingIndent = ' '
  const lines = view.rows.map((row) =>
    row === undefined ? summaryInsert : formatRow(row, hangingIndent + ' ', layout.lineWidth - 1),
  )
  return '[' + lines.join(lineSeparator + hangingIndent) + ']'
}

// numpy's `_formatArray` for the innermost axis: words joined by the separator, wrapped so no
// line passes `width` − 1 characters, continuation lines starting with `hangingIndent`.
const formatLine = (
  words: readonly (string | undefined)[],
  hangingIndent: string,
  width: number,
  separator: string,
): string => {
  const elementWidth = width - Math.max(separator.trimEnd().length, 1)
  let text = ''
  let line = hangingIndent
  words.forEach((word, index) => {
    const shown = word ?? summaryInsert
    if (line.length + shown.length > elementWidth && line.length > hangingIndent.length) {
      text += line.trimEnd() + '\n'
      line = hangingIndent
    }
    line += shown
    if (index < words.length - 1) line += separator
  })
  text += line
  return '[' + text.slice(hangingIndent.length) + ']'
}

// ---------------------------------------------------------------------------------------------
// numpy's FloatingFormat: one format for all shown entries, positional or scientific.

interface Parts {
  readonly integer: string
  readonly fraction: string
  readonly exponent: string
}

const splitMantissa = (mantissa: string): { integer: string; fraction: string } => {
  const point = mantissa.indexOf('.')
  return point < 0
    ? { integer: mantissa, fraction: '' }
    : { integer: mantissa.slice(0, point), fraction: mantissa.slice(point + 1) }
}

const trimZeros = (fraction: string): string => fraction.replace(/0+$/, '')

/** Positional digits: shortest round-trip digits, cut at `precision` (numpy's dragon4, unique). */
const positional = (value: number, mode: FloatMode): Parts => {
  let text: string
  if (mode.kind === 'fixed') {
    text = toFixedEven(value, mode.precision)
  } else {
    text = String(value)
    if (splitMantissa(text).fraction.length > mode.precision) {
      const rounded = toFixedEven(value, mode.precision)
      const parts = splitMantissa(rounded)
      text = `${parts.integer}.${trimZeros(parts.fraction)}`
    }
  }
  if (Object.is(value, -0) && !text.startsWith('-')) text = '-' + text
  const { integer, fraction } = splitMantissa(text)
  return { integer, fraction, exponent: '' }
}

/** Scientific digits: shortest mantissa cut at `precision` digits after the point. */
const scientific = (value: number, mode: FloatMode): Parts => {
  let text =
    mode.kind === 'fixed' ? toExponentialEven(value, mode.precision) : value.toExponential()
  if (mode.kind === 'shortest') {
    const [mantissa = ''] = text.split('e')
    if (splitMantissa(mantissa).fraction.length > mode.precision) {
      text = toExponentialEven(value, mode.precision)
    }
  }
  if (Object.is(value, -0) && !text.startsWith('-')) text = '-' + text
  const [mantissa = '', exponent = ''] = text.split('e')
  const parts = splitMantissa(mantissa)
  const fraction = mode.kind === 'fixed' ? parts.fraction : trimZeros(parts.fraction)
  const sign = exponent.startsWith('-') ? '-' : '+'
  const exponentDigits = exponent.replace(/^[+-]/, '').padStart(2, '0')
  return { integer: parts.integer, fraction, exponent: sign + exponentDigits }
}

// Exact decimal rounding, as numpy's dragon4 rounds: the exact binary value of the double is
// rounded at the last shown digit, a tie going to the even digit. (JavaScript's toFixed and
// toExponential send ties away from zero: 0.125 would print 0.13 where numpy prints 0.12.)

/** |value| as an exact fraction numerator / denominator of BigInts (denominator a power of 2). */
const exactMagnitude = (value: number): { numerator: bigint; denominator: bigint } => {
  const view = new DataView(new ArrayBuffer(8))
  view.setFloat64(0, value)
  const bits = view.getBigUint64(0)
  const biasedExponent = Number((bits >> 52n) & 0x7ffn)
  const fractionBits = bits & 0xfffffffffffffn
  const significand = biasedExponent === 0 ? fractionBits : fractionBits | (1n << 52n)
  const exponent = Math.max(biasedExponent, 1) - 1075
  return exponent >= 0
    ? { numerator: significand << BigInt(exponent), denominator: 1n }
    : { numerator: significand, denominator: 1n << BigInt(-exponent) }
}

/** numerator / denominator rounded to an integer, ties to even. */
const roundHalfEven = (numerator: bigint, denominator: bigint): bigint => {
  const quotient = numerator / denominator
  const twiceRemainder = 2n * (numerator - quotient * denominator)
  const up =
    twiceRemainder > denominator || (twiceRemainder === denominator && quotient % 2n === 1n)
  return up ? quotient + 1n : quotient
}

const signOf = (value: number): string => (value < 0 || Object.is(value, -0) ? '-' : '')

/** Like `value.toFixed(digits)` for a finite value, but rounding ties to even. */
const toFixedEven = (value: number, digits: number): string => {
  const { numerator, denominator } = exactMagnitude(value)
  const scaled = roundHalfEven(numerator * 10n ** BigInt(digits), denominator)
  const text = scaled.toString().padStart(digits + 1, '0')
  const point = text.length - digits
  const fraction = digits > 0 ? '.' + text.slice(point) : ''
  return signOf(value) + text.slice(0, point) + fraction
}

/** Like `value.toExponential(digits)` for a finite value, but rounding ties to even. */
const toExponentialEven = (value: number, digits: number): string => {
  const { numerator, denominator } = exactMagnitude(value)
  const mantissaText = (scaled: bigint): string => {
    const text = scaled.toString()
    return text.slice(0, 1) + (digits > 0 ? '.' + text.slice(1) : '')
  }
  if (numerator === 0n) return `${signOf(value)}${(0).toFixed(digits)}e+0`
  // |value| · 10^shift as a fraction, exactly.
  const scale = (shift: number): { numerator: bigint; denominator: bigint } =>
    shift >= 0
      ? { numerator: numerator * 10n ** BigInt(shift), denominator }
      : { numerator, denominator: denominator * 10n ** BigInt(-shift) }
  const atLeastPower = (power: number): boolean => {
    const scaled = scale(-power)
    return scaled.numerator >= scaled.denominator
  }
  // The decimal exponent: 10^exponent ≤ |value| < 10^(exponent + 1), the estimate made exact.
  let exponent = Math.floor(Math.log10(Math.abs(value)))
  while (!atLeastPower(exponent)) exponent--
  while (atLeastPower(exponent + 1)) exponent++
  const scaled = scale(digits - exponent)
  let rounded = roundHalfEven(scaled.numerator, scaled.denominator)
  if (rounded === 10n ** BigInt(digits + 1)) {
    rounded /= 10n
    exponent++
  }
  const exponentText = (exponent < 0 ? '-' : '+') + String(Math.abs(exponent))
  return `${signOf(value)}${mantissaText(rounded)}e${exponentText}`
}

const floatFormatter = (
  values: readonly number[],
  mode: FloatMode,
): ((value: number) => string) => {
  const finite = values.filter(Number.isFinite)
  const magnitudes = finite.filter((value) => value !== 0).map(Math.abs)
  const largest = magnitudes.length > 0 ? Math.max(...magnitudes) : 0
  const smallest = magnitudes.length > 0 ? Math.min(...magnitudes) : 0
  const exponential =
    magnitudes.length > 0 && (largest >= 1e8 || smallest < 1e-4 || largest / smallest > 1000)
  const digits = exponential ? scientific : positional
  const parts = finite.map((value) => digits(value, mode))
  const longest = (lengths: number[]): number => lengths.reduce((a, b) => Math.max(a, b), 0)
  let padLeft = longest(parts.map((part) => part.integer.length))
  const padRight = longest(parts.map((part) => part.fraction.length))
  const exponentDigits = longest(parts.map((part) => part.exponent.length - 1))
  // Characters right of the point: the fraction, and in scientific mode `e`, sign and exponent.
  const rightWidth = exponential ? padRight + 2 + exponentDigits : padRight
  if (finite.length < values.length) {
    const negativeInfinity = values.some((value) => value === -Infinity)
    const widest = Math.max('nan'.length, 'inf'.length + (negativeInfinity ? 1 : 0))
    padLeft = Math.max(padLeft, widest - (rightWidth + 1))
  }
  const fixedDigits = exponential || mode.kind === 'fixed'
  return (value: number): string => {
    if (!Number.isFinite(value)) {
      const word = Number.isNaN(value) ? 'nan' : value > 0 ? 'inf' : '-inf'
      return word.padStart(padLeft + rightWidth + 1)
    }
    const part = digits(value, mode)
    const fraction = fixedDigits
      ? part.fraction.padEnd(padRight, '0')
      : part.fraction.padEnd(padRight)
    const integer = part.integer.padStart(padLeft)
    if (!exponential) return `${integer}.${fraction}`
    const exponentSign = part.exponent.slice(0, 1)
    const exponent = part.exponent.slice(1).padStart(exponentDigits, '0')
    return `${integer}.${fraction}e${exponentSign}${exponent}`
  }
}
