// A deterministic synthetic `perf script` trace shaped like a real one: one kdamond monitoring
// `targets` processes, each snapshot 20 to 60 regions over three areas (heap, mmap, stack), a hot
// band that moves with time, 100 ms aggregation interval. Same arguments, same bytes. With
// `timeSorted`, no line's time is before the line's before it, as damo reads a trace (damo 2.4.9
// refuses a trace that is not time-sorted); the same regions and accesses otherwise.
import { createWriteStream, existsSync, renameSync, statSync } from 'node:fs';

function lcg(seed) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const AREAS = [
  [94_000_000_000_000, 132 * 2 ** 20],
  [139_900_000_000_000, 512 * 2 ** 20],
  [140_700_000_000_000, 132 * 2 ** 10],
];

/** Writes about `bytes` bytes of trace to `path` (kept when it exists at that size already). */
export async function generateTrace(path, bytes, { targets = 3, seed = 42, timeSorted = false } = {}) {
  if (existsSync(path) && statSync(path).size >= bytes) return path;
  const random = lcg(seed);
  const out = createWriteStream(`${path}.tmp`, { highWaterMark: 1 << 22 });
  let written = 0;
  let timeUs = 8_000_000;
  let lastUs = 0;
  const lines = [];
  const flush = async () => {
    const text = lines.join('');
    lines.length = 0;
    written += text.length;
    if (!out.write(text)) await new Promise((resolve) => out.once('drain', resolve));
  };
  for (let snapshot = 0; written < bytes; snapshot++) {
    for (let target = 0; target < targets; target++) {
      const nr = 20 + Math.floor(random() * 41);
      const regions = [];
      const perArea = [Math.floor(nr / 4), nr - 2 * Math.floor(nr / 4), Math.floor(nr / 4)];
      AREAS.forEach(([base, size], area) => {
        const cuts = Array.from({ length: perArea[area] - 1 }, () => Math.floor(random() * (size / 4096))).sort(
          (a, b) => a - b,
        );
        const bounds = [0, ...cuts.map((c) => c * 4096), size];
        for (let i = 0; i < bounds.length - 1; i++)
          if (bounds[i + 1] > bounds[i]) regions.push([base + bounds[i], base + bounds[i + 1]]);
      });
      const hot = ((snapshot / 50) % 1) * AREAS[1][1] + AREAS[1][0];
      for (const [start, end] of regions) {
        let t = timeUs + Math.floor(random() * 40);
        if (timeSorted) t = lastUs = Math.max(lastUs, t);
        const nrAccesses =
          start <= hot + 64 * 2 ** 20 && end >= hot ? 10 + Math.floor(random() * 10) : random() < 0.1 ? 1 : 0;
        const age = Math.floor(random() * 100);
        lines.push(
          `        kdamond.0   162 [001] ${Math.floor(t / 1e6)}.${String(t % 1e6).padStart(6, '0')}: damon:damon_aggregated: target_id=${target} nr_regions=${regions.length} ${start}-${end}: ${nrAccesses} ${age}\n`,
        );
      }
    }
    timeUs += 100_000 + Math.floor(random() * 2000);
    if (lines.length > 20_000) await flush();
  }
  await flush();
  await new Promise((resolve, reject) => out.end((error) => (error ? reject(error) : resolve())));
  renameSync(`${path}.tmp`, path);
  return path;
}
