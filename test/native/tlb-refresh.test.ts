// native/tlb-refresh, the TLB refresher a QEMU TCG guest runs while it measures: a process per CPU
// waking every interval, a line when it starts and one with its wake-ups when it is stopped.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { describe, expect, it } from 'vitest';
import { NATIVE_TLB_REFRESH, parseTlbRefreshLog } from '../../src/record/tlb-refresh.js';

function refresher(): string {
  if (!existsSync(NATIVE_TLB_REFRESH)) throw new Error(`${NATIVE_TLB_REFRESH} is missing: run make native (part of make setup)`);
  return NATIVE_TLB_REFRESH;
}

describe('native/tlb-refresh', () => {
  it('wakes every interval on every CPU until SIGTERM, then says how often it woke, and exits 0', async () => {
    const child = spawn(refresher(), ['2000'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    await new Promise((resolve) => setTimeout(resolve, 600));
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    expect(code).toBe(0);
    const log = parseTlbRefreshLog(out);
    expect(log).toMatchObject({ intervalUs: 2000, cpus: cpus().length });
    expect(['fifo', 'normal']).toContain(log.policy);
    // 600 ms at 2 ms on each CPU: about 300 wake-ups a CPU, fewer on a busy machine, never more
    // than one an interval and the one at its start (CI saw 602 of 2 × 300).
    expect(log.wakeups!).toBeGreaterThan(50 * cpus().length);
    expect(log.wakeups!).toBeLessThanOrEqual((Math.ceil((log.seconds! * 1e6) / 2000) + 1) * cpus().length);
    expect(log.late!).toBeLessThanOrEqual(log.wakeups!);
  });

  it('refuses an interval it cannot keep, or none, with its usage', () => {
    for (const args of [[], ['10'], ['1ms'], ['2000', 'extra']]) {
      const result = spawnSync(refresher(), args, { encoding: 'utf8' });
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr).toContain('usage: tlb-refresh INTERVAL_US (50 to 10000000)');
    }
  });
});

describe('parseTlbRefreshLog', () => {
  it('reads the start and stop lines, and leaves unknown what a log cut short does not say', () => {
    expect(
      parseTlbRefreshLog(
        'tlb-refresh: every 5000 us on 2 CPUs (fifo)\ntlb-refresh: stopped: 4800 wake-ups on 2 CPUs in 12.031 s (17 late)\n',
      ),
    ).toEqual({ intervalUs: 5000, cpus: 2, policy: 'fifo', wakeups: 4800, late: 17, seconds: 12.031 });
    expect(parseTlbRefreshLog('tlb-refresh: every 5000 us on 2 CPUs (normal)\n')).toEqual({
      intervalUs: 5000,
      cpus: 2,
      policy: 'normal',
      wakeups: null,
      late: null,
      seconds: null,
    });
  });
});
