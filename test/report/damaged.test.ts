// `report` on a run directory whose files are damaged: the report is still made, names what it
// could not use, and the command says so (warnings, exit status 1); never a stack trace or a hang.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { captureOutput } from '../helpers/capture.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/runs/many_contexts.qemu-6.12', import.meta.url));
const made: string[] = [];

function copyOfRun(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'damon-exp damaged run ')), 'run');
  made.push(dir);
  cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

afterEach(() => {
  for (const dir of made.splice(0)) rmSync(join(dir, '..'), { recursive: true, force: true });
});

async function report(dir: string) {
  const { output, result } = captureOutput();
  const status = await main(['report', dir], output);
  return { status, ...result(), html: readFileSync(join(dir, 'report.html'), 'utf8') };
}

function cut(dir: string, name: string, bytes = 100): void {
  writeFileSync(join(dir, name), readFileSync(join(dir, name)).subarray(0, bytes));
}

describe('report of a run with damaged files', () => {
  it.each(['status.json', 'run.json', 'plan.json', 'env.json', 'kdamond-cpu.json'])(
    '%s cut short: the report names it, a warning, exit status 1',
    async (name) => {
      const dir = copyOfRun();
      cut(dir, name);
      const { status, stderr, html } = await report(dir);
      expect(status).toBe(1);
      expect(stderr).not.toContain('internal error');
      expect(stderr).toMatch(
        new RegExp(`^damon-exp: warning: ${join(dir, name).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is corrupt: `, 'm'),
      );
      expect(html).toContain(`warning: ${join(dir, name)} is corrupt: `);
      // The trace is analysed all the same.
      expect(JSON.parse(readFileSync(join(dir, 'analysis.json'), 'utf8')).targets).toHaveLength(3);
    },
  );

  it('a status.json cut short: the report says the state is unknown rather than that there is none', async () => {
    const dir = copyOfRun();
    cut(dir, 'status.json');
    const { html } = await report(dir);
    expect(html).not.toContain('No status.json');
    expect(html).toMatch(/status<\/th><td><span class="bad">unknown/);
    expect(html).toContain('kdamonds are numbered by thread');
  });

  it('an analysis.json cut short is made again', async () => {
    const dir = copyOfRun();
    writeFileSync(join(dir, 'analysis.json'), '{"format": "damon-exp.analys');
    const { status, stderr } = await report(dir);
    expect([status, stderr]).toEqual([0, '']);
    expect(JSON.parse(readFileSync(join(dir, 'analysis.json'), 'utf8')).format).toBe('damon-exp.analysis/1');
  });

  it('JSON of another form (another version, a hand edit) is left out and named', async () => {
    const dir = copyOfRun();
    writeFileSync(join(dir, 'plan.json'), '[]');
    writeFileSync(join(dir, 'status.json'), '{"state": "complete", "kdamondPids": "many", "errors": "none"}');
    writeFileSync(join(dir, 'logs/w0.phase.jsonl'), '{"event":"regions","regions":5}\n{"event":"phase-start"}\n');
    const { status, stderr, html } = await report(dir);
    expect(status).toBe(1);
    expect(stderr).toContain(
      `damon-exp: warning: ${join(dir, 'plan.json')} is corrupt: the file is a list, not an object: left out`,
    );
    // Its status parses but is not of status.json's form: left out too, saying what is wrong where.
    expect(stderr).toContain(
      `damon-exp: warning: ${join(dir, 'status.json')} is corrupt: kdamondPids is string "many", not an object: left out`,
    );
    expect(html).toContain('<span class="bad">unknown</span>');
  });

  it('a broken phase log, or one that is a FIFO: named, never a hang', async () => {
    const dir = copyOfRun();
    writeFileSync(join(dir, 'logs/w0.phase.jsonl'), '{"event":"regions","regions":5}\n');
    unlinkSync(join(dir, 'logs/w1.phase.jsonl'));
    execFileSync('mkfifo', [join(dir, 'logs/w1.phase.jsonl')]);
    const { status, stderr } = await report(dir);
    expect(status).toBe(1);
    expect(stderr).toContain('damon-exp: warning: logs/w0.phase.jsonl:1: regions without name, start and end');
    expect(stderr).toContain(
      `damon-exp: warning: ${join(dir, 'logs/w1.phase.jsonl')} is a FIFO (named pipe), not a regular file: cannot read it as a phase log`,
    );
  }, 10_000);

  it('a masim.script that is a FIFO: a report without analysis that says why, exit status 1', async () => {
    const dir = copyOfRun();
    unlinkSync(join(dir, 'masim.script'));
    execFileSync('mkfifo', [join(dir, 'masim.script')]);
    const { status, stderr, html } = await report(dir);
    expect(status).toBe(1);
    expect(stderr).toContain(`no analysis: ${join(dir, 'masim.script')} is a FIFO (named pipe), not a regular file`);
    expect(html).toContain('No analysis: ');
  }, 10_000);

  it('lines of the trace that do not parse: the same warnings as heats and wss, and the first of each kind in the report', async () => {
    const dir = copyOfRun();
    const lines = readFileSync(join(dir, 'masim.script'), 'utf8').split('\n');
    lines[4] = 'kdamond.0   175 [000]    15.6: damon:damon_aggregated: target_id=0 nr_regions=99999999999 1-2: 3 4';
    writeFileSync(join(dir, 'masim.script'), lines.join('\n'));
    const { status, stderr, html } = await report(dir);
    expect(status).toBe(0);
    expect(stderr).toContain(
      `damon-exp: warning: ${join(dir, 'masim.script')}: skipped 1 malformed damon_aggregated line (first at line 5: kdamond.0   175 [000]    15.6: damon:damon_aggregated: target_id=0 nr_regions=99999999999 1-2: 3 4)`,
    );
    expect(stderr).toContain(
      `damon-exp: warning: ${join(dir, 'masim.script')}: left out 1 incomplete snapshot (first at line 70: kdamond 0 context 0 target 0 at 15.597013 s, 17 of 18 regions)`,
    );
    expect(html).toContain(
      '<td class="warn">malformed damon_aggregated (first at line 5: kdamond.0   175 [000]    15.6: damon:damon_aggregated: target_id&#x3D;0 nr_regions&#x3D;99999999999 1-2: 3 4)</td><td class="num">1</td>',
    );
    expect(html).toContain(
      '<td class="warn">incomplete snapshot (first at line 70: kdamond 0 context 0 target 0 at 15.597013 s, 17 of 18 regions)</td><td class="num">1</td>',
    );
  });
});
