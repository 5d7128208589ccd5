// damon-exp kernel build: a guest bzImage from a kernel source tree. `make tinyconfig` in a build
// directory of our own (O=, so the user's tree stays untouched), the shipped guest fragment and
// the user's merged in, `make olddefconfig`, `make bzImage`; the result goes into the kernel cache
// under the source's commit and the digest of its uncommitted changes and config, so that building
// the same tree again is a cache hit.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, join } from 'node:path';
import { execa } from 'execa';
import { readInputFile } from '../util/input-file.js';
import { acquireLock } from '../util/lock.js';
import { packagePath } from '../util/version.js';
import {
  checkKernelName,
  installKernel,
  KERNEL_CACHE,
  kernelId,
  listCachedKernels,
  type CachedKernel,
  type SourceFacts,
} from './cache.js';
import { mergeConfig, parseFragment, unmetSettings, type ConfigFragment } from './config.js';
import { diesWithParent } from '../util/child.js';
import { checkSourceTree, KernelBuildError } from './source-tree.js';
import { makeDirs } from '../util/make-dirs.js';

export { KernelBuildError };

export const GUEST_FRAGMENT = packagePath('kernels/guest.config');

/** The options a guest cannot do without: the build fails when olddefconfig drops one. */
const ESSENTIAL = [
  'CONFIG_DAMON',
  'CONFIG_DAMON_SYSFS',
  'CONFIG_DAMON_VADDR',
  'CONFIG_DAMON_PADDR',
  'CONFIG_VIRTIO_PCI',
  'CONFIG_NET_9P',
  'CONFIG_NET_9P_VIRTIO',
  'CONFIG_9P_FS',
  'CONFIG_DEVTMPFS',
  'CONFIG_SERIAL_8250_CONSOLE',
  'CONFIG_BLK_DEV_INITRD',
  'CONFIG_TRACING',
  'CONFIG_PERF_EVENTS',
];

export interface BuildOptions {
  source: string;
  /** The user's config fragment, merged after the shipped one. */
  fragment?: string;
  jobs?: number;
  /** The kernel's name in the cache; default: the source directory's name. */
  name?: string;
  /** Build even when the cache has this kernel. */
  force?: boolean;
  cacheRoot?: string;
  env?: NodeJS.ProcessEnv;
  abort?: AbortSignal;
  onProgress?(event: BuildProgress): void;
}

export type BuildProgress =
  | { kind: 'step'; step: 'tinyconfig' | 'olddefconfig' | 'bzImage' }
  | { kind: 'compiled'; objects: number; elapsedMs: number }
  | { kind: 'warning'; message: string };

export interface BuildResult {
  kernel: CachedKernel;
  cacheHit: boolean;
  seconds: number;
  warnings: string[];
}

/** The Debian packages a kernel build needs, with the file each is known by. */
const TOOLS: { check: string; package: string }[] = [
  { check: 'make', package: 'make' },
  { check: 'gcc', package: 'gcc' },
  { check: 'flex', package: 'flex' },
  { check: 'bison', package: 'bison' },
  { check: 'bc', package: 'bc' },
  { check: 'perl', package: 'perl' },
  { check: '/usr/include/libelf.h', package: 'libelf-dev' },
];

function onPath(program: string, env: NodeJS.ProcessEnv): boolean {
  return (env.PATH ?? '').split(':').some((dir) => dir !== '' && existsSync(join(dir, program)));
}

/** The build tools that are missing, as Debian packages. */
export function missingBuildTools(env: NodeJS.ProcessEnv = process.env): string[] {
  return TOOLS.filter((tool) => (tool.check.startsWith('/') ? !existsSync(tool.check) : !onPath(tool.check, env))).map(
    (tool) => tool.package,
  );
}

async function git(source: string, args: string[]): Promise<string | null> {
  const result = await execa('git', ['-C', source, ...args], {
    reject: false,
    timeout: 120_000,
    maxBuffer: 256 << 20,
    stripFinalNewline: false,
  });
  return result.exitCode === 0 ? String(result.stdout) : null;
}

/**
 * The tree's commit and a digest of what differs from it: `git status` names the changed and
 * untracked files, and their content (read from the work tree, never from git's objects) goes
 * into the digest. Null facts when the tree is not a git work tree.
 */
export async function sourceFacts(source: string): Promise<SourceFacts> {
  // Three git commands at once: on a kernel tree (80 000 files) each stats the whole tree.
  const [head, tracked, untracked] = await Promise.all([
    git(source, ['rev-parse', '--verify', 'HEAD']),
    git(source, ['status', '--porcelain=v1', '-z', '--untracked-files=no', '--ignore-submodules']),
    git(source, ['ls-files', '-z', '--others', '--exclude-standard']),
  ]);
  const commit = head?.trim() ?? null;
  if (commit === null) return { path: source, commit: null, dirty: null, diffSha256: null };
  if (tracked === null || untracked === null) return { path: source, commit, dirty: null, diffSha256: null };
  const entries = [
    ...tracked.split('\0').filter(Boolean),
    ...untracked
      .split('\0')
      .filter(Boolean)
      .map((path) => `?? ${path}`),
  ];
  if (entries.length === 0) return { path: source, commit, dirty: false, diffSha256: null };
  const hash = createHash('sha256');
  for (const entry of entries.sort()) {
    const path = entry.slice(3);
    hash.update(entry).update('\0');
    try {
      hash.update(readFileSync(join(source, path)));
    } catch {
      hash.update('(absent)');
    }
    hash.update('\0');
  }
  return { path: source, commit, dirty: true, diffSha256: hash.digest('hex') };
}

function fragmentOf(path: string): ConfigFragment {
  const fragment = { file: path, text: readInputFile(path, 'a kernel config fragment') };
  const { problems } = parseFragment(fragment);
  if (problems.length) {
    const first = problems[0]!;
    throw new KernelBuildError(
      `${first.file}:${first.line}: ${first.message}`,
      'a fragment holds lines such as CONFIG_DAMON=y or # CONFIG_MODULES is not set',
    );
  }
  return fragment;
}

function sha(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export async function buildKernel(options: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const env = options.env ?? process.env;
  const source = checkSourceTree(options.source);
  const name = options.name ?? basename(source);
  checkKernelName(name);
  const fragments = [fragmentOf(GUEST_FRAGMENT), ...(options.fragment ? [fragmentOf(options.fragment)] : [])];
  const inputs = sha(fragments.map((f) => f.text).join('\0'));
  const facts = await sourceFacts(source);
  const id = kernelId(name, facts, options.fragment ? `config-${sha(fragments[1]!.text).slice(0, 8)}` : undefined);
  const root = options.cacheRoot ?? KERNEL_CACHE;
  const known = (facts.commit !== null && facts.dirty !== null ? listCachedKernels(root) : []).find(
    (k) => k.id === id && k.record?.build?.inputsSha256 === inputs,
  );
  if (known && !options.force)
    return { kernel: known, cacheHit: true, seconds: (performance.now() - started) / 1000, warnings: [] };

  const missing = missingBuildTools(env);
  if (missing.length)
    throw new KernelBuildError(
      `building a kernel needs ${missing.join(', ')}, which this machine lacks`,
      `sudo apt-get install ${missing.join(' ')}`,
    );

  const jobs = options.jobs ?? availableParallelism() + 1;
  // One build directory per source tree: a rebuild after a small change is incremental.
  const buildDir = join(root, '.build', `${name}-${sha(source).slice(0, 8)}`);
  makeDirs(buildDir);
  const release = acquireLock(
    join(buildDir, '.lock'),
    `the kernel build directory ${buildDir}`,
    'wait for the other kernel build to finish',
  );
  const log = join(buildDir, 'build.log');
  const warnings: string[] = [];
  try {
    const logStream = createWriteStream(log);
    const make = (args: string[], step: 'tinyconfig' | 'olddefconfig' | 'bzImage') => {
      options.onProgress?.({ kind: 'step', step });
      return runMake(source, buildDir, args, logStream, env, options, started);
    };
    try {
      await make(['tinyconfig'], 'tinyconfig');
      const configPath = join(buildDir, '.config');
      writeFileSync(configPath, mergeConfig(readFileSync(configPath, 'utf8'), fragments));
      await make(['olddefconfig'], 'olddefconfig');
      const finalConfig = readFileSync(configPath, 'utf8');
      const unmet = unmetSettings(finalConfig, fragments);
      const fatal = unmet.filter((u) => ESSENTIAL.some((option) => u.startsWith(`${option}=`)));
      if (fatal.length) {
        throw new KernelBuildError(
          `this tree's Kconfig does not give a guest what it needs: ${fatal.join(', ')}`,
          "check the options' dependencies in the tree (make menuconfig, then search), or give them in --config FRAGMENT",
        );
      }
      for (const u of unmet) {
        const message = `the config has ${u}`;
        warnings.push(message);
        options.onProgress?.({ kind: 'warning', message });
      }
      await make([`-j${jobs}`, 'bzImage'], 'bzImage');
    } finally {
      await new Promise((resolve) => logStream.end(resolve));
    }
    const seconds = (performance.now() - started) / 1000;
    const kernel = installKernel({
      root,
      id,
      image: join(buildDir, 'arch/x86/boot/bzImage'),
      config: join(buildDir, '.config'),
      buildLog: log,
      record: {
        name,
        source: facts,
        build: {
          at: new Date().toISOString(),
          seconds: Math.round(seconds),
          jobs,
          fragments: fragments.map((f) => f.file),
          log: 'build.log',
          inputsSha256: inputs,
        },
        imported: null,
      },
    });
    return { kernel, cacheHit: false, seconds, warnings };
  } finally {
    release();
  }
}

const COMPILED = /^\s+(CC|AS|CC \[M\])\s/;

function runMake(
  source: string,
  buildDir: string,
  args: string[],
  log: NodeJS.WritableStream,
  env: NodeJS.ProcessEnv,
  options: BuildOptions,
  started: number,
): Promise<void> {
  const [program, argv] = diesWithParent('make', ['-C', source, `O=${buildDir}`, ...args]);
  return new Promise((resolve, reject) => {
    // A process group of its own, stopped as a whole: make waits for its compilers, and they
    // would keep the output open after make alone was gone.
    const child = spawn(program, argv, {
      env: { ...env, LC_ALL: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let objects = 0;
    let partial = '';
    let lastReport = 0;
    const tail: string[] = [];
    const take = (chunk: Buffer) => {
      log.write(chunk);
      const lines = (partial + chunk.toString('utf8')).split('\n');
      partial = lines.pop()!;
      for (const line of lines) {
        tail.push(line);
        if (tail.length > 20) tail.shift();
        if (COMPILED.test(line)) objects++;
      }
      const now = performance.now();
      if (objects > 0 && now - lastReport >= 1000) {
        lastReport = now;
        options.onProgress?.({ kind: 'compiled', objects, elapsedMs: now - started });
      }
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    const onAbort = () => {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // gone already
      }
    };
    options.abort?.addEventListener('abort', onAbort, { once: true });
    child.once('error', (error) => {
      options.abort?.removeEventListener('abort', onAbort);
      reject(new KernelBuildError(`cannot run make: ${error.message}`, 'sudo apt-get install make'));
    });
    child.once('close', (code, signal) => {
      options.abort?.removeEventListener('abort', onAbort);
      if (partial) tail.push(partial);
      if (code === 0) {
        if (objects > 0) options.onProgress?.({ kind: 'compiled', objects, elapsedMs: performance.now() - started });
        resolve();
        return;
      }
      if (options.abort?.aborted) {
        reject(
          new KernelBuildError(
            `the kernel build was interrupted (make ${args.join(' ')}); nothing was put into the cache`,
            `run it again: the build directory ${buildDir} keeps what was compiled`,
          ),
        );
        return;
      }
      const lastLines = tail
        .filter((line) => line.trim() !== '')
        .slice(-12)
        .map((line) => `    ${line.slice(0, 200)}`)
        .join('\n');
      reject(
        new KernelBuildError(
          `the kernel build failed: make ${args.join(' ')} ${signal ? `was killed by ${signal}` : `exited with status ${code}`}; the log's last lines:\n${lastLines}`,
          `the whole log: ${join(buildDir, 'build.log')}`,
        ),
      );
    });
  });
}
