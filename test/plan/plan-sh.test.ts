// plan.sh: a standalone POSIX sh script. It must pass `sh -n` and shellcheck, and it must really
// run the experiment: here against a DAMON sysfs tree laid out by the emulator (as plain files),
// with stand-ins for masim and perf from test/fixtures/bin.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { masimOf } from '../helpers/workloads.js';
import { buildPlan } from '../../src/plan/build.js';
import { assumedCaps } from '../../src/plan/caps.js';
import type { Plan } from '../../src/plan/plan.js';
import { renderPlanSh } from '../../src/plan/render-sh.js';
import { sysfsTreeFor } from '../helpers/apply-plan.js';
import { SHIPPED, shippedRuns, variedRun } from './helpers.js';

const FAKES = fileURLToPath(new URL('../fixtures/bin/', import.meta.url));

function shellcheckPath(): string {
  const found = spawnSync('sh', ['-c', 'command -v shellcheck'], { encoding: 'utf8' }).stdout.trim();
  if (!found) throw new Error('shellcheck is not installed; `make setup` installs it (Debian package shellcheck)');
  return found;
}

describe('plan.sh passes sh -n and shellcheck', () => {
  const scripts = (['upstream', 'multi-context'] as const).flatMap((kernel) => [
    ...SHIPPED.flatMap((name) =>
      shippedRuns(name).map(
        (run) => [`${name}/${run.id} (${kernel})`, renderPlanSh(buildPlan(run, assumedCaps(kernel)))] as const,
      ),
    ),
    [`varied (${kernel})`, renderPlanSh(buildPlan(variedRun(kernel), assumedCaps(kernel)))] as const,
  ]);
  it.each(scripts)('%s', (_name, script) => {
    const file = join(mkdtempSync(join(tmpdir(), 'damon-exp-sh-')), 'plan.sh');
    writeFileSync(file, script);
    expect(spawnSync('sh', ['-n', file], { encoding: 'utf8' }).stderr).toBe('');
    const check = spawnSync(shellcheckPath(), ['-s', 'sh', '-S', 'style', file], { encoding: 'utf8' });
    expect(check.stdout).toBe('');
    expect(check.status).toBe(0);
  });
});

describe('plan.sh starts a command in its folder (cwd)', () => {
  it('changes folder in the subshell that & makes, so that $! stays the command, and passes shellcheck', () => {
    const run = variedRun('upstream');
    const cmd = run.workloads.cmd!;
    if (cmd.kind !== 'command') throw new Error('varied: cmd is a command workload');
    cmd.cwd = "/tmp/a dir's";
    const script = renderPlanSh(buildPlan(run, assumedCaps('upstream')));
    expect(script).toContain(`{ cd '/tmp/a dir'\\''s' && run_apart bash -c`);
    const file = join(mkdtempSync(join(tmpdir(), 'damon-exp-sh-')), 'plan.sh');
    writeFileSync(file, script);
    const check = spawnSync(shellcheckPath(), ['-s', 'sh', '-S', 'style', file], { encoding: 'utf8' });
    expect(check.stdout).toBe('');
  });
});

describe('plan.sh with a hostile cgroup path', () => {
  it('passes shellcheck and writes the path literally, with `$(...)` and backquotes kept as they are', () => {
    const run = shippedRuns('one_target')[0]!;
    const scheme = {
      set: null,
      action: 'stat',
      accessPattern: { size: ['0', '1'], nrAccesses: ['0', '1'], age: ['0', '1'] },
      applyIntervalUs: null,
      targetNid: null,
      quotas: null,
      watermarks: null,
      filters: [
        {
          type: 'memcg',
          matching: true,
          allow: null,
          memcgPath: '/a$(reboot)`id`',
          addr: null,
          targetIdx: null,
          size: null,
        },
      ],
    };
    const layout = structuredClone(run.layout);
    layout.kdamonds[0]!.contexts[0]!.schemes = [
      scheme as unknown as (typeof layout.kdamonds)[0]['contexts'][0]['schemes'][0],
    ];
    const script = renderPlanSh(buildPlan({ ...run, layout }, assumedCaps('upstream')));
    const file = join(mkdtempSync(join(tmpdir(), 'damon-exp-sh-')), 'plan.sh');
    writeFileSync(file, script);
    const check = spawnSync(shellcheckPath(), ['-s', 'sh', '-S', 'style', file], { encoding: 'utf8' });
    expect(check.stdout).toBe('');
    expect(script).toMatch(/# shellcheck disable=SC2016\nwrite \S+\/memcg_path '\/a\$\(reboot\)`id`'/);
  });
});

describe('plan.sh with hostile workload arguments', () => {
  it('keeps quotes, dollars and backquotes literal, and control characters out of its comments', () => {
    const run = shippedRuns('one_target')[0]!;
    const hostile = {
      ...run,
      workloads: {
        zigzag: {
          ...masimOf(run.workloads.zigzag),
          binary: "/opt/my masim's/masim",
          args: ['--log_interval', "it's $HOME `id`", 'x\u0007y\u009b2J'],
        },
      },
    };
    const script = renderPlanSh(buildPlan(hostile, assumedCaps('upstream')));
    const file = join(mkdtempSync(join(tmpdir(), 'damon-exp-sh-')), 'plan.sh');
    writeFileSync(file, script);
    const check = spawnSync(shellcheckPath(), ['-s', 'sh', '-S', 'style', file], { encoding: 'utf8' });
    expect(check.stdout).toBe('');
    expect(script).toContain(
      `'/opt/my masim'\\''s/masim' --log_interval 'it'\\''s $HOME \`id\`' 'x\u0007y\u009b2J' "$OUT/workloads/zigzag.cfg"`,
    );
    expect(script).toContain(
      "# w0: /opt/my masim's/masim --log_interval it's $HOME `id` x\\x07y\\x9b2J workloads/zigzag.cfg",
    );
    const words = spawnSync(
      'sh',
      [
        '-c',
        `set -- ${script
          .split('\n')
          .find((l) => l.startsWith("'/opt"))!
          .replace(/ > .*$/, '')}; printf '%s\\n' "$@"`,
      ],
      { encoding: 'utf8', env: { ...process.env, OUT: '/out' } },
    );
    expect(words.stdout).toBe(
      "/opt/my masim's/masim\n--log_interval\nit's $HOME `id`\nx\u0007y\u009b2J\n/out/workloads/zigzag.cfg\n",
    );
  });
});

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitForDamonOn(out: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!existsSync(join(out, 'kdamonds.txt')) || read(join(out, 'kdamonds.txt')).split('\n').length < 3) {
    if (Date.now() > deadline) throw new Error('plan.sh did not switch DAMON on');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function runScript(plan: Plan, admin: string, durationS: string, ownGroup = false, extraEnv: NodeJS.ProcessEnv = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'damon-exp-run-'));
  const script = join(dir, 'plan.sh');
  writeFileSync(script, renderPlanSh(plan));
  const out = join(dir, 'out');
  const env = {
    ...process.env,
    DAMON_ADMIN: admin,
    MASIM: join(FAKES, 'masim'),
    PERF: join(FAKES, 'perf'),
    DURATION_S: durationS,
    ...extraEnv,
  };
  const child = spawn('sh', [script, out], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: ownGroup });
  children.push(child);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { out, child, done, stderr: () => stderr };
}

const read = (path: string) => readFileSync(path, 'utf8').trim();
const pidTargets = (admin: string, plan: Plan) =>
  plan.layout.kdamonds.flatMap((k) =>
    k.contexts.flatMap((c) =>
      c.targets.map((t) =>
        Number(read(join(admin, `kdamonds/${k.index}/contexts/${c.index}/targets/${t.index}/pid_target`))),
      ),
    ),
  );

describe('plan.sh runs the experiment', () => {
  const plan = buildPlan(shippedRuns('many_contexts')[0]!, assumedCaps('upstream'));

  it("with a perf older than 5.10 (no --control), takes its file's header for its start", async () => {
    const { out, done } = runScript(plan, sysfsTreeFor(plan), '0.3', false, { FAKE_PERF: 'no-control' });
    expect(await done).toBe(0);
    const data = readFileSync(join(out, 'masim.data'), 'utf8');
    expect(data).toContain('-e damon:damon_aggregated -o -');
    expect(data).not.toContain('--control');
  });

  it('fails, naming perf, when perf cannot record (its control fifos get no ack)', async () => {
    const { done, stderr } = runScript(plan, sysfsTreeFor(plan), '0.3', false, { FAKE_PERF: 'broken' });
    expect(await done).toBe(1);
    expect(stderr()).toContain('perf record did not start recording: event syntax error');
  });

  it('starts the workloads, writes their pids, records, and tears down only what it started', async () => {
    const admin = sysfsTreeFor(plan);
    const decoy = spawn('sleep', ['600']);
    children.push(decoy);
    const started = Date.now();
    const { out, done, stderr } = runScript(plan, admin, '0.5');
    expect(await done).toBe(0);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(stderr()).toContain('plan.sh: done');

    expect(Object.keys(plan.files).length).toBeGreaterThan(0);
    expect(plan.workloads).toHaveLength(3);
    expect(plan.layout.kdamonds).toHaveLength(3);
    for (const [path, text] of Object.entries(plan.files)) expect(readFileSync(join(out, path), 'utf8')).toBe(text);
    const data = readFileSync(join(out, 'masim.data'), 'utf8');
    // perf 5.10+ (the stand-in says it is): events off until the enable it acks.
    expect(data).toContain(
      'args: -a --no-buildid --no-buildid-cache -k CLOCK_MONOTONIC -e damon:damon_aggregated --delay=-1 --control=fd:8,9 -o -',
    );
    expect(data).toContain('stopped by SIGINT');
    expect(read(join(out, 'masim.script'))).toContain('damon:damon_aggregated: target_id=0');
    for (const w of plan.workloads)
      expect(read(join(out, `logs/${w.ref}.log`))).toBe(`masim: running ${out}/workloads/${w.workload}.cfg`);
    expect(read(join(out, 'kdamonds.txt')).split('\n')).toHaveLength(plan.layout.kdamonds.length);

    const pids = pidTargets(admin, plan);
    expect(pids).toHaveLength(3);
    expect(pids.filter((pid) => !(pid > 0))).toEqual([]);
    expect(pids.filter(alive)).toEqual([]);
    expect(alive(decoy.pid!)).toBe(true);
    expect(read(join(admin, 'kdamonds/nr_kdamonds'))).toBe('0');
    for (const k of plan.layout.kdamonds) expect(read(join(admin, `kdamonds/${k.index}/state`))).toBe('off');
  });

  it('tears down on SIGINT in the middle of the recording', async () => {
    const admin = sysfsTreeFor(plan);
    const { out, child, done } = runScript(plan, admin, '60');
    await waitForDamonOn(out);
    const interrupted = Date.now();
    child.kill('SIGINT');
    expect(await done).toBe(130);
    // Stopped by the signal, well before the 60 s recording ends (a loaded CI machine took over 5 s).
    expect(Date.now() - interrupted).toBeLessThan(20_000);
    expect(read(join(out, 'masim.data'))).toContain('stopped by SIGINT');
    expect(pidTargets(admin, plan).filter(alive)).toEqual([]);
    expect(read(join(admin, 'kdamonds/nr_kdamonds'))).toBe('0');
    expect(existsSync(join(out, 'masim.script'))).toBe(false);
  });

  it.each(['HUP', 'TERM'] as const)('tears down on SIG%s', async (signal) => {
    const admin = sysfsTreeFor(plan);
    const { out, child, done } = runScript(plan, admin, '60');
    await waitForDamonOn(out);
    child.kill(`SIG${signal}`);
    expect(await done).toBe(signal === 'HUP' ? 129 : 143);
    expect(pidTargets(admin, plan).filter(alive)).toEqual([]);
    expect(read(join(admin, 'kdamonds/nr_kdamonds'))).toBe('0');
  });

  it('tears down when Ctrl-C reaches the whole process group, twice', async () => {
    const admin = sysfsTreeFor(plan);
    const { out, child, done } = runScript(plan, admin, '60', true);
    await waitForDamonOn(out);
    process.kill(-child.pid!, 'SIGINT');
    await new Promise((resolve) => setTimeout(resolve, 30));
    process.kill(-child.pid!, 'SIGINT');
    expect(await done).toBe(130);
    expect(read(join(out, 'masim.data'))).toContain('stopped by SIGINT');
    expect(pidTargets(admin, plan).filter(alive)).toEqual([]);
    expect(read(join(admin, 'kdamonds/nr_kdamonds'))).toBe('0');
    for (const k of plan.layout.kdamonds) expect(read(join(admin, `kdamonds/${k.index}/state`))).toBe('off');
  });

  it('refuses kdamonds it did not create even when they are stopped', async () => {
    const admin = sysfsTreeFor(plan);
    writeFileSync(join(admin, 'kdamonds/nr_kdamonds'), '1\n');
    writeFileSync(join(admin, 'kdamonds/0/contexts/0/targets/0/pid_target'), '12345\n');
    const { out, done, stderr } = runScript(plan, admin, '0.5');
    expect(await done).toBe(1);
    expect(stderr()).toContain('kdamonds/nr_kdamonds is 1: kdamonds this script did not create are set up');
    expect(existsSync(out)).toBe(false);
    expect(read(join(admin, 'kdamonds/0/contexts/0/targets/0/pid_target'))).toBe('12345');
  });

  it('never writes into a directory that already holds results', async () => {
    const admin = sysfsTreeFor(plan);
    const dir = mkdtempSync(join(tmpdir(), 'damon-exp-old-'));
    writeFileSync(join(dir, 'masim.data'), 'an earlier result');
    const script = join(mkdtempSync(join(tmpdir(), 'damon-exp-sh-')), 'plan.sh');
    writeFileSync(script, renderPlanSh(plan));
    const result = spawnSync('sh', [script, dir], {
      env: { ...process.env, DAMON_ADMIN: admin, MASIM: join(FAKES, 'masim'), PERF: join(FAKES, 'perf') },
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('already holds files');
    expect(read(join(dir, 'masim.data'))).toBe('an earlier result');
  });

  it('refuses to start while a kdamond it did not start is running, and touches nothing', async () => {
    const admin = sysfsTreeFor(plan);
    writeFileSync(join(admin, 'kdamonds/1/state'), 'on\n');
    writeFileSync(join(admin, 'kdamonds/nr_kdamonds'), '3\n');
    const { out, done, stderr } = runScript(plan, admin, '0.5');
    expect(await done).toBe(1);
    expect(stderr()).toMatch(/a kdamond this script did not start is running \(.*kdamonds\/1, pid -1\)/);
    expect(existsSync(out)).toBe(false);
    expect(read(join(admin, 'kdamonds/nr_kdamonds'))).toBe('3');
    expect(read(join(admin, 'kdamonds/1/state'))).toBe('on');
  });

  it('stops with the reason when a sysfs write fails', () => {
    const admin = sysfsTreeFor(plan);
    execFileSync('rm', ['-r', join(admin, 'kdamonds/2/contexts/0/monitoring_attrs')]);
    const script = join(mkdtempSync(join(tmpdir(), 'damon-exp-sh-')), 'plan.sh');
    writeFileSync(script, renderPlanSh(plan));
    const result = spawnSync('sh', [script, join(mkdtempSync(join(tmpdir(), 'damon-exp-out-')), 'out')], {
      env: { ...process.env, DAMON_ADMIN: admin, MASIM: join(FAKES, 'masim'), PERF: join(FAKES, 'perf') },
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      `plan.sh: writing '5000' to ${admin}/kdamonds/2/contexts/0/monitoring_attrs/intervals/sample_us failed`,
    );
    expect(read(join(admin, 'kdamonds/nr_kdamonds'))).toBe('0');
  });
});

describe('plan.sh and a command that starts processes of its own', () => {
  it('stops what the command started too: it runs in a process group of its own, and teardown signals the group', async () => {
    const run = shippedRuns('one_target')[0]!;
    // A copy of sleep by a name of its own, to find what is left of the command afterwards.
    const sleeper = join(mkdtempSync(join(tmpdir(), 'damon-exp-sleeper-')), `damon-exp-child-${process.pid}`);
    copyFileSync(execFileSync('sh', ['-c', 'command -v sleep'], { encoding: 'utf8' }).trim(), sleeper);
    chmodSync(sleeper, 0o755);
    const withCommand = {
      ...run,
      workloads: { zigzag: { kind: 'command' as const, argv: ['sh', '-c', `${sleeper} 100 & ${sleeper} 100; true`] } },
    };
    const plan = buildPlan(withCommand as unknown as typeof run, assumedCaps('upstream'));
    const admin = sysfsTreeFor(plan);
    const { done, stderr } = runScript(plan, admin, '0.5');
    expect(await done).toBe(0);
    expect(stderr()).toContain('plan.sh: done');
    expect(spawnSync('pgrep', ['-f', sleeper], { encoding: 'utf8' }).stdout.trim()).toBe('');
  });
});
