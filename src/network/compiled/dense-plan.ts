// A compiled network: the forward pass, the loss, the backward pass and the batch's metrics for
// one architecture, loss and batch capacity, on buffers it owns (one kernel workspace: WebAssembly
// memory when that backend runs). Local mutation, pure interface: a plan never writes what it is
// given and hands out only fresh frozen values; it is a private engine of `fit`, never exported.
// Law: its loss, gradients and output equal the graph interpreter's (`valueAndGradients`).

import * as E from 'fp-ts/lib/Either.js'
import type { BackendName, Matrix, ReadonlyFloat64Array } from '../../linalg/index.js'
import { adopt, bufferOf, createWorkspace, type Workspace } from '../../linalg/internal.js'
import { networkError, type NetworkError } from '../errors.js'
import { parseLoss, readsPreActivation } from '../losses.js'
import type { DenseSpec, LayerParameters, Network } from '../network.js'
import { bufferActivation, type BufferActivation } from './buffer-activations.js'
import { bufferLoss, type BufferLoss } from './buffer-losses.js'

/** What a plan is compiled for. */
export interface DensePlanOptions {
  /** A loss name from `lossNames`. */
  readonly loss: string
  /** The L2 strength λ (λ·Σ‖W‖² added to the loss), when there is one. */
  readonly l2?: number
  /** The most rows a batch may have. */
  readonly capacity: number
  /** Which kernels run; the automatic choice when absent. */
  readonly backend?: BackendName
  /**
   * The buffers to work in, laid out as `densePlanBuffers` says (a thread's part of a shared
   * workspace); a new workspace of their own when absent.
   */
  readonly workspace?: Workspace
  /**
   * Parameter leaves owned by another plan in the same memory (a helper thread reads the main
   * thread's parameters where they lie): the plan reads them and never writes them, and has none
   * of its own (`densePlanBuffers(…, true)`).
   */
  readonly sharedParameters?: readonly Float64Array[]
}

/** The positions, in a plan's buffer list, of one layer's buffers. */
export type LayerBufferIndices =
  | {
      readonly kind: 'dense'
      /** −1 when the parameters are shared (read from another plan). */
      readonly W: number
      readonly b: number
      readonly dW: number
      readonly db: number
      readonly z: number
      readonly a: number
      readonly cotangent: number
    }
  | {
      readonly kind: 'dropout'
      readonly mask: number
      readonly a: number
      readonly cotangent: number
    }

/** A plan's buffers: their lengths, in order, and what each one holds. */
export interface DensePlanBuffers {
  readonly lengths: readonly number[]
  readonly input: number
  readonly target: number
  readonly layers: readonly LayerBufferIndices[]
  /** The scratch for sums of squares, as long as the largest parameter leaf. */
  readonly squares: number
  /** The gradient leaves' positions, in tree order (layers[i].W, layers[i].b, …). */
  readonly gradients: readonly number[]
}

/**
 * The buffers a plan for `network` and batches of up to `capacity` rows works in: the one layout
 * `compileDensePlan` takes them by, and by which a caller that shares them between threads finds
 * another plan's inputs and gradients. With `sharedParameters`, no parameter buffers (W, b: −1).
 *
 * @example
 * import assert from 'node:assert'
 * import { densePlanBuffers } from './dense-plan.js'
 * const net = { inputSize: 2, layers: [{ kind: 'dense', inputs: 2, outputs: 1, activation: 'sigmoid' }] as const, parameters: { layers: [{}] } }
 * const own = densePlanBuffers(net, 4, false)
 * assert.deepStrictEqual(own.lengths.slice(0, 4), [8, 4, 2, 1])
 * assert.strictEqual(densePlanBuffers(net, 4, true).lengths.length, own.lengths.length - 2)
 */
export const densePlanBuffers = (
  network: Network,
  capacity: number,
  sharedParameters: boolean,
): DensePlanBuffers => {
  const lengths: number[] = []
  const next = (length: number): number => {
    lengths.push(length)
    return lengths.length - 1
  }
  const input = next(capacity * network.inputSize)
  const lastLayer = network.layers[network.layers.length - 1]
  const target = next(capacity * (lastLayer === undefined ? 0 : lastLayer.outputs))
  let largestLeaf = 0
  const gradients: number[] = []
  const layers = network.layers.map((layer): LayerBufferIndices => {
    const batch = capacity * layer.outputs
    if (layer.kind === 'dense') {
      const weights = layer.inputs * layer.outputs
      largestLeaf = Math.max(largestLeaf, weights)
      const W = sharedParameters ? -1 : next(weights)
      const b = sharedParameters ? -1 : next(layer.outputs)
      const dW = next(weights)
      const db = next(layer.outputs)
      gradients.push(dW, db)
      return { kind: 'dense', W, b, dW, db, z: next(batch), a: next(batch), cotangent: next(batch) }
    }
    return { kind: 'dropout', mask: next(batch), a: next(batch), cotangent: next(batch) }
  })
  const squares = next(largestLeaf)
  return { lengths, input, target, layers, squares, gradients }
}

/** A dense layer's buffers: parameters, their gradients, and the batch's values and cotangents. */
interface DenseBuffers {
  readonly kind: 'dense'
  readonly spec: DenseSpec
  readonly index: number
  readonly W: Float64Array
  readonly b: Float64Array
  readonly dW: Float64Array
  readonly db: Float64Array
  /** Pre-activation z = x·W + b, capacity × outputs. */
  readonly z: Float64Array
  /** Activation a = f(z) (z itself for a linear layer). */
  readonly a: Float64Array
  /** dL/da, then dL/dz in place. */
  readonly cotangent: Float64Array
  readonly activation: BufferActivation
}

/** A dropout layer's buffers: its mask for the batch, its output and cotangent. */
interface DropoutBuffers {
  readonly kind: 'dropout'
  readonly index: number
  readonly outputs: number
  readonly mask: Float64Array
  readonly a: Float64Array
  readonly cotangent: Float64Array
}

type LayerBuffers = DenseBuffers | DropoutBuffers

/** A compiled network. Its buffers are its own: callers fill `input`/`target`, never keep views. */
export interface DensePlan {
  readonly backend: BackendName
  /** The most rows one run takes. */
  readonly capacity: number
  readonly inputs: number
  readonly outputs: number
  /** Input rows (capacity × inputs): the caller copies a batch here before `run`. */
  readonly input: Float64Array
  /** Target rows (capacity × outputs). */
  readonly target: Float64Array
  /** Parameter leaves in tree order (layers[i].W, layers[i].b, …), read and written in place. */
  readonly parameters: readonly Float64Array[]
  /** The gradient of each parameter leaf after a run with gradients. */
  readonly gradients: readonly Float64Array[]
  /** Rows and columns of each parameter leaf. */
  readonly leafShapes: readonly { readonly rows: number; readonly cols: number }[]
  /** Which leaves are weights (W) rather than biases. */
  readonly isWeight: readonly boolean[]
  /** Copies a parameter tree (shaped like the network's) into `parameters`. */
  readonly loadParameters: (tree: Network['parameters']) => void
  /** The parameters as a fresh, frozen tree of matrices. */
  readonly parameterTree: () => Network['parameters']
  /** Leaves laid out as `parameters` (a copy of them), as a fresh, frozen tree of matrices. */
  readonly treeFrom: (leaves: readonly ReadonlyFloat64Array[]) => Network['parameters']
  /** The gradients as a fresh, frozen tree of matrices. */
  readonly gradientTree: () => Network['parameters']
  /**
   * Runs the first `rows` rows: forward and loss, then backward when `withGradients`. Dropout
   * layers multiply by `masks[i]` (rows × width, row-major) when one is given for layer i, and
   * pass through otherwise; `'loaded'` says every dropout layer's mask is already in the plan's
   * own mask buffer (another thread wrote it there). Means are taken over `total` rows (default
   * `rows`): a shard of a larger batch gives its share of the loss and gradients. Returns the
   * loss (with the L2 term).
   */
  readonly run: (
    rows: number,
    withGradients: boolean,
    masks?: readonly (Float64Array | undefined)[] | 'loaded',
    total?: number,
  ) => number
  /**
   * Adds the L2 penalty λ·Σ‖W‖² of the current parameters to the gradients (λ·2W to each dW) and
   * returns its value — for a plan compiled without `l2` whose shards' gradients were summed.
   */
  readonly addPenalty: (strength: number) => number
  /** How many of the last run's rows the network classified correctly (`train.accuracy`'s rule). */
  readonly correctCount: (rows: number) => number
  /** The last run's output rows, a fresh matrix. */
  readonly output: (rows: number) => Matrix
  /**
   * Element-wise kernels over buffers of this plan's memory (a shared one's included): an
   * optimizer's in-place step on `parameters` and `gradients`, the sum of shards' gradients.
   */
  readonly lanewise: {
    readonly add: (a: ReadonlyFloat64Array, b: ReadonlyFloat64Array, out: Float64Array) => void
    readonly scale: (a: ReadonlyFloat64Array, factor: number, out: Float64Array) => void
  }
  /** √Σ g² of parameter leaf `leaf` (as `linalg.frobeniusNorm` sums it). */
  readonly gradientNorm: (leaf: number) => number
  /** √Σ θ² of parameter leaf `leaf`. */
  readonly parameterNorm: (leaf: number) => number
}

/**
 * Compiles `network`'s architecture for `options.loss` and batches of up to `options.capacity`
 * rows. Left for an unknown loss, a logit loss the last layer cannot feed, a network with no
 * dense layer, or a capacity that is not a positive integer. The network's parameters are not
 * read: `loadParameters` does that.
 */
export const compileDensePlan = (
  network: Network,
  options: DensePlanOptions,
  where = 'compile',
): E.Either<NetworkError, DensePlan> => {
  const name = parseLoss(options.loss, where)
  if (E.isLeft(name)) return name
  const logits = readsPreActivation(name.right, network, where)
  if (E.isLeft(logits)) return logits
  const { capacity } = options
  if (!Number.isSafeInteger(capacity) || capacity <= 0) {
    return E.left(
      networkError(
        'InvalidArchitecture',
        `${where}: capacity is ${capacity}, expected a positive integer`,
      ),
    )
  }
  const lastLayer = network.layers[network.layers.length - 1]
  if (lastLayer === undefined || !network.layers.some((layer) => layer.kind === 'dense')) {
    return E.left(
      networkError(
        'InvalidArchitecture',
        `${where}: a network without dense layers has nothing to train`,
      ),
    )
  }
  const outputs = lastLayer.outputs
  const inputs = network.inputSize
  const l2 = options.l2

  const { sharedParameters } = options
  const layout = densePlanBuffers(network, capacity, sharedParameters !== undefined)
  const workspace = options.workspace ?? createWorkspace(layout.lengths, options.backend)
  const { kernels } = workspace
  if (
    workspace.buffers.length !== layout.lengths.length ||
    workspace.buffers.some((buffer, index) => buffer.length !== layout.lengths[index])
  ) {
    throw new Error(`${where}: the workspace given is not laid out as densePlanBuffers says`)
  }
  const bufferAt = (index: number): Float64Array => {
    const buffer = workspace.buffers[index]
    if (buffer === undefined) throw new Error(`${where}: workspace buffer ${index} is missing`)
    return buffer
  }
  let sharedLeaf = 0
  /** A parameter leaf: the plan's own buffer, or the next of the shared ones. */
  const parameterAt = (index: number, length: number): Float64Array => {
    if (sharedParameters === undefined) return bufferAt(index)
    const leaf = sharedParameters[sharedLeaf]
    if (leaf?.length !== length) {
      throw new Error(`${where}: shared parameter leaf ${sharedLeaf} is not ${length} long`)
    }
    sharedLeaf++
    return leaf
  }
  const input = bufferAt(layout.input)
  const target = bufferAt(layout.target)
  const layers: LayerBuffers[] = network.layers.map((layer, index): LayerBuffers => {
    const indices = layout.layers[index]
    if (indices === undefined) throw new Error(`${where}: no buffers for layer ${index}`)
    if (layer.kind === 'dense' && indices.kind === 'dense') {
      const z = bufferAt(indices.z)
      return {
        kind: 'dense',
        spec: layer,
        index,
        W: parameterAt(indices.W, layer.inputs * layer.outputs),
        b: parameterAt(indices.b, layer.outputs),
        dW: bufferAt(indices.dW),
        db: bufferAt(indices.db),
        z,
        a: layer.activation === 'linear' ? z : bufferAt(indices.a),
        cotangent: bufferAt(indices.cotangent),
        activation: bufferActivation(layer.activation, layer.outputs),
      }
    }
    if (layer.kind === 'dropout' && indices.kind === 'dropout') {
      return {
        kind: 'dropout',
        index,
        outputs: layer.outputs,
        mask: bufferAt(indices.mask),
        a: bufferAt(indices.a),
        cotangent: bufferAt(indices.cotangent),
      }
    }
    throw new Error(`${where}: layer ${index}'s buffers are laid out for another kind of layer`)
  })
  const squares = bufferAt(layout.squares)
  const dense = layers.filter((layer): layer is DenseBuffers => layer.kind === 'dense')
  const parameters = dense.flatMap((layer) => [layer.W, layer.b])
  const gradients = dense.flatMap((layer) => [layer.dW, layer.db])
  const leafShapes = dense.flatMap((layer) => [
    { rows: layer.spec.inputs, cols: layer.spec.outputs },
    { rows: 1, cols: layer.spec.outputs },
  ])
  const isWeight = dense.flatMap(() => [true, false])
  const lossLoops: BufferLoss = bufferLoss(name.right, capacity * outputs, outputs)
  const last = layers[layers.length - 1]
  if (last === undefined) throw new Error(`${where}: no layer`)
  // What the loss reads: the last pre-activation for a fused logit loss, else the output.
  const prediction = logits.right && last.kind === 'dense' ? last.z : last.a
  // One output is class 1 when its probability is above ½: a linear output that a logit loss
  // reads is the logit itself, above ½ exactly when it is above 0 (σ(z) > ½ ⇔ z > 0).
  const threshold = name.right === 'binaryCrossEntropyWithLogits' && !logits.right ? 0 : 0.5

  /** Each leaf's squares, as frobeniusNorm takes them: a view of the scratch as long as the leaf. */
  const squareViews = new Map<Float64Array, Float64Array>(
    [...parameters, ...gradients].map((leaf) => [leaf, squares.subarray(0, leaf.length)]),
  )
  /** Σ θ² of a whole leaf (parameter or gradient), in linalg.sum's order. */
  const sumOfSquares = (values: Float64Array): number => {
    const view = squareViews.get(values)
    if (view === undefined) throw new Error(`${where}: not a parameter or gradient leaf`)
    kernels.mul(values, values, view)
    return kernels.sum(view, 0, view.length, 1)
  }

  const l2Value = (strength: number): number => {
    // the penalty's graph: λ·(((0 + Σ‖W₀‖²) + Σ‖W₁‖²) + …), each Σ in linalg.sum's order
    let sum = 0
    for (const layer of dense) sum = sum + (0 + sumOfSquares(layer.W))
    return strength * sum
  }

  /** The penalty's gradient λ·(2·W), added to the data term's dW. */
  const addPenaltyGradient = (layer: DenseBuffers, strength: number): void => {
    const { W, dW } = layer
    for (let i = 0; i < dW.length; i++) dW[i] = dW[i]! + strength * (2 * W[i]!)
  }

  /** Views of every batch buffer cut to `rows` rows, made once per row count (no allocation per run). */
  interface RowViews {
    readonly z: readonly Float64Array[]
    readonly a: readonly Float64Array[]
    readonly cotangent: readonly Float64Array[]
    /** A dropout layer's mask (an empty view for dense layers). */
    readonly mask: readonly Float64Array[]
    readonly input: Float64Array
  }
  const viewCache = new Map<number, RowViews>()
  const viewsFor = (rows: number): RowViews => {
    const known = viewCache.get(rows)
    if (known !== undefined) return known
    const cut = (buffer: Float64Array, width: number): Float64Array =>
      buffer.subarray(0, rows * width)
    const widthOf = (layer: LayerBuffers): number =>
      layer.kind === 'dense' ? layer.spec.outputs : layer.outputs
    const views: RowViews = {
      z: layers.map((layer) => cut(layer.kind === 'dense' ? layer.z : layer.a, widthOf(layer))),
      a: layers.map((layer) => cut(layer.a, widthOf(layer))),
      cotangent: layers.map((layer) => cut(layer.cotangent, widthOf(layer))),
      mask: layers.map((layer) =>
        layer.kind === 'dropout' ? cut(layer.mask, layer.outputs) : layer.a.subarray(0, 0),
      ),
      input: cut(input, inputs),
    }
    viewCache.set(rows, views)
    return views
  }
  const at = <Value>(values: readonly Value[], position: number): Value => {
    const value = values[position]
    if (value === undefined) throw new Error(`${where}: no buffer for layer ${position}`)
    return value
  }

  /** Which dropout layers the current run masks (their masks copied into the workspace). */
  const masked: boolean[] = layers.map(() => false)

  const forward = (rows: number): void => {
    const views = viewsFor(rows)
    let previous = views.input
    let width = inputs
    for (let position = 0; position < layers.length; position++) {
      const layer = at(layers, position)
      const a = at(views.a, position)
      if (layer.kind === 'dense') {
        const { spec } = layer
        const z = at(views.z, position)
        kernels.matmul(previous, layer.W, z, rows, width, spec.outputs)
        kernels.addRowVector(z, layer.b, z, rows, spec.outputs)
        if (spec.activation === 'relu') kernels.relu(z, a)
        else layer.activation.forward(z, a, z.length, spec.outputs)
        width = spec.outputs
      } else if (masked[position] === true) {
        kernels.mul(previous, at(views.mask, position), a)
      } else {
        a.set(previous)
      }
      previous = a
    }
  }

  const backward = (rows: number, total: number): void => {
    const views = viewsFor(rows)
    // dL/d(prediction) into the last layer's cotangent; a fused logit loss's is already dL/dz
    lossLoops.cotangent(prediction, target, last.cotangent, rows, outputs, total)
    for (let position = layers.length - 1; position >= 0; position--) {
      const layer = at(layers, position)
      const cotangent = at(views.cotangent, position)
      const belowCotangent = position > 0 ? at(views.cotangent, position - 1) : undefined
      const previousValues = position > 0 ? at(views.a, position - 1) : views.input
      if (layer.kind === 'dropout') {
        if (belowCotangent === undefined) continue
        if (masked[position] === true) {
          kernels.mul(cotangent, at(views.mask, position), belowCotangent)
        } else {
          belowCotangent.set(cotangent)
        }
        continue
      }
      const { spec } = layer
      if (!(position === layers.length - 1 && logits.right)) {
        const z = at(views.z, position)
        if (spec.activation === 'relu') kernels.reluBackward(cotangent, z, cotangent)
        else {
          layer.activation.backward(
            cotangent,
            z,
            at(views.a, position),
            cotangent,
            cotangent.length,
            spec.outputs,
          )
        }
      }
      kernels.matmulTransposeA(previousValues, cotangent, layer.dW, spec.inputs, rows, spec.outputs)
      if (spec.outputs === 1) layer.db[0] = 0 + kernels.sum(cotangent, 0, rows, 1)
      else kernels.columnSums(cotangent, layer.db, rows, spec.outputs)
      if (l2 !== undefined) addPenaltyGradient(layer, l2)
      if (belowCotangent !== undefined) {
        kernels.matmulTransposeB(
          cotangent,
          layer.W,
          belowCotangent,
          rows,
          spec.outputs,
          spec.inputs,
        )
      }
    }
  }

  const treeOf = (leaves: readonly ReadonlyFloat64Array[]): Network['parameters'] => {
    let leaf = 0
    const next = (rows: number, cols: number): Matrix => {
      const values = leaves[leaf]
      if (values === undefined) throw new Error(`${where}: parameter leaf ${leaf} is missing`)
      leaf++
      return adopt(rows, cols, values.slice())
    }
    return Object.freeze({
      layers: Object.freeze(
        network.layers.map((layer): LayerParameters =>
          layer.kind === 'dense'
            ? Object.freeze({ W: next(layer.inputs, layer.outputs), b: next(1, layer.outputs) })
            : Object.freeze({}),
        ),
      ),
    })
  }

  const plan: DensePlan = {
    backend: workspace.backend,
    capacity,
    inputs,
    outputs,
    input,
    target,
    parameters,
    gradients,
    leafShapes,
    isWeight,
    loadParameters: (tree: Network['parameters']) => {
      for (const layer of dense) {
        const given = tree.layers[layer.index]
        if (given === undefined || !('W' in given)) {
          throw new Error(`${where}: parameters for layer ${layer.index} are missing`)
        }
        layer.W.set(bufferOf(given.W))
        layer.b.set(bufferOf(given.b))
      }
    },
    parameterTree: () => treeOf(parameters),
    treeFrom: treeOf,
    gradientTree: () => treeOf(gradients),
    run: (rows, withGradients, masks, total = rows) => {
      if (!Number.isSafeInteger(rows) || rows <= 0 || rows > capacity) {
        throw new Error(`${where}: a run of ${rows} rows, expected 1 to ${capacity}`)
      }
      const views = viewsFor(rows)
      for (let position = 0; position < layers.length; position++) {
        const layer = at(layers, position)
        if (masks === 'loaded') {
          masked[position] = layer.kind === 'dropout'
          continue
        }
        const mask = layer.kind === 'dropout' ? masks?.[layer.index] : undefined
        masked[position] = mask !== undefined
        if (mask !== undefined) at(views.mask, position).set(mask)
      }
      forward(rows)
      const value = lossLoops.value(prediction, target, rows, outputs, total)
      const withPenalty = l2 === undefined ? value : value + l2Value(l2)
      if (withGradients) backward(rows, total)
      return withPenalty
    },
    addPenalty: (strength) => {
      for (const layer of dense) addPenaltyGradient(layer, strength)
      return l2Value(strength)
    },
    correctCount: (rows) => {
      const output = last.a
      let correct = 0
      if (outputs === 1) {
        for (let row = 0; row < rows; row++) {
          if ((output[row]! > threshold ? 1 : 0) === target[row]) correct++
        }
        return correct
      }
      for (let row = 0; row < rows; row++) {
        const start = row * outputs
        if (argmax(output, start, outputs) === argmax(target, start, outputs)) correct++
      }
      return correct
    },
    output: (rows) => adopt(rows, outputs, last.a.slice(0, rows * outputs)),
    lanewise: Object.freeze({ add: kernels.add, scale: kernels.scale }),
    gradientNorm: (leaf) => {
      const values = gradients[leaf]
      if (values === undefined) throw new Error(`${where}: gradient leaf ${leaf} is missing`)
      return Math.sqrt(sumOfSquares(values))
    },
    parameterNorm: (leaf) => {
      const values = parameters[leaf]
      if (values === undefined) throw new Error(`${where}: parameter leaf ${leaf} is missing`)
      return Math.sqrt(sumOfSquares(values))
    },
  }
  return E.right(Object.freeze(plan))
}

/** The column of a row's largest entry, the first on ties (`linalg.rowArgmax`'s rule). */
const argmax = (values: Float64Array, start: number, cols: number): number => {
  let best = 0
  let bestValue = values[start]!
  for (let col = 1; col < cols; col++) {
    const value = values[start + col]!
    if (value > bestValue) {
      best = col
      bestValue = value
    }
  }
  return best
}
