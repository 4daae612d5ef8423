// Evaluation figures against scikit-learn (confusion_matrix, precision_recall_fscore_support) and
// numpy (probabilities, loss) on committed fixtures, against hand counts, and as laws: the
// confusion matrix adds up to the rows, its columns count the predictions, its diagonal gives
// training's own accuracy; a ratio with nothing to divide by is null, never NaN.

import { fc, test as propertyTest } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { linalg, network, train } from '../../src/index.js'
import * as check from '../../src/check/index.js'
import { expectClose } from '../support/close.js'
import { left, right } from '../support/either.js'
import { field, readFixture } from '../support/fixtures.js'

interface Figures {
  readonly confusion: number[][]
  readonly accuracy: number
  readonly precision: (number | null)[]
  readonly recall: (number | null)[]
  readonly support: number[]
}
interface LabelCase extends Figures {
  readonly classes: number
  readonly true: number[]
  readonly predicted: number[]
}
interface NetworkCase extends Figures {
  readonly loss_name: network.LossName
  readonly X: number[][]
  readonly layers: { W: number[][]; b: number[]; activation: network.ActivationName }[]
  readonly labels: number[]
  readonly probabilities: number[][]
  readonly predicted: number[]
  readonly loss: number
}

const fixture = readFixture('classification_metrics.json')
// the fixture's shape is checked by the comparisons below: a missing field fails them
const labelCases = field(fixture, 'label_cases') as LabelCase[]
const networkCases = field(fixture, 'networks') as NetworkCase[]

const matrix = (rows: readonly (readonly number[])[]): linalg.Matrix => right(linalg.fromRows(rows))
const column = (values: readonly number[]): linalg.Matrix => matrix(values.map((value) => [value]))

const ratiosClose = (
  actual: readonly (number | null)[],
  expected: readonly (number | null)[],
  what: string,
): void => {
  expect(
    actual.map((value) => value === null),
    what,
  ).toStrictEqual(expected.map((value) => value === null))
  expectClose(
    actual.filter((value) => value !== null),
    expected.filter((value) => value !== null),
    what,
  )
}

describe('against scikit-learn', () => {
  test.each(labelCases.map((entry, index) => [index, entry] as const))(
    'label case %i: confusion matrix, precision, recall, support',
    (_, entry) => {
      const confusion = right(train.confusionMatrix(entry.true, entry.predicted, entry.classes))
      expect(confusion).toStrictEqual(entry.confusion)
      const scores = train.classScores(confusion)
      ratiosClose(scores.precision, entry.precision, 'precision')
      ratiosClose(scores.recall, entry.recall, 'recall')
      expect(scores.support).toStrictEqual(entry.support)
    },
  )

  test('at least one fixture case has a precision null and one a recall null', () => {
    expect(labelCases.some((entry) => entry.precision.includes(null))).toBe(true)
    expect(labelCases.some((entry) => entry.recall.includes(null))).toBe(true)
  })

  test.each(networkCases.map((entry) => [entry.loss_name, entry] as const))(
    'a %s network: probabilities and loss as numpy, figures as scikit-learn',
    (_, entry) => {
      const net = right(
        network.fromLayers(
          entry.layers.map((layer) => ({
            kind: 'dense' as const,
            W: matrix(layer.W),
            b: matrix([layer.b]),
            activation: layer.activation,
          })),
        ),
      )
      const y =
        entry.loss_name === 'softmaxCrossEntropy'
          ? matrix(entry.labels.map((label) => [0, 1, 2].map((k) => (k === label ? 1 : 0))))
          : column(entry.labels)
      const figures = right(
        train.evaluateClassifier(net, { X: matrix(entry.X), y }, { loss: entry.loss_name }),
      )
      expectClose(
        linalg.toFlat(figures.predictions.probabilities),
        entry.probabilities.flat(),
        'probabilities',
      )
      expect(figures.predictions.classes).toStrictEqual(entry.predicted)
      expectClose([figures.loss], [entry.loss], 'loss')
      expect(figures.confusion).toStrictEqual(entry.confusion)
      expect(figures.accuracy).toBe(entry.accuracy)
      ratiosClose(figures.precision, entry.precision, 'precision')
      ratiosClose(figures.recall, entry.recall, 'recall')
      // class indices in a column read as the one-hot rows do
      if (entry.loss_name === 'softmaxCrossEntropy') {
        const indexed = right(
          train.evaluateClassifier(
            net,
            { X: matrix(entry.X), y: column(entry.labels) },
            { loss: entry.loss_name },
          ),
        )
        expect(indexed.confusion).toStrictEqual(entry.confusion)
        expect(indexed.loss).toBe(figures.loss)
      }
    },
  )
})

describe('by hand', () => {
  test('a 3-class confusion matrix counted on paper', () => {
    // true:      0 0 0 1 1 2 2 2 2
    // predicted: 0 1 0 1 2 2 2 0 2
    const confusion = right(
      train.confusionMatrix([0, 0, 0, 1, 1, 2, 2, 2, 2], [0, 1, 0, 1, 2, 2, 2, 0, 2], 3),
    )
    expect(confusion).toStrictEqual([
      [2, 1, 0],
      [0, 1, 1],
      [1, 0, 3],
    ])
    const scores = train.classScores(confusion)
    expect(scores.precision).toStrictEqual([2 / 3, 1 / 2, 3 / 4])
    expect(scores.recall).toStrictEqual([2 / 3, 1 / 2, 3 / 4])
    expect(scores.support).toStrictEqual([3, 2, 4])
  })

  test('a linear layer before a logit loss: the loss’s softmax or sigmoid is applied', () => {
    const W = matrix([
      [1, -1, 0.5],
      [0, 2, -1],
    ])
    const b = matrix([[0.1, 0, -0.1]])
    const X = matrix([
      [1, 0],
      [0, 1],
      [-1, 2],
    ])
    const logits = right(network.fromLayers([{ kind: 'dense', W, b, activation: 'linear' }]))
    const softmax = right(network.fromLayers([{ kind: 'dense', W, b, activation: 'softmax' }]))
    const fromLogits = right(train.predictClasses(logits, X, { loss: 'softmaxCrossEntropy' }))
    const fromSoftmax = right(train.predictClasses(softmax, X, { loss: 'softmaxCrossEntropy' }))
    expectClose(
      linalg.toFlat(fromLogits.probabilities),
      linalg.toFlat(fromSoftmax.probabilities),
      'softmax of the logits',
    )
    expect(fromLogits.classes).toStrictEqual(fromSoftmax.classes)
    // one logit: σ(z) > 0.5 exactly when z > 0, not when z > 0.5
    const one = right(
      network.fromLayers([
        { kind: 'dense', W: matrix([[1]]), b: matrix([[0]]), activation: 'linear' },
      ]),
    )
    const binary = right(
      train.predictClasses(one, column([-1, 0.25, 2]), { loss: 'binaryCrossEntropyWithLogits' }),
    )
    expect(binary.classes).toStrictEqual([0, 1, 1])
    // after mse the outputs are read as they are
    const raw = right(train.predictClasses(one, column([-1, 0.25, 2]), { loss: 'mse' }))
    expect(raw.classes).toStrictEqual([0, 0, 1])
    expect(linalg.toRows(raw.probabilities)).toStrictEqual([
      [2, -1],
      [0.75, 0.25],
      [-1, 2],
    ])
  })
})

describe('bad input is a Left, never a throw or a NaN', () => {
  const net = right(
    network.fromLayers([
      { kind: 'dense', W: matrix([[1, -1]]), b: matrix([[0, 0]]), activation: 'softmax' },
    ]),
  )
  test.each([
    [[0, 1], [0], 2, 'evaluateClassifier: 2 true classes but 1 predicted ones'],
    [[0, 2], [0, 1], 2, 'evaluateClassifier: row 1: true class 2, expected an integer in [0, 2)'],
    [
      [0, 1],
      [0, 0.5],
      2,
      'evaluateClassifier: row 1: predicted class 0.5, expected an integer in [0, 2)',
    ],
    [[], [], 0, 'evaluateClassifier: expected a positive number of classes, got 0'],
  ] as const)('confusionMatrix(%j, %j, %i)', (truth, predicted, classes, message) => {
    expect(left(train.confusionMatrix(truth, predicted, classes)).message).toBe(message)
  })

  test('rows that differ, labels that are not classes, a wrong width', () => {
    const opts = { loss: 'softmaxCrossEntropy' } as const
    expect(
      left(train.evaluateClassifier(net, { X: column([1, 2]), y: column([1]) }, opts)).message,
    ).toBe('evaluateClassifier: X has 2 rows but y has 1')
    expect(
      left(train.evaluateClassifier(net, { X: column([1, 2]), y: column([1, 3]) }, opts)).message,
    ).toBe('evaluateClassifier: row 1: true class 3, expected an integer in [0, 2)')
    expect(
      left(train.evaluateClassifier(net, { X: column([1]), y: matrix([[0, 1, 0]]) }, opts)).message,
    ).toBe('evaluateClassifier: y is 1×3, expected one-hot rows of 2 or a column of class indices')
    expect(left(train.predictClasses(net, matrix([[1, 2]]), opts))._tag).toBe('ShapeMismatch')
  })
})

describe('laws', () => {
  const classifierCase = check
    .networkCase({
      maxDepth: 3,
      maxWidth: 4,
      losses: ['softmaxCrossEntropy', 'binaryCrossEntropy'],
    })
    .filter(({ network: net }) => {
      const last = net.layers[net.layers.length - 1]
      return (
        last?.kind === 'dense' && (last.activation === 'softmax' || last.activation === 'sigmoid')
      )
    })

  propertyTest.prop([classifierCase], { numRuns: 60 })(
    'entries add up to the rows, columns count the predictions, the diagonal is train.accuracy',
    ({ network: net, loss, batch }) => {
      const outputs = net.layers[net.layers.length - 1]?.outputs ?? 0
      const y =
        outputs === 1
          ? linalg.toFlat(batch.y).map((value) => (value > 0.5 ? 1 : 0))
          : linalg.rowArgmax(batch.y)
      const labels = outputs === 1 ? column(y) : batch.y
      const figures = train.evaluateClassifier(net, { X: batch.X, y: labels }, { loss })
      if (figures._tag === 'Left') return // a loss the network cannot feed: nothing to count
      const { confusion, predictions, accuracy, precision, recall } = figures.right
      const rows = batch.X.rows
      expect(confusion.flat().reduce((sum, count) => sum + count, 0)).toBe(rows)
      confusion.forEach((_, predicted) => {
        expect(confusion.reduce((sum, line) => sum + (line[predicted] ?? Number.NaN), 0)).toBe(
          predictions.classes.filter((value) => value === predicted).length,
        )
      })
      const output = right(network.predict(net, batch.X))
      expect(accuracy).toBe(train.accuracy(output, labels))
      for (const value of [...precision, ...recall]) {
        expect(value === null || (value >= 0 && value <= 1)).toBe(true)
      }
    },
  )

  propertyTest.prop([
    fc
      .integer({ min: 1, max: 6 })
      .chain((classes) =>
        fc
          .array(fc.tuple(fc.nat(classes - 1), fc.nat(classes - 1)), { maxLength: 40 })
          .map((pairs) => ({ classes, pairs })),
      ),
  ])(
    'precision is null exactly when a column is empty, recall when a row is',
    ({ classes, pairs }) => {
      const confusion = right(
        train.confusionMatrix(
          pairs.map(([truth]) => truth),
          pairs.map(([, guess]) => guess),
          classes,
        ),
      )
      const { precision, recall } = train.classScores(confusion)
      confusion.forEach((line, index) => {
        expect(recall[index] === null).toBe(line.every((count) => count === 0))
        expect(precision[index] === null).toBe(confusion.every((row) => row[index] === 0))
      })
    },
  )
})
