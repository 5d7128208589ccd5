// The guest's initramfs: busybox, the modules it needs when they are modules (9p, virtio_blk),
// and our init, which turns a virtio disk into swap when the host attached one, mounts the host's
// root read-only over 9p, a writable share for the run, tmpfs for /tmp, and runs the guest
// command in a chroot of the host root. Cached by the kernel and init it holds.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { guestModuleFiles, moduleBytes } from './kernel.js';
import { KERNEL_CACHE } from '../../kernel-images/cache.js';
import { KernelImageError, type Kernel } from '../../kernel-images/resolve.js';
import { setupCommand } from '../../util/places.js';
import { makeDirs } from '../../util/make-dirs.js';

export const BUSYBOX = '/bin/busybox';
/** Printed on the console by init right before the guest command: the kernel has booted. */
export const BOOTED_MARK = 'damon-exp-init: guest command starting';
/** The guest's exit status goes to this file of the shared directory. */
export const EXIT_STATUS_FILE = 'vm/exit-status';
export const GUEST_SCRIPT = 'vm/guest.sh';
/** Host paths (one a line) that must stay visible in the guest although under its tmpfs /tmp or /run. */
export const KEEP_PATHS_FILE = 'vm/keep-paths';
/**
 * Under TCG the host writes this file of the shared directory with the TLB refresher's interval
 * in µs (record/tlb-refresh.ts); the guest runs the refresher while measuring when it is there.
 */
export const TLB_REFRESH_FILE = 'vm/tlb-refresh';
/** The host writes this file of the shared directory to ask the guest command to stop (its content: why). */
export const STOP_FILE = 'vm/stop';
/** Where the writable share appears in the guest. */
export const GUEST_OUT = '/tmp/out';
/** The guest's swap disk (the host attaches one when a run asks for swap): the first virtio disk. */
export const SWAP_DEVICE = '/dev/vda';
/** Printed on the console by init once the swap disk is in use, followed by " (N kB)": its size as /proc/swaps says. */
export const SWAP_ON_MARK = `damon-exp-init: swap on ${SWAP_DEVICE}`;

/**
 * The guest's /init. `modules` are loaded in order and the boot fails without them; `optional`
 * ones (virtio_blk: swap only) after them, and the boot goes on without them.
 */
export function initScript(modules: string[], optional: string[] = []): string {
  const loadOptional = optional.length
    ? `for module in ${optional.join(' ')}; do insmod /modules/$module.ko || say "insmod $module failed"; done\n`
    : '';
  return `#!/bin/busybox sh
/bin/busybox --install -s /bin
export PATH=/bin
say() { echo "damon-exp-init: $*" > /dev/console; }
fail() { say "$*"; echo 125 > /tmp/exit-status; poweroff -f; }
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
for module in ${modules.join(' ')}; do insmod /modules/$module.ko || fail "insmod $module failed"; done
${loadOptional}# Swap (backend.swap): the host attached a virtio disk (virtio device id 2) for it. Without swap
# the run goes on, and the host records that the guest had none.
if grep -qx 0x0002 /sys/bus/virtio/devices/*/device 2> /dev/null; then
  for i in 1 2 3 4 5 6 7 8 9 10; do [ -b ${SWAP_DEVICE} ] && break; usleep 100000; done
  if [ ! -b ${SWAP_DEVICE} ]; then
    say "no swap: ${SWAP_DEVICE} did not appear (no virtio_blk driver?)"
  elif mkswap ${SWAP_DEVICE} > /dev/null && swapon ${SWAP_DEVICE}; then
    say "${SWAP_ON_MARK.replace('damon-exp-init: ', '')} ($(awk '$1 == "${SWAP_DEVICE}" { print $3 }' /proc/swaps) kB)"
  else
    say "no swap: mkswap or swapon ${SWAP_DEVICE} failed"
  fi
fi
# The host's root is read-only here, so the guest may cache it (cache=loose: pages, names and
# attributes): Node, perf and their libraries are read once, not at every page fault or lookup.
# The run's share below is not cached: the host reads what the guest writes there.
mount -t 9p -o trans=virtio,version=9p2000.L,ro,msize=262144,cache=loose hostroot /newroot || fail "cannot mount the host root (9p)"
mkdir -p /hosttmp /hostrun
mount -o bind /newroot/tmp /hosttmp
mount -o bind /newroot/run /hostrun
mount -t tmpfs -o mode=1777 tmpfs /newroot/tmp || fail "cannot mount tmpfs on /tmp"
mount -t tmpfs tmpfs /newroot/run || fail "cannot mount tmpfs on /run"
mkdir -p /newroot${GUEST_OUT}
mount -t 9p -o trans=virtio,version=9p2000.L,msize=262144 outdir /newroot${GUEST_OUT} || fail "cannot mount the run's share (9p)"
# The host's paths under /tmp and /run that the guest needs (a project checked out there) stay visible.
if [ -f /newroot${GUEST_OUT}/${KEEP_PATHS_FILE} ]; then
  while read -r path; do
    case "$path" in
      /tmp/*) from=/hosttmp/\${path#/tmp/} ;;
      /run/*) from=/hostrun/\${path#/run/} ;;
      *) continue ;;
    esac
    mkdir -p "/newroot$path" && mount -o bind "$from" "/newroot$path" || fail "cannot keep $path visible"
  done < /newroot${GUEST_OUT}/${KEEP_PATHS_FILE}
fi
mount -o bind /proc /newroot/proc
mount -o bind /sys /newroot/sys
mount -o bind /dev /newroot/dev
mount -t tracefs nodev /newroot/sys/kernel/tracing 2> /dev/null
say "${BOOTED_MARK.replace('damon-exp-init: ', '')}"
chroot /newroot /bin/sh -c '/bin/sh ${GUEST_OUT}/${GUEST_SCRIPT}; echo $? > ${GUEST_OUT}/${EXIT_STATUS_FILE}' > /dev/console 2>&1
sync
say "guest command ended"
poweroff -f
`;
}

/** Builds (or finds in the cache) the initramfs for a kernel; returns its path. */
export function initramfsFor(kernel: Kernel): string {
  const modules = guestModuleFiles(kernel);
  const init = initScript(
    modules.filter((m) => m.neededFor !== 'swap').map((m) => m.name),
    modules.filter((m) => m.neededFor === 'swap').map((m) => m.name),
  );
  // Keyed by what goes in (module files by size and time too: a rebuilt kernel keeps its paths).
  const stamp = (path: string) => {
    const s = statSync(path);
    return `${path}:${s.size}:${s.mtimeMs}`;
  };
  const identity = createHash('sha256')
    .update(kernel.release)
    .update(stamp(kernel.image))
    .update(init)
    .update(modules.map((m) => stamp(m.path)).join('\n'))
    .update(stamp(BUSYBOX))
    .digest('hex')
    .slice(0, 16);
  const dir = join(KERNEL_CACHE, '..', 'initramfs');
  const path = join(dir, `${kernel.release}-${identity}.cpio.gz`);
  if (existsSync(path)) return path;
  if (!existsSync(BUSYBOX))
    throw new KernelImageError(`${BUSYBOX} is missing`, `install busybox-static (${setupCommand('packages')})`);

  const staging = mkdtempSync(join(tmpdir(), 'damon-exp-initramfs-'));
  try {
    for (const d of ['bin', 'dev', 'proc', 'sys', 'newroot', 'modules', 'tmp']) mkdirSync(join(staging, d));
    copyFileSync(BUSYBOX, join(staging, 'bin/busybox'));
    chmodSync(join(staging, 'bin/busybox'), 0o755);
    writeFileSync(join(staging, 'init'), init, { mode: 0o755 });
    for (const m of modules) writeFileSync(join(staging, 'modules', `${m.name}.ko`), moduleBytes(m.path));
    const archive = execFileSync('sh', ['-c', 'find . | LC_ALL=C sort | cpio -o -H newc --quiet'], {
      cwd: staging,
      maxBuffer: 1 << 30,
    });
    makeDirs(dir);
    // Several runners may build the same initramfs at once: each writes its own file, the rename is atomic.
    writeFileSync(`${path}.partial-${process.pid}`, gzipSync(archive));
    renameSync(`${path}.partial-${process.pid}`, path);
    return path;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
