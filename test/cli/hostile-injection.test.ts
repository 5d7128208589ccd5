// Manifests are copied from papers and mailing lists, results trees are shared: text from either
// must stay text in everything damon-exp generates. Strings that a shell, a browser, a spreadsheet,
// a terminal, sbatch, QEMU or a heredoc would take for more than text go into every place of a
// manifest that reaches a generated script or page, and into the paths of the manifest and the
// results. Each place takes each string or refuses it at its line and column. A sweep runs with
// all of them (the emulator behind sysfs). Its plan.sh runs against an emulated sysfs; its Slurm
// job script and the QEMU guest's script run with their command replaced by one that prints its
// arguments. Its pages (reports, index, figures) have the element structure of a copy of the
// sweep whose strings are replaced by plain text of their lengths, its pages drawn again. Nothing
// runs what the strings say: a canary file stays absent. About 7 s.
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { guestScript } from '../../src/backends/qemu/guest-script.js';
import { qemuArgs } from '../../src/backends/qemu/vm.js';
import type { Plan } from '../../src/plan/plan.js';
import { shellQuote } from '../../src/util/shell.js';
import { sysfsTreeFor } from '../helpers/apply-plan.js';
import { FAKE_PERF, fakeHost, runCli } from '../helpers/harness.js';
import { runMain } from '../helpers/run-main.js';

const FAKE_MASIM = fileURLToPath(new URL('../fixtures/bin/masim', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'damon-exp-injection-'));
/** What every injected command would create. */
const CANARY = join(dir, 'pwned');
const touch = `touch ${CANARY}`;

/** What a shell would run were the text not quoted. */
const SHELL = [
  `$(${touch})`,
  `\`${touch}\``,
  `'; ${touch}; '`,
  `"; ${touch}; "`,
  `x; ${touch}`,
  `x | ${touch}`,
  `x && ${touch} &`,
  `\${IFS}$(${touch})`,
  '$((1+1)) $HOME ~root * ?',
  `\\'\\"\\\\ \\$(${touch})`,
  `x\n${touch}\n#`,
  `x\r${touch}`,
];
/** What a browser would run or load were the text not escaped. */
const MARKUP = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  'javascript:alert(1)',
  '</style></title></textarea><script>alert(1)</script>',
  '<!-- --> ]]> <![CDATA[ x',
  '&lt;b&gt; &amp;amp; &#60;',
  '{{constructor.constructor}} {{{raw}}} {{> partial}}',
  'url(https://example.com/x) @import "y";',
];
/** What a spreadsheet, a terminal, QEMU, a heredoc or a C string would take for more than text. */
const OTHER = [
  '=HYPERLINK("https://example.com")',
  '@SUM(1)',
  '+1+1',
  '-1-1',
  '\tx',
  '\u001b]0;title\u0007\u001b[2J\u009b31m',
  '\u202eevil\u2028line',
  'a,readonly=on,,b',
  '%s%n%x',
  'DAMON_EXP_CONFIG_END_0',
  'x\u0000y',
];
const PAYLOADS = [...SHELL, ...MARKUP, ...OTHER];

/** For file and directory names: no slash, and the commands relative (scripts run in `dir`). */
const FILE_NAME = `$(touch pwned) \`touch pwned\` '; touch pwned; ' "q" ;&|<> javascript:x a,readonly=on %s * ~`;

const PLACES = ['phase', 'argument', 'memcg', 'matrix', 'title', 'xLabel', 'yLabel'] as const;
type Place = (typeof PLACES)[number];

/** A YAML double-quoted scalar holding `text` exactly (C0, C1 and beyond ASCII as \u escapes). */
function yamlString(text: string): string {
  return JSON.stringify(text).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * A sweep of two runs (the matrix value and 'plain') with `values` at its places: a masim phase's
 * name, an argument of a command workload, a memcg filter's cgroup path, a matrix value (which
 * names a run and sets the description), a figure's title and axis labels.
 */
function manifestText(values: Record<Place, string>): string {
  const q = yamlString;
  return [
    'name: injection',
    'workloads:',
    '  hot:',
    '    regions: [{name: r, size: 4MB}]',
    `    phases: [{name: ${q(values.phase)}, duration: 60s, patterns: [{region: r, random: false, stride: 4096, weight: 1}]}]`,
    `  cmd: {command: ["sh", "-c", "exec sleep 60", ${q(values.argument)}]}`,
    'layout:',
    '  kdamonds:',
    '    - contexts: [{targets: [{workload: hot}, {workload: cmd}]}]',
    '    - contexts:',
    '        - operations: paddr',
    '          targets: [{regions: [{start: 0, end: 0x40000000}]}]',
    `          schemes: [{action: stat, filters: [{type: memcg, matching: true, memcg_path: ${q(values.memcg)}}]}]`,
    'duration: 1s',
    `matrix: {description: [${q(values.matrix)}, plain]}`,
    'figures:',
    `  - {name: f, title: ${q(values.title)}, x: description, y: recall, x_label: ${q(values.xLabel)}, y_label: ${q(values.yLabel)}}`,
    '',
  ].join('\n');
}

const PLAIN: Record<Place, string> = {
  phase: 'phase',
  argument: 'argument',
  memcg: '/group',
  matrix: 'value',
  title: 'title',
  xLabel: 'x',
  yLabel: 'y',
};

const damonExp = (argv: string[]) => runMain(argv);

afterEach(() => expect(existsSync(CANARY), `${CANARY} was created: text ran as a command`).toBe(false));

/** Each payload at each place: taken, or refused at its line and column. */
const accepted = new Map<Place, string[]>();

beforeAll(async () => {
  const file = join(dir, 'one.yaml');
  for (const place of PLACES) {
    accepted.set(place, []);
    for (const payload of PAYLOADS) {
      const text = manifestText({ ...PLAIN, [place]: payload });
      writeFileSync(file, text);
      const { status, stderr } = await damonExp(['validate', file]);
      if (status === 0) accepted.get(place)!.push(payload);
      else {
        expect(status, `${place} ${JSON.stringify(payload)}: ${stderr}`).toBe(1);
        expect(stderr, `${place} ${JSON.stringify(payload)}`).toMatch(/^\S+one\.yaml:\d+:\d+: /);
      }
    }
  }
}, 60_000);

/** What XML 1.0 refuses outright, even as a character reference: an SVG file holding one is no image. */
const NOT_XML =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|&#(x0*[0-8bcef]|x0*1[0-9a-f]|0*([0-8]|1[1-2]|1[4-9]|2[0-9]|3[01]));/i;

describe('each place of a manifest, each hostile string', () => {
  it('takes the string or refuses it at its line and column, as text where one line must stay one', () => {
    const refused = (place: Place) => PAYLOADS.filter((p) => !accepted.get(place)!.includes(p));
    const lineBreaks = PAYLOADS.filter((p) => /[\r\n\0]/.test(p));
    // A masim config is read a line at a time, and a phase name does not start with a blank.
    expect(refused('phase')).toEqual([...lineBreaks.filter((p) => !p.includes('\0')), '\tx', 'x\u0000y']);
    expect(refused('memcg')).toEqual(lineBreaks);
    // No program takes a NUL byte in an argument; a line break is an argument's business.
    expect(refused('argument')).toEqual(['x\u0000y']);
    for (const place of ['matrix', 'title', 'xLabel', 'yLabel'] as const) expect(refused(place)).toEqual([]);
  });
});

interface Sweep {
  values: Record<Place, string>;
  /** results/injection */
  dir: string;
}

/**
 * The sweep with every string its place takes (joined), as `run` left it; and a copy of it with
 * each string replaced by plain text of its length (`plainTwin`), its pages drawn again by report,
 * index and figures: the same data, the same runs, only the text differs.
 */
let hostile: Sweep & { manifest: string; status: number; stderr: string };
let plain: Sweep;
const plainTwin = (text: string) => text.replace(/[^A-Za-z0-9 ]/g, 'x');

/** Files of a run or sweep that are not text. */
const BINARY = /\.(gz|data)$/;

function filesUnder(path: string): string[] {
  return readdirSync(path, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(path, entry.name)) : [join(path, entry.name)],
  );
}

async function plainCopy(sweep: Sweep, to: string): Promise<Sweep> {
  cpSync(sweep.dir, to, { recursive: true });
  const inJson = (text: string) => JSON.stringify(text).slice(1, -1);
  const pairs = PLACES.flatMap((place) => {
    const text = sweep.values[place];
    return [
      [inJson(text), plainTwin(text)],
      [text, plainTwin(text)],
    ];
  });
  for (const file of filesUnder(to).filter((f) => !BINARY.test(f))) {
    let text = readFileSync(file, 'utf8');
    for (const [from, into] of pairs) text = text.split(from!).join(into);
    writeFileSync(file, text);
  }
  for (const run of readdirSync(to).filter((n) => n.startsWith('description-')))
    expect((await damonExp(['report', join(to, run)])).status).toBe(0);
  expect((await damonExp(['index', to])).status).toBe(0);
  expect((await damonExp(['figures', to, '--no-png'])).status).toBe(0);
  return { values: Object.fromEntries(PLACES.map((p) => [p, plainTwin(sweep.values[p])])) as Sweep['values'], dir: to };
}

beforeAll(async () => {
  const values = Object.fromEntries(PLACES.map((place) => [place, accepted.get(place)!.join(' ')])) as Record<
    Place,
    string
  >;
  const where = join(dir, FILE_NAME);
  mkdirSync(where, { recursive: true });
  const manifest = join(where, 'injection.yaml');
  writeFileSync(manifest, manifestText(values));
  const out = join(where, 'results');
  const run = await runCli(fakeHost(), [manifest, '--no-png', '--out', out]);
  const figures = await damonExp(['figures', join(out, 'injection'), '--no-png']);
  hostile = {
    values,
    manifest,
    dir: join(out, 'injection'),
    status: run.status || figures.status,
    stderr: run.stderr + figures.stderr,
  };
  plain = await plainCopy(hostile, join(dir, 'plain'));
}, 60_000);

describe('a sweep with every string at every place that takes it', () => {
  it('completes, and its plain copy holds none of the strings', () => {
    expect(hostile.status, hostile.stderr).toBe(0);
    // plan.sh keeps them quoted: it is not drawn again.
    for (const file of filesUnder(plain.dir).filter((f) => !BINARY.test(f) && !f.endsWith('plan.sh')))
      expect(readFileSync(file, 'utf8'), file).not.toMatch(/alert\(1\)|touch \//);
  });

  it('gives its pages the element structure of the plain sweep: the strings are text, never markup', () => {
    const hostilePages = pages(hostile);
    const plainPages = pages(plain);
    expect([...hostilePages.keys()].sort()).toEqual([...plainPages.keys()].sort());
    expect(hostilePages.size).toBeGreaterThanOrEqual(4);
    for (const [name, page] of hostilePages) {
      const twin = plainPages.get(name)!;
      expect(skeleton(page), name).toEqual(skeleton(twin));
      expect(count(page, '<'), `${name}: '<' outside markup`).toBe(count(twin, '<'));
      for (const link of links(page)) expect(link, `${name}: a link`).toMatch(/^(\.\/|#|data:image\/(png|svg\+xml);)/);
      if (name.endsWith('.html'))
        expect(page, name).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src (&#x27;|')none\1;/);
      else expect(page, `${name}: a character XML refuses`).not.toMatch(NOT_XML);
    }
    // The strings are there, as text.
    const text = (page: string) =>
      page.replace(/&(lt|gt|amp|quot);|&#x([0-9a-f]+);|&#([0-9]+);/gi, (_, name, hex, decimal) =>
        name
          ? { lt: '<', gt: '>', amp: '&', quot: '"' }[name as 'lt']
          : String.fromCodePoint(hex ? parseInt(hex, 16) : Number(decimal)),
      );
    expect(text(hostilePages.get('index.html')!)).toContain('<script>alert(1)</script>');
    expect(text(hostilePages.get('value/report.html')!)).toContain('"><img src=x onerror=alert(1)>');
    expect(text(hostilePages.get('figures/f.svg')!)).toContain("'><svg onload=alert(1)>");
  });

  it("keeps spreadsheets from running its cells (summary.csv, the figures' CSVs): same rows and columns, no formula", () => {
    for (const name of ['summary.csv', 'figures/f.csv']) {
      const cells = parseCsv(readFileSync(join(hostile.dir, name), 'utf8'));
      const twin = parseCsv(readFileSync(join(plain.dir, name), 'utf8'));
      expect(
        cells.map((row) => row.length),
        name,
      ).toEqual(twin.map((row) => row.length));
      for (const cell of cells.flat())
        if (!/^[-+]?(\d|\.\d|Infinity|NaN)/.test(cell)) expect(cell, name).not.toMatch(/^[=+\-@\t\r]/);
      expect(
        cells.flat().some((cell) => cell.includes('<script>alert(1)</script>')),
        name,
      ).toBe(true);
    }
  });
});

describe('the scripts of that sweep', () => {
  const valueRun = () =>
    readdirSync(hostile.dir).find((n) => n.startsWith('description-') && n !== 'description-plain')!;
  /** Prints its arguments, NUL-terminated, into $ARGV_FILE: stands for the command a script runs. */
  const printer = join(dir, 'print-arguments');
  beforeAll(() => {
    writeFileSync(printer, '#!/bin/sh\nfor a; do printf \'%s\\0\' "$a"; done > "$ARGV_FILE"\n');
    chmodSync(printer, 0o755);
  });
  const printed = (file: string) => read(file).split('\0').slice(0, -1);

  it('plan.sh passes shellcheck, and runs writing the cgroup path and the masim config as they are, leaving nothing running', async () => {
    const runDir = join(hostile.dir, valueRun());
    const script = join(runDir, 'plan.sh');
    const check = spawnSync('shellcheck', ['-s', 'sh', '-S', 'style', script], { encoding: 'utf8' });
    expect(check.stdout + (check.error?.message ?? '')).toBe('');
    const plan = JSON.parse(read(join(runDir, 'plan.json'))) as Plan;
    const admin = sysfsTreeFor(plan);
    const out = join(dir, FILE_NAME, 'plan-out');
    const mark = `damon-exp-injection-${process.pid}`;
    // Run as a user would, and looked at as soon as it exits (not when its output closes).
    const child = spawn('sh', [script, out], {
      cwd: dir,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, DAMON_ADMIN: admin, MASIM: FAKE_MASIM, PERF: FAKE_PERF, DURATION_S: '0.2', MARK: mark },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const status = await new Promise((resolve) => child.on('exit', resolve));
    expect(status, stderr).toBe(0);
    expect(processesWith(mark), 'processes plan.sh left running').toEqual([]);
    const memcg = spawnSync('find', [admin, '-name', 'memcg_path'], { encoding: 'utf8' }).stdout.trim();
    expect(read(memcg).replace(/\n$/, '')).toBe(hostile.values.memcg);
    expect(read(join(out, 'workloads/hot.cfg'))).toBe(read(join(runDir, 'workloads/hot.cfg')));
    expect(read(join(out, 'workloads/hot.cfg'))).toContain(hostile.values.phase);
  });

  it("the Slurm job script is its #SBATCH lines and its command, which gets the manifest's path and --out as they are", async () => {
    const out = join(dir, FILE_NAME, 'slurm-results');
    const comment = hostile.values.memcg; // every string without a line break
    const { status, stdout, stderr } = await damonExp([
      'run',
      hostile.manifest,
      '--executor',
      'slurm',
      '--dry-run',
      `--slurm-opt=--comment=${comment}`,
      '--out',
      out,
    ]);
    expect(status, stderr).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    for (const line of lines)
      expect(line).toMatch(
        /^(#!\/bin\/bash|# .*|#SBATCH --[a-z-]+(=.*)?|set -eu|ids=\(.*\)|id=.*|export \w+=\w+|exec .*)$/s,
      );
    expect(lines.filter((l) => l.startsWith('#SBATCH --comment='))).toHaveLength(1);
    const script = join(dir, 'job.sh');
    writeFileSync(script, stdout.replace(/^exec .*? run /m, `exec ${shellQuote(printer)} run `));
    const argvFile = join(dir, 'job.argv');
    const result = spawnSync('bash', [script], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, SLURM_ARRAY_TASK_ID: '0', ARGV_FILE: argvFile },
    });
    expect(result.status, result.stderr).toBe(0);
    const argv = printed(argvFile);
    expect(argv.slice(0, 2)).toEqual(['run', hostile.manifest]);
    expect(argv[argv.indexOf('--out') + 1]).toBe(out);
    expect(argv.slice(-2)).toEqual(['--only', valueRun()]);
  });

  it("the QEMU guest's script gives its command and environment every string as written", () => {
    const words = PAYLOADS.filter((p) => !p.includes('\0'));
    const script = join(dir, 'guest.sh');
    writeFileSync(script, guestScript([printer, ...words], { MASIM: hostile.values.memcg, PERF: FILE_NAME }));
    const argvFile = join(dir, 'guest.argv');
    const result = spawnSync('sh', [script], { cwd: dir, encoding: 'utf8', env: { ARGV_FILE: argvFile } });
    expect(result.status, result.stderr).toBe(0);
    expect(printed(argvFile)).toEqual(words);
    const environment = spawnSync('sh', ['-c', `. ${shellQuote(script)} >/dev/null; printf '%s\\0' "$MASIM" "$PERF"`], {
      cwd: dir,
      encoding: 'utf8',
      env: { ARGV_FILE: join(dir, 'unused.argv') },
    });
    expect(environment.stdout.split('\0').slice(0, -1)).toEqual([hostile.values.memcg, FILE_NAME]);
  });

  it("QEMU's options keep a path with commas one value (-virtfs, -drive)", () => {
    const shared = join(dir, FILE_NAME);
    const args = qemuArgs({
      image: '/boot/bzImage',
      initrd: '/tmp/initrd',
      memoryBytes: 2 ** 30,
      cpus: 1,
      accel: 'tcg',
      shared,
      swapDisk: join(shared, 'swap.img'),
    } as Parameters<typeof qemuArgs>[0]);
    const virtfs = qemuOptions(args[args.lastIndexOf('-virtfs') + 1]!);
    expect(virtfs).toEqual(['local', `path=${shared}`, 'mount_tag=outdir', 'security_model=none']);
    const drive = qemuOptions(args[args.indexOf('-drive') + 1]!);
    expect(drive[0]).toBe(`file=${join(shared, 'swap.img')}`);
    expect(drive.filter((o) => o.startsWith('readonly'))).toEqual([]);
  });
});

/** The processes whose environment holds MARK=`mark`: what a script started and left running. */
function processesWith(mark: string): string[] {
  return readdirSync('/proc')
    .filter((pid) => /^\d+$/.test(pid))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(`MARK=${mark}`);
      } catch {
        return false; // ended, or not ours to read
      }
    })
    .map((pid) => `${pid} ${readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ')}`);
}

/** A QEMU option string as QEMU splits it: at each comma, ',,' standing for a comma. */
function qemuOptions(text: string): string[] {
  const parts: string[] = [];
  let part = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] === ',' && text[i + 1] === ',') ((part += ','), i++);
    else if (text[i] === ',') (parts.push(part), (part = ''));
    else part += text[i];
  }
  return [...parts, part];
}

const read = (path: string) => readFileSync(path, 'utf8');

/** A sweep's pages by their place: index.html, value/ and plain/report.html, figures/*.svg. */
function pages(sweep: Sweep): Map<string, string> {
  const valueRun = readdirSync(sweep.dir).find((n) => n.startsWith('description-') && n !== 'description-plain')!;
  const found = new Map<string, string>([
    ['index.html', read(join(sweep.dir, 'index.html'))],
    ['value/report.html', read(join(sweep.dir, valueRun, 'report.html'))],
    ['plain/report.html', read(join(sweep.dir, 'description-plain', 'report.html'))],
  ]);
  for (const name of readdirSync(join(sweep.dir, 'figures')).filter((n) => n.endsWith('.svg')))
    found.set(`figures/${name}`, read(join(sweep.dir, 'figures', name)));
  return found;
}

const TAG =
  /<(\/?[A-Za-z][\w:-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>|<!--|-->|<!\[CDATA\[|<!DOCTYPE/g;
const ATTRIBUTE = /\s+([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/** The elements of a page in order, each with its attributes' names; a style sheet's text left out. */
function skeleton(page: string): string[] {
  const styles = page.replace(/(<style\b[^>]*>)[\s\S]*?(<\/style>)/g, '$1$2');
  return [...styles.matchAll(TAG)].map((m) =>
    m[1] === undefined ? m[0] : [m[1], ...[...(m[2] ?? '').matchAll(ATTRIBUTE)].map((a) => a[1])].join(' '),
  );
}

const count = (text: string, what: string) => text.split(what).length - 1;

/** The values of the href, src and xlink:href attributes of the elements. */
function links(page: string): string[] {
  return [...page.matchAll(TAG)].flatMap((tag) =>
    [...(tag[2] ?? '').matchAll(ATTRIBUTE)]
      .filter((a) => ['href', 'src', 'xlink:href'].includes(a[1]!.toLowerCase()))
      .map((a) => a[2] ?? a[3] ?? a[4] ?? ''),
  );
}

/** RFC 4180: quoted fields may hold commas, quotes (doubled) and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') ((field += '"'), i++);
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') (row.push(field), (field = ''));
    else if (c === '\n') (row.push(field), rows.push(row), (row = []), (field = ''));
    else if (c !== '\r' || text[i + 1] !== '\n') field += c;
  }
  if (field || row.length) (row.push(field), rows.push(row));
  return rows;
}
