// A bzImage's kernel uncompressed, for QEMU's PVH entry: QEMU loads the ELF vmlinux and jumps into
// it, where a bzImage goes through the BIOS's Linux loader and decompresses itself first, which
// takes about a second under TCG. Only for kernels built with CONFIG_PVH (Debian's are) whose
// payload this host can decompress; any other kernel boots as a bzImage, as before.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { hasSetupHeader } from './bzimage.js';
import { KERNEL_CACHE } from './cache.js';
import { makeDirs } from '../util/make-dirs.js';

const PROTOCOL_OFFSET = 0x206; // u16
const SETUP_SECTS_OFFSET = 0x1f1; // u8: 512-byte sectors of real-mode setup after the boot sector
const PAYLOAD_OFFSET = 0x248; // u32, from the protected-mode code
const PAYLOAD_LENGTH = 0x24c; // u32
/** The boot protocol that added the payload fields. */
const PAYLOAD_PROTOCOL = 0x208;
/** A bzImage is a few to tens of MB; a kernel uncompressed, up to a few hundred. */
const MAX_IMAGE_BYTES = 256 << 20;
const MAX_KERNEL_BYTES = 1 << 30;

/** Xen's ELF note that holds a kernel's 32-bit PVH entry point (XEN_ELFNOTE_PHYS32_ENTRY). */
const PHYS32_ENTRY_NOTE = 18;
const PT_NOTE = 4;

type Compression = 'gzip' | 'zstd' | 'xz' | 'none';

const MAGICS: [Compression, number[]][] = [
  ['gzip', [0x1f, 0x8b]],
  ['zstd', [0x28, 0xb5, 0x2f, 0xfd]],
  ['xz', [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
  ['none', [0x7f, 0x45, 0x4c, 0x46]],
];

/** The compressed kernel a bzImage carries, and how it is compressed; null when it is none of ours. */
export function bzImagePayload(image: Buffer): { compression: Compression; bytes: Buffer } | null {
  if (image.length < 0x250 || !hasSetupHeader(image)) return null;
  if (image.readUInt16LE(PROTOCOL_OFFSET) < PAYLOAD_PROTOCOL) return null;
  const setupSectors = image[SETUP_SECTS_OFFSET] || 4;
  const start = (setupSectors + 1) * 512 + image.readUInt32LE(PAYLOAD_OFFSET);
  const end = start + image.readUInt32LE(PAYLOAD_LENGTH);
  if (end > image.length || end <= start) return null;
  const payload = image.subarray(start, end);
  const found = MAGICS.find(([, magic]) => magic.every((byte, i) => payload[i] === byte));
  if (!found) return null;
  // Every compressor but gzip (whose trailer holds it) has the kernel's size appended: 4 bytes.
  return { compression: found[0], bytes: found[0] === 'gzip' ? payload : payload.subarray(0, -4) };
}

function decompress(compression: Compression, bytes: Buffer): Buffer | null {
  try {
    if (compression === 'none') return bytes;
    if (compression === 'gzip') return gunzipSync(bytes, { maxOutputLength: MAX_KERNEL_BYTES });
    // Node has neither: the host's zstd and xz (Debian's zstd and xz-utils packages).
    return execFileSync(compression, ['-dc'], {
      input: bytes,
      maxBuffer: MAX_KERNEL_BYTES,
      stdio: ['pipe', 'pipe', 'ignore'],
    });
  } catch {
    return null;
  }
}

/** Whether an ELF64 kernel says where its PVH entry is (QEMU boots it only then). */
export function hasPvhEntry(elf: Buffer): boolean {
  if (elf.length < 64 || elf.readUInt32BE(0) !== 0x7f454c46 || elf[4] !== 2 || elf[5] !== 1) return false;
  const phoff = Number(elf.readBigUInt64LE(0x20));
  const phentsize = elf.readUInt16LE(0x36);
  const phnum = elf.readUInt16LE(0x38);
  for (let i = 0; i < phnum; i++) {
    const header = phoff + i * phentsize;
    if (header + 56 > elf.length) return false;
    if (elf.readUInt32LE(header) !== PT_NOTE) continue;
    const offset = Number(elf.readBigUInt64LE(header + 8));
    const end = Math.min(offset + Number(elf.readBigUInt64LE(header + 32)), elf.length);
    for (let p = offset; p + 12 <= end;) {
      const nameSize = elf.readUInt32LE(p);
      const descSize = elf.readUInt32LE(p + 4);
      const type = elf.readUInt32LE(p + 8);
      const name = elf.toString('latin1', p + 12, p + 12 + Math.max(0, nameSize - 1));
      if (name === 'Xen' && type === PHYS32_ENTRY_NOTE) return true;
      p += 12 + Math.ceil(nameSize / 4) * 4 + Math.ceil(descSize / 4) * 4;
    }
  }
  return false;
}

/**
 * The uncompressed kernel of `kernel` for QEMU's PVH boot, made once and kept in the cache beside
 * the initramfs images (keyed by the bzImage's path, size and time); null when the kernel cannot
 * boot so (no CONFIG_PVH, a payload this host cannot decompress, no PVH entry) or the cache
 * cannot be written: then QEMU boots the bzImage.
 */
export function pvhKernel(
  kernel: { image: string; release: string; config: Map<string, string> },
  cacheDir = join(KERNEL_CACHE, '..', 'pvh'),
): string | null {
  if (kernel.config.get('CONFIG_PVH') !== 'y') return null;
  try {
    const stat = statSync(kernel.image);
    if (!stat.isFile() || stat.size > MAX_IMAGE_BYTES) return null;
    const key = createHash('sha256').update(`${kernel.image}:${stat.size}:${stat.mtimeMs}`).digest('hex').slice(0, 16);
    const path = join(cacheDir, `${kernel.release.replace(/[^A-Za-z0-9._+-]/g, '_')}-${key}.vmlinux`);
    if (existsSync(path)) return path;
    const payload = bzImagePayload(readFileSync(kernel.image));
    const elf = payload && decompress(payload.compression, payload.bytes);
    if (!elf || !hasPvhEntry(elf)) return null;
    makeDirs(cacheDir);
    // Several runners may make it at once: each writes its own file, the rename is atomic.
    const partial = `${path}.partial-${process.pid}`;
    try {
      writeFileSync(partial, elf);
      renameSync(partial, path);
    } finally {
      rmSync(partial, { force: true });
    }
    return path;
  } catch {
    return null;
  }
}
