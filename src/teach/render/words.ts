// The words of the trace renderings (text, Markdown, DOT) in English and in the notebook's Russian
// (its chain-rule printout's headings). Formulas and numbers are the same in both languages.
// Law: both tables have the same keys; anything but 'ru' reads English.

import type { Language } from '../language.js'

/** The words a trace rendering uses, in one language. */
export interface TraceWords {
  readonly forward: string
  readonly backward: string
  readonly gradients: string
  readonly constant: string
  readonly output: string
}

const english: TraceWords = {
  forward: 'Forward pass',
  backward: 'Backward pass (chain rule)',
  gradients: 'Gradients',
  constant: 'constant',
  output: 'output',
}

// The notebook's own headings (its chain-rule printout), without their colons.
const russian: TraceWords = {
  forward: 'Прямое распространение',
  backward: 'Обратное распространение (цепное правило)',
  gradients: 'Градиенты',
  constant: 'константа',
  output: 'выход',
}

/**
 * The words of `language` (English unless `'ru'`).
 *
 * @example
 * import assert from 'node:assert'
 * import { traceWords } from 'gradfold/teach'
 * assert.strictEqual(traceWords('ru').forward, 'Прямое распространение')
 * assert.strictEqual(traceWords(undefined).gradients, 'Gradients')
 */
export const traceWords = (language: Language | undefined): TraceWords =>
  language === 'ru' ? russian : english
