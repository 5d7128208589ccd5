// The samplers alone, as the benchmark's subject: SchemeStatsSampler on a plan with two schemes
// against a sysfs held in memory (each read or write answered at once, as a kernel's sysfs file
// answers with a few µs of system time), and MemorySampler on this process's /proc/PID/status,
// for 10 s at the pace a 10 s run samples at; prints this process's CPU time over the window, with
// the samplers (`on`) or idle (`off`), as JSON.
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { loadExperiment } = await import(`${ROOT}dist/manifest/load.js`);
const { buildPlan } = await import(`${ROOT}dist/plan/build.js`);
const { UPSTREAM_CAPS } = await import(`${ROOT}dist/plan/caps.js`);
const { SchemeStatsSampler } = await import(`${ROOT}dist/record/scheme-stats.js`);
const { MemorySampler } = await import(`${ROOT}dist/record/memory.js`);

const WINDOW_MS = 10_000;
const INTERVAL_MS = Math.round(WINDOW_MS / 30);
const sampling = process.argv[2] === 'on';

const run = loadExperiment(`${ROOT}bench/schemes.yaml`, { sets: [] }).runs[0];
const plan = buildPlan(run, UPSTREAM_CAPS);
let counter = 0;
const sysfs = {
  root: '(memory)',
  read: async () => String(++counter),
  write: async () => undefined,
  exists: async () => true,
  list: async () => [],
};

const before = process.cpuUsage();
const started = performance.now();
const schemes = new SchemeStatsSampler(sysfs, plan, INTERVAL_MS);
const memory = new MemorySampler('/proc', INTERVAL_MS);
if (sampling) {
  schemes.add(0);
  memory.add('w0', process.pid);
}
await new Promise((resolve) => setTimeout(resolve, WINDOW_MS));
const [stats, mem] = await Promise.all([schemes.stop(), memory.stop()]);
const used = process.cpuUsage(before);
console.log(
  JSON.stringify({
    cpuUs: used.user + used.system,
    wallMs: performance.now() - started,
    schemeSamples: stats.samples.length,
    memorySamples: mem.samples.length,
  }),
);
