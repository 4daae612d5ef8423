// Builds gradfold's JavaScript into dist/: the root entry (`gradfold`), `gradfold/check`,
// `gradfold/teach` and the training helper thread, each bundled by esbuild into one ES module, with
// the code they share in chunks beside them (so `gradfold/check` re-exports the root's gradient
// check — the same function objects — and the root entry is a handful of files instead of ~120).
// Packages (fp-ts, io-ts, fast-check) stay imports. The declarations (.d.ts) come from tsc (tsconfig.build.json). Run as
// `node bundle.js` by `npm run build:lib`; test/package.test.ts reads what it writes.

import { rmSync } from 'node:fs'
import { build } from 'esbuild'

rmSync('dist', { recursive: true, force: true })
await build({
  entryPoints: [
    'src/index.ts',
    'src/check/index.ts',
    'src/teach/index.ts',
    'src/train/parallel/shard-worker.ts',
  ],
  outbase: 'src',
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  sourcesContent: false,
  logLevel: 'warning',
})
