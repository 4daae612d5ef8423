// The run's files as text: history.json's fields, the JSON layout (reads back exactly), the
// config hash (SHA-256 of the text), and the closing summary.

import { createHash } from 'node:crypto'
import { fc, test as propertyTest } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { train } from 'gradfold'
import { encodeHistory, formatJson, sha256Hex, summaryText } from '../src/run-files.js'

const epochRecord = (loss: number, test?: number): train.EpochRecord => ({
  loss,
  trainAccuracy: 0.5,
  ...(test === undefined ? {} : { test: { loss: test, accuracy: 0.25 } }),
  weightGradientNorms: [loss, 2 * loss],
  biasGradientNorms: [3, 4],
  weightNorms: [5, 6],
})

describe('run files', () => {
  test('history.json carries every series, the seed and the config hash', () => {
    const history = train.historyOf([epochRecord(1, 2), epochRecord(0.5, 1.5)], {
      trainLoss: 0.25,
      trainAccuracy: 1,
      testLoss: 1,
      testAccuracy: 0.5,
    })
    expect(encodeHistory(history, { seed: 42, configHash: 'f00d' })).toStrictEqual({
      format: 'gradfold-history',
      version: 1,
      seed: 42,
      configHash: 'f00d',
      epochs: 2,
      loss: [1, 0.5],
      trainAccuracy: [0.5, 0.5],
      testLoss: [2, 1.5],
      testAccuracy: [0.25, 0.25],
      gradientNorms: {
        weights: [
          [1, 2],
          [0.5, 1],
        ],
        biases: [
          [3, 4],
          [3, 4],
        ],
      },
      weightNorms: [
        [5, 6],
        [5, 6],
      ],
      final: { trainLoss: 0.25, trainAccuracy: 1, testLoss: 1, testAccuracy: 0.5 },
    })
  })

  test('without a test set there are no test series', () => {
    const json = encodeHistory(train.historyOf([epochRecord(1)]), {
      seed: 1,
      configHash: '',
    })
    expect('testLoss' in json || 'testAccuracy' in json || 'final' in json).toBe(false)
  })

  propertyTest.prop([fc.jsonValue()])('formatJson reads back as the value it wrote', (value) => {
    const text = formatJson(value)
    expect(text.endsWith('\n')).toBe(true)
    // JSON itself turns -0 into 0; compare with what JSON.stringify keeps.
    expect(JSON.parse(text)).toStrictEqual(JSON.parse(JSON.stringify(value)))
  })

  propertyTest.prop([
    fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1 }),
  ])('doubles survive formatJson exactly, on one line', (values) => {
    const text = formatJson({ values })
    expect(text.split('\n')).toHaveLength(4)
    const read = (JSON.parse(text) as { values: number[] }).values
    read.forEach((value, index) => {
      expect(value).toBe(values[index] === 0 ? 0 : values[index])
    })
  })

  propertyTest.prop([fc.string()])('sha256Hex is the SHA-256 of the UTF-8 text', (text) => {
    expect(sha256Hex(text)).toBe(
      createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex'),
    )
    expect(sha256Hex(text)).toMatch(/^[0-9a-f]{64}$/u)
  })

  test('the summary leaves out test figures when there are none, and names the seed', () => {
    const text = summaryText({
      epochs: 1,
      elapsedSeconds: 12.34,
      kernels: 'portable',
      workers: 2,
      seed: 7,
      configHash: 'abc',
      final: { trainLoss: 2, trainAccuracy: 0.5 },
      files: ['a', 'b'],
    })
    expect(text).toBe(
      'trained 1 epoch in 12.3 s (portable kernels, 2 workers)\n  train  loss 2.00000  accuracy 0.5000\n  seed 7, config sha256 abc\n  wrote a, b\n',
    )
  })
})
