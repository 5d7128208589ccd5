import { basename, dirname } from 'node:path';
import { checkHost } from '../backends/host-check.js';
import { FsSysfs, DAMON_ADMIN_ROOT } from '../damon-sysfs/sysfs.js';
import { runSetup, type StepState } from '../setup/setup.js';
import { FROM_CHECKOUT, USER_CACHE } from '../util/places.js';
import { packagePath } from '../util/version.js';
import { defineCommand } from './command.js';
import { hostOptions } from './host-options.js';
import { paint, UsageError } from './output.js';
import { printCheckRows, type Mark } from './check-rows.js';

const MARK: Record<StepState, Mark> = {
  ok: ['ok', 'green'],
  done: ['done', 'green'],
  missing: ['MISSING', 'yellow'],
  failed: ['FAIL', 'red'],
  info: ['-', 'dim'],
};

/** --kernel [NAME=]IMAGE: NAME defaults to the image's folder for a bzImage, else its file name. */
function kernelImport(text: string): { name: string; image: string } {
  const named = /^([A-Za-z0-9][A-Za-z0-9._-]*)=(.+)$/.exec(text);
  if (named) return { name: named[1]!, image: named[2]! };
  const file = basename(text);
  const name = /^(bzImage|vmlinuz.*|Image)$/.test(file) ? basename(dirname(text)) : file.replace(/\.[^.]*$/, '');
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name))
    throw new UsageError(`--kernel ${text}: no name to give it; say it as --kernel NAME=${text}`, 'setup');
  return { name, image: text };
}

export const setupCommand = defineCommand({
  name: 'setup',
  usage: 'damon-exp setup [--install] [--kernel [NAME=]IMAGE]... [--no-kernel] [--json]',
  help: `Makes this host ready for runs, and says what it did: checks the Debian packages runs need
(QEMU, busybox-static, cpio, xz-utils, zstd, perf, a C compiler) and prints the one apt-get line
that installs what is missing (--install installs them, as root); builds masim and the TLB
refresher from the C source in the package; fetches Debian's DAMON kernel (6.12) with apt-get
download; imports the kernels --kernel names. Ends with what each backend can now do. Running it
again finds everything done. Nothing is written into the package: what setup makes goes to the
user's cache, ${'$'}XDG_CACHE_HOME/damon-exp (~/.cache/damon-exp; DAMON_EXP_CACHE overrides it).
Exit status 0 when every step succeeded and some backend can serve runs.

Examples:
  damon-exp setup
  sudo damon-exp setup --install
  damon-exp setup --kernel ~/linux/arch/x86/boot/bzImage --no-kernel
  damon-exp setup --kernel fork=../shared/kernels/damon-multi-contexts/bzImage`,
  options: {
    install: { type: 'boolean', description: 'install the missing Debian packages runs need (as root)' },
    kernel: {
      type: 'string',
      multiple: true,
      value: '[NAME=]IMAGE',
      description: "import a bzImage (its config beside it) under NAME (default: its folder's name)",
    },
    'no-kernel': { type: 'boolean', description: "do not fetch Debian's DAMON kernel" },
    json: { type: 'boolean', description: 'print the steps and the verdict as JSON' },
  },
  async run({ values, positionals }, output, deps) {
    if (positionals.length) throw new UsageError(`setup takes no arguments, not '${positionals[0]}'`, 'setup');
    const env = deps.env ?? process.env;
    const imports = (values.kernel ?? []).map(kernelImport);
    const steps = await runSetup({
      install: values.install === true,
      kernel: values['no-kernel'] !== true,
      imports,
      env,
      onProgress: (line) => output.err(`setup: ${line}`),
    });
    const { verdict } = await checkHost({
      sysfs: deps.sysfsFor ? deps.sysfsFor(DAMON_ADMIN_ROOT) : new FsSysfs(DAMON_ADMIN_ROOT),
      tracefsRoot: hostOptions.tracefs.default,
      perf: env.PERF || 'perf',
      env,
      probeRecording: false,
      ...(deps.qemuReadiness ? { qemu: deps.qemuReadiness } : {}),
    });
    const examples = packagePath('experiments');
    const ok = steps.every((s) => s.state !== 'failed' && s.state !== 'missing') && verdict.serves !== null;
    if (values.json) {
      output.out(JSON.stringify({ steps, verdict, cache: USER_CACHE, examples, checkout: FROM_CHECKOUT }, null, 2));
      return ok ? 0 : 1;
    }
    printCheckRows(
      output,
      [
        ...steps.map((s) => ({ name: s.step, mark: MARK[s.state], detail: s.detail, hint: s.hint })),
        { name: 'cache', mark: null, detail: USER_CACHE },
        { name: 'examples', mark: null, detail: examples },
      ],
      7,
      14,
    );
    output.out('');
    output.out(paint(output, verdict.serves === null ? 'red' : 'green', verdict.line));
    if (verdict.serves !== null) output.out(`try: damon-exp run ${examples}/one_target.yaml --set duration=10s`);
    return ok ? 0 : 1;
  },
});
