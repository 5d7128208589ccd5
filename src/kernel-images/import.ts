// A bzImage built elsewhere into the kernel cache, under the name manifests will call it by.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkKernelName, installKernel, kernelId, KernelCacheError, type CachedKernel } from './cache.js';
import { kernelConfigOf } from './resolve.js';

export interface ImportRequest {
  image: string;
  name: string;
  /** Its .config; default: beside the image as <image>.config (or a tree's). */
  config?: string;
  /** The git commit it was built from, recorded with it. */
  commit?: string;
}

export function importKernelImage(request: ImportRequest): CachedKernel {
  checkKernelName(request.name);
  const image = resolve(request.image);
  const config = request.config ? resolve(request.config) : kernelConfigOf(image);
  if (!config || !existsSync(config))
    throw new KernelCacheError(
      `no config for the kernel ${image}`,
      'give it with --config FILE, or put it beside the image as <image>.config',
    );
  const commit = request.commit ?? null;
  const source = commit ? { path: null, commit, dirty: false, diffSha256: null } : null;
  return installKernel({
    id: kernelId(request.name, source),
    image,
    config,
    record: {
      name: request.name,
      source,
      build: null,
      imported: { from: image, at: new Date().toISOString() },
    },
  });
}
