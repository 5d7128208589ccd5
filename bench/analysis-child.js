// Runs in its own process so that its peak memory is the analysis's alone: prints JSON.
import { analyze, DEFAULT_ANALYSIS_OPTIONS } from '../dist/analysis/analyze.js';
import { NO_RUN_INPUTS } from '../dist/analysis/run-inputs.js';
import { openTrace } from '../dist/trace/source.js';

const started = performance.now();
const { analysis } = await analyze(openTrace(process.argv[2]), NO_RUN_INPUTS, DEFAULT_ANALYSIS_OPTIONS);
const ms = performance.now() - started;
console.log(
  JSON.stringify({
    ms,
    maxRssKiB: process.resourceUsage().maxRSS,
    snapshots: analysis.trace.counts.snapshots,
    lines: analysis.trace.counts.lines,
  }),
);
