// The training objective: a loss of the network's output against a batch's targets (plus an
// optional L2 penalty) as one scalar graph, its value, and its gradient tree. Laws: the gradient
// tree is shaped exactly like `network.parameters`; the network and the batch are never mutated.

import * as E from 'fp-ts/lib/Either.js'
import * as graph from '../graph/index.js'
import * as linalg from '../linalg/index.js'
import type { Matrix } from '../linalg/index.js'
import type * as random from '../random/index.js'
import { checkFinite, networkError, type NetworkError } from './errors.js'
import {
  architectureSignature,
  cachedPlan,
  checkForward,
  forwardLayers,
  fromGraphError,
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

/** Inputs X and targets y, one example per row of each (a `data.Dataset` is one). */
export interface Batch {
  readonly X: Matrix
  readonly y: Matrix
}

/** Which loss (a name from `lossNames`), an optional L2 strength, and the forward options. */
export interface ObjectiveOptions extends ForwardOptions {
  readonly loss: string
  readonly l2?: number
}

/** What the loss reads: the output, or for a logit loss the last layer's pre-activation. */
const predictionFor = (
  name: LossName,
  network: Network,
  built: ForwardGraph,
  where: string,
): E.Either<NetworkError, graph.Expression<'matrix'>> =>
  E.map((preActivation: boolean) =>
    preActivation && built.logits !== undefined ? built.logits : built.output,
  )(readsPreActivation(name, network, where))

/**
 * The compiled scalar objective and the bindings it is evaluated at — for `graph.traceGradients`,
 * `graph.vjp` or a finite-difference check. The logit losses read the last layer's
 * pre-activation when its activation is the one they fuse (`logitLosses`), else its linear output. Left for an unknown loss, targets whose shape is not
 * X.rows × the output width (`objective: y is 4×2, expected 4×1 (the output of layer 1 (dense
 * 3→1))`), non-finite targets, or any error of `forward`.
 *
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
  E.map(({ plan }: CompiledObjective) => ({
    plan,
    bindings: { inputs: { X: batch.X, y: batch.y }, parameters: network.parameters },
  }))(compiledObjective(network, batch, options, where))

/**
 * Everything the objective checks before it builds its graph: the loss name, y's shape (X.rows ×
 * the output width) and finiteness, and `checkForward`'s checks of X, the parameters and the
 * dropout key. Right holds the loss and one dropout key per layer (none when no masks are drawn).
 * Compiled training runs these checks, so its errors read as the interpreter's.
 */
export const checkObjective = (
  network: Network,
  batch: Batch,
  options: ObjectiveOptions,
  where: string,
): E.Either<NetworkError, { readonly name: LossName; readonly keys: readonly random.Key[] }> => {
  const name = parseLoss(options.loss, where)
  if (E.isLeft(name)) return name
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

/** The compiled objective and the network's output node in it. */
interface CompiledObjective {
  readonly plan: graph.Plan<'scalar'>
  readonly output: graph.Expression<'matrix'>
}

/**
 * `objective`'s work. Everything is checked on every call; the graph is built and compiled once
 * per architecture, loss, L2 strength and batch shape (`cachedPlan`) — except when dropout masks
 * are drawn, which are constants of this one evaluation.
 */
const compiledObjective = (
  network: Network,
  batch: Batch,
  options: ObjectiveOptions,
  where: string,
): E.Either<NetworkError, CompiledObjective> => {
  const checked = checkObjective(network, batch, options, where)
  if (E.isLeft(checked)) return checked
  const { name, keys } = checked.right
  const build = (): E.Either<NetworkError, CompiledObjective> =>
    E.chain((built: ForwardGraph) => {
      const prediction = predictionFor(name, network, built, where)
      if (E.isLeft(prediction)) return prediction
      const data = graph.named(
        lossExpression(
          name,
          prediction.right,
          graph.input('y', batch.y.rows, batch.y.cols),
          batch.y,
        ),
        'loss',
      )
      const total =
        options.l2 === undefined
          ? data
          : graph.named(graph.add(data, l2Penalty(network, options.l2)), 'loss + l2')
      return E.bimap(fromGraphError(where), (plan: graph.Plan<'scalar'>) => ({
        plan,
        output: built.output,
      }))(graph.compile(total))
    })(forwardLayers(network, batch.X, options, where))
  if (keys.length > 0) return build()
  const signature = [
    'objective',
    name,
    `l2 ${options.l2 ?? 'none'}`,
    `X ${batch.X.rows}×${batch.X.cols}`,
    `y ${batch.y.rows}×${batch.y.cols}`,
    architectureSignature(network),
  ].join(' | ')
  // Only a Right is cached, so an error (whose message names `where`) is always built afresh.
  return cachedPlan(signature, build)
}

/**
 * The loss of the network on a batch, a number.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { linalg, network, random } from 'gradfold'
 * const net = network.mlp([2, 1], { hidden: 'sigmoid', output: 'sigmoid', key: random.key(0) })
 * assert.ok(E.isRight(net))
 * const value = network.loss(net.right, { X: linalg.zeros(2, 2), y: linalg.ones(2, 1) }, 'mse')
 * assert.deepStrictEqual(value, E.right(0.25)) // σ(0) = 0.5 against 1
 */
export const loss = (
  network: Network,
  batch: Batch,
  lossName: string,
  options: Omit<ObjectiveOptions, 'loss'> = {},
): E.Either<NetworkError, number> =>
  E.chain(({ plan, bindings }: { plan: graph.Plan<'scalar'>; bindings: graph.Bindings }) =>
    E.bimap(fromGraphError('loss'), linalg.mean)(graph.evaluate(plan, bindings)),
  )(objective(network, batch, { ...options, loss: lossName }, 'loss'))

/**
 * The loss and its gradients with respect to every parameter, as a tree shaped exactly like
 * `network.parameters` (`{ layers: [{ W, b }, …] }`; `{}` for dropout layers), and the network's
 * `output` on X from the same forward pass (with this call's dropout masks when training), so an
 * accuracy needs no second pass. No gradient with respect to X or y is computed; the plan is
 * compiled once per architecture, loss and batch shape.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { linalg, network, random } from 'gradfold'
 * const net = network.mlp([2, 1], { hidden: 'linear', output: 'linear', key: random.key(0) })
 * assert.ok(E.isRight(net))
 * const result = network.valueAndGradients(net.right, { X: linalg.zeros(1, 2), y: linalg.ones(1, 1) }, { loss: 'mse' })
 * assert.ok(E.isRight(result))
 * const [layer] = result.right.gradients.layers
 * assert.ok(layer !== undefined && 'b' in layer && linalg.get(layer.b, 0, 0) === -2) // 2(0 − 1)
 * assert.deepStrictEqual(linalg.toRows(result.right.output), [[0]]) // the linear output at X = 0, b = 0
 */
export const valueAndGradients = (
  network: Network,
  batch: Batch,
  options: ObjectiveOptions,
): E.Either<
  NetworkError,
  {
    readonly loss: number
    readonly gradients: Network['parameters']
    readonly output: Matrix
  }
> => {
  const compiled = compiledObjective(network, batch, options, 'valueAndGradients')
  if (E.isLeft(compiled)) return compiled
  const { plan, output } = compiled.right
  const bindings = { inputs: { X: batch.X, y: batch.y }, parameters: network.parameters }
  const evaluated = graph.parameterGradients(plan, bindings, [output])
  if (E.isLeft(evaluated)) return E.left(fromGraphError('valueAndGradients')(evaluated.left))
  const { value, gradients, kept } = evaluated.right
  // A logit loss reads the pre-activation, so the output is not in its plan: evaluate it apart.
  const outputValue =
    kept[0] === undefined
      ? E.chain((outputPlan: graph.Plan<'matrix'>) =>
          graph.evaluate(outputPlan, { inputs: { X: batch.X }, parameters: network.parameters }),
        )(graph.compile(output))
      : E.right(kept[0])
  if (E.isLeft(outputValue)) return E.left(fromGraphError('valueAndGradients')(outputValue.left))
  return E.right({
    loss: value,
    gradients: gradients.parameters as Network['parameters'],
    output: outputValue.right,
  })
}
