// The bench's goal lines: a measured figure against the limit an issue set for it, printed as
// `goal: gradfold train on A ≤ 0.5× numpy's loop: 0.42× (0.038 s vs 0.091 s) — holds` and kept,
// so the caller can write them into its results JSON and close with a summary of every goal.
// A goal is reported, never asserted: a miss prints "misses" and the bench goes on.

/** Whether the measured figure must stay at or under the limit, or reach at least the limit. */
export type Direction = 'at most' | 'at least'

export interface GoalOptions {
  /** Appended to the limit and the measured figure; '×' (a ratio) unless given. */
  readonly unit?: string
  /** What the ratio is taken against, printed after the limit: "numpy's loop". */
  readonly reference?: string
  /** The figures behind the measured one, printed in parentheses: "0.038 s vs 0.091 s". */
  readonly detail?: string
  /** Decimals of the measured figure (2 unless given). */
  readonly digits?: number
  /** The measured figure is only a bound (a run cut off at its budget): more, for 'at most'. */
  readonly bound?: boolean
}

/** A goal as printed and as written to the results JSON. */
export interface Goal {
  readonly description: string
  readonly direction: Direction
  readonly limit: number
  readonly unit: string
  readonly reference?: string
  /** The measured figure (a lower bound when `bound`); null when it could not be measured. */
  readonly measured: number | null
  readonly bound: boolean
  readonly detail?: string
  /** true holds, false misses, null unknown (not measured, or a bound that settles nothing). */
  readonly holds: boolean | null
  readonly line: string
}

const collected: Goal[] = []

/** A limit as the issue writes it: 0.5×, 1.0×, 3.0×, 1 kB. */
const formatLimit = (limit: number, unit: string): string =>
  unit === '×' && Number.isInteger(limit) ? limit.toFixed(1) : String(limit)

/**
 * Records and prints one goal. `measured` undefined or NaN means it was not measured (say why in
 * `detail`); with `bound` it is a lower bound on the true figure, which settles an 'at most' goal
 * only when it already exceeds the limit.
 */
export const goal = (
  description: string,
  measured: number | undefined,
  limit: number,
  direction: Direction,
  options: GoalOptions = {},
): Goal => {
  const unit = options.unit ?? '×'
  const digits = options.digits ?? 2
  const bound = options.bound ?? false
  const known = measured !== undefined && Number.isFinite(measured) ? measured : null
  const holds =
    known === null
      ? null
      : bound
        ? direction === 'at most' && known > limit
          ? false
          : null
        : direction === 'at most'
          ? known <= limit
          : known >= limit
  const target = `${description} ${direction === 'at most' ? '≤' : '≥'} ${formatLimit(limit, unit)}${unit}${options.reference === undefined ? '' : ` ${options.reference}`}`
  const figure =
    known === null ? 'not measured' : `${bound ? '> ' : ''}${known.toFixed(digits)}${unit}`
  const verdict =
    holds === null ? (known === null ? 'unknown' : 'unsettled') : holds ? 'holds' : 'misses'
  const line = `goal: ${target}: ${figure}${options.detail === undefined ? '' : ` (${options.detail})`} — ${verdict}`
  const recorded: Goal = {
    description,
    direction,
    limit,
    unit,
    ...(options.reference === undefined ? {} : { reference: options.reference }),
    measured: known,
    bound,
    ...(options.detail === undefined ? {} : { detail: options.detail }),
    holds,
    line,
  }
  collected.push(recorded)
  console.log(line)
  return recorded
}

/** Every goal recorded so far, in order. */
export const goals = (): readonly Goal[] => [...collected]

/** The closing summary: a count line, then every goal's line. */
export const goalSummary = (): readonly string[] => {
  const held = collected.filter((entry) => entry.holds === true).length
  const missed = collected.filter((entry) => entry.holds === false).length
  const unknown = collected.length - held - missed
  return [
    `goals: ${held} of ${collected.length} hold, ${missed} miss${unknown > 0 ? `, ${unknown} not settled` : ''}`,
    ...collected.map((entry) => `  ${entry.line}`),
  ]
}
