// damon-exp kernel list|build|import|fetch: the kernels the qemu backend can boot, by name.
import { resolve } from 'node:path';
import { buildKernel, type BuildProgress } from '../kernel-images/build.js';
import { checkKernelName } from '../kernel-images/cache.js';
import { fetchDebianKernel } from '../kernel-images/debian-fetch.js';
import { importKernelImage } from '../kernel-images/import.js';
import { listKernels } from './kernel-list.js';
import { defineCommand } from './command.js';
import { matching, wholeNumber } from './option-values.js';
import { UsageError } from './output.js';
import { formatElapsed } from '../util/format.js';

export const kernelCommand = defineCommand({
  name: 'kernel',
  usage:
    'damon-exp kernel list [--json] | kernel build SRC [--config FRAGMENT] [--jobs N] [--name NAME] [--force] | kernel import IMAGE --name NAME [--config FILE] [--commit SHA] | kernel fetch [PACKAGE]',
  help: `list: the cached kernels (Debian's from kernel fetch, and those built or imported), with their
release, DAMON options, how many contexts one kdamond took when a run probed it, and their source.
A manifest names one in backend.kernel (or --set backend.kernel=NAME) by its name.

build: a guest bzImage from a Linux source tree (your own patched tree, or a DAMON fork): make
tinyconfig in a build directory of the cache (your tree is not written to), the shipped guest
fragment (kernels/guest.config) and --config FRAGMENT merged in, make olddefconfig, make bzImage.
The result is cached as <name>-<commit>[-dirty-<digest>] by the tree's commit, its uncommitted
changes and the config: building the same tree again takes under a second. Needs make, gcc,
flex, bison, bc, perl and libelf-dev. A tree outside git is rebuilt every time (make then only
compiles what changed).

import: puts a bzImage built elsewhere into the cache (its config beside it as <image>.config,
or --config), named NAME.

fetch: Debian's DAMON kernel (the package linux-image-6.12-amd64 depends on, or a newer default
one) with apt-get download (no root needed), unpacked into the cache as \`debian\`; or the kernel
package PACKAGE, kept under its package name. Prints its folder. A kernel in the cache is not
fetched again (damon-exp setup runs this).

Examples:
  damon-exp kernel list
  damon-exp kernel fetch
  damon-exp kernel build ~/src/damon-multi-contexts --jobs 3
  damon-exp kernel build ~/linux --config my-debug.config --name linux-debug
  damon-exp run experiments/many_contexts.yaml --set backend.kernel=damon-multi-contexts`,
  options: {
    json: { type: 'boolean', description: 'print the cached kernels (list) or the built one (build) as JSON' },
    config: {
      type: 'string',
      value: 'FILE',
      description: "build: a config fragment merged into the guest's; import: the image's config",
    },
    jobs: {
      type: 'string',
      value: 'N',
      description: "build: make's parallel jobs (default: this machine's CPUs and one)",
      parse: wholeNumber({ min: 1, max: 1024, says: 'must be a whole number from 1 to 1024' }),
    },
    name: {
      type: 'string',
      value: 'NAME',
      description: "the name manifests call the kernel by (build: default the tree's directory name)",
    },
    force: { type: 'boolean', description: "build again even when the cache holds this tree's kernel" },
    'allow-no-damon': {
      type: 'boolean',
      internal: true,
      description: 'fetch: keep a kernel without CONFIG_DAMON_SYSFS=y (the tests of its refusal)',
    },
    commit: {
      type: 'string',
      value: 'SHA',
      description: 'import: the git commit the image was built from, recorded with it',
      parse: matching(/^[0-9a-f]{7,40}$/, 'must be a git commit id (7 to 40 hex digits)'),
    },
  },
  async run({ values, positionals }, output) {
    const [verb, ...rest] = positionals;
    if (verb === undefined)
      throw new UsageError('kernel needs a verb: damon-exp kernel list|build|import|fetch …', 'kernel');
    if (values.name !== undefined) checkKernelName(values.name);
    if (verb === 'list') {
      if (rest.length) throw new UsageError(`kernel list takes no arguments, not '${rest[0]}'`, 'kernel');
      return listKernels(output, values.json === true);
    }
    if (verb === 'build') {
      if (rest.length !== 1)
        throw new UsageError('kernel build takes one source tree: damon-exp kernel build SRC', 'kernel');
      const interactive = process.stderr.isTTY === true;
      let lastPlain = 0;
      const controller = new AbortController();
      const onSignal = () => controller.abort();
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      try {
        const result = await buildKernel({
          source: resolve(rest[0]!),
          fragment: values.config ? resolve(values.config) : undefined,
          jobs: values.jobs,
          name: values.name,
          force: values.force === true,
          abort: controller.signal,
          onProgress: (event: BuildProgress) => {
            if (event.kind === 'step') {
              if (interactive) process.stderr.write('\r\u001b[2K');
              output.err(`kernel build: make ${event.step}`);
            } else if (event.kind === 'warning') {
              if (interactive) process.stderr.write('\r\u001b[2K');
              output.err(`kernel build: warning: ${event.message}`);
            } else if (interactive) {
              process.stderr.write(
                `\r\u001b[2Kkernel build: ${event.objects} objects compiled, ${formatElapsed(event.elapsedMs)}`,
              );
            } else if (event.elapsedMs - lastPlain >= 30_000) {
              lastPlain = event.elapsedMs;
              output.err(`kernel build: ${event.objects} objects compiled, ${formatElapsed(event.elapsedMs)}`);
            }
          },
        });
        if (interactive) process.stderr.write('\r\u001b[2K');
        const k = result.kernel;
        output.err(
          result.cacheHit
            ? `kernel build: ${k.id} is in the cache already (--force builds it again)`
            : `kernel build: built ${k.release} in ${formatElapsed(result.seconds * 1000)}`,
        );
        output.out(
          values.json
            ? JSON.stringify(
                {
                  name: k.name,
                  id: k.id,
                  release: k.release,
                  image: k.image,
                  cacheHit: result.cacheHit,
                  seconds: result.seconds,
                  warnings: result.warnings,
                },
                null,
                2,
              )
            : k.dir,
        );
        return 0;
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
    }
    if (verb === 'import') {
      if (rest.length !== 1)
        throw new UsageError('kernel import takes one bzImage: damon-exp kernel import IMAGE --name NAME', 'kernel');
      if (values.name === undefined)
        throw new UsageError('kernel import needs --name NAME: the name manifests will call it by', 'kernel');
      const kernel = importKernelImage({
        image: rest[0]!,
        name: values.name,
        ...(values.config ? { config: values.config } : {}),
        ...(values.commit ? { commit: values.commit } : {}),
      });
      output.err(`kernel import: ${kernel.name} (${kernel.release}) is in the cache`);
      output.out(kernel.dir);
      return 0;
    }
    if (verb === 'fetch') {
      if (rest.length > 1) throw new UsageError('kernel fetch takes at most one package name', 'kernel');
      const fetched = await fetchDebianKernel({
        ...(rest[0] ? { package: rest[0] } : {}),
        allowNoDamon: values['allow-no-damon'] === true,
        onProgress: (line) => output.err(`kernel fetch: ${line}`),
      });
      output.err(`kernel fetch: ${fetched.package} ${fetched.fetched ? 'fetched' : 'is in the cache already'}`);
      output.out(fetched.dir);
      return 0;
    }
    throw new UsageError(`unknown kernel command '${verb}': list, build, import or fetch`, 'kernel');
  },
});
