// A sweep whose runs have damaged files: `index` shows such a run as corrupt, names the file in
// its errors and in a warning, and never counts it; `figures` says a corrupt figures.json is
// corrupt; nothing waits on a FIFO.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { runMain } from '../helpers/run-main.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/runs/many_contexts.qemu-6.12', import.meta.url));
const made: string[] = [];

afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A sweep directory with a copy of the fixture run under each id. */
function sweep(...ids: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'damon-exp damaged sweep '));
  made.push(dir);
  for (const id of ids) cpSync(FIXTURE, join(dir, id), { recursive: true });
  return dir;
}

const cli = (...argv: string[]) => runMain(argv);

const cut = (path: string) => writeFileSync(path, readFileSync(path).subarray(0, 100));

describe('index of a sweep with damaged runs', () => {
  it('a run whose status.json or analysis.json cannot be read is corrupt, named in a warning and in its errors', async () => {
    const dir = sweep('a', 'b', 'c');
    cut(join(dir, 'b', 'status.json'));
    writeFileSync(join(dir, 'c', 'analysis.json'), '{"format": "damon-exp.analysis/1", "targets": [');
    const { status, stderr } = await cli('index', dir);
    expect(status).toBe(0);
    expect(stderr).toContain(
      `damon-exp: warning: ${join(dir, 'b', 'status.json')} is corrupt: Expected double-quoted property name in JSON at position 100\n`,
    );
    expect(stderr).toContain(`damon-exp: warning: ${join(dir, 'c', 'analysis.json')} is corrupt: `);
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as {
      runs: { id: string; state: string; errors: string[] }[];
    };
    expect(summary.runs.map((r) => [r.id, r.state])).toEqual([
      ['a', 'complete'],
      ['b', 'corrupt'],
      ['c', 'corrupt'],
    ]);
    expect(summary.runs[1]!.errors).toEqual([
      `${join(dir, 'b', 'status.json')} is corrupt: Expected double-quoted property name in JSON at position 100`,
    ]);
    expect(readFileSync(join(dir, 'summary.csv'), 'utf8')).toContain(`\nb,corrupt,,1,`);
    const index = readFileSync(join(dir, 'index.html'), 'utf8');
    expect(index).toContain('3 runs: 1 complete, 2 not complete (2 corrupt)');
    expect(index).toContain('<td class="bad">corrupt</td>');
  });

  it('a report.html that is a FIFO is no report, and no hang', async () => {
    const dir = sweep('a');
    execFileSync('mkfifo', [join(dir, 'a', 'report.html')]);
    const { status } = await cli('index', dir);
    expect(status).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')).runs[0].report).toBeNull();
  }, 10_000);

  it('compare warns of the corrupt runs it leaves out', async () => {
    const dir = sweep('a', 'b');
    cut(join(dir, 'b', 'run.json'));
    const { stderr } = await cli('compare', dir, '--axis', 'backend.kernel');
    expect(stderr).toContain(`damon-exp: warning: run b left out: ${join(dir, 'b', 'run.json')} is corrupt: `);
  });
});

describe('figures.json', () => {
  const figures = (list: unknown[]) =>
    JSON.stringify({
      format: 'damon-exp.figures/1',
      manifest: { name: 'm', file: 'm.yaml', sha256: '0' },
      figures: list,
    });

  it('cut short: the figures command says it is corrupt, naming it, exit status 1; the index is made without figures', async () => {
    const dir = sweep('a');
    writeFileSync(
      join(dir, 'figures.json'),
      figures([{ name: 'cpu', x: 'layout.targets', y: 'kdamond_cpu' }]).slice(0, 60),
    );
    const { status, stderr } = await cli('figures', dir, '--no-png');
    expect(status).toBe(1);
    expect(stderr.split('\n')[0]).toMatch(new RegExp(`^damon-exp: ${join(dir, 'figures.json')} is corrupt: `));
    expect(stderr).toContain(
      "hint: a sweep writes it from its manifest's figures:; give --manifest FILE to draw them from the manifest instead",
    );
    const index = await cli('index', dir);
    expect(index.status).toBe(0);
    expect(index.stderr).toContain(`damon-exp: warning: ${join(dir, 'figures.json')} is corrupt: `);
  });

  it('a figure whose name would leave the figures directory, or whose metric is unknown, is refused', async () => {
    const dir = sweep('a');
    writeFileSync(
      join(dir, 'figures.json'),
      figures([{ name: '../../escape', x: 'layout.targets', y: 'kdamond_cpu' }]),
    );
    expect((await cli('figures', dir, '--no-png')).stderr).toContain(
      'is corrupt: a figure name that is not a name of letters',
    );
    writeFileSync(join(dir, 'figures.json'), figures([{ name: 'cpu', x: 'layout.targets', y: 'no_such_metric' }]));
    expect((await cli('figures', dir, '--no-png')).stderr).toContain("is corrupt: figure 'cpu': y is not a metric");
  });
});
