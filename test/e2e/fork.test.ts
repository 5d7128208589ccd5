// End to end on the multi-context fork (github onlyoneofme/damon-multi-contexts, v6.9-rc4 with
// a kdamond that serves a list of contexts), booted in QEMU from the kernel cache as
// `damon-multi-contexts` (make fork-kernel installs it from ../shared; users build it with
// damon-exp kernel build). One short run of many_contexts: all contexts in ONE kdamond, the trace's
// context_id, heats --cid, the report's per-context sections, accuracy per context, the kernel's
// identity in env.json and kernel list.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findCachedKernel } from '../../src/kernel-images/cache.js';
import type { RunStatus } from '../../src/record/run-files.js';
import { aggregatedLines } from './trace.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'bin/damon-exp.js');
const VM_TEST_TIMEOUT = 300_000;
const FORK = 'damon-multi-contexts';
const FORK_COMMIT = '7ba8e5ccc8174fe22d596355ef86f07dce673fd3';
const readJson = <T>(path: string) => JSON.parse(readFileSync(path, 'utf8')) as T;

function damonExp(args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: VM_TEST_TIMEOUT,
  });
}

const forkKernel = findCachedKernel(FORK);
if (!forkKernel) {
  // CI has ../shared and installs it (make fork-kernel); elsewhere these tests cannot run.
  process.stderr.write(
    `fork.test.ts: no '${FORK}' kernel in the cache (make fork-kernel, or damon-exp kernel build SRC --name ${FORK}): its tests are skipped\n`,
  );
}

describe.skipIf(!forkKernel)('contexts_scaling, the experiment the fork exists for', () => {
  it('varies the kernel and the number of contexts, each run named by its kernel', () => {
    const listed = damonExp(['list', join(ROOT, 'experiments/contexts_scaling.yaml'), '--json']);
    expect(listed.status).toBe(0);
    const runs = JSON.parse(listed.stdout) as { id: string; params: Record<string, unknown> }[];
    expect(runs).toHaveLength(24);
    expect(new Set(runs.map((r) => r.params['backend.kernel']))).toEqual(new Set(['debian', FORK]));
    expect(runs.map((r) => r.id)).toContain(`kernel-${FORK}_targets-8_rep3`);
  });
});

describe.skipIf(!forkKernel)('many_contexts on the multi-context fork in QEMU', () => {
  it(
    'runs every context in one kdamond, keeps them apart in the trace, the analysis, heats --cid and the report',
    () => {
      const out = mkdtempSync(join(tmpdir(), 'damon-exp-e2e-fork-'));
      const result = damonExp([
        'run',
        join(ROOT, 'experiments/many_contexts.yaml'),
        '--backend',
        'qemu',
        '--set',
        `backend.kernel=${FORK}`,
        '--set',
        'duration=4s',
        '--out',
        out,
      ]);
      expect(result.stderr).toContain('complete');
      expect(result.status).toBe(0);
      const dir = result.stdout.trim();
      // The run id names the kernel, not a path.
      expect(dir).toBe(join(out, 'many_contexts', `kernel-${FORK}_duration-4s`));
      const status = readJson<RunStatus>(join(dir, 'status.json'));
      expect(status.state).toBe('complete');
      expect(status.vm!.entry).toBe('bzImage'); // built without CONFIG_PVH

      // The probe found a kernel whose kdamond takes several contexts; the plan put all three in one.
      const plan = readJson<{
        caps: { kind: string; source: string; maxContextsPerKdamond: number | null };
        layout: { kdamonds: { contexts: unknown[] }[] };
        steps: { path?: string; value?: string }[];
      }>(join(dir, 'plan.json'));
      expect(plan.caps).toMatchObject({ kind: 'multi-context', maxContextsPerKdamond: null });
      expect(plan.caps.source).toMatch(/^probed /);
      expect(plan.layout.kdamonds).toHaveLength(1);
      expect(plan.layout.kdamonds[0]!.contexts).toHaveLength(3);
      expect(Object.keys(status.kdamondPids)).toEqual(['0']);

      // One kdamond thread, three contexts of one target each.
      const lines = aggregatedLines(readFileSync(join(dir, 'masim.script'), 'utf8'));
      expect(new Set(lines.map((l) => l.tid))).toEqual(new Set([status.kdamondPids[0]]));
      expect([...new Set(lines.map((l) => l.contextId))].sort()).toEqual([0, 1, 2]);
      expect(new Set(lines.map((l) => l.targetId))).toEqual(new Set([0]));

      // Accuracy per context, from each workload's phase log.
      const analysis = readJson<{
        targets: {
          kdamond: number;
          context: number;
          target: number;
          workload: string;
          accuracy: { snapshots: number; recall: number | null } | null;
        }[];
        kdamonds: unknown[];
      }>(join(dir, 'analysis.json'));
      expect(analysis.kdamonds).toHaveLength(1);
      expect(analysis.targets.map((t) => [t.kdamond, t.context, t.target, t.workload])).toEqual([
        [0, 0, 0, 'demo'],
        [0, 1, 0, 'stairs'],
        [0, 2, 0, 'zigzag'],
      ]);
      for (const target of analysis.targets) {
        expect(target.accuracy!.snapshots).toBeGreaterThan(10);
        expect(target.accuracy!.recall).toBeGreaterThan(0.5);
      }

      // heats --cid picks one context: each has its own address space, so their ranges differ.
      const guides = [0, 1, 2].map((cid) => damonExp(['heats', dir, '--guide', '--cid', String(cid)]));
      guides.forEach((guide, cid) => {
        expect(guide.status).toBe(0);
        // The seed's damo fork's heading, for the layout's context `cid` (kdamond 0's on the fork).
        expect(guide.stdout.startsWith(`context_id:${cid} target_id:0\n`)).toBe(true);
        expect(guide.stdout).not.toMatch(new RegExp(`context_id:(?!${cid})`));
        expect(guide.stderr).toContain(`ran as kdamond 0's context ${cid}`);
      });
      const heats = damonExp(['heats', dir, '--cid', '2', '--resol', '10x10']);
      expect(heats.status).toBe(0);
      expect(heats.stdout.trim().split('\n')).toHaveLength(100);
      expect(damonExp(['heats', dir, '--cid', '3']).stderr).toContain("--cid 3: the run's layout has 3 contexts");

      // The report: a section per context.
      const report = readFileSync(join(dir, 'report.html'), 'utf8');
      for (const cid of [0, 1, 2]) expect(report).toContain(`kdamond 0 · context ${cid} · target 0`);

      // env.json names the kernel the VM booted: the fork's release, source commit and config.
      const env = readJson<{
        kernel: {
          release: string;
          damonConfig: Record<string, string> | null;
          identity: { name: string; sourceCommit: string | null; imageSha256: string };
        };
      }>(join(dir, 'env.json'));
      expect(env.kernel.release).toBe('6.9.0-rc4+');
      expect(env.kernel.identity).toMatchObject({ name: FORK, sourceCommit: FORK_COMMIT });
      expect(env.kernel.identity.imageSha256).toMatch(/^[0-9a-f]{64}$/);
      expect(env.kernel.damonConfig).toMatchObject({ CONFIG_DAMON: 'y', CONFIG_DAMON_SYSFS: 'y' });

      // kernel list remembers what the probe found.
      const list = damonExp(['kernel', 'list', '--json']);
      const fork = (JSON.parse(list.stdout) as { name: string; contextsPerKdamond?: number | null }[]).find(
        (k) => k.name === FORK,
      )!;
      expect(fork.contextsPerKdamond).toBeNull();
      expect(existsSync(join(dir, 'logs/console.log'))).toBe(true);
    },
    VM_TEST_TIMEOUT,
  );
});
