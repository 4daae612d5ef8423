// `npm start`: the main job replays the seed notebook and prints its numbers — every numeric line
// of the notebook's printout that is not in Russian appears verbatim in the English tour, and the
// Russian tour opens with the notebook's first line; a bad argument is one line and exit code 2.

import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, test } from 'vitest'
import { restoreProcess, runEntry } from '../support/run-entry.js'

const notebookLines = readFileSync(
  new URL('../fixtures/notebook_stdout.txt', import.meta.url),
  'utf8',
).split('\n')

// The W2[0, 0] numeric gradient and its difference depend on the last bits of the loss (see
// test/io/tour.test.ts); every other numeric line must match the notebook exactly.
const languageNeutral = notebookLines.filter(
  (line) =>
    /\d/.test(line) &&
    !/[А-я]/.test(line) &&
    !line.includes('-0.0991987864') &&
    !line.includes('3.64e-10'),
)

const runMain = (args: readonly string[]): ReturnType<typeof runEntry> =>
  runEntry(() => import('../../src/io/main.js'), args)

afterEach(restoreProcess)

describe('npm start', () => {
  test("prints, in English, every language-neutral numeric line of the notebook's printout", async () => {
    const { stdout, exitCode } = await runMain([])
    expect(exitCode).toBeUndefined()
    expect(stdout).toMatch(/^gradfold \d+\.\d+\.\d+ — /)
    expect(languageNeutral.length).toBeGreaterThan(40)
    for (const line of languageNeutral) expect(stdout).toContain(line)
  })

  test('--lang ru prints the notebook in its own words', async () => {
    const { stdout } = await runMain(['--lang', 'ru'])
    expect(stdout).toContain(notebookLines.slice(0, 4).join('\n'))
    expect(stdout).toContain('Точность на тестовой выборке: 0.8833')
  })

  test('a bad argument is one line on stderr and exit code 2', async () => {
    const { stdout, stderr, exitCode } = await runMain(['--lang', 'de'])
    expect([stdout, stderr, exitCode]).toStrictEqual([
      '',
      'gradfold: --lang: expected en or ru, got de\n',
      2,
    ])
  })
})
