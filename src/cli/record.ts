import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { DAMON_ADMIN_ROOT } from '../kernel/sysfs.js';
import { SCHEMA_URL } from '../manifest/schema.js';
import { timeStamp } from '../record/run-files.js';
import { defineCommand, oneOf, parseCommandArgs } from './command.js';
import { UsageError, UserError } from './output.js';
import { runCommand } from './run.js';

export const recordCommand = defineCommand({
  name: 'record',
  usage:
    'damon-exp record (PID | --cmd "COMMAND") [--duration 10s] [--sample 5ms] [--aggr 100ms] [--update 1s] [--name NAME] [--out DIR] [--force] [--backend local|qemu|auto] [--kernel NAME|IMAGE|TREE]',
  help: `Monitors one process with DAMON (one kdamond, one context, one vaddr target) and records
damon:damon_aggregated, through the same path as damon-exp run: it writes the implicit
one-target manifest it ran (OUT/<name>/manifest.yaml) and the result directory beside it
(OUT/<name>/run/). NAME defaults to record-<date>-<time>.

A PID is attached: monitored, never started or stopped. --cmd starts the command (sh -c) and
ends it with the recording; when the command ends by itself (status 0), so does the recording.

--backend qemu runs a --cmd recording in a VM booted on a DAMON kernel (--kernel, as for run;
the host's root is visible read-only in the guest, so the command's programs are there), for a
host whose DAMON cannot serve or must not be touched; auto takes this host when it can serve,
else QEMU. A PID is this host's and is always recorded here (local).

Examples:
  sudo damon-exp record 1234 --duration 30s
  sudo damon-exp record --cmd "stress-ng --vm 1 --vm-bytes 512M -t 20s" --duration 30s
  damon-exp record --cmd "native/masim/masim experiments/configs/zigzag.cfg" --duration 5s --backend qemu`,
  options: {
    cmd: {
      type: 'string',
      value: '"COMMAND"',
      description: 'start this command (sh -c) and monitor it, instead of a PID',
    },
    duration: {
      type: 'string',
      default: '10s',
      value: 'D',
      description: 'how long to record (a --cmd that ends by itself ends it sooner)',
    },
    sample: { type: 'string', value: 'D', description: "DAMON's sampling interval (default DAMON's, 5ms)" },
    aggr: { type: 'string', value: 'D', description: "DAMON's aggregation interval (default DAMON's, 100ms)" },
    update: { type: 'string', value: 'D', description: "DAMON's regions update interval (default DAMON's, 60s)" },
    name: {
      type: 'string',
      value: 'NAME',
      description: "the recording's name: OUT/NAME/ (default record-<date>-<time>)",
    },
    out: { type: 'string', default: 'results', value: 'DIR', description: 'the results directory' },
    force: {
      type: 'boolean',
      description: 'keep an existing recording of that name beside the new one instead of refusing',
    },
    'sysfs-root': {
      type: 'string',
      default: DAMON_ADMIN_ROOT,
      value: 'DIR',
      description: 'the DAMON sysfs tree to use',
    },
    tracefs: {
      type: 'string',
      default: '/sys/kernel/tracing',
      value: 'DIR',
      description: "the tracefs holding DAMON's tracepoints",
    },
    perf: { type: 'string', value: 'PATH', description: 'the perf to record with (default: $PERF, else perf on PATH)' },
    backend: {
      type: 'string',
      default: 'local',
      value: 'local|qemu|auto',
      description: 'this host, a VM on a DAMON kernel (--cmd only), or this host when it can serve',
    },
    kernel: { type: 'string', value: 'NAME|IMAGE|TREE', description: 'the kernel the VM boots, as for run' },
    json: { type: 'boolean', description: 'print the result as JSON' },
  },
  async run({ values, positionals }, output, deps) {
    const pid = positionals[0];
    if ((pid === undefined) === (values.cmd === undefined) || positionals.length > 1) {
      throw new UsageError('give either a PID or --cmd "COMMAND"', 'record');
    }
    if (pid !== undefined && !/^[1-9][0-9]*$/.test(pid)) throw new UsageError(`'${pid}' is not a pid`, 'record');
    const backend = oneOf(values.backend, ['local', 'qemu', 'auto'] as const, '--backend', 'record')!;
    if (pid !== undefined && backend !== 'local')
      throw new UsageError(
        `--backend ${backend}: a pid of this host means nothing inside a VM; record a process here, or give --cmd to run it in the VM`,
        'record',
      );
    const monitoring = Object.fromEntries(
      (['sample', 'aggr', 'update'] as const).filter((k) => values[k] !== undefined).map((k) => [k, values[k]!]),
    );
    const name =
      values.name === undefined
        ? `record-${new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-')}`
        : values.name;
    const manifest = {
      name,
      description: pid ? `damon-exp record ${pid}` : `damon-exp record --cmd ${JSON.stringify(values.cmd)}`,
      workloads: { target: pid ? { pid: Number(pid) } : { command: values.cmd } },
      layout: { kind: 'one-target', workloads: ['target'] },
      ...(Object.keys(monitoring).length ? { monitoring } : {}),
      duration: values.duration,
    };
    // The implicit manifest is a file like any other: validated, run, and kept with the results.
    const dir = join(resolve(values.out), name);
    const file = join(dir, 'manifest.yaml');
    const created = !existsSync(dir);
    let setAside: string | null = null;
    if (existsSync(file)) {
      // The manifest belongs to the result beside it: never overwrite it.
      if (!values.force)
        throw new UserError(
          `${dir} holds an earlier recording`,
          'choose another --name, or --force to keep it beside the new one',
        );
      setAside = `${file}.before-${timeStamp()}`;
      renameSync(file, setAside);
    }
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      file,
      `# yaml-language-server: $schema=${fileURLToPath(SCHEMA_URL)}\n${stringify(manifest, { lineWidth: 0 })}`,
    );
    // A recording refused before it started leaves nothing behind: no manifest without a result.
    const undo = () => {
      rmSync(file, { force: true });
      if (setAside) renameSync(setAside, file);
      if (created) rmSync(dir, { recursive: true, force: true });
    };
    // `run` on the manifest, with the options that carry over, through run's own parser.
    const runArgs = parseCommandArgs(runCommand, [
      file,
      ...(['out', 'sysfs-root', 'tracefs', 'perf', 'kernel'] as const).flatMap((option) =>
        values[option] === undefined ? [] : [`--${option}`, values[option]!],
      ),
      ...(['force', 'json'] as const).flatMap((option) => (values[option] ? [`--${option}`] : [])),
      '--backend',
      backend,
    ]);
    try {
      return await runCommand.run(runArgs, output, deps);
    } catch (error) {
      undo(); // a run that got a directory ends with a status, not an exception
      throw error;
    }
  },
});
