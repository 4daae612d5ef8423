// What the linear-algebra layer offers gradfold's other layers and not the package: the ST-monad
// pair (adopt a freshly filled buffer, read a matrix's own buffer), the unchecked operations (the
// kernel seam without re-checking shapes), the kernels and workspaces compiled plans run on, and
// the checked readers by name (also public, as `linalg.checked`). Never re-exported by an entry.

export { at, float64At, uint32At } from './checked.js'
export {
  attachSharedWorkspace,
  backendName,
  createSharedWorkspaces,
  createWorkspace,
  kernels,
  sharedBuffers,
  type SharedWorkspaces,
  type Workspace,
} from './backend.js'
export { adopt, bufferOf } from './matrix.js'
export * as unchecked from './unchecked.js'
