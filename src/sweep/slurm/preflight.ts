// What a node needs before a sweep is handed to Slurm, checked on the submitting machine so that a
// job never starts only to fail in every task: Node and damon-exp, the manifest and the results
// directory at absolute paths the nodes share, the masim programs built, and (QEMU) the kernel
// cached with its initramfs. A path the nodes may not see (a node-local file system while the job
// may run on other machines) is refused, with what to do.
import { constants } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { isAbsolute } from 'node:path';
import type { Run } from '../../manifest/run.js';
import { checkProgram, masimProgram } from '../../record/masim-program.js';
import { makeDirectories } from '../../record/run-directory.js';
import { RefusedError, type Backend, type Checked } from '../../backends/backend.js';
import type { SlurmClient } from './client.js';
import { setupCommand } from '../../util/places.js';

/** File systems whose paths are the same on every machine that mounts them. */
const SHARED_FILE_SYSTEMS = new Set([
  'nfs',
  'nfs4',
  'lustre',
  'gpfs',
  'cephfs',
  'ceph',
  'beegfs',
  'glusterfs',
  'fuse.glusterfs',
  'fuse.sshfs',
  'fuse.cephfs',
  'fuse.beegfs',
  'cifs',
  'smb3',
  'orangefs',
  'pvfs2',
  'fuse.juicefs',
  'afs',
  'virtiofs',
  '9p',
]);

export interface Mount {
  point: string;
  type: string;
}

/** /proc/self/mountinfo: the mount point (field 5) and the type (after the " - " separator). */
export function parseMountinfo(text: string): Mount[] {
  const mounts: Mount[] = [];
  for (const line of text.split('\n')) {
    const [before, after] = line.split(' - ');
    if (!before || !after) continue;
    const point = before.split(' ')[4];
    const type = after.split(' ')[0];
    // The kernel escapes space, tab, newline and backslash as octal: \040, \011, \012, \134.
    if (point && type)
      mounts.push({
        point: point.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8))),
        type,
      });
  }
  return mounts;
}

/** The mount a path is on: the longest mount point that contains it. */
export function mountOf(path: string, mounts: readonly Mount[]): Mount | null {
  let best: Mount | null = null;
  for (const mount of mounts) {
    const inside = mount.point === '/' || path === mount.point || path.startsWith(`${mount.point}/`);
    if (inside && (!best || mount.point.length >= best.point.length)) best = mount;
  }
  return best;
}

export interface NeededPath {
  path: string;
  /** What it is, for the message: "the results directory". */
  what: string;
}

/**
 * The paths that are not on a shared file system while the job may run on a node other than this
 * machine; none when every node is this machine.
 */
export function unsharedPaths(
  paths: readonly NeededPath[],
  mounts: readonly Mount[],
  nodes: readonly string[],
  thisHost: string,
): { path: NeededPath; type: string }[] {
  if (nodes.length > 0 && nodes.every((node) => node === thisHost)) return [];
  return paths.flatMap((path) => {
    const type = mountOf(path.path, mounts)?.type ?? 'unknown';
    return SHARED_FILE_SYSTEMS.has(type) ? [] : [{ path, type }];
  });
}

export interface SubmitCheckOptions {
  runs: Run[];
  backend: 'local' | 'qemu';
  /** The preflight of the qemu backend (the kernel cached, the guest's bundle built). */
  qemu: Backend;
  client: SlurmClient;
  partition?: string;
  paths: NeededPath[];
  /** The results directory: made here if need be, and it must be writable. */
  sweepDir: string;
  env: NodeJS.ProcessEnv;
  /** The user says the nodes see these paths although their file system does not say so. */
  assumeShared: boolean;
  abort: AbortSignal;
  onStage?(stage: string): void;
}

/** Everything a task would find missing on its node: RefusedError naming it. Returns the cluster's nodes. */
export async function checkBeforeSubmitting(options: SubmitCheckOptions): Promise<string[]> {
  const paths = [...options.paths];
  for (const { path, what } of paths) {
    if (!isAbsolute(path)) throw new RefusedError(`${what} ${path} is not an absolute path`, 'name it from /');
    try {
      await access(path, constants.R_OK);
    } catch {
      throw new RefusedError(`${what} ${path} is not there`, 'the nodes run it from the same absolute path');
    }
  }
  try {
    await makeDirectories(options.sweepDir);
    await access(options.sweepDir, constants.W_OK);
  } catch (error) {
    throw new RefusedError(
      `the results directory ${options.sweepDir} cannot be written here: ${(error as Error).message}`,
      'write elsewhere with --out DIR, on a file system the nodes share',
    );
  }
  const programs = new Set(
    options.runs.flatMap((run) =>
      Object.values(run.workloads).flatMap((w) => (w.kind === 'masim' ? [masimProgram(w.binary, options.env)] : [])),
    ),
  );
  for (const program of programs) {
    const problem = await checkProgram(program);
    if (problem)
      throw new RefusedError(`the masim program: ${problem}`, `${setupCommand('native')} builds ours (native/masim)`);
    if (!program.includes('/') || !isAbsolute(program))
      throw new RefusedError(
        `the masim program '${program}' is not named by an absolute path`,
        'the nodes run it from the same absolute path: set MASIM or the workload binary to one',
      );
    paths.push({ path: program, what: 'the masim program' });
  }
  for (const run of options.runs) {
    const attached = Object.entries(run.workloads).find(([, w]) => w.kind === 'pid');
    if (attached)
      throw new RefusedError(
        `workload '${attached[0]}' of ${run.id} attaches to a pid of this machine, which means nothing on a node`,
        'run it here (without --executor slurm), or describe the workload as masim: or command:',
      );
  }
  if (options.backend === 'qemu') {
    const checked: Checked[] = [];
    try {
      for (const run of options.runs)
        checked.push(await options.qemu.preflight(run, { abort: options.abort, onStage: options.onStage }));
    } finally {
      for (const c of checked) c.release();
    }
  }
  const nodes = await options.client.nodes(options.partition);
  if (nodes.length === 0)
    throw new RefusedError(
      `the cluster has no nodes${options.partition ? ` in partition ${options.partition}` : ''}`,
      'sinfo shows the partitions and their nodes',
    );
  if (!options.assumeShared) {
    const mounts = parseMountinfo(await readFile('/proc/self/mountinfo', 'utf8').catch(() => ''));
    const unshared = unsharedPaths(paths, mounts, nodes, hostname().split('.')[0]!);
    if (unshared.length) {
      const { path, type } = unshared[0]!;
      throw new RefusedError(
        `${path.what} ${path.path} is on ${type === 'unknown' ? 'a file system of unknown type' : type}, which the nodes (${nodes.slice(0, 3).join(', ')}${nodes.length > 3 ? ', …' : ''}) may not share with this machine${unshared.length > 1 ? ` (and ${unshared.length - 1} more such paths)` : ''}`,
        'put damon-exp, the manifest and --out on a file system the nodes mount at the same path (NFS, Lustre, …); --assume-shared when they see it another way',
      );
    }
  }
  return nodes;
}
