// The guest kernel's DAMON as the host knows it: assumed before the guest boots (so that plan.json
// is there from the start), and what the guest's probe found, remembered for a cached kernel.
import { buildPlan, PlanError } from '../../plan/build.js';
import { UPSTREAM_CAPS } from '../../plan/caps.js';
import { renderPlanJson } from '../../plan/render-json.js';
import type { Run } from '../../manifest/run.js';
import type { Kernel } from '../../kernel-images/resolve.js';
import { rememberProbe } from '../../kernel-images/cache.js';
import { readRunJson, RUN_FILES } from '../../record/run-files.js';

/**
 * The plan as the host expects the guest to make it, from the kernel's release (intervals_goal
 * from 6.15) and what an earlier run's probe found of a cached kernel (else an upstream kernel:
 * one context per kdamond), so that plan.json is there from the start. The guest probes
 * its DAMON and writes the plan it executes over it; the caps' source says which this is.
 */
export function planBeforeBoot(run: Run, kernel: Kernel): { planJson?: string } {
  const [major = 0, minor = 0] = kernel.release.split('.').map(Number);
  const probe = kernel.cached?.probe;
  const caps = {
    ...UPSTREAM_CAPS,
    ...(probe
      ? {
          kind: probe.maxContextsPerKdamond === 1 ? ('upstream' as const) : ('multi-context' as const),
          maxContextsPerKdamond: probe.maxContextsPerKdamond,
        }
      : {}),
    source: `assumed on the host for ${kernel.name} (${kernel.release})${probe ? ` as a guest probed it on ${probe.at.slice(0, 10)}` : ''}, before the guest probed its DAMON`,
    intervalsGoal: major > 6 || (major === 6 && minor >= 15),
  };
  try {
    return { planJson: renderPlanJson(buildPlan(run, caps)) };
  } catch (error) {
    if (error instanceof PlanError) return {}; // the guest's kernel may still serve it (the multi-context fork)
    throw error;
  }
}

/** What the guest's probe found (plan.json's caps), remembered for a cached kernel (kernel list). */
export function rememberCaps(shared: string, kernel: Kernel): void {
  if (!kernel.cached) return;
  try {
    const plan = readRunJson<{ caps?: { source?: string; maxContextsPerKdamond?: number | null } }>(
      shared,
      RUN_FILES.plan,
    );
    if (plan?.caps?.source?.startsWith('probed') && plan.caps.maxContextsPerKdamond !== undefined)
      rememberProbe(kernel.cached.dir, plan.caps.maxContextsPerKdamond);
  } catch {
    // Only a memo.
  }
}
