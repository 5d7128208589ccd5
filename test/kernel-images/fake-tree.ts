// A stand-in for a Linux source tree, for the tests of damon-exp kernel build: the same top-level
// shape (Makefile, Kconfig, arch/x86/boot, scripts/kconfig, mm/damon) and a Makefile that answers
// the targets the builder runs (tinyconfig, olddefconfig, bzImage) into O=, printing kbuild's
// "  CC  file.o" lines. Its Kconfig knows a fixed set of symbols: olddefconfig drops the others,
// as the kernel's does. A git work tree with one commit. Real builds are in docs/performance.md
// (16 minutes here); this tree takes milliseconds.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A file with an x86 boot protocol header whose version string says `version`. */
export function fakeBzImage(version: string): Buffer {
  const image = Buffer.alloc(0x400 + version.length + 1);
  image.write('HdrS', 0x202, 'latin1');
  image.writeUInt16LE(0x020f, 0x206);
  image.writeUInt16LE(0x400 - 0x200, 0x20e);
  image.write(version, 0x400, 'latin1');
  return image;
}

/** What the fake Kconfig knows: everything kernels/guest.config sets, and two more. */
const KNOWN_FROM_FRAGMENT = /^(CONFIG_[A-Z0-9_]+)=/;

export function fakeKernelTree(options: { guestFragment: string; version?: string; knowsAlso?: string[] }): string {
  const tree = mkdtempSync(join(tmpdir(), 'damon-exp-fake-linux-'));
  for (const dir of ['arch/x86/boot', 'scripts/kconfig', 'mm/damon']) mkdirSync(join(tree, dir), { recursive: true });
  const known = [
    ...options.guestFragment.split('\n').flatMap((line) => KNOWN_FROM_FRAGMENT.exec(line)?.[1] ?? []),
    'CONFIG_DEBUG_FS',
    ...(options.knowsAlso ?? []),
  ].filter((s) => s !== 'CONFIG_TSC');
  writeFileSync(join(tree, 'Kconfig'), `${known.join('\n')}\n`);
  writeFileSync(join(tree, 'mm/damon/core.c'), '/* DAMON */\n');
  writeFileSync(join(tree, 'stub-bzImage'), fakeBzImage(options.version ?? '6.99.0-fake (test@host) #1 SMP'));
  // $(O) is where the builder asked to build; FAIL_BUILD in the tree makes bzImage fail like a
  // compile error, SLOW_BUILD makes it take 30 s.
  writeFileSync(
    join(tree, 'Makefile'),
    [
      'tinyconfig:',
      '\t@mkdir -p $(O)',
      '\t@printf "CONFIG_64BIT=y\\n# CONFIG_DAMON is not set\\nCONFIG_EMBEDDED=y\\n" > $(O)/.config',
      '\t@echo "  HOSTCC  scripts/kconfig/conf.o"',
      'olddefconfig:',
      '\t@grep -E "^(# )?(CONFIG_[A-Z0-9_]+)" $(O)/.config | while read -r line; do sym=$$(echo "$$line" | grep -oE "CONFIG_[A-Z0-9_]+" | head -n 1); grep -qx "$$sym" $(CURDIR)/Kconfig && echo "$$line"; done > $(O)/.config.new; mv $(O)/.config.new $(O)/.config',
      'bzImage:',
      '\t@for f in init/main kernel/fork mm/damon/core mm/damon/sysfs; do echo "  CC      $$f.o"; done',
      '\t@if [ -e $(CURDIR)/SLOW_BUILD ]; then sleep 30; fi',
      '\t@if [ -e $(CURDIR)/FAIL_BUILD ]; then echo "mm/damon/core.c:12:1: error: expected identifier before numeric constant" >&2; echo "make[4]: *** [scripts/Makefile.build:244: mm/damon/core.o] Error 1" >&2; exit 2; fi',
      '\t@mkdir -p $(O)/arch/x86/boot && cp $(CURDIR)/stub-bzImage $(O)/arch/x86/boot/bzImage',
      '\t@echo "Kernel: arch/x86/boot/bzImage is ready  (#1)"',
      '',
    ].join('\n'),
  );
  const git = (...args: string[]) => execFileSync('git', ['-C', tree, ...args], { stdio: 'pipe' });
  git('init', '-q');
  git('-c', 'user.name=t', '-c', 'user.email=t@t', 'add', '-A');
  git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'fake linux');
  return tree;
}
