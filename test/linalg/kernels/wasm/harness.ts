// A harness for the emitter tests: instantiate functions in a module with its own exported memory
// of one page, and read or write that memory as doubles.

import { emitModule, type FunctionDefinition } from '../../../../src/linalg/kernels/wasm/emitter.js'
import { webAssembly } from '../../../../src/linalg/kernels/wasm/webassembly.js'

/** An instantiated test module: its functions by name and its memory as doubles. */
export interface Harness {
  readonly call: (functionName: string, ...parameters: number[]) => void
  readonly doubles: () => Float64Array
}

/** Emits, compiles and instantiates `functions` (all exported) over one page of memory. */
export const instantiate = (functions: readonly FunctionDefinition[]): Harness => {
  const api = webAssembly()
  if (api === undefined) throw new Error('this engine has no WebAssembly')
  const bytes = emitModule({
    memory: { kind: 'export', name: 'memory', minimumPages: 1 },
    functions: functions.map((definition) => ({ ...definition, exported: true })),
  })
  const { exports } = new api.Instance(new api.Module(bytes), {})
  const memory = exports.memory as { readonly buffer: ArrayBuffer }
  return {
    call: (functionName, ...parameters) => {
      const exported = exports[functionName]
      if (typeof exported !== 'function') throw new Error(`no function ${functionName}`)
      ;(exported as (...values: number[]) => void)(...parameters)
    },
    doubles: () => new Float64Array(memory.buffer),
  }
}
