// Finite-difference gradient checks of whole networks: every parameter entry (or, for large
// networks, random directions as JAX's check_grads) by central differences against the analytic
// gradients of `network.valueAndGradients`. Laws: pure (the network is never mutated); the report
// holds one line per parameter tensor, named by its path (`layers[0].W`), and passes exactly when
// every line does.
//
// Errors use cs231n's relative error |a − n| / max(1e-8, |a| + |n|). With step ε the central
// difference (L(θ + ε) − L(θ − ε)) / 2ε errs by ε²·L‴/6 (truncation) plus about u·|L|/ε
// (rounding, u = 2⁻⁵³). The notebook's ε = 1e-7 makes truncation negligible (~1e-15) but leaves
// a rounding error near 1e-9·|L| — a relative error of 1e-9·|L|/|g|, fine for gradients near |L|
// and poor for tiny ones. ε ≈ 1e-5 balances the two for smooth losses (errors near 1e-10); a
// larger ε straddles kinks (relu at 0) more often.

import * as E from 'fp-ts/lib/Either.js'
import * as graph from '../graph/index.js'
import * as linalg from '../linalg/index.js'
import type { Matrix } from '../linalg/index.js'
import { adopt, bufferOf, float64At } from '../linalg/internal.js'
import type { Batch, Network, NetworkError, ObjectiveOptions } from '../network/index.js'
import * as network from '../network/index.js'
import * as random from '../random/index.js'

/**
 * Probe every entry of every tensor (the default), as the notebook probes W1[0, 0].
 *
 * @category Gradient checking
 */
export interface EveryEntryMode {
  readonly mode?: 'every-entry'
}

/**
 * Probe each tensor along `directions` random unit-normal directions v drawn from `key`,
 * comparing ⟨∇L, v⟩ with (L(θ + εv) − L(θ − εv)) / 2ε — two loss evaluations per direction
 * instead of two per entry, as JAX's `check_grads` does for large networks.
 *
 * @category Gradient checking
 */
export interface RandomDirectionsMode {
  readonly mode: 'random-directions'
  /** Directions per tensor (default 3). */
  readonly directions?: number
  /** Where the directions come from (a separate key from any dropout `key`). */
  readonly directionKey: random.Key
}

/**
 * The objective (loss name, optional `l2`, `training` and dropout `key` — as `valueAndGradients`
 * takes them) and the check's settings.
 *
 * @category Gradient checking
 */
export type GradientCheckOptions = ObjectiveOptions & {
  /** The finite-difference step (default 1e-7, the notebook's; see the module header). */
  readonly epsilon?: number
  /** Largest relative error a probe may have and pass (default 1e-6). */
  readonly threshold?: number
  /**
   * A probe whose |analytic − numeric| is at most this also passes (default 0: off). Use it for
   * gradients so small that rounding noise dominates their relative error.
   */
  readonly absoluteTolerance?: number
} & (EveryEntryMode | RandomDirectionsMode)

/**
 * The worst probe of a tensor: an entry (row, col) or a random direction (its index).
 *
 * @category Gradient checking
 */
export type GradientProbe = (
  | { readonly kind: 'entry'; readonly row: number; readonly col: number }
  | { readonly kind: 'direction'; readonly direction: number }
) & {
  readonly analytic: number
  readonly numeric: number
  readonly relativeError: number
}

/**
 * One parameter tensor's result.
 *
 * @category Gradient checking
 */
export interface TensorCheck {
  /** The tensor's path in the parameter tree, e.g. `layers[0].W`. */
  readonly path: string
  /** The largest relative error over its probes. */
  readonly maxRelativeError: number
  /** The probe with that error. */
  readonly worst: GradientProbe
  /** Every probe, in order: entries row by row, or directions by index. */
  readonly probes: readonly GradientProbe[]
  /** Every probe passed (relative error ≤ threshold, or difference ≤ absoluteTolerance). */
  readonly passed: boolean
}

/**
 * The whole check: the loss at θ, the settings used, one line per tensor and the verdict.
 *
 * @category Gradient checking
 */
export interface GradientCheckReport {
  readonly loss: number
  readonly epsilon: number
  readonly threshold: number
  readonly mode: 'every-entry' | 'random-directions'
  readonly tensors: readonly TensorCheck[]
  readonly passed: boolean
}

/**
 * Why a check could not run: bad settings, or the network's own error.
 *
 * @category Gradient checking
 */
export interface GradientCheckError {
  readonly _tag: 'InvalidOptions' | 'NetworkFailed'
  readonly message: string
  readonly cause?: NetworkError
}

/** The settings a check uses where its options leave them out (as documented on the options). */
const DEFAULTS = {
  /** The notebook's step. */
  epsilon: 1e-7,
  threshold: 1e-6,
  /** Off: only the relative error decides. */
  absoluteTolerance: 0,
  directions: 3,
} as const

const invalid = (message: string): E.Either<GradientCheckError, never> =>
  E.left({ _tag: 'InvalidOptions', message: `gradientCheck: ${message}` })

const fromNetwork = (cause: NetworkError): GradientCheckError => ({
  _tag: 'NetworkFailed',
  message: `gradientCheck: ${cause.message}`,
  cause,
})

/**
 * cs231n's relative error of an analytic against a numeric derivative:
 * |a − n| / max(1e-8, |a| + |n|).
 *
 * @category Gradient checking
 * @example
 * import assert from 'node:assert'
 * import { check } from 'gradfold'
 * assert.strictEqual(check.relativeError(1, 1), 0)
 * assert.strictEqual(check.relativeError(1, 3), 0.5)
 * assert.strictEqual(check.relativeError(0, 1e-10), 0.01) // the 1e-8 floor
 */
export const relativeError = (analytic: number, numeric: number): number =>
  Math.abs(analytic - numeric) / Math.max(1e-8, Math.abs(analytic) + Math.abs(numeric))

const positive = (what: string, value: number): E.Either<GradientCheckError, number> =>
  Number.isFinite(value) && value > 0
    ? E.right(value)
    : invalid(`${what} is ${value}, expected a positive finite number`)

/** The parameter tree with the leaf at `target` replaced. */
const withLeaf = (
  parameters: Network['parameters'],
  target: string,
  replacement: Matrix,
): Network['parameters'] =>
  graph.mapTree(parameters, (leaf, path) =>
    graph.formatPath(path) === target ? replacement : leaf,
  )

/** `leaf + scale·direction`, entry by entry, as a new matrix. */
const shifted = (leaf: Matrix, direction: Float64Array, scale: number): Matrix => {
  const source = bufferOf(leaf)
  const data = new Float64Array(source.length)
  for (let index = 0; index < data.length; index += 1) {
    data[index] =
      float64At(source, index, 'gradientCheck: leaf') +
      scale * float64At(direction, index, 'gradientCheck: direction')
  }
  return adopt(leaf.rows, leaf.cols, data)
}

/** `leaf` with one entry set to `value`. */
const withEntry = (leaf: Matrix, index: number, value: number): Matrix => {
  const data = Float64Array.from(bufferOf(leaf))
  data[index] = value
  return adopt(leaf.rows, leaf.cols, data)
}

interface Probe {
  readonly analytic: number
  readonly numeric: number
  readonly at:
    | { readonly kind: 'entry'; readonly row: number; readonly col: number }
    | {
        readonly kind: 'direction'
        readonly direction: number
      }
}

/**
 * Checks the analytic gradients of `network`'s loss on `batch` against central finite
 * differences, one report line per parameter tensor. The loss is evaluated on the compiled
 * objective with perturbed parameters — as the notebook does, `θ + ε` is computed first, so the
 * numeric derivative is the notebook's to rounding. Left for a non-positive ε, threshold or
 * tolerance, a direction count that is not a positive integer, or any error of the objective.
 *
 * @category Gradient checking
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { check, linalg, network, random } from 'gradfold'
 * const net = network.mlp([2, 3, 1], { hidden: 'tanh', output: 'sigmoid', key: random.key(1) })
 * assert.ok(E.isRight(net))
 * const batch = { X: linalg.fill(4, 2, 0.5), y: linalg.ones(4, 1) }
 * const report = check.gradientCheck(net.right, batch, { loss: 'mse', epsilon: 1e-5 })
 * assert.ok(E.isRight(report) && report.right.passed)
 * assert.deepStrictEqual(report.right.tensors.map((t) => t.path), ['layers[0].W', 'layers[0].b', 'layers[1].W', 'layers[1].b'])
 * const sampled = check.gradientCheck(net.right, batch, {
 *   loss: 'mse', epsilon: 1e-5, mode: 'random-directions', directions: 2, directionKey: random.key(9),
 * })
 * assert.ok(E.isRight(sampled) && sampled.right.passed && sampled.right.tensors[0]?.worst.kind === 'direction')
 */
export const gradientCheck = (
  net: Network,
  batch: Batch,
  options: GradientCheckOptions,
): E.Either<GradientCheckError, GradientCheckReport> => {
  const epsilon = positive('epsilon', options.epsilon ?? DEFAULTS.epsilon)
  if (E.isLeft(epsilon)) return epsilon
  const threshold = positive('threshold', options.threshold ?? DEFAULTS.threshold)
  if (E.isLeft(threshold)) return threshold
  const absoluteTolerance = options.absoluteTolerance ?? DEFAULTS.absoluteTolerance
  if (!(Number.isFinite(absoluteTolerance) && absoluteTolerance >= 0)) {
    return invalid(`absoluteTolerance is ${absoluteTolerance}, expected a finite number ≥ 0`)
  }
  const directions =
    options.mode === 'random-directions' ? (options.directions ?? DEFAULTS.directions) : 0
  if (options.mode === 'random-directions') {
    if (!(Number.isSafeInteger(directions) && directions > 0)) {
      return invalid(`directions is ${directions}, expected a positive integer`)
    }
    if (!random.isKey(options.directionKey)) return invalid('directionKey is not a random.Key')
  }
  const objectiveOptions: ObjectiveOptions = {
    loss: options.loss,
    ...(options.l2 === undefined ? {} : { l2: options.l2 }),
    ...(options.training === undefined ? {} : { training: options.training }),
    ...(options.key === undefined ? {} : { key: options.key }),
  }
  const analytic = network.valueAndGradients(net, batch, objectiveOptions)
  if (E.isLeft(analytic)) return E.left(fromNetwork(analytic.left))
  const built = network.objective(net, batch, objectiveOptions, 'gradientCheck')
  if (E.isLeft(built)) return E.left(fromNetwork(built.left))
  const { plan, bindings } = built.right
  const h = epsilon.right

  const lossAt = (parameters: Network['parameters']): number => {
    const value = graph.evaluate(plan, { ...bindings, parameters })
    return E.isRight(value) ? linalg.get(value.right, 0, 0) : Number.NaN
  }
  const gradientLeaves = new Map(
    graph.leaves(analytic.right.gradients).map(([path, leaf]) => [graph.formatPath(path), leaf]),
  )

  const probesOf = (path: string, leaf: Matrix, gradient: Matrix, index: number): Probe[] => {
    const g = bufferOf(gradient)
    if (options.mode === 'random-directions') {
      const keys = random.split(random.foldIn(options.directionKey, index), directions)
      return keys.map((key, direction) => {
        const v = linalg.toFloat64Array(random.normal(key, leaf.rows, leaf.cols))
        const plus = lossAt(withLeaf(net.parameters, path, shifted(leaf, v, h)))
        const minus = lossAt(withLeaf(net.parameters, path, shifted(leaf, v, -h)))
        const projected = v.reduce(
          (total, entry, index) => total + entry * float64At(g, index, 'gradientCheck: gradient'),
          0,
        )
        return {
          analytic: projected,
          numeric: (plus - minus) / (2 * h),
          at: { kind: 'direction', direction },
        }
      })
    }
    const values = bufferOf(leaf)
    return Array.from({ length: values.length }, (_, at) => {
      const original = float64At(values, at, 'gradientCheck: leaf')
      const plus = lossAt(withLeaf(net.parameters, path, withEntry(leaf, at, original + h)))
      const minus = lossAt(withLeaf(net.parameters, path, withEntry(leaf, at, original - h)))
      return {
        analytic: float64At(g, at, 'gradientCheck: gradient'),
        numeric: (plus - minus) / (2 * h),
        at: { kind: 'entry', row: Math.floor(at / leaf.cols), col: at % leaf.cols },
      }
    })
  }

  const tensors = graph.leaves(net.parameters).flatMap(([pathParts, leaf], index) => {
    const path = graph.formatPath(pathParts)
    const gradient = gradientLeaves.get(path)
    if (gradient === undefined) return []
    const measured: GradientProbe[] = probesOf(path, leaf, gradient, index).map((probe) => {
      const error = relativeError(probe.analytic, probe.numeric)
      return {
        ...probe.at,
        analytic: probe.analytic,
        numeric: probe.numeric,
        relativeError: Number.isNaN(error) ? Number.POSITIVE_INFINITY : error,
      }
    })
    const worst = measured.reduce<GradientProbe | undefined>(
      (found, probe) =>
        found === undefined || probe.relativeError > found.relativeError ? probe : found,
      undefined,
    )
    if (worst === undefined) return []
    const passed = measured.every(
      (probe) =>
        probe.relativeError <= threshold.right ||
        Math.abs(probe.analytic - probe.numeric) <= absoluteTolerance,
    )
    const line: TensorCheck = {
      path,
      maxRelativeError: worst.relativeError,
      worst,
      probes: measured,
      passed,
    }
    return [line]
  })

  return E.right({
    loss: analytic.right.loss,
    epsilon: h,
    threshold: threshold.right,
    mode: options.mode ?? 'every-entry',
    tensors,
    passed: tensors.every((tensor) => tensor.passed),
  })
}
