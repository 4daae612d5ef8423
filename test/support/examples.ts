// Runs the code that documentation shows, for both packages' example tests: every `@example` in a
// TSDoc comment and every ```ts block in Markdown, each written to a scratch file (relative imports
// rewritten for its place) and imported. An example that throws fails its test.

import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { expect, test } from 'vitest'

/** One example: the code, the file it is written in, and the declaration or block it belongs to. */
export interface Example {
  readonly name: string
  readonly source: string
  readonly code: string
}

/** The files under `folder` (recursively) whose names end with `suffix`. */
export const filesUnder = (folder: string, suffix: string): string[] =>
  readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name)
    if (entry.isDirectory()) return filesUnder(path, suffix)
    return entry.name.endsWith(suffix) ? [path] : []
  })

/** The @example blocks of a TypeScript file, each named by the declaration that follows it. */
export const tsdocExamples = (path: string): Example[] => {
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
export const markdownExamples = (path: string): Example[] =>
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

/**
 * One test per example (named by its file, relative to `root`, and its declaration), run from
 * scratch files in `scratch` (emptied first), and a test that there are more than `atLeast`.
 */
export const testExamples = (
  examples: readonly Example[],
  options: { readonly root: string; readonly scratch: string; readonly atLeast: number },
): void => {
  rmSync(options.scratch, { recursive: true, force: true })
  mkdirSync(options.scratch, { recursive: true })

  test('there are examples to run', () => {
    expect(examples.length).toBeGreaterThan(options.atLeast)
  })

  examples.forEach((example, index) => {
    const where = `${relative(options.root, example.source)}: ${example.name}`
    test(where, async () => {
      const target = join(options.scratch, `example-${index}.ts`)
      writeFileSync(target, `// ${where}\n${relocate(example, target)}\nexport {}\n`)
      await import(target)
    })
  })
}
