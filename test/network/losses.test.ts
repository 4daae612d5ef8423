// Losses against their formulas written out here: the notebook's mse (a mean over every entry),
// half-mse 1/(2m)·Σ, binary cross-entropy with its ε clamp; the L2 penalty over weights only.

import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, test } from 'vitest'
import { graph, linalg, network, random } from '../../src/index.js'
import { left, right } from '../support/either.js'
import { dense } from './support.js'

const P = right(
  linalg.fromRows([
    [0.9, 0.2],
    [0.4, 0.7],
    [0.1, 0.5],
  ]),
)
const Y = right(
  linalg.fromRows([
    [1, 0],
    [0, 1],
    [0, 0],
  ]),
)

const lossOf = (name: network.LossName, p: linalg.Matrix, y: linalg.Matrix): number => {
  const expression = network.lossExpression(
    name,
    graph.input('P', p.rows, p.cols),
    graph.input('Y', y.rows, y.cols),
    y,
  )
  return linalg.get(
    right(
      E.chain((plan: graph.Plan) => graph.evaluate(plan, { inputs: { P: p, Y: y } }))(
        graph.compile(expression),
      ),
    ),
    0,
    0,
  )
}

const pairs = (p: linalg.Matrix, y: linalg.Matrix): (readonly [number, number])[] => {
  const targets = linalg.toFlat(y)
  return linalg.toFlat(p).map((value, index) => [value, targets[index] ?? Number.NaN] as const)
}

describe('lossExpression', () => {
  test("mse is the notebook's np.mean((y_pred - y)**2) over all six entries", () => {
    const expected = pairs(P, Y).reduce((total, [p, y]) => total + (p - y) ** 2, 0) / 6
    expect(lossOf('mse', P, Y)).toBeCloseTo(expected, 15)
  })

  test('halfMse is 1/(2m)·Σ(ŷ − y)² with m = 3 rows', () => {
    const expected = pairs(P, Y).reduce((total, [p, y]) => total + (p - y) ** 2, 0) / (2 * 3)
    expect(lossOf('halfMse', P, Y)).toBeCloseTo(expected, 15)
  })

  test('binaryCrossEntropy is −mean(y·log p + (1 − y)·log(1 − p))', () => {
    const expected =
      -pairs(P, Y).reduce(
        (total, [p, y]) => total + y * Math.log(p) + (1 - y) * Math.log(1 - p),
        0,
      ) / 6
    expect(lossOf('binaryCrossEntropy', P, Y)).toBeCloseTo(expected, 14)
  })

  test('binaryCrossEntropy clamps to [ε, 1 − ε], so certain wrong answers cost −log ε, not ∞', () => {
    const wrong = right(linalg.fromRows([[0, 1]]))
    const truth = right(linalg.fromRows([[1, 0]]))
    expect(network.BCE_EPSILON).toBe(1e-7)
    expect(lossOf('binaryCrossEntropy', wrong, truth)).toBeCloseTo(-Math.log(1e-7), 6)
  })

  test('binaryCrossEntropyWithLogits on logits equals binaryCrossEntropy on σ(logits)', () => {
    const Z = right(
      linalg.fromRows([
        [2.5, -1],
        [0.3, -4],
        [-0.7, 1.2],
      ]),
    )
    const sigmoid = right(linalg.map(Z, (z) => 1 / (1 + Math.exp(-z))))
    expect(lossOf('binaryCrossEntropyWithLogits', Z, Y)).toBeCloseTo(
      lossOf('binaryCrossEntropy', sigmoid, Y),
      12,
    )
    const huge = right(linalg.fromRows([[1000, -1000]]))
    expect(lossOf('binaryCrossEntropyWithLogits', huge, right(linalg.fromRows([[0, 1]])))).toBe(
      1000,
    )
  })

  test('softmaxCrossEntropy is the mean over rows of −Σ y·log softmax(z)', () => {
    const Z = right(
      linalg.fromRows([
        [1, 2],
        [0.5, -0.5],
        [3, 3],
      ]),
    )
    const oneHot = right(
      linalg.fromRows([
        [0, 1],
        [1, 0],
        [1, 0],
      ]),
    )
    const expected =
      (-Math.log(Math.exp(2) / (Math.exp(1) + Math.exp(2))) -
        Math.log(Math.exp(0.5) / (Math.exp(0.5) + Math.exp(-0.5))) +
        Math.LN2) /
      3
    expect(lossOf('softmaxCrossEntropy', Z, oneHot)).toBeCloseTo(expected, 14)
  })

  test('parseLoss refuses unknown names', () => {
    expect(left(network.parseLoss('hinge', 'loss')).message).toBe(
      'loss: unknown loss hinge (expected one of mse, halfMse, binaryCrossEntropy, binaryCrossEntropyWithLogits, softmaxCrossEntropy)',
    )
  })
})

describe('l2Penalty', () => {
  const net = right(
    network.sequential(
      2,
      [
        { kind: 'dense', outputs: 3, activation: 'relu' },
        { kind: 'dropout', rate: 0.5 },
        { kind: 'dense', outputs: 1, activation: 'linear' },
      ],
      { key: random.key(4) },
    ),
  )
  const plan = right(graph.compile(network.l2Penalty(net, 0.25)))
  const result = right(graph.valueAndGradients(plan, { parameters: net.parameters }))

  test('is λ·Σ‖W‖² over the weights, skipping biases and dropout layers', () => {
    const squares = [0, 2]
      .map((index) => linalg.toFlat(dense(net.parameters, index).W))
      .flat()
      .reduce((total, w) => total + w * w, 0)
    expect(result.value).toBeCloseTo(0.25 * squares, 14)
  })

  test('its gradient is 2λW for weights and zero for biases', () => {
    const gradients = result.gradients.parameters
    const layer = (index: number) => {
      const found = graph
        .leaves(gradients)
        .find(([path]) => graph.formatPath(path) === `layers[${index}].W`)
      if (found === undefined) throw new Error('missing')
      return found[1]
    }
    for (const index of [0, 2]) {
      expect(linalg.toFlat(layer(index))).toStrictEqual(
        linalg.toFlat(dense(net.parameters, index).W).map((w) => 2 * 0.25 * w),
      )
    }
    const bias = graph.leaves(gradients).find(([path]) => graph.formatPath(path) === 'layers[0].b')
    expect(bias === undefined ? [] : linalg.toFlat(bias[1])).toStrictEqual([0, 0, 0])
  })

  test('refuses a negative λ', () => {
    expect(() => network.l2Penalty(net, -1)).toThrow(
      'l2Penalty: lambda is -1, expected a finite number ≥ 0',
    )
  })
})
