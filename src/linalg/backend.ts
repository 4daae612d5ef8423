// The one place that chooses which kernels the linalg operations run: WebAssembly SIMD where the
// engine validates it, the portable TypeScript kernels elsewhere, or what GRADFOLD_BACKEND forces.
// Laws: both backends give the same bits, so the choice changes only speed; it is made once, at
// import, by validating a tiny module (the kernel module itself is compiled on first use).

import * as E from 'fp-ts/lib/Either.js'
import type { Kernels } from './kernels/kernels.js'
import { portableKernels } from './kernels/portable.js'
import { wasmKernels, wasmSimdAvailable } from './kernels/wasm/backend-wasm.js'
import {
  type BackendName,
  createWorkspace as createWorkspaceFor,
  type Workspace,
} from './kernels/workspace.js'

export type { BackendName, Workspace, WorkspaceKernels } from './kernels/workspace.js'
export {
  attachSharedWorkspace,
  createSharedWorkspaces,
  sharedBuffers,
  type SharedWorkspaceLayout,
  type SharedWorkspaces,
} from './kernels/shared-workspace.js'

// The loops that call a JavaScript function per entry, and the row-wise argmax: plain TypeScript
// on every backend (a WebAssembly kernel cannot call back into JavaScript cheaply).
export { mapEach, zip3Each, zipEach } from './kernels/elementwise.js'
export { rowArgmax as rowArgmaxKernel } from './kernels/reduce.js'

/**
 * What GRADFOLD_BACKEND asks for: one backend, or the automatic choice when it is unset.
 *
 * @category Backend
 */
export type BackendChoice = BackendName | 'auto'

/**
 * The environment variable that forces a backend.
 *
 * @category Backend
 */
export const BACKEND_VARIABLE = 'GRADFOLD_BACKEND'

/**
 * Reads a GRADFOLD_BACKEND value: `portable` or `wasm` force that backend; unset or empty means
 * the automatic choice; anything else is a Left with a one-line message for the CLI to print.
 *
 * @category Backend
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { parseBackendChoice } from './backend.js'
 * assert.deepStrictEqual(parseBackendChoice('wasm'), E.right('wasm'))
 * assert.deepStrictEqual(parseBackendChoice(undefined), E.right('auto'))
 * assert.deepStrictEqual(
 *   parseBackendChoice('fast'),
 *   E.left('GRADFOLD_BACKEND: expected portable or wasm, got "fast"'),
 * )
 */
export const parseBackendChoice = (value: string | undefined): E.Either<string, BackendChoice> => {
  if (value === undefined || value === '') return E.right('auto')
  if (value === 'portable' || value === 'wasm') return E.right(value)
  return E.left(`${BACKEND_VARIABLE}: expected portable or wasm, got ${JSON.stringify(value)}`)
}

/** The backend chosen, what was asked for, and why, in one line. */
export interface BackendSelection {
  readonly name: BackendName
  readonly requested: BackendChoice
  readonly reason: string
}

/**
 * The backend for a parsed GRADFOLD_BACKEND value. `wasmProblem` says why WebAssembly SIMD
 * cannot run here (undefined when it can); it is asked only when the answer matters. An invalid
 * value means the automatic choice (the CLI reports the Left and stops before any work), and
 * forcing `wasm` where it cannot run falls back to the portable kernels, saying so in `reason`:
 * importing never throws.
 *
 * @example
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { selectBackend } from './backend.js'
 * const noSimd = (): string => 'WebAssembly SIMD is not available'
 * assert.strictEqual(selectBackend(E.right('auto'), () => undefined).name, 'wasm')
 * assert.strictEqual(selectBackend(E.right('auto'), noSimd).name, 'portable')
 * const forced = selectBackend(E.right('wasm'), noSimd)
 * assert.deepStrictEqual([forced.name, forced.requested], ['portable', 'wasm'])
 * assert.match(forced.reason, /falls back to portable/)
 */
export const selectBackend = (
  choice: E.Either<string, BackendChoice>,
  wasmProblem: () => string | undefined,
): BackendSelection => {
  if (E.isLeft(choice)) {
    const automatic = selectBackend(E.right('auto'), wasmProblem)
    return { ...automatic, reason: `${choice.left}; ${automatic.reason}` }
  }
  const requested = choice.right
  if (requested === 'portable') {
    return { name: 'portable', requested, reason: `${BACKEND_VARIABLE}=portable` }
  }
  const problem = wasmProblem()
  if (problem === undefined) {
    const reason =
      requested === 'wasm' ? `${BACKEND_VARIABLE}=wasm` : 'WebAssembly SIMD validates here'
    return { name: 'wasm', requested, reason }
  }
  return requested === 'wasm'
    ? {
        name: 'portable',
        requested,
        reason: `${BACKEND_VARIABLE}=wasm, but ${problem}: falls back to portable`,
      }
    : { name: 'portable', requested, reason: problem }
}

/** GRADFOLD_BACKEND from the environment, where there is one (Node); undefined elsewhere. */
const environmentValue = (): string | undefined =>
  (
    globalThis as {
      readonly process?: { readonly env?: Readonly<Record<string, string | undefined>> }
    }
  ).process?.env?.[BACKEND_VARIABLE]

/** Why WebAssembly SIMD cannot run in this engine, or undefined when it can. */
const wasmProblem = (): string | undefined =>
  wasmSimdAvailable() ? undefined : 'WebAssembly SIMD is not available in this engine'

/** The backend this process runs, chosen once at import. */
export const backendSelection: BackendSelection = selectBackend(
  parseBackendChoice(environmentValue()),
  wasmProblem,
)

/**
 * Which kernels this process runs: 'wasm' where WebAssembly SIMD validates, else 'portable';
 * GRADFOLD_BACKEND=portable|wasm forces one (wasm falls back to portable where it cannot run).
 *
 * @category Backend
 * @example
 * import assert from 'node:assert'
 * import { backendName } from './backend.js'
 * assert.ok(backendName === 'wasm' || backendName === 'portable')
 */
export const backendName: BackendName = backendSelection.name

/** The kernels every linalg operation calls: the chosen backend's generic record. */
export const kernels: Kernels = backendName === 'wasm' ? wasmKernels : portableKernels

/**
 * A workspace: one zero-filled, 16-byte aligned buffer per length and kernels that work on them
 * in place, for `backend` (the chosen one by default). See `Workspace` in kernels/workspace.ts.
 *
 * @example
 * import assert from 'node:assert'
 * import { createWorkspace } from './backend.js'
 * const { buffers, kernels } = createWorkspace([2 * 3, 3 * 2, 2 * 2])
 * const [a, b, out] = buffers
 * assert.ok(a !== undefined && b !== undefined && out !== undefined)
 * a.set([1, 2, 3, 4, 5, 6])
 * b.set([7, 8, 9, 10, 11, 12])
 * kernels.matmul(a, b, out, 2, 3, 2)
 * assert.deepStrictEqual(Array.from(out), [58, 64, 139, 154])
 */
export const createWorkspace = (
  lengths: readonly number[],
  backend: BackendName = backendName,
): Workspace => createWorkspaceFor(lengths, backend)
