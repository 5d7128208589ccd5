// Which build of a kernel a run boots, known before it runs (KernelResolver.build): a kernel
// rebuilt or re-imported under the same name, or an image replaced at the same path, is another
// run for --resume. Images are read once per path, size and time.
import { realpathSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { DEBIAN, findCachedKernel, KERNEL_CACHE, sha256File, unpackedKernel } from './cache.js';

const digests = new Map<string, string>();

/** The image's sha256 (its first 16 hex digits), or null when it cannot be read. */
function imageDigest(path: string): string | null {
  try {
    const stats = statSync(path);
    if (!stats.isFile()) return null; // a FIFO would block the read
    const key = `${path}:${stats.size}:${stats.mtimeMs}`;
    let digest = digests.get(key);
    if (digest === undefined) {
      digest = sha256File(path).slice(0, 16);
      digests.set(key, digest);
    }
    return digest;
  } catch {
    return null;
  }
}

/** `DIRECTORY@DIGEST` of a kernel image in its directory, or null. */
function ofImage(dir: string, image: string | undefined): string | null {
  const digest = image === undefined ? null : imageDigest(image);
  return digest === null ? null : `${basename(dir)}@${digest}`;
}

export function kernelBuild(spec: string | null, manifestDir: string): string | null {
  try {
    // Debian's package is its version: no image to read.
    if (spec === null || spec === DEBIAN) {
      const tree = realpathSync(join(KERNEL_CACHE, 'default'));
      return unpackedKernel(tree) ? basename(tree) : null;
    }
    const cached = findCachedKernel(spec);
    if (cached) {
      if (cached.record) return `${cached.id}@${cached.record.imageSha256.slice(0, 16)}`;
      return ofImage(cached.dir, cached.image);
    }
    const path = resolve(manifestDir, spec);
    const stats = statSync(path);
    if (stats.isDirectory()) return ofImage(path, unpackedKernel(path)?.image);
    return ofImage(path, path);
  } catch {
    return null;
  }
}
