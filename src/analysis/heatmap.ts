// Heatmap grids with damo's semantics: rows of time × columns of address; a pixel's heat is the
// time- and space-weighted average nr_accesses of the region pieces over it:
//   Σ nr_accesses · Δt · Δaddr / (pixel time · pixel bytes).
// The first snapshot of each series is skipped (its start time is unknown).
import type { Snapshot } from '../trace/snapshots.js';

export interface HeatmapSpec {
  rows: number;
  cols: number;
  /** [start, end) in ns. */
  time: [number, number];
  /** [start, end) in bytes. */
  address: [number, number];
}

export class HeatmapBuilder {
  readonly heat: Float64Array;
  private readonly pixelNs: number;
  private readonly pixelBytes: number;

  constructor(readonly spec: HeatmapSpec) {
    this.heat = new Float64Array(spec.rows * spec.cols);
    this.pixelNs = (spec.time[1] - spec.time[0]) / spec.rows;
    this.pixelBytes = (spec.address[1] - spec.address[0]) / spec.cols;
  }

  add(snapshot: Snapshot): void {
    if (snapshot.startNs === null) return;
    const { time, address, rows, cols } = this.spec;
    const t0 = Math.max(snapshot.startNs, time[0]);
    const t1 = Math.min(snapshot.endNs, time[1]);
    if (t1 <= t0) return;
    const firstRow = Math.floor((t0 - time[0]) / this.pixelNs);
    const lastRow = Math.min(rows - 1, Math.floor((t1 - time[0] - 1e-9) / this.pixelNs));
    for (const region of snapshot.regions) {
      if (region.nrAccesses === 0) continue;
      const a0 = Math.max(region.start, address[0]);
      const a1 = Math.min(region.end, address[1]);
      if (a1 <= a0) continue;
      const firstCol = Math.floor((a0 - address[0]) / this.pixelBytes);
      const lastCol = Math.min(cols - 1, Math.floor((a1 - address[0] - 1e-9) / this.pixelBytes));
      for (let row = firstRow; row <= lastRow; row++) {
        const rowStart = time[0] + row * this.pixelNs;
        const dt = Math.min(t1, rowStart + this.pixelNs) - Math.max(t0, rowStart);
        if (dt <= 0) continue;
        for (let col = firstCol; col <= lastCol; col++) {
          const colStart = address[0] + col * this.pixelBytes;
          const da = Math.min(a1, colStart + this.pixelBytes) - Math.max(a0, colStart);
          if (da > 0) this.heat[row * cols + col]! += region.nrAccesses * dt * da;
        }
      }
    }
  }

  /** The grid: heat[row][col], averaged over each pixel's area. */
  result(): number[][] {
    const averages = this.averages();
    return Array.from({ length: this.spec.rows }, (_, row) =>
      Array.from(averages.subarray(row * this.spec.cols, (row + 1) * this.spec.cols)),
    );
  }

  /** Row-major averages: heat[row * cols + col]. */
  averages(): Float64Array {
    const area = this.pixelNs * this.pixelBytes;
    return this.heat.map((v) => v / area);
  }

  maxHeat(): number {
    let max = 0;
    for (const v of this.heat) if (v > max) max = v;
    return max / (this.pixelNs * this.pixelBytes);
  }
}

/**
 * A rows × cols grid (row-major) averaged down (or spread up) to toRows × toCols: each new cell is
 * the mean of the old cells over its area, weighted by how much of each it covers.
 */
export function resampleGrid(
  heat: Float64Array,
  rows: number,
  cols: number,
  toRows: number,
  toCols: number,
): Float64Array {
  const out = new Float64Array(toRows * toCols);
  const spans = (from: number, to: number) =>
    Array.from({ length: to }, (_, i) => {
      const start = (i * from) / to;
      const end = ((i + 1) * from) / to;
      const parts: [number, number][] = [];
      for (let j = Math.floor(start); j < end && j < from; j++) {
        const weight = Math.min(end, j + 1) - Math.max(start, j);
        if (weight > 1e-12) parts.push([j, weight / (end - start)]);
      }
      return parts;
    });
  const rowSpans = spans(rows, toRows);
  const colSpans = spans(cols, toCols);
  for (let r = 0; r < toRows; r++) {
    for (let c = 0; c < toCols; c++) {
      let sum = 0;
      for (const [i, wr] of rowSpans[r]!) for (const [j, wc] of colSpans[c]!) sum += heat[i * cols + j]! * wr * wc;
      out[r * toCols + c] = sum;
    }
  }
  return out;
}
