// plan.sh: the whole experiment as a standalone POSIX sh script, for DAMON machines without Node.
// It starts the workloads, writes sysfs, records with perf, and always tears down what it started
// (only its own kdamonds and pids), then writes masim.data and masim.script. Beyond POSIX it needs
// a `sleep` that takes fractions of a second (GNU coreutils and busybox have one).
import type { Plan, PlanWorkload, Step } from './plan.js';
import { commandLine } from './render-text.js';
import { admin, DAMON_ADMIN_ROOT, fileName } from './sysfs-tree.js';
import { formatDuration } from '../util/format.js';
import { shellQuote } from '../util/shell.js';

/** Kdamond `$1`, in the shell functions that take a kdamond's index. */
const argKdamond = admin.kdamonds.kdamond('$1');
const NR_KDAMONDS = admin.kdamonds.nr_kdamonds;
const ANY_KDAMOND = admin.kdamonds.kdamond('*');

export function renderPlanSh(plan: Plan): string {
  // Attached processes are not ours: the teardown leaves them alone.
  const refs = plan.workloads.filter((w) => w.kind !== 'pid').map((w) => w.ref);
  const seconds = trimNumber(plan.durationUs / 1e6);
  const needsMasim = plan.workloads.some((w) => w.kind === 'masim' && w.binary === null);
  return [
    ...header(plan, seconds),
    ...helpers(),
    ...preconditions(needsMasim),
    ...embeddedFiles(plan),
    ...teardown(plan, refs),
    'trap teardown EXIT',
    "trap 'exit 129' HUP",
    "trap 'exit 130' INT",
    "trap 'exit 141' PIPE",
    "trap 'exit 143' TERM",
    '',
    ...plan.steps.flatMap((step) => stepLines(step, plan)),
    '',
    'teardown',
    'trap - EXIT',
    '',
    ...plan.finalize.flatMap((step) => stepLines(step, plan)),
    'echo "plan.sh: done; results in $OUT" >&2',
    '',
  ].join('\n');
}

function header(plan: Plan, seconds: string): string[] {
  return [
    '#!/bin/sh',
    `# plan.sh for run '${oneLine(plan.run.id)}' of ${oneLine(plan.run.manifest)}, written by damon-exp.`,
    '# Runs the experiment on a DAMON machine without Node; run it as root:',
    '#   sh plan.sh [OUTDIR]          (OUTDIR, new or empty, defaults to ./results)',
    '# Environment: MASIM (masim program; default masim from PATH), PERF (default perf),',
    `#   DAMON_ADMIN (default ${DAMON_ADMIN_ROOT}), DURATION_S (recording length in`,
    `#   seconds; default ${seconds}).`,
    `# Layout: ${oneLine(plan.layout.reason)}.`,
    'set -u',
    '',
    `ADMIN=\${DAMON_ADMIN:-${DAMON_ADMIN_ROOT}}`,
    'MASIM=${MASIM:-masim}',
    'PERF=${PERF:-perf}',
    `DURATION_S=\${DURATION_S:-${seconds}}`,
    'OUT=${1:-results}',
    '',
  ];
}

function helpers(): string[] {
  return [
    'die() {',
    '  printf \'plan.sh: %s\\n\' "$*" >&2',
    '  exit 1',
    '}',
    '',
    '# write FILE VALUE: write VALUE to the DAMON sysfs FILE, retrying twice (EBUSY from a',
    '# contended sysfs lock is transient), or stop with the reason.',
    'write() {',
    '  for delay in 0.1 0.3; do',
    '    { printf \'%s\\n\' "$2" > "$ADMIN/$1"; } 2> /dev/null && return 0',
    '    sleep "$delay"',
    '  done',
    '  { printf \'%s\\n\' "$2" > "$ADMIN/$1"; } || die "writing \'$2\' to $ADMIN/$1 failed"',
    '}',
    '',
    '# state_is K STATE: does kdamond K read STATE?',
    'state_is() {',
    `  [ "$(cat "$ADMIN/${argKdamond.state}" 2> /dev/null)" = "$2" ]`,
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
    '# stop_kdamond K: switch kdamond K off if it runs (a vaddr kdamond whose targets all',
    '# exited has stopped by itself, and off would fail).',
    'stop_kdamond() {',
    '  if state_is "$1" on; then',
    `    { printf 'off\\n' > "$ADMIN/${argKdamond.state}" && await_state "$1" off; } ||`,
    '      printf \'plan.sh: kdamond %s did not stop\\n\' "$1" >&2',
    '  fi',
    '}',
    '',
    '# run_apart COMMAND...: COMMAND in a session of its own where setsid is, so that its process',
    '# group holds what it starts, and stopping the group stops them all.',
    'run_apart() {',
    '  if command -v setsid > /dev/null; then exec setsid "$@"; else exec "$@"; fi',
    '}',
    '',
    '# stop PID SIGNAL [group]: send SIGNAL to a process this script started (with group: to',
    '# its process group, which holds what a command started), wait for it to end, and SIGKILL',
    '# what is still there after 5 s. The watchdog ends as soon as its target is gone.',
    'stop() {',
    '  [ -n "$1" ] || return 0',
    '  target=$1',
    '  if [ "${3:-}" = group ] && kill -0 "-$1" 2> /dev/null; then target=-$1; fi',
    '  kill -"$2" "$target" 2> /dev/null || return 0',
    // No signal to the watchdog: one sent as it starts its sleep would leave the sleep behind.
    '  (',
    '    tenths=0',
    '    while kill -0 "$target" 2> /dev/null; do',
    '      if [ "$tenths" -ge 50 ]; then kill -KILL "$target" 2> /dev/null; break; fi',
    // A sleep that takes no fractions (POSIX does not ask for them) fails at once: count a second.
    '      if sleep 0.1 2> /dev/null; then tenths=$((tenths + 1)); else sleep 1; tenths=$((tenths + 10)); fi',
    '    done',
    '  ) &',
    '  watchdog=$!',
    '  wait "$1" 2> /dev/null',
    '  wait "$watchdog" 2> /dev/null',
    '}',
    '',
  ];
}

function preconditions(needsMasim: boolean): string[] {
  return [
    `[ -d "$ADMIN/${admin.kdamonds.path}" ] || die "no DAMON sysfs at $ADMIN (needs CONFIG_DAMON_SYSFS; is sysfs mounted?)"`,
    `[ -w "$ADMIN/${NR_KDAMONDS}" ] || die "cannot write $ADMIN/${NR_KDAMONDS}: run as root"`,
    `for kdamond in "$ADMIN"/${ANY_KDAMOND.path}; do`,
    `  [ -e "$kdamond/${fileName(ANY_KDAMOND.state)}" ] || continue`,
    `  if [ "$(cat "$kdamond/${fileName(ANY_KDAMOND.state)}")" = on ]; then`,
    `    die "a kdamond this script did not start is running ($kdamond, pid $(cat "$kdamond/${fileName(ANY_KDAMOND.pid)}")); its owner must stop it first"`,
    '  fi',
    'done',
    `if [ "$(cat "$ADMIN/${NR_KDAMONDS}")" != 0 ]; then`,
    `  die "$ADMIN/${NR_KDAMONDS} is $(cat "$ADMIN/${NR_KDAMONDS}"): kdamonds this script did not create are set up (stopped); if they are yours, remove them with: echo 0 > $ADMIN/${NR_KDAMONDS}"`,
    'fi',
    'command -v "$PERF" > /dev/null || die "perf not found (set PERF=/path/to/perf)"',
    ...(needsMasim ? ['command -v "$MASIM" > /dev/null || die "masim not found (set MASIM=/path/to/masim)"'] : []),
    'if [ -e "$OUT" ] && [ -n "$(ls -A "$OUT")" ]; then',
    '  die "$OUT already holds files; give a new or empty directory, so that no earlier result is overwritten"',
    'fi',
    'mkdir -p "$OUT/workloads" "$OUT/logs" || die "cannot create $OUT"',
    '',
  ];
}

/** The masim configs, as here-documents whose delimiter appears in none of them. */
function embeddedFiles(plan: Plan): string[] {
  const texts = Object.values(plan.files);
  let delimiter = 'DAMON_EXP_CONFIG_END';
  for (let n = 1; texts.some((text) => text.split('\n').includes(delimiter)); n++)
    delimiter = `DAMON_EXP_CONFIG_END_${n}`;
  return Object.entries(plan.files).flatMap(([path, text]) => [
    `cat > "$OUT/${path}" <<'${delimiter}'`,
    text.replace(/\n$/, ''),
    delimiter,
  ]);
}

function teardown(plan: Plan, refs: string[]): string[] {
  return [
    '',
    '# What this script started, so that teardown touches nothing else.',
    'perf_pid=',
    'sleep_pid=',
    ...plan.workloads.map((w) => `${w.ref}=`),
    'sized=',
    '',
    'teardown() {',
    "  trap '' HUP INT PIPE TERM",
    '  stop "$sleep_pid" TERM',
    '  stop "$perf_pid" INT',
    '  perf_pid=',
    '  if [ -n "$sized" ]; then',
    ...plan.layout.kdamonds.map((k) => `    stop_kdamond ${k.index}`),
    `    printf '0\\n' > "$ADMIN/${NR_KDAMONDS}" || printf 'plan.sh: could not reset nr_kdamonds\\n' >&2`,
    '    sized=',
    '  fi',
    ...refs.map((ref) =>
      plan.workloads.find((w) => w.ref === ref)?.kind === 'command'
        ? `  stop "$${ref}" TERM group`
        : `  stop "$${ref}" TERM`,
    ),
    ...refs.map((ref) => `  ${ref}=`),
    '}',
    '',
  ];
}

function stepLines(step: Step, plan: Plan): string[] {
  switch (step.op) {
    case 'write': {
      const lines = [...literalQuoting([step.value]), `write ${step.path} ${shellQuote(step.value)}`];
      if (step.path === NR_KDAMONDS) lines.push('sized=1');
      return lines;
    }
    case 'write-pid':
      return [`write ${step.path} "$${step.ref}"`];
    case 'start-workload':
      return startWorkload(plan.workloads.find((x) => x.ref === step.ref)!);
    case 'attach-workload':
      return [
        `# ${step.ref}: process ${step.pid}, which runs already (never stopped by this script)`,
        `kill -0 ${step.pid} 2> /dev/null || die "there is no process ${step.pid} to monitor"`,
        `${step.ref}=${step.pid}`,
      ];
    case 'start-recorder': {
      const events = step.events.map((e) => `-e ${shellQuote(e)}`).join(' ');
      const record = `"$PERF" record -a --no-buildid --no-buildid-cache -k ${step.clock} ${events}`;
      const output = `-o - > "$OUT/${step.output}" 2> "$OUT/logs/perf.log" &`;
      return [
        '# perf 5.10+ starts with its events off and acks the enable that turns them on: its',
        "# file's header comes before it records (it synthesizes every task first), and DAMON's",
        '# first snapshots would go unrecorded. Older perf: its header is the best sign there is.',
        'if "$PERF" record -h 2>&1 | grep -q -- \'--control\'; then',
        '  perf_fifos=$(mktemp -d) || die "mktemp failed"',
        '  mkfifo "$perf_fifos/ctl" "$perf_fifos/ack" || die "cannot make perf\'s control fifos in $perf_fifos"',
        '  exec 8<> "$perf_fifos/ctl" 9<> "$perf_fifos/ack"',
        `  ${record} --delay=-1 --control=fd:8,9 ${output}`,
        '  perf_pid=$!',
        "  # Says 'gone' on the ack fifo should perf end (a zombie until this shell reaps it, which",
        '  # it does not while it reads), or take 60 s, before it acks.',
        '  (',
        '    tries=0',
        '    while kill -0 "$perf_pid" 2> /dev/null && ! grep -q \'^State:[[:space:]]*Z\' "/proc/$perf_pid/status" 2> /dev/null &&',
        '      [ "$tries" -le 600 ]; do',
        '      sleep 0.1',
        '      tries=$((tries + 1))',
        '    done',
        '    echo gone >&9',
        '  ) &',
        '  perf_watch=$!',
        "  printf 'enable\\n' >&8",
        '  read -r perf_ack <&9',
        '  kill "$perf_watch" 2> /dev/null',
        '  rm -rf "$perf_fifos"',
        '  [ "$perf_ack" = ack ] || die "perf record did not start recording: $(cat "$OUT/logs/perf.log")"',
        'else',
        `  ${record} ${output}`,
        '  perf_pid=$!',
        '  tries=0',
        `  until [ -s "$OUT/${step.output}" ]; do`,
        '    kill -0 "$perf_pid" 2> /dev/null || die "perf record failed: $(cat "$OUT/logs/perf.log")"',
        '    tries=$((tries + 1))',
        '    [ "$tries" -le 100 ] || die "perf record did not start within 10 s"',
        '    sleep 0.1',
        '  done',
        'fi',
      ];
    }
    case 'await-state':
      return [
        `await_state ${step.kdamond} ${step.state} || die "kdamond ${step.kdamond} did not turn ${step.state} within 10 s"`,
      ];
    case 'read-kdamond-pid':
      return [
        `echo "kdamond ${step.kdamond} pid $(cat "$ADMIN/${admin.kdamonds.kdamond(step.kdamond).pid}")" >> "$OUT/kdamonds.txt"`,
      ];
    case 'sleep':
      return [
        `echo "plan.sh: recording for \${DURATION_S} s (plan: ${formatDuration(step.us)})" >&2`,
        'sleep "$DURATION_S" &',
        'sleep_pid=$!',
        'wait "$sleep_pid"',
        'sleep_pid=',
      ];
    case 'convert-trace':
      // Beside its place first: a conversion cut short leaves no half masim.script.
      return [
        `if ! "$PERF" script --force -i "$OUT/${step.input}" > "$OUT/${step.output}.new" || ! mv "$OUT/${step.output}.new" "$OUT/${step.output}"; then`,
        `  rm -f "$OUT/${step.output}.new"`,
        '  die "perf script failed"',
        'fi',
      ];
    case 'stop-recorder':
    case 'stop-kdamond':
    case 'stop-workload':
      return []; // the teardown function does these
  }
}

function startWorkload(w: PlanWorkload): string[] {
  if (w.kind === 'pid') return [];
  const [program, ...args] =
    w.kind === 'masim'
      ? [w.binary === null ? '"$MASIM"' : shellQuote(w.binary), ...w.args.map(shellQuote), `"$OUT/${w.config}"`]
      : w.argv.map(shellQuote);
  const words = w.kind === 'masim' ? [w.binary ?? '', ...w.args] : w.argv;
  // A command in a session (and process group) of its own, where setsid is: stopping it stops what
  // it started too (`sleep 100; true` runs sleep in a child of its shell).
  const session = w.kind === 'command' ? 'run_apart ' : '';
  const start = `${session}${[program, ...args].join(' ')}`;
  // The subshell that `&` makes changes folder; run_apart's exec keeps $! the command's pid.
  const inFolder = w.kind === 'command' && w.cwd ? `{ cd ${shellQuote(w.cwd)} && ${start}; }` : start;
  return [
    `# ${w.ref}: ${oneLine(commandLine(w))}`,
    ...literalQuoting(words),
    `${inFolder} > "$OUT/logs/${w.ref}.log" 2>&1 &`,
    `${w.ref}=$!`,
  ];
}

/**
 * Single quotes keep `$`, backquotes and backslashes of a value (a cgroup path, an argument)
 * literal, which is what is meant: shellcheck's warnings that they would not expand (SC2016) or
 * that a backslash does not escape a quote there (SC1003) are off for the line.
 */
function literalQuoting(words: readonly string[]): string[] {
  const codes = [
    ...(words.some((word) => /[$`]/.test(word)) ? ['SC2016'] : []),
    ...(words.some((word) => word.includes('\\')) ? ['SC1003'] : []),
  ];
  return codes.length ? [`# shellcheck disable=${codes.join(',')}`] : [];
}

/**
 * Text safe inside a comment line: control characters shown escaped, C0 (a newline would end the
 * comment) and C1 (U+009B starts a terminal's control sequence when the script is printed).
 */
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

function trimNumber(value: number): string {
  return String(Number(value.toFixed(6)));
}
