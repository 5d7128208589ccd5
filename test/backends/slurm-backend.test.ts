// The one backend of a Slurm job, chosen before it is submitted (backends/choose.ts).
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MixedBackendsError, slurmBackendOf } from '../../src/backends/choose.js';
import { loadExperiment } from '../../src/manifest/load.js';
import type { Run } from '../../src/manifest/run.js';

const SWEEP = fileURLToPath(new URL('../fixtures/manifests/sweep_with_failure.yaml', import.meta.url));
const RUNS = loadExperiment(SWEEP).runs;
const asking = (kinds: Run['backend']['kind'][]) =>
  RUNS.slice(0, kinds.length).map((run, i) => ({ ...run, backend: { ...run.backend, kind: kinds[i]! } }) as Run);

describe('slurmBackendOf', () => {
  it('is QEMU for auto, saying that a node’s own DAMON serves only when asked', () => {
    const said: string[] = [];
    expect(slurmBackendOf(asking(['auto', 'qemu']), undefined, (text) => said.push(text))).toBe('qemu');
    expect(said).toEqual([
      "--executor slurm: the runs go to the qemu backend (auto does not probe each node's DAMON; --backend local uses it, a node to each task)",
    ]);
  });

  it('is the backend the runs, or --backend, ask for', () => {
    const said: string[] = [];
    expect(slurmBackendOf(asking(['local', 'local']), undefined, (text) => said.push(text))).toBe('local');
    expect(slurmBackendOf(asking(['qemu']), undefined, (text) => said.push(text))).toBe('qemu');
    expect(slurmBackendOf(asking(['local', 'qemu']), 'qemu', (text) => said.push(text))).toBe('qemu');
    expect(slurmBackendOf(asking(['auto', 'qemu']), 'local', (text) => said.push(text))).toBe('local');
    expect(said).toEqual([]);
  });

  it('refuses runs that ask for this host and for another backend: a job runs one', () => {
    for (const kinds of [
      ['local', 'qemu'],
      ['auto', 'local'],
    ] as const) {
      const choose = () => slurmBackendOf(asking([...kinds]), undefined, () => undefined);
      expect(choose).toThrow(MixedBackendsError);
      expect(choose).toThrow('these runs ask for different backends (local and qemu); a Slurm job runs one');
    }
  });
});
