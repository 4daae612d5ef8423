// reference/notebook.json is derivable: it holds exactly the notebook's numbers in test/fixtures
// (copied from the notebook's run) and the graph example's hand algebra. Decoding it is total: a
// missing field, a wrong type or a broken file is one line naming the file and the field.

import { readFileSync } from 'node:fs'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, test } from 'vitest'
import { decodeNotebookReference, KeyNumbersCodec } from '../src/tour-reference.js'
import { left, right } from '../../test/support/either.js'
import { field, readFixture } from '../../test/support/fixtures.js'

const shipped = readFileSync(new URL('../reference/notebook.json', import.meta.url), 'utf8')

const chainRule = readFixture('chain_rule.json')
const verbose = field(readFixture('verbose_net.json'), 'verbose_net_2_3_1')
const check = field(readFixture('verbose_net.json'), 'gradient_check')
const runs = readFixture('notebook_runs.json')
const at = (value: unknown, ...keys: readonly string[]): unknown =>
  keys.reduce((inner, key) => field(inner, key), value)

// The figure's example by hand: z = x·w + b = 7, L = z² = 49, dL/dz = 2z = 14,
// dL/dx = 2z·w = 42, dL/dw = 2z·x = 28, dL/db = 2z = 14.
const [x, w, b] = [2, 3, 1]
const z = x * w + b

const expected = {
  chainRule: { dfdx: at(chainRule, 'df_dx'), dfdxNumerical: at(chainRule, 'df_dx_numerical') },
  graph: { L: z * z, dLdx: 2 * z * w, dLdw: 2 * z * x, dLdb: 2 * z },
  verbose231: {
    loss: at(verbose, 'forward', 'loss'),
    dW1: at(verbose, 'backward', 'dL_dW1'),
    db1: at(verbose, 'backward', 'dL_db1'),
    dW2: at(verbose, 'backward', 'dL_dW2'),
    db2: at(verbose, 'backward', 'dL_db2'),
    updated: {
      W1: at(verbose, 'update', 'W1'),
      b1: at(verbose, 'update', 'b1'),
      W2: at(verbose, 'update', 'W2'),
      b2: at(verbose, 'update', 'b2'),
    },
  },
  gradientCheck: {
    W1: { analytic: at(check, 'dL_dW1_analytical_value'), numeric: at(check, 'dL_dW1_numerical') },
    W2: { analytic: at(check, 'dL_dW2_analytical_value'), numeric: at(check, 'dL_dW2_numerical') },
  },
  moons: {
    losses: at(runs, 'moons', 'model', 'losses'),
    testAccuracy: at(runs, 'moons', 'test_accuracy'),
  },
  circles: {
    losses: at(runs, 'circles', 'model', 'losses'),
    trainAccuracy: at(runs, 'circles', 'train_accuracy_final'),
  },
}

describe('reference/notebook.json', () => {
  test("holds exactly the notebook's numbers from test/fixtures and the graph's hand algebra", () => {
    const reference = right(decodeNotebookReference(shipped, 'reference/notebook.json'))
    const { source, ...numbers } = reference
    expect(source).toMatch(/generate\.py/u)
    expect(numbers).toStrictEqual(expected)
    expect(KeyNumbersCodec.is(numbers)).toBe(true)
    expect(numbers.moons.losses).toHaveLength(1000)
    expect(numbers.circles.losses).toHaveLength(2000)
  })

  test('a file that is not JSON is one line naming the file', () => {
    const message = left(decodeNotebookReference('{"source": ', 'ref.json'))
    expect(message).toMatch(/^ref\.json: not JSON \(/u)
    expect(message).not.toContain('\n')
  })

  test.each([
    [
      'a missing chapter',
      (value: Record<string, unknown>) => {
        delete value.graph
      },
      'ref.json: graph should be { L: number, dLdx: number, dLdw: number, dLdb: number }, got nothing',
    ],
    [
      'a string among the numbers',
      (value: Record<string, unknown>) => {
        value.verbose231 = {
          ...(value.verbose231 as object),
          dW1: [
            [1, 2],
            [3, 'four'],
          ],
        }
      },
      'ref.json: verbose231.dW1[1][1] should be number, got "four"',
    ],
    [
      'a missing source note',
      (value: Record<string, unknown>) => {
        delete value.source
      },
      'ref.json: source should be string, got nothing',
    ],
  ])('%s is one line naming the field', (_, spoil, message) => {
    const value = JSON.parse(shipped) as Record<string, unknown>
    spoil(value)
    expect(decodeNotebookReference(JSON.stringify(value), 'ref.json')).toStrictEqual(
      E.left(message),
    )
  })

  test('a top-level value that is not an object names the file', () => {
    expect(left(decodeNotebookReference('[1, 2]', 'ref.json'))).toMatch(
      /^ref\.json: the file should be NotebookReference, got \[1,2\]$/u,
    )
  })
})
