package strategy

import (
	"fmt"
	"math/rand/v2"
	"slices"
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

// benchBaskets draws baskets holding about lines purchases over products
// products, with the popularity and companion structure of
// bench/rules/gen.
func benchBaskets(lines, products int) [][]string {
	r := rand.New(rand.NewPCG(1, 2))
	names := make([]string, products)
	for i := range names {
		names[i] = fmt.Sprintf("P%04d", i)
	}
	cum := make([]float64, products)
	s := 0.0
	for k := range cum {
		s += 1 / float64(k+10)
		cum[k] = s
	}
	var out [][]string
	for written := 0; written < lines; {
		n := 1 + int(r.ExpFloat64()*9+0.5)
		var b []string
		for k := 0; k < n && written < lines; k++ {
			u := r.Float64() * s
			p, _ := slices.BinarySearch(cum, u)
			p = min(p, products-1)
			b = append(b, names[p])
			written++
			for _, c := range []int{(p*7 + 3) % products, (p*13 + 5) % products} {
				if written < lines && r.Float64() < 0.5 {
					b = append(b, names[c])
					written++
				}
			}
		}
		out = append(out, b)
	}
	return out
}

func BenchmarkAssociationRules(b *testing.B) {
	for _, tc := range []struct {
		lines, maxItems int
		support         float64
	}{
		{10_000, 2, 0.05}, {100_000, 2, 0.005}, {1_000_000, 2, 0.001},
		{100_000, 0, 0.02}, {1_000_000, 0, 0.005},
	} {
		baskets := benchBaskets(tc.lines, 1000)
		b.Run(fmt.Sprintf("lines=%d/items=%d/support=%v", tc.lines, tc.maxItems, tc.support), func(b *testing.B) {
			var rules []Rule
			for b.Loop() {
				var err error
				if rules, err = AssociationRules(baskets, RuleOptions{MinSupport: tc.support, MinConfidence: 0.1, MaxItems: tc.maxItems}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(rules)), "rules")
		})
	}
}

// BenchmarkSelectHard is the exact search at harder settings: a gap of 60 %
// of the candidates' revenue, several required probabilities.
func BenchmarkSelectHard(b *testing.B) {
	for _, req := range []float64{0.5, 0.8, 0.95} {
		for _, seed := range []uint64{3, 4} {
			cands, _ := benchCandidates(25, seed)
			var total decimal.Decimal
			for _, c := range cands {
				total = total.Add(c.Revenue)
			}
			gap := total.Mul(decimal.NewFromFloat(0.45)).Round(2)
			b.Run(fmt.Sprintf("p=%v/seed=%d", req, seed), func(b *testing.B) {
				var s Selection
				for b.Loop() {
					var err error
					if s, err = Select(gap, cands, req, SelectOptions{}); err != nil {
						b.Skip(err)
					}
				}
				b.ReportMetric(float64(s.Nodes), "nodes")
			})
		}
	}
}
