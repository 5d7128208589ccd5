// Progress of a run on stderr: a line per stage, and on a terminal a live line while recording
// (elapsed and remaining). Quiet about the live part when stderr is not a terminal.
import type { Run } from '../manifest/run.js';
import type { RunResult } from '../sweep/scheduler.js';
import type { Output } from './output.js';
import { paint } from './output.js';
import { formatDuration, formatElapsed } from '../util/format.js';

const WORDS: Record<string, string> = {
  preflight: 'checking the host',
  setup: 'setting up DAMON and the workloads',
  teardown: 'tearing down',
  finalize: 'converting the trace (perf script)',
};

export class Progress {
  private timer: NodeJS.Timeout | undefined;
  private live = false;

  constructor(
    private readonly output: Output,
    private readonly interactive: boolean,
    private readonly prefix: string,
  ) {}

  stage(stage: string, detail?: { durationUs?: number }): void {
    this.stopLive();
    if (stage === 'done') return;
    if (stage === 'recording') {
      const total = (detail?.durationUs ?? 0) / 1000;
      const started = performance.now();
      this.line(`recording for ${formatDuration(detail?.durationUs ?? 0)}`);
      if (!this.interactive) return;
      this.live = true;
      this.timer = setInterval(() => {
        const elapsed = Math.min(total, performance.now() - started);
        process.stderr.write(
          `\r\u001b[2K${this.prefix}: recording ${(elapsed / 1000).toFixed(0)} s / ${(total / 1000).toFixed(0)} s, ${((total - elapsed) / 1000).toFixed(0)} s left`,
        );
      }, 1000);
      this.timer.unref();
      return;
    }
    this.line(WORDS[stage] ?? stage);
  }

  private line(text: string): void {
    this.output.err(`${paint(this.output, 'dim', `${this.prefix}:`)} ${text}`);
  }

  private stopLive(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    if (this.live) process.stderr.write('\r\u001b[2K');
    this.live = false;
  }

  close(): void {
    this.stopLive();
  }
}

/**
 * Progress of a sweep: one line per finished run, and on a terminal a live line of what runs now,
 * `[k/N] run-id phase elapsed`, with the sweep's ETA (from the finished runs' mean wall time, or
 * each run's duration plus a guess before any has finished).
 */
export class SweepProgress {
  private readonly running = new Map<number, { stage: string; started: number }>();
  private readonly walls: number[] = [];
  private finishedCount = 0;
  private readonly timer: NodeJS.Timeout | undefined;
  private readonly sweepStart = performance.now();
  private readonly done = new Set<number>();

  constructor(
    private readonly output: Output,
    private readonly interactive: boolean,
    private readonly runs: Run[],
    private readonly jobs: number,
  ) {
    if (interactive) {
      this.timer = setInterval(() => this.draw(), 1000);
      this.timer.unref();
    }
  }

  /** A line of its own above the live one (why a run runs again). */
  note(text: string): void {
    this.clear();
    this.output.err(text);
    this.draw();
  }

  started(index: number): void {
    this.running.set(index, { stage: 'starting', started: performance.now() });
    this.draw();
  }

  stage(index: number, stage: string): void {
    const entry = this.running.get(index);
    if (entry) entry.stage = WORDS[stage] ?? stage;
  }

  finished(index: number, result: RunResult): void {
    const entry = this.running.get(index);
    this.running.delete(index);
    this.done.add(index);
    this.finishedCount++;
    if (result.state === 'complete') this.walls.push(result.wallMs);
    this.clear();
    const mark =
      result.state === 'complete' || result.state === 'skipped'
        ? paint(this.output, 'green', result.state)
        : paint(this.output, 'red', result.state);
    const wall = entry && result.state !== 'skipped' ? ` in ${formatElapsed(performance.now() - entry.started)}` : '';
    this.output.err(
      `[${this.finishedCount}/${this.runs.length}] ${this.runs[index]!.id}: ${mark}${wall}${result.errors.length ? `: ${result.errors.join('; ')}` : ''}`,
    );
    this.draw();
  }

  /** Seconds left: the runs not finished, at the mean wall time so far, spread over the jobs. */
  eta(): number | null {
    const mean = this.walls.length ? this.walls.reduce((a, b) => a + b, 0) / this.walls.length : null;
    let left = 0;
    this.runs.forEach((run, i) => {
      const estimate = mean ?? run.durationUs / 1000 + 20_000;
      const entry = this.running.get(i);
      if (entry) left += Math.max(0, estimate - (performance.now() - entry.started));
      else if (!this.done.has(i)) left += estimate;
    });
    return left / Math.max(1, this.jobs) / 1000;
  }

  private draw(): void {
    if (!this.interactive) return;
    const now = performance.now();
    const parts = [...this.running].map(
      ([i, e]) => `[${i + 1}/${this.runs.length}] ${this.runs[i]!.id} ${e.stage} ${formatElapsed(now - e.started)}`,
    );
    const eta = this.eta();
    process.stderr.write(
      `\r\u001b[2K${parts.join(' | ')}  elapsed ${formatElapsed(now - this.sweepStart)}${eta === null ? '' : `, ETA ${formatElapsed(eta * 1000)}`}`.slice(
        0,
        (process.stderr.columns ?? 120) - 1,
      ),
    );
  }

  private clear(): void {
    if (this.interactive) process.stderr.write('\r\u001b[2K');
  }

  close(): void {
    clearInterval(this.timer);
    this.clear();
  }
}
