// The seed notebook's chapters computed by gradfold, as values: the chain rule, the graph example
// L = (x·w + b)², the 2-3-1 training step, its gradient check, the moons and circles runs (with
// their trained networks and snapshots, for the figures). Laws: pure (no I/O, no clock); every
// number the tour prints or saves (tour.json) and every figure is read from these records.

import * as E from 'fp-ts/lib/Either.js'
import { data, check, graph, linalg, network, random, train } from 'gradfold'
import * as teach from 'gradfold/teach'
import { keepSnapshots, type Snapshot } from './report/snapshots.js'

export type { Snapshot } from './report/snapshots.js'

/** Why the tour could not be computed: some layer's error, by its message. */
export interface TourError {
  readonly message: string
}

/** Chapter 1: f = (3x + 2)² at x = 2, its derivatives and the central difference. */
export interface ChainRuleChapter {
  readonly x: number
  readonly u: number
  readonly f: number
  readonly dfdu: number
  readonly dudx: number
  readonly dfdx: number
  readonly epsilon: number
  readonly dfdxNumerical: number
}

/** Chapter 2: L = (x·w + b)² at x = 2, w = 3, b = 1 — forward values, gradients, the trace. */
export interface GraphChapter {
  readonly x: number
  readonly w: number
  readonly b: number
  /** x·w */
  readonly xw: number
  /** z = x·w + b */
  readonly z: number
  readonly L: number
  readonly dLdz: number
  readonly dLdxw: number
  readonly dLdx: number
  readonly dLdw: number
  readonly dLdb: number
  /** The graph's derivation, for teach.renderText and teach.renderDot. */
  readonly trace: graph.Trace
}

/** The weights (or their gradients) of the 2-3-1 network's two dense layers. */
export interface TwoLayers {
  readonly W1: linalg.Matrix
  readonly b1: linalg.Matrix
  readonly W2: linalg.Matrix
  readonly b2: linalg.Matrix
}

/** Chapter 3: one SGD step (α = 0.1) of the notebook's 2-3-1 sigmoid network on one example. */
export interface Verbose231Chapter {
  readonly X: linalg.Matrix
  readonly y: linalg.Matrix
  readonly learningRate: number
  readonly loss: number
  readonly gradients: TwoLayers
  readonly updated: TwoLayers
  /** teach.explainTrainingStep's printout in each language. */
  readonly walkthrough: Readonly<Record<teach.Language, string>>
  /** The same explanation as Markdown with TeX formulas, for the HTML report. */
  readonly walkthroughMarkdown: Readonly<Record<teach.Language, string>>
}

/** One gradient-check probe: the graph's derivative and the central difference. */
export interface Probe {
  readonly analytic: number
  readonly numeric: number
}

/** Chapter 4: W1[0, 0] and W2[0, 0] of the network after the step, checked at ε = 1e-7. */
export interface GradientCheckChapter {
  readonly epsilon: number
  readonly W1: Probe
  readonly W2: Probe
}

/** Per epoch, before that epoch's update (as the notebook records them). */
export interface TrainingCurve {
  readonly losses: readonly number[]
  readonly epochAccuracy: readonly number[]
}

/** What the figures and the report draw from a run: the data, the trained network, the history. */
export interface TrainedRun {
  /** The points the network was trained on. */
  readonly data: data.Dataset
  /** The network after the last epoch. */
  readonly network: network.Network
  readonly history: train.History
}

/** Chapter 5: moons, 240/60 split, [2, 16, 8, 1] trained 1000 epochs. */
export interface MoonsChapter extends TrainingCurve {
  readonly trainShape: linalg.Shape
  readonly testShape: linalg.Shape
  readonly testAccuracy: number
  readonly run: TrainedRun
  /** The network every `SNAPSHOT_EVERY` epochs (0, 50, …, 1000), for the animated boundary. */
  readonly snapshots: readonly Snapshot[]
}

/** Chapter 6: circles, [2, 32, 16, 8, 1] trained 2000 epochs on all 300 points. */
export interface CirclesChapter extends TrainingCurve {
  readonly trainAccuracy: number
  readonly run: TrainedRun
}

/** Every chapter of the tour, as values. */
export interface TourResults {
  readonly chainRule: ChainRuleChapter
  readonly graph: GraphChapter
  readonly verbose231: Verbose231Chapter
  readonly gradientCheck: GradientCheckChapter
  readonly moons: MoonsChapter
  readonly circles: CirclesChapter
}

type Result<A> = E.Either<TourError, A>

const LEARNING_RATE = 0.1
const EPSILON = 1e-7

const one = (value: number): linalg.Matrix => linalg.fill(1, 1, value)
const entry = (matrix: linalg.Matrix | undefined): number =>
  matrix === undefined ? Number.NaN : linalg.get(matrix, 0, 0)
const fail = (message: string): E.Either<TourError, never> => E.left({ message })

/** The gradient a backward step sent from `node` into `operand`, or undefined without one. */
const contribution = (trace: graph.Trace, node: string, operand: string): number | undefined => {
  const step = trace.backward.find((item) => item.node === node && item.operand === operand)
  return step === undefined ? undefined : entry(step.contribution)
}

/**
 * Chapter 1, the chain rule for f = (3x + 2)² at x = 2 (notebook cell 2): forward values, df/du
 * and du/dx from the graph, df/dx by reverse mode, and the central difference with ε = 1e-7.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { chainRuleChapter } from './tour.js'
 * const chapter = chainRuleChapter()
 * assert.ok(E.isRight(chapter))
 * assert.deepStrictEqual([chapter.right.u, chapter.right.f, chapter.right.dfdx], [8, 64, 48])
 * assert.ok(Math.abs(chapter.right.dfdxNumerical - 48) < 1e-6)
 */
export const chainRuleChapter = (): Result<ChainRuleChapter> => {
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
  const fPlus = graph.evaluate(fPlan.right, at(xValue + EPSILON))
  const fMinus = graph.evaluate(fPlan.right, at(xValue - EPSILON))
  if (E.isLeft(traced)) return traced
  if (E.isLeft(uGradients)) return uGradients
  if (E.isLeft(fPlus)) return fPlus
  if (E.isLeft(fMinus)) return fMinus
  const dfdu = contribution(traced.right.trace, 'f', 'u')
  if (dfdu === undefined) return fail('tour: the chain rule trace has no step f → u')
  return E.right({
    x: xValue,
    u: uGradients.right.value,
    f: traced.right.value,
    dfdu,
    dudx: entry(uGradients.right.gradients.inputs.x),
    dfdx: entry(traced.right.gradients.inputs.x),
    epsilon: EPSILON,
    dfdxNumerical: (entry(fPlus.right) - entry(fMinus.right)) / (2 * EPSILON),
  })
}

/**
 * Chapter 2, the notebook's computational-graph figure: L = (x·w + b)² at x = 2, w = 3, b = 1
 * (or other `values`), the nodes named `xw`, `z` and `L`, evaluated and differentiated by the
 * graph — forward values 6, 7, 49 and gradients dL/dz = 14, dL/dx = 42, dL/dw = 28, dL/db = 14.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { graphChapter } from './tour.js'
 * const chapter = graphChapter()
 * assert.ok(E.isRight(chapter))
 * const { L, dLdx, dLdw, dLdb } = chapter.right
 * assert.deepStrictEqual({ L, dLdx, dLdw, dLdb }, { L: 49, dLdx: 42, dLdw: 28, dLdb: 14 })
 */
export const graphChapter = (
  values: { readonly x: number; readonly w: number; readonly b: number } = { x: 2, w: 3, b: 1 },
): Result<GraphChapter> => {
  const xw = graph.named(graph.mul(graph.scalarInput('x'), graph.scalarParameter('w')), 'xw')
  const z = graph.named(graph.add(xw, graph.scalarParameter('b')), 'z')
  const plan = graph.compile(graph.named(graph.square(z), 'L'))
  if (E.isLeft(plan)) return plan
  const traced = graph.traceGradients(plan.right, {
    inputs: { x: one(values.x) },
    parameters: { w: one(values.w), b: one(values.b) },
  })
  if (E.isLeft(traced)) return traced
  const { trace, value } = traced.right
  // the trace's records, by the names the expression gave its nodes
  const valueOf = (node: string): number =>
    entry(trace.forward.find((step) => step.node === node)?.value)
  const gradientOf = (name: string): number =>
    entry(trace.gradients.find((item) => item.name === name)?.gradient)
  const dLdz = contribution(trace, 'L', 'z')
  const dLdxw = contribution(trace, 'z', 'xw')
  if (dLdz === undefined || dLdxw === undefined) {
    return fail('tour: the graph example trace has no step L → z or z → xw')
  }
  return E.right({
    ...values,
    xw: valueOf('xw'),
    z: valueOf('z'),
    L: value,
    dLdz,
    dLdxw,
    dLdx: gradientOf('x'),
    dLdw: gradientOf('w'),
    dLdb: gradientOf('b'),
    trace,
  })
}

/** The two dense layers of a parameter tree shaped like the 2-3-1 network's. */
const twoLayers = (tree: network.Network['parameters']): Result<TwoLayers> => {
  const [first, second] = tree.layers
  if (first === undefined || second === undefined || !('W' in first) || !('W' in second)) {
    return fail('tour: the 2-3-1 network does not have two dense layers')
  }
  return E.right({ W1: first.W, b1: first.b, W2: second.W, b2: second.b })
}

/** Chapter 3 with what chapters 4 and 5 need: the batch, the network after the step, the stream. */
interface SmallStep {
  readonly chapter: Verbose231Chapter
  readonly batch: network.Batch
  readonly updated: network.Network
  /** numpy's stream after the 2-3-1 network's draws (seed 42, randn(2,3)·0.5, randn(3,1)·0.5). */
  readonly stream: random.numpy.RandomState
}

const smallStep = (): Result<SmallStep> => {
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
  const explain = (language: teach.Language, format: 'text' | 'markdown'): Result<string> =>
    teach.explainTrainingStep(net.right, batch, LEARNING_RATE, { language, format })
  const english = explain('en', 'text')
  const russian = explain('ru', 'text')
  const englishMarkdown = explain('en', 'markdown')
  const russianMarkdown = explain('ru', 'markdown')
  if (E.isLeft(english)) return english
  if (E.isLeft(russian)) return russian
  if (E.isLeft(englishMarkdown)) return englishMarkdown
  if (E.isLeft(russianMarkdown)) return russianMarkdown
  const step = network.valueAndGradients(net.right, batch, { loss: 'mse' })
  if (E.isLeft(step)) return step
  // The notebook's step W ← W − η·dW: one step of plain SGD (updates −η·dW, then θ + update).
  const descend = train.sgd(LEARNING_RATE)
  if (E.isLeft(descend)) return fail(descend.left.message)
  const { updates } = descend.right.update(
    step.right.gradients,
    descend.right.init(net.right.parameters),
    net.right.parameters,
  )
  const updated = network.applyUpdates(net.right, updates)
  if (E.isLeft(updated)) return updated
  const gradients = twoLayers(step.right.gradients)
  const after = twoLayers(updated.right.parameters)
  if (E.isLeft(gradients)) return gradients
  if (E.isLeft(after)) return after
  return E.right({
    chapter: {
      X: batch.X,
      y: batch.y,
      learningRate: LEARNING_RATE,
      loss: step.right.loss,
      gradients: gradients.right,
      updated: after.right,
      walkthrough: { en: english.right, ru: russian.right },
      walkthroughMarkdown: { en: englishMarkdown.right, ru: russianMarkdown.right },
    },
    batch,
    updated: updated.right,
    stream,
  })
}

/** Chapter 4: the gradient check of W1[0, 0] and W2[0, 0] on the network after the step. */
const gradientCheckChapter = (step: SmallStep): Result<GradientCheckChapter> => {
  const report = check.gradientCheck(step.updated, step.batch, { loss: 'mse', epsilon: EPSILON })
  if (E.isLeft(report)) return report
  const probeAt = (path: string): Result<Probe> => {
    const probe = report.right.tensors
      .find((tensor) => tensor.path === path)
      ?.probes.find((item) => item.kind === 'entry' && item.row === 0 && item.col === 0)
    return probe === undefined
      ? fail(`tour: the gradient check has no probe ${path} [0, 0]`)
      : E.right({ analytic: probe.analytic, numeric: probe.numeric })
  }
  const W1 = probeAt('layers[0].W')
  const W2 = probeAt('layers[1].W')
  if (E.isLeft(W1)) return W1
  if (E.isLeft(W2)) return W2
  return E.right({ epsilon: EPSILON, W1: W1.right, W2: W2.right })
}

/** A ReLU/sigmoid mlp drawn with He normal from `stream`, and the stream after its draws. */
const heNetwork = (
  sizes: readonly number[],
  stream: random.numpy.RandomState,
): Result<readonly [network.Network, random.numpy.RandomState]> => {
  const net = network.mlp(sizes, { hidden: 'relu', output: 'sigmoid', rng: stream })
  if (E.isLeft(net)) return net
  const [, next] = network.initParameters(net.right.layers, network.heNormal, stream)
  if (!random.numpy.isRandomState(next)) return fail('tour: initParameters lost the numpy stream')
  return E.right([net.right, next])
}

/** How often (in epochs) the moons run keeps a snapshot of its network. */
export const SNAPSHOT_EVERY = 50

/** A full-batch run's result and its network every `SNAPSHOT_EVERY` epochs. */
interface SnapshotRun {
  readonly result: train.FitResult<train.SgdState>
  readonly snapshots: readonly Snapshot[]
}

/**
 * Full-batch SGD at α = 0.1 for `epochs`, as the notebook's `train` (`fit` is the fold of the
 * same epochs, bit for bit), keeping the network every `SNAPSHOT_EVERY` epochs.
 */
const trainRun = (
  net: network.Network,
  epochs: number,
  split: train.FitData,
): Result<SnapshotRun> => {
  const built = train.sgd(LEARNING_RATE)
  if (E.isLeft(built)) return fail(built.left.message)
  const optimizer = built.right
  const initial = train.initialState(net, optimizer)
  const config = { loss: 'mse', optimizer, epochs, batchSize: null } as const
  const kept: Snapshot[] = [{ epoch: 0, network: net }]
  const result = train.foldEpochs(
    initial,
    split,
    config.loss,
  )(keepSnapshots(train.fitEpochs(config)(initial, split), SNAPSHOT_EVERY, kept))
  return E.map((folded: train.FitResult<train.SgdState>) => ({ result: folded, snapshots: kept }))(
    result,
  )
}

const curveOf = (history: train.History): TrainingCurve => ({
  losses: history.loss,
  epochAccuracy: history.trainAccuracy,
})

/** Chapter 5: moons, split 240/60, [2, 16, 8, 1] for 1000 epochs; the test accuracy. */
const moonsChapter = (
  stream: random.numpy.RandomState,
): Result<readonly [MoonsChapter, random.numpy.RandomState]> => {
  const points = data.makeMoons({ samples: 300, noise: 0.2, seed: 42, rng: 'numpy' })
  if (E.isLeft(points)) return points
  const split = data.trainTestSplit(points.right, { testSize: 0.2, seed: 42, rng: 'numpy' })
  if (E.isLeft(split)) return split
  const drawn = heNetwork([2, 16, 8, 1], stream)
  if (E.isLeft(drawn)) return drawn
  const [net, next] = drawn.right
  const { train: trainSet, test: testSet } = split.right
  const run = trainRun(net, 1000, { train: trainSet, test: testSet })
  if (E.isLeft(run)) return run
  const { history, state } = run.right.result
  const testAccuracy = history.final?.testAccuracy
  if (testAccuracy === undefined) return fail('tour: the moons run recorded no test accuracy')
  const shape = (matrix: linalg.Matrix): linalg.Shape => ({ rows: matrix.rows, cols: matrix.cols })
  const chapter: MoonsChapter = {
    trainShape: shape(trainSet.X),
    testShape: shape(testSet.X),
    ...curveOf(history),
    testAccuracy,
    run: { data: trainSet, network: state.network, history },
    snapshots: run.right.snapshots,
  }
  return E.right([chapter, next])
}

/** Chapter 6: circles, [2, 32, 16, 8, 1] continuing the stream, 2000 epochs; the accuracy. */
const circlesChapter = (stream: random.numpy.RandomState): Result<CirclesChapter> => {
  const points = data.makeCircles({ samples: 300, noise: 0.1, factor: 0.5, seed: 42, rng: 'numpy' })
  if (E.isLeft(points)) return points
  const drawn = heNetwork([2, 32, 16, 8, 1], stream)
  if (E.isLeft(drawn)) return drawn
  const run = trainRun(drawn.right[0], 2000, { train: points.right })
  if (E.isLeft(run)) return run
  const { history, state } = run.right.result
  const trainAccuracy = history.final?.trainAccuracy
  if (trainAccuracy === undefined) return fail('tour: the circles run recorded no accuracy')
  return E.right({
    ...curveOf(history),
    trainAccuracy,
    run: { data: points.right, network: state.network, history },
  })
}

/**
 * Computes the whole tour: the chain rule, the graph example, the 2-3-1 network's training step,
 * its gradient check, the moons run ([2, 16, 8, 1], 1000 epochs) and the circles run
 * ([2, 32, 16, 8, 1], 2000 epochs), with numpy's stream seeded 42 threaded through the three
 * networks as the notebook's global `np.random`. Pure, but it trains for about five seconds
 * (6000 epochs); `renderTour` (tour-text.ts) prints the result, `keyNumbers` (tour-reference.ts)
 * extracts what tour.json saves.
 *
 * @example
 * import assert from 'node:assert'
 * import { runTour } from './tour.js'
 * // the whole tour trains two networks for a few seconds; the cheap chapters are shown above
 * assert.strictEqual(typeof runTour, 'function')
 */
export const runTour = (): Result<TourResults> => {
  const chainRule = chainRuleChapter()
  if (E.isLeft(chainRule)) return chainRule
  const graphExample = graphChapter()
  if (E.isLeft(graphExample)) return graphExample
  const small = smallStep()
  if (E.isLeft(small)) return small
  const gradientCheck = gradientCheckChapter(small.right)
  if (E.isLeft(gradientCheck)) return gradientCheck
  const moons = moonsChapter(small.right.stream)
  if (E.isLeft(moons)) return moons
  const [moonsResult, afterMoons] = moons.right
  const circles = circlesChapter(afterMoons)
  if (E.isLeft(circles)) return circles
  return E.right({
    chainRule: chainRule.right,
    graph: graphExample.right,
    verbose231: small.right.chapter,
    gradientCheck: gradientCheck.right,
    moons: moonsResult,
    circles: circles.right,
  })
}
