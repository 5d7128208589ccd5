// Building our native programs from the shipped C source with the system's cc: once, again only
// when the source changed, never half a file, and a compiler that is missing or fails said so.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildNative, NativeBuildError } from '../../src/setup/native.js';
import { packagePath } from '../../src/util/version.js';
import type { NativeProgram } from '../../src/util/places.js';

/** masim's shipped source copied to a folder of its own, to be built into `out`. */
function masimCopy(): NativeProgram {
  const root = mkdtempSync(join(tmpdir(), 'damon-exp-native-'));
  const sourceDir = join(root, 'src');
  mkdirSync(sourceDir);
  const sources = ['masim.c', 'config.c', 'config.h'];
  for (const file of sources) cpSync(packagePath(`native/masim/${file}`), join(sourceDir, file));
  return { name: 'masim', sourceDir, sources, path: join(root, 'cache/native/masim-x/masim') };
}

describe('buildNative', () => {
  it('builds masim with cc into the cache, a program that runs, and does not build it again', async () => {
    const program = masimCopy();
    const progress: string[] = [];
    const first = await buildNative(program, { ...process.env, CC: '' }, (line) => progress.push(line));
    expect(first).toEqual({ path: program.path, built: true });
    expect(progress).toEqual(['building masim (cc)']);
    expect(execFileSync(program.path, ['--help'], { encoding: 'utf8' })).toContain('--wait-start');
    expect(readdirSync(dirname(program.path))).toEqual(['masim']); // no partial file left
    const again = await buildNative(program, process.env, (line) => progress.push(line));
    expect(again.built).toBe(false);
    expect(progress).toHaveLength(1);
  }, 60_000);

  it('builds again when a source file is newer than the program', async () => {
    const program = masimCopy();
    await buildNative(program);
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(program.sourceDir, 'config.h'), later, later);
    expect((await buildNative(program)).built).toBe(true);
  }, 60_000);

  it('says a compiler is missing, with the packages that give one, and leaves nothing', async () => {
    const program = masimCopy();
    const error = await buildNative(program, { ...process.env, CC: 'no-such-cc-here' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NativeBuildError);
    expect((error as NativeBuildError).message).toBe('building masim failed: no-such-cc-here was not found');
    expect((error as NativeBuildError).hint).toContain('apt-get install gcc libc6-dev');
    expect(readdirSync(dirname(program.path))).toEqual([]);
  });

  it("shows the compiler's own error when the source does not compile", async () => {
    const program = masimCopy();
    cpSync(join(program.sourceDir, 'config.h'), join(program.sourceDir, 'masim.c'));
    const error = await buildNative(program).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NativeBuildError);
    expect((error as Error).message).toMatch(/^building masim failed: [^]*(error|undefined reference)/);
    expect(existsSync(program.path)).toBe(false);
  }, 60_000);
});
