package strategy

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/salesgrowth/salesgrowth/target"
)

// benchCandidates draws n candidates with revenues in whole cents between
// 10,000 and 500,000 and their gap, 40 % of the total revenue.
func benchCandidates(n int, seed uint64) ([]Initiative, decimal.Decimal) {
	r := rand.New(rand.NewPCG(seed, 1))
	out := make([]Initiative, n)
	var total int64
	for i := range out {
		rev := 1_000_000 + r.Int64N(49_000_000)
		total += rev
		out[i] = Initiative{
			Name:        fmt.Sprintf("c%02d", i),
			Quadrant:    Quadrant(r.IntN(4)),
			Revenue:     decimal.New(rev, -2),
			Probability: 0.2 + 0.75*r.Float64(),
			Cost:        decimal.New(100_000+r.Int64N(5_000_000), -2),
			Start:       target.Month(1 + r.IntN(12)),
		}
	}
	return out, decimal.New(total*4/10, -2)
}

func BenchmarkSelect(b *testing.B) {
	for _, n := range []int{10, 20, 25} {
		cands, gap := benchCandidates(n, 7)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			var s Selection
			for b.Loop() {
				var err error
				if s, err = Select(gap, cands, 0.8, SelectOptions{}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(s.Nodes), "nodes")
		})
	}
}
