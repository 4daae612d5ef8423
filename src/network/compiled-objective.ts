// The objective compiled once, as a value: `compileObjective` builds the graphs of an architecture,
// a loss, an L2 strength and a batch size, and hands out methods that evaluate them for any
// parameters; `loss` and `valueAndGradients` are the one-shot forms, compiling per call. Laws: a
// compiled objective's methods equal the one-shot functions bit for bit; nothing is cached.

import * as E from 'fp-ts/lib/Either.js'
import * as graph from '../graph/index.js'
import * as linalg from '../linalg/index.js'
import type { Matrix } from '../linalg/index.js'
import { networkError, type NetworkError } from './errors.js'
import {
  checkForward,
  evaluateOutput,
  forwardGraph,
  fromGraphError,
  type Architecture,
  type ForwardOptions,
} from './forward.js'
import { parseLoss, readsPreActivation, type LossName } from './losses.js'
import type { Network } from './network.js'
import {
  checkL2,
  checkObjective,
  objectiveBindings,
  objectivePlan,
  type Batch,
  type CheckedObjective,
  type ObjectiveOptions,
  type ObjectivePlan,
} from './objective.js'

/**
 * What `compileObjective` compiles for: a loss, an optional L2 strength, and the batch size.
 *
 * @category Objective
 */
export interface ObjectiveSpec {
  /** A name from `lossNames`. */
  readonly loss: string
  /** λ of the L2 penalty λ·Σ‖W‖² added to the loss (none when absent). */
  readonly l2?: number
  /** The number of examples (rows of X and y) of every batch the objective evaluates. */
  readonly rows: number
}

/**
 * The loss and its gradients, a tree shaped exactly like the parameters (`{}` for dropout
 * layers), and the network's output on X from the same forward pass.
 *
 * @category Objective
 */
export interface LossAndGradients {
  readonly loss: number
  readonly gradients: Network['parameters']
  readonly output: Matrix
}

/**
 * An objective compiled for one architecture, loss, L2 strength and batch size. Its methods take
 * parameters of that architecture and a batch of `rows` examples, check them as the one-shot
 * functions do, and evaluate the plans compiled once. Training with dropout draws masks that are
 * constants of the graph, so such a call builds its own graph, as the one-shot functions do.
 *
 * @category Objective
 */
export interface CompiledObjective {
  readonly architecture: Architecture
  readonly lossName: LossName
  readonly l2: number | undefined
  readonly rows: number
  /** The scalar objective's plan (inputs X and y, parameters at `layers[i].W`, `layers[i].b`). */
  readonly plan: graph.Plan<'scalar'>
  /** The loss on the batch, as `network.loss` computes it. */
  readonly loss: (
    parameters: Network['parameters'],
    batch: Batch,
    options?: ForwardOptions,
  ) => E.Either<NetworkError, number>
  /** The loss, its gradients and the output, as `network.valueAndGradients` computes them. */
  readonly valueAndGradients: (
    parameters: Network['parameters'],
    batch: Batch,
    options?: ForwardOptions,
  ) => E.Either<NetworkError, LossAndGradients>
  /** The output on X at inference, as `network.predict` computes it. */
  readonly predict: (parameters: Network['parameters'], X: Matrix) => E.Either<NetworkError, Matrix>
}

/** The compiled plans: the objective's, and the output's alone (absent: compile when needed). */
interface Plans extends ObjectivePlan {
  readonly outputPlan: graph.Plan<'matrix'> | undefined
}

const evaluateLoss = (
  { plan }: Plans,
  parameters: Network['parameters'],
  batch: Batch,
  where: string,
): E.Either<NetworkError, number> =>
  E.bimap(
    fromGraphError(where),
    linalg.mean,
  )(graph.evaluate(plan, objectiveBindings(parameters, batch)))

const evaluateLossAndGradients = (
  { plan, output, outputPlan }: Plans,
  parameters: Network['parameters'],
  batch: Batch,
  where: string,
): E.Either<NetworkError, LossAndGradients> => {
  const evaluated = graph.parameterGradients(plan, objectiveBindings(parameters, batch), [output])
  if (E.isLeft(evaluated)) return E.left(fromGraphError(where)(evaluated.left))
  const { value, gradients, kept } = evaluated.right
  const [keptOutput] = kept
  // A logit loss reads the pre-activation, so the output is not in its plan: evaluate it apart.
  const outputValue =
    keptOutput !== undefined
      ? E.right(keptOutput)
      : outputPlan === undefined
        ? evaluateOutput(output, parameters, batch.X, where)
        : E.mapLeft(fromGraphError(where))(
            graph.evaluate(outputPlan, { inputs: { X: batch.X }, parameters }),
          )
  if (E.isLeft(outputValue)) return outputValue
  // The gradient tree is shaped like the bound parameters: zipped with them, it takes their type.
  const shaped = graph.zipTree(parameters, gradients.parameters, (_, gradient) => gradient)
  if (E.isLeft(shaped)) {
    throw new Error(`gradfold internal error: ${where}: the gradients lack ${shaped.left}`)
  }
  return E.right({ loss: value, gradients: shaped.right, output: outputValue.right })
}

/** The plans of one call: the compiled ones, or with dropout masks drawn, built for the call. */
const plansFor = (
  compiled: Plans,
  architecture: Architecture,
  checked: CheckedObjective,
  l2: number | undefined,
  rows: number,
  where: string,
): E.Either<NetworkError, Plans> =>
  checked.keys.length === 0
    ? E.right(compiled)
    : E.map((plan: ObjectivePlan): Plans => ({ ...plan, outputPlan: undefined }))(
        objectivePlan(architecture, checked.name, l2, rows, checked.keys, where),
      )

const checkRows = (X: Matrix, rows: number, where: string): E.Either<NetworkError, Matrix> =>
  X.rows === rows
    ? E.right(X)
    : E.left(
        networkError(
          'ShapeMismatch',
          `${where}: X has ${X.rows} rows, expected ${rows} (the batch size the objective was compiled for)`,
        ),
      )

const positiveRows = (rows: number, where: string): E.Either<NetworkError, number> =>
  Number.isSafeInteger(rows) && rows > 0
    ? E.right(rows)
    : E.left(
        networkError('InvalidOption', `${where}: rows is ${rows}, expected a positive integer`),
      )

/**
 * The objective of `network`'s architecture compiled once — the loss named in `spec`, its L2
 * strength, batches of `spec.rows` examples — as a value whose methods evaluate it for any
 * parameters of that architecture: the loop-friendly form of `loss`, `valueAndGradients` and
 * `predict`, which compile per call. Left for an unknown loss, a bad L2 strength or row count, or
 * a logit loss after a layer it cannot read. A method's Left names it (`valueAndGradients: …`) as
 * the one-shot function's does; a batch of another size is a Left too.
 *
 * @category Objective
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { linalg, network, random } from 'gradfold'
 * const net = network.mlp([2, 3, 1], { hidden: 'relu', output: 'sigmoid', key: random.key(0) })
 * assert.ok(E.isRight(net))
 * const compiled = network.compileObjective(net.right, { loss: 'mse', rows: 4 })
 * assert.ok(E.isRight(compiled))
 * const batch = { X: random.normal(random.key(1), 4, 2), y: linalg.ones(4, 1) }
 * const once = network.valueAndGradients(net.right, batch, { loss: 'mse' })
 * assert.deepStrictEqual(compiled.right.valueAndGradients(net.right.parameters, batch), once)
 * const other = compiled.right.loss(net.right.parameters, { X: linalg.zeros(3, 2), y: linalg.ones(3, 1) })
 * assert.ok(E.isLeft(other) && other.left.message === 'loss: X has 3 rows, expected 4 (the batch size the objective was compiled for)')
 * assert.ok(E.isLeft(network.compileObjective(net.right, { loss: 'hinge', rows: 4 })))
 */
export const compileObjective = (
  network: Architecture,
  spec: ObjectiveSpec,
): E.Either<NetworkError, CompiledObjective> => {
  const where = 'compileObjective'
  const architecture: Architecture = Object.freeze({
    inputSize: network.inputSize,
    layers: network.layers,
  })
  const name = parseLoss(spec.loss, where)
  if (E.isLeft(name)) return name
  const l2 = checkL2(spec.l2, where)
  if (E.isLeft(l2)) return l2
  const rows = positiveRows(spec.rows, where)
  if (E.isLeft(rows)) return rows
  const readable = readsPreActivation(name.right, architecture, where)
  if (E.isLeft(readable)) return readable
  const built = objectivePlan(architecture, name.right, l2.right, rows.right, [], where)
  if (E.isLeft(built)) return built
  const outputPlan = graph.compile(forwardGraph(architecture, rows.right, []).output)
  if (E.isLeft(outputPlan)) return E.left(fromGraphError(where)(outputPlan.left))
  const plans: Plans = { ...built.right, outputPlan: outputPlan.right }
  const options = (forward: ForwardOptions): ObjectiveOptions => ({
    ...forward,
    loss: name.right,
    ...(l2.right === undefined ? {} : { l2: l2.right }),
  })
  /** The checks of a call and the plans it evaluates. */
  const prepare = (
    parameters: Network['parameters'],
    batch: Batch,
    forward: ForwardOptions,
    caller: string,
  ): E.Either<NetworkError, Plans> => {
    const sized = checkRows(batch.X, rows.right, caller)
    if (E.isLeft(sized)) return sized
    const checked = checkObjective({ ...architecture, parameters }, batch, options(forward), caller)
    if (E.isLeft(checked)) return checked
    return plansFor(plans, architecture, checked.right, l2.right, rows.right, caller)
  }
  return E.right(
    Object.freeze({
      architecture,
      lossName: name.right,
      l2: l2.right,
      rows: rows.right,
      plan: built.right.plan,
      loss: (parameters: Network['parameters'], batch: Batch, forward: ForwardOptions = {}) =>
        E.chain((prepared: Plans) => evaluateLoss(prepared, parameters, batch, 'loss'))(
          prepare(parameters, batch, forward, 'loss'),
        ),
      valueAndGradients: (
        parameters: Network['parameters'],
        batch: Batch,
        forward: ForwardOptions = {},
      ) =>
        E.chain((prepared: Plans) =>
          evaluateLossAndGradients(prepared, parameters, batch, 'valueAndGradients'),
        )(prepare(parameters, batch, forward, 'valueAndGradients')),
      predict: (parameters: Network['parameters'], X: Matrix) => {
        const sized = checkRows(X, rows.right, 'predict')
        if (E.isLeft(sized)) return sized
        const checked = checkForward({ ...architecture, parameters }, X, {}, 'predict')
        if (E.isLeft(checked)) return checked
        return E.mapLeft(fromGraphError('predict'))(
          graph.evaluate(outputPlan.right, { inputs: { X }, parameters }),
        )
      },
    }),
  )
}

/** The one-shot objective: checked, built and compiled for this call alone. */
const oneShot = (
  network: Network,
  batch: Batch,
  options: ObjectiveOptions,
  where: string,
): E.Either<NetworkError, Plans> =>
  E.chain(({ name, keys }: CheckedObjective) =>
    E.map((plan: ObjectivePlan): Plans => ({ ...plan, outputPlan: undefined }))(
      objectivePlan(network, name, options.l2, batch.X.rows, keys, where),
    ),
  )(checkObjective(network, batch, options, where))

/**
 * The loss of the network on a batch, a number (compiled for this call: `compileObjective`
 * compiles once for many).
 *
 * @category Objective
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
  E.chain((plans: Plans) => evaluateLoss(plans, network.parameters, batch, 'loss'))(
    oneShot(network, batch, { ...options, loss: lossName }, 'loss'),
  )

/**
 * The loss and its gradients with respect to every parameter, as a tree shaped exactly like
 * `network.parameters` (`{ layers: [{ W, b }, …] }`; `{}` for dropout layers), and the network's
 * `output` on X from the same forward pass (with this call's dropout masks when training), so an
 * accuracy needs no second pass. No gradient with respect to X or y is computed. The graph is
 * compiled for this call; in a loop over batches of one size, `compileObjective` compiles once.
 *
 * @category Objective
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
): E.Either<NetworkError, LossAndGradients> =>
  E.chain((plans: Plans) =>
    evaluateLossAndGradients(plans, network.parameters, batch, 'valueAndGradients'),
  )(oneShot(network, batch, options, 'valueAndGradients'))
