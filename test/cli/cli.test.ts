import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Output } from '../../src/cli/output.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const experiment = (name: string) => join(ROOT, 'experiments', `${name}.yaml`);

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const output: Output = {
    out: (t) => (stdout += t.endsWith('\n') ? t : `${t}\n`),
    err: (t) => (stderr += t.endsWith('\n') ? t : `${t}\n`),
    color: false,
  };
  const status = await main(argv, output);
  return { status, stdout, stderr };
}

const bad = join(mkdtempSync(join(tmpdir(), 'damon-exp-cli-')), 'bad.yaml');
// workloads may be empty (a paddr-only layout), but not a list.
writeFileSync(bad, 'name: bad\nworkloads: []\nlayout: {kind: one-target, workloads: [w]}\nduration: 10\n');

describe('damon-exp validate', () => {
  it('prints a summary line per valid file on stdout and exits 0', async () => {
    const { status, stdout, stderr } = await cli('validate', experiment('one_target'), experiment('sweep_layouts'));
    expect(status).toBe(0);
    expect(stdout).toBe(
      `${experiment('one_target')}: ok, 'one_target', 1 run\n${experiment('sweep_layouts')}: ok, 'sweep_layouts', 7 runs\n`,
    );
    expect(stderr).toBe('');
  });

  it('prints every problem as file:line:col on stderr and exits 1', async () => {
    const { status, stdout, stderr } = await cli('validate', experiment('one_target'), bad);
    expect(status).toBe(1);
    expect(stdout).toContain("ok, 'one_target'");
    expect(stderr).toContain(`${bad}:2:12: workloads: must be object`);
    expect(stderr).toContain(`${bad}:4:11: duration: 10 is not a duration with a unit`);
    expect(stderr).toContain(`${bad}:3:40: unknown workload 'w'\n  hint: define it under 'workloads:'`);
    expect(stderr).toContain(`${bad}: 3 problems`);
  });

  it('gives clean JSON with --json', async () => {
    const { status, stdout } = await cli('validate', '--json', bad);
    expect(status).toBe(1);
    const [result] = JSON.parse(stdout) as { ok: boolean; diagnostics: { line: number }[] }[];
    expect(result!.ok).toBe(false);
    expect(result!.diagnostics.map((d) => d.line).sort()).toEqual([2, 3, 4]);
  });

  it('says when a file cannot be read', async () => {
    const { status, stderr } = await cli('validate', '/nonexistent.yaml');
    expect(status).toBe(1);
    expect(stderr).toContain(
      '/nonexistent.yaml: cannot read it: no such file or directory (ENOENT)\n  hint: check the path\n',
    );
  });
});

describe('damon-exp list', () => {
  it('lists the runs with their parameters', async () => {
    const { status, stdout, stderr } = await cli('list', experiment('sweep_layouts'));
    expect(status).toBe(0);
    expect(stdout.split('\n')[0]).toMatch(/^id\s+parameters$/);
    expect(stdout).toMatch(
      /kind-many-contexts_targets-4\s+layout\.kind=many-contexts {2}layout\.targets=4 {2}\(many-contexts: 4 contexts, 4 targets, 6 s\)/,
    );
    expect(stderr).toBe("7 runs of 'sweep_layouts'\n");
  });

  it('gives clean JSON with --json', async () => {
    const { stdout } = await cli('list', experiment('sweep_layouts'), '--json', '--set', 'duration=5s');
    const runs = JSON.parse(stdout) as {
      id: string;
      params: Record<string, unknown>;
      durationUs: number;
      contexts: number;
    }[];
    expect(runs).toHaveLength(7);
    expect(runs[3]).toMatchObject({
      id: 'kind-many-contexts_targets-2_duration-5s',
      params: { 'layout.kind': 'many-contexts', 'layout.targets': 2, duration: '5s' },
      durationUs: 5_000_000,
      contexts: 2,
    });
  });
});

describe('damon-exp plan', () => {
  it('prints the text plan by default, for the upstream kernel', async () => {
    const { status, stdout } = await cli('plan', experiment('many_contexts'));
    expect(status).toBe(0);
    expect(stdout).toContain('layout: 3 kdamonds, 3 contexts, 3 workload processes');
    expect(stdout).toContain('write   kdamonds/nr_kdamonds ← 3');
  });

  it('prints JSON and sh for one run', async () => {
    const json = await cli('plan', experiment('many_contexts'), '--kernel', 'multi-context', '--format', 'json');
    expect(JSON.parse(json.stdout)).toMatchObject({ format: 'damon-exp.plan/1', layout: { contexts: 'shared' } });
    const sh = await cli('plan', experiment('sweep_layouts'), '--run', 'kind-one-target_targets-1', '--format', 'sh');
    expect(sh.stdout.slice(0, '#!/bin/sh\n'.length)).toBe('#!/bin/sh\n');
  });

  it('asks for --run when a sweep would print several JSON plans', async () => {
    const { status, stderr } = await cli('plan', experiment('sweep_layouts'), '--format', 'json');
    expect(status).toBe(1);
    expect(stderr).toContain("'sweep_layouts' expands to 7 runs; --format json prints one");
    expect(stderr).toContain('hint: pick one with --run ID: kind-many-targets_targets-2,');
  });

  it('explains a run the kernel cannot serve', async () => {
    const { status, stderr } = await cli(
      'plan',
      experiment('many_contexts'),
      '--set',
      'layout.contexts_per_kdamond=many',
    );
    expect(status).toBe(1);
    expect(stderr).toContain(
      "damon-exp: cannot plan run 'contexts_per_kdamond-many': the layout puts 3 contexts in one kdamond, but this kernel allows 1 per kdamond",
    );
    expect(stderr).toContain('hint: use a multi-context kernel');
  });

  it('rejects bad options with exit status 2', async () => {
    expect((await cli('plan', experiment('one_target'), '--format', 'yaml')).status).toBe(2);
    expect((await cli('plan', experiment('one_target'), '--kernel', 'fork')).stderr).toContain(
      '--kernel must be one of upstream, multi-context',
    );
    expect((await cli('plan', '--bogus')).status).toBe(2);
    expect((await cli('frobnicate')).stderr).toContain("unknown command 'frobnicate'");
  });

  it('refuses what it would otherwise ignore: a bare kernel, --version with an argument, an empty kernel name', async () => {
    const bare = await cli('kernel');
    expect(bare.status).toBe(2);
    expect(bare.stderr).toContain('kernel needs a verb: damon-exp kernel list|build|import');
    const version = await cli('--version', 'x');
    expect(version).toMatchObject({ status: 2, stdout: '' });
    expect(version.stderr).toContain("--version takes no arguments, not 'x'");
    const unnamed = await cli('kernel', 'build', ROOT, '--name', '');
    expect(unnamed.status).toBe(1);
    expect(unnamed.stderr).toContain("'' cannot name a kernel");
    expect((await cli('kernel', 'import', '/nonexistent/bzImage', '--name', '')).stderr).toContain(
      "'' cannot name a kernel",
    );
  });
});

describe('help', () => {
  it.each(['validate', 'list', 'plan'])('%s --help shows usage and examples', async (command) => {
    const { status, stdout } = await cli(command, '--help');
    expect(status).toBe(0);
    expect(stdout).toMatch(new RegExp(`^Usage: damon-exp ${command} `));
    expect(stdout).toContain('Examples:');
    expect(stdout).toContain('--help');
  });

  it('lists the commands', async () => {
    const { stdout } = await cli('--help');
    for (const command of ['validate', 'list', 'plan']) expect(stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
  });
});

describe('the installed command', () => {
  it('runs from bin/ with exit statuses and clean streams (needs `make build`)', () => {
    expect(existsSync(join(ROOT, 'dist/cli/main.js')), 'dist/ is missing: run make build').toBe(true);
    const ok = spawnSync(join(ROOT, 'bin/damon-exp.js'), ['plan', experiment('one_target'), '--format', 'json'], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout).run.id).toBe('run');
    expect(ok.stderr).toBe('');
    const { NO_COLOR: _unset, ...environment } = process.env;
    const failed = spawnSync(join(ROOT, 'bin/damon-exp.js'), ['validate', bad], {
      encoding: 'utf8',
      env: { ...environment, FORCE_COLOR: '1' },
    });
    expect(failed.status).toBe(1);
    expect(failed.stdout).toBe('');
    expect(failed.stderr).toContain('\u001b[');
    const plain = spawnSync(join(ROOT, 'bin/damon-exp.js'), ['validate', bad], {
      encoding: 'utf8',
      env: { ...environment, FORCE_COLOR: '1', NO_COLOR: '1' },
    });
    expect(plain.stderr).not.toContain('\u001b[');
  });
});
