// The words of the notebook's nine figures in English and in its own Russian: the plots' words
// (the `viz` builders take them as `{ words }`, typed there as PlotWords) and fig_01's title,
// legend and loss node (graph-figure.ts).
// Law: both languages have every word; anything but 'ru' reads English.

import type { PlotWords } from '../viz/index.js'
import type { Language } from './language.js'

/** Every word a figure of the notebook prints, in one language: the plots' and fig_01's. */
export interface FigureWords extends PlotWords {
  readonly graphTitle: string
  readonly graphLegend: string
  readonly lossNode: string
}

const english: FigureWords = {
  epoch: 'Epoch',
  loss: 'Loss',
  lossTitle: 'Learning curve: loss',
  gradientNorm: 'Gradient norm',
  gradientNormTitle: 'Gradient norm over training',
  notebookGradientNorm: 'Σ‖dW‖² (as the notebook)',
  layerGradientNorm: (layer) => `‖dW${layer}‖ (layer ${layer})`,
  feature: (index) => `Feature ${index}`,
  classLabel: (index) => `Class ${index}`,
  classTitle: 'Class',
  probability: 'P(class 1)',
  predictedClass: 'Predicted class',
  trainingLoss: 'Training loss',
  testLoss: 'Test loss',
  trainingData: 'Training data',
  decisionBoundary: 'Decision boundary after training',
  neuron: 'Neuron',
  input: (size) => `Input (size: ${size})`,
  hiddenLayer: (layer, size) => `Layer ${layer} (size: ${size})`,
  output: (size) => `Output (size: ${size})`,
  activationsFor: (sample) => `Activations for sample ${sample}`,
  activation: 'Activation',
  weights: 'Weights per layer',
  gradients: 'Weight gradients per layer',
  layerMatrix: (name, layer, rows, cols) => `${name}${layer} (${rows}×${cols})`,
  inputUnit: 'Input unit',
  outputUnit: 'Output unit',
  value: 'Value',
  gradientMagnitude: '|dW| (log scale)',
  gradientDistributions: 'Weight-gradient magnitudes per layer over training',
  layer: 'Layer',
  graphTitle: 'Computational graph',
  graphLegend: '→ forward propagation (blue)   ⇢ backpropagation (red, dashed)',
  lossNode: 'Loss',
  epochTitle: (epoch) => `Decision boundary at epoch ${epoch}`,
}

const russian: FigureWords = {
  epoch: 'Эпоха',
  loss: 'Loss',
  lossTitle: 'Кривая обучения: функция потерь',
  gradientNorm: 'Норма градиента',
  gradientNormTitle: 'Эволюция нормы градиентов',
  notebookGradientNorm: 'Σ‖dW‖² (как в ноутбуке)',
  layerGradientNorm: (layer) => `‖dW${layer}‖ (слой ${layer})`,
  feature: (index) => `Признак ${index}`,
  classLabel: (index) => `Класс ${index}`,
  classTitle: 'Класс',
  probability: 'P(класс 1)',
  predictedClass: 'Предсказанный класс',
  trainingLoss: 'Loss на обучении',
  testLoss: 'Loss на тесте',
  trainingData: 'Обучающие данные',
  decisionBoundary: 'Граница решений после обучения',
  neuron: 'Нейрон',
  input: (size) => `Вход (размер: ${size})`,
  hiddenLayer: (layer, size) => `Слой ${layer} (размер: ${size})`,
  output: (size) => `Выход (размер: ${size})`,
  activationsFor: (sample) => `Активации для примера ${sample}`,
  activation: 'Активация',
  weights: 'Веса по слоям',
  gradients: 'Градиенты весов по слоям',
  layerMatrix: (name, layer, rows, cols) => `${name}${layer} (${rows}×${cols})`,
  inputUnit: 'Входной нейрон',
  outputUnit: 'Выходной нейрон',
  value: 'Значение',
  gradientMagnitude: '|dW| (лог. шкала)',
  gradientDistributions: 'Модули градиентов весов по слоям в ходе обучения',
  layer: 'Слой',
  graphTitle: 'Вычислительный граф',
  graphLegend: '→ Прямое распространение (forward)   ⇢ Обратное распространение (backward)',
  lossNode: 'Loss',
  epochTitle: (epoch) => `Граница решений, эпоха ${epoch}`,
}

/**
 * The words of the notebook's figures in a language (English unless `'ru'`): the plots' words,
 * which every labelled `viz` builder takes as `{ words }`, and fig_01's (`graphFigure`).
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { data, viz } from 'gradfold'
 * import * as teach from 'gradfold/teach'
 * assert.strictEqual(teach.figureWords('ru').epoch, 'Эпоха')
 * assert.strictEqual(teach.figureWords(undefined).classLabel(1), 'Class 1')
 * const moons = data.makeMoons({ samples: 20, noise: 0.1, seed: 0 })
 * assert.ok(E.isRight(moons))
 * const spec = viz.datasetScatter(moons.right, { words: teach.figureWords('ru') })
 * assert.strictEqual(spec.title, 'Обучающие данные')
 */
export const figureWords = (language: Language | undefined): FigureWords =>
  language === 'ru' ? russian : english
