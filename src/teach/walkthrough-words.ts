// The words of the training-step walkthrough in English and in Russian (the notebook's own
// phrases, from its NeuralNetworkVerbose printout). Formulas and value lines are the same in both.
// Law: both languages have every phrase; anything but 'ru' reads English.

import type { Language } from './language.js'

/** Where a layer sits: what it reads and what it produces. */
export type LayerRole = 'input' | 'hidden' | 'output'

/** The phrases of one language. */
export interface WalkthroughWords {
  readonly initialisation: string
  readonly forwardTitle: string
  readonly backwardTitle: string
  readonly updateTitle: string
  readonly layer: (index: number, from: LayerRole, to: LayerRole) => string
  readonly inputShape: string
  readonly prediction: string
  readonly lossHeading: string
  readonly gradientsHeading: (index: number, output: boolean) => string
  readonly elementwise: string
  readonly throughWeights: (weights: string) => string
  readonly before: string
  readonly after: string
  readonly change: string
  readonly handHeading: string
  readonly handNote: string
}

const englishRoles: Readonly<Record<LayerRole, string>> = {
  input: 'Input',
  hidden: 'Hidden',
  output: 'Output',
}

const russianRoles: Readonly<Record<LayerRole, string>> = {
  input: 'Вход',
  hidden: 'Скрытый',
  output: 'Выход',
}

const english: WalkthroughWords = {
  initialisation: 'Network initialisation:',
  forwardTitle: 'FORWARD PASS',
  backwardTitle: 'BACKWARD PASS',
  updateTitle: 'WEIGHT UPDATE (GRADIENT DESCENT)',
  layer: (index, from, to) => `Layer ${index}: ${englishRoles[from]} → ${englishRoles[to]}`,
  inputShape: 'Input X shape',
  prediction: 'ŷ (prediction)',
  lossHeading: 'Computing the loss',
  gradientsHeading: (index, output) =>
    `Layer ${index}: ${output ? 'output' : 'hidden'} layer gradients`,
  elementwise: '⊙ = element-wise product',
  throughWeights: (weights) => `backpropagated through ${weights}`,
  before: 'Before the update:',
  after: 'After the update:',
  change: 'change',
  handHeading: 'Hand-derived formulas',
  handNote:
    "(the notebook's closed forms; the values above come from the graph's chain rule and agree with them)",
}

const russian: WalkthroughWords = {
  initialisation: 'Инициализация сети:',
  forwardTitle: 'ПРЯМОЕ РАСПРОСТРАНЕНИЕ (FORWARD PASS)',
  backwardTitle: 'ОБРАТНОЕ РАСПРОСТРАНЕНИЕ (BACKWARD PASS)',
  updateTitle: 'ОБНОВЛЕНИЕ ВЕСОВ (GRADIENT DESCENT)',
  layer: (index, from, to) => `Слой ${index}: ${russianRoles[from]} → ${russianRoles[to]}`,
  inputShape: 'Вход X shape',
  prediction: 'ŷ (предсказание)',
  lossHeading: 'Вычисление функции потерь',
  gradientsHeading: (index, output) =>
    `Слой ${index}: Градиенты ${output ? 'выходного' : 'скрытого'} слоя`,
  elementwise: '⊙ = поэлементное умножение',
  throughWeights: (weights) => `обратное распространение через ${weights}`,
  before: 'Перед обновлением:',
  after: 'После обновления:',
  change: 'изменение',
  handHeading: 'Формулы, выведенные вручную',
  handNote:
    '(формулы тетради в замкнутом виде; значения выше получены цепным правилом графа и совпадают с ними)',
}

/**
 * The phrases of `language` (English unless `'ru'`): the walkthrough's headings and notes, for
 * whoever prints beside it (the CLI's tour cuts the walkthrough at `handHeading`).
 *
 * @example
 * import assert from 'node:assert'
 * import * as teach from 'gradfold/teach'
 * assert.strictEqual(teach.walkthroughWords('ru').handHeading, 'Формулы, выведенные вручную')
 * assert.strictEqual(teach.walkthroughWords('en').layer(1, 'input', 'hidden'), 'Layer 1: Input → Hidden')
 */
export const walkthroughWords = (language: Language): WalkthroughWords =>
  language === 'ru' ? russian : english
