// model.json's metadata as `gradfold train` writes it (features, the fitted standardisation,
// classes or regression, label, loss) and a model file read back: bad JSON, foreign files and
// models without metadata are lines naming the file; arbitrary text never throws.

import { readFileSync } from 'node:fs'
import { fc, test as propertyTest } from '@fast-check/vitest'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, test } from 'vitest'
import { linalg, network, random } from 'gradfold'
import { parseConfig } from '../src/config.js'
import { modelMetadata, readModel } from '../src/saved-model.js'
import { left, right } from '../../test/support/either.js'
import { experimentFrom } from './support/experiment.js'
import { memoryWorld } from './support/memory-world.js'

const irisCsv = readFileSync(new URL('../../examples/iris.csv', import.meta.url), 'utf8')
const irisConfig = readFileSync(new URL('../../examples/iris.json', import.meta.url), 'utf8')

describe('modelMetadata', () => {
  test('a standardised CSV run: its features, the fitted numbers, class names, label, loss', () => {
    const experiment = right(
      experimentFrom(right(parseConfig(irisConfig)), { files: { './iris.csv': irisCsv } }),
    )
    const standardizer = experiment.standardizer
    if (standardizer === null) throw new Error('iris standardises')
    expect(modelMetadata(experiment)).toStrictEqual({
      input: {
        features: ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'],
        standardize: {
          mean: linalg.toFlat(standardizer.mean),
          scale: linalg.toFlat(standardizer.scale),
        },
      },
      output: {
        target: 'classes',
        classes: ['setosa', 'versicolor', 'virginica'],
        loss: 'softmaxCrossEntropy',
        label: 'species',
      },
    })
  })
})

describe('readModel', () => {
  const net = right(network.mlp([2, 2], { hidden: 'relu', output: 'softmax', key: random.key(0) }))
  const metadata = {
    input: { features: ['a', 'b'] },
    output: { target: 'classes', classes: ['x', 'y'], loss: 'softmaxCrossEntropy' },
  } as const
  const world = memoryWorld({
    files: {
      'good.json': JSON.stringify(network.encodeModel(net, metadata)),
      'bare.json': JSON.stringify(network.encodeModel(net)),
      'broken.json': '{ "format": ',
    },
  })

  test('a model with metadata reads back', () => {
    const read = right(readModel(world, 'good.json'))
    expect(read.input).toStrictEqual(metadata.input)
    expect(read.output).toStrictEqual(metadata.output)
    expect(read.network.parameters).toStrictEqual(net.parameters)
  })

  test('broken JSON, no metadata: lines naming the file', () => {
    expect(left(readModel(world, 'broken.json'))[0]).toMatch(/^broken\.json: not valid JSON \(/u)
    expect(left(readModel(world, 'bare.json'))).toStrictEqual([
      'bare.json: input: missing (the metadata gradfold train writes; this model has none)',
      'bare.json: output: missing (the metadata gradfold train writes; this model has none)',
    ])
  })

  propertyTest.prop([fc.oneof(fc.string(), fc.json())])('arbitrary text never throws', (text) => {
    const read = readModel(memoryWorld({ files: { 'm.json': text } }), 'm.json')
    if (E.isLeft(read)) {
      for (const line of read.left) expect(line).toMatch(/^m\.json: [^\n]+$/u)
    }
  })
})
