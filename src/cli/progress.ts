// Progress of a run on stderr: a line per stage, and on a terminal a live line while recording
// (elapsed and remaining). Quiet about the live part when stderr is not a terminal.
import { formatDuration } from '../manifest/units.js';
import type { Output } from './output.js';
import { paint } from './output.js';

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
        process.stderr.write(`\r\u001b[2K${this.prefix}: recording ${(elapsed / 1000).toFixed(0)} s / ${(total / 1000).toFixed(0)} s, ${((total - elapsed) / 1000).toFixed(0)} s left`);
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
