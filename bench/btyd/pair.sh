#!/usr/bin/env bash
# Runs a BTYD workload side by side: the scipy peer of ../shared/bench and
# ours on the same raw float64 file, alternating, PAIRS times, printing
# each run (compute seconds, parameters or sums) for BENCHMARKS.md.
#
#   BENCH_DATA=DIR bench/btyd/pair.sh gg gg_100000.f64
#   BENCH_DATA=DIR bench/btyd/pair.sh bgnbd bgnbd_1000000.f64 --analytic --compress
#   BENCH_DATA=DIR bench/btyd/pair.sh bgnbd bgnbd_day_1000000.f64 --analytic --compress
#
# The inputs come from ../shared/bench/gen_data.py (BENCH_DATA=DIR python3
# gen_data.py bgnbd gg). Needs the distribution's python3-scipy; skips
# cleanly without it or without the peers.
set -euo pipefail
cd "$(dirname "$0")/../.."
PAIRS=${PAIRS:-5}
PEERS=../shared/bench
PY=/usr/bin/python3
DIR=${BENCH_DATA:?set BENCH_DATA to the directory of the gen_data.py files}
wl=$1 file=$DIR/$2
shift 2
if [ ! -f "$PEERS/btyd_run.py" ] || ! "$PY" -c 'import scipy' 2>/dev/null; then
	echo "skip: no $PEERS/btyd_run.py or no scipy for $PY (apt-get install python3-scipy)"
	exit 0
fi
[ -s "$file" ] || { echo "skip: no $file (run gen_data.py)"; exit 0; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bin=$tmp/ours
go build -o "$bin" ./bench/btyd/ours
case $file in
*_day_*)
	# Dated to the day, a few customers have repeat purchases only on the
	# day of their first (x ≥ 1, t_x = 0), which clp refuses as invalid
	# data. As an event log's summary would (lifetimes merges same-day
	# purchases), both sides fit a copy where those count no repeat purchase.
	clean=$tmp/$(basename "$file" .f64)_sameday.f64
	"$PY" -c 'import sys, numpy as np
a = np.fromfile(sys.argv[1]).reshape(-1, 3); same = (a[:, 0] > 0) & (a[:, 1] == 0)
a[same, 0] = 0; a.tofile(sys.argv[2]); print(f"same-day repeat buyers set to x = 0: {same.sum()} of {len(a)}")' "$file" "$clean"
	file=$clean
	;;
esac
echo "load: $(uptime)"
for _ in $(seq "$PAIRS"); do
	"$PY" "$PEERS/btyd_run.py" "$wl" "$file" "$@"
	"$bin" "$wl" "$file"
done
