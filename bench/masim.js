// native/masim: (1) sequential 4096-stride writes over a 100 MB region, accesses/msec, against a
// plain C loop doing the same accesses (native/masim/bench/seqloop.c): masim must be limited by
// memory, not by itself (within 20 %); (2) start-up to first access for 1 GB of regions.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, report } from './stats.js';

const NATIVE = fileURLToPath(new URL('../native/masim/', import.meta.url));
const SECONDS = 3;

function rateOf(output) {
  const match = /([0-9][0-9,.']*) accesses\/msec/.exec(output);
  if (!match) throw new Error(`no rate in: ${output}`);
  return Number(match[1].replace(/[,.']/g, ''));
}

export async function run() {
  const dir = mkdtempSync(join(tmpdir(), 'damon-exp-bench-masim-'));
  const seq = join(dir, 'seq.cfg');
  writeFileSync(seq, `a, 100000000\n\nsequential writes\n${SECONDS * 1000}\na, 0, 4096, 1, wo\n`);
  const masimRates = [];
  const loopRates = [];
  for (let i = 0; i < 3; i++) {
    masimRates.push(
      rateOf(spawnSync(`${NATIVE}masim`, [seq], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } }).stdout),
    );
    loopRates.push(
      rateOf(spawnSync(`${NATIVE}bench/seqloop`, ['100000000', '4096', String(SECONDS)], { encoding: 'utf8' }).stdout),
    );
  }
  const ratio = median(masimRates) / median(loopRates);
  report(
    'masim sequential 4096-stride writes over 100 MB',
    `${median(masimRates)} accesses/msec`,
    'memory-bound',
    `(plain C loop: ${median(loopRates)} accesses/msec)`,
  );
  report('masim rate / plain C loop rate', `${(ratio * 100).toFixed(1)} %`, '>= 80 %');

  const big = join(dir, 'gigabyte.cfg');
  const regions = Array.from({ length: 10 }, (_, i) => `r${i}, 100000000`).join('\n');
  writeFileSync(big, `${regions}\n\nfirst\n100\nr0, 0, 4096, 1\n`);
  const startups = [];
  for (let i = 0; i < 3; i++) {
    const log = join(dir, `startup-${i}.jsonl`);
    const spawned = process.hrtime.bigint(); // CLOCK_MONOTONIC, as masim's phase log
    const result = spawnSync(`${NATIVE}masim`, ['-q', '--phase-log', log, big]);
    if (result.status !== 0) throw new Error(String(result.stderr));
    const first = readFileSync(log, 'utf8')
      .split('\n')
      .map((l) => (l ? JSON.parse(l) : null))
      .find((e) => e?.event === 'phase-start');
    startups.push(Number(BigInt(first.t_ns) - spawned) / 1e6);
  }
  report(
    'masim start-up to first access, 1 GB of regions',
    `${median(startups).toFixed(0)} ms median`,
    'report',
    `(n=${startups.length})`,
  );
}
