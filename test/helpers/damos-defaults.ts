// A new scheme directory as DAMON's sysfs makes it (the kernel's defaults), file by file below the
// scheme: what the emulator must create and what a plan's writes are checked against. Written out
// here on its own, not derived from the emulator, so that it checks the emulator too.
export const NEW_SCHEME_FILES: Record<string, string> = {
  action: 'stat',
  apply_interval_us: '0',
  'access_pattern/sz/min': '0',
  'access_pattern/sz/max': '0',
  'access_pattern/nr_accesses/min': '0',
  'access_pattern/nr_accesses/max': '0',
  'access_pattern/age/min': '0',
  'access_pattern/age/max': '0',
  'quotas/ms': '0',
  'quotas/bytes': '0',
  'quotas/reset_interval_ms': '0',
  'quotas/weights/sz_permil': '0',
  'quotas/weights/nr_accesses_permil': '0',
  'quotas/weights/age_permil': '0',
  'quotas/goals/nr_goals': '0',
  'watermarks/metric': 'none',
  'watermarks/interval_us': '0',
  'watermarks/high': '0',
  'watermarks/mid': '0',
  'watermarks/low': '0',
  'filters/nr_filters': '0',
  'stats/nr_tried': '0',
  'stats/sz_tried': '0',
  'stats/nr_applied': '0',
  'stats/sz_applied': '0',
  'stats/qt_exceeds': '0',
  'tried_regions/total_bytes': '0',
};

/** Linux 6.11 added target_nid (the node migrate_hot/cold move to; -1: none). */
export const NEW_SCHEME_FILES_6_12: Record<string, string> = { ...NEW_SCHEME_FILES, target_nid: '-1' };
