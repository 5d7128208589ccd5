// A directory-backed emulator of DAMON's sysfs admin tree (/sys/kernel/mm/damon/admin) that
// enforces the kernel's rules, for testing plans and their executor without a DAMON kernel:
// - writing an nr_* file destroys and recreates its children with the kernel's defaults;
// - nr_kdamonds cannot change (EBUSY) while any kdamond is on; `on` to a running kdamond is EBUSY;
// - nr_contexts > 1 is EINVAL on upstream kernels (the multi-context fork accepts it);
// - unknown operations and non-numeric values are EINVAL; numeric files take unsigned decimal
//   integers up to ULONG_MAX (beyond: ERANGE) and read back exactly what was written, normalized
//   (a string: 18446744073709551615 does not fit a double);
// - `on` validates like the kernel: contexts per kdamond, min nr_regions >= 3, min <= max,
//   sample <= aggr, vaddr pids that exist, one paddr target, sorted non-overlapping regions,
//   and for every scheme: access pattern min <= max (sz, nr_accesses, age), and watermarks
//   high >= mid >= low when their metric is free_mem_rate (EINVAL naming context and scheme);
// - `off` to a kdamond that is not running is EINVAL; read-only files are EACCES;
// - a vaddr kdamond whose target processes have all exited stops by itself.
//
// DAMOS (option `damos`, the kernel's DAMOS generation; default 'v6.12'). Every generation's
// scheme dir (schemes/<S>/) has, with the kernel's defaults:
//   action (stat), apply_interval_us (0), access_pattern/{sz,nr_accesses,age}/{min,max} (0),
//   quotas/{ms,bytes,reset_interval_ms} (0), quotas/weights/{sz,nr_accesses,age}_permil (0),
//   quotas/goals/nr_goals (0) → <G>/{target_metric (user_input), target_value, current_value (0)},
//   watermarks/{metric (none), interval_us, high, mid, low (0)},
//   filters/nr_filters (0) → <F>/{type (anon), matching (N), memcg_path (empty), addr_start,
//     addr_end, target_idx (0)},
//   stats/{nr_tried,sz_tried,nr_applied,sz_applied,qt_exceeds} (0, read-only: EACCES),
//   tried_regions/total_bytes (0, read-only).
// - 'v6.9' (the multi-context fork, 6.9-rc4): actions willneed cold pageout hugepage nohugepage
//   lru_prio lru_deprio stat; filter types anon memcg addr target; goal metrics user_input
//   some_mem_psi_us.
// - 'v6.12' (Debian's kernel): also actions migrate_hot migrate_cold, schemes/<S>/target_nid
//   (default -1, NUMA_NO_NODE; a signed integer), filter type young.
// - 'current': also filters/<F>/allow (N) and <F>/{min,max} (0, hugepage_size), filter types
//   active hugepage_size unmapped, goal metrics node_mem_used_bp node_mem_free_bp node_memcg_used_bp
//   node_memcg_free_bp with goals/<G>/{nid (0), path (empty)}.
// Writing an unknown action, filter type, goal metric or watermarks metric (none, free_mem_rate)
// is EINVAL and leaves the file as it was. matching and allow take what kstrtobool takes (y, n,
// 1, 0, t, f, on, off in any case; only the first letters count) and read back Y or N.
// Files a generation lacks do not exist (ENOENT).
//
// State commands: update_schemes_stats to a running kdamond refreshes the stats/ files of every
// scheme of its contexts (off: EINVAL); the other update_* and clear_* commands do nothing. The
// counters are options.schemeStats(where) if given, else defaultSchemeStats: after the n-th
// update_schemes_stats since the kdamond was switched on, nr_tried = n and sz_tried = 4096 ×
// n(n+1)/2 (each call adds 1 and 4096 × n); nr_applied and sz_applied are the same except for
// action stat (which applies nothing: 0); qt_exceeds is 0.
//
// The tree lives in real files under `root`, so it can be listed and compared.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { constants } from 'node:os';

export type EmulatedKernel = 'upstream' | 'multi-context';
export type Errno = 'EBUSY' | 'EINVAL' | 'ENOENT' | 'EACCES' | 'EISDIR' | 'ERANGE';

/** A generation of DAMOS: the multi-context fork (6.9-rc4), Debian's 6.12, or today's upstream. */
export type DamosVersion = 'v6.9' | 'v6.12' | 'current';

/** The counters of stats/, as update_schemes_stats leaves them. */
export type SchemeStatsCounters = Record<
  'nr_tried' | 'sz_tried' | 'nr_applied' | 'sz_applied' | 'qt_exceeds',
  number | bigint
>;

/** Which scheme update_schemes_stats refreshes, and how many times it has been asked since `on` (from 1). */
export interface SchemeStatsWhere {
  kdamond: number;
  context: number;
  scheme: number;
  action: string;
  call: number;
}

/** The default counters: see the header comment. */
export function defaultSchemeStats({ action, call }: SchemeStatsWhere): SchemeStatsCounters {
  const sz = 4096n * BigInt((call * (call + 1)) / 2);
  const applies = action !== 'stat';
  return {
    nr_tried: call,
    sz_tried: sz,
    nr_applied: applies ? call : 0,
    sz_applied: applies ? sz : 0n,
    qt_exceeds: 0,
  };
}

interface DamosModel {
  actions: readonly string[];
  filterTypes: readonly string[];
  goalMetrics: readonly string[];
  /** schemes/<S>/target_nid. */
  targetNid: boolean;
  /** filters/<F>/allow, min and max. */
  filterAllowAndSize: boolean;
  /** goals/<G>/nid and path. */
  goalNode: boolean;
}

const DAMOS_6_9: DamosModel = {
  actions: ['willneed', 'cold', 'pageout', 'hugepage', 'nohugepage', 'lru_prio', 'lru_deprio', 'stat'],
  filterTypes: ['anon', 'memcg', 'addr', 'target'],
  goalMetrics: ['user_input', 'some_mem_psi_us'],
  targetNid: false,
  filterAllowAndSize: false,
  goalNode: false,
};
const DAMOS_6_12: DamosModel = {
  ...DAMOS_6_9,
  actions: [...DAMOS_6_9.actions, 'migrate_hot', 'migrate_cold'],
  filterTypes: [...DAMOS_6_9.filterTypes, 'young'],
  targetNid: true,
};
const DAMOS_MODELS: Record<DamosVersion, DamosModel> = {
  'v6.9': DAMOS_6_9,
  'v6.12': DAMOS_6_12,
  current: {
    ...DAMOS_6_12,
    filterTypes: [...DAMOS_6_12.filterTypes, 'active', 'hugepage_size', 'unmapped'],
    goalMetrics: [
      ...DAMOS_6_12.goalMetrics,
      'node_mem_used_bp',
      'node_mem_free_bp',
      'node_memcg_used_bp',
      'node_memcg_free_bp',
    ],
    filterAllowAndSize: true,
    goalNode: true,
  },
};

const ULONG_MAX = 18446744073709551615n;
const SCHEME_STATS = ['nr_tried', 'sz_tried', 'nr_applied', 'sz_applied', 'qt_exceeds'] as const;

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
  /** The DAMOS generation (default 'v6.12'). */
  damos?: DamosVersion;
  /** The counters update_schemes_stats writes (default: defaultSchemeStats). */
  schemeStats?: (where: SchemeStatsWhere) => SchemeStatsCounters;
}

export interface WriteRecord {
  path: string;
  value: string;
  /** The errno the write failed with, if it did. */
  error?: Errno;
}

const READ_ONLY = [
  /^kdamonds\/\d+\/pid$/,
  /\/avail_operations$/,
  /\/schemes\/\d+\/stats\/[^/]+$/,
  /\/schemes\/\d+\/tried_regions\//,
];
const NUMERIC = [
  /\/sample_us$/,
  /\/aggr_us$/,
  /\/update_us$/,
  /\/nr_regions\/(min|max)$/,
  /\/pid_target$/,
  /\/regions\/\d+\/(start|end)$/,
  /\/intervals_goal\/(access_bp|aggrs|min_sample_us|max_sample_us)$/,
  /\/schemes\/\d+\/apply_interval_us$/,
  /\/schemes\/\d+\/access_pattern\/(sz|nr_accesses|age)\/(min|max)$/,
  /\/schemes\/\d+\/quotas\/(ms|bytes|reset_interval_ms)$/,
  /\/schemes\/\d+\/quotas\/weights\/(sz_permil|nr_accesses_permil|age_permil)$/,
  /\/schemes\/\d+\/quotas\/goals\/\d+\/(target_value|current_value|nid)$/,
  /\/schemes\/\d+\/watermarks\/(interval_us|high|mid|low)$/,
  /\/schemes\/\d+\/filters\/\d+\/(addr_start|addr_end|target_idx|min|max)$/,
];
/** kstrtobool files: they read back Y or N. */
const BOOLEAN = [/\/schemes\/\d+\/filters\/\d+\/(matching|allow)$/];
const WATERMARK_METRICS = ['none', 'free_mem_rate'];

export class SysfsEmulator {
  readonly log: WriteRecord[] = [];
  private readonly pidExists: (pid: number) => boolean;
  private readonly operations: string[];
  private readonly damos: DamosModel;
  /** update_schemes_stats calls per kdamond since it was switched on. */
  private readonly statsCalls = new Map<number, number>();
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
    this.damos = DAMOS_MODELS[options.damos ?? 'v6.12'];
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
      this.put(path, this.ulong(path, value));
      return;
    }
    if (BOOLEAN.some((re) => re.test(path))) {
      this.put(path, this.bool(path, value) ? 'Y' : 'N');
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
      this.recreate(match[1]!, this.uint(path, value), (dir) => this.createScheme(dir));
    } else if (/\/schemes\/\d+\/action$/.test(path)) {
      this.putName(path, value, this.damos.actions, 'action');
    } else if (/\/schemes\/\d+\/target_nid$/.test(path)) {
      if (!/^-?[0-9]+$/.test(value) || BigInt(value) < -(2n ** 31n) || BigInt(value) >= 2n ** 31n)
        throw new SysfsError('EINVAL', path, `'${value}' is not an int`);
      this.put(path, BigInt(value).toString());
    } else if (/\/schemes\/\d+\/watermarks\/metric$/.test(path)) {
      this.putName(path, value, WATERMARK_METRICS, 'watermarks metric');
    } else if ((match = /^(.*\/schemes\/\d+\/quotas\/goals)\/nr_goals$/.exec(path))) {
      this.recreate(match[1]!, this.uint(path, value), (dir) => this.createGoal(dir));
    } else if (/\/schemes\/\d+\/quotas\/goals\/\d+\/target_metric$/.test(path)) {
      this.putName(path, value, this.damos.goalMetrics, 'quota goal metric');
    } else if ((match = /^(.*\/schemes\/\d+\/filters)\/nr_filters$/.exec(path))) {
      this.recreate(match[1]!, this.uint(path, value), (dir) => this.createFilter(dir));
    } else if (/\/schemes\/\d+\/filters\/\d+\/type$/.test(path)) {
      this.putName(path, value, this.damos.filterTypes, 'filter type');
    } else {
      this.put(path, value);
    }
  }

  private uint(path: string, value: string): number {
    if (!/^[0-9]+$/.test(value)) throw new SysfsError('EINVAL', path, `'${value}' is not an unsigned integer`);
    return Number(value);
  }

  /** An unsigned long, as kstrtoul takes it (decimal here): kept as a string, exact up to ULONG_MAX. */
  private ulong(path: string, value: string): string {
    if (!/^[0-9]+$/.test(value)) throw new SysfsError('EINVAL', path, `'${value}' is not an unsigned integer`);
    const n = BigInt(value);
    if (n > ULONG_MAX) throw new SysfsError('ERANGE', path, `'${value}' is above ULONG_MAX`);
    return n.toString();
  }

  /** kstrtobool: the first letter (or two, for on/off) decides. */
  private bool(path: string, value: string): boolean {
    const first = value[0]?.toLowerCase();
    if (first === 'y' || first === 't' || first === '1') return true;
    if (first === 'n' || first === 'f' || first === '0') return false;
    if (first === 'o') {
      const second = value[1]?.toLowerCase();
      if (second === 'n') return true;
      if (second === 'f') return false;
    }
    throw new SysfsError('EINVAL', path, `'${value}' is not a boolean`);
  }

  /** A name from a fixed list (an action, a filter type, a metric); anything else is EINVAL. */
  private putName(path: string, value: string, names: readonly string[], what: string): void {
    if (!names.includes(value)) throw new SysfsError('EINVAL', path, `unknown ${what} '${value}'`);
    this.put(path, value);
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

  private createScheme(dir: string): void {
    const mkdir = (sub: string) => mkdirSync(join(this.root, dir, sub), { recursive: true });
    this.put(`${dir}/action`, 'stat');
    this.put(`${dir}/apply_interval_us`, 0);
    if (this.damos.targetNid) this.put(`${dir}/target_nid`, -1);
    for (const range of ['sz', 'nr_accesses', 'age']) {
      mkdir(`access_pattern/${range}`);
      this.put(`${dir}/access_pattern/${range}/min`, 0);
      this.put(`${dir}/access_pattern/${range}/max`, 0);
    }
    mkdir('quotas/weights');
    for (const name of ['ms', 'bytes', 'reset_interval_ms']) this.put(`${dir}/quotas/${name}`, 0);
    for (const name of ['sz_permil', 'nr_accesses_permil', 'age_permil']) this.put(`${dir}/quotas/weights/${name}`, 0);
    mkdir('quotas/goals');
    this.put(`${dir}/quotas/goals/nr_goals`, 0);
    mkdir('watermarks');
    this.put(`${dir}/watermarks/metric`, 'none');
    for (const name of ['interval_us', 'high', 'mid', 'low']) this.put(`${dir}/watermarks/${name}`, 0);
    mkdir('filters');
    this.put(`${dir}/filters/nr_filters`, 0);
    mkdir('stats');
    for (const name of SCHEME_STATS) this.put(`${dir}/stats/${name}`, 0);
    mkdir('tried_regions');
    this.put(`${dir}/tried_regions/total_bytes`, 0);
  }

  private createGoal(dir: string): void {
    this.put(`${dir}/target_metric`, 'user_input');
    this.put(`${dir}/target_value`, 0);
    this.put(`${dir}/current_value`, 0);
    if (this.damos.goalNode) {
      this.put(`${dir}/nid`, 0);
      this.put(`${dir}/path`, '');
    }
  }

  private createFilter(dir: string): void {
    this.put(`${dir}/type`, 'anon');
    this.put(`${dir}/matching`, 'N');
    if (this.damos.filterAllowAndSize) this.put(`${dir}/allow`, 'N');
    this.put(`${dir}/memcg_path`, '');
    for (const name of ['addr_start', 'addr_end', 'target_idx']) this.put(`${dir}/${name}`, 0);
    if (this.damos.filterAllowAndSize) {
      this.put(`${dir}/min`, 0);
      this.put(`${dir}/max`, 0);
    }
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
        this.statsCalls.set(k, 0); // a new kdamond's schemes count from 0
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
        if (!running) throw new SysfsError('EINVAL', path, 'not running');
        this.updateSchemesStats(k);
        return;
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

  /** update_schemes_stats: every scheme's stats/ files of kdamond `k`, from its counters now. */
  private updateSchemesStats(k: number): void {
    const call = (this.statsCalls.get(k) ?? 0) + 1;
    this.statsCalls.set(k, call);
    const counters = this.options.schemeStats ?? defaultSchemeStats;
    const nContexts = Number(this.get(`kdamonds/${k}/contexts/nr_contexts`));
    for (let c = 0; c < nContexts; c++) {
      const schemes = `kdamonds/${k}/contexts/${c}/schemes`;
      const nSchemes = Number(this.get(`${schemes}/nr_schemes`));
      for (let s = 0; s < nSchemes; s++) {
        const action = this.get(`${schemes}/${s}/action`);
        const values = counters({ kdamond: k, context: c, scheme: s, action, call });
        for (const name of SCHEME_STATS) this.put(`${schemes}/${s}/stats/${name}`, String(values[name]));
      }
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
      const nSchemes = Number(this.get(`${ctx}/schemes/nr_schemes`));
      for (let s = 0; s < nSchemes; s++) {
        const scheme = `${ctx}/schemes/${s}`;
        for (const range of ['sz', 'nr_accesses', 'age']) {
          const min = BigInt(this.get(`${scheme}/access_pattern/${range}/min`));
          const max = BigInt(this.get(`${scheme}/access_pattern/${range}/max`));
          if (min > max) fail(`context ${c} scheme ${s}: access_pattern/${range} min ${min} > max ${max}`);
        }
        if (this.get(`${scheme}/watermarks/metric`) === 'free_mem_rate') {
          const [high, mid, low] = ['high', 'mid', 'low'].map((name) =>
            BigInt(this.get(`${scheme}/watermarks/${name}`)),
          );
          if (!(high! >= mid! && mid! >= low!))
            fail(`context ${c} scheme ${s}: watermarks need high >= mid >= low (they are ${high}, ${mid}, ${low})`);
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
