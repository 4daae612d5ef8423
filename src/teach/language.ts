// The one language type of gradfold's teaching material: every word table (the walkthrough's,
// the trace renderings', the figures') and the CLI's tour are written for exactly these languages.
// Law: `languages` lists every value of `Language`, once, English first (the default).

/**
 * The languages gradfold teaches in: English and the notebook's own Russian.
 *
 * @example
 * import assert from 'node:assert'
 * import { languages } from 'gradfold/teach'
 * assert.deepStrictEqual(languages, ['en', 'ru'])
 */
export const languages = ['en', 'ru'] as const

/** A language of the words: `'en'` (the default everywhere) or `'ru'` (the notebook's). */
export type Language = (typeof languages)[number]
