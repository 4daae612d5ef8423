// Where data-parallel training keeps what its threads share: one SharedArrayBuffer of doubles
// (the parameters, and per helper thread its shard's inputs, targets, masks, gradients and
// results) and one of 32-bit control words (per helper: go, done, command, rows, total, masked,
// status, ready). Pure arithmetic, used alike by the pool and its threads. Law: regions never
// overlap and each helper's lie at fixed offsets, so a thread reads exactly what it is given.

/** What a helper's region holds, as offsets (in doubles) into the shared data. */
export interface HelperRegion {
  readonly input: number
  readonly target: number
  /** One offset per layer: a dropout layer's mask (capacity × width); −1 for dense layers. */
  readonly masks: readonly number[]
  readonly gradients: number
  /** The shard's loss, then how many of its rows it classified correctly. */
  readonly results: number
}

/** The layout of both shared buffers for one network, shard capacity and helper count. */
export interface ExchangeLayout {
  readonly helpers: number
  readonly capacity: number
  readonly inputs: number
  readonly outputs: number
  /** Each parameter leaf's offset and length in the parameter region (and in each gradient region). */
  readonly leaves: readonly { readonly offset: number; readonly length: number }[]
  readonly parameterCount: number
  /** Offset of the parameters (the main thread writes them before every step). */
  readonly parameters: number
  readonly regions: readonly HelperRegion[]
  /** Doubles in the data buffer. */
  readonly dataLength: number
  /** 32-bit words in the control buffer. */
  readonly controlLength: number
}

/** Control words per helper, and what each one means. */
export const CONTROL_WORDS = 8
export const Control = {
  /** Raised by the main thread to start a command (a counter). */
  go: 0,
  /** Set by the helper to the `go` it finished. */
  done: 1,
  /** What to do: Command.step or Command.stop. */
  command: 2,
  /** Rows of the shard. */
  rows: 3,
  /** Rows of the whole batch (the means' denominator). */
  total: 4,
  /** 1 when the shard's dropout masks are in its region. */
  masked: 5,
  /** 0, or 1 after a failure (its message is posted on the helper's port). */
  status: 6,
  /** 1 once the helper has compiled its plan. */
  ready: 7,
} as const

/** The commands a helper understands. */
export const Command = { step: 1, stop: 2 } as const

/**
 * The layout for `helpers` helper threads, shards of up to `capacity` rows, parameter leaves of
 * the given lengths and layers of the given widths (`dropout` marks which layers draw masks).
 *
 * @example
 * import assert from 'node:assert'
 * import { exchangeLayout } from './exchange.js'
 * const layout = exchangeLayout({ helpers: 1, capacity: 4, inputs: 2, outputs: 1, leafLengths: [6, 3, 3, 1], layers: [{ width: 3, dropout: false }, { width: 1, dropout: false }] })
 * assert.strictEqual(layout.parameterCount, 13)
 * assert.deepStrictEqual(layout.regions[0]?.results, layout.dataLength - 2)
 */
export const exchangeLayout = (shape: {
  readonly helpers: number
  readonly capacity: number
  readonly inputs: number
  readonly outputs: number
  readonly leafLengths: readonly number[]
  readonly layers: readonly { readonly width: number; readonly dropout: boolean }[]
}): ExchangeLayout => {
  let offset = 0
  const leaves = shape.leafLengths.map((length) => {
    const leaf = { offset, length }
    offset += length
    return leaf
  })
  const parameterCount = offset
  const parameters = 0
  const regions: HelperRegion[] = []
  for (let helper = 0; helper < shape.helpers; helper++) {
    const input = offset
    offset += shape.capacity * shape.inputs
    const target = offset
    offset += shape.capacity * shape.outputs
    const masks = shape.layers.map((layer) => {
      if (!layer.dropout) return -1
      const at = offset
      offset += shape.capacity * layer.width
      return at
    })
    const gradients = offset
    offset += parameterCount
    const results = offset
    offset += 2
    regions.push({ input, target, masks, gradients, results })
  }
  return {
    helpers: shape.helpers,
    capacity: shape.capacity,
    inputs: shape.inputs,
    outputs: shape.outputs,
    leaves,
    parameterCount,
    parameters,
    regions,
    dataLength: offset,
    controlLength: shape.helpers * CONTROL_WORDS,
  }
}
