// The module emitter: frames number parameters then locals, every module it emits validates,
// function types are shared, locals of mixed types work, only exported functions are exported,
// and an imported memory is required at instantiation.

import { describe, expect, test } from 'vitest'
import {
  emitModule,
  frame,
  type FunctionDefinition,
  localNamed,
} from '../../../../src/linalg/kernels/wasm/emitter.js'
import {
  f64,
  f64x2,
  get,
  i32,
  set,
  statements,
  v128,
} from '../../../../src/linalg/kernels/wasm/instructions.js'
import { webAssembly } from '../../../../src/linalg/kernels/wasm/webassembly.js'
import { instantiate } from './harness.js'

const api = webAssembly()
if (api === undefined) throw new Error('this engine has no WebAssembly')

/** The entry count of section `id` (its content starts with a vector length below 128). */
const sectionCount = (bytes: Uint8Array, id: number): number | undefined => {
  let at = 8
  while (at < bytes.length) {
    const sectionId = bytes[at] ?? -1
    let size = 0
    let scale = 1
    let byte = 0x80
    at++
    while ((byte & 0x80) !== 0) {
      byte = bytes[at] ?? 0
      size += (byte & 0x7f) * scale
      scale *= 128
      at++
    }
    if (sectionId === id) return bytes[at]
    at += size
  }
  return undefined
}

/** A function that stores its f64 parameter at its i32 address, under `name`. */
const storer = (name: string, exported: boolean): FunctionDefinition => {
  const { local, parameters, locals } = frame({ address: 'i32', value: 'f64' }, {})
  return {
    name,
    parameters,
    locals,
    exported,
    body: f64.store(get(local.address), get(local.value)),
  }
}

describe('frame', () => {
  test('numbers parameters first, then locals, in the order written', () => {
    const { local, parameters, locals } = frame(
      { a: 'i32', b: 'f64' },
      { c: 'v128', d: 'i32', e: 'i32' },
    )
    expect(parameters).toStrictEqual(['i32', 'f64'])
    expect(locals).toStrictEqual(['v128', 'i32', 'i32'])
    expect([local.a, local.b, local.c, local.d, local.e]).toStrictEqual([
      { index: 0, type: 'i32' },
      { index: 1, type: 'f64' },
      { index: 2, type: 'v128' },
      { index: 3, type: 'i32' },
      { index: 4, type: 'i32' },
    ])
  })

  test('localNamed finds computed names and refuses a wrong type or a missing name', () => {
    const { local } = frame({}, { sum0: 'v128', sum1: 'v128' })
    expect(localNamed(local, 'sum1', 'v128')).toStrictEqual({ index: 1, type: 'v128' })
    expect(() => localNamed(local, 'sum1', 'f64')).toThrow(/no f64 parameter or local/)
    expect(() => localNamed(local, 'sum2', 'v128')).toThrow(/called sum2/)
  })
})

describe('emitModule', () => {
  test('emits modules that validate and run', () => {
    const harness = instantiate([storer('store', true)])
    harness.call('store', 16, 2.5)
    expect(harness.doubles()[2]).toBe(2.5)
  })

  test('shares one function type among functions with the same parameters', () => {
    const { parameters, locals } = frame({ x: 'f64' }, {})
    const bytes = emitModule({
      memory: { kind: 'export', name: 'memory', minimumPages: 1 },
      functions: [
        storer('first', true),
        storer('second', false),
        { name: 'third', parameters, locals, exported: false, body: statements() },
      ],
    })
    expect(api.validate(bytes)).toBe(true)
    expect(sectionCount(bytes, 1)).toBe(2)
    expect(sectionCount(bytes, 3)).toBe(3)
  })

  test('exports the memory and only the functions marked exported', () => {
    const bytes = emitModule({
      memory: { kind: 'export', name: 'heap', minimumPages: 1 },
      functions: [storer('shown', true), storer('hidden', false)],
    })
    const { exports } = new api.Instance(new api.Module(bytes), {})
    expect(Object.keys(exports).sort()).toStrictEqual(['heap', 'shown'])
  })

  test('groups locals of mixed types, and they keep their values', () => {
    const { local, parameters, locals } = frame(
      { x: 'f64' },
      { a: 'i32', b: 'i32', vector: 'v128', c: 'i32', value: 'f64' },
    )
    const harness = instantiate([
      {
        name: 'mixed',
        parameters,
        locals,
        exported: true,
        body: statements(
          set(local.a, i32.const(8)),
          set(local.b, i32.const(16)),
          set(local.c, i32.add(get(local.a), get(local.b))),
          set(local.vector, f64x2.splat(get(local.x))),
          set(local.value, f64x2.extractLane(get(local.vector), 1)),
          f64.store(get(local.c), get(local.value)),
          v128.store(get(local.a), get(local.vector), 8, 8),
        ),
      },
    ])
    harness.call('mixed', -3)
    expect(Array.from(harness.doubles().subarray(0, 4))).toStrictEqual([0, 0, -3, -3])
  })

  test('an imported memory must be supplied, at least as large as declared', () => {
    const bytes = emitModule({
      memory: { kind: 'import', module: 'env', name: 'memory', minimumPages: 2 },
      functions: [storer('store', true)],
    })
    const module = new api.Module(bytes)
    expect(() => new api.Instance(module, {})).toThrow()
    expect(
      () => new api.Instance(module, { env: { memory: new api.Memory({ initial: 1 }) } }),
    ).toThrow()
    const memory = new api.Memory({ initial: 2, maximum: 2 })
    const { exports } = new api.Instance(module, { env: { memory } })
    ;(exports.store as (address: number, value: number) => void)(8, 7)
    expect(new Float64Array(memory.buffer)[1]).toBe(7)
  })

  test('refuses two functions with one name', () => {
    expect(() =>
      emitModule({
        memory: { kind: 'export', name: 'memory', minimumPages: 0 },
        functions: [storer('twice', true), storer('twice', false)],
      }),
    ).toThrow(/names must differ/)
  })
})
