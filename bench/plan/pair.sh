#!/usr/bin/env bash
# Runs the plan side by side: numpy's exact split with the roll-up of
# ../shared/bench/plan_run.py and ours (bench/plan/ours) on the same raw
# float64 inputs, alternating, PAIRS times, each a whole process under
# /usr/bin/time (wall seconds, peak resident memory) that also prints its
# compute seconds by its own clock. First both write their leaf cells and
# cmp(1) checks that the plans are identical.
#
#   BENCH_DATA=DIR bench/plan/pair.sh 100000
#
# The inputs come from ../shared/bench/gen_data.py (BENCH_DATA=DIR python3
# gen_data.py plan). Needs the distribution's python3-numpy; skips cleanly
# without it or without the peer.
set -euo pipefail
cd "$(dirname "$0")/../.."
PAIRS=${PAIRS:-5}
PEERS=../shared/bench
PY=/usr/bin/python3
DIR=${BENCH_DATA:?set BENCH_DATA to the directory of the gen_data.py files}
in=$DIR/plan_${1:?leaves: 1000, 10000, 100000 or 1000000}
if [ ! -f "$PEERS/plan_run.py" ] || ! "$PY" -c 'import numpy' 2>/dev/null; then
	echo "skip: no $PEERS/plan_run.py or no numpy for $PY (apt-get install python3-numpy)"
	exit 0
fi
[ -s "$in/shape.txt" ] || { echo "skip: no $in (run gen_data.py plan)"; exit 0; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/ours" ./bench/plan/ours
"$PY" "$PEERS/plan_run.py" "$in" exact_rollup --out "$tmp/peer.i64" >/dev/null
"$tmp/ours" -out "$tmp/ours.i64" "$in" >/dev/null
cmp "$tmp/peer.i64" "$tmp/ours.i64" && echo "cells identical: $(($(stat -c %s "$tmp/ours.i64") / 8)) int64"
rm -f "$tmp"/*.i64
echo "load: $(uptime)"
for _ in $(seq "$PAIRS"); do
	/usr/bin/time -f "  peer process %e s, peak %M KB" "$PY" "$PEERS/plan_run.py" "$in" exact_rollup
	/usr/bin/time -f "  ours process %e s, peak %M KB" "$tmp/ours" "$in"
done
