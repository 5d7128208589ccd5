// How many runs a backend takes at once (this host's DAMON: one), held from a run's preflight to
// its end, whatever the mix of backends in a sweep and the order in which auto's choices fall.

export class Slots {
  private used = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly size: number) {}

  /** Waits for a free slot; resolves to the function that gives it back (once; later calls do nothing). */
  async acquire(): Promise<() => void> {
    if (this.used < this.size) this.used++;
    // A slot given back goes straight to the first waiter: `used` stays as it is.
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      const next = this.waiting.shift();
      if (next) next();
      else this.used--;
    };
  }
}
