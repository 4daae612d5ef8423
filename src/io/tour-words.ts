// The words of the notebook tour, in the notebook's Russian and in English. Law: both languages
// have the same lines in the same places — only words change, never numbers or layout.

/** The tour's languages: the notebook's Russian (the default) and English. */
export type TourLanguage = 'ru' | 'en'

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
  readonly handHeading: string
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
  handHeading: 'Формулы, выведенные вручную',
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
  handHeading: 'Hand-derived formulas',
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
}

/** The tour's phrases in `language`. */
export const tourWords = (language: TourLanguage): TourWords =>
  language === 'ru' ? russian : english
