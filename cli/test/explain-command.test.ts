// `gradfold explain`: the notebook's walkthrough lines in Russian, English and Markdown, and
// usage mistakes as one line with exit code 2.

import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { runExplain } from '../src/explain-command.js'

const notebookLines = readFileSync(
  new URL('../../test/fixtures/notebook_walkthrough_stdout.txt', import.meta.url),
  'utf8',
)
  .split('\n')
  .filter((line) => line.includes(' = ') && /\d/.test(line))

describe('gradfold explain', () => {
  test("--lang ru prints every value line of the notebook's walkthrough", () => {
    const result = runExplain(['--lang', 'ru'])
    expect(result.exitCode).toBe(0)
    expect(notebookLines.length).toBeGreaterThan(15)
    for (const line of notebookLines) expect(result.stdout).toContain(line)
  })

  test('English is the default; Markdown carries TeX', () => {
    const english = runExplain([])
    expect(english.stdout).toContain('W1[0, 0] = 0.250020')
    expect(english.stdout).not.toMatch(/[А-я]/)
    expect(runExplain(['--format', 'markdown']).stdout).toContain('$')
  })

  test('--help explains the options', () => {
    expect(runExplain(['--help']).stdout).toContain('--lang en|ru')
  })

  test.each([
    [
      ['--lang', 'de'],
      "gradfold: explain: --lang: expected en or ru, got 'de' (try 'gradfold explain --help')\n",
    ],
    [
      ['--format'],
      "gradfold: explain: --format: expected text or markdown, got nothing (try 'gradfold explain --help')\n",
    ],
    [
      ['--verbose'],
      "gradfold: explain: unknown option '--verbose' (try 'gradfold explain --help')\n",
    ],
  ])('%j is a usage mistake: one line, exit code 2', (args, message) => {
    expect(runExplain(args)).toStrictEqual({ exitCode: 2, stdout: '', stderr: message })
  })
})
