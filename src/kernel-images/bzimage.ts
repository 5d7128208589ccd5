// What a bzImage says about itself: the x86 boot protocol's setup header holds a pointer to the
// kernel's version string ("6.9.0-rc4+ (root@vm) #1 SMP ..."), whose first word is the release.
import { closeSync, openSync, readSync } from 'node:fs';

const HEADER_MAGIC_OFFSET = 0x202; // "HdrS"
const VERSION_POINTER_OFFSET = 0x20e; // u16, relative to 0x200
const SETUP_BASE = 0x200;
const MAX_VERSION_LENGTH = 512;

/** Whether `header` (a bzImage's first bytes) has the x86 boot protocol's setup header. */
export function hasSetupHeader(header: Buffer): boolean {
  return header.toString('latin1', HEADER_MAGIC_OFFSET, HEADER_MAGIC_OFFSET + 4) === 'HdrS';
}

/** The version string a bzImage carries, or null when the file is not one (or too old to say). */
export function bzImageVersion(path: string): string | null {
  const fd = openSync(path, 'r');
  try {
    const header = Buffer.alloc(0x210);
    if (readSync(fd, header, 0, header.length, 0) < header.length) return null;
    if (!hasSetupHeader(header)) return null;
    const pointer = header.readUInt16LE(VERSION_POINTER_OFFSET);
    if (pointer === 0) return null;
    const text = Buffer.alloc(MAX_VERSION_LENGTH);
    const read = readSync(fd, text, 0, text.length, pointer + SETUP_BASE);
    const end = text.subarray(0, read).indexOf(0);
    const version = text.toString('latin1', 0, end < 0 ? read : end).trim();
    return /^\d+\.\d+\S*( |$)/.test(version) ? version : null;
  } finally {
    closeSync(fd);
  }
}

/** The release (uname -r) in a version string: its first word. */
export function releaseOfVersion(version: string): string {
  return version.split(' ')[0]!;
}
