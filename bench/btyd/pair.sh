#!/usr/bin/env bash
# Runs a BTYD workload side by side: the scipy peer of ../shared/bench and
# ours on the same raw float64 file, alternating, PAIRS times, printing
# each run (compute seconds, parameters or sums) for BENCHMARKS.md.
#
#   BENCH_DATA=DIR bench/btyd/pair.sh gg gg_100000.f64
#   BENCH_DATA=DIR bench/btyd/pair.sh bgnbd bgnbd_1000000.f64 --analytic --compress
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
bin=$(mktemp -d)/ours
go build -o "$bin" ./bench/btyd/ours
echo "load: $(uptime)"
for _ in $(seq "$PAIRS"); do
	"$PY" "$PEERS/btyd_run.py" "$wl" "$file" "$@"
	"$bin" "$wl" "$file"
done
