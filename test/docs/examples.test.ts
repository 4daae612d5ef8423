// Runs the code that the library's documentation shows: every `@example` in a TSDoc comment under
// src/ and every ```ts block in README.md and docs/*.md (the CLI's own examples run in
// cli/test/docs). An example that throws fails its test, so the documentation cannot drift from
// the code.

import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe } from 'vitest'
import { filesUnder, markdownExamples, testExamples, tsdocExamples } from '../support/examples.js'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')

describe('documentation examples run', () => {
  testExamples(
    [
      ...filesUnder(join(root, 'src'), '.ts').flatMap(tsdocExamples),
      ...[join(root, 'README.md'), ...filesUnder(join(root, 'docs'), '.md')].flatMap(
        markdownExamples,
      ),
    ],
    { root, scratch: join(root, 'test', '.examples'), atLeast: 20 },
  )
})
