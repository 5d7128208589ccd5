// `damon-exp record` as damo record is used: from any folder, on the backend `run` would take,
// `record paddr`, a recording DAMON saw nothing of called so, and --help's examples run.
// No VM boots here: the kernel cache is an empty folder, so a recording sent to QEMU is refused
// before anything starts (and the guest's side is checked in what the host hands it).
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { captureOutput } from '../helpers/capture.js';
import type { Run } from '../../src/manifest/run.js';
import type { Plan } from '../../src/plan/plan.js';
import type { RunStatus } from '../../src/record/run-files.js';
import type { WorkloadMemory } from '../../src/record/memory.js';
import { emulatedSysfs } from '../helpers/async-sysfs.js';
import { EXPERIMENTS, FAKE_PERF, fakeHost, NATIVE_MASIM, type Host } from '../helpers/harness.js';

const PACKAGE = fileURLToPath(new URL('../../', import.meta.url));
// Before the modules that read it are loaded: no kernel to boot, whatever this machine caches.
process.env.DAMON_EXP_CACHE = mkdtempSync(join(tmpdir(), 'damon-exp-no-kernels-'));
const { main } = await import('../../src/cli/main.js');
const { recordCommand } = await import('../../src/cli/record.js');
const { parseCommandArgs } = await import('../../src/cli/command.js');
const { programDirectories } = await import('../../src/backends/qemu/guest-script.js');
const NO_KERNEL = 'no Debian DAMON kernel in the cache';

async function damonExp(host: Host, argv: string[]) {
  const { output, result } = captureOutput();
  const local = ['--sysfs-root', host.emulator.root, '--tracefs', host.options.tracefsRoot!, '--perf', FAKE_PERF];
  const status = await main([...argv, ...(argv[0] === 'record' ? local : [])], output, {
    sysfsFor: () => emulatedSysfs(host.emulator),
    env: host.options.env,
    lockPath: host.options.lockPath,
  });
  return { status, ...result() };
}

const record = (host: Host, argv: string[]) => damonExp(host, ['record', ...argv, '--out', host.options.resultsRoot]);
const readJson = <T>(path: string) => JSON.parse(readFileSync(path, 'utf8')) as T;
const here = process.cwd();
const others: ReturnType<typeof spawn>[] = [];
afterEach(() => {
  process.chdir(here);
  for (const child of others.splice(0)) child.kill('SIGKILL');
});

describe('record takes the backend run would', () => {
  it('goes to QEMU when this host cannot serve (auto, the default), where local refuses', async () => {
    const host = fakeHost();
    host.emulator.startForeignKdamond();
    const auto = await record(host, ['--cmd', 'sleep 1', '--duration', '0.2s', '--name', 'busy']);
    expect(auto.status).toBe(1);
    expect(auto.stderr).toContain(`in QEMU: ${NO_KERNEL}`);
    expect(auto.stderr).not.toContain('DAMON is in use by someone else');
    expect(existsSync(join(host.options.resultsRoot, 'busy'))).toBe(false);
    const local = await record(host, ['--cmd', 'sleep 1', '--duration', '0.2s', '--backend', 'local']);
    expect(local.stderr).toContain('DAMON is in use by someone else');
  });

  it('records a pid here, saying why, since a pid of this host means nothing in a VM', async () => {
    const host = fakeHost();
    const victim = spawn('sleep', ['60']);
    others.push(victim);
    const { status, stderr } = await record(host, [String(victim.pid), '--duration', '0.3s', '--name', 'pid']);
    expect(status).toBe(0);
    expect(stderr).toContain(`pid ${victim.pid} is this host's process: recording it here (the local backend)`);
    const explicit = await record(host, [String(victim.pid), '--duration', '0.3s', '--backend', 'local']);
    expect(explicit.stderr).not.toContain('recording it here');
  });
});

describe('record --cmd monitors the command', () => {
  it("writes the command's own pid into DAMON's target, not a shell's that waits for it", async () => {
    const host = fakeHost();
    const folder = realpathSync(mkdtempSync(join(tmpdir(), 'damon-exp-own-pid-')));
    const script = `require('fs').writeFileSync('${folder}/pid', String(process.pid)); setTimeout(() => {}, 5000)`;
    const { status, stdout } = await record(host, [
      '--cmd',
      `${process.execPath} -e "${script}"`,
      '--duration',
      '0.5s',
    ]);
    expect(status).toBe(0);
    const dir = stdout.trim();
    const own = Number(readFileSync(join(folder, 'pid'), 'utf8'));
    const statusJson = readJson<{ processes: { ref: string; pid: number }[] }>(join(dir, 'status.json'));
    // Debian's sh (dash) forks a -c command; bash, as damo record uses, runs it in its own place.
    expect(statusJson.processes.find((p) => p.ref === 'w0')!.pid).toBe(own);
    expect(readFileSync(join(dir, 'plan.sh'), 'utf8')).toContain(`/targets/0/pid_target`);
    expect(readFileSync(join(dir, 'masim.data'), 'utf8')).toMatch(new RegExp(`kdamond 0 pid \\d+ targets 1`));
  });
});

describe('record --cmd from any folder', () => {
  it('starts the command in the folder record runs in: its relative paths resolve there', async () => {
    const host = fakeHost();
    const folder = realpathSync(mkdtempSync(join(tmpdir(), 'damon-exp-elsewhere-')));
    copyFileSync(join(EXPERIMENTS, 'masim/demo.cfg'), join(folder, 'demo.cfg'));
    mkdirSync(join(folder, 'bin'));
    copyFileSync(NATIVE_MASIM, join(folder, 'bin/masim'));
    process.chdir(folder);
    const { status, stdout, stderr } = await record(host, [
      '--cmd',
      './bin/masim ./demo.cfg',
      '--duration',
      '0.5s',
      '--name',
      'elsewhere',
    ]);
    expect(stderr).not.toMatch(/No such file|not found/);
    expect(status).toBe(0);
    const dir = stdout.trim();
    const run = readJson<Run>(join(dir, 'run.json'));
    expect(run.workloads.target).toEqual({
      kind: 'command',
      argv: ['bash', '-c', './bin/masim ./demo.cfg'],
      cwd: folder,
    });
    expect(readJson<Plan>(join(dir, 'plan.json')).workloads[0]).toMatchObject({ kind: 'command', cwd: folder });
    expect(readFileSync(join(host.options.resultsRoot, 'elsewhere', 'manifest.yaml'), 'utf8')).toContain(
      `cwd: ${folder}`,
    );
    // masim said what it mapped: it ran, and read the config it was given.
    expect(readFileSync(join(dir, 'logs/w0.log'), 'utf8')).not.toBe('');
  });

  it("keeps the command's folder and the paths it names visible in the VM, under /tmp too", () => {
    const folder = realpathSync(mkdtempSync(join(tmpdir(), 'damon-exp-guest-')));
    const elsewhere = realpathSync(mkdtempSync(join(tmpdir(), 'damon-exp-guest-other-')));
    writeFileSync(join(elsewhere, 'a.cfg'), 'x');
    const run = {
      workloads: {
        target: {
          kind: 'command',
          argv: ['sh', '-c', `${NATIVE_MASIM} --repeat 0 '../${relative(tmpdir(), elsewhere)}/a.cfg'; ./made-later`],
          cwd: folder,
        },
      },
    } as unknown as Run;
    const kept = programDirectories(run, {});
    expect(kept).toContain(folder);
    expect(kept).toContain(elsewhere); // named relative to the command's folder
    expect(kept).toContain(fileURLToPath(new URL('../../native/masim', import.meta.url)));
    expect(kept.some((path) => path.endsWith('made-later'))).toBe(false); // not there: nothing to keep
  });

  it("starts a manifest's command in its cwd (relative to the manifest), whatever folder the runner is in", async () => {
    const host = fakeHost();
    const folder = realpathSync(mkdtempSync(join(tmpdir(), 'damon-exp-manifest-')));
    mkdirSync(join(folder, 'work'));
    writeFileSync(
      join(folder, 'cwd.yaml'),
      'name: cwd\nworkloads: {w: {command: "pwd; sleep 5", cwd: work}}\nlayout: {kind: one-target, workloads: [w]}\nduration: 300ms\n',
    );
    const runner = ['--out', host.options.resultsRoot, '--sysfs-root', host.emulator.root];
    const { status, stdout } = await damonExp(host, [
      'run',
      join(folder, 'cwd.yaml'),
      '--backend',
      'local',
      ...runner,
      '--tracefs',
      host.options.tracefsRoot!,
      '--perf',
      FAKE_PERF,
    ]);
    expect(status).toBe(0);
    expect(readFileSync(join(stdout.trim(), 'logs/w0.log'), 'utf8').trim()).toBe(join(folder, 'work'));
  });

  it('refuses a command whose folder is not there, naming it, before anything starts', async () => {
    const host = fakeHost();
    const folder = mkdtempSync(join(tmpdir(), 'damon-exp-manifest-'));
    writeFileSync(
      join(folder, 'gone.yaml'),
      'name: gone\nworkloads: {w: {command: "true", cwd: /nonexistent/folder}}\nlayout: {kind: one-target, workloads: [w]}\nduration: 1s\n',
    );
    const { status, stderr } = await damonExp(host, [
      'run',
      join(folder, 'gone.yaml'),
      '--backend',
      'local',
      '--out',
      host.options.resultsRoot,
      '--sysfs-root',
      host.emulator.root,
      '--tracefs',
      host.options.tracefsRoot!,
      '--perf',
      FAKE_PERF,
    ]);
    expect(status).toBe(1);
    expect(stderr).toContain("workload 'w' starts in /nonexistent/folder, which is not a folder here");
    expect(stderr).not.toContain('ENOENT');
  });
});

describe('record paddr', () => {
  it('monitors physical memory in a VM by default, and refuses this host unless --allow-physical', async () => {
    const host = fakeHost();
    const inVm = await record(host, ['paddr', '--duration', '0.3s', '--name', 'vm']);
    expect(inVm.stderr).toContain("record paddr: monitoring a VM's physical memory (the qemu backend)");
    expect(inVm.stderr).toContain(`in QEMU: ${NO_KERNEL}`);
    expect(inVm.status).toBe(1);
    const here = await record(host, ['paddr', '--backend', 'local']);
    expect(here.status).toBe(1);
    expect(here.stderr).toContain("record paddr monitors this host's whole physical memory");
    expect(here.stderr).toContain('--allow-physical');
    expect(host.emulator.log).toEqual([]);
    expect((await record(host, ['--cmd', 'true', '--allow-physical'])).stderr).toContain(
      '--allow-physical is for record paddr',
    );
  });

  it('records the physical address space with --allow-physical: one paddr target, no process', async () => {
    const host = fakeHost();
    const { status, stdout } = await record(host, [
      'paddr',
      '--allow-physical',
      '--duration',
      '0.5s',
      '--name',
      'physical',
    ]);
    expect(status).toBe(0);
    const dir = stdout.trim();
    const plan = readJson<Plan>(join(dir, 'plan.json'));
    expect(plan.workloads).toEqual([]);
    expect(host.emulator.log).toContainEqual({ path: 'kdamonds/0/contexts/0/operations', value: 'paddr' });
    expect(host.emulator.log).toContainEqual({ path: 'kdamonds/0/contexts/0/targets/nr_targets', value: '1' });
    expect(readJson<RunStatus>(join(dir, 'status.json')).state).toBe('complete');
    expect(readFileSync(join(host.options.resultsRoot, 'physical', 'manifest.yaml'), 'utf8')).toContain(
      'operations: paddr',
    );
  });
});

describe('a recording in which DAMON saw nothing', () => {
  it('is suspect when its process used CPU, in what record says, in status.json and at the top of the report', async () => {
    const host = fakeHost({}, { FAKE_PERF: 'blind' });
    const { status, stdout, stderr } = await record(host, [
      '--cmd',
      'while :; do :; done',
      '--duration',
      '0.5s',
      '--name',
      'unseen',
    ]);
    expect(status).toBe(0); // as run: --strict makes it 1
    expect(stderr).toMatch(/suspect.*DAMON reported no access in any of its \d+ snapshots while its process used/);
    const dir = stdout.trim();
    const saved = readJson<RunStatus>(join(dir, 'status.json'));
    expect(saved.state).toBe('complete');
    expect(saved.validity?.verdict).toBe('suspect');
    expect(saved.validity?.problems).toContain('nothing-accessed');
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain('monitoring probably went blind');
  });

  it('is not suspect when its process only slept: the report notes that there was nothing to see', async () => {
    const host = fakeHost({}, { FAKE_PERF: 'blind' });
    const { status, stdout, stderr } = await record(host, ['--cmd', 'sleep 5', '--duration', '1.2s', '--name', 'idle']);
    expect(status, stderr).toBe(0);
    expect(stderr).not.toMatch(/suspect/);
    const dir = stdout.trim();
    const saved = readJson<RunStatus>(join(dir, 'status.json'));
    expect(saved.validity?.verdict).toBe('ok');
    expect(saved.validity?.problems).toEqual([]);
    const memory = readJson<WorkloadMemory>(join(dir, 'memory.json'));
    expect(memory.samples.filter((s) => s.ref === 'w0' && s.cpuTicks === 0).length).toBeGreaterThanOrEqual(2);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain('it was idle, so there was nothing to see');
  });
});

/** The examples of record --help, as words (double quotes kept together). */
function examples(): string[][] {
  const help = recordCommand.help;
  return help
    .slice(help.indexOf('Examples:\n') + 10)
    .split('\n')
    .map((line) => [...line.trim().matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!));
}

describe("record --help's examples", () => {
  beforeAll(() => process.chdir(PACKAGE));

  it('name only paths that exist in the package, and parse', () => {
    const records = examples().filter((words) => words.includes('record'));
    expect(records.length).toBeGreaterThanOrEqual(5);
    for (const words of records) {
      const argv = words.slice(words.indexOf('record') + 1);
      expect(() => parseCommandArgs(recordCommand, argv), words.join(' ')).not.toThrow();
      const command = argv.find((word) => word.includes(' '));
      for (const word of command?.split(' ') ?? [])
        if (word.includes('/')) expect(existsSync(join(PACKAGE, word)), `${word} of ${words.join(' ')}`).toBe(true);
    }
  });

  it('run as written on this host (the emulator for root; a live pid for 1234, the files in a folder of their own)', async () => {
    const host = fakeHost();
    const victim = spawn('sleep', ['60']);
    others.push(victim);
    const files = mkdtempSync(join(tmpdir(), 'damon-exp-examples-'));
    let ran = 0;
    for (const words of examples()) {
      const argv = words.slice(words.indexOf('damon-exp') + 1);
      // A VM's examples (--backend qemu, paddr without --allow-physical) are parsed above.
      if (argv.includes('--backend') || (argv.includes('paddr') && !argv.includes('--allow-physical'))) continue;
      // Shorter: the tests have no 30 s to give each.
      const args = argv
        .map((word) => (word === '1234' ? String(victim.pid) : word))
        .map((word, i, all) => (all[i - 1] === '-o' ? join(files, word) : word))
        .map((word, i, all) => (all[i - 1] === '--duration' ? '0.4s' : word));
      if (args[0] === 'record' && !args.includes('--duration')) args.push('--duration', '0.4s');
      if (args[0] === 'heats') {
        process.chdir(files); // where -o damon.data went: heats reads ./damon.data, as damo's does
        const heats = await damonExp(host, args);
        process.chdir(PACKAGE);
        expect(heats.status, args.join(' ')).toBe(0);
        expect(heats.stdout).toMatch(/^[0-9]+/m);
      } else {
        const result = await record(host, args.slice(1));
        expect(result.status, `${args.join(' ')}: ${result.stderr}`).toBe(0);
      }
      ran++;
    }
    expect(ran).toBe(5);
    expect(existsSync(join(files, 'damon.data'))).toBe(true);
  });
});
