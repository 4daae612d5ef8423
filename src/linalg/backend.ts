// The one place that chooses which kernels the linalg operations run: the seam for a faster
// backend (WebAssembly SIMD, workers). Swap the record here; no caller changes.

import type { Kernels } from './kernels/kernels.js'
import { portableKernels } from './kernels/portable.js'

/** The kernels every linalg operation calls. */
export const kernels: Kernels = portableKernels
