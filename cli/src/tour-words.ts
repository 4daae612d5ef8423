// The words of the notebook tour, in the notebook's Russian and in English. Law: both languages
// have the same lines in the same places — only words change, never numbers or layout; the
// Russian phrases the notebook printed are its own, letter for letter.

import type { Language } from 'gradfold/teach'

/** Every fixed phrase the tour prints, by language. */
export interface TourWords {
  readonly forward: string
  readonly backward: string
  readonly numericCheck: string
  readonly numerically: string
  readonly analytically: string
  readonly difference: string
  readonly demoTitle: string
  readonly inputData: string
  readonly target: string
  readonly checkTitle: string
  readonly checkFor: (name: string) => string
  readonly analyticGradient: string
  readonly numericGradient: string
  readonly gap: string
  readonly checkVerdict: string
  readonly trainSize: string
  readonly testSize: string
  readonly training: string
  readonly testAccuracy: string
  readonly circlesTraining: string
  readonly accuracy: string
  /** Chapter headings, in order: chain rule, graph, 2-3-1 step, gradient check, moons, circles. */
  readonly chapters: readonly [string, string, string, string, string, string]
  readonly graphDrawing: string
  readonly comparisonTitle: string
  readonly quantity: string
  readonly notebook: string
  readonly lossAt: (epoch: number) => string
  readonly after: string
  readonly series: (count: number, largest: string, epoch: number) => string
  readonly noReference: string
  readonly wrote: (paths: readonly string[]) => string
}

const russian: TourWords = {
  forward: 'Прямое распространение:',
  backward: 'Обратное распространение (цепное правило):',
  numericCheck: 'Численная проверка:',
  numerically: 'численно',
  analytically: 'аналитически',
  difference: 'Разница',
  demoTitle: 'ДЕМОНСТРАЦИЯ ОБРАТНОГО РАСПРОСТРАНЕНИЯ',
  inputData: 'Входные данные',
  target: 'Целевое значение',
  checkTitle: 'ЧИСЛЕННАЯ ПРОВЕРКА ГРАДИЕНТОВ (GRADIENT CHECKING)',
  checkFor: (name) => `Проверка градиента для ${name}:`,
  analyticGradient: 'Аналитический градиент: ',
  numericGradient: 'Численный градиент:     ',
  gap: 'Разница:                ',
  checkVerdict: '✓ Если разница < 1e-7, то градиенты вычислены правильно!',
  trainSize: 'Размер обучающей выборки',
  testSize: 'Размер тестовой выборки',
  training: 'Обучение нейронной сети...',
  testAccuracy: 'Точность на тестовой выборке',
  circlesTraining: 'Обучение на концентрических окружностях...',
  accuracy: 'Точность',
  chapters: [
    '1. Цепное правило: f = (3x + 2)² при x = 2',
    '2. Вычислительный граф: L = (x·w + b)² при x = 2, w = 3, b = 1',
    '3. Один шаг обучения сети 2-3-1 (сигмоиды, MSE, α = 0.1)',
    '4. Численная проверка градиентов после шага (ε = 1e-7)',
    '5. Две луны: сеть [2, 16, 8, 1], ReLU, 1000 эпох',
    '6. Концентрические окружности: сеть [2, 32, 16, 8, 1], ReLU, 2000 эпох',
  ],
  graphDrawing: 'Рисунок графа: graph.dot в папке вывода (dot -Tsvg graph.dot -o graph.svg).',
  comparisonTitle: 'gradfold и тетрадка:',
  quantity: 'величина',
  notebook: 'тетрадка',
  lossAt: (epoch) => `loss, эпоха ${String(epoch)}`,
  after: 'после шага',
  series: (count, largest, epoch) =>
    `все ${String(count)} значений loss: наибольшая |Δ| = ${largest} (эпоха ${String(epoch)})`,
  noReference: '(--no-reference: значения тетрадки не сравниваются)',
  wrote: (paths) => `Записано (перезаписано, если было): ${paths.join(', ')}`,
}

const english: TourWords = {
  forward: 'Forward pass:',
  backward: 'Backward pass (chain rule):',
  numericCheck: 'Numerical check:',
  numerically: 'numerical',
  analytically: 'analytic',
  difference: 'Difference',
  demoTitle: 'BACKPROPAGATION DEMO',
  inputData: 'Input data',
  target: 'Target value',
  checkTitle: 'GRADIENT CHECKING',
  checkFor: (name) => `Gradient check for ${name}:`,
  analyticGradient: 'Analytic gradient: ',
  numericGradient: 'Numerical gradient:',
  gap: 'Difference:        ',
  checkVerdict: '✓ If the difference is < 1e-7, the gradients are computed correctly!',
  trainSize: 'Training set size',
  testSize: 'Test set size',
  training: 'Training the neural network...',
  testAccuracy: 'Test set accuracy',
  circlesTraining: 'Training on concentric circles...',
  accuracy: 'Accuracy',
  chapters: [
    '1. The chain rule: f = (3x + 2)² at x = 2',
    '2. The computational graph: L = (x·w + b)² at x = 2, w = 3, b = 1',
    '3. One training step of the 2-3-1 network (sigmoids, MSE, α = 0.1)',
    '4. Gradient checking after the step (ε = 1e-7)',
    '5. Two moons: network [2, 16, 8, 1], ReLU, 1000 epochs',
    '6. Concentric circles: network [2, 32, 16, 8, 1], ReLU, 2000 epochs',
  ],
  graphDrawing: 'The drawing: graph.dot in the output folder (dot -Tsvg graph.dot -o graph.svg).',
  comparisonTitle: 'gradfold beside the notebook:',
  quantity: 'quantity',
  notebook: 'notebook',
  lossAt: (epoch) => `loss, epoch ${String(epoch)}`,
  after: 'after the step',
  series: (count, largest, epoch) =>
    `all ${String(count)} losses: largest |Δ| = ${largest} (epoch ${String(epoch)})`,
  noReference: '(--no-reference: the notebook’s values are not compared)',
  wrote: (paths) => `Wrote (overwriting what was there): ${paths.join(', ')}`,
}

/** The tour's phrases in `language`. */
export const tourWords = (language: Language): TourWords => (language === 'ru' ? russian : english)
