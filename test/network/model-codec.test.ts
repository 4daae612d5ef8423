// model.json: encode then decode keeps a network's parameters and predictions bit for bit (also
// through JSON text), with its metadata deep-equal, and every malformed file is named line by
// line: shapes, lengths, version, non-finite numbers, unknown keys, metadata sizes; a file that is
// not a gradfold model is one line. The decoder kit's reporter writes io-ts paths as code would.

import { fc, test as propertyTest } from '@fast-check/vitest'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, test } from 'vitest'
import { linalg, network, random } from '../../src/index.js'
import * as check from '../../src/check/index.js'
import { left, right } from '../support/either.js'

/** A [2, 16, 8, 1] relu/sigmoid network (keys, He normal) as model.json's value. */
const moonsJson = (): Record<string, unknown> =>
  JSON.parse(
    JSON.stringify(
      network.encodeModel(
        right(
          network.mlp([2, 16, 8, 1], { hidden: 'relu', output: 'sigmoid', key: random.key(5) }),
        ),
      ),
    ),
  ) as Record<string, unknown>

/** `json` with layer `index` changed by `change` (a copy; the original is left alone). */
const withLayer = (
  json: Record<string, unknown>,
  index: number,
  change: (layer: Record<string, unknown>) => Record<string, unknown>,
): Record<string, unknown> => {
  const layers = (json.layers as Record<string, unknown>[]).map((layer, at) =>
    at === index ? change(layer) : layer,
  )
  return { ...json, layers }
}

const transposeRows = (rows: number[][]): number[][] =>
  (rows[0] ?? []).map((_, column) => rows.map((entries) => entries[column] ?? Number.NaN))

describe('round trips', () => {
  propertyTest.prop([check.networkCase({ maxDepth: 3, maxWidth: 5 })])(
    'decode(encode(net)) predicts bit for bit and has deep-equal parameters, also through text',
    ({ network: net, batch }) => {
      const direct = right(network.decodeModel(network.encodeModel(net)))
      const throughText = right(
        network.decodeModel(JSON.parse(JSON.stringify(network.encodeModel(net)))),
      )
      const expected = linalg.toFlat(right(network.predict(net, batch.X)))
      for (const decoded of [direct, throughText]) {
        expect(decoded.layers).toStrictEqual(net.layers)
        expect(decoded.parameters.layers.length).toBe(net.parameters.layers.length)
        decoded.parameters.layers.forEach((layer, index) => {
          const original = net.parameters.layers[index]
          if (!('W' in layer) || original === undefined || !('W' in original)) {
            throw new Error(`layer ${index} lost its parameters`)
          }
          expect(linalg.toFlat(layer.W)).toStrictEqual(linalg.toFlat(original.W))
          expect(linalg.toFlat(layer.b)).toStrictEqual(linalg.toFlat(original.b))
        })
        expect(linalg.toFlat(right(network.predict(decoded, batch.X)))).toStrictEqual(expected)
      }
    },
  )

  test('dropout layers survive as { dropout: rate }', () => {
    const net = right(
      network.sequential(
        2,
        [
          { kind: 'dense', outputs: 4, activation: 'tanh' },
          { kind: 'dropout', rate: 0.25 },
          { kind: 'dense', outputs: 1, activation: 'sigmoid' },
        ],
        { key: random.key(9) },
      ),
    )
    const json = network.encodeModel(net)
    expect(json.layers[1]).toStrictEqual({ dropout: 0.25 })
    const back = right(network.decodeModel(JSON.parse(JSON.stringify(json))))
    expect(back.layers).toStrictEqual(net.layers)
    expect(back.parameters).toStrictEqual(net.parameters)
  })

  test('the encoded value is plain JSON in the documented layout', () => {
    const rows = [
      [1, 2],
      [3, 4],
    ]
    const net: network.Network = {
      inputSize: 2,
      layers: [{ kind: 'dense', inputs: 2, outputs: 2, activation: 'relu' }],
      parameters: {
        layers: [{ W: right(linalg.fromRows(rows)), b: right(linalg.rowVector([0.5, -0.5])) }],
      },
    }
    expect(network.encodeModel(net)).toStrictEqual({
      format: 'gradfold-model',
      version: 1,
      inputSize: 2,
      layers: [{ W: rows, b: [0.5, -0.5], activation: 'relu' }],
    })
  })

  propertyTest.prop([fc.jsonValue()])(
    'decoding arbitrary JSON never throws; problems are lines',
    (json) => {
      const decoded = network.decodeModel(json)
      if (E.isLeft(decoded)) {
        expect(decoded.left.problems.length).toBeGreaterThan(0)
        for (const line of decoded.left.problems) expect(line).toMatch(/^[^\n]+: [^\n]+$/)
        expect(decoded.left.message).toBe(`decodeModel: ${decoded.left.problems.join('; ')}`)
      }
    },
  )
})

/** Metadata that fits `net`: generated names and numbers of the right sizes. */
const metadataArbitrary = (net: network.Network): fc.Arbitrary<network.ModelMetadata> => {
  const outputs = net.layers[net.layers.length - 1]?.outputs ?? 1
  const names = (count: number, prefix: string): fc.Arbitrary<string[]> =>
    fc
      .uniqueArray(fc.string({ minLength: 1, maxLength: 8 }), {
        minLength: count,
        maxLength: count,
      })
      .map((list) => list.map((entry) => `${prefix}${entry}`))
  // JSON writes −0 as 0: the one number a model file cannot keep
  const finite = fc
    .double({ noNaN: true, noDefaultInfinity: true })
    .filter((value) => !Object.is(value, -0))
  const positive = fc.double({ min: Number.MIN_VALUE, noNaN: true, noDefaultInfinity: true })
  const sized = <A>(entry: fc.Arbitrary<A>, count: number): fc.Arbitrary<A[]> =>
    fc.array(entry, { minLength: count, maxLength: count })
  const input = fc.record(
    {
      features: names(net.inputSize, 'f'),
      standardize: fc.record(
        { mean: sized(finite, net.inputSize), scale: sized(positive, net.inputSize) },
        { noNullPrototype: true },
      ),
    },
    { requiredKeys: ['features'], noNullPrototype: true },
  )
  const loss = fc.constantFrom(...network.lossNames)
  const output = fc.oneof(
    fc.record(
      {
        target: fc.constant('classes' as const),
        classes: names(outputs === 1 ? 2 : outputs, 'c'),
        loss,
        label: fc.string({ minLength: 1 }),
      },
      { requiredKeys: ['target', 'classes', 'loss'], noNullPrototype: true },
    ),
    fc.record(
      { target: fc.constant('regression' as const), loss, label: fc.string({ minLength: 1 }) },
      { requiredKeys: ['target', 'loss'], noNullPrototype: true },
    ),
  )
  return fc.record({ input, output }, { requiredKeys: [], noNullPrototype: true })
}

describe('metadata', () => {
  propertyTest.prop([
    check
      .networkCase({ maxDepth: 3, maxWidth: 5 })
      .chain(({ network: net, batch }) =>
        metadataArbitrary(net).map((metadata) => ({ net, batch, metadata })),
      ),
  ])(
    'decodeSavedModel(encodeModel(net, metadata)) keeps both, bit for bit, also through text',
    ({ net, batch, metadata }) => {
      const encoded = network.encodeModel(net, metadata)
      const saved = right(network.decodeSavedModel(JSON.parse(JSON.stringify(encoded))))
      expect(saved.metadata).toStrictEqual(metadata)
      expect(saved.network.parameters).toStrictEqual(net.parameters)
      expect(linalg.toFlat(right(network.predict(saved.network, batch.X)))).toStrictEqual(
        linalg.toFlat(right(network.predict(net, batch.X))),
      )
      // decodeModel reads the same file and hands out only the network
      expect(right(network.decodeModel(encoded)).parameters).toStrictEqual(net.parameters)
    },
  )

  test('a file without metadata decodes to {}; the metadata written is in the documented layout', () => {
    expect(right(network.decodeSavedModel(moonsJson())).metadata).toStrictEqual({})
    const net = right(network.decodeModel(moonsJson()))
    const json = network.encodeModel(net, {
      input: { features: ['x', 'y'], standardize: { mean: [0.5, 0.25], scale: [2, 1] } },
      output: { target: 'classes', classes: ['no', 'yes'], loss: 'binaryCrossEntropy', label: 'y' },
    })
    expect(JSON.parse(JSON.stringify(json))).toMatchObject({
      input: { features: ['x', 'y'], standardize: { mean: [0.5, 0.25], scale: [2, 1] } },
      output: { target: 'classes', classes: ['no', 'yes'], loss: 'binaryCrossEntropy', label: 'y' },
    })
  })

  test('sizes against the network, each on its line', () => {
    const model = {
      ...moonsJson(),
      input: { features: ['a', 'b', 'c'], standardize: { mean: [0], scale: [1, 1] } },
      output: { target: 'classes', classes: ['one', 'two', 'three'], loss: 'binaryCrossEntropy' },
    }
    expect(left(network.decodeSavedModel(model)).problems).toStrictEqual([
      'input.features: expected 2 names (the input size), got 3',
      'input.standardize.mean: expected 2 numbers (the input size), got 1',
      'output.classes: expected 2 names (one output: two classes), got 3',
    ])
  })

  test('bad metadata values are named where they stand', () => {
    const model = {
      ...moonsJson(),
      input: { features: ['a', 'a'], standardize: { mean: [0, null], scale: [1, 0] } },
      output: { target: 'classes', classes: ['one', ''], loss: 'hinge', labels: 'x' },
    }
    expect(left(network.decodeSavedModel(model)).problems).toStrictEqual([
      'input.features[1]: "a" repeats [0]',
      'input.standardize.mean[1]: expected a finite number, got null',
      'input.standardize.scale[1]: expected a finite number above 0, got 0',
      'output.classes[1]: expected a non-empty string, got ""',
      'output.loss: expected one of mse, halfMse, binaryCrossEntropy, binaryCrossEntropyWithLogits, softmaxCrossEntropy, got "hinge"',
      'output.labels: unknown key (did you mean label?)',
    ])
    expect(
      left(network.decodeSavedModel({ ...moonsJson(), output: { target: 'regression' } })).problems,
    ).toStrictEqual([
      'output.loss: expected one of mse, halfMse, binaryCrossEntropy, binaryCrossEntropyWithLogits, softmaxCrossEntropy, got nothing',
    ])
  })

  test('a file that is not a gradfold model is one line', () => {
    const foreign = [
      { name: 'moons', epochs: 10, model: { layers: [2, 1] } },
      { format: 'keras', layers: 'x' },
      {},
    ]
    expect(foreign.map((json) => left(network.decodeSavedModel(json)).problems)).toStrictEqual([
      ['format: expected "gradfold-model", got nothing: not a gradfold model file'],
      ['format: expected "gradfold-model", got "keras": not a gradfold model file'],
      ['format: expected "gradfold-model", got nothing: not a gradfold model file'],
    ])
    expect(left(network.decodeSavedModel([1, 2])).problems).toStrictEqual([
      '(root): expected an object, got a list of 2 entries',
    ])
  })

  propertyTest.prop([fc.jsonValue()])('decodeSavedModel never throws on arbitrary JSON', (json) => {
    const decoded = network.decodeSavedModel(json)
    if (E.isLeft(decoded)) {
      for (const line of decoded.left.problems) expect(line).toMatch(/^[^\n]+: [^\n]+$/)
    }
  })

  propertyTest.prop([
    fc.record({ input: fc.jsonValue(), output: fc.jsonValue() }, { requiredKeys: [] }),
  ])('arbitrary metadata beside a valid network never throws', (metadata) => {
    const decoded = network.decodeSavedModel({ ...moonsJson(), ...metadata })
    if (E.isLeft(decoded)) expect(decoded.left.problems.length).toBeGreaterThan(0)
  })
})

describe('problems, each named by its path', () => {
  test('a transposed W names both shapes and the previous width', () => {
    const json = withLayer(moonsJson(), 1, (layer) => ({
      ...layer,
      W: transposeRows(layer.W as number[][]),
    }))
    expect(left(network.decodeModel(json)).problems).toStrictEqual([
      "layers[1].W: expected 16×8 (rows = the previous layer's width 16), got 8×16",
    ])
  })

  test('a bias one short', () => {
    const json = withLayer(moonsJson(), 0, (layer) => ({
      ...layer,
      b: (layer.b as number[]).slice(1),
    }))
    expect(left(network.decodeModel(json)).problems).toStrictEqual([
      'layers[0].b: expected 16 numbers (one per column of W, 2×16), got 15',
    ])
  })

  test('the first layer is measured against the input size', () => {
    expect(left(network.decodeModel({ ...moonsJson(), inputSize: 3 })).problems).toStrictEqual([
      'layers[0].W: expected 3×16 (rows = the input size 3), got 2×16',
    ])
  })

  test('a version this code cannot read, and a foreign format', () => {
    expect(left(network.decodeModel({ ...moonsJson(), version: 2 })).problems).toStrictEqual([
      'version: expected 1, got 2',
    ])
    expect(left(network.decodeModel({ ...moonsJson(), format: 'keras' })).problems).toStrictEqual([
      'format: expected "gradfold-model", got "keras": not a gradfold model file',
    ])
  })

  test('NaN written by JSON as null is refused where it stands', () => {
    const json = withLayer(moonsJson(), 0, (layer) => {
      const W = (layer.W as number[][]).map((entries) => [...entries])
      const third = W[1]
      if (third !== undefined) third[3] = Number.NaN
      return { ...layer, W }
    })
    const text = JSON.stringify(json)
    expect(left(network.decodeModel(JSON.parse(text))).problems).toStrictEqual([
      'layers[0].W[1][3]: expected a finite number, got null',
    ])
  })

  test('every problem at once: unknown keys, activations, ragged rows, bad rates', () => {
    const json = {
      format: 'gradfold-model',
      version: 1,
      inputSize: 2,
      layerz: [],
      layers: [
        { W: [[1], [2, 3]], b: [0], activation: 'relu' },
        { dropout: 1 },
        { W: [[1]], b: [0], activation: 'swish', bias: 1 },
      ],
    }
    expect(left(network.decodeModel(json)).problems).toStrictEqual([
      'layers[1].dropout: expected a number in [0, 1), got 1',
      'layers[2].activation: expected one of sigmoid, tanh, relu, leakyRelu, elu, softplus, linear, softmax, got "swish"',
      'layers[2].bias: unknown key (expected one of W, b, activation)',
      'layerz: unknown key (did you mean layers?)',
    ])
    const structural = {
      format: 'gradfold-model',
      version: 1,
      inputSize: 2,
      layers: [json.layers[0]],
    }
    expect(left(network.decodeModel(structural)).problems).toStrictEqual([
      'layers[0].W[1]: expected 1 numbers (as many as row 0), got 2',
    ])
  })

  test('not an object, no layers, empty lists', () => {
    expect(left(network.decodeModel(null)).problems).toStrictEqual([
      '(root): expected an object, got null',
    ])
    expect(left(network.decodeModel({ ...moonsJson(), layers: [] })).problems).toStrictEqual([
      'layers: expected a non-empty list of layers, got an empty list',
    ])
    expect(
      left(network.decodeModel(withLayer(moonsJson(), 2, (layer) => ({ ...layer, b: [] }))))
        .problems,
    ).toStrictEqual(['layers[2].b: expected a non-empty list of finite numbers, got an empty list'])
  })

  test('decoding does not mutate its input', () => {
    const json = moonsJson()
    const before = JSON.stringify(json)
    right(network.decodeModel(json))
    expect(JSON.stringify(json)).toBe(before)
  })
})
