// Element-wise activations and their relatives: exp, log, sigmoid, tanh, relu, leaky relu, elu,
// softplus and clamp — each an element-wise primitive, so its Jacobian is diagonal and the VJP and
// JVP both multiply by f′(x). Laws: sigmoid and softplus are computed so that no exponential
// overflows (finite at ±1000); at a kink the derivative takes the documented one-sided value.

import { plain, type Primitive } from '../primitive.js'
import { elementwise, entryAt } from './elementwise.js'

/** The logistic function 1/(1 + e^−x), computed so that no exponential overflows. */
export const logistic = (x: number): number => {
  if (x >= 0) return 1 / (1 + Math.exp(-x))
  const e = Math.exp(x)
  return e / (1 + e)
}

/** eᵃ, entry by entry (overflows to ∞ beyond a ≈ 709.78, as IEEE arithmetic does). */
export const exp: Primitive = elementwise({
  name: 'exp',
  apply: Math.exp,
  derivative: (_x, y) => y,
  formula: (a) => plain(`exp(${a})`, `e^{${a}}`),
  derivativeFormula: (a) => plain(`exp(${a})`, `e^{${a}}`),
})

/** The natural logarithm, entry by entry: defined for positive entries (log 0 = −∞, log of a negative is NaN). */
export const log: Primitive = elementwise({
  name: 'log',
  apply: Math.log,
  derivative: (x) => 1 / x,
  formula: (a) => plain(`log(${a})`, `\\log ${a}`),
  derivativeFormula: (a) => plain(`1/${a}`, `\\frac{1}{${a}}`),
})

/**
 * The logistic sigmoid σ(a) = 1/(1 + e^−a), entry by entry, computed stably: 1/(1 + e^−a) for
 * a ≥ 0 and eᵃ/(1 + eᵃ) otherwise, so σ(±1000) is 1 and 0, never NaN. σ′ = σ(1 − σ).
 */
export const sigmoid: Primitive = elementwise({
  name: 'sigmoid',
  apply: logistic,
  derivative: (_x, y) => y * (1 - y),
  loops: {
    apply: (input, out) => {
      for (let index = 0; index < out.length; index++) out[index] = logistic(entryAt(input, index))
    },
    along: (direction, _x, y, out) => {
      for (let index = 0; index < out.length; index++) {
        const result = entryAt(y, index)
        out[index] = entryAt(direction, index) * (result * (1 - result))
      }
    },
  },
  formula: (a) => plain(`σ(${a})`, `\\sigma(${a})`),
  derivativeFormula: (_a, y) => plain(`${y}(1 − ${y})`, `${y}(1 - ${y})`),
})

/** The hyperbolic tangent, entry by entry; tanh′ = 1 − tanh². */
export const tanh: Primitive = elementwise({
  name: 'tanh',
  apply: Math.tanh,
  derivative: (_x, y) => 1 - y * y,
  formula: (a) => plain(`tanh(${a})`, `\\tanh ${a}`),
  derivativeFormula: (_a, y) => plain(`1 − ${y}²`, `1 - ${y}^2`),
})

/**
 * max(a, 0), entry by entry. Its derivative is 1 where a > 0 and 0 where a ≤ 0: at the kink
 * a = 0 it takes 0, as PyTorch and JAX do.
 */
export const relu: Primitive = elementwise({
  name: 'relu',
  apply: (x) => Math.max(x, 0),
  derivative: (x) => (x > 0 ? 1 : 0),
  loops: {
    apply: (input, out) => {
      for (let index = 0; index < out.length; index++)
        out[index] = Math.max(entryAt(input, index), 0)
    },
    along: (direction, x, _y, out) => {
      for (let index = 0; index < out.length; index++) {
        out[index] = entryAt(direction, index) * (entryAt(x, index) > 0 ? 1 : 0)
      }
    },
  },
  formula: (a) => plain(`max(${a}, 0)`, `\\max(${a}, 0)`),
  derivativeFormula: (a) => plain(`[${a} > 0]`, `\\mathbb{1}[${a} > 0]`),
})

/**
 * a where a > 0 and slope·a elsewhere, entry by entry, for a constant slope (a RangeError for a
 * non-finite slope). The derivative is 1 where a > 0 and `slope` where a ≤ 0 — at a = 0 it takes
 * `slope`, so leakyRelu(0) agrees with relu at the kink.
 */
export const leakyRelu = (slope: number): Primitive => {
  if (!Number.isFinite(slope))
    throw new RangeError(`leakyRelu: slope is ${slope}, expected a finite number`)
  return elementwise({
    name: `leakyRelu(${slope})`,
    apply: (x) => (x > 0 ? x : slope * x),
    derivative: (x) => (x > 0 ? 1 : slope),
    formula: (a) =>
      plain(
        `(${a} > 0 ? ${a} : ${slope}·${a})`,
        `\\begin{cases} ${a} & ${a} > 0 \\\\ ${slope}\\,${a} & \\text{otherwise} \\end{cases}`,
      ),
    derivativeFormula: (a) =>
      plain(
        `(${a} > 0 ? 1 : ${slope})`,
        `\\begin{cases} 1 & ${a} > 0 \\\\ ${slope} & \\text{otherwise} \\end{cases}`,
      ),
  })
}

/**
 * The exponential linear unit: a where a > 0 and α(eᵃ − 1) elsewhere, entry by entry, for a
 * constant α (default 1; a RangeError for a non-finite α). It tends to −α as a → −∞ (elu(−1000)
 * is −α, never NaN). The derivative is 1 where a > 0 and y + α = α·eᵃ where a ≤ 0 — at a = 0 it
 * takes α, the slope from the left, as leakyRelu takes its slope there (for α = 1 both sides
 * agree). The left branch is computed as α·expm1(a) and its slope as α·eᵃ, so neither loses
 * digits to cancellation near 0 or far below it.
 */
export const elu = (alpha = 1): Primitive => {
  if (!Number.isFinite(alpha))
    throw new RangeError(`elu: alpha is ${alpha}, expected a finite number`)
  return elementwise({
    name: `elu(${alpha})`,
    apply: (x) => (x > 0 ? x : alpha * Math.expm1(x)),
    derivative: (x) => (x > 0 ? 1 : alpha * Math.exp(x)),
    formula: (a) =>
      plain(
        `(${a} > 0 ? ${a} : ${alpha}·(exp(${a}) − 1))`,
        `\\begin{cases} ${a} & ${a} > 0 \\\\ ${alpha}\\,(e^{${a}} - 1) & \\text{otherwise} \\end{cases}`,
      ),
    derivativeFormula: (a, y) =>
      plain(
        `(${a} > 0 ? 1 : ${y} + ${alpha})`,
        `\\begin{cases} 1 & ${a} > 0 \\\\ ${y} + ${alpha} & \\text{otherwise} \\end{cases}`,
      ),
  })
}

/**
 * log(1 + eᵃ), entry by entry, computed stably as max(a, 0) + log1p(e^−|a|): softplus(1000) is
 * 1000 and softplus(−1000) is 0 (e^−1000 underflows). Its derivative is σ(a).
 */
export const softplus: Primitive = elementwise({
  name: 'softplus',
  apply: (x) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))),
  derivative: (x) => logistic(x),
  formula: (a) => plain(`log(1 + exp(${a}))`, `\\log(1 + e^{${a}})`),
  derivativeFormula: (a) => plain(`σ(${a})`, `\\sigma(${a})`),
})

/**
 * min(max(a, low), high), entry by entry, for constants low < high (a RangeError otherwise) —
 * the notebook's sigmoid clamps z to [−500, 500] this way. The derivative is 1 on the closed
 * interval low ≤ a ≤ high and 0 strictly outside it: at a boundary the gradient still passes
 * (the derivative from inside), as PyTorch's clamp does.
 */
export const clamp = (low: number, high: number): Primitive => {
  if (!Number.isFinite(low) || !Number.isFinite(high) || !(low < high))
    throw new RangeError(`clamp: bounds are [${low}, ${high}], expected finite low < high`)
  return elementwise({
    name: `clamp(${low}, ${high})`,
    apply: (x) => Math.min(Math.max(x, low), high),
    derivative: (x) => (x >= low && x <= high ? 1 : 0),
    loops: {
      apply: (input, out) => {
        for (let index = 0; index < out.length; index++) {
          out[index] = Math.min(Math.max(entryAt(input, index), low), high)
        }
      },
      along: (direction, x, _y, out) => {
        for (let index = 0; index < out.length; index++) {
          const value = entryAt(x, index)
          out[index] = entryAt(direction, index) * (value >= low && value <= high ? 1 : 0)
        }
      },
    },
    formula: (a) => plain(`clamp(${a}, ${low}, ${high})`, `\\min(\\max(${a}, ${low}), ${high})`),
    derivativeFormula: (a) =>
      plain(`[${low} ≤ ${a} ≤ ${high}]`, `\\mathbb{1}[${low} \\le ${a} \\le ${high}]`),
  })
}
