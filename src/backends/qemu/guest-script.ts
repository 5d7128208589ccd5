// What the guest runs: its script (environment, then the command, keeping its exit status), the
// guest-run command of the bundle, the environment it inherits of the host, and the host
// directories of the programs it runs (which must stay visible under the guest's tmpfs).
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { shellQuote } from '../../util/shell.js';
import { packagePath } from '../../util/version.js';
import { USER_CACHE } from '../../util/places.js';
import { NATIVE_MASIM } from '../../record/masim-program.js';
import { NATIVE_TLB_REFRESH } from '../../record/tlb-refresh.js';
import type { Run } from '../../manifest/run.js';
import { gitState } from '../../record/environment.js';
import { RUN_FILES } from '../../record/run-files.js';
import { GUEST_OUT, STOP_FILE, TLB_REFRESH_FILE } from './initramfs.js';

/** The variables naming programs (masim, perf, the TLB refresher) that the guest takes of the host. */
const PROGRAM_VARIABLES = ['MASIM', 'PERF', 'TLB_REFRESH'];

/** A POSIX sh script for the guest: environment, then the command, keeping its exit status. */
export function guestScript(command: string[], env: Record<string, string>, before: string[] = []): string {
  return [
    '#!/bin/sh',
    'export HOME=/tmp LC_ALL=C PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    ...Object.entries(env).map(([k, v]) => `export ${k}=${shellQuote(v)}`),
    'cd /tmp || exit 125',
    ...before,
    command.map(shellQuote).join(' '),
    '',
  ].join('\n');
}

/** Where the guest's script leaves the output (.out) and exit status (.status) of perf --version (on its tmpfs). */
const PERF_VERSION_EARLY = '/tmp/damon-exp-perf-version';

/** The guest's bundle (guest-run only): one file to read over 9p (the modules of dist/ take ten seconds under TCG). */
export const CLI_BUNDLE = packagePath('dist/damon-exp-guest.mjs');

/**
 * The guest runs the run with the local backend straight into the share, which is the run's
 * directory on the host (perf writes its output as a stream, which 9p takes), and stops when the
 * host asks it to (the stop file).
 */
export function guestRunScript(env: Record<string, string>): string {
  return guestScript(
    [
      process.execPath,
      CLI_BUNDLE,
      'guest-run',
      `${GUEST_OUT}/${RUN_FILES.run}`,
      '--run-dir',
      GUEST_OUT,
      '--stop-file',
      `${GUEST_OUT}/${STOP_FILE}`,
      '--tlb-refresh-file',
      `${GUEST_OUT}/${TLB_REFRESH_FILE}`,
      '--no-perf-probe',
      '--perf-version-early',
      PERF_VERSION_EARLY,
      '--no-convert',
    ],
    env,
    // perf's start-up (its libraries read over 9p) runs beside Node's, on the other vCPU.
    [
      `{ "\${PERF:-perf}" --version > ${PERF_VERSION_EARLY}.out 2> /dev/null; echo $? > ${PERF_VERSION_EARLY}.status; } &`,
    ],
  );
}

/** The guest script's environment: the host's programs, and the repository's state. */
export async function guestEnvironment(hostEnv: NodeJS.ProcessEnv | undefined): Promise<Record<string, string>> {
  const env: Record<string, string> = { NO_COLOR: '1' }; // the console log is a file
  for (const key of PROGRAM_VARIABLES) if (hostEnv?.[key]) env[key] = hostEnv[key]!;
  // The guest's HOME is its tmpfs: it finds our programs built in the host's cache by the host's path.
  env.DAMON_EXP_CACHE = USER_CACHE;
  const repository = await gitState(); // git over 9p is slow in the guest: tell it
  env.DAMON_EXP_GIT = `${repository.commit ?? '-'} ${repository.dirty === null ? 'unknown' : repository.dirty ? 'dirty' : 'clean'}`;
  return env;
}

/**
 * The host directories the guest needs (which must stay visible under its tmpfs on /tmp and /run):
 * those of the programs it runs by path (masim binaries, the host's programs), and for commands,
 * their folder and those of the paths their words name.
 */
export function programDirectories(run: Run, hostEnv: NodeJS.ProcessEnv | undefined): string[] {
  const programs = Object.values(run.workloads).flatMap((w) =>
    w.kind === 'masim' && w.binary?.includes('/')
      ? [dirname(w.binary)]
      : w.kind === 'command'
        ? [...(w.cwd ? [w.cwd] : []), ...commandPathDirectories(w.argv, w.cwd)]
        : [],
  );
  for (const key of PROGRAM_VARIABLES) if (hostEnv?.[key]?.includes('/')) programs.push(dirname(hostEnv[key]!));
  for (const ours of [NATIVE_MASIM, NATIVE_TLB_REFRESH]) if (existsSync(ours)) programs.push(dirname(ours));
  return programs;
}

/**
 * The folders of the host paths a command's words name (relative ones against its folder): a
 * folder itself, a file's folder. A `bash -c` string is cut at blanks, quotes and shell operators:
 * a word this misses stays hidden in the guest only when it is under /tmp or /run.
 */
export function commandPathDirectories(argv: string[], cwd: string | undefined): string[] {
  const script = argv.length === 3 && argv[0] === 'sh' && argv[1] === '-c';
  const words = script ? argv[2]!.split(/[\s'"`;|&<>()=]+/) : argv;
  const folders: string[] = [];
  for (const word of words) {
    if (!word.includes('/') || (cwd === undefined && !word.startsWith('/'))) continue;
    const path = resolve(cwd ?? '/', word);
    let stats;
    try {
      stats = statSync(path);
    } catch {
      continue; // not a path of this host (an option's value, a path the command makes)
    }
    folders.push(stats.isDirectory() ? path : dirname(path));
  }
  return folders;
}
