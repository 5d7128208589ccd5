import { checkHost, type CheckState } from '../backends/host-check.js';
import { DAMON_ADMIN_ROOT, FsSysfs } from '../kernel/sysfs.js';
import { defineCommand, type Command } from './command.js';
import { paint } from './output.js';

const MARK: Record<CheckState, [string, 'green' | 'yellow' | 'red' | 'dim']> = {
  ok: ['ok', 'green'],
  warn: ['warn', 'yellow'],
  fail: ['FAIL', 'red'],
  info: ['-', 'dim'],
};

export const doctorCommand = defineCommand({
  name: 'doctor',
  summary: 'what this host can do for damon-exp, each problem with its fix; changes nothing',
  usage: 'damon-exp doctor [--sysfs-root DIR] [--tracefs DIR] [--perf PATH] [--json]',
  help: `Checks, without changing anything: root, DAMON sysfs and whether someone else uses it
(kdamonds running or set up), the DAMON tracepoints, perf (a short recording when root), masim,
QEMU and KVM. The last line says whether the local backend can serve runs. Exit status 0 when it
can, 1 when it cannot.

Examples:
  sudo damon-exp doctor
  damon-exp doctor --json | jq '.[] | select(.state == "fail")'`,
  options: {
    'sysfs-root': { type: 'string', default: DAMON_ADMIN_ROOT },
    tracefs: { type: 'string', default: '/sys/kernel/tracing' },
    perf: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run({ values }, output, deps) {
    const env = deps.env ?? process.env;
    const root = values['sysfs-root'];
    const checks = await checkHost({
      sysfs: deps.sysfsFor ? deps.sysfsFor(root) : new FsSysfs(root),
      tracefsRoot: values.tracefs,
      perf: values.perf ? values.perf : env.PERF || 'perf',
      env,
      probeRecording: true,
    });
    if (values.json) {
      output.out(JSON.stringify(checks, null, 2));
    } else {
      const width = Math.max(...checks.map((c) => c.check.length));
      for (const c of checks) {
        const [word, colour] = MARK[c.state];
        output.out(`${c.check.padEnd(width)}  ${paint(output, colour, word.padEnd(4))}  ${c.detail}`);
        if (c.hint && c.state !== 'ok') output.out(`${' '.repeat(width + 8)}${paint(output, 'dim', `→ ${c.hint}`)}`);
      }
    }
    return checks.at(-1)!.state === 'ok' ? 0 : 1;
  },
});
