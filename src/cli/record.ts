import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { SCHEMA_URL } from '../manifest/schema.js';
import { RUN_FILES } from '../record/run-files.js';
import { RecordingFolder } from './recording-folder.js';
import { hostOptions } from './host-options.js';
import { DEFAULT_MAX_RUNS } from '../manifest/load.js';
import type { RunSettings } from '../sweep/request.js';
import { defineCommand } from './command.js';
import { oneLine, positiveDuration, wholeNumber } from './option-values.js';
import { hostSettingsOf, PLAIN_SWEEP, qemuSettingsOf, sweepRequest } from './run-request.js';
import { runSweep } from './run-sweep.js';
import { implicitManifest, recordBackendOf, recordTargetOf } from './record-target.js';
import { checkOutputFile, writeOutputFile } from './trace-output-file.js';

const DURATION_SAYS = 'needs a duration above 0 (5000us, 100ms, 2.5s; plain µs for -s, -a, -u, seconds for --timeout)';
const REGIONS = wholeNumber({ max: 999_999_999, says: 'needs a whole number' });

export const recordCommand = defineCommand({
  name: 'record',
  usage:
    'damon-exp record (PID | paddr | "COMMAND" | --cmd "COMMAND") [--duration 10s] [--sample 5ms] [--aggr 100ms] [--update 1s] [--min-regions N] [--max-regions N] [--name NAME] [--out DIR] [--output-file FILE] [--force] [--backend auto|local|qemu] [--allow-physical] [--kernel NAME|IMAGE|TREE]',
  help: `Monitors one process (or, as damo record paddr, the physical memory) with DAMON (one kdamond,
one context, one target) and records damon:damon_aggregated, through the same path as damon-exp
run: it writes the implicit one-target manifest it ran (OUT/<name>/manifest.yaml) and the result
directory beside it (OUT/<name>/run/). NAME defaults to record-<date>-<time> (-2, -3, ... when
another recording took that second).

A PID is attached: monitored, never started or stopped. paddr monitors the physical address space
for --duration. A COMMAND (any other word, as damo takes it, or --cmd) is started (bash -c) in the
folder record runs in, and ended with the recording; when the command ends by itself (status 0),
so does the recording.

damo record's options work as typed: -s/--sample, -a/--aggr and -u/--updr in µs (plain numbers;
ours take units too: 5ms), -n/--minr and -m/--maxr (the number of regions), --timeout SECONDS
(as --duration), and -o FILE (--output-file): the trace is also written to FILE, as perf script
text, one of damo's record formats, which damo report and damon-exp heats/wss/report read (-o
damon.data, and 'damon-exp heats' finds it there as damo's does; an earlier FILE is kept as
FILE.before-<time>). damo's long --out is ours, the results directory. The intervals default to
damo record's (5ms, 100ms, 1s). Unlike damo, which records until the command ends, a recording
lasts --duration (default 10s), or less when the command ends first.

--backend auto (the default, as for run) records on this host when its DAMON can serve, else in
a VM booted on a DAMON kernel (--kernel, as for run). In the VM the command starts in the same
folder and sees the host's files read-only (those under /tmp and /run that it names are kept
visible): a command that writes into its folder fails there. A PID is this host's and is always
recorded here. paddr is a VM's physical memory unless --allow-physical records this host's.

Examples:
  sudo damon-exp record 1234 --duration 30s
  sudo damon-exp record --cmd "native/masim/masim experiments/masim/zigzag.cfg" --duration 30s
  sudo damon-exp record "native/masim/masim experiments/masim/stairs.cfg" -s 1000 -o damon.data
  damon-exp heats --plot_ascii
  damon-exp record "./native/masim/masim experiments/masim/demo.cfg" --backend qemu
  damon-exp record paddr --duration 20s
  sudo damon-exp record paddr --allow-physical --duration 5s`,
  options: {
    cmd: {
      type: 'string',
      value: '"COMMAND"',
      description: 'start this command (bash -c) and monitor it, instead of a PID',
    },
    duration: {
      type: 'string',
      value: 'D',
      description: 'how long to record (a command that ends by itself ends it sooner; default 10s)',
      parse: positiveDuration(null, DURATION_SAYS),
      conflicts: { timeout: 'say the same thing: give one' },
    },
    timeout: {
      type: 'string',
      value: 'SECONDS',
      description: "damo's way to say --duration: how long to record, in seconds (or with a unit)",
      parse: positiveDuration('s', DURATION_SAYS),
    },
    sample: {
      type: 'string',
      value: 'D',
      description: "DAMON's sampling interval, µs or with a unit (default DAMON's, 5ms)",
      parse: positiveDuration('us', DURATION_SAYS),
    },
    aggr: {
      type: 'string',
      value: 'D',
      description: "DAMON's aggregation interval, µs or with a unit (default DAMON's, 100ms)",
      parse: positiveDuration('us', DURATION_SAYS),
    },
    update: {
      type: 'string',
      value: 'D',
      description: "DAMON's regions update interval, µs or with a unit (default 1s, as damo record's)",
      parse: positiveDuration('us', DURATION_SAYS),
    },
    'min-regions': {
      type: 'string',
      value: 'N',
      description: 'the fewest regions DAMON keeps (default 10)',
      parse: REGIONS,
    },
    'max-regions': {
      type: 'string',
      value: 'N',
      description: 'the most regions DAMON makes (default 1000)',
      parse: REGIONS,
    },
    'output-file': {
      type: 'string',
      value: 'FILE',
      description: "write the trace to FILE too (perf script text, which damo reads), as damo's -o",
    },
    name: {
      type: 'string',
      value: 'NAME',
      description: "the recording's name: OUT/NAME/ (default record-<date>-<time>)",
    },
    out: { type: 'string', default: 'results', value: 'DIR', description: 'the results directory', parse: oneLine },
    force: {
      type: 'boolean',
      description: 'keep an existing recording of that name beside the new one instead of refusing',
    },
    ...hostOptions,
    backend: {
      type: 'string',
      value: 'local|qemu|auto',
      description:
        'this host, a VM on a DAMON kernel, or (the default, as for run) this host when it can serve, else a VM',
      choices: ['local', 'qemu', 'auto'],
    },
    'allow-physical': {
      type: 'boolean',
      description: "record paddr on this host: its whole physical memory (without it, paddr is a VM's)",
    },
    kernel: { type: 'string', value: 'NAME|IMAGE|TREE', description: 'the kernel the VM boots, as for run' },
    json: { type: 'boolean', description: 'print the result as JSON' },
  },
  spellings: {
    values: {
      '-s': '--sample',
      '-a': '--aggr',
      '-u': '--update',
      '--updr': '--update',
      '-n': '--min-regions',
      '--minr': '--min-regions',
      '-m': '--max-regions',
      '--maxr': '--max-regions',
      '-o': '--output-file',
    },
  },
  async run({ values, positionals, spelled = (option) => option }, output, deps) {
    const target = recordTargetOf(positionals, values.cmd);
    const backend = recordBackendOf(target, values.backend, values['allow-physical'] === true, (text) =>
      output.err(`damon-exp: ${text}`),
    );
    const monitoring: Record<string, unknown> = Object.fromEntries(
      (['sample', 'aggr', 'update'] as const).filter((k) => values[k] !== undefined).map((k) => [k, values[k]]),
    );
    const regions = Object.fromEntries(
      (['min-regions', 'max-regions'] as const)
        .filter((k) => values[k] !== undefined)
        .map((k) => [k === 'min-regions' ? 'min' : 'max', values[k]]),
    );
    if (Object.keys(regions).length) monitoring.nr_regions = regions;
    // damo record's default, where DAMON's own (when nothing is written) is 60 s.
    monitoring.update ??= '1s';
    const duration = values.timeout ?? values.duration ?? '10s';
    const outputFile = values['output-file'] === undefined ? undefined : resolve(values['output-file']);
    if (outputFile !== undefined) checkOutputFile(outputFile, spelled('--output-file'));
    // The implicit manifest is a file like any other: validated, run, and kept with the results.
    const folder = new RecordingFolder(
      resolve(values.out),
      values.name,
      values.force === true,
      (name) =>
        `# yaml-language-server: $schema=${fileURLToPath(SCHEMA_URL)}\n${stringify(implicitManifest(target, name, monitoring, duration, process.cwd()), { lineWidth: 0 })}`,
    );
    // The manifest's one run, as `run` runs it, with the settings that carry over.
    const settings: RunSettings = {
      manifest: { file: folder.manifest, sets: [], maxRuns: DEFAULT_MAX_RUNS },
      resultsRoot: resolve(values.out),
      backend,
      host: hostSettingsOf(values),
      qemu: qemuSettingsOf({ kernel: values.kernel }),
      force: values.force === true,
      resume: false,
    };
    let status: number;
    try {
      const request = sweepRequest(settings, { ...PLAIN_SWEEP, json: values.json === true }, (text) =>
        output.err(`damon-exp: ${text}`),
      );
      status = await runSweep(request, output, deps);
    } catch (error) {
      folder.undo(); // a run that got a directory ends with a status, not an exception
      throw error;
    }
    const replaced = folder.settle(output);
    if (outputFile !== undefined) {
      if (replaced) await writeOutputFile(join(folder.runDir, RUN_FILES.traceScript), outputFile, output);
      else output.err(`damon-exp: ${outputFile} was not written: the new recording did not complete`);
    }
    return status;
  },
});
