// Progress rendering: plain lines and a bar that fits its width, and the report schedule. Laws:
// a bar line never exceeds the width; the last epoch is always reported; a terminal gets about
// 100 redraws and a log about 10 lines, whatever the number of epochs.

import { fc, test as propertyTest } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { barLine, plainLine, shouldReport, type Progress } from '../src/progress.js'

const progress = fc.integer({ min: 1, max: 100000 }).chain((epochs) =>
  fc.record({
    epochs: fc.constant(epochs),
    epoch: fc.integer({ min: 1, max: epochs }),
    loss: fc.double({ min: 0, max: 1e6, noNaN: true }),
    accuracy: fc.double({ min: 0, max: 1, noNaN: true }),
    elapsedSeconds: fc.double({ min: 0, max: 1e5, noNaN: true }),
  }),
)

const reported = (epochs: number, terminal: boolean): number[] =>
  Array.from({ length: epochs }, (_, index) => index + 1).filter((epoch) =>
    shouldReport(epoch, epochs, terminal),
  )

describe('progress', () => {
  propertyTest.prop([progress, fc.integer({ min: 0, max: 300 })])(
    'a bar line never exceeds its width',
    (figures: Progress, width) => {
      expect(barLine(figures, width).length).toBeLessThanOrEqual(width)
    },
  )

  propertyTest.prop([progress])(
    'a plain line names the epoch out of all, and the loss',
    (figures) => {
      const line = plainLine(figures)
      expect(line).toMatch(new RegExp(`^epoch +${figures.epoch}/${figures.epochs}  loss `, 'u'))
      expect(line).not.toContain('\n')
    },
  )

  test('the bar fills in proportion: empty at 0%, full at 100%', () => {
    const at = (epoch: number): string =>
      barLine({ epoch, epochs: 10, loss: 1, accuracy: 1, elapsedSeconds: 0 }, 120)
    expect(at(10)).toContain(`[${'#'.repeat(20)}] 100%`)
    expect(at(5)).toContain(`[${'#'.repeat(10)}${'.'.repeat(10)}]  50%`)
    // On a narrow terminal the bar gives way to a percentage.
    expect(barLine({ epoch: 5, epochs: 10, loss: 1, accuracy: 1, elapsedSeconds: 0 }, 20)).toBe(
      'epoch  5/10  50%',
    )
  })

  propertyTest.prop([fc.integer({ min: 1, max: 5000 }), fc.boolean()])(
    'the first and last epochs are reported, and at most ~100 (terminal) or ~10 lines',
    (epochs, terminal) => {
      const shown = reported(epochs, terminal)
      expect(shown[0]).toBe(1)
      expect(shown.at(-1)).toBe(epochs)
      expect(shown.length).toBeLessThanOrEqual(Math.min(epochs, (terminal ? 100 : 10) + 1))
    },
  )

  test('a log of 1000 epochs shows every hundredth epoch', () => {
    expect(reported(1000, false)).toStrictEqual([
      1, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000,
    ])
  })
})
