#!/usr/bin/env bash
# Runs the association-rule benchmark side by side: pandas and ours on the
# same purchase file, alternating, PAIRS times, and prints each run.
# Needs python3-pandas (apt-get install python3-pandas); skips without it.
set -euo pipefail
cd "$(dirname "$0")/../.."
PAIRS=${PAIRS:-7}
DIR=${BENCH_DATA:-$(mktemp -d)}
PY=/usr/bin/python3
if ! "$PY" -c 'import pandas' 2>/dev/null; then
	echo "skip: $PY has no pandas (apt-get install python3-pandas)"
	exit 0
fi
[ -s "$DIR/purchases.csv" ] || go run ./bench/rules/gen -lines 1000000 -products 1000 > "$DIR/purchases.csv"
go build -o "$DIR/ours" ./bench/rules/ours
echo "load: $(uptime)"
for i in $(seq "$PAIRS"); do
	"$PY" bench/rules/rules_pandas.py "$DIR/purchases.csv" 0.001 0.1
	"$DIR/ours" -support 0.001 -confidence 0.1 "$DIR/purchases.csv"
done
