// Snapshots kept in memory in a compact encoding (varints: a region is its gap from the previous
// one, its size and its nr_accesses, about 6 bytes against ~110 of trace text), so that a second
// look at the trace replays them instead of parsing the text again. Past its byte budget the
// store gives up and says so: the caller then parses the file a second time, in constant memory.
import type { Snapshot, TraceCounts } from '../trace/snapshots.js';
import { pass, type TraceSource } from '../trace/source.js';

const BLOCK_BYTES = 4 * 2 ** 20;
/** Memory for snapshots kept between two passes; a larger trace is parsed twice instead. */
export const STORE_BUDGET_BYTES = 128 * 2 ** 20;

export class SnapshotStore {
  /** Filled blocks and their used lengths; blocks rather than one growing array: no copy peak. */
  private readonly blocks: { bytes: Uint8Array; length: number }[] = [];
  private bytes = new Uint8Array(0);
  private length = 0;
  private total = 0;
  private readonly floats = new DataView(new ArrayBuffer(8));
  overflowed = false;

  constructor(private readonly budgetBytes: number) {}

  add(snapshot: Snapshot): void {
    if (this.overflowed) return;
    // Worst case per region: three 8-byte varints.
    if (!this.reserve(40 + snapshot.regions.length * 24)) return;
    this.uint(snapshot.kdamond);
    this.uint(snapshot.context);
    this.uint(snapshot.target);
    this.float(snapshot.startNs ?? -1);
    this.float(snapshot.endNs);
    this.uint(snapshot.regions.length);
    let previousEnd = 0;
    for (const r of snapshot.regions) {
      const gap = r.start - previousEnd;
      this.uint(gap >= 0 ? gap * 2 : -gap * 2 - 1);
      this.uint(r.end - r.start);
      this.uint(r.nrAccesses);
      previousEnd = r.end;
    }
  }

  /** Replays every snapshot in the order added (age is not kept: it is null). */
  replay(onSnapshot: (snapshot: Snapshot) => void): void {
    if (this.overflowed) throw new Error('the snapshot store overflowed its budget: parse the trace again');
    for (const block of [...this.blocks, { bytes: this.bytes, length: this.length }])
      this.replayBlock(block.bytes, block.length, onSnapshot);
  }

  private replayBlock(b: Uint8Array, length: number, onSnapshot: (snapshot: Snapshot) => void): void {
    let at = 0;
    const uint = (): number => {
      let value = 0;
      let scale = 1;
      for (;;) {
        const byte = b[at++]!;
        value += (byte & 127) * scale;
        if (byte < 128) return value;
        scale *= 128;
      }
    };
    const float = (): number => {
      const view = new DataView(b.buffer, b.byteOffset + at, 8);
      at += 8;
      return view.getFloat64(0, true);
    };
    while (at < length) {
      const kdamond = uint();
      const context = uint();
      const target = uint();
      const start = float();
      const endNs = float();
      const n = uint();
      const regions: Snapshot['regions'] = new Array(n);
      let previousEnd = 0;
      for (let i = 0; i < n; i++) {
        const zigzag = uint();
        const regionStart = previousEnd + (zigzag % 2 === 0 ? zigzag / 2 : -(zigzag + 1) / 2);
        const regionEnd = regionStart + uint();
        regions[i] = { start: regionStart, end: regionEnd, nrAccesses: uint(), age: null };
        previousEnd = regionEnd;
      }
      onSnapshot({ kdamond, context, target, startNs: start === -1 ? null : start, endNs, regions });
    }
  }

  /** Bytes stored. */
  get size(): number {
    return this.total + this.length;
  }

  private reserve(extra: number): boolean {
    if (this.length + extra <= this.bytes.length) return true;
    const blockBytes = Math.max(Math.min(BLOCK_BYTES, this.budgetBytes), extra);
    if (this.total + this.bytes.length + blockBytes > this.budgetBytes) {
      this.overflowed = true;
      this.blocks.length = 0;
      this.bytes = new Uint8Array(0);
      this.length = 0;
      return false;
    }
    if (this.bytes.length) {
      this.blocks.push({ bytes: this.bytes, length: this.length });
      this.total += this.length;
    }
    this.bytes = new Uint8Array(blockBytes);
    this.length = 0;
    return true;
  }

  private uint(value: number): void {
    while (value >= 128) {
      this.bytes[this.length++] = (value % 128) | 128;
      value = Math.floor(value / 128);
    }
    this.bytes[this.length++] = value;
  }

  private float(value: number): void {
    this.floats.setFloat64(0, value, true);
    for (let i = 0; i < 8; i++) this.bytes[this.length++] = this.floats.getUint8(i);
  }
}

export interface FirstPass {
  counts: TraceCounts;
  /** The kept snapshots again, in order: replayed from memory, or read from the trace once more past the budget. */
  again(onSnapshot: (snapshot: Snapshot) => void): Promise<void>;
}

/** A pass over the trace that keeps the snapshots `keep` accepts (all by default) for a second look. */
export async function passKeeping(
  source: TraceSource,
  budgetBytes: number,
  onSnapshot: (snapshot: Snapshot) => void,
  keep: (snapshot: Snapshot) => boolean = () => true,
): Promise<FirstPass> {
  const store = new SnapshotStore(budgetBytes);
  const counts = await pass(source, (s) => {
    if (keep(s)) store.add(s);
    onSnapshot(s);
  });
  return {
    counts,
    async again(onAgain) {
      if (!store.overflowed) return store.replay(onAgain);
      await pass(source, (s) => {
        if (keep(s)) onAgain(s);
      });
    },
  };
}
