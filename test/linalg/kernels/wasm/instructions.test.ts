// Each instruction helper emits the specification's encoding, and the control helpers and
// f64x2 lanes behave, run in a real engine, as the JavaScript they stand for.

import { fc, test as propertyTest } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { frame } from '../../../../src/linalg/kernels/wasm/emitter.js'
import {
  block,
  branchIf,
  doWhile,
  encode,
  type Expression,
  f64,
  f64x2,
  forRange,
  get,
  i32,
  ifThen,
  minimum,
  select,
  set,
  statements,
  v128,
} from '../../../../src/linalg/kernels/wasm/instructions.js'
import { firstDifference } from '../bitwise.js'
import { instantiate } from './harness.js'

describe('encodings', () => {
  const address = i32.const(0)

  test('scalar instructions', () => {
    expect(encode(i32.const(-1))).toStrictEqual([0x41, 0x7f])
    expect(encode(i32.add(i32.const(1), i32.const(2)))).toStrictEqual([0x41, 1, 0x41, 2, 0x6a])
    expect(encode(f64.const(1))).toStrictEqual([0x44, 0, 0, 0, 0, 0, 0, 0xf0, 0x3f])
    expect(encode(f64.load(address, 24))).toStrictEqual([0x41, 0, 0x2b, 3, 24])
    const { local } = frame({ x: 'i32' }, { y: 'f64' })
    expect(encode(get(local.y))).toStrictEqual([0x20, 1])
    expect(encode(set(local.x, i32.const(5)))).toStrictEqual([0x41, 5, 0x21, 0])
  })

  test('SIMD instructions: the 0xfd prefix, then the opcode as LEB128', () => {
    const zero = encode(v128.zero)
    expect(zero.slice(0, 2)).toStrictEqual([0xfd, 0x0c])
    expect(zero.slice(2)).toStrictEqual(new Array<number>(16).fill(0))
    expect(encode(v128.load(address, 16))).toStrictEqual([0x41, 0, 0xfd, 0x00, 4, 16])
    expect(encode(v128.load(address, 16, 8))).toStrictEqual([0x41, 0, 0xfd, 0x00, 3, 16])
    expect(encode(v128.load64Splat(address, 8))).toStrictEqual([0x41, 0, 0xfd, 0x0a, 3, 8])
    const vector = v128.load(address)
    const tail = (code: Expression<'v128'> | Expression<'f64'>): number[] =>
      encode(code).slice(2 * encode(vector).length)
    expect(tail(f64x2.add(vector, vector))).toStrictEqual([0xfd, 0xf0, 0x01])
    expect(tail(f64x2.mul(vector, vector))).toStrictEqual([0xfd, 0xf2, 0x01])
    expect(tail(f64x2.max(vector, vector))).toStrictEqual([0xfd, 0xf5, 0x01])
    expect(tail(f64x2.greaterThan(vector, vector))).toStrictEqual([0xfd, 0x4a])
    expect(tail(v128.and(vector, vector))).toStrictEqual([0xfd, 0x4e])
    expect(encode(f64x2.extractLane(vector, 1)).slice(encode(vector).length)).toStrictEqual([
      0xfd, 0x21, 1,
    ])
  })
})

describe('control flow, run', () => {
  // count(start, end, step): memory[0] = number of passes, memory[1] = the counter afterwards.
  const { local, parameters, locals } = frame(
    { start: 'i32', end: 'i32', step: 'i32' },
    { counter: 'i32', passes: 'f64' },
  )
  const harness = instantiate([
    {
      name: 'count',
      parameters,
      locals,
      exported: true,
      body: statements(
        set(local.passes, f64.const(0)),
        forRange(local.counter, get(local.start), get(local.end), 3, [
          set(local.passes, f64.add(get(local.passes), f64.const(1))),
        ]),
        f64.store(i32.const(0), get(local.passes)),
      ),
    },
  ])

  propertyTest.prop([fc.integer({ min: -50, max: 50 }), fc.integer({ min: -50, max: 50 })])(
    'forRange passes as often as the JavaScript for loop',
    (start, end) => {
      let passes = 0
      for (let counter = start; counter < end; counter += 3) passes++
      harness.call('count', start, end, 3)
      expect(harness.doubles()[0]).toBe(passes)
    },
  )

  test('doWhile runs once even when the condition is false; ifThen takes one branch', () => {
    const frameOf = frame({ flag: 'i32' }, { total: 'f64' })
    const { flag, total } = frameOf.local
    const run = instantiate([
      {
        name: 'branches',
        parameters: frameOf.parameters,
        locals: frameOf.locals,
        exported: true,
        body: statements(
          set(total, f64.const(0)),
          doWhile([set(total, f64.add(get(total), f64.const(1)))], i32.const(0)),
          ifThen(
            get(flag),
            [set(total, f64.add(get(total), f64.const(10)))],
            [set(total, f64.add(get(total), f64.const(100)))],
          ),
          f64.store(i32.const(0), get(total)),
          f64.store(i32.const(8), select(f64.const(1), f64.const(2), get(flag))),
        ),
      },
    ])
    run.call('branches', 1)
    expect(Array.from(run.doubles().subarray(0, 2))).toStrictEqual([11, 1])
    run.call('branches', 0)
    expect(Array.from(run.doubles().subarray(0, 2))).toStrictEqual([101, 2])
  })

  test('branchIf leaves a block early', () => {
    const frameOf = frame({ skip: 'i32' }, {})
    const run = instantiate([
      {
        name: 'early',
        parameters: frameOf.parameters,
        locals: frameOf.locals,
        exported: true,
        body: statements(
          f64.store(i32.const(0), f64.const(1)),
          block([branchIf(0, get(frameOf.local.skip)), f64.store(i32.const(0), f64.const(2))]),
        ),
      },
    ])
    run.call('early', 1)
    expect(run.doubles()[0]).toBe(1)
    run.call('early', 0)
    expect(run.doubles()[0]).toBe(2)
  })

  propertyTest.prop(
    [fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -1000, max: 1000 })],
    { numRuns: 20 },
  )('minimum is Math.min on i32', (left, right) => {
    const frameOf = frame({ left: 'i32', right: 'i32' }, {})
    const run = instantiate([
      {
        name: 'minimum',
        parameters: frameOf.parameters,
        locals: frameOf.locals,
        exported: true,
        body: f64.store(
          i32.const(0),
          select(
            f64.const(1),
            f64.const(0),
            i32.equal(
              minimum(get(frameOf.local.left), get(frameOf.local.right)),
              i32.const(Math.min(left, right)),
            ),
          ),
        ),
      },
    ])
    run.call('minimum', left, right)
    expect(run.doubles()[0]).toBe(1)
  })
})

describe('f64x2 lanes, run', () => {
  // Operands at bytes 0 and 16, results from byte 32: each lane is its scalar JavaScript twin.
  const operations = {
    add: [f64x2.add, (x: number, y: number) => x + y],
    sub: [f64x2.sub, (x: number, y: number) => x - y],
    mul: [f64x2.mul, (x: number, y: number) => x * y],
    div: [f64x2.div, (x: number, y: number) => x / y],
    max: [f64x2.max, (x: number, y: number) => Math.max(x, y)],
  } as const
  const { parameters, locals } = frame({}, {})
  const left = v128.load(i32.const(0))
  const right = v128.load(i32.const(16))
  const harness = instantiate([
    ...Object.entries(operations).map(([name, [vector]]) => ({
      name,
      parameters,
      locals,
      exported: true,
      body: v128.store(i32.const(32), vector(left, right)),
    })),
    {
      name: 'rest',
      parameters,
      locals,
      exported: true,
      // [splat of x0, x1 > y1 mask & [1, 1], bitselect(x, y, mask(x > y)), extract x1]
      body: statements(
        v128.store(i32.const(32), v128.load64Splat(i32.const(0))),
        v128.store(
          i32.const(48),
          v128.and(f64x2.greaterThan(left, right), f64x2.splat(f64.const(1))),
        ),
        v128.store(i32.const(64), v128.bitSelect(left, right, f64x2.greaterThan(left, right))),
        f64.store(i32.const(80), f64x2.extractLane(left, 1)),
        f64.store(i32.const(88), f64.max(f64x2.extractLane(left, 0), f64.const(0))),
      ),
    },
  ])
  const special = fc.oneof(
    fc.constantFrom(Number.NaN, Infinity, -Infinity, 0, -0, Number.MIN_VALUE),
    fc.double(),
  )

  propertyTest.prop([fc.tuple(special, special, special, special)])(
    'add, sub, mul, div and max give what the scalar JavaScript operators give',
    ([x0, x1, y0, y1]) => {
      for (const [name, [, scalar]] of Object.entries(operations)) {
        harness.doubles().set([x0, x1, y0, y1], 0)
        harness.call(name)
        expect(
          `${name}: ${firstDifference(harness.doubles().subarray(4, 6), [scalar(x0, y0), scalar(x1, y1)])}`,
        ).toBe(`${name}: identical`)
      }
    },
  )

  propertyTest.prop([fc.tuple(special, special, special, special)])(
    'splat, compare, and, bitselect, extract_lane and scalar max',
    ([x0, x1, y0, y1]) => {
      harness.doubles().set([x0, x1, y0, y1], 0)
      harness.call('rest')
      const expected = [
        x0,
        x0,
        x0 > y0 ? 1 : 0,
        x1 > y1 ? 1 : 0,
        x0 > y0 ? x0 : y0,
        x1 > y1 ? x1 : y1,
        x1,
        Math.max(x0, 0),
      ]
      expect(firstDifference(harness.doubles().subarray(4, 12), expected)).toBe('identical')
    },
  )
})
