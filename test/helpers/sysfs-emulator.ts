// A directory-backed emulator of DAMON's sysfs admin tree (/sys/kernel/mm/damon/admin) that
// enforces the kernel's rules, for testing plans and their executor without a DAMON kernel:
// - writing an nr_* file destroys and recreates its children with the kernel's defaults;
// - nr_kdamonds cannot change (EBUSY) while any kdamond is on; `on` to a running kdamond is EBUSY;
// - nr_contexts > 1 is EINVAL on upstream kernels (the multi-context fork accepts it);
// - unknown operations and non-numeric values are EINVAL;
// - `on` validates like the kernel: contexts per kdamond, min nr_regions >= 3, min <= max,
//   sample <= aggr, vaddr pids that exist, one paddr target, sorted non-overlapping regions;
// - `off` to a kdamond that is not running is EINVAL; read-only files are EACCES;
// - a vaddr kdamond whose target processes have all exited stops by itself.
// The tree lives in real files under `root`, so it can be listed and compared.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { constants } from 'node:os';

export type EmulatedKernel = 'upstream' | 'multi-context';
export type Errno = 'EBUSY' | 'EINVAL' | 'ENOENT' | 'EACCES' | 'EISDIR';

export class SysfsError extends Error {
  readonly errno: number;
  constructor(
    readonly code: Errno,
    readonly path: string,
    detail: string,
  ) {
    super(`${code}: ${path}: ${detail}`);
    this.errno = constants.errno[code];
  }
}

export interface EmulatorOptions {
  kernel: EmulatedKernel;
  /** Whether a process exists (vaddr targets are checked at `on`). Default: it does when /proc/PID exists. */
  pidExists?: (pid: number) => boolean;
  /** Files that arrived in later kernels. */
  intervalsGoal?: boolean;
  operations?: string[];
}

export interface WriteRecord {
  path: string;
  value: string;
  /** The errno the write failed with, if it did. */
  error?: Errno;
}

const READ_ONLY = [/^kdamonds\/\d+\/pid$/, /\/avail_operations$/];
const NUMERIC = [
  /\/sample_us$/,
  /\/aggr_us$/,
  /\/update_us$/,
  /\/nr_regions\/(min|max)$/,
  /\/pid_target$/,
  /\/regions\/\d+\/(start|end)$/,
  /\/intervals_goal\/(access_bp|aggrs|min_sample_us|max_sample_us)$/,
];

export class SysfsEmulator {
  readonly log: WriteRecord[] = [];
  private readonly pidExists: (pid: number) => boolean;
  private readonly operations: string[];
  private nextKdamondPid = 40_000;
  /** Writes left to fail with EBUSY, as when the sysfs lock is contended. */
  busyWrites = 0;
  /** Paths whose writes always fail with the given errno (fault injection). */
  readonly failures = new Map<string, Errno>();

  constructor(
    readonly root: string,
    readonly options: EmulatorOptions,
  ) {
    this.pidExists = options.pidExists ?? ((pid) => pid > 0 && existsSync(`/proc/${pid}`));
    this.operations = options.operations ?? ['vaddr', 'fvaddr', 'paddr'];
    mkdirSync(join(root, 'kdamonds'), { recursive: true });
    if (!existsSync(join(root, 'kdamonds/nr_kdamonds'))) this.put('kdamonds/nr_kdamonds', '0');
  }

  /** Reads left to fail with EBUSY (the show functions trylock the same sysfs lock). */
  busyReads = 0;

  read(path: string): string {
    if (this.busyReads > 0) {
      this.busyReads--;
      throw new SysfsError('EBUSY', path, 'sysfs lock contended');
    }
    this.stopExitedKdamonds();
    const file = this.file(path);
    return readFileSync(file, 'utf8');
  }

  exists(path: string): boolean {
    return existsSync(join(this.root, path));
  }

  list(path: string): string[] {
    return readdirSync(join(this.root, path)).sort();
  }

  write(path: string, raw: string): void {
    const value = raw.trim();
    try {
      this.apply(path, value);
      this.log.push({ path, value });
    } catch (error) {
      if (error instanceof SysfsError) this.log.push({ path, value, error: error.code });
      throw error;
    }
  }

  /** Every file of the tree with its value, for comparing whole states. */
  snapshot(): Record<string, string> {
    const result: Record<string, string> = {};
    const walk = (relative: string) => {
      for (const name of readdirSync(join(this.root, relative)).sort()) {
        const child = relative ? `${relative}/${name}` : name;
        if (statSync(join(this.root, child)).isDirectory()) walk(child);
        else result[child] = readFileSync(join(this.root, child), 'utf8').trim();
      }
    };
    walk('');
    return result;
  }

  /** Another tool's kdamond, running: what a runner must never touch. */
  startForeignKdamond(): number {
    this.apply('kdamonds/nr_kdamonds', '1');
    this.apply('kdamonds/0/contexts/nr_contexts', '1');
    this.apply('kdamonds/0/contexts/0/operations', 'paddr');
    this.apply('kdamonds/0/contexts/0/targets/nr_targets', '1');
    this.apply('kdamonds/0/state', 'on');
    return Number(this.read('kdamonds/0/pid'));
  }

  private file(path: string): string {
    const file = join(this.root, path);
    if (!existsSync(file)) throw new SysfsError('ENOENT', path, 'no such file');
    if (statSync(file).isDirectory()) throw new SysfsError('EISDIR', path, 'is a directory');
    return file;
  }

  private put(path: string, value: string | number): void {
    writeFileSync(join(this.root, path), `${value}\n`);
  }

  private get(path: string): string {
    return readFileSync(join(this.root, path), 'utf8').trim();
  }

  private apply(path: string, value: string): void {
    this.file(path);
    const injected = this.failures.get(path);
    if (injected) throw new SysfsError(injected, path, 'injected failure');
    if (this.busyWrites > 0) {
      this.busyWrites--;
      throw new SysfsError('EBUSY', path, 'sysfs lock contended');
    }
    if (READ_ONLY.some((re) => re.test(path))) throw new SysfsError('EACCES', path, 'read-only file');
    if (NUMERIC.some((re) => re.test(path))) {
      this.put(path, this.uint(path, value));
      return;
    }
    let match: RegExpExecArray | null;
    if (path === 'kdamonds/nr_kdamonds') {
      const n = this.uint(path, value);
      if (this.runningKdamonds().length) throw new SysfsError('EBUSY', path, 'a kdamond is running');
      this.recreate('kdamonds', n, (dir) => this.createKdamond(dir));
    } else if ((match = /^kdamonds\/(\d+)\/state$/.exec(path))) {
      this.setState(Number(match[1]), value);
    } else if ((match = /^(kdamonds\/\d+\/contexts)\/nr_contexts$/.exec(path))) {
      const n = this.uint(path, value);
      if (n > 1 && this.options.kernel === 'upstream')
        throw new SysfsError('EINVAL', path, 'upstream kernels take one context per kdamond');
      this.recreate(match[1]!, n, (dir) => this.createContext(dir));
    } else if (/\/contexts\/\d+\/operations$/.test(path)) {
      if (!this.operations.includes(value)) throw new SysfsError('EINVAL', path, `unknown operations '${value}'`);
      this.put(path, value);
    } else if ((match = /^(.*\/targets)\/nr_targets$/.exec(path))) {
      this.recreate(match[1]!, this.uint(path, value), (dir) => this.createTarget(dir));
    } else if ((match = /^(.*\/regions)\/nr_regions$/.exec(path)) && !path.includes('monitoring_attrs')) {
      this.recreate(match[1]!, this.uint(path, value), (dir) => {
        this.put(`${dir}/start`, 0);
        this.put(`${dir}/end`, 0);
      });
    } else if ((match = /^(.*\/schemes)\/nr_schemes$/.exec(path))) {
      this.recreate(match[1]!, this.uint(path, value), (dir) => this.put(`${dir}/action`, 'stat'));
    } else {
      this.put(path, value);
    }
  }

  private uint(path: string, value: string): number {
    if (!/^[0-9]+$/.test(value)) throw new SysfsError('EINVAL', path, `'${value}' is not an unsigned integer`);
    return Number(value);
  }

  /** Writing nr_* destroys the children and creates `n` new ones with defaults. */
  private recreate(dir: string, n: number, create: (child: string) => void): void {
    for (const name of readdirSync(join(this.root, dir))) {
      if (/^[0-9]+$/.test(name)) rmSync(join(this.root, dir, name), { recursive: true, force: true });
    }
    const counter = readdirSync(join(this.root, dir)).find((name) => name.startsWith('nr_'))!;
    for (let i = 0; i < n; i++) {
      mkdirSync(join(this.root, dir, String(i)));
      create(`${dir}/${i}`);
    }
    this.put(`${dir}/${counter}`, n);
  }

  private createKdamond(dir: string): void {
    this.put(`${dir}/state`, 'off');
    this.put(`${dir}/pid`, -1);
    mkdirSync(join(this.root, dir, 'contexts'));
    this.put(`${dir}/contexts/nr_contexts`, 0);
  }

  private createContext(dir: string): void {
    this.put(`${dir}/avail_operations`, this.operations.join(' '));
    this.put(`${dir}/operations`, 'vaddr');
    const intervals = `${dir}/monitoring_attrs/intervals`;
    mkdirSync(join(this.root, intervals), { recursive: true });
    this.put(`${intervals}/sample_us`, 5000);
    this.put(`${intervals}/aggr_us`, 100000);
    this.put(`${intervals}/update_us`, 60000000);
    if (this.options.intervalsGoal) {
      mkdirSync(join(this.root, intervals, 'intervals_goal'));
      for (const name of ['access_bp', 'aggrs', 'min_sample_us', 'max_sample_us'])
        this.put(`${intervals}/intervals_goal/${name}`, 0);
    }
    mkdirSync(join(this.root, dir, 'monitoring_attrs/nr_regions'));
    this.put(`${dir}/monitoring_attrs/nr_regions/min`, 10);
    this.put(`${dir}/monitoring_attrs/nr_regions/max`, 1000);
    mkdirSync(join(this.root, dir, 'targets'));
    this.put(`${dir}/targets/nr_targets`, 0);
    mkdirSync(join(this.root, dir, 'schemes'));
    this.put(`${dir}/schemes/nr_schemes`, 0);
  }

  private createTarget(dir: string): void {
    this.put(`${dir}/pid_target`, 0);
    mkdirSync(join(this.root, dir, 'regions'));
    this.put(`${dir}/regions/nr_regions`, 0);
  }

  private kdamondCount(): number {
    return Number(this.get('kdamonds/nr_kdamonds'));
  }

  private runningKdamonds(): number[] {
    return Array.from({ length: this.kdamondCount() }, (_, k) => k).filter(
      (k) => this.get(`kdamonds/${k}/state`) === 'on',
    );
  }

  private setState(k: number, value: string): void {
    const path = `kdamonds/${k}/state`;
    const running = this.get(path) === 'on';
    switch (value) {
      case 'on':
        if (running) throw new SysfsError('EBUSY', path, 'already running');
        this.validateForOn(k);
        this.put(path, 'on');
        this.put(`kdamonds/${k}/pid`, this.nextKdamondPid++);
        return;
      case 'off':
        if (!running) throw new SysfsError('EINVAL', path, 'not running');
        this.put(path, 'off');
        this.put(`kdamonds/${k}/pid`, -1);
        return;
      case 'commit':
        if (!running) throw new SysfsError('EINVAL', path, 'not running');
        this.validateForOn(k);
        return;
      case 'update_schemes_stats':
      case 'update_schemes_tried_regions':
      case 'update_schemes_tried_bytes':
      case 'clear_schemes_tried_regions':
      case 'update_tuned_intervals':
        if (!running) throw new SysfsError('EINVAL', path, 'not running');
        return;
      default:
        throw new SysfsError('EINVAL', path, `unknown state command '${value}'`);
    }
  }

  private validateForOn(k: number): void {
    const path = `kdamonds/${k}/state`;
    const fail = (detail: string): never => {
      throw new SysfsError('EINVAL', path, detail);
    };
    const nContexts = Number(this.get(`kdamonds/${k}/contexts/nr_contexts`));
    if (nContexts === 0) fail('no context');
    if (nContexts > 1 && this.options.kernel === 'upstream') fail('more than one context');
    for (let c = 0; c < nContexts; c++) {
      const ctx = `kdamonds/${k}/contexts/${c}`;
      const ops = this.get(`${ctx}/operations`);
      const sample = Number(this.get(`${ctx}/monitoring_attrs/intervals/sample_us`));
      const aggr = Number(this.get(`${ctx}/monitoring_attrs/intervals/aggr_us`));
      const min = Number(this.get(`${ctx}/monitoring_attrs/nr_regions/min`));
      const max = Number(this.get(`${ctx}/monitoring_attrs/nr_regions/max`));
      if (sample > aggr) fail(`context ${c}: sample_us > aggr_us`);
      if (min < 3) fail(`context ${c}: min nr_regions < 3`);
      if (min > max) fail(`context ${c}: min nr_regions > max`);
      const nTargets = Number(this.get(`${ctx}/targets/nr_targets`));
      if (ops === 'paddr' && nTargets > 1) fail(`context ${c}: more than one paddr target`);
      for (let t = 0; t < nTargets; t++) {
        const target = `${ctx}/targets/${t}`;
        const pid = Number(this.get(`${target}/pid_target`));
        if (ops !== 'paddr' && !this.pidExists(pid)) fail(`context ${c} target ${t}: no process ${pid}`);
        let previousEnd = -1n;
        const nRegions = Number(this.get(`${target}/regions/nr_regions`));
        for (let r = 0; r < nRegions; r++) {
          const start = BigInt(this.get(`${target}/regions/${r}/start`));
          const end = BigInt(this.get(`${target}/regions/${r}/end`));
          if (start >= end || start < previousEnd)
            fail(`context ${c} target ${t}: regions unsorted, overlapping or empty`);
          previousEnd = end;
        }
      }
    }
  }

  /** A vaddr kdamond stops by itself when all its target processes are gone. */
  private stopExitedKdamonds(): void {
    if (!existsSync(join(this.root, 'kdamonds/nr_kdamonds'))) return;
    for (const k of this.runningKdamonds()) {
      const pids: number[] = [];
      let physical = false;
      const nContexts = Number(this.get(`kdamonds/${k}/contexts/nr_contexts`));
      for (let c = 0; c < nContexts; c++) {
        const ctx = `kdamonds/${k}/contexts/${c}`;
        if (this.get(`${ctx}/operations`) === 'paddr') physical = true;
        const nTargets = Number(this.get(`${ctx}/targets/nr_targets`));
        for (let t = 0; t < nTargets; t++) pids.push(Number(this.get(`${ctx}/targets/${t}/pid_target`)));
      }
      if (!physical && pids.length && pids.every((pid) => !this.pidExists(pid))) {
        this.put(`kdamonds/${k}/state`, 'off');
        this.put(`kdamonds/${k}/pid`, -1);
      }
    }
  }
}
