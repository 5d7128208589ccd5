// Files and manifests made to hang, exhaust or crash the command: each must end in a clear message
// naming the file (at a line and column when it is in the manifest) and exit status 1, not a hang,
// an out-of-memory death (134) or a stack trace (70). The command runs as a process (the source,
// bundled with esbuild), in 256 MB of heap and with a timeout: a hang ends as a timeout and an
// exhausted heap as an exit status, not as a stuck or dead test runner.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'damon-exp-hostile-files-'));
const cli = join(dir, 'package/dist/cli.js');

beforeAll(async () => {
  // Laid out as the package is: dist/ beside package.json and schemas/, which the code reads.
  mkdirSync(join(dir, 'package/dist'), { recursive: true });
  for (const name of ['package.json', 'schemas', 'node_modules'])
    symlinkSync(join(ROOT, name), join(dir, 'package', name));
  await build({
    entryPoints: [join(ROOT, 'src/cli/main.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile: join(dir, 'package/dist/main.js'),
    logLevel: 'warning',
  });
  writeFileSync(cli, "import { main } from './main.js';\nprocess.exitCode = await main(process.argv.slice(2));\n");
  writeFileSync(join(dir, 'w.cfg'), 'a, 4096\n\np\n600000\na, 0, 4096, 1\n');
}, 60_000);

function damonExp(...args: string[]) {
  const result = spawnSync(process.execPath, ['--max-old-space-size=256', cli, ...args], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 20_000,
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

function manifest(name: string, text: string): string {
  writeFileSync(join(dir, name), text);
  return name;
}

/** Where `needle` is in `text`, as line:col. */
function position(text: string, needle: string): string {
  const before = text.slice(0, text.indexOf(needle)).split('\n');
  return `${before.length}:${before.at(-1)!.length + 1}`;
}

const BASE =
  'name: hostile\nworkloads:\n  w: {masim: w.cfg}\nlayout: {kind: one-target, workloads: [w]}\nduration: 10s\n';

describe('files that are no regular files, or too large', () => {
  it('refuses /dev/zero as a manifest', () => {
    const result = damonExp('validate', '/dev/zero');
    expect(result).toMatchObject({ status: 1, signal: null, stdout: '' });
    expect(result.stderr).toContain(
      '/dev/zero: it is a character device, not a regular file: cannot read it as a manifest\n',
    );
  });

  it('refuses a FIFO as a manifest without waiting for a writer', () => {
    execFileSync('mkfifo', [join(dir, 'manifest.fifo')]);
    const result = damonExp('validate', 'manifest.fifo');
    expect(result).toMatchObject({ status: 1, signal: null });
    expect(result.stderr).toContain(
      'manifest.fifo: it is a FIFO (named pipe), not a regular file: cannot read it as a manifest\n',
    );
  });

  it('refuses a 50 MB manifest by its size', () => {
    writeFileSync(join(dir, 'huge.yaml'), 'name: huge\n');
    truncateSync(join(dir, 'huge.yaml'), 50_000_000);
    const result = damonExp('validate', 'huge.yaml');
    expect(result).toMatchObject({ status: 1, signal: null });
    expect(result.stderr).toContain('huge.yaml: it is 47.7 MiB, more than the 1.0 MiB a manifest may be\n');
  });

  it.each([
    ['/dev/zero', '/dev/zero is a character device, not a regular file: cannot read it as a masim config'],
    ['config.fifo', 'config.fifo is a FIFO (named pipe), not a regular file: cannot read it as a masim config'],
    ['big.cfg', 'big.cfg is 2.0 MiB, more than the 1.0 MiB a masim config may be'],
  ])('refuses a masim config %s at the manifest line naming it', (config, message) => {
    if (config === 'config.fifo') execFileSync('mkfifo', [join(dir, config)]);
    if (config === 'big.cfg')
      writeFileSync(join(dir, config), `a, 4096\n\np\n600000\n${'a, 0, 4096, 1\n'.repeat(150_000)}`);
    const text = BASE.replace('w.cfg', config);
    const result = damonExp('validate', manifest('config.yaml', text));
    expect(result).toMatchObject({ status: 1, signal: null });
    expect(result.stderr).toContain(`config.yaml:${position(text, config)}: ${message}\n`);
  });

  it('refuses a masim config whose name holds a NUL byte (a YAML escape), at its line', () => {
    const text = BASE.replace('w.cfg', '"w\\0.cfg"');
    const result = damonExp('validate', manifest('nul.yaml', text));
    expect(result).toMatchObject({ status: 1, signal: null });
    expect(result.stderr).toMatch(
      new RegExp(
        `nul\\.yaml:${position(text, '"w')}: cannot read a masim config ".*w\\\\u0000\\.cfg": a file name cannot hold a NUL byte\n`,
      ),
    );
  });
});

describe('manifests that multiply', () => {
  it('refuses aliases of aliases ("billion laughs") at the alias that makes it too large', () => {
    const anchors = ['x-a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (const [prev, next] of [...'abcdefgh'].map((c, i) => [c, 'bcdefghi'[i]!]))
      anchors.push(`x-${next}: &${next} [${Array(10).fill(`*${prev}`).join(', ')}]`);
    const text = `${BASE}${anchors.join('\n')}\ndescription: *i\n`;
    const result = damonExp('validate', manifest('laughs.yaml', text));
    expect(result).toMatchObject({ status: 1, signal: null });
    const [head, hint] = result.stderr.split('\n');
    const [, line, col] = /^laughs\.yaml:(\d+):(\d+): aliases expand the manifest by more than 100000 values here/.exec(
      head!,
    )!;
    expect(text.split('\n')[Number(line) - 1]!.slice(Number(col) - 1)).toMatch(/^\*[a-i]/);
    expect(hint).toContain('anchors that alias anchors multiply');
  });

  it('refuses a merge key that merges no mapping, at its value', () => {
    const result = damonExp('validate', manifest('merge.yaml', 'name: x\nmonitoring:\n  <<: 5\n'));
    expect(result).toMatchObject({ status: 1, signal: null });
    expect(result.stderr).toContain(
      'merge.yaml:3:7: a merge key (<<) takes a mapping, an alias of one, or a list of them, not 5\n',
    );
  });

  it('counts the runs of a matrix before making them (10^8 here), and refuses more than --max-runs', () => {
    const paths = [
      'duration',
      'monitoring.sample',
      'monitoring.aggr',
      'monitoring.update',
      'monitoring.nr_regions.min',
      'monitoring.nr_regions.max',
      'layout.targets',
      'backend.cpus',
    ];
    const axes = paths.map(
      (path) =>
        `  ${path}: [${Array.from({ length: 10 }, (_, i) => (path.startsWith('monitoring.') && !path.includes('nr_') ? `${i + 1}ms` : i + 10)).join(', ')}]`,
    );
    const text = `${BASE}matrix:\n${axes.join('\n')}\n`;
    const result = damonExp('list', manifest('sweep.yaml', text));
    expect(result).toMatchObject({ status: 1, signal: null, stdout: '' });
    expect(result.stderr).toBe(
      `sweep.yaml:${position(text, 'matrix:')}: the matrix makes 100000000 runs, more than the limit of 10000\n  hint: vary fewer values, or raise the limit with --max-runs N if you mean to run them all\n`,
    );
  });

  it('refuses a repeat beyond its maximum at its value', () => {
    const result = damonExp('validate', manifest('repeat.yaml', `${BASE}repeat: 1e12\n`));
    expect(result).toMatchObject({ status: 1, signal: null });
    expect(result.stderr).toContain('repeat.yaml:6:9: repeat: must be <= 1000\n');
  });

  it('checks matrix keys of many dotted parts in linear time', () => {
    const key = `a${'.a'.repeat(60)}!`;
    const result = damonExp('validate', manifest('key.yaml', `${BASE}matrix:\n  ${key}: [1]\n`));
    expect(result).toMatchObject({ status: 1, signal: null });
    expect(result.stderr).toContain('is not a dotted path into the manifest');
  });
});

describe('--max-runs', () => {
  const sweep = join(ROOT, 'experiments/sweep_layouts.yaml');

  it('lowers and raises the limit on the number of runs', () => {
    const low = damonExp('validate', sweep, '--max-runs', '6');
    expect(low.status).toBe(1);
    expect(low.stderr).toMatch(/sweep_layouts\.yaml:\d+:1: the matrix makes up to 9 runs, more than the limit of 6\n/);
    expect(damonExp('validate', sweep, '--max-runs', '9').status).toBe(0);
  });

  it('takes only a whole number above 0', () => {
    const result = damonExp('plan', sweep, '--max-runs', '0');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("--max-runs needs a whole number of runs above 0, such as 50000, not '0'");
  });
});
