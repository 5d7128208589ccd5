// PVH boot: a bzImage's kernel uncompressed once into the cache, for kernels that have a PVH entry
// (Debian's), and nothing for the others (the multi-context fork, built without CONFIG_PVH), which
// QEMU then boots as bzImages.
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseKernelConfig } from '../../src/kernel-images/config.js';
import { bzImagePayload, hasPvhEntry, pvhKernel } from '../../src/kernel-images/pvh.js';
import { KERNEL_CACHE } from '../../src/kernel-images/cache.js';

/** A minimal ELF64 kernel: one PT_NOTE segment holding `notes` (name, type). */
function elfWithNotes(notes: [string, number][]): Buffer {
  const noteBytes = Buffer.concat(
    notes.map(([name, type]) => {
      const nameBytes = Buffer.from(`${name}\0`, 'latin1');
      const padded = Buffer.alloc(Math.ceil(nameBytes.length / 4) * 4);
      nameBytes.copy(padded);
      const head = Buffer.alloc(12);
      head.writeUInt32LE(nameBytes.length, 0);
      head.writeUInt32LE(4, 4);
      head.writeUInt32LE(type, 8);
      return Buffer.concat([head, padded, Buffer.from([0, 0, 0x10, 0])]);
    }),
  );
  const elf = Buffer.alloc(64 + 56);
  elf.writeUInt32BE(0x7f454c46, 0);
  elf[4] = 2; // 64-bit
  elf[5] = 1; // little-endian
  elf.writeBigUInt64LE(64n, 0x20); // e_phoff
  elf.writeUInt16LE(56, 0x36); // e_phentsize
  elf.writeUInt16LE(1, 0x38); // e_phnum
  elf.writeUInt32LE(4, 64); // PT_NOTE
  elf.writeBigUInt64LE(BigInt(elf.length), 64 + 8); // p_offset
  elf.writeBigUInt64LE(BigInt(noteBytes.length), 64 + 32); // p_filesz
  return Buffer.concat([elf, noteBytes]);
}

/** A bzImage as the x86 boot protocol lays it out: one setup sector, then the payload. */
function bzImage(payload: Buffer): Buffer {
  const setup = Buffer.alloc(2 * 512);
  setup[0x1f1] = 1;
  setup.write('HdrS', 0x202, 'latin1');
  setup.writeUInt16LE(0x20f, 0x206);
  setup.writeUInt32LE(16, 0x248); // the payload starts 16 bytes into the protected-mode code
  setup.writeUInt32LE(payload.length, 0x24c);
  return Buffer.concat([setup, Buffer.alloc(16, 0xcc), payload, Buffer.alloc(64, 0xcc)]);
}

const PVH_CONFIG = new Map([['CONFIG_PVH', 'y']]);

function kernelFile(bytes: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'damon-exp-pvh-'));
  writeFileSync(join(dir, 'bzImage'), bytes);
  return join(dir, 'bzImage');
}

describe('PVH boot', () => {
  const pvhElf = elfWithNotes([
    ['GNU', 3],
    ['Xen', 18],
  ]);

  it('finds the PVH entry note, and only that note', () => {
    expect(hasPvhEntry(pvhElf)).toBe(true);
    expect(hasPvhEntry(elfWithNotes([['Xen', 6]]))).toBe(false);
    expect(hasPvhEntry(elfWithNotes([['GNU', 18]]))).toBe(false);
    expect(hasPvhEntry(Buffer.from('not an elf at all, long enough to hold a header ..............'))).toBe(false);
    expect(hasPvhEntry(pvhElf.subarray(0, 80))).toBe(false);
  });

  it("reads a bzImage's payload and how it is compressed", () => {
    const payload = gzipSync(pvhElf);
    expect(bzImagePayload(bzImage(payload))).toEqual({ compression: 'gzip', bytes: payload });
    expect(bzImagePayload(Buffer.alloc(4096))).toBeNull();
  });

  it('uncompresses a kernel once into the cache, and boots it so from then on', () => {
    const cache = mkdtempSync(join(tmpdir(), 'damon-exp-pvh-cache-'));
    const image = kernelFile(bzImage(gzipSync(pvhElf)));
    const kernel = { image, release: '6.12.0-test', config: PVH_CONFIG };
    const path = pvhKernel(kernel, cache)!;
    expect(readFileSync(path)).toEqual(pvhElf);
    const made = statSync(path).mtimeMs;
    expect(pvhKernel(kernel, cache)).toBe(path);
    expect(statSync(path).mtimeMs).toBe(made);
  });

  it('leaves a kernel without CONFIG_PVH, without the entry, or with a payload it cannot read, to boot as a bzImage', () => {
    const cache = mkdtempSync(join(tmpdir(), 'damon-exp-pvh-cache-'));
    const good = kernelFile(bzImage(gzipSync(pvhElf)));
    expect(pvhKernel({ image: good, release: 'r', config: new Map([['CONFIG_PVH', 'n']]) }, cache)).toBeNull();
    const noEntry = kernelFile(bzImage(gzipSync(elfWithNotes([['Xen', 6]]))));
    expect(pvhKernel({ image: noEntry, release: 'r', config: PVH_CONFIG }, cache)).toBeNull();
    const corrupt = gzipSync(pvhElf);
    corrupt.fill(0x55, 10, 40);
    expect(pvhKernel({ image: kernelFile(bzImage(corrupt)), release: 'r', config: PVH_CONFIG }, cache)).toBeNull();
    expect(pvhKernel({ image: '/dev/zero', release: 'r', config: PVH_CONFIG }, cache)).toBeNull();
  });

  const forkEntry = existsSync(KERNEL_CACHE)
    ? readdirSync(KERNEL_CACHE).find((name) => name.startsWith('damon-multi-contexts'))
    : undefined;
  const fork = join(KERNEL_CACHE, forkEntry ?? 'none');
  it.skipIf(!existsSync(join(fork, 'bzImage')))('boots the multi-context fork as a bzImage (no CONFIG_PVH)', () => {
    const image = readFileSync(join(fork, 'bzImage'));
    expect(bzImagePayload(image)?.compression).toBe('gzip');
    const config = parseKernelConfig(readFileSync(join(fork, 'config'), 'utf8'));
    const cache = mkdtempSync(join(tmpdir(), 'damon-exp-pvh-cache-'));
    expect(pvhKernel({ image: join(fork, 'bzImage'), release: 'fork', config }, cache)).toBeNull();
  });

  const debian = join(KERNEL_CACHE, 'default', 'boot');
  it.skipIf(!existsSync(debian))("uncompresses Debian's kernel (zstd) into one with a PVH entry", () => {
    const names = readdirSync(debian);
    const image = join(
      debian,
      names.find((n) => n.startsWith('vmlinuz-'))!,
    );
    const config = parseKernelConfig(
      readFileSync(
        join(
          debian,
          names.find((n) => n.startsWith('config-'))!,
        ),
        'utf8',
      ),
    );
    expect(bzImagePayload(readFileSync(image))?.compression).toBe('zstd');
    const cache = mkdtempSync(join(tmpdir(), 'damon-exp-pvh-cache-'));
    const path = pvhKernel({ image, release: 'debian', config }, cache)!;
    expect(path).not.toBeNull();
    expect(hasPvhEntry(readFileSync(path))).toBe(true);
  });
});
