// damon-exp kernel list: the cached kernels, as a table or JSON.
import { listCachedKernels, type CachedKernel } from '../kernel-images/cache.js';
import { readKernelConfig } from '../kernel-images/config.js';
import { paint, type Output } from './output.js';

const DAMON_OPTIONS = ['CONFIG_DAMON_VADDR', 'CONFIG_DAMON_PADDR', 'CONFIG_DAMON_SYSFS'];

/** vaddr, paddr, sysfs: the DAMON options the kernel has built in. */
function damonOptionsOf(kernel: CachedKernel): string[] {
  let config: Map<string, string>;
  try {
    config = readKernelConfig(kernel.config);
  } catch {
    return [];
  }
  return DAMON_OPTIONS.filter((o) => config.get(o) === 'y').map((o) => o.slice('CONFIG_DAMON_'.length).toLowerCase());
}

function contextsWord(kernel: CachedKernel): string {
  if (!kernel.probe) return 'not probed yet';
  return kernel.probe.maxContextsPerKdamond === null ? 'many' : String(kernel.probe.maxContextsPerKdamond);
}

export function listKernels(output: Output, json: boolean): number {
  const kernels = listCachedKernels();
  if (json) {
    output.out(
      JSON.stringify(
        kernels.map((k) => ({
          name: k.name,
          id: k.id,
          release: k.release,
          image: k.image,
          damon: damonOptionsOf(k),
          contextsPerKdamond: k.probe ? k.probe.maxContextsPerKdamond : undefined,
          source: k.record?.source ?? null,
          build: k.record?.build ?? null,
          imported: k.record?.imported ?? null,
        })),
        null,
        2,
      ),
    );
    return 0;
  }
  if (kernels.length === 0) {
    output.err(
      "no kernel in the cache: damon-exp kernel fetch fetches Debian's DAMON kernel; damon-exp kernel build SRC builds one from source",
    );
    return 0;
  }
  const rows = kernels.map((k) => [
    k.name,
    k.release,
    damonOptionsOf(k).join(',') || 'none',
    contextsWord(k),
    k.record?.source?.commit
      ? `${k.record.source.commit.slice(0, 12)}${k.record.source.dirty ? '+dirty' : ''}`
      : k.record
        ? '-'
        : 'Debian package',
    k.id,
  ]);
  const header = ['NAME', 'RELEASE', 'DAMON', 'CONTEXTS/KDAMOND', 'SOURCE', 'DIRECTORY'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  output.out(
    paint(
      output,
      'bold',
      header
        .map((h, i) => h.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    ),
  );
  for (const row of rows)
    output.out(
      row
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    );
  return 0;
}
