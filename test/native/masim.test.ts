// native/masim, our masim-compatible workload generator: the config cases it shares with the
// TypeScript parser, and what it does when it runs (memory, rates, phase timing, the phase log,
// signals, options).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readFileSync, readSync, closeSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { parseMasimConfig } from '../../src/masim/parse.js';
import { serializeMasimConfig } from '../../src/masim/serialize.js';
import type { MasimConfig } from '../../src/masim/config.js';

const MASIM = fileURLToPath(new URL('../../native/masim/masim', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../fixtures/masim/', import.meta.url));
const EXPERIMENTS = fileURLToPath(new URL('../../experiments/masim/', import.meta.url));
const cases = JSON.parse(readFileSync(join(FIXTURES, 'cases.json'), 'utf8')) as {
  good: { file: string }[];
  bad: { file: string; line: number; says: string }[];
};
const dir = mkdtempSync(join(tmpdir(), 'damon-exp-masim-'));

function masim(args: string[], options: { cwd?: string } = {}) {
  if (!existsSync(MASIM)) throw new Error(`${MASIM} is missing: run make native (part of make setup)`);
  return spawnSync(MASIM, args, { encoding: 'utf8', timeout: 20_000, ...options });
}

/** The config as native/masim sees it: every kind of comment dropped. */
function withoutComments(config: MasimConfig): MasimConfig {
  return JSON.parse(JSON.stringify(config, (key, value: unknown) => (/[cC]omments$/.test(key) ? undefined : value))) as MasimConfig;
}

function config(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

interface LogEvent {
  event: string;
  t_ns: number;
  [key: string]: unknown;
}
const readLog = (file: string): LogEvent[] => readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as LogEvent);

const running: ChildProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

async function waitFor(predicate: () => boolean, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function statusField(pid: number, field: string): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith(`${field}:`))!;
  return Number(line.split(/\s+/)[1]) * 1024;
}

describe('config cases shared with the TypeScript parser', () => {
  it('has cases to share (it.each over none would test nothing)', () => {
    expect(cases.good.length).toBeGreaterThan(0);
    expect(cases.bad.length).toBeGreaterThan(0);
  });

  it.each(cases.bad)('rejects $file at line $line, before touching memory', ({ file, line, says }) => {
    const result = masim(['-q', join(FIXTURES, file)]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    const [message, ...rest] = result.stderr.trimEnd().split('\n');
    expect(rest).toEqual([]);
    const prefix = `${join(FIXTURES, file)}:${line}: `;
    expect(message!.slice(0, prefix.length)).toBe(prefix);
    expect(message).toContain(says);
    const ts = (() => {
      try {
        parseMasimConfig(readFileSync(join(FIXTURES, file), 'utf8'), join(FIXTURES, file));
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    })();
    expect(message).toBe(ts);
  });

  it.each([...cases.good.map((c) => join(FIXTURES, c.file)), ...['zigzag.cfg', 'demo.cfg', 'stairs.cfg', 'stairs_30secs.cfg'].map((f) => join(EXPERIMENTS, f))])(
    'reads %s as the TypeScript parser does',
    (file) => {
      const result = masim(['--canonical', file]);
      expect(result.status).toBe(0);
      expect(result.stdout).toBe(serializeMasimConfig(withoutComments(parseMasimConfig(readFileSync(file, 'utf8')))));
    },
  );

  it('reports a config error even when a region could never be mapped (nothing is touched before the config is read)', () => {
    const file = config('huge-bad.cfg', 'a, 1099511627776000\n\np\n10\nb, 0, 4096, 1\n');
    const started = Date.now();
    const result = masim([file]);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(`${file}:5: unknown region 'b' (regions: a)\n`);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  // Just under the 1 MiB a config may be, with the lines around it.
  const megabyte = 'n'.repeat((1 << 20) - 64);
  it.each([
    ['an unknown region of 1 MB', `a, 100\n\np\n10\n${megabyte}, 0, 4096, 1\n`],
    ['a defined region list of 1 MB', `${megabyte}, 100\n\np\n10\nb, 0, 4096, 1\n`],
    ['a phase name of 1 MB', `a, 100\n\n${megabyte}\n10\na, 0, 4096, 0\n`],
    ['a duration of 1 MB of digits', `a, 100\n\np\n${'9'.repeat((1 << 20) - 64)}\na, 0, 4096, 1\n`],
    ['a region name of accented letters', `${'é'.repeat(200)} , 100\n\np\n10\na, 0, 4096, 1\n`],
    ['a region name of emoji', `x${'😀'.repeat(100)}, 100\n\np\n10\nb, 0, 4096, 1\n`],
  ])('shortens %s in its message as the TypeScript parser does', (_what, text) => {
    const file = config('long-text.cfg', text);
    const result = masim(['-q', file]);
    expect(result.status).toBe(1);
    expect(result.stderr.length).toBeLessThan(file.length + 500);
    let ts = '';
    try {
      parseMasimConfig(text, file);
    } catch (error) {
      ts = (error as Error).message;
    }
    expect(ts.length).toBeLessThan(file.length + 500);
    expect(result.stderr).toBe(`${ts}\n`);
  });
});

describe('options that do not run', () => {
  const huge = config('huge.cfg', 'a, 1099511627776000\n\np\n10\na, 0, 4096, 1\n');

  it('--dry_run reads the config and exits without mapping anything', () => {
    const result = masim(['-d', huge]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('');
  });

  it('--pr_config prints the config as the original does', () => {
    const result = masim(['-p', '-d', join(FIXTURES, 'good/reference-example.cfg')]);
    expect(result.stdout).toBe(
      'memory regions\n\ta: 100000000 bytes\n\tb: 100000000 bytes\n\n' +
        'Phase (initial phase) for 10000 ms\n\tPattern 0\n\t\tsequentially access region a with stride 4096\n\tPattern 1\n\t\tsequentially access region b with stride 4096\n' +
        'Phase (low phase 0) for 5000 ms\n\tPattern 0\n\t\tsequentially access region a with stride 4096\n',
    );
  });

  it('refuses bad options and a missing config with exit status 1', () => {
    expect(masim(['-r', 'xx', huge]).stderr).toContain("--default_rw_mode must be ro, wo or rw, not 'xx'");
    expect(masim(['--hint', 'pray', huge]).status).toBe(1);
    expect(masim(['-c', '-1', huge]).stderr).toContain('--repeat needs a whole number');
    expect(masim([]).status).toBe(1);
    expect(masim([join(dir, 'nope.cfg')]).stderr).toContain("cannot open config '");
    expect(masim(['--help']).stdout).toContain('--phase-log FILE');
  });
});

describe('configs that are no config file', () => {
  it('refuses a FIFO, /dev/zero and a config over 1 MiB at once, with exit status 1', () => {
    const fifo = join(dir, 'fifo.cfg');
    spawnSync('mkfifo', [fifo]);
    const big = config('big.cfg', `a, 4096\n\n${'x'.repeat((1 << 20) + 1)}\n`);
    for (const [file, says] of [
      [fifo, `masim: config '${fifo}' is not a regular file`],
      ['/dev/zero', "masim: config '/dev/zero' is not a regular file"],
      [big, `masim: config '${big}' is larger than 1048576 bytes`],
    ] as const) {
      const result = masim([file]);
      expect(result.error, file).toBeUndefined(); // not killed by the timeout
      expect(result.status).toBe(1);
      expect(result.stderr.trim()).toBe(says);
    }
  });
});

describe('running a config', () => {
  it('touches the declared memory, reports a rate for every phase, and keeps phase durations', async () => {
    const file = config('one-second.cfg', 'a, 33554432\nb, 16777216\n\nboth\n500\na, 0, 4096, 1\nb, 1, 64, 1, rw\n\nonly b\n500\nb, 0, 4096, 1, ro\n');
    const log = join(dir, 'one-second.jsonl');
    const child = spawn(MASIM, ['--phase-log', log, file], { stdio: ['ignore', 'pipe', 'pipe'] });
    running.push(child);
    let stdout = '';
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    await waitFor(() => existsSync(log) && readFileSync(log, 'utf8').includes('phase-start'), 'the first phase');
    const rss = statusField(child.pid!, 'VmRSS');
    const exit = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(exit).toBe(0);
    expect(rss).toBeGreaterThanOrEqual(33554432 + 16777216);

    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^both:\t +[0-9,.']+ accesses\/msec, [0-9]+ msecs run$/);
    expect(lines[1]).toMatch(/^only b:\t +[0-9,.']+ accesses\/msec, [0-9]+ msecs run$/);
    for (const line of lines) expect(Number(line.split('\t')[1]!.trim().split(' ')[0]!.replace(/[,.']/g, ''))).toBeGreaterThan(0);

    const events = readLog(log);
    expect(events.map((e) => e.event)).toEqual(['regions', 'phase-start', 'phase-end', 'phase-start', 'phase-end', 'exit']);
    const regions = events[0]!.regions as { name: string; start: number; end: number; size: number }[];
    expect(regions.map((r) => [r.name, r.size, r.end - r.start])).toEqual([
      ['a', 33554432, 33554432],
      ['b', 16777216, 16777216],
    ]);
    expect(regions[0]!.end <= regions[1]!.start || regions[1]!.end <= regions[0]!.start).toBe(true);
    expect(events[0]!.pid).toBe(child.pid);
    for (const [start, end] of [[1, 2], [3, 4]] as const) {
      const measured = (events[end]!.t_ns - events[start]!.t_ns) / 1e6;
      expect(Math.abs(measured - 500) / 500).toBeLessThan(0.1);
      expect(events[end]!.interrupted).toBe(false);
      expect(events[end]!.accesses as number).toBeGreaterThan(0);
    }
    expect(events[1]!.patterns).toEqual([
      { region: 'a', random: false, stride: 4096, weight: 1, mode: 'wo' },
      { region: 'b', random: true, stride: 64, weight: 1, mode: 'rw' },
    ]);
    expect(events[5]).toMatchObject({ event: 'exit', reason: 'done' });
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('ends cleanly on %s, finishing the phase log', async (signal) => {
    const file = config('long.cfg', 'a, 8388608\n\nlong\n60000\na, 1, 0, 1\n');
    const log = join(dir, `long-${signal}.jsonl`);
    const child = spawn(MASIM, ['-q', '--phase-log', log, file], { stdio: 'ignore' });
    running.push(child);
    await waitFor(() => existsSync(log) && readFileSync(log, 'utf8').includes('phase-start'), 'the phase');
    const sent = Date.now();
    child.kill(signal);
    const exit = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(exit).toBe(0);
    expect(Date.now() - sent).toBeLessThan(1000);
    const events = readLog(log);
    expect(events.slice(-2).map((e) => [e.event, e.interrupted ?? e.reason])).toEqual([
      ['phase-end', true],
      ['exit', signal],
    ]);
  });

  it('with --wait-start, maps and logs its regions, then waits for SIGUSR1 to run its phases', async () => {
    const file = config('gated.cfg', 'a, 8388608\n\nshort\n100\na, 1, 0, 1\n');
    const log = join(dir, 'gated.jsonl');
    const child = spawn(MASIM, ['-q', '--wait-start', '--phase-log', log, file], { stdio: 'ignore' });
    running.push(child);
    await waitFor(() => existsSync(log) && readFileSync(log, 'utf8').includes('regions'), 'the regions');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(readLog(log).map((e) => e.event)).toEqual(['regions']);
    expect(statusField(child.pid!, 'VmRSS')).toBeGreaterThanOrEqual(8388608); // populated while it waits
    const released = process.hrtime.bigint();
    child.kill('SIGUSR1');
    expect(await new Promise<number | null>((resolve) => child.on('exit', resolve))).toBe(0);
    const events = readLog(log);
    expect(events.map((e) => e.event)).toEqual(['regions', 'phase-start', 'phase-end', 'exit']);
    expect(BigInt(events[1]!.t_ns as number)).toBeGreaterThanOrEqual(released);
  });

  it('with --wait-start, ends cleanly on SIGTERM before it was told to start', async () => {
    const file = config('gated-stop.cfg', 'a, 1048576\n\nlong\n60000\na, 1, 0, 1\n');
    const log = join(dir, 'gated-stop.jsonl');
    const child = spawn(MASIM, ['-q', '--wait-start', '--phase-log', log, file], { stdio: 'ignore' });
    running.push(child);
    await waitFor(() => existsSync(log) && readFileSync(log, 'utf8').includes('regions'), 'the regions');
    child.kill('SIGTERM');
    expect(await new Promise<number | null>((resolve) => child.on('exit', resolve))).toBe(0);
    expect(readLog(log).map((e) => [e.event, e.reason])).toEqual([
      ['regions', undefined],
      ['exit', 'SIGTERM'],
    ]);
  });

  it('repeats the phases with --repeat and prints interval rates with --log_interval', () => {
    const file = config('short.cfg', 'a, 1048576\n\nfirst\n300\na, 0, 4096, 1\n\nsecond\n100\na, 1, 0, 1\n');
    const log = join(dir, 'short.jsonl');
    const result = masim(['-c', '2', '--log_interval', '100', '--phase-log', log, file]);
    expect(result.status).toBe(0);
    const starts = readLog(log).filter((e) => e.event === 'phase-start').map((e) => [e.name, e.round]);
    expect(starts).toEqual([
      ['first', 1],
      ['second', 1],
      ['first', 2],
      ['second', 2],
    ]);
    expect(result.stdout.split('\n').filter((l) => l.startsWith('first:')).length).toBeGreaterThanOrEqual(2 * 3);
  });

  it('applies --default_rw_mode to patterns that name no mode', () => {
    const file = config('modes.cfg', 'a, 1048576\n\np\n50\na, 0, 4096, 1\na, 0, 4096, 1, rw\n');
    const log = join(dir, 'modes.jsonl');
    expect(masim(['-q', '-r', 'ro', '--phase-log', log, file]).status).toBe(0);
    expect((readLog(log)[1]!.patterns as { mode: string }[]).map((p) => p.mode)).toEqual(['ro', 'rw']);
  });

  it('fills a region from its init file', async () => {
    const data = join(dir, 'init.bin');
    writeFileSync(data, 'damon-exp init data');
    const file = config('init.cfg', `a, 16384, ${data}\nb, 4096, none\n\nread\n5000\na, 0, 4096, 1, ro\n`);
    const log = join(dir, 'init.jsonl');
    const child = spawn(MASIM, ['-q', '--phase-log', log, file], { stdio: 'ignore' });
    running.push(child);
    await waitFor(() => existsSync(log) && readFileSync(log, 'utf8').includes('phase-start'), 'the phase');
    const [region] = readLog(log)[0]!.regions as { start: number }[];
    const fd = openSync(`/proc/${child.pid}/mem`, 'r');
    const buffer = Buffer.alloc(19);
    readSync(fd, buffer, 0, 19, region!.start);
    closeSync(fd);
    expect(buffer.toString()).toBe('damon-exp init data');
    expect(masim([config('noinit.cfg', 'a, 4096, /nonexistent/init\n\np\n10\na, 0, 4096, 1\n')]).stderr).toContain(
      "cannot open '/nonexistent/init' to fill region 'a'",
    );
  });

  it('locks the hot region of a phase with --hint mlock', async () => {
    const file = config('mlock.cfg', 'hot, 16777216\ncold, 16777216\n\nhot phase\n5000\nhot, 0, 4096, 9\ncold, 0, 4096, 1\n');
    const log = join(dir, 'mlock.jsonl');
    const child = spawn(MASIM, ['-q', '--hint', 'mlock', '--phase-log', log, file], { stdio: ['ignore', 'ignore', 'pipe'] });
    running.push(child);
    await waitFor(() => existsSync(log) && readFileSync(log, 'utf8').includes('phase-start'), 'the phase');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(statusField(child.pid!, 'VmLck')).toBe(16777216);
  });

  it('maps regions with huge pages on --use_hugetlb, or says how to reserve them', () => {
    const file = config('huge-pages.cfg', 'a, 4194304\n\np\n100\na, 0, 4096, 1\n');
    const reserved = Number(readFileSync('/proc/sys/vm/nr_hugepages', 'utf8'));
    const result = masim(['-q', '--use_hugetlb', file]);
    if (reserved >= 2) {
      expect(result.status).toBe(0);
    } else {
      expect(result.status).toBe(1);
      expect(result.stderr).toContain("cannot map region 'a' (4194304 bytes of huge pages)");
      expect(result.stderr).toContain('echo N > /proc/sys/vm/nr_hugepages');
    }
  });
});
