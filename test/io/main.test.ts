// `npm start`: the main job prints the notebook's first-layer product, computed by gradfold,
// exactly as the notebook printed z1, and a shape mistake as a one-line message.

import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { field, numbers, readFixture } from '../support/fixtures.js'

interface PrintedCase {
  readonly name: string
  readonly printed: string
}

const notebookPrinting = JSON.parse(
  readFileSync(new URL('../fixtures/notebook_printing.json', import.meta.url), 'utf8'),
) as readonly PrintedCase[]

const printedByNotebook = (name: string): string => {
  const found = notebookPrinting.find((entry) => entry.name === name)
  if (found === undefined) throw new Error(`fixture has no case ${name}`)
  return found.printed
}

const captureStdout = async (load: () => Promise<unknown>): Promise<string> => {
  const chunks: string[] = []
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(String(chunk))
    return true
  })
  await load()
  return chunks.join('')
}

afterEach(() => {
  vi.restoreAllMocks()
  vi.resetModules()
})

describe('npm start', () => {
  test('prints X·W with the numbers the notebook printed for z1 (its bias starts at zero)', async () => {
    const output = await captureStdout(() => import('../../src/io/main.js'))
    const z1 = printedByNotebook('z1[0, :3]') // numpy's 1-D form: [ 0.35263302 -0.06968908  0.12680159]
    expect(output).toContain(`z1 = X·W1 = [${z1}]`)
    expect(output).toContain(`X = ${printedByNotebook('X')}`)
  })

  test("shows the notebook's moons split: its sizes and scikit-learn's first test indices", async () => {
    const output = await captureStdout(() => import('../../src/io/main.js'))
    const split = field(readFixture('datasets_expected.json'), 'tts_300_0.2_42')
    const firstTest = numbers(field(split, 'test')).slice(0, 5).join(', ')
    expect(output).toContain('train X: 240×2, test X: 60×2')
    expect(output).toContain(`first test rows: ${firstTest}, …`)
  })

  test("derives the notebook's L = (x·w + b)²: 6, 7, 49 forward; 14, 14, 28, 42 backward", async () => {
    const output = await captureStdout(() => import('../../src/io/main.js'))
    for (const line of [
      'xw = x ⊙ w = 6',
      'z = xw + b = 7',
      'L = z² = 49',
      'dL/dz = 2·z = 14',
      'dL/db = 14',
      'dL/dw = 28',
      'dL/dx = 42',
    ]) {
      expect(output).toContain(line)
    }
  })

  test('shows a shape mistake as its message and names what is coming, without claiming it works', async () => {
    const output = await captureStdout(() => import('../../src/io/main.js'))
    expect(output).toContain('matmul: 2×3 · 2×3 — inner sizes 3 and 2 differ')
    expect(output).toMatch(/^gradfold \d+\.\d+\.\d+ — /)
    expect(output).toContain('Coming next')
  })
})
