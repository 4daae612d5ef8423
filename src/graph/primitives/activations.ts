// Element-wise activations and their relatives: exp, log, sigmoid, tanh, relu, leaky relu, elu,
// softplus and clamp — each an element-wise primitive (its Jacobian is diagonal, so the VJP and
// JVP both multiply by f′(x)) beside the typed builder that applies it. Laws: sigmoid and softplus
// are computed so that no exponential overflows (finite at ±1000); at a kink the derivative takes
// the documented one-sided value; the hot loops call the slope their record declares.

import { operation, type Expression, type ValueKind } from '../expression.js'
import * as f from '../formula.js'
import { plain, type Primitive } from '../primitive.js'
import { elementwise, entryAt } from './elementwise.js'

/** The logistic function 1/(1 + e^−x), computed so that no exponential overflows. */
export const logistic = (x: number): number => {
  if (x >= 0) return 1 / (1 + Math.exp(-x))
  const e = Math.exp(x)
  return e / (1 + e)
}

/** eˣ inside a formula: `exp(a)` in text, `e^{a}` in TeX. */
export const exponential: f.ScalarFunction = {
  at: Math.exp,
  entry: (a) => plain(`exp(${a.text})`, `e^{${a.tex}}`),
  array: (a) => plain(`exp(${a.text})`, `e^{${a.tex}}`),
}

/** σ inside a formula: `σ(a)` for one entry, `sigmoid(a)` for arrays (numpy's name), `\sigma(a)`. */
export const sigma: f.ScalarFunction = {
  at: logistic,
  entry: (a) => plain(`σ(${a.text})`, `\\sigma(${a.tex})`),
  array: (a) => plain(`sigmoid(${a.text})`, `\\sigma(${a.tex})`),
}

/** eᵃ, entry by entry (overflows to ∞ beyond a ≈ 709.78, as IEEE arithmetic does). */
export const expPrimitive: Primitive = elementwise({
  name: 'exp',
  apply: Math.exp,
  derivative: (_x, y) => y,
  formula: (a) => plain(`exp(${a})`, `e^{${a}}`),
  derivativeFormula: f.apply(exponential, f.x),
})

/**
 * eᵃ, entry by entry.
 *
 * @category Operations
 * @example
 * import assert from 'node:assert'
 * import { graph, linalg } from 'gradfold'
 * const e = graph.exp(graph.scalarInput('x'))
 * assert.ok(e.tag === 'operation' && e.valueKind === 'scalar')
 * assert.strictEqual(linalg.get(e.primitive.forward([linalg.fill(1, 1, 0)]), 0, 0), 1)
 */
export const exp = <Kind extends ValueKind>(a: Expression<Kind>): Expression<Kind> =>
  operation(a.valueKind, expPrimitive, [a])

/** The natural logarithm, entry by entry: defined for positive entries (log 0 = −∞, log of a negative is NaN). */
export const logPrimitive: Primitive = elementwise({
  name: 'log',
  apply: Math.log,
  derivative: (x) => 1 / x,
  formula: (a) => plain(`log(${a})`, `\\log ${a}`),
  derivativeFormula: f.over(f.one, f.x),
})

/**
 * The natural logarithm, entry by entry (positive entries; log 0 = −∞ is reported as non-finite).
 *
 * @category Operations
 * @example
 * import assert from 'node:assert'
 * import { graph, linalg } from 'gradfold'
 * const l = graph.log(graph.input('P', 2, 2))
 * assert.ok(l.tag === 'operation' && l.valueKind === 'matrix')
 * assert.strictEqual(linalg.get(l.primitive.forward([linalg.fill(1, 1, Math.E)]), 0, 0), 1)
 */
export const log = <Kind extends ValueKind>(a: Expression<Kind>): Expression<Kind> =>
  operation(a.valueKind, logPrimitive, [a])

/**
 * σ′ in terms of the output y = σ(x): y(1 − y). The one place the sigmoid's slope is written: the
 * record's rule, its loops and the compiled plan's loops all call it.
 */
export const sigmoidSlope = (y: number): number => y * (1 - y)

/**
 * The logistic sigmoid σ(a) = 1/(1 + e^−a), entry by entry, computed stably: 1/(1 + e^−a) for
 * a ≥ 0 and eᵃ/(1 + eᵃ) otherwise, so σ(±1000) is 1 and 0, never NaN. σ′ = σ(1 − σ).
 */
export const sigmoidPrimitive: Primitive = elementwise({
  name: 'sigmoid',
  apply: logistic,
  derivative: (_x, y) => sigmoidSlope(y),
  loops: {
    apply: (input, out) => {
      for (let index = 0; index < out.length; index++) out[index] = logistic(entryAt(input, index))
    },
    along: (direction, _x, y, out) => {
      for (let index = 0; index < out.length; index++) {
        out[index] = entryAt(direction, index) * sigmoidSlope(entryAt(y, index))
      }
    },
  },
  formula: (a) => plain(`σ(${a})`, `\\sigma(${a})`),
  derivativeFormula: f.times(f.y, f.minus(f.one, f.y)),
})

/**
 * The logistic sigmoid 1/(1 + e^−a), entry by entry, computed without overflow (σ(±1000) is 1
 * and 0); its derivative is σ(1 − σ).
 *
 * @category Operations
 * @example
 * import assert from 'node:assert'
 * import { graph, linalg } from 'gradfold'
 * const s = graph.sigmoid(graph.input('Z', 4, 1))
 * assert.ok(s.tag === 'operation' && s.primitive.name === 'sigmoid')
 * const zero = linalg.fill(1, 1, 0)
 * const half = s.primitive.forward([zero])
 * assert.strictEqual(linalg.get(half, 0, 0), 0.5)
 * const [slope] = s.primitive.vjp([zero], half, linalg.fill(1, 1, 1))
 * assert.ok(slope !== undefined && linalg.get(slope, 0, 0) === 0.25)
 * assert.deepStrictEqual(s.primitive.derivatives(['z'], 'a'), [{ tex: 'a(1 - a)', text: 'a(1 − a)' }])
 */
export const sigmoid = <Kind extends ValueKind>(a: Expression<Kind>): Expression<Kind> =>
  operation(a.valueKind, sigmoidPrimitive, [a])

/** tanh′ in terms of the output y = tanh(x): 1 − y². The one place it is written. */
export const tanhSlope = (y: number): number => 1 - y * y

/** The hyperbolic tangent, entry by entry; tanh′ = 1 − tanh². */
export const tanhPrimitive: Primitive = elementwise({
  name: 'tanh',
  apply: Math.tanh,
  derivative: (_x, y) => tanhSlope(y),
  formula: (a) => plain(`tanh(${a})`, `\\tanh ${a}`),
  derivativeFormula: f.minus(f.one, f.squared(f.y)),
})

/**
 * The hyperbolic tangent, entry by entry; its derivative is 1 − tanh².
 *
 * @category Operations
 * @example
 * import assert from 'node:assert'
 * import { graph } from 'gradfold'
 * const h = graph.tanh(graph.input('Z', 4, 3))
 * assert.ok(h.tag === 'operation' && h.primitive.name === 'tanh')
 */
export const tanh = <Kind extends ValueKind>(a: Expression<Kind>): Expression<Kind> =>
  operation(a.valueKind, tanhPrimitive, [a])

/** max(x, 0). */
export const rectify = (x: number): number => Math.max(x, 0)

/** relu′: 1 where x > 0 and 0 where x ≤ 0 (0 at the kink). The one place it is written. */
export const reluSlope = (x: number): number => (x > 0 ? 1 : 0)

/**
 * max(a, 0), entry by entry. Its derivative is 1 where a > 0 and 0 where a ≤ 0: at the kink
 * a = 0 it takes 0, as PyTorch and JAX do.
 */
export const reluPrimitive: Primitive = elementwise({
  name: 'relu',
  apply: rectify,
  derivative: reluSlope,
  loops: {
    apply: (input, out) => {
      for (let index = 0; index < out.length; index++) out[index] = rectify(entryAt(input, index))
    },
    along: (direction, x, _y, out) => {
      for (let index = 0; index < out.length; index++) {
        out[index] = entryAt(direction, index) * reluSlope(entryAt(x, index))
      }
    },
  },
  formula: (a) => plain(`max(${a}, 0)`, `\\max(${a}, 0)`),
  derivativeFormula: f.indicator(f.greaterThan(f.x, f.number(0))),
})

/**
 * max(a, 0), entry by entry. The derivative is 1 for a > 0 and 0 for a ≤ 0 (0 at the kink).
 *
 * @category Operations
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { graph, linalg } from 'gradfold'
 * const r = graph.relu(graph.input('Z', 1, 3))
 * assert.ok(r.tag === 'operation' && r.primitive.name === 'relu')
 * const z = linalg.fromFlat(1, 3, [-2, 0, 3])
 * assert.ok(E.isRight(z))
 * assert.deepStrictEqual(linalg.toRows(r.primitive.forward([z.right])), [[0, 0, 3]])
 */
export const relu = <Kind extends ValueKind>(a: Expression<Kind>): Expression<Kind> =>
  operation(a.valueKind, reluPrimitive, [a])

/** Leaky ReLU at x: x where x > 0 and slope·x elsewhere. */
export const leakyReluValue = (x: number, slope: number): number => (x > 0 ? x : slope * x)

/** Leaky ReLU′ at x: 1 where x > 0 and `slope` where x ≤ 0. The one place it is written. */
export const leakyReluSlope = (x: number, slope: number): number => (x > 0 ? 1 : slope)

/**
 * a where a > 0 and slope·a elsewhere, entry by entry, for a constant slope (a RangeError for a
 * non-finite slope). The derivative is 1 where a > 0 and `slope` where a ≤ 0 — at a = 0 it takes
 * `slope`, so leakyRelu(0) agrees with relu at the kink.
 */
export const leakyReluPrimitive = (slope: number): Primitive => {
  if (!Number.isFinite(slope))
    throw new RangeError(`leakyRelu: slope is ${slope}, expected a finite number`)
  return elementwise({
    name: `leakyRelu(${slope})`,
    apply: (x) => leakyReluValue(x, slope),
    derivative: (x) => leakyReluSlope(x, slope),
    formula: (a) =>
      plain(
        `(${a} > 0 ? ${a} : ${slope}·${a})`,
        `\\begin{cases} ${a} & ${a} > 0 \\\\ ${slope}\\,${a} & \\text{otherwise} \\end{cases}`,
      ),
    derivativeFormula: f.cases(f.greaterThan(f.x, f.number(0)), f.one, f.number(slope)),
  })
}

/**
 * a where a > 0 and slope·a elsewhere, entry by entry (slope 0.01 unless given); the derivative
 * at the kink a = 0 is `slope`.
 *
 * @category Operations
 * @example
 * import assert from 'node:assert'
 * import { graph, linalg } from 'gradfold'
 * const leaky = graph.leakyRelu(graph.scalarInput('z'), 0.1)
 * assert.ok(leaky.tag === 'operation' && leaky.primitive.name === 'leakyRelu(0.1)')
 * assert.strictEqual(linalg.get(leaky.primitive.forward([linalg.fill(1, 1, -5)]), 0, 0), -0.5)
 * assert.strictEqual(graph.leakyRelu(graph.scalarInput('z')).primitive.name, 'leakyRelu(0.01)')
 */
export const leakyRelu = <Kind extends ValueKind>(
  a: Expression<Kind>,
  slope = 0.01,
): Expression<Kind> => operation(a.valueKind, leakyReluPrimitive(slope), [a])

/** ELU at x: x where x > 0 and α·expm1(x) elsewhere (no cancellation near 0). */
export const eluValue = (x: number, alpha: number): number => (x > 0 ? x : alpha * Math.expm1(x))

/** ELU′ at x: 1 where x > 0 and α·eˣ elsewhere. The one place it is written. */
export const eluSlope = (x: number, alpha: number): number => (x > 0 ? 1 : alpha * Math.exp(x))

/**
 * The exponential linear unit: a where a > 0 and α(eᵃ − 1) elsewhere, entry by entry, for a
 * constant α (default 1; a RangeError for a non-finite α). It tends to −α as a → −∞ (elu(−1000)
 * is −α, never NaN). The derivative is 1 where a > 0 and y + α = α·eᵃ where a ≤ 0 — at a = 0 it
 * takes α, the slope from the left, as leakyRelu takes its slope there (for α = 1 both sides
 * agree). The left branch is computed as α·expm1(a) and its slope as α·eᵃ, so neither loses
 * digits to cancellation near 0 or far below it.
 */
export const eluPrimitive = (alpha = 1): Primitive => {
  if (!Number.isFinite(alpha))
    throw new RangeError(`elu: alpha is ${alpha}, expected a finite number`)
  return elementwise({
    name: `elu(${alpha})`,
    apply: (x) => eluValue(x, alpha),
    derivative: (x) => eluSlope(x, alpha),
    formula: (a) =>
      plain(
        `(${a} > 0 ? ${a} : ${alpha}·(exp(${a}) − 1))`,
        `\\begin{cases} ${a} & ${a} > 0 \\\\ ${alpha}\\,(e^{${a}} - 1) & \\text{otherwise} \\end{cases}`,
      ),
    derivativeFormula: f.cases(
      f.greaterThan(f.x, f.number(0)),
      f.one,
      f.plus(f.y, f.number(alpha)),
    ),
  })
}

/**
 * The exponential linear unit: a where a > 0 and α(eᵃ − 1) elsewhere, entry by entry (α = 1
 * unless given); it tends to −α far below 0. The derivative is 1 for a > 0 and y + α for a ≤ 0,
 * so at a = 0 it is α.
 *
 * @category Operations
 * @example
 * import assert from 'node:assert'
 * import { graph, linalg } from 'gradfold'
 * const e = graph.elu(graph.input('Z', 4, 3), 0.5)
 * assert.ok(e.tag === 'operation' && e.primitive.name === 'elu(0.5)' && e.valueKind === 'matrix')
 * assert.strictEqual(linalg.get(e.primitive.forward([linalg.fill(1, 1, -1000)]), 0, 0), -0.5)
 * assert.strictEqual(graph.elu(graph.scalarInput('z')).primitive.name, 'elu(1)')
 */
export const elu = <Kind extends ValueKind>(a: Expression<Kind>, alpha = 1): Expression<Kind> =>
  operation(a.valueKind, eluPrimitive(alpha), [a])

/** log(1 + eˣ), computed stably as max(x, 0) + log1p(e^−|x|). Its derivative is σ(x). */
export const softplusValue = (x: number): number =>
  Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)))

/**
 * log(1 + eᵃ), entry by entry, computed stably as max(a, 0) + log1p(e^−|a|): softplus(1000) is
 * 1000 and softplus(−1000) is 0 (e^−1000 underflows). Its derivative is σ(a).
 */
export const softplusPrimitive: Primitive = elementwise({
  name: 'softplus',
  apply: softplusValue,
  derivative: logistic,
  formula: (a) => plain(`log(1 + exp(${a}))`, `\\log(1 + e^{${a}})`),
  derivativeFormula: f.apply(sigma, f.x),
})

/**
 * log(1 + eᵃ), entry by entry, computed stably (softplus(1000) is 1000); its derivative is σ(a).
 *
 * @category Operations
 * @example
 * import assert from 'node:assert'
 * import { graph, linalg } from 'gradfold'
 * const s = graph.softplus(graph.scalarInput('z'))
 * assert.ok(s.tag === 'operation' && s.valueKind === 'scalar')
 * assert.strictEqual(linalg.get(s.primitive.forward([linalg.fill(1, 1, 0)]), 0, 0), Math.LN2)
 */
export const softplus = <Kind extends ValueKind>(a: Expression<Kind>): Expression<Kind> =>
  operation(a.valueKind, softplusPrimitive, [a])

/** x clamped to [low, high]. */
export const clampValue = (x: number, low: number, high: number): number =>
  Math.min(Math.max(x, low), high)

/** clamp′ at x: 1 on the closed interval [low, high], 0 outside. The one place it is written. */
export const clampSlope = (x: number, low: number, high: number): number =>
  x >= low && x <= high ? 1 : 0

/**
 * min(max(a, low), high), entry by entry, for constants low < high (a RangeError otherwise) —
 * the notebook's sigmoid clamps z to [−500, 500] this way. The derivative is 1 on the closed
 * interval low ≤ a ≤ high and 0 strictly outside it: at a boundary the gradient still passes
 * (the derivative from inside), as PyTorch's clamp does.
 */
export const clampPrimitive = (low: number, high: number): Primitive => {
  if (!Number.isFinite(low) || !Number.isFinite(high) || !(low < high))
    throw new RangeError(`clamp: bounds are [${low}, ${high}], expected finite low < high`)
  const cut = (x: number): number => clampValue(x, low, high)
  const slope = (x: number): number => clampSlope(x, low, high)
  return elementwise({
    name: `clamp(${low}, ${high})`,
    apply: cut,
    derivative: slope,
    loops: {
      apply: (input, out) => {
        for (let index = 0; index < out.length; index++) out[index] = cut(entryAt(input, index))
      },
      along: (direction, x, _y, out) => {
        for (let index = 0; index < out.length; index++) {
          out[index] = entryAt(direction, index) * slope(entryAt(x, index))
        }
      },
    },
    formula: (a) => plain(`clamp(${a}, ${low}, ${high})`, `\\min(\\max(${a}, ${low}), ${high})`),
    derivativeFormula: f.indicator(f.between(f.number(low), f.x, f.number(high))),
  })
}

/**
 * min(max(a, low), high), entry by entry — the notebook clamps z to [−500, 500] before its
 * sigmoid. The derivative is 1 for low ≤ a ≤ high (the boundaries included) and 0 outside.
 *
 * @category Operations
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { graph, linalg } from 'gradfold'
 * const c = graph.clamp(graph.input('Z', 1, 3), -500, 500)
 * assert.ok(c.tag === 'operation' && c.primitive.name === 'clamp(-500, 500)')
 * const z = linalg.fromFlat(1, 3, [-1000, 7, 1000])
 * assert.ok(E.isRight(z))
 * assert.deepStrictEqual(linalg.toRows(c.primitive.forward([z.right])), [[-500, 7, 500]])
 */
export const clamp = <Kind extends ValueKind>(
  a: Expression<Kind>,
  low: number,
  high: number,
): Expression<Kind> => operation(a.valueKind, clampPrimitive(low, high), [a])
