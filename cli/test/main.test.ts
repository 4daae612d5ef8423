// `npm start`: `gradfold tour --out out/tour` between an introduction and a closing line — every
// language-neutral numeric line of the notebook's printout appears in the English tour, the user's
// `--out` wins over the default, and a bad argument is one line and exit code 2 with no intro.

import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, test } from 'vitest'
import { tourHelp } from '../src/tour-command.js'
import { restoreProcess, runEntry } from './support/run-entry.js'

const notebookLines = readFileSync(
  new URL('../../test/fixtures/notebook_stdout.txt', import.meta.url),
  'utf8',
).split('\n')

// The W2[0, 0] numeric gradient and its difference depend on the last bits of the loss (see
// cli/test/tour-text.test.ts); every other numeric line must match the notebook exactly.
const languageNeutral = notebookLines.filter(
  (line) =>
    /\d/.test(line) &&
    !/[А-я]/.test(line) &&
    !line.includes('-0.0991987864') &&
    !line.includes('3.64e-10'),
)

const runMain = (args: readonly string[]): ReturnType<typeof runEntry> =>
  runEntry(() => import('../src/main.js'), args)

const folder = mkdtempSync(join(tmpdir(), 'gradfold-main-'))

afterEach(restoreProcess)
afterAll(() => {
  rmSync(folder, { recursive: true, force: true })
})

describe('npm start', () => {
  test("prints, in English, the notebook's numeric lines, and writes where --out says", async () => {
    const out = join(folder, 'tour')
    const { stdout, stderr, exitCode } = await runMain(['--out', out])
    expect([stderr, exitCode]).toStrictEqual(['', undefined])
    expect(stdout).toMatch(/^gradfold \d+\.\d+\.\d+ — /u)
    expect(stdout).toContain('The seed notebook on backpropagation, replayed by gradfold')
    expect(languageNeutral.length).toBeGreaterThan(40)
    for (const line of languageNeutral) expect(stdout).toContain(line)
    expect(stdout).toContain('\ngradfold beside the notebook:\n')
    expect(stdout).toContain(`Wrote (overwriting what was there): ${join(out, 'tour.json')}`)
    expect(
      stdout.endsWith(
        `\nThe report with every figure and formula: ${join(out, 'index.html')} (opens offline).\nNext: gradfold train examples/moons.json --out runs/moons --report (gradfold --help).\n`,
      ),
    ).toBe(true)
    expect(existsSync(join(out, 'tour.json'))).toBe(true)
    expect(readFileSync(join(out, 'graph.dot'), 'utf8')).toMatch(/^digraph /u)
  }, 60_000)

  test('a bad argument is one line on stderr and exit code 2, without the introduction', async () => {
    const { stdout, stderr, exitCode } = await runMain(['--lang', 'de'])
    expect([stdout, stderr, exitCode]).toStrictEqual([
      '',
      "gradfold: tour: --lang: expected en or ru, got 'de' (try 'gradfold tour --help')\n",
      2,
    ])
  })

  test('--help prints the tour’s help alone', async () => {
    const { stdout, exitCode } = await runMain(['--help'])
    expect([stdout, exitCode]).toStrictEqual([tourHelp, undefined])
  })
})
