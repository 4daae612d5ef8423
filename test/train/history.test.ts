// The history record: one entry per epoch in every series, records never mutated, accuracy by
// threshold or argmax, and the notebook's gradient norm (Σ‖dW‖², no root, no biases) derived.

import { fc, test as propertyTest } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { linalg } from '../../src/index.js'
import {
  accuracy,
  emptyHistory,
  finish,
  historyBuilder,
  layerNorms,
  notebookGradientNorms,
  record,
  type EpochRecord,
} from '../../src/train/history.js'
import { right } from '../support/either.js'

const column = (values: readonly number[]): linalg.Matrix =>
  right(linalg.fromRows(values.map((value) => [value])))

const norm = fc.double({ min: 0, max: 10, noNaN: true })
const epochRecord = (layers: number): fc.Arbitrary<EpochRecord> =>
  fc.record({
    loss: fc.double({ min: 0, max: 1, noNaN: true }),
    trainAccuracy: fc.double({ min: 0, max: 1, noNaN: true }),
    weightGradientNorms: fc.array(norm, { minLength: layers, maxLength: layers }),
    biasGradientNorms: fc.array(norm, { minLength: layers, maxLength: layers }),
    weightNorms: fc.array(norm, { minLength: layers, maxLength: layers }),
  })

describe('historyBuilder', () => {
  propertyTest.prop([fc.array(epochRecord(2), { maxLength: 12 })])(
    'appending one by one and building equals folding record',
    (epochs) => {
      const builder = historyBuilder(emptyHistory)
      for (const epoch of epochs) builder.append(epoch)
      expect(builder.build()).toStrictEqual(epochs.reduce(record, emptyHistory))
    },
  )

  test('a built history is frozen, and the builder refuses to append after build', () => {
    const builder = historyBuilder(emptyHistory)
    builder.append({
      loss: 1,
      trainAccuracy: 0,
      weightGradientNorms: [1],
      biasGradientNorms: [1],
      weightNorms: [1],
    })
    const history = builder.build()
    expect(() => (history.loss as number[]).push(2)).toThrow(TypeError)
    expect(() => (history.weightNorms[0] as number[]).push(2)).toThrow(TypeError)
    expect(() => {
      builder.append({
        loss: 1,
        trainAccuracy: 0,
        weightGradientNorms: [],
        biasGradientNorms: [],
        weightNorms: [],
      })
    }).toThrow(/after build/)
  })

  test('emptyHistory is frozen all the way down, so no run can leak into the next', () => {
    expect(() => (emptyHistory.loss as number[]).push(42)).toThrow(TypeError)
    expect(() => (emptyHistory.gradientNorms.weights as number[][]).push([1])).toThrow(TypeError)
    expect(emptyHistory.loss).toStrictEqual([])
  })
})

describe('history', () => {
  propertyTest.prop([fc.array(epochRecord(3), { maxLength: 20 })])(
    'record appends one entry per epoch to every series and leaves the old history alone',
    (epochs) => {
      const history = epochs.reduce(record, emptyHistory)
      expect(history.loss).toStrictEqual(epochs.map((epoch) => epoch.loss))
      expect(history.trainAccuracy).toStrictEqual(epochs.map((epoch) => epoch.trainAccuracy))
      expect(history.gradientNorms.weights).toStrictEqual(
        epochs.map((epoch) => epoch.weightGradientNorms),
      )
      expect(history.gradientNorms.biases).toStrictEqual(
        epochs.map((epoch) => epoch.biasGradientNorms),
      )
      expect(history.weightNorms).toStrictEqual(epochs.map((epoch) => epoch.weightNorms))
      expect(history.testLoss).toStrictEqual([])
      expect(emptyHistory.loss).toStrictEqual([])
      expect(history.final).toBeUndefined()
    },
  )

  test('test loss and accuracy are recorded when an epoch has them', () => {
    const epoch = {
      loss: 0.5,
      trainAccuracy: 0.75,
      test: { loss: 0.6, accuracy: 0.5 },
      weightGradientNorms: [1],
      biasGradientNorms: [2],
      weightNorms: [3],
    }
    const history = finish(record(record(emptyHistory, epoch), epoch), {
      trainLoss: 0.4,
      trainAccuracy: 1,
    })
    expect([history.testLoss, history.testAccuracy]).toStrictEqual([
      [0.6, 0.6],
      [0.5, 0.5],
    ])
    expect(history.final).toStrictEqual({ trainLoss: 0.4, trainAccuracy: 1 })
  })

  propertyTest.prop([fc.array(epochRecord(4), { minLength: 1, maxLength: 10 })])(
    'notebookGradientNorms is Σ over layers of the squared weight-gradient norm, biases ignored',
    (epochs) => {
      const derived = notebookGradientNorms(epochs.reduce(record, emptyHistory))
      epochs.forEach((epoch, index) => {
        const expected = epoch.weightGradientNorms.reduce((sum, n) => sum + n * n, 0)
        expect(derived[index]).toBe(expected)
      })
    },
  )

  test("the notebook's gradient norm from layerNorms equals Σ np.sum(dW**2) of the matrices", () => {
    const W1 = right(
      linalg.fromRows([
        [1, 2],
        [3, 4],
      ]),
    )
    const W2 = right(linalg.fromRows([[0.5], [-0.25]]))
    const gradients = {
      layers: [{ W: W1, b: linalg.fill(1, 2, 100) }, {}, { W: W2, b: linalg.fill(1, 1, 7) }],
    }
    const norms = layerNorms(gradients)
    expect(norms.biases).toStrictEqual([Math.sqrt(20000), 7])
    const history = record(emptyHistory, {
      loss: 0,
      trainAccuracy: 0,
      weightGradientNorms: norms.weights,
      biasGradientNorms: norms.biases,
      weightNorms: norms.weights,
    })
    const [derived] = notebookGradientNorms(history)
    expect(derived).toBeCloseTo(1 + 4 + 9 + 16 + 0.25 + 0.0625, 12)
  })

  describe('accuracy', () => {
    test('thresholds a one-column output at 0.5 (strictly greater is class 1), as the notebook', () => {
      expect(accuracy(column([0.5, 0.50001, 0.2, 0.9]), column([0, 1, 0, 0]))).toBe(0.75)
      expect(accuracy(column([0.1, 0.2]), column([1, 1]))).toBe(0)
    })

    test('takes the argmax of a wider output, against one-hot rows or class indices', () => {
      const output = right(
        linalg.fromRows([
          [0.1, 0.7, 0.2],
          [0.8, 0.1, 0.1],
          [0.3, 0.3, 0.4],
        ]),
      )
      const oneHot = right(
        linalg.fromRows([
          [0, 1, 0],
          [0, 0, 1],
          [0, 0, 1],
        ]),
      )
      expect(accuracy(output, oneHot)).toBe(2 / 3)
      expect(accuracy(output, column([1, 0, 0]))).toBe(2 / 3)
    })

    propertyTest.prop([fc.array(fc.boolean(), { minLength: 1, maxLength: 30 })])(
      'is the fraction of correct rows',
      (correct) => {
        const labels = correct.map((_, index) => index % 2)
        const outputs = correct.map((ok, index) => ((index % 2 === 1) === ok ? 0.9 : 0.1))
        expect(accuracy(column(outputs), column(labels))).toBe(
          correct.filter(Boolean).length / correct.length,
        )
      },
    )
  })
})
