// plan.sh: the whole experiment as a standalone POSIX sh script, for DAMON machines without Node.
// It starts the workloads, writes sysfs, records with perf, and always tears down what it started
// (only its own kdamonds and pids), then writes masim.data and masim.script.
import { formatDuration } from '../manifest/units.js';
import type { Plan, Step } from './plan.js';
import { commandLine } from './render-text.js';
import * as sysfs from './sysfs-paths.js';

const HEREDOC_END = 'DAMON_EXP_CONFIG_END';

export function renderPlanSh(plan: Plan): string {
  const refs = plan.workloads.map((w) => w.ref);
  const kdamonds = plan.layout.kdamonds.map((k) => k.index);
  const seconds = trimNumber(plan.durationUs / 1e6);
  const out: string[] = [];
  out.push(
    '#!/bin/sh',
    `# plan.sh for run '${plan.run.id}' of ${plan.run.manifest}, written by damon-exp.`,
    '# Runs the experiment on a DAMON machine without Node; run it as root:',
    '#   sh plan.sh [OUTDIR]          (OUTDIR defaults to the current directory)',
    '# Environment: MASIM (masim program; default masim from PATH), PERF (default perf),',
    '#   DAMON_ADMIN (default /sys/kernel/mm/damon/admin), DURATION_S (recording length in',
    `#   seconds; default ${seconds}).`,
    `# Layout: ${plan.layout.reason}.`,
    'set -u',
    '',
    'ADMIN=${DAMON_ADMIN:-/sys/kernel/mm/damon/admin}',
    'MASIM=${MASIM:-masim}',
    'PERF=${PERF:-perf}',
    `DURATION_S=\${DURATION_S:-${seconds}}`,
    'OUT=${1:-.}',
    '',
    'die() {',
    "  printf 'plan.sh: %s\\n' \"$*\" >&2",
    '  exit 1',
    '}',
    '',
    '# write FILE VALUE: write VALUE to the DAMON sysfs FILE, or stop with the reason.',
    'write() {',
    '  { printf \'%s\\n\' "$2" > "$ADMIN/$1"; } || die "writing \'$2\' to $ADMIN/$1 failed"',
    '}',
    '',
    '# state_is K STATE: does kdamond K read STATE?',
    'state_is() {',
    '  [ "$(cat "$ADMIN/kdamonds/$1/state" 2>/dev/null)" = "$2" ]',
    '}',
    '',
    '# stop PID SIGNAL: send SIGNAL to a process this script started, wait for it to end,',
    '# and SIGKILL it if it is still there after 5 s.',
    'stop() {',
    '  [ -n "$1" ] || return 0',
    '  kill -"$2" "$1" 2> /dev/null || return 0',
    '  (',
    '    sleep 5 &',
    '    sleeper=$!',
    '    trap \'kill "$sleeper" 2> /dev/null; exit 0\' USR1',
    '    wait "$sleeper"',
    '    kill -KILL "$1" 2> /dev/null',
    '  ) &',
    '  watchdog=$!',
    '  wait "$1" 2> /dev/null',
    '  kill -USR1 "$watchdog" 2> /dev/null',
    '  wait "$watchdog" 2> /dev/null',
    '}',
    '',
    '# stop_kdamond K: switch kdamond K off if it runs (a vaddr kdamond whose targets all',
    '# exited has stopped by itself, and off would fail).',
    'stop_kdamond() {',
    '  if state_is "$1" on; then',
    '    { printf \'off\\n\' > "$ADMIN/kdamonds/$1/state" && await_state "$1" off; } ||',
    '      printf \'plan.sh: kdamond %s did not stop\\n\' "$1" >&2',
    '  fi',
    '}',
    '',
    '# await_state K STATE: wait up to 10 s for kdamond K to read STATE.',
    'await_state() {',
    '  tries=0',
    '  until state_is "$1" "$2"; do',
    '    tries=$((tries + 1))',
    '    [ "$tries" -le 100 ] || return 1',
    '    sleep 0.1',
    '  done',
    '}',
    '',
    `[ -d "$ADMIN/kdamonds" ] || die "no DAMON sysfs at $ADMIN (needs CONFIG_DAMON_SYSFS; is sysfs mounted?)"`,
    `[ -w "$ADMIN/${sysfs.NR_KDAMONDS}" ] || die "cannot write $ADMIN/${sysfs.NR_KDAMONDS}: run as root"`,
    'for state in "$ADMIN"/kdamonds/*/state; do',
    '  [ -e "$state" ] || continue',
    '  if [ "$(cat "$state")" = on ]; then',
    '    die "a kdamond this script did not start is running (${state%/state}, pid $(cat "${state%/state}/pid")); its owner must stop it first"',
    '  fi',
    'done',
    'command -v "$PERF" > /dev/null || die "perf not found (set PERF=/path/to/perf)"',
    'command -v "$MASIM" > /dev/null || die "masim not found (set MASIM=/path/to/masim)"',
    'mkdir -p "$OUT/workloads" "$OUT/logs" || die "cannot create $OUT"',
    '',
  );
  for (const [path, text] of Object.entries(plan.files)) {
    if (text.split('\n').includes(HEREDOC_END)) throw new Error(`${path} contains the line ${HEREDOC_END}`);
    out.push(`cat > "$OUT/${path}" <<'${HEREDOC_END}'`, text.replace(/\n$/, ''), HEREDOC_END);
  }
  out.push(
    '',
    '# What this script started, so that teardown touches nothing else.',
    'perf_pid=',
    ...refs.map((ref) => `${ref}=`),
    'sized=',
    '',
    'teardown() {',
    "  trap '' INT TERM",
    '  stop "$perf_pid" INT',
    '  perf_pid=',
    '  if [ -n "$sized" ]; then',
    ...kdamonds.map((k) => `    stop_kdamond ${k}`),
    `    printf '0\\n' > "$ADMIN/${sysfs.NR_KDAMONDS}" || printf 'plan.sh: could not reset nr_kdamonds\\n' >&2`,
    '    sized=',
    '  fi',
  );
  if (refs.length) {
    out.push(
      ...refs.map((ref) => `  stop "$${ref}" TERM`),
      ...refs.map((ref) => `  ${ref}=`),
    );
  }
  out.push('}', '', 'trap teardown EXIT', "trap 'exit 130' INT", "trap 'exit 143' TERM", '');
  for (const step of plan.steps) out.push(...stepLines(step, plan));
  out.push('', 'teardown', 'trap - EXIT', '');
  for (const step of plan.finalize) out.push(...stepLines(step, plan));
  out.push(`echo "plan.sh: done; results in $OUT" >&2`, '');
  return out.join('\n');
}

function stepLines(step: Step, plan: Plan): string[] {
  switch (step.op) {
    case 'write': {
      const lines = [`write ${step.path} ${quote(step.value)}`];
      if (step.path === sysfs.NR_KDAMONDS) lines.push('sized=1');
      return lines;
    }
    case 'write-pid':
      return [`write ${step.path} "$${step.ref}"`];
    case 'start-workload': {
      const w = plan.workloads.find((x) => x.ref === step.ref)!;
      const program = w.binary === null ? '"$MASIM"' : quote(w.binary);
      const args = [...w.args.map(quote), `"$OUT/${w.config}"`].join(' ');
      return [`# ${step.ref}: ${commandLine(w)}`, `${program} ${args} > "$OUT/logs/${step.ref}.log" 2>&1 &`, `${step.ref}=$!`];
    }
    case 'start-recorder': {
      const events = step.events.map((e) => `-e ${e}`).join(' ');
      return [
        `"$PERF" record -a -k ${step.clock} ${events} -o "$OUT/${step.output}" > "$OUT/logs/perf.log" 2>&1 &`,
        'perf_pid=$!',
        'tries=0',
        `until [ -s "$OUT/${step.output}" ]; do`,
        '  kill -0 "$perf_pid" 2> /dev/null || die "perf record failed: $(cat "$OUT/logs/perf.log")"',
        '  tries=$((tries + 1))',
        '  [ "$tries" -le 100 ] || die "perf record did not start within 10 s"',
        '  sleep 0.1',
        'done',
      ];
    }
    case 'await-state':
      return [`await_state ${step.kdamond} ${step.state} || die "kdamond ${step.kdamond} did not turn ${step.state} within 10 s"`];
    case 'read-kdamond-pid':
      return [`echo "kdamond ${step.kdamond} pid $(cat "$ADMIN/kdamonds/${step.kdamond}/pid")" >> "$OUT/kdamonds.txt"`];
    case 'sleep':
      return [`echo "plan.sh: recording for \${DURATION_S} s (plan: ${formatDuration(step.us)})" >&2`, 'sleep "$DURATION_S" &', 'wait $!'];
    case 'convert-trace':
      return [`"$PERF" script --force -i "$OUT/${step.input}" > "$OUT/${step.output}" || die "perf script failed"`];
    case 'stop-recorder':
    case 'stop-kdamond':
    case 'stop-workload':
      return []; // the teardown function does these
  }
}

function quote(value: string): string {
  return /^[A-Za-z0-9_./:=+-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

function trimNumber(value: number): string {
  return String(Number(value.toFixed(6)));
}
