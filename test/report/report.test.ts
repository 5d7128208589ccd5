import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { encodePng } from '../../src/report/png.js';
import { lineChart } from '../../src/report/svg/line-chart.js';
import { byteTicks, niceTicks } from '../../src/report/svg/scale.js';
import { escapeXml } from '../../src/report/svg/text.js';
import { ANALYSIS_FILE, REPORT_FILE } from '../../src/report/write-report.js';
import { makeReport } from '../../src/cli/report.js';
import type { Analysis } from '../../src/analysis/analyze.js';
import { captureOutput } from '../helpers/capture.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/runs/many_contexts.qemu-6.12', import.meta.url));
/** many_contexts for 4 s on the multi-context fork in QEMU: one kdamond, three contexts. */
const FORK_FIXTURE = fileURLToPath(new URL('../fixtures/runs/many_contexts.fork-6.9', import.meta.url));
const made: string[] = [];

function copyOfRun(fixture = FIXTURE): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'damon-exp report test ')), 'run');
  made.push(dir);
  cpSync(fixture, dir, { recursive: true });
  return dir;
}

afterEach(() => {
  for (const dir of made.splice(0)) rmSync(join(dir, '..'), { recursive: true, force: true });
});

describe('report of a real run (three kdamonds in QEMU)', () => {
  it('writes analysis.json (versioned) with every target, accuracy from the phase logs, and kdamond CPU', async () => {
    const dir = copyOfRun();
    const { analysisError } = await makeReport(dir);
    expect(analysisError).toBeNull();
    const analysis = JSON.parse(readFileSync(join(dir, ANALYSIS_FILE), 'utf8')) as Analysis;
    expect(analysis.format).toBe('damon-exp.analysis/1');
    expect(analysis.trace.file).toBe('masim.script');
    expect(analysis.targets.map((t) => [t.kdamond, t.context, t.target, t.workload])).toEqual([
      [0, 0, 0, 'demo'],
      [1, 0, 0, 'stairs'],
      [2, 0, 0, 'zigzag'],
    ]);
    for (const t of analysis.targets) {
      // demo and zigzag alternate two 100 MB regions: the median working set is one of them.
      if (t.workload !== 'stairs') expect(t.wss.percentiles['50']).toBeGreaterThan(90e6);
      if (t.workload !== 'stairs') expect(t.wss.percentiles['50']).toBeLessThan(115e6);
      // 100 ms aggregation interval asked for; the snapshots are ~120 ms apart under TCG.
      expect(t.aggrUs).toBe(100_000);
      expect(t.snapshotIntervalUs!.mean).toBeGreaterThan(100_000);
      expect(t.snapshotIntervalUs!.mean).toBeLessThan(150_000);
      expect(t.nrRegions.min).toBeGreaterThanOrEqual(10);
      expect(t.nrRegions.max).toBeLessThanOrEqual(1000);
      // The heatmap shows the workload's own mapping: the hottest guide range, about its size.
      const [a0, a1] = t.heatmap.address;
      expect(a1 - a0).toBeGreaterThan(t.workload === 'stairs' ? 95e6 : 195e6);
      const accuracy = t.accuracy!;
      expect(accuracy.phases.length).toBeGreaterThan(5);
      expect(accuracy.phases.filter((p) => p.snapshots > 0).length).toBeGreaterThanOrEqual(5);
      expect(accuracy.recall).toBeGreaterThan(0.8);
      expect(accuracy.precision).toBeGreaterThan(0.9);
    }
    // Phases after the recording ended have no snapshots and no figures.
    const demo = analysis.targets[0]!.accuracy!;
    expect(demo.phases.at(-1)).toMatchObject({ snapshots: 0, recall: null, precision: null });
    expect(analysis.kdamonds.map((k) => k.kdamond)).toEqual([0, 1, 2]);
    for (const k of analysis.kdamonds) {
      expect(k.cpuSeconds).toBeGreaterThan(0.5);
      expect(k.share).toBeGreaterThan(0);
      expect(k.share).toBeLessThan(1);
    }
  });

  it('makes the same bytes from the same files, wherever the directory is', async () => {
    const [a, b] = [copyOfRun(), copyOfRun()];
    await makeReport(a);
    const first = [readFileSync(join(a, REPORT_FILE)), readFileSync(join(a, ANALYSIS_FILE))];
    await makeReport(a);
    await makeReport(b);
    expect(readFileSync(join(a, REPORT_FILE)).equals(first[0]!)).toBe(true);
    expect(readFileSync(join(a, ANALYSIS_FILE)).equals(first[1]!)).toBe(true);
    expect(readFileSync(join(b, REPORT_FILE)).equals(first[0]!)).toBe(true);
  });

  it('shows what ran, the layout, every target with its figures, CPU and links to the raw files', async () => {
    const dir = copyOfRun();
    await makeReport(dir);
    const html = readFileSync(join(dir, REPORT_FILE), 'utf8');
    expect(html).toContain('<h1>many_contexts / run</h1>');
    expect(html).toContain('each context runs in a kdamond of its own');
    for (const name of ['demo', 'stairs', 'zigzag']) expect(html).toContain(`: ${name}</h2>`);
    expect(html.match(/data:image\/png;base64,/g)).toHaveLength(3);
    // Recorded before runs kept when DAMON was switched on: times count from the first snapshot.
    expect(html).toContain('time since the first snapshot (s)');
    expect(html).toContain('address offset');
    // Its own data vouch for it: the verdict at the top, in plain words.
    expect(html).toContain('<b>Valid:</b> Checked against the run&#x27;s own data');
    // The phase log's phase changes and regions drawn on each heatmap.
    expect(html).toContain('stroke-dasharray="4 3"><title>only a (1)</title>');
    expect(html).toContain('kdamond CPU');
    for (const file of ['masim.script', 'plan.sh', 'run.json', 'analysis.json', 'logs/w0.phase.jsonl'])
      expect(html).toContain(`<a href="./${file}">`);
    expect(html).not.toMatch(/src="http|href="http/); // opens offline
    expect(Buffer.byteLength(html)).toBeLessThan(5e6);
  });

  it('links to files whose names are schemes, fragments or markup as files, and allows no script', async () => {
    const dir = copyOfRun();
    for (const name of ['javascript:alert(1)', 'x#y?z', '"><img src=x onerror=alert(1)>'])
      writeFileSync(join(dir, 'logs', name), 'x');
    await makeReport(dir);
    const html = readFileSync(join(dir, REPORT_FILE), 'utf8');
    expect(html).toContain('<a href="./logs/javascript%3Aalert(1)">logs/javascript:alert(1)</a>');
    expect(html).toContain('<a href="./logs/x%23y%3Fz">');
    expect(html).not.toMatch(/href="(?!\.\/|#|data:image\/png;base64,)/);
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src &#x27;none&#x27;; style-src &#x27;unsafe-inline&#x27;; img-src data: &#x27;self&#x27;; base-uri &#x27;none&#x27;; form-action &#x27;none&#x27;">`,
    );
  });

  it('escapes every user string: markup in the description and the names stays text', async () => {
    const dir = copyOfRun();
    const evil = '<script>alert("x")</script><img src=x onerror=alert(1)>';
    const run = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8'));
    run.manifest.description = `desc ${evil}`;
    run.manifest.name = `name${evil}`;
    run.params = { [`param${evil}`]: evil };
    writeFileSync(join(dir, 'run.json'), JSON.stringify(run));
    const plan = JSON.parse(readFileSync(join(dir, 'plan.json'), 'utf8'));
    plan.layout.kdamonds[0].contexts[0].targets[0].workload = `w${evil}`;
    plan.workloads[0].workload = `w${evil}`;
    writeFileSync(join(dir, 'plan.json'), JSON.stringify(plan));
    const status = JSON.parse(readFileSync(join(dir, 'status.json'), 'utf8'));
    status.warnings.push(`warn ${evil}`);
    writeFileSync(join(dir, 'status.json'), JSON.stringify(status));
    await makeReport(dir);
    const html = readFileSync(join(dir, REPORT_FILE), 'utf8');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html.split('&lt;script&gt;').length - 1).toBeGreaterThanOrEqual(6);
  });

  it('without DAMON events: a report that says so, no analysis.json, and `report` exits 1', async () => {
    const dir = copyOfRun();
    writeFileSync(join(dir, 'masim.script'), 'perf-1 [000] 1.0: sched:sched_switch: prev_comm=x\n');
    const { output, result } = captureOutput();
    expect(await main(['report', dir], output)).toBe(1);
    expect(result().stderr).toContain('no damon:damon_aggregated event in the trace');
    expect(readFileSync(join(dir, REPORT_FILE), 'utf8')).toContain(
      'No analysis: masim.script: no damon:damon_aggregated event in the trace',
    );
    expect(() => readFileSync(join(dir, ANALYSIS_FILE))).toThrow();
  });

  it('`report` refuses what is neither a run nor a sweep, and takes a sweep for its runs', async () => {
    const missing = captureOutput();
    expect(await main(['report', '/nonexistent/run'], missing.output)).toBe(1);
    expect(missing.result().stderr).toContain('not a directory: /nonexistent/run');
    const dir = copyOfRun();
    const empty = captureOutput();
    expect(await main(['report', join(dir, 'logs')], empty.output)).toBe(1);
    expect(empty.result().stderr).toContain("is neither a run directory nor a sweep's");
    const sweep = captureOutput();
    expect(await main(['report', join(dir, '..')], sweep.output)).toBe(0);
    expect(sweep.result().stdout.trim()).toBe(join(dir, REPORT_FILE));
    expect(sweep.result().stderr).toContain(`index: ${join(dir, '..', 'index.html')}`);
  });
});

describe('report of a real run on the multi-context fork (one kdamond, three contexts)', () => {
  it('keeps the contexts apart: a target, accuracy and a section each, one kdamond', async () => {
    const dir = copyOfRun(FORK_FIXTURE);
    const { analysisError } = await makeReport(dir);
    expect(analysisError).toBeNull();
    const analysis = JSON.parse(readFileSync(join(dir, ANALYSIS_FILE), 'utf8')) as Analysis;
    expect(analysis.targets.map((t) => [t.kdamond, t.context, t.target, t.workload])).toEqual([
      [0, 0, 0, 'demo'],
      [0, 1, 0, 'stairs'],
      [0, 2, 0, 'zigzag'],
    ]);
    expect(analysis.kdamonds).toHaveLength(1);
    for (const t of analysis.targets) {
      // Each context's accuracy comes from its own workload's phase log (4 s: the first phase).
      expect(t.accuracy!.phases[0]!.name).toBe(t.workload === 'stairs' ? 'all regions' : 'both regions');
      expect(t.accuracy!.snapshots).toBeGreaterThan(20);
      expect(t.accuracy!.recall).toBeGreaterThan(0.8);
      expect(t.accuracy!.precision).toBeGreaterThan(0.9);
    }
    const html = readFileSync(join(dir, REPORT_FILE), 'utf8');
    for (const cid of [0, 1, 2]) expect(html).toContain(`kdamond 0 · context ${cid} · target 0`);
    // Parameters as written, not as JSON; the emulator named where its numbers are shown.
    expect(html).toContain('<tr><th>duration</th><td>4s</td></tr>');
    expect(html).toContain('<tr><th>backend.kernel</th><td>damon-multi-contexts</td></tr>');
    expect(html).toContain('<p class="warn">This run&#x27;s kernel ran in QEMU under TCG');
    expect(html).toContain('<p class="note">Measured under TCG (see <a href="#run">Run</a>)');
  });

  it('heats --cid picks a context of the one kdamond', async () => {
    const guides = [];
    for (const cid of ['0', '1', '2']) {
      const { output, result } = captureOutput();
      expect(await main(['heats', FORK_FIXTURE, '--guide', '--cid', cid], output)).toBe(0);
      guides.push(result().stdout);
    }
    expect(guides).toHaveLength(3);
    guides.forEach((guide, cid) =>
      // The seed's damo fork's heading for a fork trace (test/cli/heats-contexts.test.ts compares the rest).
      expect(guide.split('\n')[0]).toBe(`context_id:${cid} target_id:0`),
    );
    // Three processes, three address spaces: the hottest ranges differ.
    expect(new Set(guides.map((g) => g.split('\n')[3])).size).toBe(3);
    const { output, result } = captureOutput();
    expect(await main(['heats', FORK_FIXTURE, '--cid', '1', '--resol', '4x5'], output)).toBe(0);
    const lines = result().stdout.trim().split('\n');
    expect(lines).toHaveLength(20);
    expect(lines.filter((line) => Number(line.split('\t')[2]) > 0).length).toBeGreaterThan(0);
  });
});

describe('figures', () => {
  it('encodes PNGs that decode to the pixels given', () => {
    const rgb = Uint8Array.from({ length: 3 * 2 * 3 }, (_, i) => i * 10);
    const png = encodePng(3, 2, rgb);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.readUInt32BE(16)).toBe(3);
    expect(png.readUInt32BE(20)).toBe(2);
    const idatLength = png.readUInt32BE(33);
    expect(png.toString('latin1', 37, 41)).toBe('IDAT');
    const raw = inflateSync(png.subarray(41, 41 + idatLength));
    expect([...raw]).toEqual([0, ...rgb.subarray(0, 9), 0, ...rgb.subarray(9)]);
  });

  it('picks round axis ticks, in binary units for bytes', () => {
    expect(niceTicks(0, 29.1)).toEqual([0, 5, 10, 15, 20, 25]);
    expect(niceTicks(-2.9, 7.1, 5)).toEqual([-2, 0, 2, 4, 6]);
    expect(byteTicks(200e6)).toEqual([0, 50, 100, 150].map((m) => m * 2 ** 20));
  });

  it('escapes text in SVG charts', () => {
    expect(escapeXml(`a<b>&"'`)).toBe('a&lt;b&gt;&amp;&quot;&#39;');
    const svg = lineChart(
      [
        {
          name: '<x>',
          points: [
            [0, 1],
            [1, 2],
          ],
        },
        { name: 'y', points: [[0, 2]] },
      ],
      { title: 'T & <t>', xLabel: 'x', yLabel: 'y' },
    );
    expect(svg).toContain('T &amp; &lt;t&gt;');
    expect(svg).not.toContain('<x>');
  });
});
