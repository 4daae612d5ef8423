// gradientCheck against the notebook's own check (the 2-3-1 net after its lr = 0.1 update,
// ε = 1e-7): the analytic and numeric W1[0, 0] and W2[0, 0], the four perturbed losses; a broken
// gradient fails the check; random directions; bad options; the network is never mutated.

import { describe, expect, test } from 'vitest'
import { graph, linalg, network, random } from '../../src/index.js'
import * as check from '../../src/check/index.js'
import { left, right } from '../support/either.js'
import { field, readFixture, rowsOf } from '../support/fixtures.js'
import { walkthrough, walkthroughTop } from '../network/support.js'

const gradientFixture = field(readFixture('verbose_net.json'), 'gradient_check')
const expected = (name: string): number => {
  const value = field(gradientFixture, name)
  if (typeof value !== 'number') throw new Error(`gradient_check.${name} is not a number`)
  return value
}

/** The notebook's net after one update: the weights of verbose_net_2_3_1.update, sigmoid layers. */
const updatedNetwork = (): network.Network => {
  const shape = right(
    network.mlp([2, 3, 1], { hidden: 'sigmoid', output: 'sigmoid', key: random.key(0) }),
  )
  return {
    ...shape,
    parameters: {
      layers: [
        { W: walkthrough('update', 'W1'), b: walkthrough('update', 'b1') },
        { W: walkthrough('update', 'W2'), b: walkthrough('update', 'b2') },
      ],
    },
  }
}
const walkthroughGradient = (name: string): linalg.Matrix =>
  right(linalg.fromRows(rowsOf(field(gradientFixture, name))))
const batch = { X: walkthroughTop('input_X'), y: walkthroughTop('target_y') }

const entry = (report: check.GradientCheckReport, path: string): check.TensorCheck => {
  const found = report.tensors.find((tensor) => tensor.path === path)
  if (found === undefined) throw new Error(`no line for ${path}`)
  return found
}

describe("gradientCheck reproduces the notebook's check", () => {
  const net = updatedNetwork()
  const report = right(check.gradientCheck(net, batch, { loss: 'mse', epsilon: 1e-7 }))

  test('the fixture uses ε = 1e-7, the default', () => {
    expect(expected('epsilon')).toBe(1e-7)
    expect(report.epsilon).toBe(1e-7)
    expect(right(check.gradientCheck(net, batch, { loss: 'mse' }))).toStrictEqual(report)
  })

  const at = (path: string, row: number, col: number): check.GradientProbe => {
    const found = entry(report, path).probes.find(
      (probe) => probe.kind === 'entry' && probe.row === row && probe.col === col,
    )
    if (found === undefined) throw new Error(`no probe ${path}[${row}, ${col}]`)
    return found
  }

  test('W1[0, 0]: analytic −0.01633075835387005, numeric −0.01633075841223075 (to 1e-9)', () => {
    const probe = at('layers[0].W', 0, 0)
    expect(expected('dL_dW1_analytical_value')).toBe(-0.01633075835387005)
    expect(expected('dL_dW1_numerical')).toBe(-0.01633075841223075)
    expect(Math.abs(probe.analytic - expected('dL_dW1_analytical_value'))).toBeLessThan(1e-9)
    expect(Math.abs(probe.numeric - expected('dL_dW1_numerical'))).toBeLessThan(1e-9)
  })

  test('W2[0, 0]: analytic −0.0991987867714842, numeric −0.0991987864074062 (to 1e-9)', () => {
    const probe = at('layers[1].W', 0, 0)
    expect(expected('dL_dW2_analytical_value')).toBe(-0.0991987867714842)
    expect(expected('dL_dW2_numerical')).toBe(-0.0991987864074062)
    expect(Math.abs(probe.analytic - expected('dL_dW2_analytical_value'))).toBeLessThan(1e-9)
    expect(Math.abs(probe.numeric - expected('dL_dW2_numerical'))).toBeLessThan(1e-9)
  })

  test("every analytic entry is the fixture's dL/dW1 and dL/dW2", () => {
    for (const [path, name] of [
      ['layers[0].W', 'dL_dW1_analytical'],
      ['layers[1].W', 'dL_dW2_analytical'],
    ] as const) {
      const rows = linalg.toRows(walkthroughGradient(name))
      for (const probe of entry(report, path).probes) {
        if (probe.kind !== 'entry') throw new Error('expected entry probes')
        expect(
          Math.abs(probe.analytic - (rows[probe.row]?.[probe.col] ?? Number.NaN)),
        ).toBeLessThan(1e-12)
      }
    }
  })

  test('the check passes at the default threshold 1e-6, every tensor listed in order', () => {
    expect(report.tensors.map((tensor) => tensor.path)).toStrictEqual([
      'layers[0].W',
      'layers[0].b',
      'layers[1].W',
      'layers[1].b',
    ])
    expect(report.threshold).toBe(1e-6)
    expect(report.passed).toBe(true)
    for (const tensor of report.tensors) expect(tensor.maxRelativeError).toBeLessThan(1e-6)
    expect(report.loss).toBeCloseTo(0.1325778, 6)
  })

  test('the network is not mutated', () => {
    expect(net.parameters.layers[0]).toStrictEqual({
      W: walkthrough('update', 'W1'),
      b: walkthrough('update', 'b1'),
    })
    expect(net.parameters.layers[1]).toStrictEqual({
      W: walkthrough('update', 'W2'),
      b: walkthrough('update', 'b2'),
    })
  })
})

describe('gradientCheck can fail', () => {
  const net = updatedNetwork()

  test('a threshold below the rounding noise fails, naming the worst entry', () => {
    const strict = right(check.gradientCheck(net, batch, { loss: 'mse', threshold: 1e-12 }))
    expect(strict.passed).toBe(false)
    const worst = strict.tensors.reduce((a, b) => (b.maxRelativeError > a.maxRelativeError ? b : a))
    expect(worst.passed).toBe(false)
    expect(worst.worst.relativeError).toBe(worst.maxRelativeError)
    expect(worst.maxRelativeError).toBeGreaterThan(1e-12)
  })

  test('a too-large ε fails on the truncation error, and absoluteTolerance can forgive it', () => {
    const coarse = right(
      check.gradientCheck(net, batch, { loss: 'mse', epsilon: 0.5, threshold: 1e-6 }),
    )
    expect(coarse.passed).toBe(false)
    const forgiving = right(
      check.gradientCheck(net, batch, { loss: 'mse', epsilon: 0.5, absoluteTolerance: 1 }),
    )
    expect(forgiving.passed).toBe(true)
  })
})

describe('random directions', () => {
  const net = right(
    network.mlp([3, 5, 4, 2], { hidden: 'tanh', output: 'linear', key: random.key(3) }),
  )
  const data = {
    X: random.normal(random.key(4), 6, 3),
    y: random.normal(random.key(5), 6, 2),
  }

  test('agrees with every-entry and uses `directions` probes per tensor', () => {
    const sampled = right(
      check.gradientCheck(net, data, {
        loss: 'halfMse',
        epsilon: 1e-5,
        mode: 'random-directions',
        directions: 4,
        directionKey: random.key(11),
      }),
    )
    expect(sampled.mode).toBe('random-directions')
    expect(sampled.passed).toBe(true)
    for (const tensor of sampled.tensors) {
      expect(
        tensor.probes.map((probe) => (probe.kind === 'direction' ? probe.direction : -1)),
      ).toStrictEqual([0, 1, 2, 3])
      expect(tensor.maxRelativeError).toBeLessThan(1e-7)
    }
    expect(right(check.gradientCheck(net, data, { loss: 'halfMse', epsilon: 1e-5 })).passed).toBe(
      true,
    )
  })

  test('is deterministic in its key', () => {
    const options = {
      loss: 'mse',
      mode: 'random-directions',
      directionKey: random.key(1),
    } as const
    expect(right(check.gradientCheck(net, data, options))).toStrictEqual(
      right(check.gradientCheck(net, data, options)),
    )
  })

  test('the projected analytic value is ⟨∇L, v⟩ for the drawn v', () => {
    const report = right(
      check.gradientCheck(net, data, {
        loss: 'mse',
        mode: 'random-directions',
        directions: 1,
        directionKey: random.key(2),
      }),
    )
    const gradients = right(network.valueAndGradients(net, data, { loss: 'mse' })).gradients
    const [path, g] = graph.leaves(gradients)[0] ?? []
    if (path === undefined || g === undefined) throw new Error('no gradient')
    const v = random.normal(
      random.split(random.foldIn(random.key(2), 0), 1)[0] ?? random.key(0),
      g.rows,
      g.cols,
    )
    const projected = linalg
      .toFlat(g)
      .reduce((total, x, index) => total + x * (linalg.toFlat(v)[index] ?? 0), 0)
    expect(entry(report, graph.formatPath(path)).worst.analytic).toBeCloseTo(projected, 14)
  })
})

describe('bad input', () => {
  const net = updatedNetwork()

  test.each([
    [{ epsilon: 0 }, 'gradientCheck: epsilon is 0, expected a positive finite number'],
    [{ threshold: -1 }, 'gradientCheck: threshold is -1, expected a positive finite number'],
    [
      { absoluteTolerance: Number.NaN },
      'gradientCheck: absoluteTolerance is NaN, expected a finite number ≥ 0',
    ],
  ])('%o is refused', (extra, message) => {
    const error = left(check.gradientCheck(net, batch, { loss: 'mse', ...extra }))
    expect(error).toStrictEqual({ _tag: 'InvalidOptions', message })
  })

  test('a direction count that is not a positive integer is refused', () => {
    const error = left(
      check.gradientCheck(net, batch, {
        loss: 'mse',
        mode: 'random-directions',
        directions: 1.5,
        directionKey: random.key(0),
      }),
    )
    expect(error.message).toBe('gradientCheck: directions is 1.5, expected a positive integer')
  })

  test("the network's errors come back wrapped", () => {
    const error = left(check.gradientCheck(net, batch, { loss: 'hinge' }))
    expect(error._tag).toBe('NetworkFailed')
    expect(error.cause?._tag).toBe('UnknownName')
    expect(error.message).toMatch(/^gradientCheck: .*unknown loss hinge/)
  })
})
