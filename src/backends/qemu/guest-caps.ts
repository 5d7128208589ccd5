// The guest kernel's DAMON as the host knows it: known before the guest boots (so that plan.json
// is there from the start), and what the guest's probe found, remembered for a cached kernel.
import { buildPlan, PlanError } from '../../plan/build.js';
import { renderPlanJson } from '../../plan/render-json.js';
import type { Run } from '../../manifest/run.js';
import type { Kernel } from '../../kernel-images/resolve.js';
import { rememberProbe } from '../../kernel-images/cache.js';
import { readRunJson, RUN_FILES } from '../../record/run-files.js';
import { capsOfKernel } from './kernel-caps.js';

/**
 * The plan as the host expects the guest to make it, from what is known of the kernel before it
 * boots (capsOfKernel), so that plan.json is there from the start. The guest probes its DAMON and
 * writes the plan it executes over it; the caps' source says which this is.
 */
export function planBeforeBoot(run: Run, kernel: Kernel): { planJson?: string } {
  try {
    return { planJson: renderPlanJson(buildPlan(run, capsOfKernel(kernel))) };
  } catch (error) {
    if (error instanceof PlanError) return {}; // the preflight refused what the kernel is known to lack; the guest decides the rest
    throw error;
  }
}

/** What the guest's probe found (plan.json's caps), remembered for a cached kernel (kernel list, later checks). */
export function rememberCaps(shared: string, kernel: Kernel): void {
  if (!kernel.cached) return;
  try {
    const plan = readRunJson<{ caps?: { source?: string; maxContextsPerKdamond?: number | null } }>(
      shared,
      RUN_FILES.plan,
    );
    // The guest's own probe ("probed /sys/..."), not the host's caps from an earlier one.
    if (plan?.caps?.source?.startsWith('probed /') && plan.caps.maxContextsPerKdamond !== undefined)
      rememberProbe(kernel.cached.dir, plan.caps.maxContextsPerKdamond, plan.caps);
  } catch {
    // Only a memo.
  }
}
