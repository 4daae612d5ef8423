// fit: a fold of step over epochs and mini-batches. Laws: its final state equals iterating step
// over the same batches; the same config and seed give a deep-equal history twice; the history's
// epoch e describes the network after e full-batch steps, before the epoch's update. fitEpochs is
// lazy, yields what fit records epoch by epoch (each epoch's state the same whenever it is read),
// and folding it with foldEpochs is fit.

import { fc, test as propertyTest } from '@fast-check/vitest'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, test } from 'vitest'
import { graph, linalg, network, random } from '../../src/index.js'
import * as check from '../../src/check/index.js'
import { miniBatches, type ShuffleSource } from '../../src/train/batches.js'
import { fit, fitEpochs, foldEpochs, type FitConfig } from '../../src/train/fit.js'
import { accuracy } from '../../src/train/history.js'
import type { Optimizer } from '../../src/train/optimizer.js'
import { adam } from '../../src/train/optimizers/adam.js'
import { sgd } from '../../src/train/optimizers/sgd.js'
import { initialState, step, type TrainState } from '../../src/train/step.js'
import { left, right } from '../support/either.js'

/** SGD that also counts its calls, so the optimizer state is threaded visibly. */
const countingSgd = (learningRate: number): Optimizer<number> => ({
  init: () => 0,
  update: (gradients, count) => ({
    updates: graph.mapTree(gradients, (g) => linalg.scale(g, -learningRate)),
    state: count + 1,
  }),
})

const flat = (net: network.Network): number[] =>
  graph.leaves(net.parameters).flatMap(([, m]) => linalg.toFlat(m))

/** The same training written as plain iteration of `step`, batches drawn as fit draws them. */
const iterateSteps = <State>(
  config: FitConfig<State>,
  initial: TrainState<State>,
  train: network.Batch,
): E.Either<network.NetworkError, TrainState<State>> => {
  let state = initial
  let shuffle: ShuffleSource | undefined = config.shuffle
  for (let epoch = 0; epoch < config.epochs; epoch++) {
    const batches = miniBatches(train, config.batchSize, shuffle)
    if (E.isLeft(batches)) return batches
    shuffle = batches.right[1]
    for (const batch of batches.right[0]) {
      const next = step(config)(state, batch)
      if (E.isLeft(next)) return next
      state = next.right
    }
  }
  return E.right(state)
}

const dropoutNetwork = right(
  network.sequential(
    2,
    [
      { kind: 'dense', outputs: 6, activation: 'relu' },
      { kind: 'dropout', rate: 0.3 },
      { kind: 'dense', outputs: 1, activation: 'sigmoid' },
    ],
    { key: random.key(5) },
  ),
)

const moonsLike = {
  X: right(
    linalg.fromRows([
      [0, 0.2],
      [1, 0.1],
      [0.5, 0.9],
      [-0.8, 0.3],
      [1.5, -0.4],
      [0.3, -0.2],
      [-1, 0.5],
      [2, 0.3],
    ]),
  ),
  y: right(linalg.fromRows([[1], [0], [0], [0], [1], [1], [0], [1]])),
}

const shuffleSource = fc.oneof(
  fc.constant(undefined),
  fc.integer({ min: 0, max: 1000 }).map((seed): ShuffleSource => random.key(seed)),
  fc.integer({ min: 0, max: 1000 }).map((seed): ShuffleSource => random.numpy.seed(seed)),
)

describe('fit', () => {
  propertyTest.prop(
    [
      check.networkCase({ maxRows: 6 }),
      fc.integer({ min: 0, max: 4 }),
      fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }),
      shuffleSource,
    ],
    { numRuns: 60 },
  )(
    'equals iterating step over the same batches',
    ({ network: net, loss, batch }, epochs, batchSize, shuffle) => {
      const optimizer = countingSgd(0.01)
      const config: FitConfig<number> = {
        loss,
        optimizer,
        epochs,
        batchSize,
        ...(shuffle === undefined ? {} : { shuffle }),
      }
      const initial = initialState(net, optimizer)
      const fitted = fit(config)({ ...initial }, { train: batch })
      const iterated = iterateSteps(config, initial, batch)
      expect(E.isRight(fitted)).toBe(E.isRight(iterated))
      if (E.isLeft(fitted) || E.isLeft(iterated)) return
      const { state, history } = fitted.right
      expect(flat(state.network)).toStrictEqual(flat(iterated.right.network))
      expect([state.stepCount, state.optimizerState]).toStrictEqual([
        iterated.right.stepCount,
        iterated.right.optimizerState,
      ])
      const perEpoch = batchSize === null ? 1 : Math.ceil(batch.X.rows / batchSize)
      expect(state.stepCount).toBe(epochs * perEpoch)
      expect(history.loss.length).toBe(epochs)
      expect(history.gradientNorms.weights.length).toBe(epochs)
    },
  )

  test('equals iterating step with dropout keys split per step and shuffled mini-batches', () => {
    const optimizer = countingSgd(0.3)
    const config: FitConfig<number> = {
      loss: 'mse',
      optimizer,
      epochs: 5,
      batchSize: 3,
      shuffle: random.key(11),
    }
    const initial = initialState(dropoutNetwork, optimizer, random.key(12))
    const { state } = right(fit(config)(initial, { train: moonsLike }))
    const iterated = right(iterateSteps(config, initial, moonsLike))
    expect(flat(state.network)).toStrictEqual(flat(iterated.network))
    expect(state.key).toStrictEqual(iterated.key)
    expect(state.stepCount).toBe(15)
  })

  test('the same config and seed give a deep-equal history twice, bit for bit', () => {
    const run = () => {
      const optimizer = countingSgd(0.2)
      const config: FitConfig<number> = {
        loss: 'mse',
        optimizer,
        epochs: 20,
        batchSize: 3,
        shuffle: random.numpy.seed(42),
      }
      return right(
        fit(config)(initialState(dropoutNetwork, optimizer, random.key(1)), {
          train: moonsLike,
          test: moonsLike,
        }),
      )
    }
    const first = run()
    const second = run()
    expect(first.history).toStrictEqual(second.history)
    expect(
      first.history.loss.every((value, index) => Object.is(value, second.history.loss[index])),
    ).toBe(true)
    expect(flat(first.state.network)).toStrictEqual(flat(second.state.network))
    // A different shuffle seed trains differently: the law is not vacuous.
    const optimizer = countingSgd(0.2)
    const other = right(
      fit({ loss: 'mse', optimizer, epochs: 20, batchSize: 3, shuffle: random.numpy.seed(43) })(
        initialState(dropoutNetwork, optimizer, random.key(1)),
        { train: moonsLike },
      ),
    )
    expect(other.history.loss).not.toStrictEqual(first.history.loss)
  })

  test("epoch e records the network after e full-batch steps, before that epoch's update", () => {
    const optimizer = countingSgd(0.5)
    const config = { loss: 'mse' as const, optimizer, epochs: 6, batchSize: null }
    const net = right(
      network.mlp([2, 4, 1], { hidden: 'relu', output: 'sigmoid', rng: random.numpy.seed(3) }),
    )
    const { history, state } = right(
      fit(config)(initialState(net, optimizer), { train: moonsLike, test: moonsLike }),
    )
    let current = initialState(net, optimizer)
    for (let epoch = 0; epoch < 6; epoch++) {
      const { loss, gradients } = right(
        network.valueAndGradients(current.network, moonsLike, { loss: 'mse' }),
      )
      const output = right(network.predict(current.network, moonsLike.X))
      expect(history.loss[epoch]).toBe(loss)
      expect(history.testLoss[epoch]).toBe(loss)
      expect(history.trainAccuracy[epoch]).toBe(accuracy(output, moonsLike.y))
      expect(history.testAccuracy[epoch]).toBe(history.trainAccuracy[epoch])
      const dense = gradients.layers.flatMap((layer) => ('W' in layer ? [layer] : []))
      expect(history.gradientNorms.weights[epoch]).toStrictEqual(
        dense.map((layer) => linalg.frobeniusNorm(layer.W)),
      )
      expect(history.gradientNorms.biases[epoch]).toStrictEqual(
        dense.map((layer) => linalg.frobeniusNorm(layer.b)),
      )
      current = right(step(config)(current, moonsLike))
    }
    expect(flat(state.network)).toStrictEqual(flat(current.network))
    expect(history.final).toStrictEqual({
      trainLoss: right(network.loss(current.network, moonsLike, 'mse')),
      trainAccuracy: accuracy(right(network.predict(current.network, moonsLike.X)), moonsLike.y),
      testLoss: right(network.loss(current.network, moonsLike, 'mse')),
      testAccuracy: accuracy(right(network.predict(current.network, moonsLike.X)), moonsLike.y),
    })
    expect(history.loss.at(-1)).toBeLessThan(history.loss[0] ?? 0)
  })

  test('zero epochs return the initial state and an empty history with its final figures', () => {
    const optimizer = countingSgd(0.1)
    const initial = initialState(dropoutNetwork, optimizer)
    const { state, history } = right(
      fit({ loss: 'mse', optimizer, epochs: 0, batchSize: null })(initial, { train: moonsLike }),
    )
    expect(state).toBe(initial)
    expect(history.loss).toStrictEqual([])
    expect(history.final?.trainLoss).toBe(right(network.loss(dropoutNetwork, moonsLike, 'mse')))
  })

  test.each([-1, 1.5, Number.NaN])('epochs %s is a Left', (epochs) => {
    const optimizer = countingSgd(0.1)
    const error = left(
      fit({ loss: 'mse', optimizer, epochs, batchSize: null })(
        initialState(dropoutNetwork, optimizer),
        {
          train: moonsLike,
        },
      ),
    )
    expect(error.message).toBe(`fit: epochs is ${epochs}, expected a non-negative integer`)
  })

  test('a bad batch size or a mis-shaped test set is a Left', () => {
    const optimizer = countingSgd(0.1)
    const initial = initialState(dropoutNetwork, optimizer)
    expect(
      left(fit({ loss: 'mse', optimizer, epochs: 1, batchSize: 0 })(initial, { train: moonsLike }))
        .message,
    ).toMatch(/batchSize is 0/)
    const test = { X: linalg.zeros(2, 3), y: linalg.zeros(2, 1) }
    expect(
      left(
        fit({ loss: 'mse', optimizer, epochs: 1, batchSize: null })(initial, {
          train: moonsLike,
          test,
        }),
      ).message,
    ).toMatch(/input has 3 columns/)
  })
})

describe('fitEpochs', () => {
  test("yields the records of fit's history and each epoch's state, and foldEpochs is fit", () => {
    const optimizer = countingSgd(0.2)
    const config: FitConfig<number> = {
      loss: 'mse',
      optimizer,
      epochs: 7,
      batchSize: 3,
      shuffle: random.key(4),
    }
    const initial = initialState(dropoutNetwork, optimizer, random.key(2))
    const data = { train: moonsLike, test: moonsLike }
    const fitted = right(fit(config)(initial, data))
    const outcomes = [...fitEpochs(config)(initial, data)].map((outcome) => right(outcome))
    expect(outcomes.map((outcome) => outcome.epoch)).toStrictEqual([0, 1, 2, 3, 4, 5, 6])
    expect(outcomes.map((outcome) => outcome.record.loss)).toStrictEqual(fitted.history.loss)
    expect(outcomes.map((outcome) => outcome.record.test?.accuracy)).toStrictEqual(
      fitted.history.testAccuracy,
    )
    expect(outcomes.map((outcome) => outcome.state.stepCount)).toStrictEqual([
      3, 6, 9, 12, 15, 18, 21,
    ])
    const last = outcomes.at(-1)
    expect(last === undefined ? [] : flat(last.state.network)).toStrictEqual(
      flat(fitted.state.network),
    )
    const folded = right(foldEpochs(initial, data, 'mse')(fitEpochs(config)(initial, data)))
    expect(folded.history).toStrictEqual(fitted.history)
    expect(folded.shuffle).toStrictEqual(fitted.shuffle)
  })

  propertyTest.prop(
    [
      fc.constantFrom('sgd', 'adam'),
      fc.integer({ min: 1, max: 5 }),
      fc.integer({ min: 0, max: 99 }),
    ],
    { numRuns: 12 },
  )(
    'an epoch’s state read after later epochs ran is the one read at once, bit for bit',
    (name, batchSize, seed) => {
      const optimizer = (
        name === 'adam' ? right(adam(0.05)) : right(sgd(0.3))
      ) as Optimizer<unknown>
      const config: FitConfig<unknown> = {
        loss: 'mse',
        optimizer,
        epochs: 4,
        batchSize,
        shuffle: random.key(seed),
      }
      const initial = initialState(dropoutNetwork, optimizer, random.key(seed + 1))
      const data = { train: moonsLike }
      const atOnce: unknown[] = []
      for (const outcome of fitEpochs(config)(initial, data)) {
        const { state } = right(outcome)
        atOnce.push([flat(state.network), state.optimizerState, state.stepCount, state.key])
      }
      // every epoch first, then every state: the buffers had moved on before each was read
      const later = [...fitEpochs(config)(initial, data)]
        .map((outcome) => right(outcome))
        .map(({ state }) => [flat(state.network), state.optimizerState, state.stepCount, state.key])
      expect(later).toStrictEqual(atOnce)
      const states = [...fitEpochs(config)(initial, data)].map((outcome) => right(outcome))
      const [first] = states
      if (first === undefined) throw new Error('no epoch')
      expect(first.state).toBe(first.state)
      expect(Object.isFrozen(first)).toBe(true)
    },
  )

  test('is lazy: asking for two epochs of a billion trains two', () => {
    const optimizer = countingSgd(0.1)
    const epochs = fitEpochs({ loss: 'mse', optimizer, epochs: 1e9, batchSize: null })(
      initialState(dropoutNetwork, optimizer),
      { train: moonsLike },
    )
    const first = right(
      epochs.next().value ?? E.left(network.networkError('InvalidArchitecture', 'none')),
    )
    const second = right(
      epochs.next().value ?? E.left(network.networkError('InvalidArchitecture', 'none')),
    )
    expect([first.epoch, second.epoch, second.state.stepCount]).toStrictEqual([0, 1, 2])
  })

  test('an error is the last item, and foldEpochs returns it', () => {
    const optimizer = countingSgd(0.1)
    const initial = initialState(dropoutNetwork, optimizer)
    const outcomes = [
      ...fitEpochs({ loss: 'mse', optimizer, epochs: 5, batchSize: 0 })(initial, {
        train: moonsLike,
      }),
    ]
    expect(outcomes).toHaveLength(1)
    expect(left(outcomes[0] ?? E.right(null)).message).toMatch(/batchSize is 0/)
    expect(left(foldEpochs(initial, { train: moonsLike }, 'mse')(outcomes)).message).toMatch(
      /batchSize is 0/,
    )
  })
})

describe('the accuracy of a logit output', () => {
  // One linear unit z = x (W = [[1]], b = 0) read by binaryCrossEntropyWithLogits: the model says
  // class 1 where σ(z) > ½, that is where z > 0. Rows z = 0.2 and 0.4 are class 1 (σ ≈ 0.55, 0.60)
  // and z = −0.3 class 0; labels 1, 1, 0 make every row right (a ½ threshold on z gets 1 of 3).
  test('counts z > 0 as class 1, as σ(z) > ½ does', () => {
    const X = right(linalg.fromRows([[0.2], [0.4], [-0.3]]))
    const y = right(linalg.fromRows([[1], [1], [0]]))
    const net: network.Network = {
      inputSize: 1,
      layers: [{ kind: 'dense', inputs: 1, outputs: 1, activation: 'linear' }],
      parameters: { layers: [{ W: linalg.ones(1, 1), b: linalg.zeros(1, 1) }] },
    }
    const still = countingSgd(0)
    const result = right(
      fit({ loss: 'binaryCrossEntropyWithLogits', optimizer: still, epochs: 1, batchSize: null })(
        initialState(net, still),
        { train: { X, y } },
      ),
    )
    expect(result.history.trainAccuracy).toStrictEqual([1])
    expect(result.history.final?.trainAccuracy).toBe(1)
    expect(accuracy(X, y, 0)).toBe(1)
    expect(accuracy(X, y)).toBe(1 / 3)
  })
})
