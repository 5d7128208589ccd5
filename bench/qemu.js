// The qemu backend under TCG (these machines: nested KVM does not work): boot to the executor's
// first sysfs write, Node start-up in the guest, and a 10-second one-target run, data on the host.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { report } from './stats.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export async function run() {
  const { bootAndRun } = await import(`${ROOT}dist/backends/qemu/boot.js`);
  const { CLI_BUNDLE, guestScript } = await import(`${ROOT}dist/backends/qemu/guest-script.js`);
  const { kernelFor } = await import(`${ROOT}dist/backends/qemu/provision.js`);
  const { loadExperiment } = await import(`${ROOT}dist/manifest/load.js`);
  const { GUEST_SCRIPT } = await import(`${ROOT}dist/backends/qemu/initramfs.js`);

  // Node start-up in the guest: the bundled CLI printing its version, timed inside the guest.
  const runForVm = loadExperiment(`${ROOT}experiments/one_target.yaml`).runs[0];
  const shared = mkdtempSync(join(tmpdir(), 'damon-exp-bench-vm-'));
  mkdirSync(join(shared, 'vm'));
  writeFileSync(
    join(shared, GUEST_SCRIPT),
    guestScript(
      [
        'sh',
        '-c',
        `for i in 1 2 3; do s=$(date +%s%N); '${process.execPath}' '${CLI_BUNDLE}' --version > /dev/null; e=$(date +%s%N); echo $(( (e - s) / 1000000 )) >> /tmp/out/node-ms; done`,
      ],
      {},
    ),
  );
  await bootAndRun(kernelFor(runForVm), runForVm, shared, join(shared, 'console.log'), {
    resultsRoot: shared,
    accel: 'tcg',
  });
  const nodeMs = readFileSync(join(shared, 'node-ms'), 'utf8').trim().split('\n').map(Number);
  report(
    'Node start-up in the guest (TCG), bundled CLI',
    `${nodeMs[0]} ms cold, ${Math.min(...nodeMs.slice(1))} ms warm`,
    '< 3 s',
  );

  // A 10-second one-target run, from the command to the result on the host.
  const out = mkdtempSync(join(tmpdir(), 'damon-exp-bench-qemu-'));
  const started = Date.now();
  const result = spawnSync(
    process.execPath,
    [
      `${ROOT}bin/damon-exp.js`,
      'run',
      `${ROOT}experiments/one_target.yaml`,
      '--set',
      'duration=10s',
      '--backend',
      'qemu',
      '--accel',
      'tcg',
      '--out',
      out,
    ],
    { encoding: 'utf8' },
  );
  const wallMs = Date.now() - started;
  if (result.status !== 0) throw new Error(result.stderr);
  const status = JSON.parse(readFileSync(join(result.stdout.trim(), 'status.json'), 'utf8'));
  const firstWrite = status.vm.bootMs + nodeMs[0] + status.timings.checksMs;
  report(
    "boot to the executor's first sysfs write (TCG)",
    `${(firstWrite / 1000).toFixed(1)} s`,
    '< 10 s',
    `(kernel boot ${(status.vm.bootMs / 1000).toFixed(1)} s + Node ${(nodeMs[0] / 1000).toFixed(1)} s + checks ${(status.timings.checksMs / 1000).toFixed(1)} s)`,
  );
  report(
    '10-second one-target run in QEMU (TCG), data on the host',
    `${(wallMs / 1000).toFixed(1)} s wall`,
    '< 40 s',
    `(VM ${(status.vm.wallMs / 1000).toFixed(1)} s; teardown in the guest ${((status.timings.teardownEndedAt - status.timings.teardownStartedAt) / 1000).toFixed(1)} s; perf script ${((status.timings.finalizedAt - status.timings.teardownEndedAt) / 1000).toFixed(1)} s)`,
  );
}
