import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KdamondCpuSampler, readThreadTimes } from '../../src/record/cpu.js';

function fakeProc(): { root: string; set(pid: number, utime: number, stime: number): void } {
  const root = mkdtempSync(join(tmpdir(), 'damon-exp-proc-'));
  return {
    root,
    set(pid, utime, stime) {
      mkdirSync(join(root, String(pid)), { recursive: true });
      // The command name may hold spaces and parentheses; fields 14 and 15 follow it.
      writeFileSync(
        join(root, String(pid), 'stat'),
        `${pid} (kdamond.0 (x) y) S 2 0 0 0 -1 2129984 0 0 0 0 ${utime} ${stime} 0 0 20 0 1 0 4242 0 0\n`,
      );
    },
  };
}

describe('kdamond CPU time', () => {
  it('reads utime and stime, fields 14 and 15 of /proc/PID/stat', async () => {
    const proc = fakeProc();
    proc.set(77, 123, 456);
    expect(await readThreadTimes(proc.root, 77)).toEqual({ utime: 123, stime: 456 });
    expect(await readThreadTimes(proc.root, 78)).toBeNull();
  });

  it('samples each kdamond when it starts, at the interval, and at the end', async () => {
    const proc = fakeProc();
    proc.set(77, 10, 20);
    proc.set(88, 1, 2);
    const sampler = new KdamondCpuSampler(proc.root, 50);
    sampler.add(0, 77);
    sampler.add(1, 88);
    await new Promise((resolve) => setTimeout(resolve, 30));
    proc.set(77, 15, 30);
    await new Promise((resolve) => setTimeout(resolve, 150));
    proc.set(77, 40, 60);
    const cpu = await sampler.stop();
    const of77 = cpu.samples.filter((s) => s.kdamond === 0);
    expect(of77.length).toBeGreaterThanOrEqual(3);
    expect(of77[0]).toMatchObject({ pid: 77, utime: 10, stime: 20 });
    expect(of77.at(-1)).toMatchObject({ utime: 40, stime: 60 });
    expect(of77.map((s) => s.tMs)).toEqual([...of77.map((s) => s.tMs)].sort((a, b) => a - b));
    expect(cpu).toMatchObject({ clockTicksPerSecond: 100, intervalMs: 50 });
  });
});
