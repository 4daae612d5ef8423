// Checks the activations: every law of check.checkPrimitive on operands inside each domain and
// away from each kink (finite differences of VJP and JVP, adjointness, the derivative terms
// against the VJP, the loops against the declared rule), values and slopes derived by hand,
// stability at ±1000, the kink and boundary conventions, and the typed builders beside each
// record.

import { describe, expect, test } from 'vitest'
import { graph, linalg } from '../../../src/index.js'
import * as check from '../../../src/check/index.js'
import { right } from '../../support/either.js'

const { primitives } = graph

const row = (values: readonly number[]): linalg.Matrix => right(linalg.rowVector(values))

/** f(x) for each x, through the primitive's forward. */
const values = (primitive: graph.Primitive, xs: readonly number[]): number[] =>
  linalg.toFlat(primitive.forward([row(xs)]))

/** f′(x) for each x, through the primitive's VJP with a cotangent of ones. */
const slopes = (primitive: graph.Primitive, xs: readonly number[]): number[] => {
  const x = row(xs)
  const [gradient] = primitive.vjp([x], primitive.forward([x]), linalg.ones(1, xs.length))
  return gradient === undefined ? [] : linalg.toFlat(gradient)
}

/** f′(x) for each x, through the primitive's JVP with a tangent of ones. */
const tangentSlopes = (primitive: graph.Primitive, xs: readonly number[]): number[] => {
  const x = row(xs)
  return linalg.toFlat(primitive.jvp([x], primitive.forward([x]), [linalg.ones(1, xs.length)]))
}

/** One operand of a random shape up to 4×4 with entries under `constraints`. */
const operand = (constraints: check.EntryConstraints = {}) =>
  check.sizedOperands(2, ([rows, cols]) => [{ rows, cols }], constraints)

describe('laws (checkPrimitive, 200 runs each)', () => {
  test('exp', () => {
    check.checkPrimitive(primitives.exp, operand())
  })
  test('log (positive entries)', () => {
    check.checkPrimitive(primitives.log, operand({ min: 0.1, max: 10 }))
  })
  test('sigmoid', () => {
    check.checkPrimitive(primitives.sigmoid, operand({ min: -8, max: 8 }))
  })
  test('tanh', () => {
    check.checkPrimitive(primitives.tanh, operand())
  })
  test('relu (away from the kink at 0)', () => {
    check.checkPrimitive(primitives.relu, operand({ avoid: [0] }))
  })
  test.each([0.01, 0.2, -0.5])('leakyRelu(%d) (away from the kink at 0)', (slope) => {
    check.checkPrimitive(primitives.leakyRelu(slope), operand({ avoid: [0] }))
  })
  test.each([1, 0.5, 2])('elu(%d) (away from the kink at 0)', (alpha) => {
    check.checkPrimitive(primitives.elu(alpha), operand({ min: -8, max: 8, avoid: [0] }))
  })
  test('softplus', () => {
    check.checkPrimitive(primitives.softplus, operand({ min: -8, max: 8 }))
  })
  test('clamp(−1, 1) (away from the bounds)', () => {
    check.checkPrimitive(primitives.clamp(-1, 1), operand({ avoid: [-1, 1] }))
  })
})

describe('values and slopes derived by hand', () => {
  test('exp and log: e⁰ = 1 with slope 1; log 1 = 0 with slope 1, log e = 1', () => {
    expect(values(primitives.exp, [0, 1])).toStrictEqual([1, Math.E])
    expect(slopes(primitives.exp, [0, 1])).toStrictEqual([1, Math.E])
    expect(values(primitives.log, [1, Math.E])).toStrictEqual([0, 1])
    expect(slopes(primitives.log, [1, 4])).toStrictEqual([1, 0.25])
  })

  test('log outside its domain follows IEEE: log 0 = −∞, log −1 = NaN', () => {
    expect(values(primitives.log, [0, -1])).toStrictEqual([-Infinity, NaN])
  })

  test('sigmoid(0) = 0.5, sigmoid′(0) = 0.25; sigmoid(ln 3) = 0.75 with slope 3/16', () => {
    expect(values(primitives.sigmoid, [0])).toStrictEqual([0.5])
    expect(slopes(primitives.sigmoid, [0])).toStrictEqual([0.25])
    const [value = NaN] = values(primitives.sigmoid, [Math.log(3)])
    const [slope = NaN] = slopes(primitives.sigmoid, [Math.log(3)])
    expect(value).toBeCloseTo(0.75, 15)
    expect(slope).toBeCloseTo(3 / 16, 15)
  })

  test('sigmoid is stable: σ(1000) = 1, σ(−1000) = 0, slopes 0, no NaN', () => {
    expect(values(primitives.sigmoid, [1000, -1000])).toStrictEqual([1, 0])
    expect(slopes(primitives.sigmoid, [1000, -1000])).toStrictEqual([0, 0])
  })

  test('sigmoid(−x) = 1 − sigmoid(x) to rounding', () => {
    const xs = [0.5, 3, 20]
    const positive = values(primitives.sigmoid, xs)
    values(
      primitives.sigmoid,
      xs.map((x) => -x),
    ).forEach((value, index) => {
      expect(value).toBeCloseTo(1 - (positive[index] ?? NaN), 15)
    })
  })

  test('tanh(0) = 0 with slope 1; tanh(±1000) = ±1 with slope 0', () => {
    expect(values(primitives.tanh, [0, 1000, -1000])).toStrictEqual([0, 1, -1])
    expect(slopes(primitives.tanh, [0, 1000, -1000])).toStrictEqual([1, 0, 0])
  })

  test('relu: max(x, 0); slope 1 above 0 and 0 at and below the kink', () => {
    expect(values(primitives.relu, [-2, 0, 3])).toStrictEqual([0, 0, 3])
    expect(slopes(primitives.relu, [-2, 0, 3])).toStrictEqual([0, 0, 1])
    expect(tangentSlopes(primitives.relu, [-2, 0, 3])).toStrictEqual([0, 0, 1])
  })

  test('leakyRelu(0.1): slope 0.1 at and below the kink, 1 above', () => {
    const leaky = primitives.leakyRelu(0.1)
    expect(values(leaky, [-2, 0, 3])).toStrictEqual([-0.2, 0, 3])
    expect(slopes(leaky, [-2, 0, 3])).toStrictEqual([0.1, 0.1, 1])
  })

  test('elu(1): x above 0, eˣ − 1 below; slope 1 above and eˣ = y + 1 below', () => {
    const elu = primitives.elu()
    expect(elu.name).toBe('elu(1)')
    expect(values(elu, [-1, 0, 3])).toStrictEqual([Math.expm1(-1), 0, 3])
    expect(slopes(elu, [-1, 3])).toStrictEqual([Math.exp(-1), 1])
    expect(tangentSlopes(elu, [-1, 3])).toStrictEqual([Math.exp(-1), 1])
    const [y = NaN] = values(elu, [-2])
    const [slope = NaN] = slopes(elu, [-2])
    expect(slope).toBeCloseTo(y + 1, 15)
  })

  test('elu(α) tends to −α far below 0: elu(−1000) = −α with slope 0, no NaN', () => {
    expect(values(primitives.elu(2), [-1000, -50])).toStrictEqual([-2, -2])
    expect(slopes(primitives.elu(2), [-1000]).map((s) => s + 0)).toStrictEqual([0])
    expect(values(primitives.elu(0.5), [1000])).toStrictEqual([1000])
  })

  test('elu(α) at the kink: value 0, slope α (the slope from the left, y + α with y = 0)', () => {
    expect(values(primitives.elu(0.5), [0])).toStrictEqual([0])
    expect(slopes(primitives.elu(0.5), [0])).toStrictEqual([0.5])
    expect(tangentSlopes(primitives.elu(0.5), [0])).toStrictEqual([0.5])
    expect(slopes(primitives.elu(2), [0, Number.MIN_VALUE])).toStrictEqual([2, 1])
    // for α = 1 the slopes from either side agree at 0
    expect(slopes(primitives.elu(1), [0, Number.MIN_VALUE])).toStrictEqual([1, 1])
  })

  test('elu(α) below 0 is α(eˣ − 1), with slope y + α', () => {
    const xs = [-3, -0.5, -1e-9]
    const alpha = 1.5
    const ys = values(primitives.elu(alpha), xs)
    ys.forEach((y, index) => {
      const x = xs[index] ?? NaN
      expect(y).toBeCloseTo(alpha * (Math.exp(x) - 1), 15)
    })
    slopes(primitives.elu(alpha), xs).forEach((slope, index) => {
      expect(slope).toBeCloseTo((ys[index] ?? NaN) + alpha, 15)
    })
  })

  test('softplus(0) = log 2 with slope 1/2', () => {
    expect(values(primitives.softplus, [0])).toStrictEqual([Math.LN2])
    expect(slopes(primitives.softplus, [0])).toStrictEqual([0.5])
  })

  test('softplus is stable: softplus(1000) = 1000, softplus(−1000) = 0, slopes 1 and 0', () => {
    expect(values(primitives.softplus, [1000, -1000])).toStrictEqual([1000, 0])
    expect(slopes(primitives.softplus, [1000, -1000])).toStrictEqual([1, 0])
  })

  test('softplus′ = sigmoid', () => {
    const xs = [-3, -0.5, 0.25, 4]
    expect(slopes(primitives.softplus, xs)).toStrictEqual(values(primitives.sigmoid, xs))
  })

  test('clamp(−500, 500) as in the notebook: values outside are cut, slope 1 on the closed interval', () => {
    const clamp = primitives.clamp(-500, 500)
    const xs = [-1000, -500, 0, 500, 1000]
    expect(values(clamp, xs)).toStrictEqual([-500, -500, 0, 500, 500])
    expect(slopes(clamp, xs)).toStrictEqual([0, 1, 1, 1, 0])
  })

  test('formulas', () => {
    expect(primitives.sigmoid.formula(['z'])).toStrictEqual({ text: 'σ(z)', tex: '\\sigma(z)' })
    expect(primitives.sigmoid.derivatives(['z'], 'a')[0]?.text).toBe('a(1 − a)')
    expect(primitives.relu.derivatives(['z'], 'a')[0]?.text).toBe('[z > 0]')
    expect(primitives.clamp(-500, 500).derivatives(['z'], 'c')[0]?.text).toBe('[-500 ≤ z ≤ 500]')
    expect(primitives.elu(1).formula(['z']).text).toBe('(z > 0 ? z : 1·(exp(z) − 1))')
    expect(primitives.elu(0.5).derivatives(['z'], 'a')[0]?.text).toBe('(z > 0 ? 1 : a + 0.5)')
  })

  test('bad constants are RangeErrors', () => {
    expect(() => primitives.leakyRelu(Number.NaN)).toThrow(RangeError)
    expect(() => primitives.elu(Number.POSITIVE_INFINITY)).toThrow(/elu: alpha is Infinity/)
    expect(() => primitives.clamp(1, -1)).toThrow(/expected finite low < high/)
    expect(() => primitives.clamp(0, 0)).toThrow(RangeError)
    expect(() => primitives.clamp(-Infinity, 0)).toThrow(RangeError)
  })
})

describe('typed builders', () => {
  test('keep the kind of their operand and use the records', () => {
    const z = graph.scalarInput('z')
    const Z = graph.input('Z', 3, 2)
    const unary = [graph.exp, graph.log, graph.sigmoid, graph.tanh, graph.relu, graph.softplus]
    const records = [
      primitives.exp,
      primitives.log,
      primitives.sigmoid,
      primitives.tanh,
      primitives.relu,
      primitives.softplus,
    ]
    unary.forEach((build, index) => {
      const scalar = build(z)
      const matrix = build(Z)
      expect(scalar.valueKind).toBe('scalar')
      expect(matrix.valueKind).toBe('matrix')
      expect(scalar.tag === 'operation' && scalar.primitive).toBe(records[index])
    })
    const leaky = graph.leakyRelu(Z)
    const clamped = graph.clamp(z, -500, 500)
    expect(leaky.tag === 'operation' && leaky.primitive.name).toBe('leakyRelu(0.01)')
    expect(clamped.tag === 'operation' && clamped.primitive.name).toBe('clamp(-500, 500)')
    expect(clamped.valueKind).toBe('scalar')
    const elu = graph.elu(z)
    const eluHalf = graph.elu(Z, 0.5)
    expect(elu.tag === 'operation' && elu.primitive.name).toBe('elu(1)')
    expect(eluHalf.tag === 'operation' && eluHalf.primitive.name).toBe('elu(0.5)')
    expect([elu.valueKind, eluHalf.valueKind]).toStrictEqual(['scalar', 'matrix'])
  })
})

describe('the whole-buffer loops of the hot activations', () => {
  // Entries across both signs, the kinks and the clamp's bounds and beyond.
  const xs = [-1e3, -600, -500, -3.5, -1, -1e-300, -0, 0, 1e-300, 0.25, 1, 2.5, 500, 600, 1e3]
  const direction = xs.map((_, index) => (index % 3) - 1.25)
  const logistic = (x: number): number =>
    x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x))
  // Each function and its derivative written out here, independently of the records.
  const cases = [
    {
      primitive: primitives.relu,
      f: (x: number) => Math.max(x, 0),
      slope: (x: number) => (x > 0 ? 1 : 0),
    },
    {
      primitive: primitives.sigmoid,
      f: logistic,
      slope: (x: number) => logistic(x) * (1 - logistic(x)),
    },
    {
      primitive: primitives.clamp(-500, 500),
      f: (x: number) => Math.min(Math.max(x, -500), 500),
      slope: (x: number) => (x >= -500 && x <= 500 ? 1 : 0),
    },
  ]

  for (const { primitive, f, slope } of cases) {
    test(`${primitive.name}: forward and VJP are f(x) and g·f′(x) entry by entry, bit for bit`, () => {
      const x = row(xs)
      const y = primitive.forward([x])
      expect(linalg.toFlat(y)).toStrictEqual(xs.map(f))
      const [gradient] = primitive.vjp([x], y, row(direction))
      expect(gradient === undefined ? [] : linalg.toFlat(gradient)).toStrictEqual(
        xs.map((value, index) => (direction[index] ?? Number.NaN) * slope(value)),
      )
    })

    test(`${primitive.name}: the loops equal the record's declared rule at the kinks and at ±1000`, () => {
      expect(primitive.reference).toBeDefined()
      const d = row(direction)
      expect(check.referenceViolations(primitive, [row(xs)], d, [d])).toStrictEqual([])
    })
  }

  test('the other activations have no loops, so no declared rule to keep apart', () => {
    for (const primitive of [
      primitives.exp,
      primitives.tanh,
      primitives.softplus,
      primitives.elu(),
    ]) {
      expect(primitive.reference).toBeUndefined()
    }
  })
})
