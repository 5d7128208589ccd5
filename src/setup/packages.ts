// The Debian packages damon-exp's runs need, and the optional ones for what some commands do:
// which are missing (dpkg-query), the one apt-get line that installs them, and installing them
// when root asks. On a host without dpkg, the commands those packages give are looked for instead.
import { execa } from 'execa';
import { onPath } from '../util/child.js';

export interface PackageGroup {
  /** What the group is for, in a phrase. */
  purpose: string;
  /** Whether runs need it (else only some commands do). */
  needed: boolean;
  packages: readonly string[];
  /** The command each package gives, looked for where dpkg is not there. */
  commands: readonly string[];
}

export const PACKAGE_GROUPS: readonly PackageGroup[] = [
  {
    purpose: 'runs in QEMU and recording with perf',
    needed: true,
    packages: ['qemu-system-x86', 'busybox-static', 'cpio', 'xz-utils', 'zstd', 'linux-perf'],
    commands: ['qemu-system-x86_64', 'busybox', 'cpio', 'xz', 'zstd', 'perf'],
  },
  {
    purpose: 'building masim and the TLB refresher',
    needed: true,
    packages: ['gcc', 'libc6-dev'],
    commands: ['cc'],
  },
  {
    purpose: 'damon-exp kernel build',
    needed: false,
    packages: ['make', 'flex', 'bison', 'bc', 'libelf-dev'],
    commands: ['make', 'flex', 'bison', 'bc'],
  },
  { purpose: 'sweeps on Slurm (--executor slurm)', needed: false, packages: ['slurm-client'], commands: ['sbatch'] },
  {
    purpose: 'PNG paper figures (damon-exp figures; SVG needs nothing)',
    needed: false,
    packages: ['chromium'],
    commands: ['chromium'],
  },
];

export interface GroupState extends PackageGroup {
  /** Packages (or, without dpkg, commands) that are missing. */
  missing: string[];
}

export interface PackageReport {
  /** Whether packages were asked of dpkg (else commands were looked for on PATH). */
  dpkg: boolean;
  groups: GroupState[];
}

/** The packages of `names` that dpkg says are installed. */
async function installedPackages(names: readonly string[], env: NodeJS.ProcessEnv): Promise<Set<string> | null> {
  const result = await execa('dpkg-query', ['-W', '-f=${Package} ${Status}\\n', ...names], { reject: false, env });
  if (result.failed && result.exitCode === undefined) return null; // no dpkg-query here
  const installed = new Set<string>();
  for (const line of String(result.stdout ?? '').split('\n')) {
    const [name, ...status] = line.trim().split(/\s+/);
    if (name && status.join(' ') === 'install ok installed') installed.add(name.split(':')[0]!);
  }
  return installed;
}

export async function checkPackages(
  env: NodeJS.ProcessEnv = process.env,
  groups: readonly PackageGroup[] = PACKAGE_GROUPS,
): Promise<PackageReport> {
  const installed = await installedPackages(
    groups.flatMap((g) => g.packages),
    env,
  );
  if (installed) {
    return { dpkg: true, groups: groups.map((g) => ({ ...g, missing: g.packages.filter((p) => !installed.has(p)) })) };
  }
  const states: GroupState[] = [];
  for (const g of groups) {
    const missing: string[] = [];
    for (const command of g.commands) if (!(await onPath(command, env))) missing.push(command);
    states.push({ ...g, missing });
  }
  return { dpkg: false, groups: states };
}

/** The missing packages of the groups runs need (or of all groups). */
export function missingPackages(report: PackageReport, all = false): string[] {
  return report.groups.filter((g) => all || g.needed).flatMap((g) => g.missing);
}

export function aptLine(packages: readonly string[]): string {
  return `sudo apt-get install --no-install-recommends ${packages.join(' ')}`;
}

/** apt-get install, as root; the package lists updated first when apt does not know a package. */
export async function installPackages(
  packages: readonly string[],
  onProgress: (line: string) => void,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const install = () =>
    execa('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], {
      reject: false,
      all: true,
      env: { ...env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  onProgress(`installing ${packages.join(' ')} (apt-get install)`);
  let result = await install();
  if (result.exitCode !== 0) {
    onProgress('updating the package lists (apt-get update)');
    await execa('apt-get', ['update', '-qq'], { reject: false, env });
    result = await install();
  }
  if (result.exitCode !== 0) {
    const last = String(result.all ?? '')
      .trim()
      .split('\n')
      .pop();
    throw new Error(`apt-get install ${packages.join(' ')} failed: ${last ?? `exit status ${result.exitCode}`}`);
  }
}
