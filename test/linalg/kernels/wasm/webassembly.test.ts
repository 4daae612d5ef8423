// The typed view of the engine's WebAssembly API is the engine's own object.

import { describe, expect, test } from 'vitest'
import { webAssembly } from '../../../../src/linalg/kernels/wasm/webassembly.js'

describe('webAssembly', () => {
  test('is the global WebAssembly object, untouched', () => {
    expect(webAssembly()).toBe((globalThis as { WebAssembly?: unknown }).WebAssembly)
    expect(webAssembly()?.validate(Uint8Array.of(0, 0x61, 0x73, 0x6d, 1, 0, 0, 0))).toBe(true)
    expect(webAssembly()?.validate(Uint8Array.of(0, 0x61, 0x73, 0x6d, 2, 0, 0, 0))).toBe(false)
  })
})
