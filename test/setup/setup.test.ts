// setup --install as root: the missing packages runs need go to one apt-get install (with
// DEBIAN_FRONTEND=noninteractive), then are checked again; a failing install says apt's last line.
// dpkg-query and apt-get are stand-ins on PATH that share a list of installed packages.
import { chmodSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_GROUPS } from '../../src/setup/packages.js';
import { runSetup } from '../../src/setup/setup.js';

function standIns(installed: string[], aptFails = false) {
  const dir = mkdtempSync(join(tmpdir(), 'damon-exp-setup-'));
  const state = join(dir, 'installed');
  const log = join(dir, 'apt.log');
  writeFileSync(state, installed.map((p) => `${p}\n`).join(''));
  symlinkSync('/bin/sh', join(dir, 'sh'));
  const script = (name: string, body: string) => {
    writeFileSync(join(dir, name), `#!/bin/sh\n${body}\n`);
    chmodSync(join(dir, name), 0o755);
  };
  script('dpkg-query', `while read -r p; do echo "$p install ok installed"; done < '${state}'`);
  script(
    'apt-get',
    aptFails
      ? `echo "$DEBIAN_FRONTEND $*" >> '${log}'; echo 'E: Unable to locate package zstd' >&2; exit 100`
      : `echo "$DEBIAN_FRONTEND $*" >> '${log}'; [ "$1" = install ] && for p in "$@"; do echo "$p" >> '${state}'; done; exit 0`,
  );
  const read = () => {
    try {
      return readFileSync(log, 'utf8');
    } catch {
      return '';
    }
  };
  return { env: { PATH: dir, CC: '/usr/bin/cc' }, log: read };
}

const needed = PACKAGE_GROUPS.filter((g) => g.needed).flatMap((g) => g.packages);
const optional = PACKAGE_GROUPS.filter((g) => !g.needed).flatMap((g) => g.packages);

describe('setup --install', () => {
  it('installs what runs need in one apt-get install, then finds it installed', async () => {
    const world = standIns([...needed.filter((p) => p !== 'zstd' && p !== 'cpio'), ...optional]);
    const progress: string[] = [];
    const steps = await runSetup({
      install: true,
      kernel: false,
      imports: [],
      env: world.env,
      onProgress: (l) => progress.push(l),
    });
    expect(world.log()).toBe('noninteractive install -y -qq --no-install-recommends cpio zstd\n');
    expect(progress).toContain('installing cpio zstd (apt-get install)');
    expect(steps[0]).toEqual({ step: 'packages', state: 'done', detail: 'installed what runs need' });
  });

  it("fails the step with apt's last line after updating the lists once, and installs no optional group", async () => {
    const world = standIns(
      needed.filter((p) => p !== 'zstd'),
      true,
    );
    const steps = await runSetup({ install: true, kernel: false, imports: [], env: world.env, onProgress: () => {} });
    expect(world.log().split('\n').filter(Boolean)).toEqual([
      'noninteractive install -y -qq --no-install-recommends zstd',
      'noninteractive update -qq',
      'noninteractive install -y -qq --no-install-recommends zstd',
    ]);
    expect(steps[0]).toEqual({
      step: 'packages',
      state: 'failed',
      detail: 'apt-get install zstd failed: E: Unable to locate package zstd',
    });
  });

  it('without --install, prints the apt-get line for what runs need and lists the optional groups apart', async () => {
    const world = standIns(needed.filter((p) => p !== 'qemu-system-x86'));
    const steps = await runSetup({ install: false, kernel: false, imports: [], env: world.env, onProgress: () => {} });
    expect(world.log()).toBe('');
    expect(steps[0]).toEqual({
      step: 'packages',
      state: 'missing',
      detail: 'missing Debian packages that runs need: qemu-system-x86',
      hint: 'sudo apt-get install --no-install-recommends qemu-system-x86',
    });
    expect(steps.filter((s) => s.state === 'info').map((s) => s.detail)).toEqual([
      'optional, for damon-exp kernel build: make flex bison bc libelf-dev',
      'optional, for sweeps on Slurm (--executor slurm): slurm-client',
      'optional, for PNG paper figures (damon-exp figures; SVG needs nothing): chromium',
    ]);
  });
});
