// The training objective: a loss of the network's output against a batch's targets (plus an
// optional L2 penalty) as one scalar graph, the checks a batch passes before it is evaluated, and
// `objective` (the compiled graph with its bindings, for traces and checks). Laws: the gradient
// tree is shaped exactly like `network.parameters`; the network and the batch are never mutated.

import * as E from 'fp-ts/lib/Either.js'
import * as graph from '../graph/index.js'
import * as linalg from '../linalg/index.js'
import type { Matrix } from '../linalg/index.js'
import type * as random from '../random/index.js'
import { checkFinite, networkError, type NetworkError } from './errors.js'
import {
  checkForward,
  forwardGraph,
  fromGraphError,
  type Architecture,
  type ForwardGraph,
  type ForwardOptions,
} from './forward.js'
import {
  l2Penalty,
  lossExpression,
  parseLoss,
  readsPreActivation,
  type LossName,
} from './losses.js'
import { describeLayer, type Network } from './network.js'

/**
 * Inputs X and targets y, one example per row of each (a `data.Dataset` is one).
 *
 * @category Objective
 */
export interface Batch {
  readonly X: Matrix
  readonly y: Matrix
}

/**
 * Which loss (a name from `lossNames`), an optional L2 strength, and the forward options.
 *
 * @category Objective
 */
export interface ObjectiveOptions extends ForwardOptions {
  readonly loss: string
  readonly l2?: number
}

/** What the loss reads: the output, or for a logit loss the last layer's pre-activation. */
const predictionFor = (
  name: LossName,
  architecture: Architecture,
  built: ForwardGraph,
  where: string,
): E.Either<NetworkError, graph.Expression<'matrix'>> =>
  E.map((preActivation: boolean) =>
    preActivation && built.logits !== undefined ? built.logits : built.output,
  )(readsPreActivation(name, architecture, where))

/**
 * The compiled scalar objective and the bindings it is evaluated at — for `graph.traceGradients`,
 * `graph.vjp` or a finite-difference check. The logit losses read the last layer's
 * pre-activation when its activation is the one they fuse (`logitLosses`), else its linear output. Left for an unknown loss, targets whose shape is not
 * X.rows × the output width (`objective: y is 4×2, expected 4×1 (the output of layer 1 (dense
 * 3→1))`), non-finite targets, or any error of `forward`.
 *
 * @category Objective
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { graph, linalg, network, random } from 'gradfold'
 * const net = network.mlp([2, 1], { hidden: 'linear', output: 'sigmoid', key: random.key(0) })
 * assert.ok(E.isRight(net))
 * const built = network.objective(net.right, { X: linalg.ones(3, 2), y: linalg.ones(3, 1) }, { loss: 'mse' })
 * assert.ok(E.isRight(built))
 * const traced = graph.traceGradients(built.right.plan, built.right.bindings)
 * assert.ok(E.isRight(traced) && traced.right.trace.forward.some((step) => step.node === 'z1'))
 */
export const objective = (
  network: Network,
  batch: Batch,
  options: ObjectiveOptions,
  where = 'objective',
): E.Either<
  NetworkError,
  { readonly plan: graph.Plan<'scalar'>; readonly bindings: graph.Bindings }
> =>
  E.chain(({ name, keys }: CheckedObjective) =>
    E.map(({ plan }: ObjectivePlan) => ({
      plan,
      bindings: objectiveBindings(network.parameters, batch),
    }))(objectivePlan(network, name, options.l2, batch.X.rows, keys, where)),
  )(checkObjective(network, batch, options, where))

/** The bindings of an objective's plan: the batch as inputs X and y, and the parameters. */
export const objectiveBindings = (
  parameters: Network['parameters'],
  batch: Batch,
): graph.Bindings => ({ inputs: { X: batch.X, y: batch.y }, parameters })

/** A checked objective: its loss, and one dropout key per layer (none when no masks are drawn). */
export interface CheckedObjective {
  readonly name: LossName
  readonly keys: readonly random.Key[]
}

/** The L2 strength when given: a finite number ≥ 0, else an InvalidOption error. */
export const checkL2 = (
  l2: number | undefined,
  where: string,
): E.Either<NetworkError, number | undefined> =>
  l2 === undefined || (Number.isFinite(l2) && l2 >= 0)
    ? E.right(l2)
    : E.left(networkError('InvalidOption', `${where}: l2 is ${l2}, expected a finite number ≥ 0`))

/**
 * Everything the objective checks before it builds its graph: the loss name, the L2 strength, y's shape (X.rows ×
 * the output width) and finiteness, and `checkForward`'s checks of X, the parameters and the
 * dropout key. Right holds the loss and one dropout key per layer (none when no masks are drawn).
 * Compiled training runs these checks, so its errors read as the interpreter's.
 */
export const checkObjective = (
  network: Network,
  batch: Batch,
  options: ObjectiveOptions,
  where: string,
): E.Either<NetworkError, CheckedObjective> => {
  const name = parseLoss(options.loss, where)
  if (E.isLeft(name)) return name
  const l2 = checkL2(options.l2, where)
  if (E.isLeft(l2)) return l2
  const lastIndex = network.layers.length - 1
  const last = network.layers[lastIndex]
  const outputs = last?.outputs ?? network.inputSize
  if (batch.y.rows !== batch.X.rows || batch.y.cols !== outputs) {
    return E.left(
      networkError(
        'ShapeMismatch',
        `${where}: y is ${linalg.formatShape(batch.y)}, expected ${batch.X.rows}×${outputs} (the output of ${last === undefined ? 'the network' : describeLayer(last, lastIndex)})`,
      ),
    )
  }
  const finite = checkFinite(where, 'y', batch.y)
  if (E.isLeft(finite)) return finite
  return E.map((keys: readonly random.Key[]) => ({ name: name.right, keys }))(
    checkForward(network, batch.X, options, where),
  )
}

/** The objective's compiled graph and the network's output node in it. */
export interface ObjectivePlan {
  readonly plan: graph.Plan<'scalar'>
  readonly output: graph.Expression<'matrix'>
}

/**
 * The objective graph for batches of `rows` examples, built and compiled (unchecked: run
 * `checkObjective` first, or check the loss against the architecture as `compileObjective` does).
 * Dropout masks drawn from `keys` are constants of the graph, so such a plan serves one evaluation.
 */
export const objectivePlan = (
  architecture: Architecture,
  name: LossName,
  l2: number | undefined,
  rows: number,
  keys: readonly random.Key[],
  where: string,
): E.Either<NetworkError, ObjectivePlan> => {
  const built = forwardGraph(architecture, rows, keys)
  const prediction = predictionFor(name, architecture, built, where)
  if (E.isLeft(prediction)) return prediction
  const last = architecture.layers[architecture.layers.length - 1]
  const outputs = last?.outputs ?? architecture.inputSize
  const data = graph.named(
    lossExpression(name, prediction.right, graph.input('y', rows, outputs), {
      rows,
      cols: outputs,
    }),
    'loss',
  )
  const total =
    l2 === undefined ? data : graph.named(graph.add(data, l2Penalty(architecture, l2)), 'loss + l2')
  return E.bimap(fromGraphError(where), (plan: graph.Plan<'scalar'>) => ({
    plan,
    output: built.output,
  }))(graph.compile(total))
}
