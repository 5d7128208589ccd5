// DAMOS end to end on a real kernel: Debian's 6.12 in QEMU, with the swap disk the qemu backend
// gives a guest whose schemes page out. One run, two schemes in one context: stat (applied to
// every region, changes nothing) and pageout of regions idle for 1 s. The workload maps a cold
// region and touches only its hot one: the cold region's resident memory must fall, swap rise,
// and the kernel's own counters say what each scheme did. The cold region holds random bytes:
// 6.12 gives zero-filled memory back on its own (its THP shrinker maps zero subpages to the zero
// page), which would make RSS fall without any scheme.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Analysis } from '../../src/analysis/analyze.js';
import type { WorkloadMemory } from '../../src/record/memory.js';
import type { RunStatus } from '../../src/record/run-files.js';
import type { SchemeStats } from '../../src/record/scheme-stats.js';
import { aggregatedLines } from './trace.js';
import { KERNEL_CACHE } from '../../src/kernel-images/cache.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'bin/damon-exp.js');
const VM_TEST_TIMEOUT = 300_000;
const MiB = 2 ** 20;

const readJson = <T>(path: string) => JSON.parse(readFileSync(path, 'utf8')) as T;

beforeAll(() => {
  if (!existsSync(join(KERNEL_CACHE, 'default')))
    throw new Error('no Debian DAMON kernel in the cache: run make kernel (part of make test)');
});

const MANIFEST = `name: schemes_e2e
workloads:
  cold_hot:
    regions:
      - {name: cold, size: 32MiB, init: /dev/urandom}
      - {name: hot, size: 8MiB}
    phases:
      - name: hot only
        duration: 30s
        patterns: [{region: hot, stride: 4096, weight: 1}]
layout: {kind: one-target, workloads: [cold_hot]}
monitoring: {sample: 5ms, aggr: 100ms, update: 1s}
schemes:
  - action: stat
  - action: pageout
    access_pattern: {nr_accesses: {max: 0}, age: {min: 1s}}
duration: 9s
backend: {kind: qemu, swap: 256MiB}
`;

describe('DAMOS in QEMU (Debian 6.12)', () => {
  it(
    'pageout reclaims the cold region into swap, stat counts without acting, and the run says so',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'damon-exp-schemes-'));
      const manifest = join(dir, 'schemes.yaml');
      writeFileSync(manifest, MANIFEST);
      const result = spawnSync(process.execPath, [CLI, 'run', manifest, '--out', join(dir, 'results')], {
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
        timeout: VM_TEST_TIMEOUT,
      });
      expect(result.stderr).toContain('complete');
      expect(result.status).toBe(0);
      const run = result.stdout.trim();
      const status = readJson<RunStatus>(join(run, 'status.json'));
      expect(status.state).toBe('complete');

      // The monitoring itself, as for every layout (qemu.test.ts has the others): the one kdamond's
      // damon_aggregated lines, of its one target, analysed on the host.
      const lines = aggregatedLines(readFileSync(join(run, 'masim.script'), 'utf8'));
      expect(Object.values(status.kdamondPids)).toHaveLength(1);
      expect([...new Set(lines.map((l) => `${l.tid}/${l.targetId}`))]).toEqual([`${status.kdamondPids[0]}/0`]);

      // The kernel's counters: stat tried every region and applied to none; pageout tried the
      // cold region. (6.12 counts a vaddr region as applied only when madvise succeeds on all of
      // it: a region that spans an unmapped hole pages out its mapped part yet counts as not
      // applied, so sz_applied under-reports what was paged out; memory.json says what was.)
      const stats = readJson<SchemeStats>(join(run, 'scheme-stats.json'));
      expect(stats.schemes.map((s) => s.action)).toEqual(['stat', 'pageout']);
      const last = (scheme: number) => stats.samples.filter((s) => s.scheme === scheme).at(-1)!;
      expect(stats.samples.filter((s) => s.scheme === 1).length).toBeGreaterThan(3);
      expect(last(0).nr_tried).toBeGreaterThan(0);
      expect(last(0).sz_tried).toBeGreaterThan(40 * MiB);
      expect(last(0).nr_applied).toBe(0);
      expect(last(1).nr_tried).toBeGreaterThan(0);
      expect(last(1).sz_tried).toBeGreaterThan(32 * MiB);

      // What the workload's process shows: resident memory fell, swap rose.
      const memory = readJson<WorkloadMemory>(join(run, 'memory.json'));
      const samples = memory.samples.filter((s) => s.ref === 'w0' && s.rssBytes !== null);
      const peak = Math.max(...samples.map((s) => s.rssBytes!));
      const end = samples.at(-1)!;
      expect(peak).toBeGreaterThan(40 * MiB);
      expect(end.rssBytes!).toBeLessThan(peak - 8 * MiB);
      expect(end.swapBytes!).toBeGreaterThan(8 * MiB);

      const env = readJson<{ backend: { swap: { bytes: number; active: boolean } | null } }>(join(run, 'env.json'));
      expect(env.backend.swap).toMatchObject({ bytes: 256 * MiB, active: true });

      // The analysis and the report carry it: the figures compare come from here.
      const analysis = readJson<Analysis>(join(run, 'analysis.json'));
      expect(analysis.schemes?.[1]?.totals).toMatchObject({ nr_tried: last(1).nr_tried, sz_tried: last(1).sz_tried });
      expect(analysis.workloads?.[0]?.memory?.swapLastBytes).toBe(end.swapBytes);
      expect(analysis.workloads?.[0]?.throughput?.accessesPerSecond).toBeGreaterThan(0);
      expect(analysis.targets).toHaveLength(1);
      const report = readFileSync(join(run, 'report.html'), 'utf8');
      expect(report).toContain('DAMOS schemes');
      expect(report).toContain('<th>RSS mean</th>');
    },
    VM_TEST_TIMEOUT,
  );
});
