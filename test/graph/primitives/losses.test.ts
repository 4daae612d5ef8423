// Checks the fused losses, binary cross-entropy on logits and softmax cross-entropy: every law of
// check.checkPrimitive on targets that are probabilities (and on general targets, since both are
// linear in them), values derived by hand, stability at logits of ±1000, agreement with the
// unfused formulas, the gradient (softmax − one-hot)/m, and the typed builders.

import { fc, test as propertyTest } from '@fast-check/vitest'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, test } from 'vitest'
import { graph, linalg } from '../../../src/index.js'
import * as check from '../../../src/check/index.js'
import { right } from '../../support/either.js'

const { primitives } = graph

const matrix = (rows: readonly (readonly number[])[]): linalg.Matrix => right(linalg.fromRows(rows))

/** The 1×1 value of a loss. */
const lossOf = (primitive: graph.Primitive, z: linalg.Matrix, y: linalg.Matrix): number =>
  linalg.get(primitive.forward([z, y]), 0, 0)

/** The gradients with respect to logits and targets, for a cotangent of 1. */
const gradientsOf = (
  primitive: graph.Primitive,
  z: linalg.Matrix,
  y: linalg.Matrix,
): readonly linalg.Matrix[] => primitive.vjp([z, y], primitive.forward([z, y]), linalg.ones(1, 1))

const allFinite = (matrices: readonly linalg.Matrix[]): boolean =>
  matrices.every((m) => linalg.toFlat(m).every(Number.isFinite))

/** Each row divided by its sum (rows of positive entries become probability vectors). */
const normaliseRows = (m: linalg.Matrix): linalg.Matrix =>
  matrix(
    linalg.toRows(m).map((values) => {
      const total = values.reduce((a, b) => a + b, 0)
      return values.map((value) => value / total)
    }),
  )

// BCE's logits keep away from 0 in the laws: at z = 0 the loss does not move with y at all, and
// the five-point stencil of a constant c, (c − 8c) + 8c − c, rounds to ~1e-16 rather than 0 — a
// "gradient" of ~1e-14 that the law's relative error, with no rounding noise to weigh it (the
// output never moved), reports as 1e-6 against the exact 0. Both are right; the probe is not.

/** Logits in [−8, 8] and targets in [0, 1] of one random shape (BCE takes any shape). */
const logitsAndTargets = check.sizedOperands(2, ([rows, cols]) => [
  { rows, cols, min: -8, max: 8, avoid: [0] },
  { rows, cols, min: 0, max: 1 },
])

/** Logits in [−5, 5] and targets whose rows are probability vectors, of one random m×k shape. */
const logitsAndProbabilityRows = check
  .sizedOperands(2, ([rows, cols]) => [
    { rows, cols, min: -5, max: 5 },
    { rows, cols, min: 0.01, max: 1 },
  ])
  .map(([z, weights]) =>
    z === undefined || weights === undefined ? [] : [z, normaliseRows(weights)],
  )

/** Logits and general targets (not probabilities): the laws hold for them too. */
const logitsAndAnyTargets = check.sizedOperands(2, ([rows, cols]) => [
  { rows, cols, min: -5, max: 5, avoid: [0] },
  { rows, cols, min: -2, max: 2 },
])

/** A one-hot row for each class index. */
const oneHot = (classes: readonly number[], k: number): linalg.Matrix =>
  matrix(classes.map((c) => Array.from({ length: k }, (_, j) => (j === c ? 1 : 0))))

describe('laws (checkPrimitive, 200 runs each)', () => {
  test('binaryCrossEntropyWithLogits (targets in [0, 1])', () => {
    check.checkPrimitive(primitives.binaryCrossEntropyWithLogits, logitsAndTargets)
  })
  test('binaryCrossEntropyWithLogits (general targets)', () => {
    check.checkPrimitive(primitives.binaryCrossEntropyWithLogits, logitsAndAnyTargets)
  })
  test('softmaxCrossEntropy (probability rows)', () => {
    check.checkPrimitive(primitives.softmaxCrossEntropy, logitsAndProbabilityRows)
  })
  test('softmaxCrossEntropy (general targets: the rowSum(y) factor of its gradient)', () => {
    check.checkPrimitive(primitives.softmaxCrossEntropy, logitsAndAnyTargets)
  })
  test('the probability-row arbitrary gives rows that sum to 1', () => {
    fc.assert(
      fc.property(logitsAndProbabilityRows, ([, y]) => {
        if (y === undefined) return false
        return linalg.toFlat(linalg.rowSums(y)).every((total) => Math.abs(total - 1) < 1e-12)
      }),
    )
  })
})

describe('binaryCrossEntropyWithLogits by hand', () => {
  const bce = primitives.binaryCrossEntropyWithLogits

  test('at z = 0, y = 1 the loss is log 2 and the gradients are −1/2 and 0', () => {
    const z = matrix([[0]])
    const y = matrix([[1]])
    expect(lossOf(bce, z, y)).toBe(Math.LN2)
    const [dz, dy] = gradientsOf(bce, z, y)
    expect(dz && linalg.toFlat(dz)).toStrictEqual([-0.5])
    expect(dy && linalg.toFlat(dy).map((v) => v + 0)).toStrictEqual([0])
  })

  test('is stable at z = ±1000: 0 where the logit agrees with the target, 1000 where not', () => {
    const cases: readonly [number, number, number][] = [
      [1000, 1, 0],
      [1000, 0, 1000],
      [-1000, 0, 0],
      [-1000, 1, 1000],
    ]
    cases.forEach(([logit, target, expected]) => {
      const z = matrix([[logit]])
      const y = matrix([[target]])
      expect(lossOf(bce, z, y)).toBe(expected)
      const gradients = gradientsOf(bce, z, y)
      expect(gradients).toHaveLength(2)
      expect(allFinite(gradients)).toBe(true)
    })
    // the mean of the four: (0 + 1000 + 0 + 1000)/4, and dz = (σ(z) − y)/4 = [0, ¼, 0, −¼]
    const z = matrix([[1000], [1000], [-1000], [-1000]])
    const y = matrix([[1], [0], [0], [1]])
    expect(lossOf(bce, z, y)).toBe(500)
    const [dz, dy] = gradientsOf(bce, z, y)
    expect(dz && linalg.toFlat(dz)).toStrictEqual([0, 0.25, 0, -0.25])
    expect(dy && linalg.toFlat(dy)).toStrictEqual([-250, -250, 250, 250])
  })

  test('the gradient with respect to the targets is −z/n', () => {
    const z = matrix([[2], [-4]])
    const [, dy] = gradientsOf(bce, z, matrix([[0.3], [0.9]]))
    expect(dy && linalg.toFlat(dy)).toStrictEqual([-1, 2])
  })

  propertyTest.prop(
    [
      fc.array(
        fc.tuple(
          fc.double({ min: -10, max: 10, noNaN: true }),
          fc.double({ min: 0, max: 1, noNaN: true }),
        ),
        { minLength: 1, maxLength: 6 },
      ),
    ],
    { numRuns: 200 },
  )('equals −[y log σ(z) + (1 − y) log(1 − σ(z))] averaged, for moderate z', (pairs) => {
    const z = matrix(pairs.map(([logit]) => [logit]))
    const y = matrix(pairs.map(([, target]) => [target]))
    const p = linalg.toFlat(primitives.sigmoid.forward([z]))
    const unfused =
      pairs.reduce((total, [, target], index) => {
        const probability = p[index] ?? NaN
        return total - (target * Math.log(probability) + (1 - target) * Math.log(1 - probability))
      }, 0) / pairs.length
    expect(Number.isFinite(unfused)).toBe(true)
    expect(Math.abs(lossOf(bce, z, y) - unfused)).toBeLessThanOrEqual(1e-9 * (1 + unfused))
  })

  test('rejects logits and targets of different shapes', () => {
    expect(
      E.isLeft(
        bce.shape([
          { rows: 3, cols: 1 },
          { rows: 1, cols: 3 },
        ]),
      ),
    ).toBe(true)
    expect(
      bce.shape([
        { rows: 3, cols: 2 },
        { rows: 3, cols: 2 },
      ]),
    ).toStrictEqual(E.right({ rows: 1, cols: 1 }))
  })

  test('formulas', () => {
    expect(bce.formula(['z', 'y']).text).toBe('mean(max(z, 0) − z·y + log(1 + exp(−|z|)))')
    expect(bce.derivatives(['z', 'y'], 'L').map((d) => d.text)).toStrictEqual([
      '(σ(z) − y)/n',
      '−z/n',
    ])
  })
})

describe('softmaxCrossEntropy by hand', () => {
  const ce = primitives.softmaxCrossEntropy

  test('uniform logits over k classes cost log k; one row of 2 classes at 0 costs log 2', () => {
    expect(lossOf(ce, matrix([[0, 0]]), matrix([[0, 1]]))).toBe(Math.LN2)
    const value = lossOf(ce, matrix([[3, 3, 3, 3]]), matrix([[0.25, 0.25, 0.5, 0]]))
    expect(value).toBeCloseTo(Math.log(4), 14)
  })

  test('logits [[1000, 0]] against [[0, 1]] cost 1000, with finite gradients', () => {
    const z = matrix([[1000, 0]])
    const y = matrix([[0, 1]])
    expect(lossOf(ce, z, y)).toBe(1000)
    const [dz, dy] = gradientsOf(ce, z, y)
    expect(dz && linalg.toRows(dz)).toStrictEqual([[1, -1]])
    // −log softmax([1000, 0]) = [0, 1000]
    expect(dy && linalg.toRows(dy)).toStrictEqual([[0, 1000]])
    // and the confident, correct prediction costs 0
    expect(lossOf(ce, z, matrix([[1, 0]]))).toBe(0)
  })

  test('is the mean over rows, not the sum', () => {
    const z = matrix([
      [0, 0],
      [1000, 0],
    ])
    const y = matrix([
      [1, 0],
      [0, 1],
    ])
    expect(lossOf(ce, z, y)).toBe((Math.LN2 + 1000) / 2)
  })

  propertyTest.prop(
    [
      fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 })).chain(([m, k]) =>
        fc.tuple(
          fc.array(
            fc.array(fc.double({ min: -30, max: 30, noNaN: true }), {
              minLength: k,
              maxLength: k,
            }),
            { minLength: m, maxLength: m },
          ),
          fc.array(fc.integer({ min: 0, max: k - 1 }), { minLength: m, maxLength: m }),
          fc.constant(k),
        ),
      ),
    ],
    { numRuns: 200 },
  )('for one-hot targets the logit gradient is (softmax(z) − onehot)/m', ([rows, classes, k]) => {
    const z = matrix(rows)
    const y = oneHot(classes, k)
    const [dz] = gradientsOf(ce, z, y)
    const expected = linalg
      .toRows(primitives.softmaxRows.forward([z]))
      .map((values, i) => values.map((p, j) => (p - (classes[i] === j ? 1 : 0)) / rows.length))
    expect(dz).toBeDefined()
    if (dz === undefined) return
    expect(linalg.equals(dz, matrix(expected), { relative: 1e-12, absolute: 1e-15 })).toBe(true)
  })

  test('for one-hot targets the value is the mean of −log softmax at each row’s class', () => {
    const z = matrix([
      [0.5, -1, 2],
      [3, 0, -2],
    ])
    const p = linalg.toRows(primitives.softmaxRows.forward([z]))
    const expected = -(Math.log(p[0]?.[2] ?? NaN) + Math.log(p[1]?.[0] ?? NaN)) / 2
    expect(lossOf(ce, z, oneHot([2, 0], 3))).toBeCloseTo(expected, 14)
  })

  test('general targets: the logit gradient is (softmax·rowSum(y) − y)/m', () => {
    // softmax([0, 0]) = [½, ½], rowSum(y) = 3: ([1.5, 1.5] − [1, 2]) / 1
    const [dz] = gradientsOf(ce, matrix([[0, 0]]), matrix([[1, 2]]))
    expect(dz && linalg.toRows(dz)).toStrictEqual([[0.5, -0.5]])
  })

  test('rejects logits and targets of different shapes', () => {
    expect(
      E.isLeft(
        ce.shape([
          { rows: 2, cols: 3 },
          { rows: 2, cols: 2 },
        ]),
      ),
    ).toBe(true)
  })

  test('formulas', () => {
    expect(ce.derivatives(['z', 'y'], 'L').map((d) => d.text)).toStrictEqual([
      '(softmax(z)·Σⱼ y − y)/m (each row)',
      '−log softmax(z)/m',
    ])
  })
})

describe('typed builders', () => {
  test('take logits and targets as matrices and return scalars, with the records', () => {
    const Z = graph.input('Z', 4, 3)
    const Y = graph.input('Y', 4, 3)
    const bce = graph.binaryCrossEntropyWithLogits(Z, Y)
    const ce = graph.softmaxCrossEntropy(Z, Y)
    expect([bce.valueKind, ce.valueKind]).toStrictEqual(['scalar', 'scalar'])
    expect(bce.tag === 'operation' && bce.primitive).toBe(primitives.binaryCrossEntropyWithLogits)
    expect(ce.tag === 'operation' && ce.primitive).toBe(primitives.softmaxCrossEntropy)
  })

  test('a compiled graph with softmaxCrossEntropy differentiates to (softmax − y)/m', () => {
    const z = matrix([
      [1, 2, 3],
      [0, 0, 0],
    ])
    const y = oneHot([2, 1], 3)
    const loss = graph.softmaxCrossEntropy(graph.parameter('Z', 2, 3), graph.input('Y', 2, 3))
    const plan = right(graph.compile(loss))
    const result = right(graph.valueAndGradients(plan, { parameters: { Z: z }, inputs: { Y: y } }))
    expect(result.value).toBe(lossOf(primitives.softmaxCrossEntropy, z, y))
    const dZ = (result.gradients.parameters as { Z?: linalg.Matrix }).Z
    const expected = linalg
      .toRows(primitives.softmaxRows.forward([z]))
      .map((values, i) => values.map((p, j) => (p - linalg.get(y, i, j)) / 2))
    expect(dZ && linalg.equals(dZ, matrix(expected), { relative: 1e-14, absolute: 1e-16 })).toBe(
      true,
    )
  })
})
