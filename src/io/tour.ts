// The notebook's whole printout, reproduced by gradfold chapter by chapter: the chain rule, the
// 2-3-1 training step explained, its gradient check, and the moons and circles training runs.
// Laws: pure (no I/O, no clock); 'ru' is the notebook's stdout line for line, 'en' the same lines
// with English words and the same numbers.

import * as E from 'fp-ts/lib/Either.js'
import { data, check, graph, linalg, network, random, train } from '../index.js'
import { tourWords, type TourLanguage, type TourWords } from './tour-words.js'

export type { TourLanguage } from './tour-words.js'

/** Why the tour could not be printed: some layer's error, by its message. */
export interface TourError {
  readonly message: string
}

type Lines = E.Either<TourError, readonly string[]>

const RULE = '='.repeat(60)
const HASHES = '#'.repeat(60)

/** Python's `str` of a float with an integral or short value: 2 → `2.0`, 0.5 → `0.5`. */
const pyFloat = (value: number): string =>
  Number.isInteger(value) ? value.toFixed(1) : String(value)

/** Python's `{:.2e}`: two decimals and an exponent of at least two digits (`5.84e-11`). */
export const pyExponential = (value: number): string => {
  const [mantissa = '', exponent = '0'] = value.toExponential(2).split('e')
  const sign = exponent.startsWith('-') ? '-' : '+'
  return `${mantissa}e${sign}${exponent.replace(/^[+-]/u, '').padStart(2, '0')}`
}

/** numpy's shape tuple: `(240, 2)`. */
const shapeTuple = (matrix: linalg.Matrix): string =>
  `(${String(matrix.rows)}, ${String(matrix.cols)})`

const one = (value: number): linalg.Matrix => linalg.fill(1, 1, value)
const entry = (matrix: linalg.Matrix | undefined): number =>
  matrix === undefined ? Number.NaN : linalg.get(matrix, 0, 0)

const fail = (message: string): E.Either<TourError, never> => E.left({ message })

/**
 * Chapter 1, the chain rule for f = (3x + 2)² at x = 2 (notebook cell 2): forward values,
 * df/du, du/dx and df/dx from the graph's gradients, and the central difference with ε = 1e-7.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { chainRuleChapter } from './tour.js'
 * const lines = chainRuleChapter('ru')
 * assert.ok(E.isRight(lines))
 * assert.strictEqual(lines.right[0], 'Прямое распространение:')
 * assert.ok(lines.right.includes('df/dx = df/du * du/dx = 48.0'))
 */
export const chainRuleChapter = (language: TourLanguage = 'ru'): Lines => {
  const words = tourWords(language)
  const x = graph.scalarInput('x')
  const u = graph.named(graph.add(graph.scale(x, 3), graph.constant(2)), 'u')
  const f = graph.named(graph.square(u), 'f')
  const fPlan = graph.compile(f)
  const uPlan = graph.compile(u)
  if (E.isLeft(fPlan)) return fPlan
  if (E.isLeft(uPlan)) return uPlan
  const xValue = 2
  const at = (value: number): graph.Bindings => ({ inputs: { x: one(value) } })
  const traced = graph.traceGradients(fPlan.right, at(xValue))
  const uGradients = graph.valueAndGradients(uPlan.right, at(xValue))
  const epsilon = 1e-7
  const fPlus = graph.evaluate(fPlan.right, at(xValue + epsilon))
  const fMinus = graph.evaluate(fPlan.right, at(xValue - epsilon))
  if (E.isLeft(traced)) return traced
  if (E.isLeft(uGradients)) return uGradients
  if (E.isLeft(fPlus)) return fPlus
  if (E.isLeft(fMinus)) return fMinus
  const { trace, value: fValue, gradients } = traced.right
  const uValue = uGradients.right.value
  const fu = trace.backward.find((step) => step.node === 'f' && step.operand === 'u')
  if (fu === undefined) return fail('tour: the chain rule trace has no step f → u')
  const dfDu = entry(fu.contribution)
  const duDx = entry(uGradients.right.gradients.inputs.x)
  const dfDx = entry(gradients.inputs.x)
  const numerical = (entry(fPlus.right) - entry(fMinus.right)) / (2 * epsilon)
  return E.right([
    words.forward,
    `x = ${pyFloat(xValue)}`,
    `u = 3x + 2 = ${pyFloat(uValue)}`,
    `f = u^2 = ${pyFloat(fValue)}`,
    '',
    words.backward,
    `df/du = 2u = ${pyFloat(dfDu)}`,
    // The notebook's du_dx is the int literal 3, printed without `.0`.
    `du/dx = 3 = ${String(duDx)}`,
    `df/dx = df/du * du/dx = ${pyFloat(dfDx)}`,
    '',
    words.numericCheck,
    `df/dx (${words.numerically}) = ${numerical.toFixed(6)}`,
    `df/dx (${words.analytically}) = ${pyFloat(dfDx)}`,
    `${words.difference}: ${Math.abs(dfDx - numerical).toFixed(10)}`,
  ])
}

/** The notebook's 2-3-1 step: the network before it, the batch, and the network after. */
interface SmallStep {
  readonly lines: readonly string[]
  readonly batch: network.Batch
  readonly updated: network.Network
  /** numpy's stream after the 2-3-1 network's draws (seed 42, randn(2,3)·0.5, randn(3,1)·0.5). */
  readonly stream: random.numpy.RandomState
}

/** The lines without the walkthrough's hand-derived block (its heading up to the next rule). */
const withoutHandBlock = (lines: readonly string[], heading: string): readonly string[] => {
  const start = lines.indexOf(`--- ${heading} ---`)
  const end = lines.indexOf(RULE, start)
  return start > 0 && end > start ? [...lines.slice(0, start - 1), ...lines.slice(end - 1)] : lines
}

const LEARNING_RATE = 0.1

/** Chapter 2: the 2-3-1 demo — headers, the data, then `explainTrainingStep` at α = 0.1. */
const backpropChapter = (
  words: TourWords,
  language: TourLanguage,
): E.Either<TourError, SmallStep> => {
  const X = linalg.fromRows([[0.5, 0.3]])
  const y = linalg.fromRows([[1.0]])
  if (E.isLeft(X)) return X
  if (E.isLeft(y)) return y
  const batch: network.Batch = { X: X.right, y: y.right }
  const init = network.scaledNormal(0.5)
  const net = network.mlp([2, 3, 1], {
    hidden: 'sigmoid',
    output: 'sigmoid',
    init,
    rng: random.numpy.seed(42),
  })
  if (E.isLeft(net)) return net
  const [, stream] = network.initParameters(net.right.layers, init, random.numpy.seed(42))
  if (!random.numpy.isRandomState(stream)) return fail('tour: initParameters lost the numpy stream')
  const text = network.explainTrainingStep(net.right, batch, LEARNING_RATE, { language })
  if (E.isLeft(text)) return text
  const step = network.valueAndGradients(net.right, batch, { loss: 'mse' })
  if (E.isLeft(step)) return step
  const updated = network.sgdStep(net.right, step.right.gradients, LEARNING_RATE)
  if (E.isLeft(updated)) return updated
  const lines = [
    '',
    HASHES,
    `# ${words.demoTitle}`,
    HASHES,
    '',
    `${words.inputData}: X = ${linalg.formatNumpy(batch.X)}`,
    `${words.target}: y = ${linalg.formatNumpy(batch.y)}`,
    ...withoutHandBlock(text.right.split('\n'), words.handHeading),
  ]
  return E.right({ lines, batch, updated: updated.right, stream })
}

/** Chapter 3: the gradient check of W1[0, 0] and W2[0, 0] on the network after the step. */
const gradientCheckChapter = (words: TourWords, step: SmallStep): Lines => {
  const report = check.gradientCheck(step.updated, step.batch, { loss: 'mse', epsilon: 1e-7 })
  if (E.isLeft(report)) return report
  const probeAt = (path: string): check.GradientProbe | undefined =>
    report.right.tensors
      .find((tensor) => tensor.path === path)
      ?.probes.find((probe) => probe.kind === 'entry' && probe.row === 0 && probe.col === 0)
  const entries: (readonly [string, string])[] = [
    ['W1[0, 0]', 'layers[0].W'],
    ['W2[0, 0]', 'layers[1].W'],
  ]
  const blocks: string[] = []
  for (const [name, path] of entries) {
    const probe = probeAt(path)
    if (probe === undefined) return fail(`tour: the gradient check has no probe ${path} [0, 0]`)
    blocks.push(
      '',
      words.checkFor(name),
      `${words.analyticGradient}${probe.analytic.toFixed(10)}`,
      `${words.numericGradient}${probe.numeric.toFixed(10)}`,
      `${words.gap}${pyExponential(Math.abs(probe.analytic - probe.numeric))}`,
    )
  }
  return E.right(['', RULE, words.checkTitle, RULE, ...blocks, '', words.checkVerdict])
}

/** A ReLU/sigmoid mlp drawn with He normal from `stream`, and the stream after its draws. */
const heNetwork = (
  sizes: readonly number[],
  stream: random.numpy.RandomState,
): E.Either<TourError, readonly [network.Network, random.numpy.RandomState]> => {
  const net = network.mlp(sizes, { hidden: 'relu', output: 'sigmoid', rng: stream })
  if (E.isLeft(net)) return net
  const [, next] = network.initParameters(net.right.layers, network.heNormal, stream)
  if (!random.numpy.isRandomState(next)) return fail('tour: initParameters lost the numpy stream')
  return E.right([net.right, next])
}

/** Full-batch SGD at α = 0.1 for `epochs`, as the notebook's `train`. */
const trainRun = (
  net: network.Network,
  epochs: number,
  split: train.FitData,
): E.Either<TourError, train.FitResult<train.SgdState>> => {
  const optimizer = train.sgd(LEARNING_RATE)
  const initial = train.initialState(net, optimizer)
  return train.fit({ loss: 'mse', optimizer, epochs, batchSize: null })(initial, split)
}

/** The notebook's progress lines: loss and accuracy before the update, every 100 epochs. */
const epochLines = (history: train.History): string[] =>
  history.loss.flatMap((loss, epoch) =>
    epoch % 100 === 0
      ? [
          `Epoch ${String(epoch)}: Loss = ${loss.toFixed(6)}, Accuracy = ${(history.trainAccuracy[epoch] ?? Number.NaN).toFixed(4)}`,
        ]
      : [],
  )

/** Chapter 4: moons, split 240/60, [2, 16, 8, 1] for 1000 epochs; the test accuracy. */
const moonsChapter = (
  words: TourWords,
  stream: random.numpy.RandomState,
): E.Either<
  TourError,
  { readonly lines: readonly string[]; readonly stream: random.numpy.RandomState }
> => {
  const points = data.makeMoons({ samples: 300, noise: 0.2, seed: 42, rng: 'numpy' })
  if (E.isLeft(points)) return points
  const split = data.trainTestSplit(points.right, { testSize: 0.2, seed: 42, rng: 'numpy' })
  if (E.isLeft(split)) return split
  const drawn = heNetwork([2, 16, 8, 1], stream)
  if (E.isLeft(drawn)) return drawn
  const [net, next] = drawn.right
  const run = trainRun(net, 1000, { train: split.right.train, test: split.right.test })
  if (E.isLeft(run)) return run
  const testAccuracy = run.right.history.final?.testAccuracy
  if (testAccuracy === undefined) return fail('tour: the moons run recorded no test accuracy')
  const lines = [
    `${words.trainSize}: ${shapeTuple(split.right.train.X)}`,
    `${words.testSize}: ${shapeTuple(split.right.test.X)}`,
    '',
    words.training,
    '',
    ...epochLines(run.right.history),
    '',
    `${words.testAccuracy}: ${testAccuracy.toFixed(4)}`,
  ]
  return E.right({ lines, stream: next })
}

/** Chapter 5: circles, [2, 32, 16, 8, 1] continuing the stream, 2000 epochs; the accuracy. */
const circlesChapter = (words: TourWords, stream: random.numpy.RandomState): Lines => {
  const points = data.makeCircles({ samples: 300, noise: 0.1, factor: 0.5, seed: 42, rng: 'numpy' })
  if (E.isLeft(points)) return points
  const drawn = heNetwork([2, 32, 16, 8, 1], stream)
  if (E.isLeft(drawn)) return drawn
  const run = trainRun(drawn.right[0], 2000, { train: points.right })
  if (E.isLeft(run)) return run
  const accuracy = run.right.history.final?.trainAccuracy
  if (accuracy === undefined) return fail('tour: the circles run recorded no accuracy')
  return E.right([
    words.circlesTraining,
    '',
    ...epochLines(run.right.history),
    '',
    `${words.accuracy}: ${accuracy.toFixed(4)}`,
  ])
}

/**
 * The seed notebook's whole printout, reproduced by gradfold: the chain rule for f = (3x + 2)²,
 * the 2-3-1 network's training step explained (forward, backward, update), its gradient check,
 * the moons run ([2, 16, 8, 1], 1000 epochs) and the circles run ([2, 32, 16, 8, 1], 2000
 * epochs), with numpy's stream seeded 42 threaded through the three networks as the notebook's
 * global `np.random`. In Russian (the default) it is the notebook's stdout line for line; in
 * English the same lines with English words and the same numbers. The lines are joined by `\n`,
 * without a trailing newline. Pure; the whole tour takes a few seconds (6000 training epochs).
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { chainRuleChapter, tour } from './tour.js'
 * // the whole tour trains two networks for a few seconds; its first chapter is cheap
 * assert.strictEqual(typeof tour, 'function')
 * const english = chainRuleChapter('en')
 * assert.ok(E.isRight(english) && english.right.includes('Difference: 0.0000000430'))
 */
export const tour = (language: TourLanguage = 'ru'): E.Either<TourError, string> => {
  const words = tourWords(language)
  const chainRule = chainRuleChapter(language)
  if (E.isLeft(chainRule)) return chainRule
  const small = backpropChapter(words, language)
  if (E.isLeft(small)) return small
  const gradients = gradientCheckChapter(words, small.right)
  if (E.isLeft(gradients)) return gradients
  const moons = moonsChapter(words, small.right.stream)
  if (E.isLeft(moons)) return moons
  const circles = circlesChapter(words, moons.right.stream)
  if (E.isLeft(circles)) return circles
  return E.right(
    [
      ...chainRule.right,
      ...small.right.lines,
      ...gradients.right,
      ...moons.right.lines,
      ...circles.right,
    ].join('\n'),
  )
}
