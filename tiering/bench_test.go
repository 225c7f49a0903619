package tiering

import (
	"encoding/binary"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

// BenchmarkNaturalBreaks classifies n lognormal profits (few ties) into
// k = 4 classes.
func BenchmarkNaturalBreaks(b *testing.B) {
	for _, n := range []int{10_000, 100_000, 1_000_000} {
		r := rand.New(rand.NewPCG(7, uint64(n)))
		values := make([]float64, n)
		for i := range values {
			values[i] = math.Exp(r.NormFloat64()*1.2 + 10)
		}
		b.Run(fmt.Sprintf("values=%d", n), func(b *testing.B) {
			for b.Loop() {
				if _, err := NaturalBreaks(values, 4); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkNaturalBreaksPeerInput classifies the values R's classInt
// benchmark draws (../shared/bench/classint_fisher.R: rlnorm(n, 10, 1.2),
// seed 1), written as raw little-endian float64 to $BENCH_DATA/fisher_N.f64
// (see BENCHMARKS.md), so that both sides classify the same numbers. It is
// skipped without those files.
func BenchmarkNaturalBreaksPeerInput(b *testing.B) {
	dir := os.Getenv("BENCH_DATA")
	if dir == "" {
		b.Skip("BENCH_DATA not set")
	}
	for _, n := range []int{10_000, 100_000, 1_000_000} {
		raw, err := os.ReadFile(filepath.Join(dir, fmt.Sprintf("fisher_%d.f64", n)))
		if err != nil {
			b.Logf("skipping n = %d: %v", n, err)
			continue
		}
		values := make([]float64, len(raw)/8)
		for i := range values {
			values[i] = math.Float64frombits(binary.LittleEndian.Uint64(raw[8*i:]))
		}
		bounds, err := NaturalBreaks(values, 4)
		if err != nil {
			b.Fatal(err)
		}
		b.Logf("n=%d upper bounds %.8g; as classInt reports them %.8g", n, bounds, midpoints(values, bounds))
		b.Run(fmt.Sprintf("values=%d", n), func(b *testing.B) {
			for b.Loop() {
				if _, err := NaturalBreaks(values, 4); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// midpoints returns the bounds as classInt reports them: each interior
// break the midpoint between the greatest value of a class and the least of
// the next, where jenkspy and this package report the greatest.
func midpoints(values, bounds []float64) []float64 {
	sorted := slices.Clone(values)
	slices.Sort(sorted)
	mids := slices.Clone(bounds)
	for k, u := range bounds[1 : len(bounds)-1] {
		i, _ := slices.BinarySearch(sorted, u)
		for i < len(sorted) && sorted[i] <= u {
			i++
		}
		mids[k+1] = (u + sorted[i]) / 2
	}
	return mids
}

// BenchmarkAssign tiers n customers by pyramid shares.
func BenchmarkAssign(b *testing.B) {
	for _, n := range []int{10_000, 1_000_000} {
		r := rand.New(rand.NewPCG(9, uint64(n)))
		values := make([]float64, n)
		for i := range values {
			values[i] = math.Exp(r.NormFloat64()*1.2+10) - 3000
		}
		for _, m := range []Method{ByShares, ByProfitShare} {
			b.Run(fmt.Sprintf("customers=%d/%s", n, m), func(b *testing.B) {
				for b.Loop() {
					if _, err := Assign(values, Options{Method: m}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkScoreRFM scores n customers from 10·n events (amounts in cents).
func BenchmarkScoreRFM(b *testing.B) {
	for _, n := range []int{10_000, 1_000_000} {
		r := rand.New(rand.NewPCG(11, uint64(n)))
		ids := make([]string, n)
		for i := range ids {
			ids[i] = fmt.Sprintf("C%07d", i)
		}
		start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
		events := make([]Event, 10*n)
		for k := range events {
			events[k] = Event{Customer: ids[r.IntN(n)], Date: start.AddDate(0, 0, r.IntN(900)),
				Amount: decimal.New(r.Int64N(1_000_000), -2)}
		}
		asOf := start.AddDate(0, 0, 900)
		b.Run(fmt.Sprintf("customers=%d/events=%d", n, len(events)), func(b *testing.B) {
			for b.Loop() {
				if _, err := ScoreRFM(events, RFMOptions{AsOf: asOf}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
