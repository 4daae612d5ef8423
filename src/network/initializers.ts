// Weight initialisers that draw from a gradfold key or from numpy's RandomState, returning the
// next source beside the matrix. Laws: same source, same weights; with numpy, draws happen in the
// notebook's order (`randn(n_in, n_out)·scale`), so seed 42 replays the notebook bit for bit.

import * as E from 'fp-ts/lib/Either.js'
import * as linalg from '../linalg/index.js'
import type { Matrix } from '../linalg/index.js'
import * as random from '../random/index.js'

/**
 * Where random numbers come from: a gradfold key, or numpy's stream.
 *
 * @category Initializers
 */
export type Source = random.Key | random.numpy.RandomState

/**
 * A named rule drawing a fanIn×fanOut weight matrix; returns it with the next source.
 *
 * @category Initializers
 */
export interface Initializer {
  readonly name: string
  readonly draw: (source: Source, fanIn: number, fanOut: number) => readonly [Matrix, Source]
}

const normalWith =
  (name: string, std: (fanIn: number, fanOut: number) => number): Initializer['draw'] =>
  (source, fanIn, fanOut) => {
    const scale = std(fanIn, fanOut)
    if (random.numpy.isRandomState(source)) {
      const [values, next] = random.numpy.randn(source, fanIn, fanOut)
      return [linalg.scale(values, scale), next]
    }
    const [here, next] = random.split(source, 2)
    if (here === undefined || next === undefined) throw new Error(`${name}: split gave no key`)
    return [linalg.scale(random.normal(here, fanIn, fanOut), scale), next]
  }

/**
 * He (Kaiming) normal: N(0, 2/fanIn) — the notebook's `randn(n_in, n_out)·sqrt(2/n_in)`, for relu.
 *
 * @category Initializers
 * @example
 * import assert from 'node:assert'
 * import { linalg, network, random } from 'gradfold'
 * const [W] = network.heNormal.draw(random.numpy.seed(0), 2, 1)
 * assert.deepStrictEqual(linalg.toFlat(W), [1.764052345967664 * 1, 0.4001572083672233 * 1])
 */
export const heNormal: Initializer = Object.freeze({
  name: 'heNormal',
  draw: normalWith('heNormal', (fanIn) => Math.sqrt(2 / fanIn)),
})

/**
 * Glorot (Xavier) normal: N(0, 2/(fanIn + fanOut)).
 *
 * @category Initializers
 * @example
 * import assert from 'node:assert'
 * import { network, random } from 'gradfold'
 * const [W] = network.glorotNormal.draw(random.key(0), 3, 2)
 * assert.deepStrictEqual([W.rows, W.cols], [3, 2])
 */
export const glorotNormal: Initializer = Object.freeze({
  name: 'glorotNormal',
  draw: normalWith('glorotNormal', (fanIn, fanOut) => Math.sqrt(2 / (fanIn + fanOut))),
})

/**
 * LeCun normal: N(0, 1/fanIn).
 *
 * @category Initializers
 * @example
 * import assert from 'node:assert'
 * import { linalg, network, random } from 'gradfold'
 * const [W] = network.lecunNormal.draw(random.numpy.seed(0), 4, 1)
 * assert.strictEqual(linalg.get(W, 0, 0), 1.764052345967664 * Math.sqrt(1 / 4))
 */
export const lecunNormal: Initializer = Object.freeze({
  name: 'lecunNormal',
  draw: normalWith('lecunNormal', (fanIn) => Math.sqrt(1 / fanIn)),
})

/**
 * randn·scale, whatever the sizes — the notebook's `np.random.randn(n_in, n_out) * 0.5`.
 *
 * @category Initializers
 * @example
 * import assert from 'node:assert'
 * import { linalg, network, random } from 'gradfold'
 * const [W] = network.scaledNormal(0.5).draw(random.numpy.seed(42), 1, 1)
 * assert.strictEqual(linalg.get(W, 0, 0), 0.24835707650561634)
 */
export const scaledNormal = (scale: number): Initializer => {
  if (!Number.isFinite(scale) || scale < 0) {
    throw new RangeError(`scaledNormal: scale is ${scale}, expected a finite number ≥ 0`)
  }
  return Object.freeze({
    name: `scaledNormal(${scale})`,
    draw: normalWith('scaledNormal', () => scale),
  })
}

/**
 * Glorot (Xavier) uniform: U(−l, l) with l = sqrt(6/(fanIn + fanOut)). With numpy it draws as
 * `np.random.uniform(-l, l, (fanIn, fanOut))` does: −l + 2l·random_sample, row by row.
 *
 * @category Initializers
 * @example
 * import assert from 'node:assert'
 * import { linalg, network, random } from 'gradfold'
 * const [W] = network.glorotUniform.draw(random.key(1), 3, 3)
 * assert.ok(linalg.toFlat(W).every((x) => Math.abs(x) <= 1))
 */
export const glorotUniform: Initializer = Object.freeze({
  name: 'glorotUniform',
  draw: (source: Source, fanIn: number, fanOut: number): readonly [Matrix, Source] => {
    const limit = Math.sqrt(6 / (fanIn + fanOut))
    if (random.numpy.isRandomState(source)) {
      const [values, next] = random.numpy.randomSample(source, fanIn * fanOut)
      const W = linalg.fromFlat(
        fanIn,
        fanOut,
        values.map((u) => -limit + 2 * limit * u),
      )
      if (E.isLeft(W)) throw new RangeError(`glorotUniform: ${W.left.message}`)
      return [W.right, next]
    }
    const [here, next] = random.split(source, 2)
    if (here === undefined || next === undefined)
      throw new Error('glorotUniform: split gave no key')
    return [random.uniform(here, fanIn, fanOut, { min: -limit, max: limit }), next]
  },
})

/**
 * A 1×n row of zeros: every bias starts at 0, and drawing it takes nothing from the source.
 *
 * @category Initializers
 * @example
 * import assert from 'node:assert'
 * import { linalg, network } from 'gradfold'
 * assert.deepStrictEqual(linalg.toRows(network.zerosBias(3)), [[0, 0, 0]])
 */
export const zerosBias = (outputs: number): Matrix => linalg.zeros(1, outputs)
