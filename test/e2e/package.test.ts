// The npm package as a user gets it: npm pack, npm install -g into a temporary prefix, then from an
// empty folder: before setup, every hint names damon-exp setup (the user has no Makefile); setup
// builds masim and the TLB refresher into the user's cache; a QEMU run of one_target completes
// with its results in ./results; npx runs the same package; and nothing is ever written into the
// installed package. The user's cache is a fresh one whose kernels are those make kernel fetched
// (the download is test/e2e/qemu.test.ts's).
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { KERNEL_CACHE } from '../../src/kernel-images/cache.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const work = mkdtempSync(join(tmpdir(), 'damon-exp-package-'));
const prefix = join(work, 'prefix');
const installed = join(prefix, 'lib/node_modules/damon-exp');
const cache = join(work, 'cache');
const empty = join(work, 'empty');
let tarball = '';

function sh(
  command: string,
  args: string[],
  options: { cwd?: string; timeout?: number } = {},
): SpawnSyncReturns<string> {
  return spawnSync(command, args, {
    encoding: 'utf8',
    cwd: options.cwd ?? empty,
    timeout: options.timeout ?? 120_000,
    env: {
      ...process.env,
      PATH: `${join(prefix, 'bin')}:${process.env.PATH}`,
      DAMON_EXP_CACHE: cache,
      NO_COLOR: '1',
      npm_config_update_notifier: 'false',
    },
  });
}

/** Every file of the installed package with its size and time: what must not change. */
function snapshot(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .map((entry) => join(entry.parentPath, entry.name))
    .map((path) => {
      const s = statSync(path);
      return `${relative(dir, path)} ${s.size} ${s.mtimeMs}`;
    })
    .sort();
}

beforeAll(() => {
  if (!existsSync(join(KERNEL_CACHE, 'default')))
    throw new Error('no Debian DAMON kernel in the cache: run make kernel (part of make test)');
  mkdirSync(empty);
  mkdirSync(cache);
  symlinkSync(KERNEL_CACHE, join(cache, 'kernels'));
  const pack = sh('npm', ['pack', '--ignore-scripts', '--pack-destination', work], { cwd: ROOT });
  expect(pack.status, pack.stderr).toBe(0);
  tarball = join(work, pack.stdout.trim().split('\n').pop()!);
  const install = sh('npm', [
    'install',
    '-g',
    '--prefix',
    prefix,
    '--prefer-offline',
    '--no-audit',
    '--no-fund',
    tarball,
  ]);
  expect(install.status, install.stderr).toBe(0);
}, 300_000);

describe('the npm package, installed', () => {
  it('carries what the command needs and no Makefile, scripts or tests', () => {
    expect(readdirSync(installed).sort()).toEqual(
      [
        'README.md',
        'bin',
        'dist',
        'experiments',
        'kernels',
        'native',
        'node_modules',
        'package.json',
        'schemas',
        'templates',
      ].sort(),
    );
    expect(readdirSync(join(installed, 'native/masim')).sort()).toEqual(['config.c', 'config.h', 'masim.c']);
    expect(readdirSync(join(installed, 'native/tlb-refresh'))).toEqual(['tlb-refresh.c']);
    expect(existsSync(join(installed, 'kernels/guest.config'))).toBe(true);
    expect(existsSync(join(installed, 'dist/damon-exp-guest.mjs'))).toBe(true);
    expect(sh('damon-exp', ['--version']).stdout).toBe(`${VERSION}\n`);
  });

  it('sets up, runs one_target in QEMU from an empty folder, and writes nothing into the package', () => {
    const before = snapshot(installed);
    const doctor = sh('damon-exp', ['doctor']);
    expect(doctor.stdout).toContain('is not built (run damon-exp setup)');
    expect(doctor.stdout).not.toMatch(/\bmake (native|setup|kernel|build)\b/);

    const setup = sh('damon-exp', ['setup'], { timeout: 180_000 });
    expect(setup.status, `${setup.stdout}${setup.stderr}`).toBe(0);
    expect(setup.stdout).toMatch(
      new RegExp(
        `^masim +done +built: ${cache}/native/masim-${VERSION.replace(/\./g, '\\.')}-[0-9a-f]{12}/masim$`,
        'm',
      ),
    );
    expect(setup.stdout).toMatch(/^kernel debian +ok +in the cache already: linux-image-/m);
    expect(setup.stdout).toContain(`examples                 ${installed}/experiments`);
    const again = sh('damon-exp', ['setup', '--json']);
    expect((JSON.parse(again.stdout) as { steps: { state: string }[] }).steps.every((s) => s.state === 'ok')).toBe(
      true,
    );

    const run = sh(
      'damon-exp',
      ['run', join(installed, 'experiments/one_target.yaml'), '--backend', 'qemu', '--set', 'duration=4s'],
      {
        timeout: 300_000,
      },
    );
    expect(run.status, run.stderr).toBe(0);
    const dir = join(empty, 'results/one_target/duration-4s');
    expect(run.stdout.trim()).toBe(dir);
    const status = JSON.parse(readFileSync(join(dir, 'status.json'), 'utf8')) as { state: string };
    expect(status.state).toBe('complete');
    expect(readFileSync(join(dir, 'masim.script'), 'utf8')).toContain('damon:damon_aggregated');
    expect(existsSync(join(dir, 'report.html'))).toBe(true);

    expect(snapshot(installed)).toEqual(before);
  }, 600_000);

  it('runs the same through npx', () => {
    const npx = sh('npx', [
      '--yes',
      '--prefer-offline',
      `--package=${tarball}`,
      'damon-exp',
      'validate',
      join(installed, 'experiments/one_target.yaml'),
    ]);
    expect(npx.status, npx.stderr).toBe(0);
    expect(npx.stdout).toContain("one_target.yaml: ok, 'one_target', 1 run");
  }, 120_000);
});
