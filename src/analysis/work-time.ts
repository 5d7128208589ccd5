// damo's --work_time: consecutive snapshots merged into one until together they span the work
// time, the way damo's report wss does before measuring working sets. In a merged snapshot the
// first snapshot's regions stay, each gaining the largest nr_accesses of the later regions that
// overlap it (snapshot by snapshot), and the address ranges no earlier region covered are added
// with the nr_accesses of the region that brought them. A last group shorter than the work time
// is dropped.

export interface TimedRegions {
  /** null for a series' first snapshot when its start cannot be told (a single snapshot). */
  startNs: number | null;
  endNs: number;
  /** start, end, nr_accesses of each region, flat. */
  regions: Float64Array;
}

export interface MergedRegion {
  start: number;
  end: number;
  nrAccesses: number;
}

/** The snapshots merged by work time; each merged snapshot's regions by address. */
export function mergeByWorkTime(snapshots: readonly TimedRegions[], workTimeNs: number): MergedRegion[][] {
  const merged: MergedRegion[][] = [];
  let group: TimedRegions[] = [];
  for (const snapshot of snapshots) {
    group.push(snapshot);
    const start = group[0]!.startNs ?? group[0]!.endNs;
    if (snapshot.endNs - start >= workTimeNs) {
      merged.push(mergeGroup(group));
      group = [];
    }
  }
  return merged;
}

function mergeGroup(group: readonly TimedRegions[]): MergedRegion[] {
  // Disjoint regions, sorted by start.
  let regions: MergedRegion[] = [];
  for (const snapshot of group) {
    const gains = new Map<MergedRegion, number>();
    const added: MergedRegion[] = [];
    const flat = snapshot.regions;
    for (let i = 0; i < flat.length; i += 3) place(regions, flat[i]!, flat[i + 1]!, flat[i + 2]!, gains, added);
    for (const [region, gain] of gains) region.nrAccesses += gain;
    // One merge of two sorted lists per snapshot, not an insertion per region (a snapshot whose
    // regions all moved would make that quadratic).
    if (added.length)
      regions = mergeSorted(
        regions,
        added.sort((a, b) => a.start - b.start),
      );
  }
  return regions;
}

function mergeSorted(a: readonly MergedRegion[], b: readonly MergedRegion[]): MergedRegion[] {
  const merged: MergedRegion[] = new Array(a.length + b.length);
  let [i, j, k] = [0, 0, 0];
  while (i < a.length && j < b.length) merged[k++] = a[i]!.start <= b[j]!.start ? a[i++]! : b[j++]!;
  while (i < a.length) merged[k++] = a[i++]!;
  while (j < b.length) merged[k++] = b[j++]!;
  return merged;
}

/** The index of the first region that ends after `address`. */
function firstEndingAfter(regions: readonly MergedRegion[], address: number): number {
  let [low, high] = [0, regions.length];
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (regions[middle]!.end <= address) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * One region of a later snapshot: every earlier region it overlaps gains its nr_accesses (the
 * largest such over the snapshot), and what of it no earlier region covers is added.
 */
function place(
  regions: readonly MergedRegion[],
  start: number,
  end: number,
  nrAccesses: number,
  gains: Map<MergedRegion, number>,
  added: MergedRegion[],
): void {
  let from = start;
  for (let i = firstEndingAfter(regions, start); i < regions.length && regions[i]!.start < end; i++) {
    const region = regions[i]!;
    gains.set(region, Math.max(gains.get(region) ?? 0, nrAccesses));
    if (from < region.start) added.push({ start: from, end: region.start, nrAccesses });
    from = region.end;
  }
  if (from < end) added.push({ start: from, end, nrAccesses });
}
