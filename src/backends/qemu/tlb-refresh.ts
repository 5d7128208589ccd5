// The TLB refresher of a TCG guest (record/tlb-refresh.ts): offered to the guest through a file of
// the share, and what env.json records of it after the run.
import { rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { readPart } from '../../util/input-file.js';
import type { Run } from '../../manifest/run.js';
import { LOGS_DIR, type VmStatus } from '../../record/run-files.js';
import { parseTlbRefreshLog, TLB_REFRESH_REF, type TlbRefreshLog } from '../../record/tlb-refresh.js';
import { TLB_REFRESH_FILE } from './initramfs.js';
import type { Accel } from './vm.js';
import { makeDirs } from '../../util/make-dirs.js';

/**
 * Under TCG the guest runs the TLB refresher while it measures (record/tlb-refresh.ts): the file
 * that says so is there for a TCG attempt and gone for a KVM one, whose hardware TLB behaves.
 */
export async function offerTlbRefresh(shared: string, accel: Accel, intervalUs: number | null): Promise<void> {
  const file = join(shared, TLB_REFRESH_FILE);
  if (accel === 'tcg' && intervalUs !== null) {
    makeDirs(dirname(file));
    await writeFile(file, `${intervalUs}\n`);
  } else await rm(file, { force: true });
}

/**
 * env.json's record of the TLB refresher (record/tlb-refresh.ts): whether the guest ran it, why,
 * and what its log says it did.
 */
export interface TlbRefreshRecord extends Partial<TlbRefreshLog> {
  state: 'ran' | 'off' | 'not-needed' | 'not-run';
  why: string;
}

export async function tlbRefreshOfGuest(
  run: Pick<Run, 'backend'>,
  vm: Pick<VmStatus, 'accel'>,
  shared: string,
): Promise<TlbRefreshRecord> {
  if (vm.accel !== 'tcg')
    return { state: 'not-needed', why: `${vm.accel}: the CPU's own TLB evicts translations as hardware does` };
  const setting = run.backend.tlbRefresh ?? { mode: 'off', intervalUs: null, why: 'backend.tlb_refresh: off' };
  if (setting.intervalUs === null)
    return setting.mode === 'auto'
      ? { state: 'not-needed', why: setting.why }
      : {
          state: 'off',
          why: `${setting.why}: under TCG, DAMON may see little of a process alone on a vCPU`,
        };
  // Two lines when all is well; a guest's log is read no further than that could be.
  const text = readPart(join(shared, LOGS_DIR, `${TLB_REFRESH_REF}.log`), 64 << 10, 'head');
  if (text === null) return { state: 'not-run', why: 'the guest did not start it (the run ended before it measured)' };
  return {
    state: 'ran',
    why: `tcg, ${setting.why}: each vCPU dropped its cached translations every interval while the run measured, as a real TLB does`,
    ...parseTlbRefreshLog(text),
  };
}
