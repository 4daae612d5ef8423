// Runs the code that the CLI's documentation comments show: every `@example` in a TSDoc comment
// under cli/src (docs/cli.md's blocks run with the library's docs, test/docs). An example that
// throws fails its test.

import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe } from 'vitest'
import { filesUnder, testExamples, tsdocExamples } from '../../../test/support/examples.js'

const cli = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')

describe('CLI documentation examples run', () => {
  testExamples(filesUnder(join(cli, 'src'), '.ts').flatMap(tsdocExamples), {
    root: resolve(cli, '..'),
    scratch: join(cli, 'test', '.examples'),
    atLeast: 20,
  })
})
