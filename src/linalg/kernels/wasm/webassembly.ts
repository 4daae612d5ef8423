// The few parts of the WebAssembly JavaScript API the kernels use, typed here because this
// project's `lib` (ES2023, no DOM) does not declare them. Law: `webAssembly()` is the engine's own
// global object, or undefined where the engine has none; nothing here wraps or changes it.

/** A compiled module: opaque. */
export interface CompiledModule {
  readonly compiledModule?: never
}

/**
 * A linear memory. `grow` detaches the old `buffer`; views of it must be re-created. A shared
 * memory's buffer is a SharedArrayBuffer, the same object in every thread's views.
 */
export interface LinearMemory {
  readonly buffer: ArrayBuffer | SharedArrayBuffer
  grow: (pages: number) => number
}

/** An instance: its exports by name. */
export interface ModuleInstance {
  readonly exports: Readonly<Record<string, unknown>>
}

/** The `WebAssembly` global's constructors and `validate`. */
export interface WebAssemblyApi {
  readonly validate: (bytes: Uint8Array) => boolean
  readonly Module: new (bytes: Uint8Array) => CompiledModule
  readonly Instance: new (
    module: CompiledModule,
    imports: Readonly<Record<string, Readonly<Record<string, unknown>>>>,
  ) => ModuleInstance
  readonly Memory: new (descriptor: {
    readonly initial: number
    readonly maximum?: number
    readonly shared?: boolean
  }) => LinearMemory
}

/**
 * The engine's `WebAssembly` object, or undefined where there is none.
 *
 * @example
 * import assert from 'node:assert'
 * import { webAssembly } from './webassembly.js'
 * const api = webAssembly()
 * assert.ok(api !== undefined && api.validate(Uint8Array.of(0, 0x61, 0x73, 0x6d, 1, 0, 0, 0)))
 */
export const webAssembly = (): WebAssemblyApi | undefined =>
  (globalThis as { readonly WebAssembly?: WebAssemblyApi }).WebAssembly
