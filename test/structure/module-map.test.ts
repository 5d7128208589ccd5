// The folders of src/ as DESIGN.md's module map draws them: every import (type imports too) goes
// where the map allows, every folder is in the map, and the map itself has no cycle. A newcomer
// reads the map and finds the code where it says.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SRC = join(ROOT, 'src');

interface Row {
  folder: string;
  mayImport: Set<string> | 'all';
}

/** The module map's rows: `folder/` and the folders it may import (`every folder`, or none). */
function moduleMap(): Row[] {
  const design = readFileSync(join(ROOT, 'DESIGN.md'), 'utf8');
  const section = design.slice(design.indexOf('## Module map (src/)'));
  const table = section.slice(0, section.indexOf('\n\n', section.indexOf('| folder |')));
  const rows = table.split('\n').filter((line) => /^\| `[a-z-]+\/`/.test(line));
  return rows.map((line) => {
    const cells = line.split('|').map((cell) => cell.trim());
    const folder = /^`([a-z-]+)\/`$/.exec(cells[1]!)![1]!;
    const allowed = cells[3]!;
    return {
      folder,
      mayImport:
        allowed === 'every folder' ? 'all' : new Set([...allowed.matchAll(/`([a-z-]+)\/`/g)].map((m) => m[1]!)),
    };
  });
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** Every relative module a file names: static imports and exports (type ones too), and import(). */
function importsOf(text: string): string[] {
  const specifiers = [
    ...text.matchAll(/^\s*(?:import|export)\s[^;]*?\sfrom\s+'(\.{1,2}\/[^']+)'/gms),
    ...text.matchAll(/^\s*import\s+'(\.{1,2}\/[^']+)'/gm),
    ...text.matchAll(/\bimport\(\s*'(\.{1,2}\/[^']+)'\s*\)/g),
  ];
  return specifiers.map((m) => m[1]!);
}

const isFile = (path: string) => statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
const folderOf = (path: string) => relative(SRC, path).split('/')[0]!;

describe("DESIGN.md's module map", () => {
  const map = moduleMap();
  const rows = new Map(map.map((row) => [row.folder, row]));

  it('lists every folder of src/, and only those, with nothing at the top of src/', () => {
    const entries = readdirSync(SRC);
    expect(entries.filter((name) => !statSync(join(SRC, name)).isDirectory())).toEqual([]);
    expect([...rows.keys()].sort()).toEqual(entries.sort());
  });

  it('names only folders it lists, and has no cycle', () => {
    const visiting = new Set<string>();
    const done = new Set<string>();
    const visit = (folder: string, path: string[]): void => {
      if (done.has(folder)) return;
      expect(visiting.has(folder), `a cycle: ${[...path, folder].join(' -> ')}`).toBe(false);
      visiting.add(folder);
      const row = rows.get(folder);
      expect(row, `${path.at(-1)} may import ${folder}/, which the map does not list`).toBeDefined();
      if (row!.mayImport !== 'all') for (const next of row!.mayImport) visit(next, [...path, folder]);
      visiting.delete(folder);
      done.add(folder);
    };
    for (const folder of rows.keys()) visit(folder, []);
    // Only the commands (and docs/, which renders their help) may import every folder, and no folder imports them.
    for (const row of map)
      if (row.mayImport !== 'all')
        for (const top of ['cli', 'docs'])
          expect(row.mayImport.has(top), `${row.folder}/ may import ${top}/`).toBe(false);
  });

  it('allows every import of src/, each of which names a file that is there', () => {
    const wrong: string[] = [];
    for (const file of sourceFiles(SRC)) {
      const from = folderOf(file);
      for (const specifier of importsOf(readFileSync(file, 'utf8'))) {
        // A .ts module is named by its .js; a generated module is a .js of its own.
        const named = resolve(dirname(file), specifier);
        const target = isFile(named.replace(/\.js$/, '.ts')) ? named.replace(/\.js$/, '.ts') : named;
        const where = `${relative(SRC, file)} -> ${relative(SRC, target)}`;
        if (!isFile(target)) {
          wrong.push(`${where}: no such file`);
          continue;
        }
        const to = folderOf(target);
        const allowed = rows.get(from)?.mayImport;
        if (to !== from && allowed !== 'all' && !allowed?.has(to))
          wrong.push(`${where}: ${from}/ may not import ${to}/`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('sees the imports it checks (an import it could not read would pass unseen)', () => {
    const text = [
      "import { a } from '../x/a.js';",
      "import type { B } from '../y/b.js';",
      'import {\n  c,\n  type D,\n} from "../z/skip.js";',
      "import {\n  e,\n  type F,\n} from '../z/c.js';",
      "export { g } from './g.js';",
      "const h = await import('../w/h.js');",
    ].join('\n');
    expect(importsOf(text)).toEqual(['../x/a.js', '../y/b.js', '../z/c.js', './g.js', '../w/h.js']);
  });
});
