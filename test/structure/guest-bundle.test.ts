// What a QEMU guest loads: its bundle is read over 9p and compiled under TCG, where every 100 KB
// costs a few tenths of a second of each run. The guest runs a resolved run.json, so the manifest
// loader (the YAML parser, the generated schema validator) must stay out of its import graph.
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ENTRY = join(ROOT, 'src/cli/guest-main.ts');

/** The modules a file loads at run time: value imports and exports, and import() (type-only ones vanish). */
function runtimeImports(text: string): string[] {
  const statements = [
    ...text.matchAll(/^\s*(import|export)\s(?!type\s)([^;]*?)\sfrom\s+'([^']+)'/gms),
    ...text.matchAll(/^\s*(import)\s+()'([^']+)'/gm),
  ];
  const dynamic = [...text.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g)].map((m) => m[1]!);
  // `import { type A, type B } from` loads nothing either.
  const valued = statements.filter((m) => !/^\{\s*(type\s+[\w$]+\s*,?\s*)+\}$/.test(m[2]!.trim()));
  return [...valued.map((m) => m[3]!), ...dynamic];
}

function resolveSource(from: string, specifier: string): string {
  const path = resolve(dirname(from), specifier).replace(/\.js$/, '.ts');
  if (!statSync(path, { throwIfNoEntry: false })?.isFile()) throw new Error(`${from}: no ${specifier}`);
  return path;
}

/** Every source file and package the entry reaches at run time. */
function reach(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const pending = [entry];
  while (pending.length) {
    const file = pending.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const specifier of runtimeImports(readFileSync(file, 'utf8'))) {
      if (specifier.startsWith('.')) pending.push(resolveSource(file, specifier));
      else if (!specifier.startsWith('node:')) packages.add(specifier);
    }
  }
  return { files, packages };
}

describe("the QEMU guest's bundle", () => {
  const { files, packages } = reach(ENTRY);
  const reached = [...files].map((f) => relative(join(ROOT, 'src'), f));

  it('reaches the executor, the recorder and the local backend', () => {
    expect(reached).toEqual(
      expect.arrayContaining(['cli/guest-run.ts', 'backends/local.ts', 'damon-sysfs/executor.ts', 'record/session.ts']),
    );
  });

  it('leaves out the manifest loader: no YAML parser, no schema validator', () => {
    expect([...packages]).not.toContain('yaml');
    expect([...packages]).not.toContain('ajv');
    expect(reached.filter((f) => /^manifest\/(schema|matrix|load|generated\/)/.test(f))).toEqual([]);
  });
});
