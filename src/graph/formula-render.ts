// Terms printed: in `entry` notation, one entry of a derivative as traces show it (σ(a),
// y(1 − y), ternaries, Bᵀ (on the right)), and in `array` notation, whole arrays as the walkthrough
// writes them (a ⊙ (1 − a) in TeX, numpy in text). Law: every term prints in both notations, in
// text and TeX, with the parentheses its precedence needs and no others.

import {
  complement,
  indicator,
  isEntrywise,
  plain,
  plus,
  times,
  type Condition,
  type Formula,
  type Relation,
  type Term,
} from './formula-terms.js'

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

/** Whether a term is the number 1 (a factor printing omits). */
const isOne = (term: Term): boolean => term.kind === 'number' && term.value === 1

/** Whether a term is a count, or a product of counts (m·n). */
const isCount = (term: Term): boolean =>
  term.kind === 'count' || (term.kind === 'product' && isCount(term.left) && isCount(term.right))

/** t·[condition], or [condition] alone when t is 1: one branch of cases in array notation. */
const branch = (term: Term, condition: Condition): Term =>
  isOne(term) ? indicator(condition) : times(term, indicator(condition))

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
  // counts multiply by juxtaposition in TeX (mn), as a parenthesised right factor does: y(1 − y)
  if (juxtaposed || (style.tex && isCount(left) && isCount(right))) {
    return printed(`${leftText}${rightText}`, PRODUCT)
  }
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
      if (style.tex && isCount(term.right)) {
        // dividing by a count is a mean: a coefficient 1/n in front, \tfrac{1}{n}(σ(z) − y)
        const coefficient = `\\tfrac{1}{${print(term.right, style, names).text}}`
        if (isOne(term.left)) return printed(coefficient, PRODUCT)
        return printed(`${coefficient}${wrap(print(term.left, style, names), PRODUCT)}`, PRODUCT)
      }
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
    case 'incoming':
      return printed(style.tex ? '(\\cdot)' : '(·)', ATOM)
    case 'count':
      return printed(term.symbol, ATOM)
    case 'transpose': {
      const base = wrap(print(term.term, style, names), ATOM)
      return printed(style.tex ? `${base}^\\top` : `${base}ᵀ`, POWER)
    }
    case 'softmax': {
      const inner = print(term.term, style, names).text
      return printed(style.tex ? `\\operatorname{softmax}(${inner})` : `softmax(${inner})`, ATOM)
    }
    case 'rowSum': {
      const inner = wrap(print(term.term, style, names), ATOM)
      return printed(style.tex ? `\\textstyle\\sum_j ${inner}_{ij}` : `Σⱼ ${inner}`, PRODUCT)
    }
    case 'onTheRight':
    case 'onTheLeft': {
      const matrix = print(term.term, style, names)
      if (!style.tex) {
        const side = term.kind === 'onTheRight' ? 'right' : 'left'
        return printed(`${matrix.text} (on the ${side})`, LOOSEST)
      }
      const factor = wrap(matrix, POWER)
      return printed(
        term.kind === 'onTheRight' ? `(\\cdot)\\,${factor}` : `${factor} (\\cdot)`,
        PRODUCT,
      )
    }
    case 'summedOverRows': {
      const factor = print(term.term, style, names)
      if (!style.tex) return printed(`${factor.text} (summed over rows)`, LOOSEST)
      return printed(
        isOne(term.term)
          ? '\\mathbf{1}^\\top (\\cdot)'
          : `\\mathbf{1}^\\top ((\\cdot) \\odot ${wrap(factor, PRODUCT)})`,
        PRODUCT,
      )
    }
    case 'everyEntry': {
      const factor = print(term.term, style, names)
      if (!style.tex) {
        const where = term.of === 'matrix' ? '' : ` of its ${term.of}`
        return printed(`${factor.text} (every entry${where})`, LOOSEST)
      }
      const ones = term.of === 'row' ? '\\mathbf{1}^\\top' : '\\mathbf{1}'
      return printed(isOne(term.term) ? ones : `${wrap(factor, PRODUCT)}${ones}`, PRODUCT)
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
