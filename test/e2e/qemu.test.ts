// End to end on a real DAMON kernel: Debian's 6.12 in QEMU (KVM where it works, else TCG), the
// host's root shared read-only, our masim and the host's perf. Slow (tens of seconds a run), so
// the runs are few and short; they run one after another in this file.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunStatus } from '../../src/record/run-files.js';
import { bootAndRun } from '../../src/backends/qemu/boot.js';
import { guestScript } from '../../src/backends/qemu/guest-script.js';
import { kernelFor } from '../../src/backends/qemu/provision.js';
import { GUEST_SCRIPT } from '../../src/backends/qemu/initramfs.js';
import { loadExperiment } from '../../src/manifest/load.js';
import { buildPlan } from '../../src/plan/build.js';
import { assumedCaps } from '../../src/plan/caps.js';
import { renderPlanSh } from '../../src/plan/render-sh.js';
import { accessesInsideAndOutside, aggregatedLines } from './trace.js';
import { KERNEL_CACHE } from '../../src/kernel-images/cache.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'bin/damon-exp.js');
const VM_TEST_TIMEOUT = 300_000;

function damonExp(args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: VM_TEST_TIMEOUT,
  });
}

const readJson = <T>(path: string) => JSON.parse(readFileSync(path, 'utf8')) as T;

beforeAll(() => {
  if (!existsSync(join(KERNEL_CACHE, 'default')))
    throw new Error('no Debian DAMON kernel in the cache: run make kernel (part of make test)');
  for (const tool of ['qemu-system-x86_64', 'busybox', 'cpio', 'perf']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0)
      throw new Error(`${tool} is missing: run make setup`);
  }
});

interface Expectation {
  name: string;
  kdamonds: number;
  targetsPerKdamond: number[];
  /** The zigzag workload, whose 100 MB regions are hot from the start. */
  hot: string;
}

// one_target's layout (one kdamond, one target) is schemes.test.ts's, which checks the same.
describe.each<Expectation>([
  { name: 'many_targets', kdamonds: 1, targetsPerKdamond: [3], hot: 'w0' },
  { name: 'many_contexts', kdamonds: 3, targetsPerKdamond: [1, 1, 1], hot: 'w2' },
])('$name in QEMU', ({ name, kdamonds, targetsPerKdamond, hot }) => {
  it(
    'records damon_aggregated from every kdamond and target, and the hot region is hotter than the rest',
    () => {
      const out = mkdtempSync(join(tmpdir(), 'damon-exp-e2e-'));
      const result = damonExp([
        'run',
        join(ROOT, 'experiments', `${name}.yaml`),
        '--set',
        'duration=4s',
        '--backend',
        'qemu',
        '--out',
        out,
      ]);
      expect(result.stderr).toContain('complete');
      expect(result.status).toBe(0);
      const dir = result.stdout.trim();
      expect(dir).toBe(join(out, name, 'duration-4s'));
      const status = readJson<RunStatus & { vm: { exitStatus: number; entry: string } }>(join(dir, 'status.json'));
      expect(status.state).toBe('complete');
      expect(status.vm.exitStatus).toBe(0);
      expect(status.vm.entry).toBe('pvh'); // Debian's kernel has CONFIG_PVH: booted without its bzImage loader
      expect(existsSync(join(dir, 'masim.data'))).toBe(true);
      expect(existsSync(join(dir, 'logs/console.log'))).toBe(true);

      const lines = aggregatedLines(readFileSync(join(dir, 'masim.script'), 'utf8'));
      const tids = Object.values(status.kdamondPids);
      expect(tids).toHaveLength(kdamonds);
      expect([...new Set(lines.map((l) => l.tid))].sort()).toEqual([...tids].sort());
      tids.forEach((tid, k) => {
        expect([...new Set(lines.filter((l) => l.tid === tid).map((l) => l.targetId))].sort()).toEqual(
          Array.from({ length: targetsPerKdamond[k]! }, (_, i) => i),
        );
      });

      // Ground truth from masim's phase log: where its regions are.
      const phaseLog = readFileSync(join(dir, 'logs', `${hot}.phase.jsonl`), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { event: string; regions?: { start: number; end: number }[] });
      const regions = phaseLog[0]!.regions!.map((r) => ({ start: BigInt(r.start), end: BigInt(r.end) }));
      const plan = readJson<{
        layout: { kdamonds: { index: number; contexts: { targets: { index: number; ref: string }[] }[] }[] };
      }>(join(dir, 'plan.json'));
      const where = plan.layout.kdamonds.flatMap((k) =>
        k.contexts[0]!.targets.filter((t) => t.ref === hot).map((t) => ({ kdamond: k.index, target: t.index })),
      )[0]!;
      const ofHot = lines.filter((l) => l.tid === status.kdamondPids[where.kdamond] && l.targetId === where.target);
      const { inside, outside } = accessesInsideAndOutside(ofHot, regions);
      expect(inside).toBeGreaterThan(outside);
      expect(inside).toBeGreaterThan(0);

      // The run ended with its analysis and report, made on the host from the files that came back.
      const analysis = readJson<{
        targets: { kdamond: number; target: number; ref: string | null; accuracy: { snapshots: number } | null }[];
      }>(join(dir, 'analysis.json'));
      expect(analysis.targets).toHaveLength(targetsPerKdamond.reduce((a, b) => a + b, 0));
      const hotTarget = analysis.targets.find((t) => t.ref === hot)!;
      expect([hotTarget.kdamond, hotTarget.target]).toEqual([where.kdamond, where.target]);
      // Snapshots wholly inside one of masim's phases: about 25 of 4 s at 100 ms on an idle host, fewer
      // when TCG's three kdamonds share a loaded CPU (8 seen in CI); some, to compute accuracy from.
      expect(hotTarget.accuracy!.snapshots).toBeGreaterThanOrEqual(5);
      expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain(`<h1>${name} / duration-4s</h1>`);
    },
    VM_TEST_TIMEOUT,
  );
});

describe('one_target in QEMU: DAMON sees what the lone workload touches', () => {
  it(
    'recall of 90 % or more in every phase, the run valid, and env.json says the TLB refresher ran (TCG)',
    () => {
      const out = mkdtempSync(join(tmpdir(), 'damon-exp-e2e-'));
      // zigzag: both 100 MB regions for 10 s, then one at a time: a phase where DAMON must see 200 MB.
      const result = damonExp([
        'run',
        join(ROOT, 'experiments/one_target.yaml'),
        '--set',
        'duration=12s',
        '--backend',
        'qemu',
        '--out',
        out,
        '--strict',
      ]);
      expect(result.stderr).not.toContain('suspect');
      expect(result.status).toBe(0);
      const dir = result.stdout.trim();
      const analysis = readJson<{
        validity: { verdict: string; problems: { code: string }[] };
        targets: { accuracy: { phases: { name: string; snapshots: number; recall: number | null }[] } }[];
      }>(join(dir, 'analysis.json'));
      expect(analysis.validity).toEqual({ verdict: 'ok', headline: null, problems: [] });
      const phases = analysis.targets[0]!.accuracy.phases.filter((p) => p.snapshots >= 5);
      expect(phases.map((p) => p.name)).toContain('both regions');
      for (const phase of phases) expect(phase.recall, phase.name).toBeGreaterThanOrEqual(0.9);
      const env = readJson<{ backend: { accel: string; tlbRefresh: { state: string; wakeups: number | null } } }>(
        join(dir, 'env.json'),
      );
      if (env.backend.accel === 'tcg') {
        expect(env.backend.tlbRefresh.state).toBe('ran');
        expect(env.backend.tlbRefresh.wakeups).toBeGreaterThan(1000);
      } else expect(env.backend.tlbRefresh.state).toBe('not-needed');
      expect(readJson<RunStatus>(join(dir, 'status.json')).validity?.verdict).toBe('ok');
    },
    VM_TEST_TIMEOUT,
  );
});

describe('more in QEMU', () => {
  it(
    'record --cmd --backend qemu: a command monitored in a VM, into a result directory like any run, writing into $DAMON_EXP_OUTPUT_DIR',
    () => {
      const out = mkdtempSync(join(tmpdir(), 'damon-exp-e2e-record-'));
      const masim = join(ROOT, 'native/masim/masim');
      const config = join(ROOT, 'experiments/masim/zigzag.cfg');
      // exec: masim takes bash's pid, the one DAMON monitors.
      const command = `echo "in the VM" > "$DAMON_EXP_OUTPUT_DIR/note.txt" && exec ${masim} ${config}`;
      const result = damonExp([
        'record',
        '--cmd',
        command,
        '--duration',
        '3s',
        '--backend',
        'qemu',
        '--name',
        'r',
        '--out',
        out,
      ]);
      expect(result.stderr).toContain('complete');
      expect(result.status).toBe(0);
      const dir = result.stdout.trim();
      expect(dir).toBe(join(out, 'r', 'run'));
      expect(readJson<RunStatus>(join(dir, 'status.json'))).toMatchObject({ state: 'complete', backend: 'qemu' });
      expect(readFileSync(join(out, 'r', 'manifest.yaml'), 'utf8')).toContain(`${masim} ${config}`);
      expect(readFileSync(join(dir, 'output', 'w0', 'note.txt'), 'utf8')).toBe('in the VM\n');
      const lines = aggregatedLines(readFileSync(join(dir, 'masim.script'), 'utf8'));
      expect(lines.length).toBeGreaterThan(10);
      expect(new Set(lines.map((l) => l.targetId))).toEqual(new Set([0]));
    },
    VM_TEST_TIMEOUT,
  );

  it(
    'plan.sh runs in the guest without Node and writes a parseable masim.script',
    async () => {
      const run = loadExperiment(join(ROOT, 'experiments/one_target.yaml'), { sets: ['duration=4s'] }).runs[0]!;
      const shared = mkdtempSync(join(tmpdir(), 'damon-exp-e2e-plan-'));
      writeFileSync(join(shared, 'plan.sh'), renderPlanSh(buildPlan(run, assumedCaps('upstream'))));
      // plan.sh needs only sh, a few core utilities, perf and masim: the guest's PATH has those and no Node.
      const noNode = [
        'mkdir /tmp/no-node',
        'for f in sh cat ls mkdir sleep cp mv rm perf; do ln -s "$(command -v $f)" /tmp/no-node/; done',
        'PATH=/tmp/no-node',
        '! command -v node > /dev/null || exit 99',
        `MASIM='${join(ROOT, 'native/masim/masim')}' sh /tmp/out/plan.sh /tmp/plan-out && cp -a /tmp/plan-out /tmp/out/`,
      ].join('; ');
      const script = guestScript(['sh', '-c', noNode], {});
      mkdirSync(join(shared, 'vm'));
      writeFileSync(join(shared, GUEST_SCRIPT), script);
      const { result } = await bootAndRun(kernelFor(run), run, shared, join(shared, 'console.log'), { accel: 'auto' });
      expect(result.failure).toBeUndefined();
      expect(result.exitStatus).toBe(0);
      const lines = aggregatedLines(readFileSync(join(shared, 'plan-out/masim.script'), 'utf8'));
      expect(lines.length).toBeGreaterThan(10);
      expect(new Set(lines.map((l) => l.tid)).size).toBe(1);
    },
    VM_TEST_TIMEOUT,
  );

  it(
    "refuses a kernel without DAMON (Debian's 6.1), naming what it lacks",
    () => {
      const pkg = execFileSync(
        'sh',
        [
          '-c',
          "apt-cache depends linux-image-amd64 | sed -n 's/^ *Depends: \\(linux-image-6\\.1[^ ]*\\)$/\\1/p' | head -n 1",
        ],
        { encoding: 'utf8' },
      ).trim();
      expect(pkg).toMatch(/^linux-image-6\.1\./);
      const tree = execFileSync(process.execPath, [CLI, 'kernel', 'fetch', pkg, '--allow-no-damon'], {
        encoding: 'utf8',
      }).trim();
      const out = mkdtempSync(join(tmpdir(), 'damon-exp-e2e-'));
      const result = damonExp([
        'run',
        join(ROOT, 'experiments/one_target.yaml'),
        '--backend',
        'qemu',
        '--kernel',
        tree,
        '--out',
        out,
      ]);
      expect(result.status).toBe(1);
      // Checked before anything runs: no run directory, no VM.
      expect(readdirSync(out)).toEqual([]);
      expect(result.stderr).toMatch(
        /^damon-exp: the kernel 6\.1\.[^ ]+ cannot serve this run: it lacks CONFIG_DAMON=y, CONFIG_DAMON_SYSFS=y, CONFIG_DAMON_VADDR=y/,
      );
    },
    VM_TEST_TIMEOUT,
  );

  it(
    'fails a run whose kernel panics while booting (after one retry), with the console log',
    () => {
      const out = mkdtempSync(join(tmpdir(), 'damon-exp-e2e-'));
      const started = Date.now();
      const result = damonExp([
        'run',
        join(ROOT, 'experiments/one_target.yaml'),
        '--set',
        'duration=2s',
        '--backend',
        'qemu',
        '--accel',
        'tcg',
        '--append',
        'rdinit=/nonexistent',
        '--out',
        out,
      ]);
      expect(result.status).toBe(1);
      expect(Date.now() - started).toBeLessThan(120_000);
      const dir = result.stdout.trim();
      const status = readJson<RunStatus>(join(dir, 'status.json'));
      expect(status.state).toBe('failed');
      expect(status.errors.join('\n')).toMatch(
        /the VM: the kernel panicked while booting: .* \(see logs\/console\.log\)/,
      );
      expect(status.warnings.join('\n')).toMatch(/panic while booting .*; retried once/);
      expect(readFileSync(join(dir, 'logs/console.log'), 'utf8')).toContain('Kernel panic');
    },
    VM_TEST_TIMEOUT,
  );

  it(
    'fails a run whose guest hangs, instead of waiting for ever',
    () => {
      const out = mkdtempSync(join(tmpdir(), 'damon-exp-e2e-'));
      const started = Date.now();
      const result = damonExp([
        'run',
        join(ROOT, 'experiments/one_target.yaml'),
        '--set',
        'duration=2s',
        '--backend',
        'qemu',
        '--accel',
        'tcg',
        '--append',
        'rdinit=/bin/busybox sleep 1000',
        '--boot-timeout',
        '10s',
        '--out',
        out,
      ]);
      expect(result.status).toBe(1);
      expect(Date.now() - started).toBeLessThan(60_000);
      const status = readJson<RunStatus>(join(result.stdout.trim(), 'status.json'));
      expect(status.errors.join('\n')).toContain('the VM: the kernel did not boot within 10 s');
    },
    VM_TEST_TIMEOUT,
  );
});

describe('a sweep in QEMU', () => {
  it(
    'runs 3 short runs two VMs at a time; the failing one is recorded and the others complete',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'damon-exp-e2e-sweep-'));
      const manifest = join(dir, 'qemu_sweep.yaml');
      writeFileSync(
        manifest,
        [
          'name: qemu_sweep',
          'workloads:',
          `  z: {masim: ${JSON.stringify(join(ROOT, 'experiments/masim/zigzag_small.cfg'))}, args: ["--repeat", "0"]}`,
          'layout: {kind: one-target, workloads: [z]}',
          // 5 s: under TCG, two VMs on two cores, a busy masim and a slow host, kdamond's sleeps
          // overrun so much that 2 s of recording held one snapshot or none.
          'duration: 5s',
          'matrix:',
          // Three runs (the Slurm test runs four, and resumes the failed one, in QEMU too).
          '  monitoring.sample: [4ms, 20ms]',
          '  include:',
          '    # made to fail: a workload that cannot start',
          '    - {monitoring.sample: 7ms, workloads.z: {command: "/nonexistent/program"}}',
          'figures:',
          '  - {name: cpu_by_sample, x: monitoring.sample, y: kdamond_cpu, type: bar}',
          '',
        ].join('\n'),
      );
      const out = join(dir, 'results');
      const result = damonExp(['run', manifest, '--backend', 'qemu', '--jobs', '2', '--out', out]);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('sweep: 3 runs: 2 complete, 1 failed');
      const sweepDir = join(out, 'qemu_sweep');
      const summary = readJson<{ runs: { id: string; state: string; metrics: { events?: number } }[] }>(
        join(sweepDir, 'summary.json'),
      );
      expect(summary.runs).toHaveLength(3);
      const failing = summary.runs.find((r) => r.id.startsWith('sample-7ms'))!;
      expect(failing.state).toBe('failed');
      expect(existsSync(join(sweepDir, failing.id, 'logs/w0.log'))).toBe(true);
      for (const run of summary.runs.filter((r) => r !== failing)) {
        expect(run.state).toBe('complete');
        expect(run.metrics.events).toBeGreaterThan(0);
      }
      expect(readFileSync(join(sweepDir, 'index.html'), 'utf8')).toMatch(
        new RegExp(`<tr class="failed"><td>(<a href="\\./${failing.id}/report.html">)?${failing.id}`),
      );
      expect(readFileSync(join(sweepDir, 'figures/cpu_by_sample.csv'), 'utf8').trim().split('\n')).toHaveLength(3);
    },
    VM_TEST_TIMEOUT,
  );
});
