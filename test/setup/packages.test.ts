// Which Debian packages runs need are missing, the one apt-get line for them, and the optional
// groups; on a host without dpkg, the commands those packages give. dpkg-query and the commands
// are stand-ins on PATH here; the real dpkg-query answers the last test.
import { chmodSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aptLine, checkPackages, missingPackages, PACKAGE_GROUPS } from '../../src/setup/packages.js';

/** A PATH holding only these programs (each a script that prints `output`), and sh. */
function pathWith(programs: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'damon-exp-packages-'));
  symlinkSync('/bin/sh', join(dir, 'sh'));
  for (const [name, script] of Object.entries(programs)) {
    writeFileSync(join(dir, name), `#!/bin/sh\n${script}\n`);
    chmodSync(join(dir, name), 0o755);
  }
  return dir;
}

/** dpkg-query -W -f=... that knows `installed` as installed and the others as removed or unknown. */
function fakeDpkg(installed: string[]): string {
  const lines = installed.map((p) => `${p}:amd64 install ok installed`);
  return `printf '%s\\n' ${lines.map((l) => `'${l}'`).join(' ')} 'cpio deinstall ok config-files'; echo 'dpkg-query: no packages found matching zstd' >&2; exit 1`;
}

describe('checkPackages', () => {
  it('lists the missing packages runs need, and the optional groups apart', async () => {
    const all = PACKAGE_GROUPS.flatMap((g) => g.packages);
    const installed = all.filter((p) => !['cpio', 'zstd', 'bison', 'chromium'].includes(p));
    const report = await checkPackages({ PATH: pathWith({ 'dpkg-query': fakeDpkg(installed) }) });
    expect(report.dpkg).toBe(true);
    expect(missingPackages(report)).toEqual(['cpio', 'zstd']);
    expect(missingPackages(report, true)).toEqual(['cpio', 'zstd', 'bison', 'chromium']);
    expect(report.groups.filter((g) => !g.needed && g.missing.length).map((g) => g.purpose)).toEqual([
      'damon-exp kernel build',
      'PNG paper figures (damon-exp figures; SVG needs nothing)',
    ]);
    expect(aptLine(missingPackages(report))).toBe('sudo apt-get install --no-install-recommends cpio zstd');
  });

  it('looks for the commands on PATH where there is no dpkg', async () => {
    const report = await checkPackages({ PATH: pathWith({ 'qemu-system-x86_64': 'exit 0', cc: 'exit 0', perf: '' }) });
    expect(report.dpkg).toBe(false);
    expect(missingPackages(report)).toEqual(['busybox', 'cpio', 'xz', 'zstd']);
  });

  it("asks this host's dpkg (Debian, with what make setup installs): nothing runs need is missing", async () => {
    const report = await checkPackages();
    expect(report.dpkg).toBe(true);
    expect(missingPackages(report)).toEqual([]);
  });
});
