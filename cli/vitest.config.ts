// The CLI's tests (a project of the root's `npm test`): `gradfold`, `gradfold/check` and
// `gradfold/teach` resolve to the library's TypeScript source, as the root's tests see it, and the
// root's setup (fast-check's seed, matrix equality) applies here too.

import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const library = (path: string): string => fileURLToPath(new URL(`../src/${path}`, import.meta.url))

export default defineConfig({
  resolve: {
    alias: [
      { find: /^gradfold$/u, replacement: library('index.ts') },
      { find: /^gradfold\/check$/u, replacement: library('check/index.ts') },
      { find: /^gradfold\/teach$/u, replacement: library('teach/index.ts') },
    ],
  },
  test: {
    name: 'gradfold-cli',
    include: ['test/**/*.test.ts'],
    setupFiles: ['../test/setup.ts'],
    // as the root's: a busy machine slows tests down but does not fail them
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
