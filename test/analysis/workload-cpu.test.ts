import { describe, expect, it } from 'vitest';
import { workloadCpu } from '../../src/analysis/workload-cpu.js';
import type { MemorySample, WorkloadMemory } from '../../src/record/memory.js';

const S = 1e9;
const sample = (ref: string, tS: number, cpuTicks: number | null | undefined): MemorySample => ({
  tNs: tS * S,
  ref,
  rssBytes: 4096,
  swapBytes: 0,
  ...(cpuTicks === undefined ? {} : { cpuTicks }),
});
const memory = (samples: MemorySample[], clockTicksPerSecond?: number): WorkloadMemory => ({
  format: 'damon-exp.memory/1',
  intervalMs: 1000,
  ...(clockTicksPerSecond ? { clockTicksPerSecond } : {}),
  samples,
});

describe('workloadCpu', () => {
  it('counts each workload from its last sample at or before the window to its last sample', () => {
    const used = workloadCpu(
      memory([
        sample('w0', 10, 0),
        sample('w1', 10, 7),
        sample('w0', 11, 50), // start-up, before the window
        sample('w1', 11, 7),
        sample('w0', 12, 150),
        sample('w1', 12, 7),
        sample('w0', 13.5, 300),
        sample('w1', 13.5, null), // ended: unreadable
      ]),
      { startNs: 11.2 * S, endNs: 13.5 * S, onNs: 11 * S },
    );
    expect(used.get('w0')).toEqual({ seconds: 2.5, spanSeconds: 2.5 });
    expect(used.get('w1')).toEqual({ seconds: 0, spanSeconds: 1 });
  });

  it('takes the whole recording without a window, and the ticks the file names', () => {
    const used = workloadCpu(memory([sample('w0', 1, 0), sample('w0', 3, 500)], 250), null);
    expect(used.get('w0')).toEqual({ seconds: 2, spanSeconds: 2 });
  });

  it('knows nothing of runs recorded before CPU time was sampled, or of a single sample', () => {
    expect(workloadCpu(memory([sample('w0', 1, undefined), sample('w0', 2, undefined)]), null).size).toBe(0);
    expect(workloadCpu(memory([sample('w0', 1, 3)]), null).size).toBe(0);
    expect(workloadCpu(null, null).size).toBe(0);
  });
});
