// `gradfold tour` against an in-memory world (and once through a temp dir): tour.json's fields
// and values against the notebook's numbers in test/fixtures, graph.dot, the comparison lines,
// the nine figures (PNG bytes), the boundary's GIF and index.html, overwriting its own files run
// after run, and every mistake as one line with its exit code. The tour is computed once (about
// five seconds) and shared through makeTourCommand; most tests pass --no-figures (the figures
// take seconds more).

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { inlineSvgBytes } from '../src/figures.js'
import { ACTIVATION_SAMPLES } from '../src/report/tour-report.js'
import { runTour, SNAPSHOT_EVERY, type TourResults } from '../src/tour.js'
import {
  defaultReferencePath,
  makeTourCommand,
  tourCommand,
  tourHelp,
} from '../src/tour-command.js'
import { nodeWorld } from '../src/world.js'
import type { Command, World } from '../src/world.js'
import { right } from '../../test/support/either.js'
import { field, numbers, readFixture, rowsOf } from '../../test/support/fixtures.js'
import { remoteReferences } from './support/html.js'
import { decodeGif } from './support/gif.js'
import { memoryWorld, type MemoryWorld, type MemoryWorldOptions } from './support/memory-world.js'
import { decodePng } from './support/png.js'

const figureNames = ['01', '02', '03', '04', '05', '06', '07', '08', '09'].map((n) => `fig_${n}`)
const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

const shipped = readFileSync(new URL('../reference/notebook.json', import.meta.url), 'utf8')
const at = (value: unknown, ...keys: readonly string[]): unknown =>
  keys.reduce((inner, key) => field(inner, key), value)
const numberAt = (value: unknown, ...keys: readonly string[]): number => {
  const found = at(value, ...keys)
  if (typeof found !== 'number') throw new Error(`${keys.join('.')} is not a number`)
  return found
}

const chainRule = readFixture('chain_rule.json')
const verbose = at(readFixture('verbose_net.json'), 'verbose_net_2_3_1')
const check = at(readFixture('verbose_net.json'), 'gradient_check')
const runs = readFixture('notebook_runs.json')

// 1e-12 relative, as the train tests; the W2 numeric gradient within rounding (1e-9, see
// cli/test/tour-text.test.ts).
const near = (actual: unknown, expected: number, tolerance = 1e-12 * Math.abs(expected)): void => {
  expect(typeof actual).toBe('number')
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(tolerance)
}
const nearRows = (actual: unknown, expected: unknown): void => {
  const want = rowsOf(expected)
  const got = rowsOf(actual)
  expect(got.map((items) => items.length)).toStrictEqual(want.map((items) => items.length))
  want.forEach((items, i) => {
    items.forEach((value, j) => {
      near(got[i]?.[j], value)
    })
  })
}

describe('gradfold tour', () => {
  let results: TourResults
  let computed = 0
  let command: Command
  /** The command without figures (index.html keeps numbers and formulas): fast. */
  const quick = (args: readonly string[], world: MemoryWorld | World): Promise<number> =>
    Promise.resolve(command([...args, '--no-figures'], world))
  const withReference = (options: MemoryWorldOptions = {}): ReturnType<typeof memoryWorld> =>
    memoryWorld({ ...options, files: { [defaultReferencePath]: shipped, ...options.files } })

  beforeAll(() => {
    results = right(runTour())
    command = makeTourCommand(() => {
      computed += 1
      return E.right(results)
    })
  }, 60_000)

  test("tour.json holds every key number, each the notebook's (test/fixtures)", async () => {
    const world = withReference()
    expect(await quick(['--out', 'run'], world)).toBe(0)
    expect(world.stderr()).toBe('')
    const saved: unknown = JSON.parse(world.files.get('run/tour.json') ?? 'null')
    near(at(saved, 'chainRule', 'dfdx'), numberAt(chainRule, 'df_dx'))
    near(at(saved, 'chainRule', 'dfdxNumerical'), numberAt(chainRule, 'df_dx_numerical'))
    // the graph example by hand: z = 2·3 + 1 = 7, L = z², dL/dx = 2z·w, dL/dw = 2z·x, dL/db = 2z
    expect(at(saved, 'graph')).toMatchObject({ L: 49, dLdx: 42, dLdw: 28, dLdb: 14 })
    near(at(saved, 'verbose231', 'loss'), numberAt(verbose, 'forward', 'loss'))
    for (const [ours, theirs] of [
      ['dW1', 'dL_dW1'],
      ['db1', 'dL_db1'],
      ['dW2', 'dL_dW2'],
      ['db2', 'dL_db2'],
    ] as const)
      nearRows(at(saved, 'verbose231', ours), at(verbose, 'backward', theirs))
    for (const name of ['W1', 'b1', 'W2', 'b2'])
      nearRows(at(saved, 'verbose231', 'updated', name), at(verbose, 'update', name))
    near(at(saved, 'gradientCheck', 'W1', 'analytic'), numberAt(check, 'dL_dW1_analytical_value'))
    near(at(saved, 'gradientCheck', 'W1', 'numeric'), numberAt(check, 'dL_dW1_numerical'), 1e-9)
    near(at(saved, 'gradientCheck', 'W2', 'analytic'), numberAt(check, 'dL_dW2_analytical_value'))
    near(at(saved, 'gradientCheck', 'W2', 'numeric'), numberAt(check, 'dL_dW2_numerical'), 1e-9)
    const moonsLosses = numbers(at(runs, 'moons', 'model', 'losses'))
    const circlesLosses = numbers(at(runs, 'circles', 'model', 'losses'))
    numbers(at(saved, 'moons', 'losses')).forEach((loss, i) => {
      near(loss, moonsLosses[i] ?? Number.NaN)
    })
    numbers(at(saved, 'circles', 'losses')).forEach((loss, i) => {
      near(loss, circlesLosses[i] ?? Number.NaN)
    })
    expect(numbers(at(saved, 'moons', 'losses'))).toHaveLength(1000)
    expect(numbers(at(saved, 'circles', 'losses'))).toHaveLength(2000)
    expect(at(saved, 'moons', 'testAccuracy')).toBe(numberAt(runs, 'moons', 'test_accuracy'))
    expect(at(saved, 'circles', 'trainAccuracy')).toBe(
      numberAt(runs, 'circles', 'train_accuracy_final'),
    )
  })

  test("tour.json keeps both values where compared: the notebook's numbers and each |Δ|", async () => {
    const world = withReference()
    expect(await quick(['--out', 'run'], world)).toBe(0)
    const saved: unknown = JSON.parse(world.files.get('run/tour.json') ?? 'null')
    expect(at(saved, 'notebook')).toStrictEqual(JSON.parse(shipped))
    const rows = at(saved, 'comparison', 'graph', 'rows')
    expect(rows).toStrictEqual([
      { path: 'graph.L', gradfold: 49, notebook: 49, difference: 0 },
      { path: 'graph.dLdx', gradfold: 42, notebook: 42, difference: 0 },
      { path: 'graph.dLdw', gradfold: 28, notebook: 28, difference: 0 },
      { path: 'graph.dLdb', gradfold: 14, notebook: 14, difference: 0 },
    ])
    const [curve] = at(saved, 'comparison', 'circles', 'series') as unknown[]
    expect(at(curve, 'count')).toBe(2000)
    expect(numberAt(curve, 'largestDifference')).toBeLessThanOrEqual(1e-14)
  })

  test('prints the chapters with their tables and writes graph.dot, in English by default', async () => {
    const world = withReference()
    expect(await quick([], world)).toBe(0)
    const printed = world.stdout()
    expect(printed).toContain('Epoch 900: Loss = 0.074927, Accuracy = 0.9000\n')
    expect(printed).toContain('\ngradfold beside the notebook:\n  quantity ')
    expect(printed).toMatch(/\n {2}dL\/dw +28 +28 +0\n/u)
    expect(printed).toMatch(
      /\n {2}dL\/dW2\[0, 0\] \(numerical\) +-0\.0991987868\d* +-0\.0991987864\d* +4\.16e-10\n/u,
    )
    expect(
      printed.endsWith(
        'Wrote (overwriting what was there): out/tour/tour.json, out/tour/graph.dot, out/tour/index.html\n',
      ),
    ).toBe(true)
    const dot = world.files.get('out/tour/graph.dot') ?? ''
    expect(dot.startsWith('digraph "computational graph" {')).toBe(true)
    expect(dot).toContain('label="L = (x·w + b)²"')
    expect(dot).toContain('[label="dL/dw = 28", color="red"')
    expect(dot).toContain('[label="dL/dx = 42", color="red"')
    expect(dot).toContain('"output" [label="Loss"')
  })

  test('--lang ru prints the notebook’s words; the numbers saved are the same', async () => {
    const english = withReference()
    const russian = withReference()
    expect(await quick(['--out', 'x'], english)).toBe(0)
    expect(await quick(['--lang', 'ru', '--out', 'x'], russian)).toBe(0)
    expect(russian.stdout()).toContain('Точность на тестовой выборке: 0.8833\n')
    expect(russian.stdout()).toContain('\ngradfold и тетрадка:\n')
    expect(russian.files.get('x/tour.json')).toBe(english.files.get('x/tour.json'))
  })

  test('the tour owns its files: it overwrites them run after run and leaves others alone', async () => {
    const world = withReference({
      files: { 'mine/tour.json': 'stale', 'mine/graph.dot': 'stale', 'mine/notes.txt': 'keep' },
    })
    expect(await quick(['--out', 'mine'], world)).toBe(0)
    const first = world.files.get('mine/tour.json')
    expect(first?.startsWith('{\n  "chainRule": {')).toBe(true)
    expect(world.files.get('mine/graph.dot')).not.toBe('stale')
    expect(await quick(['--out', 'mine'], world)).toBe(0)
    expect(world.files.get('mine/tour.json')).toBe(first)
    expect(world.files.get('mine/notes.txt')).toBe('keep')
    expect(tourHelp).toContain('each run overwrites these files')
  })

  test('--no-reference: no file read, no tables, tour.json without the notebook', async () => {
    const world = memoryWorld()
    expect(await quick(['--no-reference', '--out', 'o'], world)).toBe(0)
    expect(world.stdout()).toContain('(--no-reference: the notebook’s values are not compared)')
    expect(world.stdout()).not.toContain('beside the notebook')
    const saved = JSON.parse(world.files.get('o/tour.json') ?? '{}') as Record<string, unknown>
    expect(Object.keys(saved)).toStrictEqual([
      'chainRule',
      'graph',
      'verbose231',
      'gradientCheck',
      'moons',
      'circles',
    ])
  })

  test.each([
    [
      'a missing reference file',
      ['--reference', 'gone.json'],
      {},
      "gradfold tour: cannot read 'gone.json': no such file or directory (--no-reference runs the tour without the notebook's numbers)\n",
    ],
    [
      'a reference with a wrong field',
      ['--reference', 'bad.json'],
      {
        'bad.json': shipped.replace('"testAccuracy": 0.8833333333333333', '"testAccuracy": "high"'),
      },
      'gradfold tour: bad.json: moons.testAccuracy should be number, got "high" (--no-reference runs the tour without the notebook\'s numbers)\n',
    ],
  ])('%s: one line, exit code 1, nothing computed or written', async (_, args, files, message) => {
    const before = computed
    const world = memoryWorld({ files })
    expect(await command(args, world)).toBe(1)
    expect([world.stdout(), world.stderr()]).toStrictEqual(['', message])
    expect(computed).toBe(before)
    expect([...world.files.keys()].filter((path) => path.startsWith('out'))).toStrictEqual([])
  })

  test('a reference whose curve has other sizes: one line, exit code 1', async () => {
    const reference = JSON.parse(shipped) as { moons: { losses: number[] } }
    reference.moons.losses = reference.moons.losses.slice(0, 999)
    const world = memoryWorld({ files: { 'short.json': JSON.stringify(reference) } })
    expect(await command(['--reference', 'short.json'], world)).toBe(1)
    expect(world.stderr()).toBe(
      "gradfold tour: tour: comparing with the notebook: moons.losses: the notebook's has 999 values, gradfold's 1000\n",
    )
  })

  test('an output folder that is a file, or a disk that refuses: one line, exit code 1', async () => {
    const file = withReference({ files: { taken: 'a file' } })
    expect(await command(['--out', 'taken'], file)).toBe(1)
    expect(file.stderr()).toBe(
      "gradfold tour: cannot list 'taken': exists and is not a directory\n",
    )
    const refusing = withReference({ unwritable: ['locked/'] })
    expect(await command(['--out', 'locked'], refusing)).toBe(1)
    expect(refusing.stderr()).toBe(
      "gradfold tour: cannot write 'locked/tour.json': permission denied\n",
    )
  })

  test.each([
    [['--lang', 'de'], "--lang: expected en or ru, got 'de'"],
    [['--lang'], '--lang: expected en or ru, got nothing'],
    [['--out'], '--out: expected a directory, got nothing'],
    [['--out', '--lang', 'ru'], "--out: expected a directory, got '--lang'"],
    [['--reference'], '--reference: expected a file, got nothing'],
    [['--verbose'], "unknown option '--verbose'"],
    [['moons'], "unexpected argument 'moons'"],
    [['--out', 'a', '--out', 'b'], '--out: given more than once'],
    [
      ['--reference', 'r.json', '--no-reference'],
      '--no-reference: cannot be given with --reference',
    ],
    [['--no-figures=yes'], "--no-figures: expected no value, got 'yes'"],
  ])('%j is a usage mistake: one line, exit code 2, nothing computed', async (args, problem) => {
    const before = computed
    const world = withReference()
    expect(await tourCommand(args, world)).toBe(2)
    expect(await command(args, world)).toBe(2)
    const line = `gradfold: tour: ${problem} (try 'gradfold tour --help')\n`
    expect([world.stdout(), world.stderr()]).toStrictEqual(['', line + line])
    expect(computed).toBe(before)
  })

  test('the nine figures: an SVG and a PNG each, each shown in index.html', async () => {
    const world = withReference()
    expect(await command(['--out', 'r'], world)).toBe(0)
    expect(world.stderr()).toBe('')
    expect([...world.binaryFiles.keys()].sort()).toStrictEqual([
      ...figureNames.map((name) => `r/${name}.png`),
      'r/moons-boundary.gif',
    ])
    // the GIF: one frame per player frame, each the size of the player's frames, looping
    const gif = decodeGif(world.binaryFiles.get('r/moons-boundary.gif') ?? new Uint8Array())
    expect([gif.frames.length, gif.loopCount]).toStrictEqual([21, 0])
    expect(gif.frames[0]?.delayCentiseconds).toBe(30)
    for (const [path, bytes] of world.binaryFiles) {
      if (path.endsWith('.gif')) continue
      expect([...bytes.slice(0, 8)], path).toStrictEqual(pngSignature)
      const image = decodePng(bytes)
      expect(image.width, path).toBeGreaterThan(200)
      expect(image.height, path).toBeGreaterThan(40)
    }
    // the graph carries the example's gradients; fig_05–07 are the notebook's samples 0, 5, 10
    expect(world.files.get('r/fig_01.svg')).toContain('dL/dw = 28')
    ACTIVATION_SAMPLES.forEach((sample, index) => {
      expect(world.files.get(`r/fig_0${5 + index}.svg`)).toContain(`sample ${sample}<`)
    })
    const html = world.files.get('r/index.html') ?? ''
    const shown = [...html.matchAll(/<figure class="chart" id="([^"]+)">/gu)].map((m) => m[1])
    expect(shown).toStrictEqual(figureNames)
    for (const name of figureNames) {
      // every figure has its SVG; the page inlines the small ones and shows the others' PNGs
      const svg = world.files.get(`r/${name}.svg`)
      expect(svg, `${name}.svg`).toBeDefined()
      const inline = new TextEncoder().encode(svg ?? '').length <= inlineSvgBytes
      const figure = html.slice(html.indexOf(`id="${name}"`)).split('</figure>')[0] ?? ''
      expect(figure.includes('<svg'), `${name} inline when its SVG is small`).toBe(inline)
      expect(figure.includes('<img src="data:image/png;base64,'), name).toBe(!inline)
    }
    expect(remoteReferences(html)).toStrictEqual([])
    expect(html).toContain('class="katex"')
    const labels = [...html.matchAll(/class="player-frame" data-label="([^"]+)"/gu)].map(
      (m) => m[1],
    )
    expect(labels).toStrictEqual(
      Array.from({ length: 21 }, (_, index) => `Epoch ${index * SNAPSHOT_EVERY}`),
    )
    const firstFrame = html.slice(html.indexOf('class="player-frame"'))
    const size = /width="(\d+)" height="(\d+)"/u.exec(firstFrame)
    expect([gif.width, gif.height]).toStrictEqual([Number(size?.[1]), Number(size?.[2])])
    expect(html).toContain('<a class="player-download" href="moons-boundary.gif" download>')
    expect(world.stdout()).toContain('r/index.html, r/fig_01.svg, r/fig_01.png')
    expect(world.stdout()).toContain('r/fig_09.png, r/moons-boundary.gif')
  }, 120_000)

  test('--no-figures: index.html with the numbers and formulas, no figure files', async () => {
    const world = withReference()
    expect(await quick(['--out', 'q'], world)).toBe(0)
    expect(world.binaryFiles.size).toBe(0)
    const html = world.files.get('q/index.html') ?? ''
    expect(html).toContain('class="katex"')
    expect(html).toContain('<td>moons.testAccuracy</td>')
    expect(html).not.toContain('<figure')
    expect(remoteReferences(html)).toStrictEqual([])
  })

  test('a figure the disk refuses: one line naming it, exit code 1', async () => {
    const world = withReference({ unwritable: ['r/fig_03'] })
    expect(await command(['--out', 'r'], world)).toBe(1)
    expect(world.stderr()).toMatch(
      /^gradfold tour: .*fig_03: .*'r\/fig_03\.svg': permission denied\n$/u,
    )
    expect(world.files.has('r/index.html')).toBe(false)
  }, 60_000)

  test('--help prints the options and what the tour overwrites', async () => {
    const world = memoryWorld()
    expect(await command(['--out', 'x', '--help'], world)).toBe(0)
    expect(world.stdout()).toBe(tourHelp)
    for (const option of [
      '--out DIR',
      '--lang en|ru',
      '--reference FILE',
      '--no-reference',
      '--no-figures',
    ])
      expect(tourHelp).toContain(option)
  })

  describe('through a temp dir (the real file system)', () => {
    const folder = mkdtempSync(join(tmpdir(), 'gradfold-tour-'))
    afterAll(() => {
      rmSync(folder, { recursive: true, force: true })
    })

    test('writes tour.json and graph.dot, and overwrites them on the next run', async () => {
      const out = join(folder, 'nested', 'tour')
      const world = { ...nodeWorld(), print: () => undefined }
      expect(await quick(['--out', out], world)).toBe(0)
      writeFileSync(join(out, 'tour.json'), 'stale')
      expect(await quick(['--out', out], world)).toBe(0)
      const saved = JSON.parse(readFileSync(join(out, 'tour.json'), 'utf8')) as {
        graph: { L: number }
      }
      expect(saved.graph.L).toBe(49)
      expect(readFileSync(join(out, 'graph.dot'), 'utf8')).toMatch(/^digraph /u)
    })
  })
})
