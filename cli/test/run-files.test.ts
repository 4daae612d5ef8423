// The run's files as text: history.json's fields, the JSON layout (reads back exactly), the
// config hash (SHA-256 of the text), and the closing summary.

import { createHash } from 'node:crypto'
import { fc, test as propertyTest } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { train } from 'gradfold'
import {
  encodeHistory,
  filesText,
  formatJson,
  sha256Hex,
  stoppedText,
  summaryText,
  warningText,
} from '../src/run-files.js'

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
      status: 'trained',
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
      warnings: [],
    })
  })

  test('how the run ended: stopped early, or diverged with its detail; --from and warnings', () => {
    const grown = train.historyOf([epochRecord(0.5), epochRecord(1e6)])
    const from = { model: 'm.json', sha256: 'beef' }
    const stopped = { epoch: 1, bestEpoch: 0, monitor: 'loss', best: 0.5 } as const
    const early = encodeHistory(grown, { seed: 1, configHash: 'c', from }, { stopped })
    expect([early.status, early.stopped, early.from, early.diverged]).toStrictEqual([
      'stoppedEarly',
      stopped,
      from,
      undefined,
    ])
    expect(early.warnings.map((warning) => [warning.epoch, warning.kind])).toStrictEqual([
      [1, 'lossGrowth'],
    ])
    const diverged = {
      _tag: 'Diverged',
      message: 'diverged at epoch 3 (loss 1.0e6 after 0.5): try a smaller learning rate',
      epoch: 2,
      history: grown,
      detail: 'fit: epoch 3, batch 0: node #17 (square) produced Infinity',
      afterLastEpoch: false,
    } as const
    const failed = encodeHistory(grown, { seed: 1, configHash: 'c' }, { diverged })
    expect([failed.status, failed.diverged, failed.final]).toStrictEqual([
      'diverged',
      { epoch: 2, message: diverged.message, detail: diverged.detail },
      undefined,
    ])
  })

  test('the early-stop and warning lines count epochs from 1', () => {
    expect(stoppedText({ epoch: 9, bestEpoch: 4, monitor: 'testAccuracy', best: 0.93333 })).toBe(
      'stopped early at epoch 10: testAccuracy has not improved for 5 epochs; restored epoch 5 (testAccuracy 0.933)',
    )
    expect(warningText({ epoch: 0, kind: 'lossGrowth', message: 'm' })).toBe(
      'warning: epoch 1 (lossGrowth): m',
    )
  })

  test('the files written: a run of checkpoints shortened to its ends and count', () => {
    const checkpoints = [5, 10, 15].map((epoch) => `o/checkpoints/epoch-${epoch}.json`)
    expect(filesText(['o/config.json', ...checkpoints])).toBe(
      'o/config.json, o/checkpoints/epoch-5.json, o/checkpoints/epoch-10.json, o/checkpoints/epoch-15.json',
    )
    expect(filesText(['o/config.json', ...checkpoints, 'o/checkpoints/epoch-20.json'])).toBe(
      'o/config.json, o/checkpoints/epoch-5.json … epoch-20.json (4 checkpoints)',
    )
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
