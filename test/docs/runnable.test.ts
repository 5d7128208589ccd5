// Every command the docs show is run: the fenced blocks of README.md and docs/*.md marked
// `runnable` run, command by command, in a temporary folder of fixtures (what the pages read as
// earlier results), and must exit as declared, print what they show and no stack trace. A block
// of commands marked neither runnable nor `not-run: REASON` fails, and so does a relative link
// that leads nowhere. The conventions are in docs/development.md ("The docs test").
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shellQuote } from '../../src/util/shell.js';
import {
  anchorsOf,
  commandsOf,
  fencesOf,
  markingOf,
  missingLine,
  relativeLinksOf,
  runsDamonExp,
  showsCommands,
  type Fence,
} from './markdown.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Made by `make docs` from the schema and the commands' specs; they show no commands of their own. */
const GENERATED = ['docs/manifest.md', 'docs/commands.md'];
const PAGES = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`)
    .filter((page) => !GENERATED.includes(page))
    .sort(),
];
const IMAGES = 'docs/images';

/** What the pages read as earlier results, in the folder they run in: a fixture each. */
const SEEDS: Record<string, string> = {
  'results/many_contexts/run': 'test/fixtures/runs/many_contexts.qemu-6.12',
  'results/one_target/run': 'test/fixtures/runs/one_target.tcg-refresh',
  'results/one_target_tcg/tlb_refresh-off': 'test/fixtures/runs/one_target.tcg-blind',
  'results/one_target_tcg/tlb_refresh-auto': 'test/fixtures/runs/one_target.tcg-refresh',
  'damon.data': 'test/fixtures/damo-2.4.9/one_target.damon.data.json_compressed',
};

const read = (page: string) => readFileSync(join(ROOT, page), 'utf8');
const where = (page: string, line: number) => `${page}:${line}`;

/** The folder every page's commands start from, made once: fixtures, and earlier results from them. */
let template: string | null = null;

function templateFolder(): string {
  if (template) return template;
  const dir = mkdtempSync(join(tmpdir(), 'damon-exp-docs-template-'));
  for (const copied of ['experiments', 'test/fixtures'])
    cpSync(join(ROOT, copied), join(dir, copied), { recursive: true });
  for (const [to, from] of Object.entries(SEEDS)) {
    mkdirSync(dirname(join(dir, to)), { recursive: true });
    cpSync(join(ROOT, from), join(dir, to), { recursive: true });
  }
  // A run ends with its analysis; the fixtures were stored without theirs.
  const runs = Object.keys(SEEDS).filter((to) => to.startsWith('results/'));
  const analysed = spawnSync(process.execPath, [join(ROOT, 'bin/damon-exp.js'), 'report', ...runs], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  if (analysed.status !== 0) throw new Error(`the seeded runs' analysis failed: ${analysed.stderr}`);
  mkdirSync(join(dir, IMAGES), { recursive: true });
  return (template = dir);
}

afterAll(() => {
  if (template) rmSync(template, { recursive: true, force: true });
});

/** A fresh folder for a page's commands, and the environment they run in (damon-exp: this checkout's). */
function workspace(): { dir: string; env: NodeJS.ProcessEnv } {
  const dir = mkdtempSync(join(tmpdir(), 'damon-exp-docs-'));
  cpSync(templateFolder(), dir, { recursive: true });
  const bin = join(dir, '.bin');
  mkdirSync(bin);
  writeFileSync(
    join(bin, 'damon-exp'),
    `#!/bin/sh\nexec ${shellQuote(process.execPath)} ${shellQuote(join(ROOT, 'bin/damon-exp.js'))} "$@"\n`,
  );
  chmodSync(join(bin, 'damon-exp'), 0o755);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`,
    NO_COLOR: '1',
    DAMON_EXP_CACHE: join(dir, '.cache/damon-exp'),
    XDG_CACHE_HOME: join(dir, '.cache'),
  };
  delete env.FORCE_COLOR;
  return { dir, env };
}

/** Everything wrong with one command's run, or [] when it did what its block says. */
function problemsOf(
  command: { text: string; expected: string[] },
  exit: number,
  cwd: string,
  env: NodeJS.ProcessEnv,
): string[] {
  const result = spawnSync('bash', ['-c', command.text], { cwd, env, encoding: 'utf8', timeout: 30_000 });
  if (result.error) return [`did not run: ${result.error.message}`];
  const { stdout, stderr, status } = result;
  const problems: string[] = [];
  if (status !== exit) problems.push(`exit status ${status}, not ${exit}`);
  if (/^\s+at .+:\d+:\d+\)?$/m.test(stderr)) problems.push('a stack trace');
  if (runsDamonExp(command.text)) {
    // A command whose stdout goes to a file must fill the file instead.
    const redirect = /\s>\s*([^\s#]+)\s*(#.*)?$/.exec(command.text);
    const file = redirect ? join(cwd, redirect[1]!) : null;
    const said = file ? existsSync(file) && statSync(file).size > 0 : `${stdout}${stderr}`.trim() !== '';
    if (!said) problems.push(file ? `nothing in ${redirect![1]}` : 'no output');
  }
  const missing = missingLine(command.expected, stdout, stderr);
  if (missing !== null) problems.push(`no line ${JSON.stringify(missing)} in its output`);
  return problems.length ? [...problems, `stdout:\n${stdout.slice(0, 3000)}`, `stderr:\n${stderr.slice(0, 3000)}`] : [];
}

describe('the pages', () => {
  it('are the README and the docs/ pages, the generated references aside', () => {
    expect(PAGES).toContain('README.md');
    expect(PAGES).toContain('docs/getting-started.md');
    expect(PAGES.length).toBeGreaterThan(10);
  });

  it('mark every block of commands runnable, or not-run with a reason', () => {
    const unmarked = PAGES.flatMap((page) =>
      fencesOf(read(page)).flatMap((fence) => {
        const marking = markingOf(fence);
        if (marking.kind === 'unknown') return [`${where(page, fence.line)}: unknown marking '${marking.text}'`];
        if (marking.kind === 'runnable' && commandsOf(fence).length === 0)
          return [`${where(page, fence.line)}: runnable, but shows no command`];
        if (showsCommands(fence) && (marking.kind === 'none' || marking.kind === 'file'))
          return [`${where(page, fence.line)}: commands neither runnable nor not-run: REASON`];
        return [];
      }),
    );
    expect(unmarked).toEqual([]);
  });

  it('run many commands, so that this test checks something', () => {
    const commands = PAGES.flatMap((page) =>
      fencesOf(read(page))
        .filter((fence) => markingOf(fence).kind === 'runnable')
        .flatMap(commandsOf),
    );
    expect(commands.length).toBeGreaterThan(30);
  });
});

/** The pictures the commands wrote into docs/images/, by name. */
const drawn = new Map<string, Buffer>();

for (const page of PAGES) {
  const steps = fencesOf(read(page)).filter((fence) => ['runnable', 'file'].includes(markingOf(fence).kind));
  if (steps.length === 0) continue;

  describe(`the commands of ${page}`, () => {
    let dir = '';
    let env: NodeJS.ProcessEnv = {};
    beforeAll(() => ({ dir, env } = workspace()));
    afterAll(() => {
      for (const name of readdirSync(join(dir, IMAGES))) drawn.set(name, readFileSync(join(dir, IMAGES, name)));
      rmSync(dir, { recursive: true, force: true });
    });

    it.each(steps.map((fence) => [where(page, fence.line), fence] as [string, Fence]))(
      '%s',
      (_, fence) => {
        const marking = markingOf(fence);
        if (marking.kind === 'file') {
          mkdirSync(dirname(join(dir, marking.path)), { recursive: true });
          writeFileSync(join(dir, marking.path), `${fence.lines.join('\n')}\n`);
          return;
        }
        const exit = marking.kind === 'runnable' ? marking.exit : 0;
        const failures = commandsOf(fence).flatMap((command) => {
          const problems = problemsOf(command, exit, dir, env);
          return problems.length ? [`${where(page, command.line)}: $ ${command.text}\n${problems.join('\n')}`] : [];
        });
        expect(failures).toEqual([]);
      },
      60_000,
    );
  });
}

describe('the pictures', () => {
  it('committed under docs/images/ are what the commands shown write there, byte for byte', () => {
    const committed = readdirSync(join(ROOT, IMAGES)).sort();
    expect(committed.length).toBeGreaterThan(0);
    expect([...drawn.keys()].sort()).toEqual(committed);
    for (const name of committed) expect(drawn.get(name)?.equals(readFileSync(join(ROOT, IMAGES, name)))).toBe(true);
  });
});

describe('the links', () => {
  it('lead to a file, and an anchor to a heading of the page', () => {
    const links = PAGES.flatMap((page) => relativeLinksOf(read(page)).map((link) => ({ page, ...link })));
    expect(links.length).toBeGreaterThan(50);
    const broken = links.flatMap(({ page, line, target }) => {
      const [path = '', anchor] = target.split('#');
      const file = path === '' ? join(ROOT, page) : join(ROOT, dirname(page), decodeURIComponent(path));
      if (!existsSync(file)) return [`${where(page, line)}: ${target}: no ${relative(ROOT, file)}`];
      if (anchor === undefined) return [];
      if (!file.endsWith('.md')) return [`${where(page, line)}: ${target}: an anchor into a file that is not a page`];
      return anchorsOf(readFileSync(file, 'utf8')).has(anchor)
        ? []
        : [`${where(page, line)}: ${target}: no heading makes #${anchor}`];
    });
    expect(broken).toEqual([]);
  });
});
