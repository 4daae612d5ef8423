// Formulas as data: the term language in which a primitive writes its local derivative once (x the
// operand, y the output), printed in `entry` notation for traces and `array` notation for the
// walkthrough, and evaluated at numbers so the laws can hold a formula to the code it describes.

/**
 * A formula in two notations: TeX for rendered documents, plain text for terminals.
 *
 * @category Primitives
 */
export interface Formula {
  readonly tex: string
  readonly text: string
}

/**
 * A formula with the same text in both notations (or the TeX given apart).
 *
 * @category Primitives
 * @example
 * import assert from 'node:assert'
 * import { graph } from 'gradfold'
 * assert.deepStrictEqual(graph.plain('x²', 'x^2'), { tex: 'x^2', text: 'x²' })
 */
export const plain = (text: string, tex: string = text): Formula => ({ tex, text })

/** A scalar function a term may apply: its value, and how it is written in each notation. */
export interface ScalarFunction {
  /** The function at a number. */
  readonly at: (x: number) => number
  /** The function applied to an argument already written, one entry (as traces show it). */
  readonly entry: (argument: Formula) => Formula
  /** The same, applied to whole arrays (as the walkthrough shows it). */
  readonly array: (argument: Formula) => Formula
}

/** How a condition compares: `>`, `≥`, `<` or `≤`. */
export type Relation = '>' | '≥' | '<' | '≤'

/** A condition on entries, for indicators [·] and cases. */
export type Condition =
  | {
      readonly kind: 'compare'
      readonly left: Term
      readonly relation: Relation
      readonly right: Term
    }
  | { readonly kind: 'between'; readonly low: Term; readonly term: Term; readonly high: Term }
  | { readonly kind: 'not'; readonly condition: Condition }

/**
 * A term: a derivative written as data. Entry-wise terms (all but `diag` and `outer`) are a
 * diagonal Jacobian given entry by entry — ∂yᵢ/∂xᵢ as a function of xᵢ and yᵢ — and evaluate to
 * numbers; `diag` and `outer` write a row's whole Jacobian (softmax's).
 */
export type Term =
  | { readonly kind: 'operand'; readonly index: number }
  | { readonly kind: 'output' }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'negate'; readonly term: Term }
  | {
      readonly kind: 'sum' | 'difference' | 'product' | 'quotient'
      readonly left: Term
      readonly right: Term
    }
  | { readonly kind: 'square'; readonly term: Term }
  | { readonly kind: 'power'; readonly term: Term; readonly exponent: number }
  | { readonly kind: 'apply'; readonly function: ScalarFunction; readonly term: Term }
  | { readonly kind: 'indicator'; readonly condition: Condition }
  | {
      readonly kind: 'cases'
      readonly condition: Condition
      readonly then: Term
      readonly otherwise: Term
    }
  | { readonly kind: 'diag' | 'outer' | 'eachRow'; readonly term: Term }

/**
 * Operand `index` of the primitive (x₀, x₁, …).
 *
 * @example
 * import assert from 'node:assert'
 * import { graph } from 'gradfold'
 * const { formula } = graph
 * assert.strictEqual(formula.render(formula.operand(1), formula.namesOf(['a', 'b'], 'y')).text, 'b')
 */
export const operand = (index: number): Term => {
  if (!Number.isSafeInteger(index) || index < 0)
    throw new RangeError(`formula: operand ${index}, expected a non-negative integer`)
  return { kind: 'operand', index }
}

/** x: the first (for a unary primitive, the only) operand. */
export const x: Term = operand(0)

/** y: the primitive's output. */
export const y: Term = { kind: 'output' }

/**
 * A constant (a RangeError for a non-finite one: it is written in code).
 *
 * @example
 * import assert from 'node:assert'
 * import { graph } from 'gradfold'
 * assert.strictEqual(graph.formula.evaluate(graph.formula.number(-2.5), { operands: [], output: 0 }), -2.5)
 * assert.throws(() => graph.formula.number(Number.NaN), RangeError)
 */
export const number = (value: number): Term => {
  if (!Number.isFinite(value))
    throw new RangeError(`formula: number ${value}, expected a finite number`)
  return { kind: 'number', value }
}

/** 1. */
export const one: Term = number(1)

/**
 * −a.
 *
 * @example
 * import assert from 'node:assert'
 * import { graph } from 'gradfold'
 * const { formula } = graph
 * assert.deepStrictEqual(formula.render(formula.negate(formula.one), formula.namesOf(['a'], 'y')), { tex: '-1', text: '−1' })
 */
export const negate = (term: Term): Term => ({ kind: 'negate', term })

/**
 * a + b.
 *
 * @example
 * import assert from 'node:assert'
 * import { graph } from 'gradfold'
 * const { formula } = graph
 * assert.strictEqual(formula.render(formula.plus(formula.y, formula.one), formula.namesOf(['a'], 'y')).text, 'y + 1')
 */
export const plus = (left: Term, right: Term): Term => ({ kind: 'sum', left, right })

/**
 * a − b.
 *
 * @example
 * import assert from 'node:assert'
 * import { graph } from 'gradfold'
 * const { formula } = graph
 * assert.strictEqual(formula.render(formula.minus(formula.one, formula.y), formula.namesOf(['a'], 'y')).text, '1 − y')
 */
export const minus = (left: Term, right: Term): Term => ({ kind: 'difference', left, right })

/**
 * a·b (entry by entry: a ⊙ b for arrays).
 *
 * @example
 * import assert from 'node:assert'
 * import { graph } from 'gradfold'
 * const { formula } = graph
 * const term = formula.times(formula.number(2), formula.x)
 * assert.deepStrictEqual(formula.render(term, formula.namesOf(['a'], 'y')), { tex: '2 a', text: '2·a' })
 */
export const times = (left: Term, right: Term): Term => ({ kind: 'product', left, right })

/**
 * a / b.
 *
 * @example
 * import assert from 'node:assert'
 * import { graph } from 'gradfold'
 * const { formula } = graph
 * assert.deepStrictEqual(formula.render(formula.over(formula.one, formula.x), formula.namesOf(['a'], 'y')), { tex: '\\frac{1}{a}', text: '1/a' })
 */
export const over = (left: Term, right: Term): Term => ({ kind: 'quotient', left, right })

/**
 * a².
 *
 * @example
 * import assert from 'node:assert'
 * import { graph } from 'gradfold'
 * const { formula } = graph
 * assert.deepStrictEqual(formula.render(formula.squared(formula.y), formula.namesOf(['a'], 'y')), { tex: 'y^2', text: 'y²' })
 */
export const squared = (term: Term): Term => ({ kind: 'square', term })

/**
 * aᵖ for a constant p.
 *
 * @example
 * import assert from 'node:assert'
 * import { graph } from 'gradfold'
 * const { formula } = graph
 * assert.deepStrictEqual(formula.render(formula.power(formula.x, -0.5), formula.namesOf(['a'], 'y')), { tex: 'a^{-0.5}', text: 'a^-0.5' })
 */
export const power = (term: Term, exponent: number): Term => {
  if (!Number.isFinite(exponent))
    throw new RangeError(`formula: exponent ${exponent}, expected a finite number`)
  return { kind: 'power', term, exponent }
}

/**
 * f(a) for a scalar function f.
 *
 * @example
 * import assert from 'node:assert'
 * import { graph } from 'gradfold'
 * const { formula } = graph
 * const cosine: graph.formula.ScalarFunction = {
 *   at: Math.cos,
 *   entry: (a) => graph.plain(`cos(${a.text})`, `\\cos ${a.tex}`),
 *   array: (a) => graph.plain(`np.cos(${a.text})`, `\\cos ${a.tex}`),
 * }
 * const term = formula.apply(cosine, formula.x)
 * assert.strictEqual(formula.render(term, formula.namesOf(['a'], 'y')).text, 'cos(a)')
 * assert.strictEqual(formula.evaluate(term, { operands: [0], output: 0 }), 1)
 */
export const apply = (scalarFunction: ScalarFunction, term: Term): Term => ({
  kind: 'apply',
  function: scalarFunction,
  term,
})

/**
 * [condition]: 1 where it holds, 0 elsewhere.
 *
 * @example
 * import assert from 'node:assert'
 * import { graph } from 'gradfold'
 * const { formula } = graph
 * const step = formula.indicator(formula.greaterThan(formula.x, formula.number(0)))
 * assert.deepStrictEqual(formula.render(step, formula.namesOf(['a'], 'y')), { tex: '\\mathbb{1}[a > 0]', text: '[a > 0]' })
 */
export const indicator = (condition: Condition): Term => ({ kind: 'indicator', condition })

/**
 * `then` where the condition holds, `otherwise` elsewhere.
 *
 * @example
 * import assert from 'node:assert'
 * import { graph } from 'gradfold'
 * const { formula } = graph
 * const leaky = formula.cases(formula.greaterThan(formula.x, formula.number(0)), formula.one, formula.number(0.1))
 * assert.strictEqual(formula.render(leaky, formula.namesOf(['a'], 'y')).text, '(a > 0 ? 1 : 0.1)')
 * assert.strictEqual(formula.render(leaky, formula.namesOf(['z'], 'a'), { notation: 'array' }).text, '[z > 0] + 0.1·[z ≤ 0]')
 */
export const cases = (condition: Condition, then: Term, otherwise: Term): Term => ({
  kind: 'cases',
  condition,
  then,
  otherwise,
})

/**
 * diag(a): a row as a diagonal matrix (not entry-wise).
 *
 * @example
 * import assert from 'node:assert'
 * import { graph } from 'gradfold'
 * const { formula } = graph
 * assert.strictEqual(formula.render(formula.diag(formula.y), formula.namesOf(['a'], 'y')).tex, '\\operatorname{diag}(y)')
 */
export const diag = (term: Term): Term => ({ kind: 'diag', term })

/**
 * a·aᵀ: a row's outer product with itself (not entry-wise).
 *
 * @example
 * import assert from 'node:assert'
 * import { graph } from 'gradfold'
 * const { formula } = graph
 * assert.strictEqual(formula.render(formula.outer(formula.y), formula.namesOf(['a'], 'y')).text, 'y·yᵀ')
 */
export const outer = (term: Term): Term => ({ kind: 'outer', term })

/**
 * A formula that holds for each row of a matrix separately.
 *
 * @example
 * import assert from 'node:assert'
 * import { graph } from 'gradfold'
 * const { formula } = graph
 * const jacobian = formula.eachRow(formula.minus(formula.diag(formula.y), formula.outer(formula.y)))
 * assert.strictEqual(formula.render(jacobian, formula.namesOf(['a'], 'y')).text, 'diag(y) − y·yᵀ (each row)')
 */
export const eachRow = (term: Term): Term => ({ kind: 'eachRow', term })

/**
 * a ⋈ b for a relation ⋈.
 *
 * @example
 * import assert from 'node:assert'
 * import { graph } from 'gradfold'
 * const { formula } = graph
 * const atMost = formula.indicator(formula.compare(formula.x, '≤', formula.one))
 * assert.strictEqual(formula.render(atMost, formula.namesOf(['a'], 'y')).tex, '\\mathbb{1}[a \\le 1]')
 */
export const compare = (left: Term, relation: Relation, right: Term): Condition => ({
  kind: 'compare',
  left,
  relation,
  right,
})

/**
 * a > b.
 *
 * @example
 * import assert from 'node:assert'
 * import { graph } from 'gradfold'
 * const { formula } = graph
 * const positive = formula.indicator(formula.greaterThan(formula.x, formula.number(0)))
 * assert.strictEqual(formula.evaluate(positive, { operands: [2], output: 0 }), 1)
 */
export const greaterThan = (left: Term, right: Term): Condition => compare(left, '>', right)

/**
 * low ≤ a ≤ high.
 *
 * @example
 * import assert from 'node:assert'
 * import { graph } from 'gradfold'
 * const { formula } = graph
 * const inside = formula.indicator(formula.between(formula.number(-1), formula.x, formula.one))
 * assert.strictEqual(formula.render(inside, formula.namesOf(['a'], 'y')).text, '[-1 ≤ a ≤ 1]')
 */
export const between = (low: Term, term: Term, high: Term): Condition => ({
  kind: 'between',
  low,
  term,
  high,
})

/**
 * Where the condition does not hold: a comparison flips (a > 0 becomes a ≤ 0).
 *
 * @example
 * import assert from 'node:assert'
 * import { graph } from 'gradfold'
 * const { formula } = graph
 * const notPositive = formula.complement(formula.greaterThan(formula.x, formula.number(0)))
 * assert.strictEqual(formula.render(formula.indicator(notPositive), formula.namesOf(['a'], 'y')).text, '[a ≤ 0]')
 */
export const complement = (condition: Condition): Condition => {
  if (condition.kind === 'not') return condition.condition
  if (condition.kind === 'between') return { kind: 'not', condition }
  const flipped: Readonly<Record<Relation, Relation>> = { '>': '≤', '≤': '>', '<': '≥', '≥': '<' }
  return { ...condition, relation: flipped[condition.relation] }
}

/** The numbers a term is evaluated at: each operand's entry and the output's. */
export interface Point {
  readonly operands: readonly number[]
  readonly output: number
}

const holds = (condition: Condition, point: Point): boolean | undefined => {
  switch (condition.kind) {
    case 'compare': {
      const left = evaluate(condition.left, point)
      const right = evaluate(condition.right, point)
      if (left === undefined || right === undefined) return undefined
      switch (condition.relation) {
        case '>':
          return left > right
        case '≥':
          return left >= right
        case '<':
          return left < right
        case '≤':
          return left <= right
      }
      break
    }
    case 'between': {
      const [low, value, high] = [condition.low, condition.term, condition.high].map((term) =>
        evaluate(term, point),
      )
      if (low === undefined || value === undefined || high === undefined) return undefined
      return low <= value && value <= high
    }
    case 'not': {
      const inner = holds(condition.condition, point)
      return inner === undefined ? undefined : !inner
    }
  }
}

const binary = (
  left: Term,
  right: Term,
  point: Point,
  combine: (a: number, b: number) => number,
): number | undefined => {
  const a = evaluate(left, point)
  const b = evaluate(right, point)
  return a === undefined || b === undefined ? undefined : combine(a, b)
}

/**
 * The value of an entry-wise term at a point, computed with the operations the term names in
 * IEEE arithmetic; undefined for a term that is not entry-wise (`diag`, `outer`). A RangeError
 * when the term names an operand the point lacks.
 *
 * @example
 * import assert from 'node:assert'
 * import { graph } from 'gradfold'
 * const { formula } = graph
 * // σ′ = y(1 − y) at y = 0.5
 * const slope = formula.times(formula.y, formula.minus(formula.one, formula.y))
 * assert.strictEqual(formula.evaluate(slope, { operands: [0], output: 0.5 }), 0.25)
 * assert.strictEqual(formula.evaluate(formula.diag(formula.y), { operands: [0], output: 1 }), undefined)
 */
export const evaluate = (term: Term, point: Point): number | undefined => {
  switch (term.kind) {
    case 'operand': {
      const value = point.operands[term.index]
      if (value === undefined) {
        throw new RangeError(
          `formula: operand ${term.index} evaluated at a point of ${point.operands.length} operands`,
        )
      }
      return value
    }
    case 'output':
      return point.output
    case 'number':
      return term.value
    case 'negate': {
      const value = evaluate(term.term, point)
      return value === undefined ? undefined : -value
    }
    case 'sum':
      return binary(term.left, term.right, point, (a, b) => a + b)
    case 'difference':
      return binary(term.left, term.right, point, (a, b) => a - b)
    case 'product':
      return binary(term.left, term.right, point, (a, b) => a * b)
    case 'quotient':
      return binary(term.left, term.right, point, (a, b) => a / b)
    case 'square': {
      const value = evaluate(term.term, point)
      return value === undefined ? undefined : value * value
    }
    case 'power': {
      const value = evaluate(term.term, point)
      return value === undefined ? undefined : Math.pow(value, term.exponent)
    }
    case 'apply': {
      const value = evaluate(term.term, point)
      return value === undefined ? undefined : term.function.at(value)
    }
    case 'indicator': {
      const value = holds(term.condition, point)
      return value === undefined ? undefined : value ? 1 : 0
    }
    case 'cases': {
      const value = holds(term.condition, point)
      if (value === undefined) return undefined
      return evaluate(value ? term.then : term.otherwise, point)
    }
    case 'eachRow':
      return evaluate(term.term, point)
    case 'diag':
    case 'outer':
      return undefined
  }
}

/**
 * A bound on the size of the numbers evaluating a term passes through: the term evaluated with
 * every operand, constant and intermediate result replaced by its absolute value (|a| + |b| for
 * a − b). Evaluating the term in IEEE arithmetic errs by a few ε times this, so a law can tell
 * rounding (y + α next to −α, far left on elu) from a wrong formula. Undefined where `evaluate` is.
 *
 * @example
 * import assert from 'node:assert'
 * import { graph } from 'gradfold'
 * const { formula } = graph
 * // y + 2 at y = −1.999: the value is 0.001, the numbers it passes through are near 2
 * const term = formula.plus(formula.y, formula.number(2))
 * assert.ok(Math.abs(formula.magnitude(term, { operands: [0], output: -1.999 }) - 3.999) < 1e-12)
 */
export const magnitude = (term: Term, point: Point): number | undefined => {
  const both = (combine: (a: number, b: number) => number, left: Term, right: Term) => {
    const a = magnitude(left, point)
    const b = magnitude(right, point)
    return a === undefined || b === undefined ? undefined : combine(a, b)
  }
  switch (term.kind) {
    case 'sum':
    case 'difference':
      return both((a, b) => a + b, term.left, term.right)
    case 'product':
      return both((a, b) => a * b, term.left, term.right)
    case 'quotient':
      return both((a, b) => a / b, term.left, term.right)
    case 'negate':
    case 'eachRow':
      return magnitude(term.term, point)
    case 'square': {
      const value = magnitude(term.term, point)
      return value === undefined ? undefined : value * value
    }
    case 'power': {
      const value = magnitude(term.term, point)
      return value === undefined ? undefined : Math.pow(value, term.exponent)
    }
    case 'cases': {
      const value = holds(term.condition, point)
      if (value === undefined) return undefined
      return magnitude(value ? term.then : term.otherwise, point)
    }
    case 'operand':
    case 'output':
    case 'number':
    case 'apply':
    case 'indicator':
    case 'diag':
    case 'outer': {
      const value = evaluate(term, point)
      return value === undefined ? undefined : Math.abs(value)
    }
  }
}

/**
 * Whether a term is entry-wise (no `diag`, no `outer`): a diagonal Jacobian given entry by entry.
 *
 * @example
 * import assert from 'node:assert'
 * import { graph } from 'gradfold'
 * const { formula } = graph
 * assert.ok(formula.isEntrywise(formula.squared(formula.x)))
 * assert.ok(!formula.isEntrywise(formula.minus(formula.diag(formula.y), formula.outer(formula.y))))
 */
export const isEntrywise = (term: Term): boolean => {
  switch (term.kind) {
    case 'operand':
    case 'output':
    case 'number':
      return true
    case 'negate':
    case 'square':
    case 'power':
    case 'apply':
    case 'eachRow':
      return isEntrywise(term.term)
    case 'sum':
    case 'difference':
    case 'product':
    case 'quotient':
      return isEntrywise(term.left) && isEntrywise(term.right)
    case 'indicator':
      return conditionIsEntrywise(term.condition)
    case 'cases':
      return (
        conditionIsEntrywise(term.condition) &&
        isEntrywise(term.then) &&
        isEntrywise(term.otherwise)
      )
    case 'diag':
    case 'outer':
      return false
  }
}

const conditionIsEntrywise = (condition: Condition): boolean => {
  switch (condition.kind) {
    case 'compare':
      return isEntrywise(condition.left) && isEntrywise(condition.right)
    case 'between':
      return (
        isEntrywise(condition.low) && isEntrywise(condition.term) && isEntrywise(condition.high)
      )
    case 'not':
      return conditionIsEntrywise(condition.condition)
  }
}

/**
 * How a term is printed: `entry` writes one entry of the derivative as traces show it (σ(a),
 * y(1 − y), ternaries, \mathbb{1}[·]); `array` writes whole arrays as the walkthrough shows it
 * (sigmoid(z), a ⊙ (1 − a) in TeX, cases as sums of indicators [·]).
 */
export type Notation = 'entry' | 'array'

/** The names a term's variables print as: each operand's, and the output's. */
export interface Names {
  readonly operands: readonly Formula[]
  readonly output: Formula
}

/**
 * The names of plain labels (the same in text and TeX), as a trace gives them.
 *
 * @example
 * import assert from 'node:assert'
 * import { graph } from 'gradfold'
 * assert.deepStrictEqual(graph.formula.namesOf(['z'], 'a'), {
 *   operands: [{ tex: 'z', text: 'z' }],
 *   output: { tex: 'a', text: 'a' },
 * })
 */
export const namesOf = (operands: readonly string[], output: string): Names => ({
  operands: operands.map((name) => plain(name)),
  output: plain(output),
})

/** Binding strength of a printed term: parentheses go around a weaker one where a stronger one is needed. */
const LOOSEST = 0
const SUM = 1
const PRODUCT = 2
const POWER = 3
const ATOM = 4

interface Printed {
  readonly text: string
  readonly strength: number
}

/** One of the four ways of printing: a notation, in text or in TeX. */
interface Style {
  readonly notation: Notation
  readonly tex: boolean
}

const printed = (text: string, strength: number): Printed => ({ text, strength })

const wrap = (item: Printed, needed: number): string =>
  item.strength < needed ? `(${item.text})` : item.text

const nameIn = (name: Formula, style: Style): string => (style.tex ? name.tex : name.text)

const operandName = (names: Names, index: number): Formula => {
  const name = names.operands[index]
  if (name === undefined) {
    throw new RangeError(
      `formula: operand ${index} printed with names for ${names.operands.length} operands`,
    )
  }
  return name
}

const relationTex: Readonly<Record<Relation, string>> = {
  '>': '>',
  '≥': '\\ge',
  '<': '<',
  '≤': '\\le',
}

const printCondition = (condition: Condition, style: Style, names: Names): string => {
  const side = (term: Term): string => wrap(print(term, style, names), SUM)
  switch (condition.kind) {
    case 'compare': {
      const relation = style.tex ? relationTex[condition.relation] : condition.relation
      return `${side(condition.left)} ${relation} ${side(condition.right)}`
    }
    case 'between': {
      const relation = style.tex ? '\\le' : '≤'
      return `${side(condition.low)} ${relation} ${side(condition.term)} ${relation} ${side(condition.high)}`
    }
    case 'not': {
      const inner = printCondition(condition.condition, style, names)
      return style.tex ? `\\lnot(${inner})` : `not (${inner})`
    }
  }
}

/** t·[condition], or [condition] alone when t is 1: one branch of cases in array notation. */
const branch = (term: Term, condition: Condition): Term =>
  term.kind === 'number' && term.value === 1
    ? indicator(condition)
    : times(term, indicator(condition))

const printProduct = (left: Term, right: Term, style: Style, names: Names): Printed => {
  const first = print(left, style, names)
  const second = print(right, style, names)
  const leftText = wrap(first, PRODUCT)
  const rightText = wrap(second, PRODUCT)
  // A parenthesised right factor follows its left one directly: y(1 − y).
  const juxtaposed = second.strength < PRODUCT
  if (style.notation === 'array' && style.tex) {
    // arrays: a number scales (0.01\,[z \le 0]), two arrays multiply entry by entry (a \odot b)
    return printed(
      left.kind === 'number' ? `${leftText}\\,${rightText}` : `${leftText} \\odot ${rightText}`,
      PRODUCT,
    )
  }
  if (juxtaposed) return printed(`${leftText}${rightText}`, PRODUCT)
  return printed(style.tex ? `${leftText} ${rightText}` : `${leftText}·${rightText}`, PRODUCT)
}

const print = (term: Term, style: Style, names: Names): Printed => {
  const minus = style.tex || style.notation === 'array' ? '-' : '−'
  switch (term.kind) {
    case 'operand':
      return printed(nameIn(operandName(names, term.index), style), ATOM)
    case 'output':
      return printed(nameIn(names.output, style), ATOM)
    case 'number':
      return printed(String(term.value), ATOM)
    case 'negate':
      return printed(`${minus}${wrap(print(term.term, style, names), PRODUCT)}`, PRODUCT)
    case 'sum':
    case 'difference': {
      const left = wrap(print(term.left, style, names), SUM)
      const right = wrap(print(term.right, style, names), PRODUCT)
      return printed(`${left} ${term.kind === 'sum' ? '+' : minus} ${right}`, SUM)
    }
    case 'product':
      return printProduct(term.left, term.right, style, names)
    case 'quotient': {
      if (style.tex) {
        const numerator = print(term.left, style, names).text
        const denominator = print(term.right, style, names).text
        return printed(`\\frac{${numerator}}{${denominator}}`, ATOM)
      }
      const left = wrap(print(term.left, style, names), PRODUCT)
      return printed(`${left}/${wrap(print(term.right, style, names), POWER)}`, PRODUCT)
    }
    case 'square': {
      const base = print(term.term, style, names)
      if (style.notation === 'array' && style.tex) {
        const factor = wrap(base, PRODUCT)
        return printed(`${factor} \\odot ${factor}`, PRODUCT)
      }
      return printed(`${wrap(base, ATOM)}${style.tex ? '^2' : '²'}`, POWER)
    }
    case 'power': {
      const base = wrap(print(term.term, style, names), ATOM)
      const exponent = String(term.exponent)
      return printed(style.tex ? `${base}^{${exponent}}` : `${base}^${exponent}`, POWER)
    }
    case 'apply': {
      const argument = plain(
        print(term.term, { ...style, tex: false }, names).text,
        print(term.term, { ...style, tex: true }, names).text,
      )
      const applied =
        style.notation === 'entry' ? term.function.entry(argument) : term.function.array(argument)
      return printed(style.tex ? applied.tex : applied.text, ATOM)
    }
    case 'indicator': {
      const inside = printCondition(term.condition, style, names)
      const prefix = style.tex && style.notation === 'entry' ? '\\mathbb{1}' : ''
      return printed(`${prefix}[${inside}]`, ATOM)
    }
    case 'cases': {
      if (style.notation === 'array') {
        const { condition } = term
        const expanded = plus(
          branch(term.then, condition),
          branch(term.otherwise, complement(condition)),
        )
        return print(expanded, style, names)
      }
      const condition = printCondition(term.condition, style, names)
      const then = print(term.then, style, names).text
      const otherwise = print(term.otherwise, style, names).text
      return printed(
        style.tex
          ? `\\begin{cases} ${then} & ${condition} \\\\ ${otherwise} & \\text{otherwise} \\end{cases}`
          : `(${condition} ? ${then} : ${otherwise})`,
        ATOM,
      )
    }
    case 'diag': {
      const inner = print(term.term, style, names).text
      return printed(style.tex ? `\\operatorname{diag}(${inner})` : `diag(${inner})`, ATOM)
    }
    case 'outer': {
      const row = print(term.term, style, names)
      if (style.notation === 'array') {
        // rows of a batch: the outer product of a row a is aᵀa
        return printed(
          style.tex ? `(${row.text})^\\top (${row.text})` : `${row.text}.T @ ${row.text}`,
          PRODUCT,
        )
      }
      const column = wrap(row, ATOM)
      return printed(style.tex ? `${column} ${column}^\\top` : `${column}·${column}ᵀ`, PRODUCT)
    }
    case 'eachRow': {
      const inner = print(term.term, style, names)
      return style.notation === 'entry' && !style.tex
        ? printed(`${inner.text} (each row)`, LOOSEST)
        : inner
    }
  }
}

/** Options of `render`. */
export interface RenderOptions {
  /** `entry` (default, as traces show a derivative) or `array` (as the walkthrough does). */
  readonly notation?: Notation
  /** Parenthesise the formula as a factor of a product needs (default false: standing alone). */
  readonly asFactor?: boolean
}

/**
 * A term as a formula in text and TeX, its operands and output printed with `names`.
 *
 * @example
 * import assert from 'node:assert'
 * import { graph } from 'gradfold'
 * const { formula } = graph
 * const tanhSlope = formula.minus(formula.one, formula.squared(formula.y))
 * const names = formula.namesOf(['z'], 'a')
 * assert.deepStrictEqual(formula.render(tanhSlope, names), { tex: '1 - a^2', text: '1 − a²' })
 * assert.deepStrictEqual(formula.render(tanhSlope, names, { notation: 'array', asFactor: true }), {
 *   tex: '(1 - a \\odot a)',
 *   text: '(1 - a²)',
 * })
 */
export const render = (term: Term, names: Names, options: RenderOptions = {}): Formula => {
  const { notation = 'entry', asFactor = false } = options
  const needed = asFactor ? PRODUCT : LOOSEST
  return plain(
    wrap(print(term, { notation, tex: false }, names), needed),
    wrap(print(term, { notation, tex: true }, names), needed),
  )
}

/** The row v of a Jacobian diag(v) − v·vᵀ (softmax's, each row), if the term is one. */
const softmaxRow = (term: Term): Term | undefined => {
  const inner = term.kind === 'eachRow' ? term.term : term
  if (inner.kind !== 'difference') return undefined
  const { left, right } = inner
  if (left.kind !== 'diag' || right.kind !== 'outer') return undefined
  const row = left.term
  const same =
    (row.kind === 'output' && right.term.kind === 'output') ||
    (row.kind === 'operand' && right.term.kind === 'operand' && row.index === right.term.index)
  return same ? row : undefined
}

/**
 * One chain-rule step in array notation: the gradient `upstream` (g) arriving at the output,
 * times the local derivative `term`, as the walkthrough writes dL/dz. An entry-wise term J gives
 * g ⊙ J; softmax's row Jacobian diag(a) − aᵀa gives g (J) in TeX and, in text, what the product
 * works out to in numpy: a ⊙ (g - sum(g ⊙ a, axis=1)).
 *
 * @example
 * import assert from 'node:assert'
 * import { graph } from 'gradfold'
 * const { formula } = graph
 * const names = formula.namesOf(['z'], 'a')
 * const g = graph.plain('g')
 * const sigmoidSlope = formula.times(formula.y, formula.minus(formula.one, formula.y))
 * assert.deepStrictEqual(formula.renderChain(sigmoidSlope, g, names), {
 *   tex: 'g \\odot a \\odot (1 - a)',
 *   text: 'g ⊙ a(1 - a)',
 * })
 * const softmaxJacobian = formula.eachRow(formula.minus(formula.diag(formula.y), formula.outer(formula.y)))
 * assert.strictEqual(formula.renderChain(softmaxJacobian, g, names).text, 'a ⊙ (g - sum(g ⊙ a, axis=1))')
 */
export const renderChain = (term: Term, upstream: Formula, names: Names): Formula => {
  if (isEntrywise(term)) {
    const factor = render(term, names, { notation: 'array', asFactor: true })
    return plain(`${upstream.text} ⊙ ${factor.text}`, `${upstream.tex} \\odot ${factor.tex}`)
  }
  const jacobian = render(term, names, { notation: 'array' })
  const tex = `${upstream.tex} \\left(${jacobian.tex}\\right)`
  const row = softmaxRow(term)
  if (row === undefined) return plain(`${upstream.text} @ (${jacobian.text})`, tex)
  const v = render(row, names, { notation: 'array' }).text
  const g = upstream.text
  return plain(`${v} ⊙ (${g} - sum(${g} ⊙ ${v}, axis=1))`, tex)
}
