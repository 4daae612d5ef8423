// The objective: the notebook's 2-3-1 walkthrough (forward values, every gradient, intermediate
// ones from the graph's trace) against the notebook's own numbers and its hand-derived formulas;
// gradients against central differences for random small networks; determinism; no mutation.

import { fc, test as propertyTest } from '@fast-check/vitest'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, test } from 'vitest'
import { graph, linalg, network, random } from '../../src/index.js'
import { left, right } from '../support/either.js'
import {
  dense,
  maxRelativeError,
  notebookNetwork,
  walkthrough,
  walkthroughNumber,
  walkthroughTop,
} from './support.js'

const X = walkthroughTop('input_X')
const y = walkthroughTop('target_y')
const batch = { X, y }
const TOLERANCE = 1e-12

/** The gradient flowing into the node labelled `label`: the sum of its backward contributions. */
const gradientInto = (trace: graph.Trace, label: string): linalg.Matrix => {
  const step = trace.forward.find((entry) => entry.node === label)
  if (step === undefined) throw new Error(`no node ${label}`)
  const contributions = trace.backward
    .filter((entry) => entry.operandPosition === step.position)
    .map((entry) => entry.contribution)
  const [first, ...rest] = contributions
  if (first === undefined) throw new Error(`no gradient reaches ${label}`)
  return rest.reduce((sum, next) => right(linalg.add(sum, next)), first)
}

const valueOf = (trace: graph.Trace, label: string): linalg.Matrix => {
  const step = trace.forward.find((entry) => entry.node === label)
  if (step === undefined) throw new Error(`no node ${label}`)
  return step.value
}

describe("the notebook's 2-3-1 walkthrough", () => {
  const net = notebookNetwork()
  const built = right(network.objective(net, batch, { loss: 'mse' }))
  const { trace, value } = right(graph.traceGradients(built.plan, built.bindings))
  const result = right(network.valueAndGradients(net, batch, { loss: 'mse' }))

  test('forward values z1, a1, z2, a2 and the loss equal the notebook to 1e-12', () => {
    for (const name of ['z1', 'a1', 'z2', 'a2']) {
      expect(maxRelativeError(valueOf(trace, name), walkthrough('forward', name))).toBeLessThan(
        TOLERANCE,
      )
    }
    const expected = walkthroughNumber('forward', 'loss')
    expect(Math.abs(value - expected) / expected).toBeLessThan(TOLERANCE)
    expect(Math.abs(result.loss - expected) / expected).toBeLessThan(TOLERANCE)
    expect(right(network.loss(net, batch, 'mse'))).toBe(result.loss)
  })

  test('every parameter gradient from valueAndGradients equals the notebook to 1e-12', () => {
    const [first, second] = [dense(result.gradients, 0), dense(result.gradients, 1)]
    expect(maxRelativeError(first.W, walkthrough('backward', 'dL_dW1'))).toBeLessThan(TOLERANCE)
    expect(maxRelativeError(first.b, walkthrough('backward', 'dL_db1'))).toBeLessThan(TOLERANCE)
    expect(maxRelativeError(second.W, walkthrough('backward', 'dL_dW2'))).toBeLessThan(TOLERANCE)
    expect(maxRelativeError(second.b, walkthrough('backward', 'dL_db2'))).toBeLessThan(TOLERANCE)
  })

  test('the intermediate gradients dL/da2, dL/dz2, dL/da1, dL/dz1 from the trace equal the notebook', () => {
    for (const [label, name] of [
      ['a2', 'dL_da2'],
      ['z2', 'dL_dz2'],
      ['a1', 'dL_da1'],
      ['z1', 'dL_dz1'],
    ] as const) {
      expect(
        maxRelativeError(gradientInto(trace, label), walkthrough('backward', name)),
      ).toBeLessThan(TOLERANCE)
    }
    const slope = (a: linalg.Matrix) => right(linalg.mul(a, right(linalg.map(a, (x) => 1 - x))))
    const slope2 = slope(valueOf(trace, 'a2'))
    const slope1 = slope(valueOf(trace, 'a1'))
    expect(maxRelativeError(slope2, walkthrough('backward', 'da2_dz2'))).toBeLessThan(TOLERANCE)
    expect(maxRelativeError(slope1, walkthrough('backward', 'da1_dz1'))).toBeLessThan(TOLERANCE)
  })

  test("the notebook's hand-derived formulas agree with the algebra's gradients", () => {
    const { W: W1, b: b1 } = dense(net.parameters, 0)
    const { W: W2, b: b2 } = dense(net.parameters, 1)
    const sigmoid = (z: linalg.Matrix) => right(linalg.map(z, (v) => 1 / (1 + Math.exp(-v))))
    const m = X.rows
    // Forward, as the notebook writes it.
    const z1 = right(linalg.addRowVector(right(linalg.matmul(X, W1)), b1))
    const a1 = sigmoid(z1)
    const z2 = right(linalg.addRowVector(right(linalg.matmul(a1, W2)), b2))
    const a2 = sigmoid(z2)
    // Backward: dL/da2 = 2(ŷ − y)/m, dL/dz2 = dL/da2 ⊙ a2(1 − a2), dL/dW2 = a1ᵀ·dL/dz2,
    // dL/db2 = Σ_rows dL/dz2, dL/da1 = dL/dz2·W2ᵀ, dL/dz1 = dL/da1 ⊙ a1(1 − a1),
    // dL/dW1 = Xᵀ·dL/dz1, dL/db1 = Σ_rows dL/dz1.
    const sigmoidSlope = (a: linalg.Matrix) =>
      right(linalg.mul(a, right(linalg.map(a, (v) => 1 - v))))
    const dA2 = linalg.scale(right(linalg.sub(a2, y)), 2 / m)
    const dZ2 = right(linalg.mul(dA2, sigmoidSlope(a2)))
    const dW2 = right(linalg.matmulTransposeA(a1, dZ2))
    const db2 = linalg.columnSums(dZ2)
    const dA1 = right(linalg.matmulTransposeB(dZ2, W2))
    const dZ1 = right(linalg.mul(dA1, sigmoidSlope(a1)))
    const dW1 = right(linalg.matmulTransposeA(X, dZ1))
    const db1 = linalg.columnSums(dZ1)
    const hand: readonly (readonly [linalg.Matrix, linalg.Matrix])[] = [
      [dA2, gradientInto(trace, 'a2')],
      [dZ2, gradientInto(trace, 'z2')],
      [dA1, gradientInto(trace, 'a1')],
      [dZ1, gradientInto(trace, 'z1')],
      [dW2, dense(result.gradients, 1).W],
      [db2, dense(result.gradients, 1).b],
      [dW1, dense(result.gradients, 0).W],
      [db1, dense(result.gradients, 0).b],
    ]
    for (const [byHand, byAlgebra] of hand) {
      expect(maxRelativeError(byAlgebra, byHand)).toBeLessThan(TOLERANCE)
    }
    // and the hand formulas reproduce the notebook's printed numbers
    expect(maxRelativeError(dW1, walkthrough('backward', 'dL_dW1'))).toBeLessThan(TOLERANCE)
    expect(maxRelativeError(dZ2, walkthrough('backward', 'dL_dz2'))).toBeLessThan(TOLERANCE)
  })

  test('the gradient tree is shaped exactly like the parameters', () => {
    const paths = (tree: graph.Tree) =>
      graph.leaves(tree).map(([path, leaf]) => [graph.formatPath(path), leaf.rows, leaf.cols])
    expect(paths(result.gradients)).toStrictEqual(paths(net.parameters))
  })
})

const activationArbitrary = fc.constantFrom(...network.activationNames)

/** One-hot rows marking each row's largest entry. */
const oneHotRows = (scores: linalg.Matrix): linalg.Matrix => {
  const winners = linalg.rowArgmax(scores)
  return right(
    linalg.fromFlat(
      scores.rows,
      scores.cols,
      Array.from({ length: scores.rows * scores.cols }, (_, index) =>
        winners[Math.floor(index / scores.cols)] === index % scores.cols ? 1 : 0,
      ),
    ),
  )
}

/** A small random mlp, a batch for it and a loss, all from a seed. */
const cases = fc
  .record({
    widths: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 2, maxLength: 4 }),
    hidden: activationArbitrary,
    output: activationArbitrary,
    loss: fc.constantFrom(
      'mse',
      'halfMse',
      'binaryCrossEntropy',
      'binaryCrossEntropyWithLogits',
      'softmaxCrossEntropy',
    ),
    rows: fc.integer({ min: 1, max: 3 }),
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  })
  .map(({ widths, hidden, output, loss, rows, seed }) => {
    const [netKey, xKey, yKey, biasKey] = random.split(random.key(seed), 4)
    if (netKey === undefined || xKey === undefined || yKey === undefined || biasKey === undefined) {
      throw new Error('split')
    }
    const outputs = widths[widths.length - 1] ?? 1
    const bce = loss === 'binaryCrossEntropy' || loss === 'binaryCrossEntropyWithLogits'
    // The logit losses fuse with their activation or read a linear output; plain BCE needs σ.
    const outputActivation =
      loss === 'binaryCrossEntropy'
        ? 'sigmoid'
        : loss === 'binaryCrossEntropyWithLogits'
          ? output === 'linear'
            ? 'linear'
            : 'sigmoid'
          : loss === 'softmaxCrossEntropy'
            ? output === 'linear'
              ? 'linear'
              : 'softmax'
            : output
    const initial = right(
      network.mlp(widths, {
        hidden,
        output: outputActivation,
        init: network.glorotNormal,
        key: netKey,
      }),
    )
    // Random biases too, so no relu sits exactly on its kink (zero biases can put z at 0).
    const net = right(
      network.applyUpdates(
        initial,
        graph.mapTree(initial.parameters, (leaf, path) =>
          path[path.length - 1] === 'b'
            ? random.normal(random.foldIn(biasKey, Number(path[1])), leaf.rows, leaf.cols)
            : linalg.zeros(leaf.rows, leaf.cols),
        ),
      ),
    )
    const inputs = random.uniform(xKey, rows, widths[0] ?? 1, { min: -2, max: 2 })
    const targets =
      loss === 'softmaxCrossEntropy'
        ? oneHotRows(random.uniform(yKey, rows, outputs))
        : bce
          ? random.bernoulli(yKey, rows, outputs, 0.5)
          : random.uniform(yKey, rows, outputs, { min: -1, max: 1 })
    return { net, batch: { X: inputs, y: targets }, loss }
  })

const withEntry = (
  parameters: network.Network['parameters'],
  target: string,
  index: number,
  delta: number,
): network.Network['parameters'] =>
  graph.mapTree(parameters, (leaf, path) => {
    if (graph.formatPath(path) !== target) return leaf
    const flat = linalg.toFlat(leaf)
    flat[index] = (flat[index] ?? 0) + delta
    return right(linalg.fromFlat(leaf.rows, leaf.cols, flat))
  })

describe('laws', () => {
  propertyTest.prop([cases], { numRuns: 60 })(
    'gradients agree with central finite differences',
    ({ net, batch: data, loss }) => {
      const { gradients } = right(network.valueAndGradients(net, data, { loss }))
      const epsilon = 1e-6
      const at = (parameters: network.Network['parameters']) =>
        right(network.loss({ ...net, parameters }, data, loss))
      for (const [path, gradient] of graph.leaves(gradients)) {
        const name = graph.formatPath(path)
        for (const [index, analytic] of linalg.toFlat(gradient).entries()) {
          const numeric =
            (at(withEntry(net.parameters, name, index, epsilon)) -
              at(withEntry(net.parameters, name, index, -epsilon))) /
            (2 * epsilon)
          expect(Math.abs(analytic - numeric), `${name}[${index}]`).toBeLessThan(
            1e-6 * (1 + Math.abs(numeric)),
          )
        }
      }
    },
  )

  propertyTest.prop([cases], { numRuns: 30 })(
    'is deterministic and never mutates the network or the batch',
    ({ net, batch: data, loss }) => {
      const snapshot = JSON.stringify([
        net.layers,
        graph.leaves(net.parameters).map(([, m]) => linalg.toFlat(m)),
        linalg.toFlat(data.X),
        linalg.toFlat(data.y),
      ])
      const first = right(network.valueAndGradients(net, data, { loss, l2: 0.1 }))
      const second = right(network.valueAndGradients(net, data, { loss, l2: 0.1 }))
      expect(second.loss).toBe(first.loss)
      expect(graph.leaves(second.gradients)).toStrictEqual(graph.leaves(first.gradients))
      expect(
        JSON.stringify([
          net.layers,
          graph.leaves(net.parameters).map(([, m]) => linalg.toFlat(m)),
          linalg.toFlat(data.X),
          linalg.toFlat(data.y),
        ]),
      ).toBe(snapshot)
      expect(Object.isFrozen(net) && Object.isFrozen(net.parameters)).toBe(true)
    },
  )

  test('the L2 term adds λ·Σ‖W‖² to the loss and 2λW to the weight gradients, not to biases', () => {
    const net = notebookNetwork()
    const plain = right(network.valueAndGradients(net, batch, { loss: 'mse' }))
    const penalised = right(network.valueAndGradients(net, batch, { loss: 'mse', l2: 0.3 }))
    const squares = [0, 1].reduce(
      (total, index) =>
        total +
        linalg.sum(
          right(linalg.mul(dense(net.parameters, index).W, dense(net.parameters, index).W)),
        ),
      0,
    )
    expect(penalised.loss).toBeCloseTo(plain.loss + 0.3 * squares, 14)
    for (const index of [0, 1]) {
      const expected = right(
        linalg.add(
          dense(plain.gradients, index).W,
          linalg.scale(dense(net.parameters, index).W, 0.6),
        ),
      )
      expect(maxRelativeError(dense(penalised.gradients, index).W, expected)).toBeLessThan(1e-12)
      expect(dense(penalised.gradients, index).b).toStrictEqual(dense(plain.gradients, index).b)
    }
  })
})

describe('the fused logit losses', () => {
  const X3 = random.normal(random.key(30), 4, 3)
  const build = (output: string, outputs: number) =>
    right(network.mlp([3, 4, outputs], { hidden: 'tanh', output, key: random.key(31) }))

  test('binaryCrossEntropyWithLogits on a sigmoid network equals binaryCrossEntropy', () => {
    const net = build('sigmoid', 1)
    const data = { X: X3, y: random.bernoulli(random.key(32), 4, 1, 0.5) }
    const fused = right(
      network.valueAndGradients(net, data, { loss: 'binaryCrossEntropyWithLogits' }),
    )
    const plain = right(network.valueAndGradients(net, data, { loss: 'binaryCrossEntropy' }))
    expect(fused.loss).toBeCloseTo(plain.loss, 12)
    for (const [[path, a], [, b]] of graph
      .leaves(fused.gradients)
      .map((leaf, index) => [leaf, graph.leaves(plain.gradients)[index] ?? leaf] as const)) {
      expect(maxRelativeError(a, b), graph.formatPath(path)).toBeLessThan(1e-9)
    }
  })

  test("softmaxCrossEntropy's gradient at the logits is (softmax − y)/m", () => {
    const net = build('softmax', 3)
    const y3 = right(
      linalg.fromRows([
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, 1],
        [0, 1, 0],
      ]),
    )
    const built = right(network.objective(net, { X: X3, y: y3 }, { loss: 'softmaxCrossEntropy' }))
    const { trace } = right(graph.traceGradients(built.plan, built.bindings))
    const probabilities = right(network.predict(net, X3))
    const expected = linalg.scale(right(linalg.sub(probabilities, y3)), 1 / 4)
    expect(maxRelativeError(gradientInto(trace, 'z2'), expected)).toBeLessThan(1e-12)
  })

  test('stays finite for logits of ±1000 on a linear output', () => {
    const net = build('linear', 1)
    const big = right(
      network.applyUpdates(
        net,
        graph.mapTree(net.parameters, (m, path) =>
          graph.formatPath(path) === 'layers[1].b'
            ? linalg.fill(1, 1, 1000)
            : linalg.zeros(m.rows, m.cols),
        ),
      ),
    )
    const value = right(
      network.loss(big, { X: X3, y: linalg.zeros(4, 1) }, 'binaryCrossEntropyWithLogits'),
    )
    expect(Number.isFinite(value)).toBe(true)
    expect(value).toBeGreaterThan(990)
  })

  test('a logit loss on a network whose output is neither its activation nor linear is named', () => {
    const net = build('tanh', 1)
    expect(
      left(network.loss(net, { X: X3, y: linalg.zeros(4, 1) }, 'softmaxCrossEntropy')).message,
    ).toBe(
      'loss: loss softmaxCrossEntropy reads logits, so the last layer must be dense with activation softmax or linear, but layer 1 (dense 4→1) has tanh',
    )
  })
})

describe('bad input', () => {
  const net = notebookNetwork()

  test('targets whose shape differs from the output name the last layer and both shapes', () => {
    expect(left(network.loss(net, { X, y: linalg.zeros(1, 2) }, 'mse')).message).toBe(
      'loss: y is 1×2, expected 1×1 (the output of layer 1 (dense 3→1))',
    )
    expect(
      left(network.valueAndGradients(net, { X: linalg.zeros(2, 2), y }, { loss: 'mse' })).message,
    ).toBe('valueAndGradients: y is 1×1, expected 2×1 (the output of layer 1 (dense 3→1))')
  })

  test('an unknown loss is named', () => {
    const error = left(network.loss(net, batch, 'hinge'))
    expect(error._tag).toBe('UnknownName')
    expect(error.message).toBe(
      'loss: unknown loss hinge (expected one of mse, halfMse, binaryCrossEntropy, binaryCrossEntropyWithLogits, softmaxCrossEntropy)',
    )
  })

  test('infinite inputs and targets are named with the entry (a Matrix cannot hold NaN)', () => {
    // Constructors reject NaN and ∞, but arithmetic can overflow: 1e308·10 is ∞.
    const infinite = linalg.scale(linalg.fill(1, 2, 1e308), 10)
    expect(left(network.loss(net, { X: infinite, y }, 'mse')).message).toBe(
      'loss: X entry [0, 0] is Infinity, expected a finite number',
    )
    const overflowed = linalg.scale(linalg.fill(1, 1, -1e308), 10)
    expect(left(network.loss(net, { X, y: overflowed }, 'mse')).message).toBe(
      'loss: y entry [0, 0] is -Infinity, expected a finite number',
    )
    expect(left(network.predict(net, infinite))._tag).toBe('NonFiniteInput')
  })

  test('input wider than the first layer is named in loss and gradients', () => {
    expect(
      E.isLeft(network.valueAndGradients(net, { X: linalg.zeros(1, 3), y }, { loss: 'mse' })),
    ).toBe(true)
    expect(left(network.loss(net, { X: linalg.zeros(1, 3), y }, 'mse')).message).toBe(
      'loss: layer 0 (dense 2→3): input has 3 columns, expected 2',
    )
  })
})

describe('valueAndGradients: the output and the compiled plan', () => {
  const net = right(
    network.mlp([3, 4, 2], { hidden: 'tanh', output: 'sigmoid', key: random.key(21) }),
  )
  const X = random.normal(random.key(22), 5, 3)
  const y = linalg.fill(5, 2, 0.5)

  test('returns the network output of the same forward pass, equal to predict', () => {
    const evaluated = right(network.valueAndGradients(net, { X, y }, { loss: 'mse' }))
    const predicted = right(network.predict({ ...net }, X))
    expect(linalg.toFlat(evaluated.output)).toStrictEqual(linalg.toFlat(predicted))
  })

  test('returns the probabilities, not the logits, for a logit loss', () => {
    const evaluated = right(
      network.valueAndGradients(net, { X, y }, { loss: 'binaryCrossEntropyWithLogits' }),
    )
    const predicted = right(network.predict({ ...net }, X))
    expect(linalg.toFlat(evaluated.output)).toStrictEqual(linalg.toFlat(predicted))
  })

  test('a second call (plan reused) and a call on an equal new network give the same bits', () => {
    const first = right(network.valueAndGradients(net, { X, y }, { loss: 'mse', l2: 0.01 }))
    const again = right(network.valueAndGradients(net, { X, y }, { loss: 'mse', l2: 0.01 }))
    const copy = right(
      network.valueAndGradients(
        { ...net, layers: net.layers.map((layer) => ({ ...layer })) },
        { X, y },
        { loss: 'mse', l2: 0.01 },
      ),
    )
    expect(again.loss).toBe(first.loss)
    expect(again.gradients).toStrictEqual(first.gradients)
    expect(copy.gradients).toStrictEqual(first.gradients)
    // a different L2 strength is a different objective, not the cached one
    const other = right(network.valueAndGradients(net, { X, y }, { loss: 'mse', l2: 0.02 }))
    expect(other.loss).toBeGreaterThan(first.loss)
  })
})
