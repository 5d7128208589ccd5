// Where a KVM failure is remembered until the host reboots: on hosts where /dev/kvm exists but
// KVM cannot run guests (nested virtualization), every VM would lose seconds finding out again.
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { USER_CACHE } from '../../util/places.js';
import { makeDirs } from '../../util/make-dirs.js';

export const KVM_MEMO = join(USER_CACHE, 'kvm-unusable.json');

async function bootId(): Promise<string | null> {
  return readFile('/proc/sys/kernel/random/boot_id', 'utf8').then(
    (text) => text.trim(),
    () => null,
  );
}

/** Why KVM failed since this host booted, or null. */
export async function kvmFailedSinceBoot(): Promise<string | null> {
  try {
    const memo = JSON.parse(await readFile(KVM_MEMO, 'utf8')) as { bootId: string; message: string };
    return memo.bootId === (await bootId()) ? memo.message : null;
  } catch {
    return null;
  }
}

export async function rememberKvmFailure(message: string): Promise<void> {
  try {
    makeDirs(dirname(KVM_MEMO));
    await writeFile(KVM_MEMO, `${JSON.stringify({ bootId: await bootId(), message })}\n`);
  } catch {
    // Only a memo: the next VM finds out again.
  }
}
