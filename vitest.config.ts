// `npm test` runs both packages' tests: the library's (test/) and the CLI's (cli/test/, its own
// config). `gradfold`, `gradfold/check` and `gradfold/teach` resolve to the library's TypeScript
// source in both.

import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const library = (path: string): string => fileURLToPath(new URL(`./src/${path}`, import.meta.url))

export default defineConfig({
  resolve: {
    alias: [
      { find: /^gradfold$/u, replacement: library('index.ts') },
      { find: /^gradfold\/check$/u, replacement: library('check/index.ts') },
      { find: /^gradfold\/teach$/u, replacement: library('teach/index.ts') },
    ],
  },
  test: {
    // A test must not fail because the machine is busy: every test and hook has a minute (the
    // slowest trains a notebook run in ~1 s on a quiet machine, 10× that beside other work).
    testTimeout: 60_000,
    hookTimeout: 60_000,
    coverage: { provider: 'v8', include: ['src/**/*.ts', 'cli/src/**/*.ts'] },
    projects: [
      {
        extends: true,
        test: { name: 'gradfold', include: ['test/**/*.test.ts'], setupFiles: ['test/setup.ts'] },
      },
      'cli',
    ],
  },
})
