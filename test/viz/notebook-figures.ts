// Shared by the viz tests: the notebook's trained moons and circles networks (its final weights,
// from test/fixtures/figures_reference.json), their datasets as the notebook builds them, the
// reference figures' numbers, and small readers of spec JSON.

import { compile, type TopLevelSpec } from 'vega-lite'
import { expect } from 'vitest'
import { data, linalg, network, random } from '../../src/index.js'
import type { VegaLiteSpec } from '../../src/viz/index.js'
import { right } from '../support/either.js'
import { field, numbers, readFixture, rowsOf } from '../support/fixtures.js'

export const figures = readFixture('figures_reference.json')

const trained = (run: 'moons' | 'circles'): network.Network => {
  const model = field(figures, run)
  const sizes = numbers(field(model, 'layer_sizes'))
  const weights = field(model, 'final_weights') as unknown[]
  const biases = field(model, 'final_biases') as unknown[]
  const shape = right(network.mlp(sizes, { hidden: 'relu', output: 'sigmoid', key: random.key(0) }))
  return {
    ...shape,
    parameters: {
      layers: weights.map((W, index) => ({
        W: right(linalg.fromRows(rowsOf(W))),
        b: right(linalg.fromRows(rowsOf(biases[index]))),
      })),
    },
  }
}

/** The notebook's moons network after its 1000 epochs. */
export const moonsNetwork = trained('moons')
/** The notebook's circles network after its 2000 epochs. */
export const circlesNetwork = trained('circles')

/** The notebook's moons training set (240 of 300 points) and its circles (all 300). */
export const moonsTrain = right(
  data.trainTestSplit(right(data.makeMoons({ samples: 300, noise: 0.2, seed: 42, rng: 'numpy' })), {
    testSize: 0.2,
    seed: 42,
    rng: 'numpy',
  }),
).train
export const circlesData = right(
  data.makeCircles({ samples: 300, noise: 0.1, factor: 0.5, seed: 42, rng: 'numpy' }),
)

/** The notebook's activations of figures 5–7: per sample, per layer. */
export interface SampleReference {
  readonly sample_idx: number
  readonly per_layer: readonly (readonly number[])[]
}

export const activationReference = field(
  field(figures, 'activations_figs_5_6_7'),
  'samples',
) as readonly SampleReference[]

/** The largest |a − b| / max(1, |b|) over two lists of lists. */
export const worstDifference = (
  actual: readonly (readonly number[])[],
  expected: readonly (readonly number[])[],
): number =>
  Math.max(
    ...expected.flatMap((layer, i) =>
      layer.map((b, j) => Math.abs((actual[i]?.[j] ?? Number.NaN) - b) / Math.max(1, Math.abs(b))),
    ),
  )

/** A spec as plain JSON, to look into without the spec types' unions. */
export type Json = Record<string, unknown>

export const asJson = (spec: unknown): Json => JSON.parse(JSON.stringify(spec)) as Json

/** The value at a path of keys and indices, failing the test when a step is missing. */
export const at = (value: unknown, ...path: (string | number)[]): unknown =>
  path.reduce<unknown>((current, key) => {
    if (typeof current !== 'object' || current === null || !(key in current)) {
      throw new Error(`spec has no ${path.join('.')} (missing ${String(key)})`)
    }
    return (current as Record<string | number, unknown>)[key]
  }, value)

/** A list at a path. */
export const listAt = (value: unknown, ...path: (string | number)[]): unknown[] => {
  const found = at(value, ...path)
  if (!Array.isArray(found)) throw new Error(`spec ${path.join('.')} is not a list`)
  return found as unknown[]
}

/** Every unit view (one with a mark) of a spec, however deeply layered or concatenated. */
export const unitViews = (spec: unknown): Json[] => {
  if (typeof spec !== 'object' || spec === null) return []
  const view = spec as Json
  if ('mark' in view) return [view]
  return ['layer', 'hconcat', 'vconcat', 'concat']
    .flatMap((key) => (Array.isArray(view[key]) ? (view[key] as unknown[]) : []))
    .concat('spec' in view ? [view.spec] : [])
    .flatMap(unitViews)
}

/**
 * Compiles with vega-lite (throws on an invalid spec) and checks the font is set: the library
 * types a spec structurally, so this is what holds each builder to Vega-Lite's grammar.
 */
export const expectCompiles = (spec: VegaLiteSpec): void => {
  const warnings: string[] = []
  const logger = {
    level: () => logger,
    error: (...message: unknown[]) => {
      throw new Error(message.map(String).join(' '))
    },
    warn: (...message: unknown[]) => {
      warnings.push(message.map(String).join(' '))
      return logger
    },
    info: () => logger,
    debug: () => logger,
  }
  const compiled = compile(spec as unknown as TopLevelSpec, { logger })
  expect(compiled.spec).toBeDefined()
  expect(warnings).toStrictEqual([])
  expect(spec.config?.font).toBe('DejaVu Sans')
}

/** Every unit view (or its enclosing view) gives a numeric width and height. */
export const expectSized = (spec: unknown): void => {
  const sized = (view: unknown): boolean =>
    typeof view === 'object' &&
    view !== null &&
    (('width' in view && 'height' in view && typeof view.width === 'number') ||
      ['layer', 'hconcat', 'vconcat', 'concat'].some(
        (key) => key in view && listAt(view, key).every(sized),
      ) ||
      ('spec' in view && sized(view.spec)))
  expect(sized(spec)).toBe(true)
}

/**
 * A hand-made three-class network: one softmax layer with logits (x, y, 0), so the predicted class
 * at (x, y) is known by hand — class 0 where x > y and x > 0, class 1 where y > x and y > 0, class 2
 * where both are negative.
 */
export const threeClassNetwork = ((): network.Network => {
  const shape = right(
    network.mlp([2, 3], { hidden: 'linear', output: 'softmax', key: random.key(0) }),
  )
  return {
    ...shape,
    parameters: {
      layers: [
        {
          W: right(
            linalg.fromRows([
              [1, 0, 0],
              [0, 1, 0],
            ]),
          ),
          b: linalg.zeros(1, 3),
        },
      ],
    },
  }
})()

/** The class `threeClassNetwork` predicts at (x, y), worked out by hand from its logits (x, y, 0). */
export const threeClassAt = (x: number, y: number): number =>
  x > y && x > 0 ? 0 : y > x && y > 0 ? 1 : 2

/**
 * Three labelled points whose grid (step 0.5) never puts a point on a tie (x = y, x = 0 or y = 0):
 * xs = −1.6, −1.1, …, 1.4 and ys = −1.85, −1.35, …, 1.15.
 */
export const threeClassPoints = {
  X: right(
    linalg.fromRows([
      [-1.1, -1.35],
      [1.3, 1.15],
      [-0.5, 1],
    ]),
  ),
  y: right(
    linalg.fromRows([
      [0, 0, 1],
      [1, 0, 0],
      [0, 1, 0],
    ]),
  ),
}
