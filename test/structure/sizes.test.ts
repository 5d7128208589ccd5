// Files a newcomer can read in one sitting: no module of src/ over 450 lines (generated code
// excepted), and a command no more than an adapter: options in, a call, output out (250 lines).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));
const MAX_MODULE_LINES = 450;
const MAX_COMMAND_LINES = 250;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'generated' ? [] : sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

const lines = (path: string) => readFileSync(path, 'utf8').split('\n').length - 1;
const generated = (path: string) => /^\/\*.*Generated from/.test(readFileSync(path, 'utf8').slice(0, 200));

describe('the size of src/', () => {
  const files = sourceFiles(SRC);

  it('has no module over 450 lines but generated ones', () => {
    expect(files.length).toBeGreaterThan(100);
    const long = files
      .filter((file) => !generated(file) && lines(file) > MAX_MODULE_LINES)
      .map((file) => `${relative(SRC, file)}: ${lines(file)} lines`);
    expect(long).toEqual([]);
  });

  it('has no command over 250 lines', () => {
    const commands = files.filter((file) => relative(SRC, file).startsWith('cli/'));
    expect(commands.length).toBeGreaterThan(10);
    const long = commands
      .filter((file) => lines(file) > MAX_COMMAND_LINES)
      .map((file) => `${relative(SRC, file)}: ${lines(file)} lines`);
    expect(long).toEqual([]);
  });
});
