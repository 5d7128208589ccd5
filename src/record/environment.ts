// The environment a run happened in, saved as env.json: enough to tell two results' machines,
// kernels, tools and inputs apart.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { cpus, hostname, release, totalmem } from 'node:os';
import { gunzipSync } from 'node:zlib';
import { execa } from 'execa';
import type { KernelIdentity } from '../kernel-images/cache.js';
import { packagePath, VERSION } from '../util/version.js';
import { parseKernelConfig } from '../kernel-images/config.js';

export interface Environment {
  /** identity: the kernel image a VM booted (the qemu backend adds it). */
  kernel: {
    release: string;
    cmdline: string | null;
    damonConfig: Record<string, string> | null;
    configSource: string | null;
    identity?: KernelIdentity;
  };
  /** The host a VM ran on (the qemu backend adds it; machine is then the VM). */
  host?: { hostname: string; cpuModel: string; cpus: number; memoryBytes: number; qemu: string | null };
  memoryManagement: { thpEnabled: string | null; thpDefrag: string | null; swappiness: string | null; swaps: string[] };
  machine: { hostname: string; cpuModel: string; cpus: number; memoryBytes: number };
  tools: {
    node: string;
    perf: string | null;
    perfMonotonicClock: boolean;
    masim: { program: string; sha256: string | null }[];
  };
  damonExp: { version: string; gitCommit: string | null; gitDirty: boolean | null };
  manifest: { file: string; sha256: string };
  /**
   * Where the run ran: the local backend's sysfs root, or the qemu backend's VM (its accelerator,
   * and whether the guest ran the TLB refresher: `tlbRefresh.state`).
   */
  backend?: {
    kind: 'local' | 'qemu';
    why?: string;
    accel?: string;
    tlbRefresh?: { state: string; intervalUs?: number | null };
  };
}

async function text(path: string): Promise<string | null> {
  try {
    return (await readFile(path, 'utf8')).trim();
  } catch {
    return null;
  }
}

async function damonConfig(kernelRelease: string): Promise<{ values: Record<string, string>; source: string } | null> {
  const pick = (config: string, source: string) => {
    const values = Object.fromEntries(
      [...parseKernelConfig(config)].filter(([symbol]) => symbol.startsWith('CONFIG_DAMON')),
    );
    return { values, source };
  };
  try {
    return pick(gunzipSync(await readFile('/proc/config.gz')).toString('utf8'), '/proc/config.gz');
  } catch {
    const boot = await text(`/boot/config-${kernelRelease}`);
    return boot === null ? null : pick(boot, `/boot/config-${kernelRelease}`);
  }
}

export async function fileSha256(path: string): Promise<string | null> {
  try {
    return createHash('sha256')
      .update(await readFile(path))
      .digest('hex');
  } catch {
    return null;
  }
}

/** damon-exp's git commit and whether the tree is dirty; a QEMU guest is told them by its host. */
export async function gitState(): Promise<{ commit: string | null; dirty: boolean | null }> {
  const told = process.env.DAMON_EXP_GIT;
  if (told) {
    const [commit, dirty] = told.split(' ');
    return {
      commit: commit === '-' ? null : commit!,
      dirty: dirty === 'dirty' ? true : dirty === 'clean' ? false : null,
    };
  }
  const [commit, status] = await Promise.all([git(['rev-parse', 'HEAD']), git(['status', '--porcelain'])]);
  return { commit, dirty: status === null ? null : status.length > 0 };
}

async function git(args: string[]): Promise<string | null> {
  const result = await execa('git', ['-C', packagePath('.'), ...args], { reject: false, timeout: 5000 });
  return result.exitCode === 0 ? String(result.stdout).trim() : null;
}

/** The machine this process runs on. */
export function machineFacts(): Environment['machine'] {
  return {
    hostname: hostname(),
    cpuModel: cpus()[0]?.model ?? 'unknown',
    cpus: cpus().length,
    memoryBytes: totalmem(),
  };
}

export async function captureEnvironment(options: {
  perfVersion: string | null;
  perfMonotonicClock: boolean;
  masimPrograms: string[];
  manifestFile: string;
  manifestSha256: string;
}): Promise<Environment> {
  const kernelRelease = release();
  const [cmdline, config, thpEnabled, thpDefrag, swappiness, swaps, repository, masim] = await Promise.all([
    text('/proc/cmdline'),
    damonConfig(kernelRelease),
    text('/sys/kernel/mm/transparent_hugepage/enabled'),
    text('/sys/kernel/mm/transparent_hugepage/defrag'),
    text('/proc/sys/vm/swappiness'),
    text('/proc/swaps'),
    gitState(),
    Promise.all(
      [...new Set(options.masimPrograms)].map(async (program) => ({ program, sha256: await fileSha256(program) })),
    ),
  ]);
  return {
    kernel: {
      release: kernelRelease,
      cmdline,
      damonConfig: config?.values ?? null,
      configSource: config?.source ?? null,
    },
    memoryManagement: { thpEnabled, thpDefrag, swappiness, swaps: (swaps ?? '').split('\n').slice(1).filter(Boolean) },
    machine: machineFacts(),
    tools: { node: process.version, perf: options.perfVersion, perfMonotonicClock: options.perfMonotonicClock, masim },
    damonExp: { version: VERSION, gitCommit: repository.commit, gitDirty: repository.dirty },
    manifest: { file: options.manifestFile, sha256: options.manifestSha256 },
  };
}
