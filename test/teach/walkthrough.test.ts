// The training-step walkthrough: for the notebook's 2-3-1 the Russian text reproduces the
// notebook's printed lines (fixture copied from its stdout), English and Markdown carry the same
// numbers, the hand-derived formulas it shows agree with the graph's gradients and print each
// activation's derivative from its primitive's term, and bad input comes back as a Left.

import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { graph, linalg, network, random } from '../../src/index.js'
import { left, right } from '../support/either.js'
import * as teach from '../../src/teach/index.js'
import {
  dense,
  maxRelativeError,
  notebookNetwork,
  walkthrough,
  walkthroughTop,
} from '../network/support.js'

const notebookLines = readFileSync(
  new URL('../fixtures/notebook_walkthrough_stdout.txt', import.meta.url),
  'utf8',
)
  .replace(/\n$/, '')
  .split('\n')

const X = walkthroughTop('input_X')
const y = walkthroughTop('target_y')
const batch = { X, y }
const TOLERANCE = 1e-12
const RULE = '='.repeat(60)

const explain = (options: teach.WalkthroughOptions): string =>
  right(teach.explainTrainingStep(notebookNetwork(), batch, 0.1, options))

/** The lines without the hand-derived block (its heading up to the blank line before a rule). */
const withoutHandBlock = (lines: readonly string[], heading: string): string[] => {
  const start = lines.indexOf(`--- ${heading} ---`)
  const end = lines.indexOf(RULE, start)
  expect(start).toBeGreaterThan(0)
  expect(end).toBeGreaterThan(start)
  return [...lines.slice(0, start - 1), ...lines.slice(end - 1)]
}

/** A value line of the notebook: `name = value`, a bare matrix row, or a printed shape. */
const isValueLine = (line: string): boolean =>
  /^(\s?\[|.* = \[|.*shape: \(|Loss = \d|W\d\[0, 0\] = |Learning rate)/u.test(line)

const numbersIn = (text: string): string[] => text.match(/-?\d+\.\d+(?:e[+-]\d+)?/g) ?? []

describe("the notebook's 2-3-1 step, explained", () => {
  const russian = explain({ language: 'ru' })
  const english = explain({})
  const markdown = explain({ format: 'markdown' })

  test('the fixture holds the value lines the notebook printed', () => {
    expect(notebookLines[0]).toBe('Инициализация сети:')
    expect(notebookLines).toContain('z1[0, :3] = [ 0.35263302 -0.06968908  0.12680159]')
    expect(notebookLines).toContain('W1[0, 0] = 0.250020  (изменение: 0.001663)')
    expect(notebookLines.filter(isValueLine).length).toBeGreaterThan(25)
  })

  test('the Russian text, less its hand-derived block, is exactly the notebook printout', () => {
    const lines = russian.split('\n')
    expect(withoutHandBlock(lines, 'Формулы, выведенные вручную')).toStrictEqual(notebookLines)
  })

  test('every value line of the notebook appears verbatim in the Russian text', () => {
    const lines = new Set(russian.split('\n'))
    for (const line of notebookLines.filter(isValueLine)) expect(lines).toContain(line)
    expect(russian).toContain('dL/dW1[:3, :3] = \n[[-0.01662643 -0.00832347  0.00507759]\n')
  })

  test('the Russian headings come in the notebook order', () => {
    const headings = [
      'Инициализация сети:',
      'ПРЯМОЕ РАСПРОСТРАНЕНИЕ (FORWARD PASS)',
      '--- Слой 1: Вход → Скрытый ---',
      '--- Слой 2: Скрытый → Выход ---',
      '--- Вычисление функции потерь ---',
      'ОБРАТНОЕ РАСПРОСТРАНЕНИЕ (BACKWARD PASS)',
      '--- Слой 2: Градиенты выходного слоя ---',
      '--- Слой 1: Градиенты скрытого слоя ---',
      '--- Формулы, выведенные вручную ---',
      'ОБНОВЛЕНИЕ ВЕСОВ (GRADIENT DESCENT)',
      'Перед обновлением:',
      'После обновления:',
    ]
    const lines = russian.split('\n')
    const positions = headings.map((heading) => lines.indexOf(heading))
    expect(positions.every((position) => position >= 0)).toBe(true)
    expect([...positions].sort((a, b) => a - b)).toStrictEqual(positions)
  })

  test('English has the same structure and numbers, in English', () => {
    expect(english.split('\n').length).toBe(russian.split('\n').length)
    expect(numbersIn(english)).toStrictEqual(numbersIn(russian))
    for (const line of notebookLines.filter(isValueLine)) {
      if (!line.includes('Вход')) {
        expect(english).toContain(line.replace('изменение', 'change'))
      }
    }
    for (const heading of ['FORWARD PASS', 'BACKWARD PASS', 'WEIGHT UPDATE (GRADIENT DESCENT)']) {
      expect(english.split('\n')).toContain(heading)
    }
    expect(english).toContain('--- Layer 1: Input → Hidden ---')
    expect(english).toContain('Input X shape: (1, 2)')
    expect(english).not.toMatch(/[а-яА-Я]/u)
  })

  test('Markdown has TeX formulas, code blocks, and every number of the notebook', () => {
    for (const tex of [
      '$z^{[1]} = X W^{[1]} + b^{[1]}$',
      '$a^{[1]} = \\sigma(z^{[1]})$',
      '\\frac{\\partial L}{\\partial W^{[2]}} = (a^{[1]})^\\top \\frac{\\partial L}{\\partial z^{[2]}}',
      '\\frac{\\partial L}{\\partial z^{[2]}} = \\frac{2}{m}(a^{[2]} - y) \\odot a^{[2]} \\odot (1 - a^{[2]})',
    ]) {
      expect(markdown).toContain(tex)
    }
    expect(markdown).toContain('## FORWARD PASS')
    expect(markdown).toContain(
      '```text\nz1 shape: (1, 3)\nz1[0, :3] = [ 0.35263302 -0.06968908  0.12680159]\n```',
    )
    expect(markdown).not.toMatch(/\]\}\^\\top/u)
    const printed = new Set(numbersIn(markdown))
    for (const number of numbersIn(notebookLines.join('\n'))) expect(printed).toContain(number)
    expect(explain({ format: 'markdown', language: 'ru' })).toContain(
      '## ПРЯМОЕ РАСПРОСТРАНЕНИЕ (FORWARD PASS)',
    )
  })

  test('the hand-derived formulas are shown', () => {
    for (const line of [
      'dL/dz2 = 2(a2 - y) / m ⊙ a2(1 - a2)',
      'dL/dz1 = (dL/dz2 @ W2.T) ⊙ a1(1 - a1)',
      'dL/dW1 = X.T @ dL/dz1,  dL/db1 = sum(dL/dz1, axis=0)',
    ]) {
      expect(english.split('\n')).toContain(line)
      expect(russian.split('\n')).toContain(line)
    }
  })

  test("the hand-derived formulas agree with the graph's gradients to 1e-12", () => {
    const net = notebookNetwork()
    const built = right(network.objective(net, batch, { loss: 'mse' }))
    const { trace, gradients } = right(graph.traceGradients(built.plan, built.bindings))
    const into = (label: string): linalg.Matrix => {
      const step = trace.forward.find((entry) => entry.node === label)
      if (step === undefined) throw new Error(`no node ${label}`)
      return trace.backward
        .filter((entry) => entry.operandPosition === step.position)
        .reduce(
          (sum, entry) => right(linalg.add(sum, entry.contribution)),
          linalg.zeros(step.value.rows, step.value.cols),
        )
    }
    const algebra = gradients.parameters as network.Network['parameters']
    const { W: W1, b: b1 } = dense(net.parameters, 0)
    const { W: W2, b: b2 } = dense(net.parameters, 1)
    const sigmoid = (z: linalg.Matrix) => right(linalg.map(z, (v) => 1 / (1 + Math.exp(-v))))
    const slope = (a: linalg.Matrix) => right(linalg.mul(a, right(linalg.map(a, (v) => 1 - v))))
    const m = X.rows
    const a1 = sigmoid(right(linalg.addRowVector(right(linalg.matmul(X, W1)), b1)))
    const a2 = sigmoid(right(linalg.addRowVector(right(linalg.matmul(a1, W2)), b2)))
    // dL/dz2 = 2(a2 − y)/m ⊙ a2(1 − a2); dL/dz1 = (dL/dz2 @ W2.T) ⊙ a1(1 − a1);
    // dL/dW = input.T @ dL/dz; dL/db = sum(dL/dz, axis=0)
    const dZ2 = right(linalg.mul(linalg.scale(right(linalg.sub(a2, y)), 2 / m), slope(a2)))
    const dZ1 = right(linalg.mul(right(linalg.matmulTransposeB(dZ2, W2)), slope(a1)))
    const pairs: readonly (readonly [linalg.Matrix, linalg.Matrix])[] = [
      [dZ2, into('z2')],
      [dZ1, into('z1')],
      [right(linalg.matmulTransposeA(a1, dZ2)), dense(algebra, 1).W],
      [linalg.columnSums(dZ2), dense(algebra, 1).b],
      [right(linalg.matmulTransposeA(X, dZ1)), dense(algebra, 0).W],
      [linalg.columnSums(dZ1), dense(algebra, 0).b],
    ]
    for (const [byHand, byGraph] of pairs) {
      expect(maxRelativeError(byGraph, byHand)).toBeLessThan(TOLERANCE)
    }
    expect(maxRelativeError(dZ1, walkthrough('backward', 'dL_dz1'))).toBeLessThan(TOLERANCE)
    expect(maxRelativeError(dZ2, walkthrough('backward', 'dL_dz2'))).toBeLessThan(TOLERANCE)
  })

  test('pure: the same call gives the same text and the network is unchanged', () => {
    const net = notebookNetwork()
    const before = linalg.toFlat(dense(net.parameters, 0).W).slice()
    const first = teach.explainTrainingStep(net, batch, 0.1, { language: 'ru' })
    expect(teach.explainTrainingStep(net, batch, 0.1, { language: 'ru' })).toStrictEqual(first)
    expect(linalg.toFlat(dense(net.parameters, 0).W)).toStrictEqual(before)
  })
})

describe('other dense networks', () => {
  test('a deeper network with several outputs explains every layer', () => {
    const net = right(
      network.mlp([2, 4, 3, 2], { hidden: 'tanh', output: 'linear', key: random.key(3) }),
    )
    const text = right(
      teach.explainTrainingStep(net, { X: linalg.ones(3, 2), y: linalg.zeros(3, 2) }, 1e-5),
    )
    const lines = text.split('\n')
    for (const line of [
      '--- Layer 1: Input → Hidden ---',
      '--- Layer 2: Hidden → Hidden ---',
      '--- Layer 3: Hidden → Output ---',
      'dL/da3 = 2(ŷ - y) / (m·2)',
      'dL/dz2 = (dL/dz3 @ W3.T) ⊙ (1 - a2²)',
      'dL/dW3 shape: (3, 2)',
      'Learning rate α = 1e-05',
    ]) {
      expect(lines).toContain(line)
    }
    expect(lines.filter((line) => /^W\d\[0, 0\] = .*\(change: /u.test(line))).toHaveLength(3)
  })

  // The hand-derived dL/dz of a hidden layer, for every activation: each derivative is printed
  // from the term of the primitive `activate` applies, and reads as the walkthrough always has.
  const upstreamTex = '\\left(\\frac{\\partial L}{\\partial z^{[2]}} (W^{[2]})^\\top\\right)'
  test.each<[network.ActivationName, string, string]>([
    ['sigmoid', '(dL/dz2 @ W2.T) ⊙ a1(1 - a1)', '\\odot a^{[1]} \\odot (1 - a^{[1]})'],
    ['tanh', '(dL/dz2 @ W2.T) ⊙ (1 - a1²)', '\\odot (1 - a^{[1]} \\odot a^{[1]})'],
    ['relu', '(dL/dz2 @ W2.T) ⊙ [z1 > 0]', '\\odot [z^{[1]} > 0]'],
    [
      'leakyRelu',
      '(dL/dz2 @ W2.T) ⊙ ([z1 > 0] + 0.01·[z1 ≤ 0])',
      '\\odot ([z^{[1]} > 0] + 0.01\\,[z^{[1]} \\le 0])',
    ],
    [
      'elu',
      '(dL/dz2 @ W2.T) ⊙ ([z1 > 0] + (a1 + 1)·[z1 ≤ 0])',
      '\\odot ([z^{[1]} > 0] + (a^{[1]} + 1) \\odot [z^{[1]} \\le 0])',
    ],
    ['softplus', '(dL/dz2 @ W2.T) ⊙ sigmoid(z1)', '\\odot \\sigma(z^{[1]})'],
    ['linear', '(dL/dz2 @ W2.T) ⊙ 1', '\\odot 1'],
    [
      'softmax',
      'a1 ⊙ ((dL/dz2 @ W2.T) - sum((dL/dz2 @ W2.T) ⊙ a1, axis=1))',
      '\\left(\\operatorname{diag}(a^{[1]}) - (a^{[1]})^\\top (a^{[1]})\\right)',
    ],
  ])('the hand-derived dL/dz1 of a %s layer', (hidden, text, tex) => {
    const net = right(network.mlp([2, 3, 1], { hidden, output: 'sigmoid', key: random.key(7) }))
    const step = { X: linalg.ones(1, 2), y: linalg.ones(1, 1) }
    const lines = right(teach.explainTrainingStep(net, step, 0.1)).split('\n')
    expect(lines).toContain(`dL/dz1 = ${text}`)
    const markdown = right(teach.explainTrainingStep(net, step, 0.1, { format: 'markdown' }))
    expect(markdown).toContain(`$\\frac{\\partial L}{\\partial z^{[1]}} = ${upstreamTex} ${tex}$`)
  })

  test('bad input is a Left naming the problem', () => {
    const net = notebookNetwork()
    expect(left(teach.explainTrainingStep(net, batch, Number.NaN))._tag).toBe('NonFiniteInput')
    const wide = left(teach.explainTrainingStep(net, { X: linalg.ones(1, 3), y }, 0.1))
    expect(wide.message).toBe(
      'explainTrainingStep: layer 0 (dense 2→3): input has 3 columns, expected 2',
    )
    const dropped = right(
      network.sequential(
        2,
        [
          { kind: 'dense', outputs: 3, activation: 'relu' },
          { kind: 'dropout', rate: 0.5 },
          { kind: 'dense', outputs: 1, activation: 'sigmoid' },
        ],
        { key: random.key(0) },
      ),
    )
    expect(left(teach.explainTrainingStep(dropped, batch, 0.1))._tag).toBe('InvalidArchitecture')
  })
})
