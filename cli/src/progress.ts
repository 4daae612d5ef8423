// Training progress as text, pure: a bar that a terminal redraws in place with `\r`, or a plain
// line for logs and pipes, and the rule for which epochs to show. Laws: the same figures give the
// same text; a bar line never exceeds the given width; the last epoch is always reported.

/** What one progress report shows: the epoch (1-based) out of all, its figures and the time. */
export interface Progress {
  /** Epochs finished, from 1 to `epochs`. */
  readonly epoch: number
  readonly epochs: number
  /** The training loss recorded for that epoch. */
  readonly loss: number
  /** The training accuracy recorded for that epoch (a fraction in [0, 1]). */
  readonly accuracy: number
  /** Seconds since training started. */
  readonly elapsedSeconds: number
}

const percentOf = (epoch: number, epochs: number): number =>
  epochs === 0 ? 100 : Math.floor((100 * epoch) / epochs)

/** Seconds as `0.42 s`, `12.3 s` or `1234 s`: three significant figures, at most. */
const seconds = (value: number): string =>
  `${value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : value.toFixed(0)} s`

const figures = (progress: Progress): string =>
  `loss ${progress.loss.toPrecision(6)}  accuracy ${progress.accuracy.toFixed(4)}  ${seconds(progress.elapsedSeconds)}`

const counter = (progress: Progress): string => {
  const total = String(progress.epochs)
  return `epoch ${String(progress.epoch).padStart(total.length)}/${total}`
}

/**
 * A plain progress line, for output that is not a terminal.
 *
 * @example
 * import assert from 'node:assert'
 * import { plainLine } from './progress.js'
 * assert.strictEqual(
 *   plainLine({ epoch: 50, epochs: 500, loss: 0.123456789, accuracy: 0.875, elapsedSeconds: 1.5 }),
 *   'epoch  50/500  loss 0.123457  accuracy 0.8750  1.50 s',
 * )
 */
export const plainLine = (progress: Progress): string =>
  `${counter(progress)}  ${figures(progress)}`

/**
 * A progress bar line of at most `width` characters (the bar shrinks to fit, and disappears on
 * very narrow terminals), without the `\r` that redraws it.
 *
 * @example
 * import assert from 'node:assert'
 * import { barLine } from './progress.js'
 * const line = barLine({ epoch: 25, epochs: 100, loss: 0.5, accuracy: 0.75, elapsedSeconds: 12.25 }, 100)
 * assert.strictEqual(line, 'epoch  25/100 [#####...............]  25%  loss 0.500000  accuracy 0.7500  12.3 s')
 * assert.ok(barLine({ epoch: 1, epochs: 3, loss: 1, accuracy: 0, elapsedSeconds: 0 }, 30).length <= 30)
 */
export const barLine = (progress: Progress, width: number): string => {
  const percent = percentOf(progress.epoch, progress.epochs)
  const rest = `${String(percent).padStart(4)}%  ${figures(progress)}`
  const fixed = counter(progress).length + rest.length + 3 // ' [' and ']'
  const barWidth = Math.min(20, width - fixed)
  if (barWidth < 5) {
    const short = `${counter(progress)} ${String(percent).padStart(3)}%`
    return short.slice(0, Math.max(0, width))
  }
  const filled = Math.floor((barWidth * percent) / 100)
  return `${counter(progress)} [${'#'.repeat(filled)}${'.'.repeat(barWidth - filled)}]${rest}`
}

/**
 * Whether epoch `epoch` (1-based) of `epochs` is reported: on a terminal every whole percent
 * (about 100 redraws), otherwise every tenth of the run (about 10 lines); the first and the
 * last epoch always.
 *
 * @example
 * import assert from 'node:assert'
 * import { shouldReport } from './progress.js'
 * const shown = (epochs: number, terminal: boolean) =>
 *   Array.from({ length: epochs }, (_, i) => i + 1).filter((e) => shouldReport(e, epochs, terminal))
 * assert.deepStrictEqual(shown(20, false), [1, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20])
 * assert.strictEqual(shown(1000, true).length, 101) // the first epoch, then every 1%
 * assert.deepStrictEqual(shown(3, false), [1, 2, 3])
 */
export const shouldReport = (epoch: number, epochs: number, terminal: boolean): boolean => {
  if (epoch === 1 || epoch === epochs) return true
  const steps = terminal ? 100 : 10
  return Math.floor((steps * epoch) / epochs) > Math.floor((steps * (epoch - 1)) / epochs)
}
