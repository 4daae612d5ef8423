// model.json's metadata sizes against the network they describe: feature names and
// standardisation numbers per input, class names per output (two for a single output), one line
// per mismatch; a regression output has no class names to count.

import { describe, expect, test } from 'vitest'
import type { network } from '../../src/index.js'
import { metadataProblems } from '../../src/network/model-metadata.js'

const layers = (inputs: number, outputs: number): network.LayerSpec[] => [
  { kind: 'dense', inputs, outputs: 4, activation: 'relu' },
  { kind: 'dropout', inputs: 4, outputs: 4, rate: 0.5 },
  { kind: 'dense', inputs: 4, outputs, activation: outputs === 1 ? 'sigmoid' : 'softmax' },
]

describe('metadataProblems', () => {
  test('fitting metadata has none', () => {
    expect(
      metadataProblems(
        {
          input: { features: ['a', 'b', 'c'], standardize: { mean: [0, 1, 2], scale: [1, 1, 1] } },
          output: { target: 'classes', classes: ['x', 'y', 'z'], loss: 'softmaxCrossEntropy' },
        },
        3,
        layers(3, 3),
      ),
    ).toStrictEqual([])
    expect(metadataProblems({}, 3, layers(3, 3))).toStrictEqual([])
  })

  test('one output stands for two classes', () => {
    const output = {
      target: 'classes',
      classes: ['no', 'yes'],
      loss: 'binaryCrossEntropy',
    } as const
    expect(metadataProblems({ output }, 2, layers(2, 1))).toStrictEqual([])
    expect(metadataProblems({ output }, 2, layers(2, 2))).toStrictEqual([])
    expect(metadataProblems({ output }, 2, layers(2, 3))).toStrictEqual([
      'output.classes: expected 3 names (one per output), got 2',
    ])
    expect(
      metadataProblems({ output: { ...output, classes: ['only'] } }, 2, layers(2, 1)),
    ).toStrictEqual(['output.classes: expected 2 names (one output: two classes), got 1'])
  })

  test('every input size mismatch on its own line, the 64-pixel digits case', () => {
    const mean = Array.from({ length: 63 }, () => 0)
    const scale = Array.from({ length: 65 }, () => 1)
    const features = Array.from({ length: 64 }, (_, index) => `pixel${index}`)
    expect(
      metadataProblems({ input: { features, standardize: { mean, scale } } }, 64, layers(64, 10)),
    ).toStrictEqual([
      'input.standardize.mean: expected 64 numbers (the input size), got 63',
      'input.standardize.scale: expected 64 numbers (the input size), got 65',
    ])
  })

  test('a regression has no classes to count', () => {
    expect(
      metadataProblems({ output: { target: 'regression', loss: 'mse' } }, 2, layers(2, 3)),
    ).toStrictEqual([])
  })
})
