// heats on traces of several contexts: the seed's damo fork's guide lines on a fork trace (its
// outputs in test/fixtures/seed-damo-fork/), damo's own on upstream traces, and --cid on a run
// directory as the N-th context of the run's layout, whichever kdamond served it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Output } from '../../src/cli/output.js';

const fixture = (path: string) => fileURLToPath(new URL(`../fixtures/${path}`, import.meta.url));
const FORK_RUN = fixture('runs/many_contexts.fork-6.9');
const UPSTREAM_RUN = fixture('runs/many_contexts.qemu-6.12');
const SEED = fixture('seed-damo-fork');
const seedOutput = (name: string) => readFileSync(join(SEED, name), 'utf8');

async function run(argv: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const output: Output = { out: (t) => (stdout += `${t}\n`), err: (t) => (stderr += `${t}\n`), color: false };
  const status = await main(argv, output);
  return { status, stdout, stderr };
}

/** A guide's blocks, each from its heading lines (a '# ' line and the ids) to the next. */
function blocks(guide: string): string[][] {
  const found: string[][] = [];
  for (const line of guide.trimEnd().split('\n')) {
    const heading = !line.startsWith('time:') && !line.startsWith('region');
    if (heading && !found[found.length - 1]?.at(-1)?.startsWith('# ')) found.push([]);
    found[found.length - 1]!.push(line);
  }
  return found;
}

describe("the guide of a multi-context fork trace: the seed's damo fork's lines", () => {
  it('heads each (context, target) with context_id:C target_id:T, in its order, with its spans', async () => {
    const { status, stdout, stderr } = await run(['heats', FORK_RUN, '--guide']);
    expect(status).toBe(0);
    expect(stderr).toBe('');
    const [ours, seed] = [blocks(stdout), blocks(seedOutput('many_contexts.fork-6.9.guide'))];
    expect(ours.map((b) => b[0])).toEqual([
      'context_id:0 target_id:0',
      'context_id:1 target_id:0',
      'context_id:2 target_id:0',
    ]);
    // Line for line, context 2's too, whose layout changes after its first snapshot (damo's gap rule).
    expect(ours).toEqual(seed);
    expect(stdout).not.toContain('# kdamond');
  });

  it('reads the same from the perf script file alone, and --cid narrows it', async () => {
    const { status, stdout } = await run(['heats', join(FORK_RUN, 'masim.script'), '--guide', '--cid', '1']);
    expect(status).toBe(0);
    expect(blocks(stdout)).toEqual([blocks(seedOutput('many_contexts.fork-6.9.guide'))[1]]);
  });

  it("gives the seed damo's heats for --cid 1 --tid 0 over the same ranges", async () => {
    const args = ['--cid', '1', '--tid', '0', '--resol', '10', '20'];
    const explicit = await run([
      'heats',
      '--input',
      join(FORK_RUN, 'masim.script'),
      ...args,
      '--time_range',
      '20745497000',
      '24860591000',
      '--address_range',
      '94566718476288',
      '94567591104512',
    ]);
    expect(explicit.status).toBe(0);
    expect(explicit.stdout).toBe(seedOutput('many_contexts.fork-6.9.cid1-tid0-heats-10x20'));
    // Without ranges the seed's damo draws context 1 over context 2's span and largest guide
    // region (its argument defaults); given those, the same numbers.
    const itsDefaults = await run([
      'heats',
      '--input',
      join(FORK_RUN, 'masim.script'),
      ...args,
      '--time_range',
      '20745543000',
      '24860684000',
      '--address_range',
      '94450189205504',
      '94816729026560',
    ]);
    expect(itsDefaults.stdout).toBe(seedOutput('many_contexts.fork-6.9.cid1-tid0-heats-10x20-defaults'));
    const ours = await run(['heats', '--input', join(FORK_RUN, 'masim.script'), ...args]);
    expect(ours.stdout).not.toBe(itsDefaults.stdout);
  });
});

describe('the guide of an upstream trace keeps damo 2.4.9 lines', () => {
  it('target_id:T under a # kdamond K context C line per kdamond, never context_id', async () => {
    const { status, stdout } = await run(['heats', UPSTREAM_RUN, '--guide']);
    expect(status).toBe(0);
    expect(blocks(stdout).map((b) => b.slice(0, 2))).toEqual([
      ['# kdamond 0 context 0', 'target_id:0'],
      ['# kdamond 1 context 0', 'target_id:0'],
      ['# kdamond 2 context 0', 'target_id:0'],
    ]);
    expect(stdout).not.toContain('context_id');
  });

  it("one kdamond's guide is damo's own, byte for byte", async () => {
    const { stdout } = await run(['heats', '--input', fixture('traces/many_targets.upstream-6.12.script'), '--guide']);
    expect(stdout).toBe(readFileSync(fixture('damo-2.4.9/many_targets.guide'), 'utf8'));
  });
});

describe('--cid on a run directory: the N-th context of the layout', () => {
  const heats = (dir: string, ...args: string[]) => run(['heats', dir, '--resol', '4x8', ...args]);

  it("upstream, where each context got its own kdamond: --cid 1 is kdamond 1's context 0, and it says so", async () => {
    const picked = await heats(UPSTREAM_RUN, '--cid', '1');
    expect(picked.status).toBe(0);
    expect(picked.stderr).toBe(
      "damon-exp: --cid 1: the layout's context 1 (stairs) ran as kdamond 1's context 0 (--kdamond 1 --cid 0 in the trace)\n",
    );
    const direct = await heats(UPSTREAM_RUN, '--kdamond', '1', '--cid', '0');
    expect(direct.status).toBe(0);
    expect(picked.stdout).toBe(direct.stdout);
    expect(picked.stdout).not.toBe((await heats(UPSTREAM_RUN, '--kdamond', '0')).stdout);
  });

  it("damo 3.x's --context_idx is the same, and named as typed", async () => {
    const picked = await heats(UPSTREAM_RUN, '--context_idx', '2');
    expect(picked.stderr).toContain("--context_idx 2: the layout's context 2 (zigzag) ran as kdamond 2's context 0");
    expect(picked.stdout).toBe((await heats(UPSTREAM_RUN, '--kdamond', '2')).stdout);
  });

  it("on the fork, where one kdamond serves the three: --cid 1 is kdamond 0's context 1", async () => {
    const picked = await heats(FORK_RUN, '--cid', '1');
    expect(picked.status).toBe(0);
    expect(picked.stderr).toContain("--cid 1: the layout's context 1 (stairs) ran as kdamond 0's context 1");
    expect(picked.stdout).toBe((await heats(FORK_RUN, '--kdamond', '0', '--cid', '1')).stdout);
  });

  it('--cid with --kdamond is the context index within that kdamond, as the trace numbers them', async () => {
    const none = await heats(UPSTREAM_RUN, '--kdamond', '1', '--cid', '1');
    expect(none.status).toBe(1);
    expect(none.stderr).toContain('no (kdamond, context, target) in the trace matches');
    expect(none.stderr).toContain('--kdamond 1 --cid 0 --tid 0');
  });

  it('--guide with --cid lists the layout context it picks', async () => {
    const { stdout } = await run(['heats', UPSTREAM_RUN, '--guide', '--cid', '2']);
    expect(blocks(stdout).map((b) => b.slice(0, 2))).toEqual([['# kdamond 2 context 0', 'target_id:0']]);
  });

  it('a context the layout does not have is refused, with the count and a hint', async () => {
    const { status, stderr } = await heats(UPSTREAM_RUN, '--cid', '3');
    expect(status).toBe(1);
    expect(stderr).toContain("--cid 3: the run's layout has 3 contexts (--cid 0..2)");
    expect(stderr).toContain('hint:');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("a bare trace keeps --cid as the trace's context index", async () => {
    const upstream = await heats(join(UPSTREAM_RUN, 'masim.script'), '--cid', '1');
    expect(upstream.status).toBe(1);
    expect(upstream.stderr).toContain('no (kdamond, context, target) in the trace matches');
    const fork = await heats(join(FORK_RUN, 'masim.script'), '--cid', '1');
    expect(fork.status).toBe(0);
    expect(fork.stderr).toBe('');
    expect(fork.stdout).toBe((await heats(FORK_RUN, '--cid', '1')).stdout);
  });
});
