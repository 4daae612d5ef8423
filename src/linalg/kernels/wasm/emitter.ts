// A small WebAssembly module emitter: one memory (imported or exported), functions with named
// parameters and locals, their types deduplicated, chosen ones exported. Written by hand so the
// kernels need no toolchain: the bytes are made at load time. Laws: the output is a binary module
// (spec §5.5) whose function i is the i-th definition; emitting is pure and deterministic.

import { type Bytes, name, section, unsignedLeb128, vector } from './encoding.js'
import {
  encode,
  type Local,
  type Statement,
  type ValueType,
  valueTypeByte,
} from './instructions.js'

/** Named parameters and locals of one function, and their `Local` handles. */
export interface Frame<
  P extends Readonly<Record<string, ValueType>>,
  L extends Readonly<Record<string, ValueType>>,
> {
  readonly parameters: readonly ValueType[]
  readonly locals: readonly ValueType[]
  /** The handle of every parameter and local by name; parameters come first. */
  readonly local: { readonly [K in keyof P]: Local<P[K]> } & {
    readonly [K in keyof L]: Local<L[K]>
  }
}

/**
 * Numbers a function's parameters, then its locals, in the order their keys are written.
 *
 * @example
 * import assert from 'node:assert'
 * import { frame } from './emitter.js'
 * const { local, parameters } = frame({ address: 'i32', factor: 'f64' }, { sum: 'v128' })
 * assert.deepStrictEqual(parameters, ['i32', 'f64'])
 * assert.deepStrictEqual(local.sum, { index: 2, type: 'v128' })
 */
export const frame = <
  P extends Readonly<Record<string, ValueType>>,
  L extends Readonly<Record<string, ValueType>>,
>(
  parameters: P,
  locals: L,
): Frame<P, L> => {
  const entries = [...Object.entries(parameters), ...Object.entries(locals)]
  const local = Object.fromEntries(
    entries.map(([key, type], index) => [key, { index, type }]),
  ) as Frame<P, L>['local']
  return { parameters: Object.values(parameters), locals: Object.values(locals), local }
}

/**
 * The handle of the parameter or local called `key`, checked to have `type`: for frames whose
 * names are computed (a tile's accumulators), where the compiler cannot know them.
 *
 * @example
 * import assert from 'node:assert'
 * import { frame, localNamed } from './emitter.js'
 * const { local } = frame({}, { sum0: 'v128' })
 * assert.deepStrictEqual(localNamed(local, 'sum0', 'v128'), { index: 0, type: 'v128' })
 * assert.throws(() => localNamed(local, 'sum0', 'i32'))
 */
export const localNamed = <T extends ValueType>(locals: object, key: string, type: T): Local<T> => {
  const handle: unknown = (locals as Readonly<Record<string, unknown>>)[key]
  if (!isLocal(handle) || handle.type !== type) {
    throw new Error(`localNamed: no ${type} parameter or local called ${key}`)
  }
  return handle as Local<T>
}

const isLocal = (value: unknown): value is Local<ValueType> =>
  typeof value === 'object' && value !== null && 'index' in value && 'type' in value

/** One function of a module. */
export interface FunctionDefinition {
  readonly name: string
  readonly parameters: readonly ValueType[]
  readonly locals: readonly ValueType[]
  readonly body: Statement
  /**
   * The type of the one value the function returns (its body ends with `returnValue`); absent
   * for a kernel that writes its results to memory.
   */
  readonly result?: ValueType
  /** Whether the function is exported under its name. */
  readonly exported: boolean
}

/**
 * The module's one memory: imported from `module`.`name` (shared between threads when
 * `sharedMaximumPages` is given: a shared memory must declare its most pages), or defined here
 * and exported.
 */
export type MemoryDefinition =
  | {
      readonly kind: 'import'
      readonly module: string
      readonly name: string
      readonly sharedMaximumPages?: number
    }
  | { readonly kind: 'export'; readonly name: string }

/** A whole module. Kernels write their results to memory; helpers may return one value. */
export interface ModuleDefinition {
  readonly memory: MemoryDefinition & { readonly minimumPages: number }
  readonly functions: readonly FunctionDefinition[]
}

const magicAndVersion: Bytes = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]

const sectionId = {
  type: 1,
  import: 2,
  function: 3,
  memory: 5,
  export: 7,
  code: 10,
} as const

const functionType = (parameters: readonly ValueType[], results: readonly ValueType[]): Bytes => [
  0x60,
  ...vector(parameters.map((type) => [valueTypeByte[type]])),
  ...vector(results.map((type) => [valueTypeByte[type]])),
]

/** Locals as the binary format groups them: runs of one type, each as (count, type). */
const localGroups = (locals: readonly ValueType[]): Bytes => {
  const groups: Bytes[] = []
  let start = 0
  for (let index = 1; index <= locals.length; index++) {
    if (index === locals.length || locals[index] !== locals[start]) {
      const type = locals[start]
      if (type !== undefined) groups.push([...unsignedLeb128(index - start), valueTypeByte[type]])
      start = index
    }
  }
  return vector(groups)
}

/**
 * Memory limits: without a maximum, the module accepts any memory at least this large; a shared
 * memory's (flag 0x03, threads proposal) carry the most pages it may have.
 */
const limits = (minimumPages: number, sharedMaximumPages?: number): Bytes =>
  sharedMaximumPages === undefined
    ? [0x00, ...unsignedLeb128(minimumPages)]
    : [0x03, ...unsignedLeb128(minimumPages), ...unsignedLeb128(sharedMaximumPages)]

/**
 * The binary module for `definition`, ready for `new WebAssembly.Module`.
 *
 * @example
 * import assert from 'node:assert'
 * import { emitModule, frame } from './emitter.js'
 * import { f64, get } from './instructions.js'
 * import { webAssembly } from './webassembly.js'
 * // double(address): memory[address] = 2 · memory[address]
 * const { local, parameters, locals } = frame({ address: 'i32' }, {})
 * const body = f64.store(get(local.address), f64.mul(f64.const(2), f64.load(get(local.address))))
 * const bytes = emitModule({
 *   memory: { kind: 'export', name: 'memory', minimumPages: 1 },
 *   functions: [{ name: 'double', parameters, locals, body, exported: true }],
 * })
 * const api = webAssembly()
 * assert.ok(api !== undefined && api.validate(bytes))
 * const { exports } = new api.Instance(new api.Module(bytes), {})
 * const { memory, double } = exports as { memory: { buffer: ArrayBuffer }; double: (at: number) => void }
 * new Float64Array(memory.buffer)[1] = 21
 * double(8)
 * assert.strictEqual(new Float64Array(memory.buffer)[1], 42)
 */
export const emitModule = (definition: ModuleDefinition): Uint8Array => {
  const { memory, functions } = definition
  const names = new Set(functions.map((entry) => entry.name))
  if (names.size !== functions.length) throw new Error('emitModule: function names must differ')

  // Function types deduplicated by their parameter and result lists.
  const typeKeys: string[] = []
  const typeBytes: Bytes[] = []
  const typeIndices = functions.map((entry) => {
    const results = entry.result === undefined ? [] : [entry.result]
    const key = `${entry.parameters.join(',')}->${results.join(',')}`
    const existing = typeKeys.indexOf(key)
    if (existing >= 0) return existing
    typeKeys.push(key)
    typeBytes.push(functionType(entry.parameters, results))
    return typeKeys.length - 1
  })

  const memoryImport =
    memory.kind === 'import'
      ? [
          vector([
            [
              ...name(memory.module),
              ...name(memory.name),
              0x02,
              ...limits(memory.minimumPages, memory.sharedMaximumPages),
            ],
          ]),
        ]
      : []
  const memorySection = memory.kind === 'export' ? [vector([limits(memory.minimumPages)])] : []
  const exports: Bytes[] = [
    ...(memory.kind === 'export' ? [[...name(memory.name), 0x02, 0x00]] : []),
    ...functions.flatMap((entry, index) =>
      entry.exported ? [[...name(entry.name), 0x00, ...unsignedLeb128(index)]] : [],
    ),
  ]
  const bodies = functions.map((entry) => {
    const body = [...localGroups(entry.locals), ...encode(entry.body), 0x0b]
    return [...unsignedLeb128(body.length), ...body]
  })

  const bytes: Bytes = [
    ...magicAndVersion,
    ...section(sectionId.type, vector(typeBytes)),
    ...memoryImport.flatMap((content) => section(sectionId.import, content)),
    ...section(sectionId.function, vector(typeIndices.map((index) => unsignedLeb128(index)))),
    ...memorySection.flatMap((content) => section(sectionId.memory, content)),
    ...section(sectionId.export, vector(exports)),
    ...section(sectionId.code, vector(bodies)),
  ]
  return Uint8Array.from(bytes)
}
