// Watching kdamonds through their state files: until one reaches a state, and through the
// recording, which ends early on abort or when every kdamond has stopped by itself.
import { admin } from '../plan/sysfs-tree.js';
import { KernelError } from './errors.js';
import type { Sysfs } from './sysfs.js';

/** Kdamond `k`'s state file. */
export const stateFile = (k: number) => admin.kdamonds.kdamond(k).state;

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function abortableDelay(ms: number, abort?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      abort?.removeEventListener('abort', done);
      resolve();
    }
    abort?.addEventListener('abort', done, { once: true });
  });
}

/** Resolves once kdamond `kdamond` reads `state`; a KernelError after `timeoutMs`. */
export async function awaitState(sysfs: Sysfs, kdamond: number, state: string, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const now = await sysfs.read(stateFile(kdamond));
    if (now === state) return;
    if (performance.now() > deadline) {
      throw new KernelError(
        `kdamond ${kdamond} did not turn ${state} within ${timeoutMs / 1000} s (it reads '${now}')`,
        stateFile(kdamond),
        undefined,
      );
    }
    await delay(10);
  }
}

/**
 * Sleeps through the recording; ends early on abort, or when every kdamond has stopped by itself,
 * and then returns the warning that says so.
 */
export async function recordFor(
  sysfs: Sysfs,
  kdamonds: number[],
  us: number,
  { abort, pollMs }: { abort?: AbortSignal; pollMs: number },
): Promise<string | null> {
  const deadline = performance.now() + us / 1000;
  while (!abort?.aborted) {
    const left = deadline - performance.now();
    if (left <= 0) return null;
    await abortableDelay(Math.min(left, pollMs), abort);
    if (abort?.aborted || performance.now() >= deadline) return null;
    const states = await Promise.all(kdamonds.map((k) => sysfs.read(stateFile(k)))).catch(() => null);
    if (kdamonds.length && states?.every((state) => state !== 'on')) {
      // an unreadable state is no news: look again later
      return `every kdamond stopped by itself ${((us / 1000 - left) / 1000).toFixed(1)} s into the recording (their target processes exited): the trace is shorter than planned`;
    }
  }
  return null;
}
