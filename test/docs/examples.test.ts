// Runs the code that documentation shows: every `@example` in a TSDoc comment under src/ and
// every ```ts block in README.md and docs/*.md. An example that throws fails its test, so the
// documentation cannot drift from the code.

import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
const scratch = join(root, 'test', '.examples')

interface Example {
  readonly name: string
  readonly source: string
  readonly code: string
}

const filesUnder = (folder: string, suffix: string): string[] =>
  readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name)
    if (entry.isDirectory()) return filesUnder(path, suffix)
    return entry.name.endsWith(suffix) ? [path] : []
  })

/** The @example blocks of a TypeScript file, each named by the declaration that follows it. */
const tsdocExamples = (path: string): Example[] => {
  const text = readFileSync(path, 'utf8')
  const examples: Example[] = []
  for (const comment of text.matchAll(
    /\/\*\*([\s\S]*?)\*\/\s*(?:export\s+)?(?:const|function|class|interface|type)?\s*(\w+)?/g,
  )) {
    const body = (comment[1] ?? '').split('\n').map((line) => line.replace(/^\s*\* ?/, ''))
    const start = body.findIndex((line) => line.trim() === '@example')
    if (start < 0) continue
    const end = body.findIndex((line, index) => index > start && line.trim().startsWith('@'))
    const code = body.slice(start + 1, end < 0 ? undefined : end).join('\n')
    examples.push({ name: comment[2] ?? 'anonymous', source: path, code })
  }
  return examples
}

/** The ```ts blocks of a Markdown file. */
const markdownExamples = (path: string): Example[] =>
  [...readFileSync(path, 'utf8').matchAll(/```ts\n([\s\S]*?)```/g)].map((match, index) => ({
    name: `block ${index + 1}`,
    source: path,
    code: match[1] ?? '',
  }))

/** Relative imports are written from the example's own file; rewrite them for the scratch file. */
const relocate = (example: Example, target: string): string =>
  example.code.replace(/from '(\.{1,2}\/[^']+)'/g, (_, specifier: string) => {
    const absolute = resolve(dirname(example.source), specifier)
    const moved = relative(dirname(target), absolute).replaceAll('\\', '/')
    return `from '${moved.startsWith('.') ? moved : './' + moved}'`
  })

const sources = [
  ...filesUnder(join(root, 'src'), '.ts').flatMap(tsdocExamples),
  ...[join(root, 'README.md'), ...filesUnder(join(root, 'docs'), '.md')].flatMap(markdownExamples),
]

rmSync(scratch, { recursive: true, force: true })
mkdirSync(scratch, { recursive: true })

describe('documentation examples run', () => {
  test('there are examples to run', () => {
    expect(sources.length).toBeGreaterThan(20)
  })

  sources.forEach((example, index) => {
    const where = `${relative(root, example.source)}: ${example.name}`
    test(where, async () => {
      const target = join(scratch, `example-${index}.ts`)
      writeFileSync(target, `// ${where}\n${relocate(example, target)}\nexport {}\n`)
      await import(target)
    })
  })
})
