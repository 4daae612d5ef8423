// --from MODEL.json: a saved model's weights into the config's network when their dense layers
// agree (widths and activations, dropout from the config), else one line per disagreement; a
// model saved from the config's own network always matches; arbitrary JSON never throws.

import { fc, test as propertyTest } from '@fast-check/vitest'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, test } from 'vitest'
import { network, random } from 'gradfold'
import { loadStartingModel, matchModel } from '../src/from-model.js'
import { right } from '../../test/support/either.js'
import { memoryWorld } from './support/memory-world.js'

const mlp = (sizes: number[], hidden: network.ActivationName, seed: number): network.Network =>
  right(network.mlp(sizes, { hidden, output: 'sigmoid', key: random.key(seed) }))

const withDropout = (seed: number): network.Network =>
  right(
    network.sequential(
      2,
      [
        { kind: 'dense', outputs: 4, activation: 'relu' },
        { kind: 'dropout', rate: 0.25 },
        { kind: 'dense', outputs: 1, activation: 'sigmoid' },
      ],
      { key: random.key(seed) },
    ),
  )

describe('matchModel', () => {
  propertyTest.prop([
    fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 0, maxLength: 3 }),
    fc.integer({ min: 0, max: 1000 }),
  ])('another draw of the same architecture matches and gives its weights', (hidden, seed) => {
    const configured = mlp([2, ...hidden, 1], 'tanh', seed)
    const saved = mlp([2, ...hidden, 1], 'tanh', seed + 1)
    const matched = right(matchModel(configured, saved))
    expect(matched.parameters).toStrictEqual(saved.parameters)
    expect(matched.layers).toStrictEqual(configured.layers)
  })

  test('dropout layers come from the config: a model without them fits a config with them', () => {
    const configured = withDropout(1)
    const saved = mlp([2, 4, 1], 'relu', 2)
    const matched = right(matchModel(configured, saved))
    expect(matched.layers).toStrictEqual(configured.layers)
    expect(matched.parameters.layers[0]).toBe(saved.parameters.layers[0])
    expect(matched.parameters.layers[1]).toStrictEqual({})
    expect(matched.parameters.layers[2]).toBe(saved.parameters.layers[1])
    // and the other way round, the paths are the saved model's
    expect(matchModel(mlp([2, 4, 1], 'tanh', 1), withDropout(2))).toStrictEqual(
      E.left(["layers[0].activation: expected tanh (the config's model), got relu"]),
    )
  })

  test('widths, activations, layer counts and input sizes that differ: one line each', () => {
    expect(matchModel(mlp([2, 4, 1], 'relu', 0), mlp([2, 5, 1], 'tanh', 0))).toStrictEqual(
      E.left([
        "layers[0].W: expected 2×4 (the config's model), got 2×5",
        "layers[0].activation: expected relu (the config's model), got tanh",
        "layers[1].W: expected 4×1 (the config's model), got 5×1",
      ]),
    )
    expect(matchModel(mlp([2, 4, 1], 'relu', 0), mlp([2, 4, 4, 1], 'relu', 0))).toStrictEqual(
      E.left(["layers: expected 2 dense layers (the config's model), got 3"]),
    )
    expect(matchModel(mlp([2, 4, 1], 'relu', 0), mlp([3, 4, 1], 'relu', 0))).toStrictEqual(
      E.left(["inputSize: expected 2 (the config's model), got 3"]),
    )
  })
})

describe('loadStartingModel', () => {
  const configured = mlp([2, 3, 1], 'relu', 0)

  test('reads, decodes and matches; the sha256 is of the file’s text', () => {
    const text = JSON.stringify(network.encodeModel(mlp([2, 3, 1], 'relu', 9)))
    const world = memoryWorld({ files: { 'm.json': text } })
    const loaded = right(loadStartingModel(world, 'm.json', configured))
    // a SHA-256 in hex, of the text itself: one byte more changes it
    expect(loaded.from.sha256).toMatch(/^[0-9a-f]{64}$/u)
    const other = memoryWorld({ files: { 'm.json': `${text} ` } })
    expect(right(loadStartingModel(other, 'm.json', configured)).from.sha256).not.toBe(
      loaded.from.sha256,
    )
  })

  test('a missing file, bad JSON, a file that is not a model, a broken model: lines naming it', () => {
    const world = memoryWorld({
      files: {
        'bad.json': '{',
        'config.json': '{"data": {}}',
        'broken.json': JSON.stringify({
          format: 'gradfold-model',
          version: 2,
          inputSize: 2,
          layers: [],
        }),
      },
    })
    const lines = (path: string) =>
      E.getOrElseW((problems: readonly string[]) => problems)(
        E.map(() => ['loaded'])(loadStartingModel(world, path, configured)),
      )
    expect(lines('nope.json')).toStrictEqual([
      "--from nope.json: cannot read 'nope.json': no such file or directory",
    ])
    expect(lines('bad.json')[0]).toMatch(/^--from bad\.json: not valid JSON \(/u)
    expect(lines('config.json')).toStrictEqual([
      '--from config.json: not a gradfold model (expected "format": "gradfold-model", as model.json has)',
    ])
    expect(lines('broken.json')).toStrictEqual([
      '--from broken.json: version: expected 1, got 2',
      '--from broken.json: layers: expected a non-empty list of layers, got an empty list',
    ])
  })

  propertyTest.prop([fc.jsonValue()])('arbitrary JSON never throws', (value) => {
    const world = memoryWorld({ files: { 'm.json': JSON.stringify(value) } })
    expect(E.isLeft(loadStartingModel(world, 'm.json', configured))).toBe(true)
  })
})
