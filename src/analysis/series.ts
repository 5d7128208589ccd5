import { damoPercentile } from './percentile.js';

// A growing (time, value) series in typed arrays: a 2 GB trace has a million snapshots per target,
// and arrays of pairs would cost ten times the memory.
export class Series {
  private times = new Float64Array(1024);
  private values = new Float64Array(1024);
  length = 0;

  push(time: number, value: number): void {
    if (this.length === this.times.length) {
      const grow = (old: Float64Array) => {
        const bigger = new Float64Array(old.length * 2);
        bigger.set(old);
        return bigger;
      };
      this.times = grow(this.times);
      this.values = grow(this.values);
    }
    this.times[this.length] = time;
    this.values[this.length++] = value;
  }

  valueArray(): Float64Array {
    return this.values.subarray(0, this.length);
  }

  timeArray(): Float64Array {
    return this.times.subarray(0, this.length);
  }

  /**
   * At most `max` points for a plot: the series cut into equal runs of snapshots, each run's mean
   * value at its mean time. Short series come back whole.
   */
  downsample(max: number): [number, number][] {
    const n = this.length;
    const per = Math.max(1, Math.ceil(n / max));
    const points: [number, number][] = [];
    for (let i = 0; i < n; i += per) {
      const end = Math.min(n, i + per);
      let t = 0;
      let v = 0;
      for (let j = i; j < end; j++) {
        t += this.times[j]!;
        v += this.values[j]!;
      }
      points.push([t / (end - i), v / (end - i)]);
    }
    return points;
  }
}

export interface Distribution {
  count: number;
  mean: number;
  stddev: number;
  min: number;
  p50: number;
  p99: number;
  max: number;
}

export function distribution(values: Float64Array): Distribution | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (const v of sorted) sum += v;
  const mean = sum / sorted.length;
  let squares = 0;
  for (const v of sorted) squares += (v - mean) ** 2;
  return {
    count: sorted.length,
    mean,
    stddev: sorted.length > 1 ? Math.sqrt(squares / (sorted.length - 1)) : 0,
    min: sorted[0]!,
    p50: damoPercentile(sorted, 50),
    p99: damoPercentile(sorted, 99),
    max: sorted[sorted.length - 1]!,
  };
}
