// The term language in which a primitive writes its local derivative once: operands x₀, x₁, …,
// the output y, arithmetic, scalar functions and conditions entry by entry, a row's Jacobian
// (softmax's), and the forms of matrix derivatives — what they do to the incoming gradient.
// Laws: terms are immutable data; a constructor given a non-finite number throws a RangeError.

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
 * A term: a derivative written as data. Entry-wise terms (the arithmetic, scalar functions and
 * conditions of operands, the output and numbers) are a diagonal Jacobian given entry by entry —
 * ∂yᵢ/∂xᵢ as a function of xᵢ and yᵢ — and evaluate to numbers; `diag` and `outer` write a row's
 * whole Jacobian (softmax's). The matrix forms write a derivative by what it does to the gradient
 * arriving at the output (`incoming`, printed (·)): multiply it on the right or on the left,
 * transpose it, sum it over rows, spread it over the entries a reduction summed — with `count`s of
 * the differentiated operand's rows, columns or entries, row-wise `softmax` and row sums `rowSum`.
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
  | { readonly kind: 'incoming' }
  | { readonly kind: 'count'; readonly of: Counted; readonly symbol: string }
  | { readonly kind: 'transpose' | 'softmax' | 'rowSum'; readonly term: Term }
  | { readonly kind: 'onTheRight' | 'onTheLeft' | 'summedOverRows'; readonly term: Term }
  | { readonly kind: 'everyEntry'; readonly of: Spread; readonly term: Term }

/** What a `count` counts in the differentiated operand. */
export type Counted = 'rows' | 'columns' | 'entries'

/** Over which entries `everyEntry` spreads the incoming gradient: all, its row's, its column's. */
export type Spread = 'matrix' | 'row' | 'column'

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
 * (·): the gradient arriving at the output, which a matrix derivative acts on.
 *
 * @example
 * import assert from 'node:assert'
 * import { graph } from 'gradfold'
 * const { formula } = graph
 * assert.deepStrictEqual(formula.render(formula.transposed(formula.incoming), formula.namesOf(['a'], 'y')), { tex: '(\\cdot)^\\top', text: '(·)ᵀ' })
 */
export const incoming: Term = { kind: 'incoming' }

/**
 * aᵀ: a matrix transposed.
 *
 * @example
 * import assert from 'node:assert'
 * import { graph } from 'gradfold'
 * const { formula } = graph
 * assert.strictEqual(formula.render(formula.transposed(formula.operand(1)), formula.namesOf(['A', 'B'], 'y')).text, 'Bᵀ')
 */
export const transposed = (term: Term): Term => ({ kind: 'transpose', term })

/**
 * (·)·m: the incoming gradient multiplied on the right by the matrix m — for C = A·B, ∂C/∂A is
 * Bᵀ on the right (the gradient of A is G·Bᵀ).
 *
 * @example
 * import assert from 'node:assert'
 * import { graph } from 'gradfold'
 * const { formula } = graph
 * const term = formula.onTheRight(formula.transposed(formula.operand(1)))
 * assert.deepStrictEqual(formula.render(term, formula.namesOf(['A', 'B'], 'C')), { tex: '(\\cdot)\\,B^\\top', text: 'Bᵀ (on the right)' })
 */
export const onTheRight = (term: Term): Term => ({ kind: 'onTheRight', term })

/**
 * m·(·): the incoming gradient multiplied on the left by the matrix m — for C = A·B, ∂C/∂B is
 * Aᵀ on the left (the gradient of B is Aᵀ·G).
 *
 * @example
 * import assert from 'node:assert'
 * import { graph } from 'gradfold'
 * const { formula } = graph
 * const term = formula.onTheLeft(formula.transposed(formula.x))
 * assert.deepStrictEqual(formula.render(term, formula.namesOf(['A', 'B'], 'C')), { tex: 'A^\\top (\\cdot)', text: 'Aᵀ (on the left)' })
 */
export const onTheLeft = (term: Term): Term => ({ kind: 'onTheLeft', term })

/**
 * 1ᵀ·((·) ⊙ t): the incoming gradient times t, summed over rows into one row — the gradient of a
 * row added to every row of a matrix.
 *
 * @example
 * import assert from 'node:assert'
 * import { graph } from 'gradfold'
 * const { formula } = graph
 * assert.deepStrictEqual(formula.render(formula.summedOverRows(formula.one), formula.namesOf(['a', 'b'], 'y')), { tex: '\\mathbf{1}^\\top (\\cdot)', text: '1 (summed over rows)' })
 */
export const summedOverRows = (term: Term): Term => ({ kind: 'summedOverRows', term })

/**
 * The incoming gradient spread over every entry a reduction summed — of the whole matrix (its
 * value is 1×1), of each row (m×1) or of each column (1×n) — times t: the derivative of a sum.
 *
 * @example
 * import assert from 'node:assert'
 * import { graph } from 'gradfold'
 * const { formula } = graph
 * const names = formula.namesOf(['a'], 'y')
 * assert.deepStrictEqual(formula.render(formula.everyEntry(formula.one), names), { tex: '\\mathbf{1}', text: '1 (every entry)' })
 * assert.strictEqual(formula.render(formula.everyEntry(formula.one, 'row'), names).text, '1 (every entry of its row)')
 */
export const everyEntry = (term: Term, of: Spread = 'matrix'): Term => ({
  kind: 'everyEntry',
  of,
  term,
})

/**
 * The number of rows, columns or entries of the operand being differentiated, printed as
 * `symbol` (m, n): the divisor of a mean. Divided by, it prints as a coefficient in TeX.
 *
 * @example
 * import assert from 'node:assert'
 * import { graph } from 'gradfold'
 * const { formula } = graph
 * const perEntry = formula.over(formula.x, formula.count('entries', 'n'))
 * assert.deepStrictEqual(formula.render(perEntry, formula.namesOf(['z'], 'y')), { tex: '\\tfrac{1}{n}z', text: 'z/n' })
 */
export const count = (of: Counted, symbol: string): Term => ({ kind: 'count', of, symbol })

/**
 * softmax(a), row by row: each row's exponentials divided by their sum.
 *
 * @example
 * import assert from 'node:assert'
 * import { graph } from 'gradfold'
 * const { formula } = graph
 * assert.deepStrictEqual(formula.render(formula.softmax(formula.x), formula.namesOf(['z'], 'y')), { tex: '\\operatorname{softmax}(z)', text: 'softmax(z)' })
 */
export const softmax = (term: Term): Term => ({ kind: 'softmax', term })

/**
 * Σⱼ a: each row's sum, a column.
 *
 * @example
 * import assert from 'node:assert'
 * import { graph } from 'gradfold'
 * const { formula } = graph
 * assert.deepStrictEqual(formula.render(formula.rowSum(formula.x), formula.namesOf(['t'], 'y')), { tex: '\\textstyle\\sum_j t_{ij}', text: 'Σⱼ t' })
 */
export const rowSum = (term: Term): Term => ({ kind: 'rowSum', term })

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

/**
 * Whether a term is entry-wise (no `diag`, no `outer`, no matrix form): a diagonal Jacobian given
 * entry by entry, with a value at each entry of its operands and output.
 *
 * @example
 * import assert from 'node:assert'
 * import { graph } from 'gradfold'
 * const { formula } = graph
 * assert.ok(formula.isEntrywise(formula.squared(formula.x)))
 * assert.ok(!formula.isEntrywise(formula.minus(formula.diag(formula.y), formula.outer(formula.y))))
 * assert.ok(!formula.isEntrywise(formula.softmax(formula.x)))
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
    case 'incoming':
    case 'count':
    case 'transpose':
    case 'softmax':
    case 'rowSum':
    case 'onTheRight':
    case 'onTheLeft':
    case 'summedOverRows':
    case 'everyEntry':
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
