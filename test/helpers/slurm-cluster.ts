// A real single-node Slurm cluster for tests (Debian's slurmctld, slurmd and munge, 22.05): munged
// with a key of its own, slurmctld and slurmd on free ports, every file (state, spool, logs, pid
// files, the munge socket) in a temporary directory, so that it never meets the machine's own.
// Started by the tests, stopped by pid. It needs root, as CI has (slurmd runs jobs as any user).
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SlurmCluster {
  dir: string;
  /** slurm.conf: SLURM_CONF for sbatch, squeue, scontrol, scancel. */
  conf: string;
  env: NodeJS.ProcessEnv;
  node: string;
  pids: { munged: number; slurmctld: number; slurmd: number };
  /** Runs a Slurm client command against this cluster; throws with its stderr when it fails. */
  client(command: string, args: string[]): string;
  /** Stops the daemons by pid (TERM, then KILL after 10 s) and removes the directory. */
  stop(): Promise<void>;
}

/** The node of the partition 'elsewhere': another machine, down. */
export const ELSEWHERE = 'damonexp-elsewhere';

const TOOLS = ['munged', 'slurmctld', 'slurmd', 'sbatch', 'squeue', 'scontrol', 'scancel', 'sinfo'];

/** Two ports nobody listens on now. */
async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<ReturnType<typeof createServer>>((resolve) => {
          const server = createServer();
          server.listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((s) => (s.address() as { port: number }).port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): string {
  const result = spawnSync(command, args, { encoding: 'utf8', env, timeout: 30_000 });
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')}: exit ${result.status}: ${result.stderr || result.error?.message}`);
  return result.stdout;
}

async function waitFor<T>(what: string, probe: () => T | null, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`the Slurm test cluster: timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const pidIn = (file: string) => () => {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return pid > 0 ? pid : null;
  } catch {
    return null;
  }
};

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function startSlurmCluster(): Promise<SlurmCluster> {
  if (process.getuid?.() !== 0) throw new Error('the Slurm test cluster needs root (slurmd runs jobs as their users)');
  const missing = TOOLS.filter((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0);
  if (missing.length)
    throw new Error(`${missing.join(', ')} missing: make setup installs munge, slurmctld, slurmd, slurm-client`);
  const dir = mkdtempSync(join(tmpdir(), 'damon-exp-slurm-'));
  for (const sub of ['state', 'spool', 'log', 'munge']) mkdirSync(join(dir, sub));
  chmodSync(join(dir, 'munge'), 0o700);
  const key = join(dir, 'munge', 'munge.key');
  writeFileSync(key, randomBytes(1024), { mode: 0o400 });
  const socket = join(dir, 'munge', 'munge.sock');
  const stopped: number[] = [];
  const started: { name: string; pidFile: string }[] = [];
  const stopAll = async () => {
    for (const { pidFile } of [...started].reverse()) {
      const pid = pidIn(pidFile)();
      if (pid === null || !alive(pid)) continue;
      process.kill(pid, 'SIGTERM');
      stopped.push(pid);
    }
    const deadline = Date.now() + 10_000;
    while (stopped.some(alive) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    for (const pid of stopped.filter(alive)) process.kill(pid, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const env = { ...process.env, SLURM_CONF: join(dir, 'slurm.conf') };
    run(
      'munged',
      [
        '-f',
        `--socket=${socket}`,
        `--key-file=${key}`,
        `--pid-file=${join(dir, 'munge', 'munged.pid')}`,
        `--log-file=${join(dir, 'log', 'munged.log')}`,
        `--seed-file=${join(dir, 'munge', 'seed')}`,
      ],
      env,
    );
    started.push({ name: 'munged', pidFile: join(dir, 'munge', 'munged.pid') });
    const munged = await waitFor('munged', pidIn(join(dir, 'munge', 'munged.pid')));
    const node = hostname().split('.')[0]!;
    const [ctldPort, slurmdPort] = await freePorts(2);
    const memoryMiB =
      Math.floor(Number(/MemTotal:\s+(\d+)/.exec(readFileSync('/proc/meminfo', 'utf8'))![1]) / 1024) - 512;
    const conf = join(dir, 'slurm.conf');
    writeFileSync(
      conf,
      [
        'ClusterName=damonexptest',
        `SlurmctldHost=${node}`,
        `SlurmctldPort=${ctldPort}`,
        `SlurmdPort=${slurmdPort}`,
        'SlurmUser=root',
        'SlurmdUser=root',
        'AuthType=auth/munge',
        `AuthInfo=socket=${socket}`,
        'CredType=cred/munge',
        `StateSaveLocation=${join(dir, 'state')}`,
        `SlurmdSpoolDir=${join(dir, 'spool')}`,
        `SlurmctldPidFile=${join(dir, 'slurmctld.pid')}`,
        `SlurmdPidFile=${join(dir, 'slurmd.pid')}`,
        `SlurmctldLogFile=${join(dir, 'log', 'slurmctld.log')}`,
        `SlurmdLogFile=${join(dir, 'log', 'slurmd.log')}`,
        'ProctrackType=proctrack/linuxproc',
        'TaskPlugin=task/none',
        'SelectType=select/cons_tres',
        'SelectTypeParameters=CR_Core_Memory',
        'MpiDefault=none',
        'ReturnToService=2',
        'JobAcctGatherType=jobacct_gather/none',
        'AccountingStorageType=accounting_storage/none',
        'JobCompType=jobcomp/none',
        `NodeName=${node} CPUs=${Number(run('nproc', [], env).trim())} RealMemory=${memoryMiB} State=UNKNOWN`,
        `PartitionName=test Nodes=${node} Default=YES MaxTime=INFINITE State=UP`,
        // A second machine that is never up: a partition whose nodes are not this one (what runs
        // there must be on a file system they share).
        `NodeName=${ELSEWHERE} NodeAddr=127.0.0.2 CPUs=1 RealMemory=256 State=DOWN`,
        `PartitionName=elsewhere Nodes=${ELSEWHERE} MaxTime=INFINITE State=UP`,
        '',
      ].join('\n'),
    );
    run('slurmctld', ['-f', conf, '-i'], env);
    started.push({ name: 'slurmctld', pidFile: join(dir, 'slurmctld.pid') });
    const slurmctld = await waitFor('slurmctld', pidIn(join(dir, 'slurmctld.pid')));
    run('slurmd', ['-f', conf], env);
    started.push({ name: 'slurmd', pidFile: join(dir, 'slurmd.pid') });
    const slurmd = await waitFor('slurmd', pidIn(join(dir, 'slurmd.pid')));
    await waitFor('the node to be idle', () => {
      const state = spawnSync('sinfo', ['-h', '-N', '-n', node, '-o', '%T'], { encoding: 'utf8', env }).stdout?.trim();
      return state === 'idle' ? state : null;
    });
    return {
      dir,
      conf,
      env,
      node,
      pids: { munged, slurmctld, slurmd },
      client: (command, args) => run(command, args, env),
      stop: stopAll,
    };
  } catch (error) {
    const logs = ['slurmctld.log', 'slurmd.log', 'munged.log']
      .map((name) => join(dir, 'log', name))
      .filter(existsSync)
      .map((file) => `${file}:\n${readFileSync(file, 'utf8').split('\n').slice(-5).join('\n')}`);
    await stopAll();
    throw new Error(`${(error as Error).message}\n${logs.join('\n')}`);
  }
}
