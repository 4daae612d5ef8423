// The curve figures: lossCurve, gradientNormCurves, trainingCurves (fig_03 — the notebook's moons
// losses and Σ‖dW‖² over 1000 epochs, both on log scales) and compareRuns.

import { describe, expect, test } from 'vitest'
import { data, network, random, train } from '../../src/index.js'
import { right } from '../support/either.js'
import { compareRuns, gradientNormCurves, lossCurve, trainingCurves } from '../../src/viz/index.js'
import { figureWords } from '../../src/teach/index.js'
import { field, numbers, readFixture } from '../support/fixtures.js'
import { asJson, at, expectCompiles, expectSized, listAt, unitViews } from './notebook-figures.js'

const english = figureWords('en')
const russian = figureWords('ru')

const moonsModel = field(field(readFixture('notebook_runs.json'), 'moons'), 'model')
const notebookLosses = numbers(field(moonsModel, 'losses'))
const notebookNorms = numbers(field(moonsModel, 'gradient_norms'))

/** A history whose epochs carry the given losses and per-layer weight-gradient norms. */
const historyFrom = (
  losses: readonly number[],
  norms: readonly (readonly number[])[],
): train.History =>
  train.historyOf(
    losses.map((loss, epoch) => ({
      loss,
      trainAccuracy: 0.5,
      weightGradientNorms: norms[epoch] ?? [],
      biasGradientNorms: (norms[epoch] ?? []).map(() => 1),
      weightNorms: (norms[epoch] ?? []).map(() => 1),
    })),
  )

/** The values of one series of a line view. */
const seriesValues = (view: unknown, name?: string): number[] =>
  (listAt(view, 'data', 'values') as { value: number; series: string }[])
    .filter((point) => name === undefined || point.series === name)
    .map((point) => point.value)

const close = (actual: readonly number[], expected: readonly number[]): number =>
  Math.max(...expected.map((b, index) => Math.abs((actual[index] ?? Number.NaN) - b) / Math.abs(b)))

describe('lossCurve', () => {
  test('draws the loss per epoch on a log scale by default', () => {
    const spec = lossCurve({ loss: notebookLosses }, { words: english, lossTitle: 'Loss (MSE)' })
    expectCompiles(spec)
    expectSized(spec)
    const [view] = unitViews(spec)
    expect(seriesValues(view).length).toBe(1000)
    expect(close(seriesValues(view), notebookLosses)).toBeLessThan(5e-6)
    expect(at(view, 'encoding', 'y', 'scale', 'type')).toBe('log')
    expect(at(view, 'encoding', 'y', 'title')).toBe('Loss (MSE)')
    expect(at(view, 'encoding', 'x', 'title')).toBe('Epoch')
    expect(at(asJson(spec), 'title')).toBe('Learning curve: loss')
  })

  test('can use a linear scale and a title', () => {
    const spec = lossCurve(
      { loss: [0.5, 0, 0.25] },
      { title: 'Spirals', words: english, logScale: false },
    )
    expectCompiles(spec)
    const [view] = unitViews(spec)
    expect(at(view, 'encoding', 'y', 'scale')).toStrictEqual({ zero: false })
    expect(seriesValues(view)).toStrictEqual([0.5, 0, 0.25])
    expect(at(asJson(spec), 'title')).toBe('Spirals')
  })
})

describe('lossCurve with a test set', () => {
  const split = right(
    data.trainTestSplit(right(data.makeMoons({ samples: 80, noise: 0.2, seed: 5 })), {
      testSize: 0.25,
      seed: 5,
    }),
  )
  const start = right(
    network.mlp([2, 6, 1], { hidden: 'tanh', output: 'sigmoid', key: random.key(5) }),
  )
  const optimizer = right(train.sgd(0.5))
  const { history } = right(
    train.fit({ loss: 'mse', optimizer, epochs: 12, batchSize: null })(
      train.initialState(start, optimizer),
      split,
    ),
  )

  test('draws the test loss beside the training loss: two named series, a legend', () => {
    expect(history.testLoss.length).toBe(12)
    const spec = lossCurve(history, { words: english })
    expectCompiles(spec)
    const [view] = unitViews(spec)
    expect(listAt(view, 'encoding', 'color', 'scale', 'domain')).toStrictEqual([
      'Training loss',
      'Test loss',
    ])
    expect(at(view, 'encoding', 'color', 'legend')).not.toBeNull()
    expect(close(seriesValues(view, 'Training loss'), history.loss)).toBeLessThan(5e-6)
    expect(close(seriesValues(view, 'Test loss'), history.testLoss)).toBeLessThan(5e-6)
    expect(seriesValues(view).length).toBe(24)
    // the two differ: the test series is not the training one drawn twice
    expect(history.testLoss).not.toStrictEqual(history.loss)
  })

  test('without a test loss, one unnamed-in-legend loss line as before', () => {
    const spec = lossCurve({ loss: history.loss, testLoss: [] }, { words: russian })
    const [view] = unitViews(spec)
    expect(listAt(view, 'encoding', 'color', 'scale', 'domain')).toStrictEqual(['Loss'])
    expect(at(view, 'encoding', 'color', 'legend')).toBeNull()
  })

  test('names the series in Russian too', () => {
    const [view] = unitViews(lossCurve(history, { words: russian }))
    expect(listAt(view, 'encoding', 'color', 'scale', 'domain')).toStrictEqual([
      'Loss на обучении',
      'Loss на тесте',
    ])
  })
})

describe('gradientNormCurves', () => {
  test('draw ‖dW‖ per layer and the notebook’s Σ‖dW‖², on a log scale', () => {
    const norms = [
      [3, 4, 12],
      [0.3, 0.4, 1.2],
    ]
    const spec = gradientNormCurves(historyFrom([1, 0.5], norms), { words: russian })
    expectCompiles(spec)
    const [view] = unitViews(spec)
    expect(at(view, 'encoding', 'y', 'scale', 'type')).toBe('log')
    expect(listAt(view, 'encoding', 'color', 'scale', 'domain')).toStrictEqual([
      '‖dW1‖ (слой 1)',
      '‖dW2‖ (слой 2)',
      '‖dW3‖ (слой 3)',
      'Σ‖dW‖² (как в ноутбуке)',
    ])
    expect(seriesValues(view, '‖dW2‖ (слой 2)')).toStrictEqual([4, 0.4])
    // 3² + 4² + 12² = 169; 0.09 + 0.16 + 1.44 = 1.69
    const notebook = seriesValues(view, 'Σ‖dW‖² (как в ноутбуке)')
    expect(close(notebook, [169, 1.69])).toBeLessThan(1e-6)
    expect(at(asJson(spec), 'title')).toBe('Эволюция нормы градиентов')
  })
})

describe('trainingCurves', () => {
  test('fig_03: the notebook’s loss and gradient norm side by side, both on log scales', () => {
    // one layer whose ‖dW‖ is √g: the notebook's Σ‖dW‖² is g again
    const history = historyFrom(
      notebookLosses,
      notebookNorms.map((g) => [Math.sqrt(g)]),
    )
    const spec = trainingCurves(history, { words: russian, lossTitle: 'Loss (MSE)' })
    expectCompiles(spec)
    expectSized(spec)
    const [loss, norm] = unitViews(spec)
    expect([at(loss, 'title'), at(norm, 'title')]).toStrictEqual([
      'Кривая обучения: функция потерь',
      'Эволюция нормы градиентов',
    ])
    expect(at(loss, 'encoding', 'y', 'title')).toBe('Loss (MSE)')
    expect(at(norm, 'encoding', 'y', 'title')).toBe('Норма градиента')
    expect(at(loss, 'encoding', 'x', 'title')).toBe('Эпоха')
    for (const view of [loss, norm]) expect(at(view, 'encoding', 'y', 'scale', 'type')).toBe('log')
    expect(close(seriesValues(loss), notebookLosses)).toBeLessThan(5e-6)
    expect(close(seriesValues(norm), notebookNorms)).toBeLessThan(5e-6)
    expect(listAt(norm, 'encoding', 'color', 'scale', 'range')).toStrictEqual(['orange'])
  })
})

describe('compareRuns', () => {
  test('draws one labelled line per run', () => {
    const spec = compareRuns(
      [
        { label: 'η = 0.1', values: [1, 0.5, 0.2] },
        { label: 'η = 0.01', values: [1, 0.9] },
        { label: 'η = 1', values: [1, 2, 4, 8] },
      ],
      { title: 'Learning rates', xTitle: english.epoch, yTitle: 'Loss', logScale: true },
    )
    expectCompiles(spec)
    expectSized(spec)
    const [view] = unitViews(spec)
    expect(listAt(view, 'encoding', 'color', 'scale', 'domain')).toStrictEqual([
      'η = 0.1',
      'η = 0.01',
      'η = 1',
    ])
    expect(seriesValues(view, 'η = 1')).toStrictEqual([1, 2, 4, 8])
    expect(listAt(view, 'data', 'values').length).toBe(9)
    expect(at(view, 'encoding', 'y', 'scale', 'type')).toBe('log')
    expect(at(view, 'encoding', 'color', 'legend')).not.toBeNull()
    const linear = compareRuns([{ label: 'a', values: [1] }], {
      title: 'T',
      xTitle: 'Epoch',
      yTitle: 'Accuracy',
    })
    expect(at(unitViews(linear)[0], 'encoding', 'y', 'scale')).toStrictEqual({ zero: false })
  })
})

describe('gradientNormCurves on a corrupted history', () => {
  test('an epoch with fewer layers than the others throws instead of plotting NaN', () => {
    expect(() =>
      gradientNormCurves(historyFrom([1, 0.5], [[3, 4], [5]]), { words: english }),
    ).toThrow(new RangeError('gradientNormCurves: no entry at index 1 of 1'))
  })
})
