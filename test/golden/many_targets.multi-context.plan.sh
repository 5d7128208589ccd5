#!/bin/sh
# plan.sh for run 'run' of many_targets, written by damon-exp.
# Runs the experiment on a DAMON machine without Node; run it as root:
#   sh plan.sh [OUTDIR]          (OUTDIR, new or empty, defaults to ./results)
# Environment: MASIM (masim program; default masim from PATH), PERF (default perf),
#   DAMON_ADMIN (default /sys/kernel/mm/damon/admin), DURATION_S (recording length in
#   seconds; default 30).
# Layout: one kdamond with one context, as written.
set -u

ADMIN=${DAMON_ADMIN:-/sys/kernel/mm/damon/admin}
MASIM=${MASIM:-masim}
PERF=${PERF:-perf}
DURATION_S=${DURATION_S:-30}
OUT=${1:-results}

die() {
  printf 'plan.sh: %s\n' "$*" >&2
  exit 1
}

# write FILE VALUE: write VALUE to the DAMON sysfs FILE, retrying twice (EBUSY from a
# contended sysfs lock is transient), or stop with the reason.
write() {
  for delay in 0.1 0.3; do
    { printf '%s\n' "$2" > "$ADMIN/$1"; } 2> /dev/null && return 0
    sleep "$delay"
  done
  { printf '%s\n' "$2" > "$ADMIN/$1"; } || die "writing '$2' to $ADMIN/$1 failed"
}

# state_is K STATE: does kdamond K read STATE?
state_is() {
  [ "$(cat "$ADMIN/kdamonds/$1/state" 2> /dev/null)" = "$2" ]
}

# await_state K STATE: wait up to 10 s for kdamond K to read STATE.
await_state() {
  tries=0
  until state_is "$1" "$2"; do
    tries=$((tries + 1))
    [ "$tries" -le 100 ] || return 1
    sleep 0.1
  done
}

# stop_kdamond K: switch kdamond K off if it runs (a vaddr kdamond whose targets all
# exited has stopped by itself, and off would fail).
stop_kdamond() {
  if state_is "$1" on; then
    { printf 'off\n' > "$ADMIN/kdamonds/$1/state" && await_state "$1" off; } ||
      printf 'plan.sh: kdamond %s did not stop\n' "$1" >&2
  fi
}

# run_apart COMMAND...: COMMAND in a session of its own where setsid is, so that its process
# group holds what it starts, and stopping the group stops them all.
run_apart() {
  if command -v setsid > /dev/null; then exec setsid "$@"; else exec "$@"; fi
}

# stop PID SIGNAL [group]: send SIGNAL to a process this script started (with group: to
# its process group, which holds what a command started), wait for it to end, and SIGKILL
# what is still there after 5 s. The watchdog ends as soon as its target is gone.
stop() {
  [ -n "$1" ] || return 0
  target=$1
  if [ "${3:-}" = group ] && kill -0 "-$1" 2> /dev/null; then target=-$1; fi
  kill -"$2" "$target" 2> /dev/null || return 0
  (
    tenths=0
    while kill -0 "$target" 2> /dev/null; do
      if [ "$tenths" -ge 50 ]; then kill -KILL "$target" 2> /dev/null; break; fi
      if sleep 0.1 2> /dev/null; then tenths=$((tenths + 1)); else sleep 1; tenths=$((tenths + 10)); fi
    done
  ) &
  watchdog=$!
  wait "$1" 2> /dev/null
  wait "$watchdog" 2> /dev/null
}

[ -d "$ADMIN/kdamonds" ] || die "no DAMON sysfs at $ADMIN (needs CONFIG_DAMON_SYSFS; is sysfs mounted?)"
[ -w "$ADMIN/kdamonds/nr_kdamonds" ] || die "cannot write $ADMIN/kdamonds/nr_kdamonds: run as root"
for kdamond in "$ADMIN"/kdamonds/*; do
  [ -e "$kdamond/state" ] || continue
  if [ "$(cat "$kdamond/state")" = on ]; then
    die "a kdamond this script did not start is running ($kdamond, pid $(cat "$kdamond/pid")); its owner must stop it first"
  fi
done
if [ "$(cat "$ADMIN/kdamonds/nr_kdamonds")" != 0 ]; then
  die "$ADMIN/kdamonds/nr_kdamonds is $(cat "$ADMIN/kdamonds/nr_kdamonds"): kdamonds this script did not create are set up (stopped); if they are yours, remove them with: echo 0 > $ADMIN/kdamonds/nr_kdamonds"
fi
command -v "$PERF" > /dev/null || die "perf not found (set PERF=/path/to/perf)"
command -v "$MASIM" > /dev/null || die "masim not found (set MASIM=/path/to/masim)"
if [ -e "$OUT" ] && [ -n "$(ls -A "$OUT")" ]; then
  die "$OUT already holds files; give a new or empty directory, so that no earlier result is overwritten"
fi
mkdir -p "$OUT/workloads" "$OUT/logs" || die "cannot create $OUT"

cat > "$OUT/workloads/zigzag.cfg" <<'DAMON_EXP_CONFIG_END'
# zigzag: two 100 MB regions, both accessed for 10 s, then one at a time in turn, 5 s each, 12 times
a, 100000000
b, 100000000

both regions
10000
a, 0, 4096, 1
b, 0, 4096, 1

only a (1)
5000
a, 0, 4096, 50

only b (1)
5000
b, 0, 4096, 50

only a (2)
5000
a, 0, 4096, 50

only b (2)
5000
b, 0, 4096, 50

only a (3)
5000
a, 0, 4096, 50

only b (3)
5000
b, 0, 4096, 50

only a (4)
5000
a, 0, 4096, 50

only b (4)
5000
b, 0, 4096, 50

only a (5)
5000
a, 0, 4096, 50

only b (5)
5000
b, 0, 4096, 50

only a (6)
5000
a, 0, 4096, 50

only b (6)
5000
b, 0, 4096, 50
DAMON_EXP_CONFIG_END
cat > "$OUT/workloads/demo.cfg" <<'DAMON_EXP_CONFIG_END'
# demo: two 100 MB regions, both accessed for 10 s, then one at a time in turn, 5 s each, 6 times
a, 100000000
b, 100000000

both regions
10000
a, 0, 4096, 1
b, 0, 4096, 1

only a (1)
5000
a, 0, 4096, 50

only b (1)
5000
b, 0, 4096, 50

only a (2)
5000
a, 0, 4096, 50

only b (2)
5000
b, 0, 4096, 50

only a (3)
5000
a, 0, 4096, 50

only b (3)
5000
b, 0, 4096, 50
DAMON_EXP_CONFIG_END
cat > "$OUT/workloads/stairs.cfg" <<'DAMON_EXP_CONFIG_END'
# stairs: ten 10 MB regions, all accessed for 10 s, then each alone in turn for 5 s
a, 10000000
b, 10000000
c, 10000000
d, 10000000
e, 10000000
f, 10000000
g, 10000000
h, 10000000
i, 10000000
j, 10000000

all regions
10000
a, 0, 4096, 1
b, 0, 4096, 1
c, 0, 4096, 1
d, 0, 4096, 1
e, 0, 4096, 1
f, 0, 4096, 1
g, 0, 4096, 1
h, 0, 4096, 1
i, 0, 4096, 1
j, 0, 4096, 1

step a
5000
a, 0, 4096, 1

step b
5000
b, 0, 4096, 1

step c
5000
c, 0, 4096, 1

step d
5000
d, 0, 4096, 1

step e
5000
e, 0, 4096, 1

step f
5000
f, 0, 4096, 1

step g
5000
g, 0, 4096, 1

step h
5000
h, 0, 4096, 1

step i
5000
i, 0, 4096, 1

step j
5000
j, 0, 4096, 1
DAMON_EXP_CONFIG_END

# What this script started, so that teardown touches nothing else.
perf_pid=
sleep_pid=
w0=
w1=
w2=
sized=

teardown() {
  trap '' HUP INT PIPE TERM
  stop "$sleep_pid" TERM
  stop "$perf_pid" INT
  perf_pid=
  if [ -n "$sized" ]; then
    stop_kdamond 0
    printf '0\n' > "$ADMIN/kdamonds/nr_kdamonds" || printf 'plan.sh: could not reset nr_kdamonds\n' >&2
    sized=
  fi
  stop "$w0" TERM
  stop "$w1" TERM
  stop "$w2" TERM
  w0=
  w1=
  w2=
}

trap teardown EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 141' PIPE
trap 'exit 143' TERM

write kdamonds/nr_kdamonds 1
sized=1
write kdamonds/0/contexts/nr_contexts 1
write kdamonds/0/contexts/0/operations vaddr
write kdamonds/0/contexts/0/monitoring_attrs/intervals/sample_us 5000
write kdamonds/0/contexts/0/monitoring_attrs/intervals/aggr_us 100000
write kdamonds/0/contexts/0/monitoring_attrs/intervals/update_us 1000000
write kdamonds/0/contexts/0/monitoring_attrs/nr_regions/min 10
write kdamonds/0/contexts/0/monitoring_attrs/nr_regions/max 1000
write kdamonds/0/contexts/0/targets/nr_targets 3
# perf 5.10+ starts with its events off and acks the enable that turns them on: its
# file's header comes before it records (it synthesizes every task first), and DAMON's
# first snapshots would go unrecorded. Older perf: its header is the best sign there is.
if "$PERF" record -h 2>&1 | grep -q -- '--control'; then
  perf_fifos=$(mktemp -d) || die "mktemp failed"
  mkfifo "$perf_fifos/ctl" "$perf_fifos/ack" || die "cannot make perf's control fifos in $perf_fifos"
  exec 8<> "$perf_fifos/ctl" 9<> "$perf_fifos/ack"
  "$PERF" record -a --no-buildid --no-buildid-cache -k CLOCK_MONOTONIC -e damon:damon_aggregated --delay=-1 --control=fd:8,9 -o - > "$OUT/masim.data" 2> "$OUT/logs/perf.log" &
  perf_pid=$!
  # Says 'gone' on the ack fifo should perf end (a zombie until this shell reaps it, which
  # it does not while it reads), or take 60 s, before it acks.
  (
    tries=0
    while kill -0 "$perf_pid" 2> /dev/null && ! grep -q '^State:[[:space:]]*Z' "/proc/$perf_pid/status" 2> /dev/null &&
      [ "$tries" -le 600 ]; do
      sleep 0.1
      tries=$((tries + 1))
    done
    echo gone >&9
  ) &
  perf_watch=$!
  printf 'enable\n' >&8
  read -r perf_ack <&9
  kill "$perf_watch" 2> /dev/null
  rm -rf "$perf_fifos"
  [ "$perf_ack" = ack ] || die "perf record did not start recording: $(cat "$OUT/logs/perf.log")"
else
  "$PERF" record -a --no-buildid --no-buildid-cache -k CLOCK_MONOTONIC -e damon:damon_aggregated -o - > "$OUT/masim.data" 2> "$OUT/logs/perf.log" &
  perf_pid=$!
  tries=0
  until [ -s "$OUT/masim.data" ]; do
    kill -0 "$perf_pid" 2> /dev/null || die "perf record failed: $(cat "$OUT/logs/perf.log")"
    tries=$((tries + 1))
    [ "$tries" -le 100 ] || die "perf record did not start within 10 s"
    sleep 0.1
  done
fi
# w0: masim workloads/zigzag.cfg
"$MASIM" "$OUT/workloads/zigzag.cfg" > "$OUT/logs/w0.log" 2>&1 &
w0=$!
# w1: masim workloads/demo.cfg
"$MASIM" "$OUT/workloads/demo.cfg" > "$OUT/logs/w1.log" 2>&1 &
w1=$!
# w2: masim workloads/stairs.cfg
"$MASIM" "$OUT/workloads/stairs.cfg" > "$OUT/logs/w2.log" 2>&1 &
w2=$!
write kdamonds/0/contexts/0/targets/0/pid_target "$w0"
write kdamonds/0/contexts/0/targets/1/pid_target "$w1"
write kdamonds/0/contexts/0/targets/2/pid_target "$w2"
write kdamonds/0/state on
await_state 0 on || die "kdamond 0 did not turn on within 10 s"
echo "kdamond 0 pid $(cat "$ADMIN/kdamonds/0/pid")" >> "$OUT/kdamonds.txt"
echo "plan.sh: recording for ${DURATION_S} s (plan: 30 s)" >&2
sleep "$DURATION_S" &
sleep_pid=$!
wait "$sleep_pid"
sleep_pid=

teardown
trap - EXIT

if ! "$PERF" script --force -i "$OUT/masim.data" > "$OUT/masim.script.new" || ! mv "$OUT/masim.script.new" "$OUT/masim.script"; then
  rm -f "$OUT/masim.script.new"
  die "perf script failed"
fi
echo "plan.sh: done; results in $OUT" >&2
