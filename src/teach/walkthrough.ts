// One training step explained as the notebook's NeuralNetworkVerbose prints it: the forward pass,
// the backward pass and the gradient-descent update, with formulas, shapes and numpy-printed
// values, in English or Russian, as plain text or Markdown with TeX. Every value is read from the
// graph's derivation trace (graph.traceGradients) — no backward pass is written here — and the
// notebook's hand-derived closed forms are shown beside it as formulas only, each activation's
// derivative printed from the term its primitive declares (no derivative is written here either).
// Laws: pure; the network and the batch are never mutated; for the notebook's 2-3-1 the Russian
// text reproduces the notebook's printed lines.

import * as E from 'fp-ts/lib/Either.js'
import * as graph from '../graph/index.js'
import * as linalg from '../linalg/index.js'
import type { Matrix } from '../linalg/index.js'
import {
  activate,
  describeLayer,
  networkError,
  objective,
  type ActivationName,
  type Batch,
  type DenseSpec,
  type Network,
  type NetworkError,
} from '../network/index.js'
import { sgdStep } from '../network/internal.js'
import type { Language } from './language.js'
import { walkthroughWords, type LayerRole, type WalkthroughWords } from './walkthrough-words.js'

/**
 * Options of `explainTrainingStep`.
 *
 * @category Teaching
 */
export interface WalkthroughOptions {
  /** English (default) or the notebook's Russian. */
  readonly language?: Language
  /** Plain text laid out like the notebook (default), or Markdown with TeX formulas. */
  readonly format?: 'text' | 'markdown'
}

/** One element of the explanation, rendered as text or as Markdown. */
type Item =
  | { readonly kind: 'title'; readonly text: string }
  | { readonly kind: 'heading'; readonly text: string }
  | {
      readonly kind: 'formula'
      /** The formula as the notebook prints it; undefined for a Markdown-only formula. */
      readonly text: string | undefined
      readonly tex: string
      readonly note: string | undefined
    }
  | { readonly kind: 'values'; readonly lines: readonly string[] }
  | { readonly kind: 'prose'; readonly text: string }
  | { readonly kind: 'gap' }

const formula = (text: string | undefined, tex: string, note?: string): Item => ({
  kind: 'formula',
  text,
  tex,
  note,
})
const values = (...lines: string[]): Item => ({ kind: 'values', lines })
const gap: Item = { kind: 'gap' }

/** Each activation's name in TeX (in text it is its own name: `a1 = sigmoid(z1)`). */
const activationTex: Readonly<Record<ActivationName, string>> = {
  sigmoid: '\\sigma',
  tanh: '\\tanh',
  relu: '\\operatorname{ReLU}',
  leakyRelu: '\\operatorname{LeakyReLU}',
  elu: '\\operatorname{ELU}',
  softplus: '\\operatorname{softplus}',
  linear: '\\operatorname{id}',
  softmax: '\\operatorname{softmax}',
}

/**
 * The activation's local derivative ∂a/∂z as data, read from the primitive `activate` applies
 * last (sigmoid's own term, not a copy; the notebook's hand formula leaves out the clamp inside):
 * its operand is z and its output a. 'linear' applies none, and a = z has derivative 1.
 */
const activationDerivative = (name: ActivationName): graph.formula.Term => {
  const applied = activate(graph.input('z', 1, 1), name)
  if (applied.tag !== 'operation') return graph.formula.one
  const term = applied.primitive.derivativeTerms?.[0]
  if (term === undefined) {
    throw new Error(`gradfold internal error: ${applied.primitive.name} has no derivative terms`)
  }
  return term
}

/** Python's `str(float)`: `0.1`, `1.0`, `1e-05`. */
const pythonFloat = (value: number): string => {
  if (Number.isNaN(value)) return 'nan'
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf'
  const [mantissa = '', exponentText = '0'] = value.toExponential().split('e')
  const exponent = Number(exponentText)
  if (exponent >= -4 && exponent < 16) {
    const fixed = String(value)
    return fixed.includes('.') ? fixed : `${fixed}.0`
  }
  const sign = exponent < 0 ? '-' : '+'
  return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`
}

/** Python's `f'{value:.6f}'` (keeping the sign of a negative value that rounds to zero). */
const sixDigits = (value: number): string => {
  const text = value.toFixed(6)
  return (value < 0 || Object.is(value, -0)) && !text.startsWith('-') ? `-${text}` : text
}

/** A numpy shape tuple: `(1, 3)`. */
const shapeTuple = (matrix: Matrix): string => `(${matrix.rows}, ${matrix.cols})`

/** The block rows[r0, r1) × cols[c0, c1) of a matrix (the ranges are clipped to it). */
const block = (matrix: Matrix, rows: number, cols: number, row0 = 0, col0 = 0): Matrix => {
  const rowCount = Math.max(0, Math.min(rows, matrix.rows - row0))
  const colCount = Math.max(0, Math.min(cols, matrix.cols - col0))
  const entries = Array.from({ length: rowCount * colCount }, (_, index) =>
    linalg.get(matrix, row0 + Math.floor(index / colCount), col0 + (index % colCount)),
  )
  return E.getOrElse(() => matrix)(linalg.fromFlat(rowCount, colCount, entries))
}

/** numpy's print of `m[0, :3]` (a hidden layer's row) or `m[0]` (the output's whole row). */
const rowLine = (label: string, matrix: Matrix, output: boolean): string => {
  const shown = output ? block(matrix, 1, matrix.cols) : block(matrix, 1, 3)
  return `${label}${output ? '[0]' : '[0, :3]'} = ${linalg.formatNumpy(shown, { vector: true })}`
}

/** What the trace says about one dense layer. */
interface LayerValues {
  readonly number: number
  readonly spec: DenseSpec
  readonly W: Matrix
  readonly updatedW: Matrix
  readonly z: Matrix
  readonly a: Matrix
  readonly dA: Matrix
  readonly dZ: Matrix
  readonly dW: Matrix
  readonly db: Matrix
}

/** The sum of the backward contributions into the forward step labelled `label`. */
const gradientInto = (trace: graph.Trace, step: graph.ForwardStep): Matrix =>
  trace.backward
    .filter((entry) => entry.operandPosition === step.position)
    .reduce(
      (sum, entry) => E.getOrElse(() => sum)(linalg.add(sum, entry.contribution)),
      linalg.zeros(step.value.rows, step.value.cols),
    )

const findStep = (trace: graph.Trace, label: string): graph.ForwardStep | undefined =>
  trace.forward.find((step) => step.node === label)

const denseLayers = (
  network: Network,
  where: string,
): E.Either<NetworkError, readonly DenseSpec[]> => {
  const specs: DenseSpec[] = []
  for (const [index, layer] of network.layers.entries()) {
    if (layer.kind !== 'dense') {
      return E.left(
        networkError(
          'InvalidArchitecture',
          `${where}: ${describeLayer(layer, index)}: the walkthrough explains dense layers only`,
        ),
      )
    }
    specs.push(layer)
  }
  return E.right(specs)
}

const parametersOf = (
  parameters: Network['parameters'],
  index: number,
): { readonly W: Matrix; readonly b: Matrix } | undefined => {
  const layer = parameters.layers[index]
  return layer !== undefined && 'W' in layer ? { W: layer.W, b: layer.b } : undefined
}

/** Every layer's values and gradients, read from the trace, and W after the step. */
const layerValues = (
  specs: readonly DenseSpec[],
  network: Network,
  trace: graph.Trace,
  gradients: Network['parameters'],
  updated: Network,
  where: string,
): E.Either<NetworkError, readonly LayerValues[]> => {
  const layers: LayerValues[] = []
  for (const [index, spec] of specs.entries()) {
    const number = index + 1
    // a linear layer's z is its a: the trace holds one node for both
    const zStep = findStep(trace, `z${number}`) ?? findStep(trace, `a${number}`)
    const aStep = findStep(trace, `a${number}`) ?? zStep
    const own = parametersOf(network.parameters, index)
    const gradient = parametersOf(gradients, index)
    const next = parametersOf(updated.parameters, index)
    if (
      zStep === undefined ||
      aStep === undefined ||
      own === undefined ||
      gradient === undefined ||
      next === undefined
    ) {
      return E.left(
        networkError(
          'GraphFailure',
          `${where}: ${describeLayer(spec, index)}: the trace has no z${number}, a${number} or parameters`,
        ),
      )
    }
    layers.push({
      number,
      spec,
      W: own.W,
      updatedW: next.W,
      z: zStep.value,
      a: aStep.value,
      dA: gradientInto(trace, aStep),
      dZ: gradientInto(trace, zStep),
      dW: gradient.W,
      db: gradient.b,
    })
  }
  return E.right(layers)
}

/** `\frac{\partial L}{\partial x}` */
const partial = (of: string): string => `\\frac{\\partial L}{\\partial ${of}}`

const texLayer = (symbol: string, number: number): string => `${symbol}^{[${number}]}`

/** The layer's input: X for the first, a of the layer before otherwise. */
const inputName = (number: number): string => (number === 1 ? 'X' : `a${number - 1}`)
const inputTex = (number: number): string => (number === 1 ? 'X' : texLayer('a', number - 1))

/** The transpose in TeX, parenthesised when the symbol already has a superscript. */
const texTranspose = (tex: string): string =>
  tex.includes('^') ? `(${tex})^\\top` : `${tex}^\\top`

/** MSE averages over every entry: m examples times n outputs (n = 1 in the notebook). */
const meanFactor = (outputs: number): { readonly text: string; readonly tex: string } =>
  outputs === 1 ? { text: 'm', tex: 'm' } : { text: `(m·${outputs})`, tex: `${outputs}m` }

const roleOf = (index: number, count: number): LayerRole =>
  index === count - 1 ? 'output' : 'hidden'

const forwardItems = (
  words: WalkthroughWords,
  layers: readonly LayerValues[],
  X: Matrix,
  lossValue: number,
): Item[] => {
  const items: Item[] = [{ kind: 'title', text: words.forwardTitle }]
  for (const [index, layer] of layers.entries()) {
    const { number } = layer
    const output = index === layers.length - 1
    const act = layer.spec.activation
    const from: LayerRole = index === 0 ? 'input' : 'hidden'
    items.push({ kind: 'heading', text: words.layer(number, from, roleOf(index, layers.length)) })
    if (index === 0) items.push(values(`${words.inputShape}: ${shapeTuple(X)}`))
    items.push(
      formula(
        `z${number} = ${inputName(number)} @ W${number} + b${number}`,
        `${texLayer('z', number)} = ${inputTex(number)} ${texLayer('W', number)} + ${texLayer('b', number)}`,
      ),
      values(`z${number} shape: ${shapeTuple(layer.z)}`, rowLine(`z${number}`, layer.z, output)),
      gap,
      formula(
        `a${number} = ${act}(z${number})${output ? ` = ${words.prediction}` : ''}`,
        `${texLayer('a', number)} = ${activationTex[act]}(${texLayer('z', number)})${output ? ' = \\hat{y}' : ''}`,
      ),
      values(rowLine(`a${number}`, layer.a, output)),
    )
  }
  items.push(
    { kind: 'heading', text: words.lossHeading },
    formula(
      'Loss = MSE = mean((ŷ - y)²)',
      'L = \\operatorname{MSE} = \\frac{1}{m n} \\sum_{i,j} (\\hat{y}_{ij} - y_{ij})^2',
    ),
    values(`Loss = ${sixDigits(lossValue)}`),
  )
  return items
}

const backwardItems = (words: WalkthroughWords, layers: readonly LayerValues[]): Item[] => {
  const items: Item[] = [{ kind: 'title', text: words.backwardTitle }]
  const count = layers.length
  for (let index = count - 1; index >= 0; index -= 1) {
    const layer = layers[index]
    if (layer === undefined) continue
    const { number } = layer
    const output = index === count - 1
    const act = layer.spec.activation
    const [a, z, W, b] = ['a', 'z', 'W', 'b'].map((symbol) => texLayer(symbol, number))
    const [tA = '', tZ = '', tW = '', tB = ''] = [a, z, W, b]
    items.push({ kind: 'heading', text: words.gradientsHeading(number, output) })
    if (output) {
      items.push(
        formula(
          `dL/da${number} = 2(ŷ - y) / ${meanFactor(layer.spec.outputs).text}`,
          `${partial(tA)} = \\frac{2}{${meanFactor(layer.spec.outputs).tex}}(\\hat{y} - y)`,
        ),
        values(rowLine(`dL/da${number}`, layer.dA, true)),
      )
    } else {
      const above = number + 1
      items.push(
        formula(
          `dL/da${number} = dL/dz${above} @ W${above}.T`,
          `${partial(tA)} = ${partial(texLayer('z', above))} ${texTranspose(texLayer('W', above))}`,
          words.throughWeights(`W${above}`),
        ),
        values(
          `dL/da${number} shape: ${shapeTuple(layer.dA)}`,
          rowLine(`dL/da${number}`, layer.dA, false),
        ),
      )
    }
    items.push(
      gap,
      formula(
        `dL/dz${number} = dL/da${number} ⊙ ${act}'(z${number})`,
        `${partial(tZ)} = ${partial(tA)} \\odot ${activationTex[act]}'(${tZ})`,
        output ? words.elementwise : undefined,
      ),
      values(rowLine(`dL/dz${number}`, layer.dZ, output)),
      gap,
      formula(
        `dL/dW${number} = ${number === 1 ? 'X' : `a${number - 1}`}.T @ dL/dz${number}`,
        `${partial(tW)} = ${texTranspose(inputTex(number))} ${partial(tZ)}`,
      ),
      values(
        `dL/dW${number} shape: ${shapeTuple(layer.dW)}`,
        ...(output
          ? [
              `dL/dW${number}[:3, 0] = ${linalg.formatNumpy(block(layer.dW, 3, 1), { vector: true })}`,
            ]
          : [`dL/dW${number}[:3, :3] = `, linalg.formatNumpy(block(layer.dW, 3, 3))]),
      ),
      gap,
      formula(
        `dL/db${number} = sum(dL/dz${number}, axis=0)`,
        `${partial(tB)} = \\sum_{i} \\left(${partial(tZ)}\\right)_{i}`,
      ),
      values(
        output
          ? `dL/db${number} = ${linalg.formatNumpy(layer.db)}`
          : `dL/db${number}[:3] = ${linalg.formatNumpy(block(layer.db, 1, 3), { vector: true })}`,
      ),
    )
  }
  items.push(...handDerivedItems(words, layers))
  return items
}

/** The notebook's closed forms, each activation's derivative printed from its primitive's own term. */
const handDerivedItems = (words: WalkthroughWords, layers: readonly LayerValues[]): Item[] => {
  const count = layers.length
  const items: Item[] = [
    { kind: 'heading', text: words.handHeading },
    { kind: 'prose', text: words.handNote },
  ]
  for (let index = count - 1; index >= 0; index -= 1) {
    const layer = layers[index]
    if (layer === undefined) continue
    const { number } = layer
    const tA = texLayer('a', number)
    const tZ = texLayer('z', number)
    const upstream =
      index === count - 1
        ? `2(a${number} - y) / ${meanFactor(layer.spec.outputs).text}`
        : `(dL/dz${number + 1} @ W${number + 1}.T)`
    const upstreamTex =
      index === count - 1
        ? `\\frac{2}{${meanFactor(layer.spec.outputs).tex}}(${tA} - y)`
        : `\\left(${partial(texLayer('z', number + 1))} ${texTranspose(texLayer('W', number + 1))}\\right)`
    const names = {
      operands: [graph.plain(`z${number}`, tZ)],
      output: graph.plain(`a${number}`, tA),
    }
    const chain = graph.formula.renderChain(
      activationDerivative(layer.spec.activation),
      graph.plain(upstream, upstreamTex),
      names,
    )
    items.push(
      formula(`dL/dz${number} = ${chain.text}`, `${partial(tZ)} = ${chain.tex}`),
      formula(
        `dL/dW${number} = ${inputName(number)}.T @ dL/dz${number},  dL/db${number} = sum(dL/dz${number}, axis=0)`,
        `${partial(texLayer('W', number))} = ${texTranspose(inputTex(number))} ${partial(tZ)}, \\quad ${partial(texLayer('b', number))} = \\mathbf{1}^\\top ${partial(tZ)}`,
      ),
    )
  }
  return items
}

const updateItems = (
  words: WalkthroughWords,
  layers: readonly LayerValues[],
  learningRate: number,
): Item[] => {
  const corner = (matrix: Matrix): number => linalg.get(matrix, 0, 0)
  return [
    { kind: 'title', text: words.updateTitle },
    formula(
      undefined,
      '\\theta \\leftarrow \\theta - \\alpha \\frac{\\partial L}{\\partial \\theta} \\quad (\\theta = W^{[l]}, b^{[l]})',
    ),
    gap,
    values(`Learning rate α = ${pythonFloat(learningRate)}`),
    gap,
    { kind: 'prose', text: words.before },
    values(...layers.map(({ number, W }) => `W${number}[0, 0] = ${sixDigits(corner(W))}`)),
    gap,
    { kind: 'prose', text: words.after },
    values(
      ...layers.map(
        ({ number, updatedW, dW }) =>
          `W${number}[0, 0] = ${sixDigits(corner(updatedW))}  (${words.change}: ${sixDigits(-learningRate * corner(dW))})`,
      ),
    ),
  ]
}

const rule = '='.repeat(60)

const renderPlain = (items: readonly Item[]): string =>
  items
    .flatMap((item): string[] => {
      switch (item.kind) {
        case 'title':
          return ['', rule, item.text, rule]
        case 'heading':
          return ['', `--- ${item.text} ---`]
        case 'formula':
          if (item.text === undefined) return []
          return [item.note === undefined ? item.text : `${item.text}  (${item.note})`]
        case 'values':
          return [...item.lines.flatMap((line) => line.split('\n'))]
        case 'prose':
          return [item.text]
        case 'gap':
          return ['']
      }
    })
    .join('\n')

const renderMarkdownItems = (items: readonly Item[]): string => {
  const blocks: string[] = []
  let code: string[] = []
  const flush = (): void => {
    if (code.length > 0) blocks.push(['```text', ...code, '```'].join('\n'))
    code = []
  }
  for (const item of items) {
    if (item.kind === 'values') {
      code.push(...item.lines.flatMap((line) => line.split('\n')))
      continue
    }
    if (item.kind === 'gap') continue
    flush()
    switch (item.kind) {
      case 'title':
        blocks.push(`## ${item.text}`)
        break
      case 'heading':
        blocks.push(`### ${item.text}`)
        break
      case 'formula':
        blocks.push(`$${item.tex}$${item.note === undefined ? '' : ` (${item.note})`}`)
        break
      case 'prose':
        blocks.push(item.text)
        break
    }
  }
  flush()
  return blocks.join('\n\n')
}

/**
 * One gradient-descent step of a dense network with the notebook's MSE loss, explained as the
 * notebook's NeuralNetworkVerbose prints it: the initialisation (shapes), the forward pass (per
 * layer `z1 = X @ W1 + b1`, its shape, its values as numpy prints `z1[0, :3]`, `a1 = sigmoid(z1)`,
 * the loss), the backward pass (dL/da2 = 2(ŷ − y)/m, dL/dz2 = dL/da2 ⊙ sigmoid'(z2), dL/dW2 =
 * a1.T @ dL/dz2, dL/db2, dL/da1 = dL/dz2 @ W2.T, … with shapes and values, then the hand-derived
 * closed forms) and the update with learning rate α (W[0, 0] before and after, with the change).
 * Every value comes from `graph.traceGradients` on the network's objective and the update from
 * `network.sgdStep`. With `language: 'ru'` the words are the notebook's own, and for the notebook's 2-3-1
 * the value lines are exactly the notebook's; `format: 'markdown'` gives TeX formulas and code
 * blocks. Left for a dropout layer, an empty batch, a non-finite learning rate, or any error of
 * `objective` (shapes, non-finite inputs).
 *
 * @category Teaching
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { linalg, network, random } from 'gradfold'
 * import * as teach from 'gradfold/teach'
 * // the notebook's 2-3-1: numpy seed 42, W = randn·0.5, sigmoid layers, X = [[0.5, 0.3]], y = [[1]]
 * const net = network.mlp([2, 3, 1], {
 *   hidden: 'sigmoid',
 *   output: 'sigmoid',
 *   init: network.scaledNormal(0.5),
 *   rng: random.numpy.seed(42),
 * })
 * assert.ok(E.isRight(net))
 * const X = linalg.fromRows([[0.5, 0.3]])
 * const y = linalg.fromRows([[1]])
 * assert.ok(E.isRight(X) && E.isRight(y))
 * const text = teach.explainTrainingStep(net.right, { X: X.right, y: y.right }, 0.1, { language: 'ru' })
 * assert.ok(E.isRight(text))
 * const lines = text.right.split('\n')
 * assert.ok(lines.includes('ПРЯМОЕ РАСПРОСТРАНЕНИЕ (FORWARD PASS)'))
 * assert.ok(lines.includes('z1[0, :3] = [ 0.35263302 -0.06968908  0.12680159]'))
 * assert.ok(lines.includes('Loss = 0.138309'))
 * assert.ok(lines.includes('W1[0, 0] = 0.250020  (изменение: 0.001663)'))
 */
export const explainTrainingStep = (
  network: Network,
  batch: Batch,
  learningRate: number,
  options: WalkthroughOptions = {},
): E.Either<NetworkError, string> => {
  const where = 'explainTrainingStep'
  if (!Number.isFinite(learningRate)) {
    return E.left(
      networkError(
        'NonFiniteInput',
        `${where}: learning rate is ${learningRate}, expected a finite number`,
      ),
    )
  }
  if (batch.X.rows === 0) {
    return E.left(
      networkError('ShapeMismatch', `${where}: the batch is empty (X is 0×${batch.X.cols})`),
    )
  }
  const specs = denseLayers(network, where)
  if (E.isLeft(specs)) return specs
  const built = objective(network, batch, { loss: 'mse' }, where)
  if (E.isLeft(built)) return built
  const traced = E.mapLeft((error: graph.GraphError) =>
    networkError('GraphFailure', `${where}: ${error.message}`),
  )(graph.traceGradients(built.right.plan, built.right.bindings))
  if (E.isLeft(traced)) return traced
  const { trace, value, gradients } = traced.right
  const parameterGradients = gradients.parameters as Network['parameters']
  const updated = sgdStep(network, parameterGradients, learningRate)
  if (E.isLeft(updated)) return updated
  const layers = layerValues(specs.right, network, trace, parameterGradients, updated.right, where)
  if (E.isLeft(layers)) return layers
  const words = walkthroughWords(options.language ?? 'en')
  const shapes = layers.right.map(
    ({ number, W }) => `W${number} shape: ${shapeTuple(W)}, b${number} shape: (1, ${W.cols})`,
  )
  const items: Item[] = [
    { kind: 'prose', text: words.initialisation },
    values(...shapes),
    ...forwardItems(words, layers.right, batch.X, value),
    ...backwardItems(words, layers.right),
    ...updateItems(words, layers.right, learningRate),
  ]
  return E.right(options.format === 'markdown' ? renderMarkdownItems(items) : renderPlain(items))
}
