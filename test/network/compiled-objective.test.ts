// The compiled objective: on random networks, losses, L2 strengths and batches (gradfold/check's
// arbitraries) its methods equal the one-shot functions bit for bit, evaluated again and on other
// parameters of the architecture; dropout at training time too; bad specs and batches are Lefts.

import { fc, test as propertyTest } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { graph, linalg, network, random } from '../../src/index.js'
import * as check from '../../src/check/index.js'
import { left, right } from '../support/either.js'

/** Every leaf as its path and its entries, so equality is entry for entry (−0 ≠ 0). */
const entries = (tree: graph.Tree): [string, number[]][] =>
  graph.leaves(tree).map(([path, value]) => [graph.formatPath(path), linalg.toFlat(value)])

/** The loss, the gradients and the output, comparable bit for bit. */
const comparable = (result: network.LossAndGradients) => ({
  loss: result.loss,
  gradients: entries(result.gradients),
  output: linalg.toFlat(result.output),
})

/** The same architecture with every parameter scaled: other parameters for one compiled plan. */
const rescaled = (net: network.Network, factor: number): network.Network => ({
  ...net,
  parameters: graph.mapTree(net.parameters, (value) => linalg.scale(value, factor)),
})

const cases = fc.record({
  sample: check.networkCase(),
  l2: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
  factor: fc.double({ min: -2, max: 2, noNaN: true }),
})

describe('compileObjective', () => {
  propertyTest.prop([cases], { numRuns: 60 })(
    'equals loss, valueAndGradients and predict bit for bit, on any parameters of the architecture',
    ({ sample: { network: net, loss, batch }, l2, factor }) => {
      const options = { loss, ...(l2 === undefined ? {} : { l2 }) }
      const compiled = right(network.compileObjective(net, { ...options, rows: batch.X.rows }))
      for (const candidate of [net, rescaled(net, factor), net]) {
        expect(
          comparable(right(compiled.valueAndGradients(candidate.parameters, batch))),
        ).toStrictEqual(comparable(right(network.valueAndGradients(candidate, batch, options))))
        expect(right(compiled.loss(candidate.parameters, batch))).toBe(
          right(network.loss(candidate, batch, loss, l2 === undefined ? {} : { l2 })),
        )
        expect(linalg.toFlat(right(compiled.predict(candidate.parameters, batch.X)))).toStrictEqual(
          linalg.toFlat(right(network.predict(candidate, batch.X))),
        )
      }
    },
  )

  test('with dropout at training time, draws the masks the one-shot function draws', () => {
    const net = right(
      network.sequential(
        3,
        [
          { kind: 'dense', outputs: 6, activation: 'relu' },
          { kind: 'dropout', rate: 0.5 },
          { kind: 'dense', outputs: 1, activation: 'sigmoid' },
        ],
        { key: random.key(3) },
      ),
    )
    const batch = { X: random.normal(random.key(4), 5, 3), y: linalg.ones(5, 1) }
    const compiled = right(network.compileObjective(net, { loss: 'binaryCrossEntropy', rows: 5 }))
    for (const seed of [5, 6]) {
      const training = { training: true, key: random.key(seed) }
      expect(
        comparable(right(compiled.valueAndGradients(net.parameters, batch, training))),
      ).toStrictEqual(
        comparable(
          right(network.valueAndGradients(net, batch, { loss: 'binaryCrossEntropy', ...training })),
        ),
      )
    }
    expect(left(compiled.loss(net.parameters, batch, { training: true })).message).toBe(
      'loss: layer 1 (dropout 0.5) needs a key at training time',
    )
  })

  test('refuses a bad spec, and a batch or parameters that do not fit, naming the caller', () => {
    const net = right(
      network.mlp([2, 3, 1], { hidden: 'tanh', output: 'sigmoid', key: random.key(1) }),
    )
    expect(left(network.compileObjective(net, { loss: 'hinge', rows: 2 })).message).toMatch(
      /^compileObjective: unknown loss hinge/,
    )
    expect(left(network.compileObjective(net, { loss: 'mse', rows: 0 })).message).toBe(
      'compileObjective: rows is 0, expected a positive integer',
    )
    expect(left(network.compileObjective(net, { loss: 'mse', l2: -1, rows: 2 })).message).toBe(
      'compileObjective: l2 is -1, expected a finite number ≥ 0',
    )
    expect(
      left(network.compileObjective(net, { loss: 'softmaxCrossEntropy', rows: 2 })).message,
    ).toMatch(/^compileObjective: loss softmaxCrossEntropy reads logits/)
    const compiled = right(network.compileObjective(net, { loss: 'mse', rows: 2 }))
    expect(
      left(
        compiled.valueAndGradients(net.parameters, {
          X: linalg.zeros(3, 2),
          y: linalg.zeros(3, 1),
        }),
      ).message,
    ).toBe(
      'valueAndGradients: X has 3 rows, expected 2 (the batch size the objective was compiled for)',
    )
    expect(left(compiled.predict(net.parameters, linalg.zeros(2, 3))).message).toBe(
      'predict: layer 0 (dense 2→3): input has 3 columns, expected 2',
    )
    const other = right(
      network.mlp([2, 4, 1], { hidden: 'tanh', output: 'sigmoid', key: random.key(1) }),
    )
    expect(
      left(compiled.loss(other.parameters, { X: linalg.zeros(2, 2), y: linalg.zeros(2, 1) }))
        .message,
    ).toBe('loss: layer 0 (dense 2→3): W is 2×4, expected 2×3')
  })

  test('a negative L2 strength is a Left for the one-shot functions too', () => {
    const net = right(
      network.mlp([2, 1], { hidden: 'tanh', output: 'sigmoid', key: random.key(1) }),
    )
    const batch = { X: linalg.zeros(2, 2), y: linalg.zeros(2, 1) }
    expect(left(network.valueAndGradients(net, batch, { loss: 'mse', l2: -1 })).message).toBe(
      'valueAndGradients: l2 is -1, expected a finite number ≥ 0',
    )
  })
})
