// Heatmap grids with damo's arithmetic (damo 2.4.9's `report heats`), to the last bit: rows of
// time × columns of address over ranges shortened to whole units (unit = floor(span / resolution),
// span = unit × resolution); a pixel's heat is the time- and space-weighted average nr_accesses
// of the region pieces over it, kept as an average and updated piece by piece in damo's order
// (snapshots, time pieces, regions, address pieces: heat = nr × Δt × Δaddr + heat × pixel size,
// then divided by the pixel size again), so each floating-point rounding is damo's too. The first
// snapshot of each series is skipped (its start time is unknown).
import type { Snapshot } from '../trace/snapshots.js';

export interface HeatmapSpec {
  rows: number;
  cols: number;
  /** [start, end) in ns: end - start is a whole number of rows' time. */
  time: [number, number];
  /** [start, end) in bytes: end - start is a whole number of columns' bytes. */
  address: [number, number];
}

/** The ranges damo draws for the ranges asked for: each shortened to a whole unit per row or column (at least 1). */
export function wholeUnits(spec: HeatmapSpec): HeatmapSpec & { timeUnit: number; addressUnit: number } {
  const timeUnit = Math.max(1, Math.floor((spec.time[1] - spec.time[0]) / spec.rows));
  const addressUnit = Math.max(1, Math.floor((spec.address[1] - spec.address[0]) / spec.cols));
  return {
    rows: spec.rows,
    cols: spec.cols,
    time: [spec.time[0], spec.time[0] + timeUnit * spec.rows],
    address: [spec.address[0], spec.address[0] + addressUnit * spec.cols],
    timeUnit,
    addressUnit,
  };
}

export class HeatmapBuilder {
  /** Row-major average heats: heat[row * cols + col]. */
  readonly heat: Float64Array;
  readonly spec: HeatmapSpec;
  readonly timeUnit: number;
  readonly addressUnit: number;
  private readonly pixelSize: number;

  /** `asked`'s ranges are shortened to whole units (spec says the ones drawn). */
  constructor(asked: HeatmapSpec) {
    const { timeUnit, addressUnit, ...spec } = wholeUnits(asked);
    this.spec = spec;
    this.timeUnit = timeUnit;
    this.addressUnit = addressUnit;
    this.pixelSize = timeUnit * addressUnit;
    this.heat = new Float64Array(spec.rows * spec.cols);
  }

  /** The time of row `row`'s start and the address of column `col`'s, as damo prints them. */
  rowTime(row: number): number {
    return Math.trunc(this.spec.time[0] + row * this.timeUnit);
  }

  colAddress(col: number): number {
    return Math.trunc(this.spec.address[0] + col * this.addressUnit);
  }

  add(snapshot: Snapshot): void {
    if (snapshot.startNs === null) return;
    const [tmin, tmax] = this.spec.time;
    // damo does not clamp the start (a snapshot begun before the range would index rows from the end).
    let from = Math.max(snapshot.startNs, tmin);
    const end = Math.min(snapshot.endNs, tmax);
    let row = Math.trunc((from - tmin) / this.timeUnit);
    while (from < end && row < this.spec.rows) {
      const to = Math.min((row + 1) * this.timeUnit + tmin, end);
      this.addRow(snapshot, to - from, row);
      from = to;
      row++;
    }
  }

  private addRow(snapshot: Snapshot, duration: number, row: number): void {
    const [amin, amax] = this.spec.address;
    const base = row * this.spec.cols;
    const size = this.pixelSize;
    for (const region of snapshot.regions) {
      const start = Math.max(region.start, amin);
      const end = Math.min(region.end, amax);
      if (start >= end) continue;
      let from = start;
      let col = Math.trunc((from - amin) / this.addressUnit);
      if (region.nrAccesses === 0) {
        // Adds nothing, but damo still rounds each pixel it covers through heat × size / size
        // (not always the heat it was): the same, without the pieces' arithmetic.
        const last = Math.min(this.spec.cols - 1, Math.ceil((end - amin) / this.addressUnit) - 1);
        for (; col <= last; col++) {
          const heat = this.heat[base + col]!;
          if (heat !== 0) this.heat[base + col] = (heat * size) / size;
        }
        continue;
      }
      while (from < end && col < this.spec.cols) {
        const to = Math.min((col + 1) * this.addressUnit + amin, end);
        let heat = region.nrAccesses * duration * (to - from);
        heat += this.heat[base + col]! * size;
        this.heat[base + col] = heat / size;
        from = to;
        col++;
      }
    }
  }

  /** The grid: heat[row][col]. */
  result(): number[][] {
    return Array.from({ length: this.spec.rows }, (_, row) =>
      Array.from(this.heat.subarray(row * this.spec.cols, (row + 1) * this.spec.cols)),
    );
  }

  /** Row-major average heats: heat[row * cols + col]. */
  averages(): Float64Array {
    return Float64Array.from(this.heat);
  }

  maxHeat(): number {
    let max = 0;
    for (const v of this.heat) if (v > max) max = v;
    return max;
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
