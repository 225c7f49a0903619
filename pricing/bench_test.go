package pricing

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// simulatedPSM draws n respondents with prices in cents around 10, 12, 15
// and 19, the way survey answers cluster on round figures.
func simulatedPSM(n int, seed uint64) []Respondent {
	r := rand.New(rand.NewPCG(seed, 7))
	round := func(x float64) float64 { return math.Round(x*20) / 20 }
	rs := make([]Respondent, n)
	for i := range rs {
		base := 10 + 2*r.NormFloat64()
		rs[i] = Respondent{
			TooCheap:     round(base * 0.6),
			Cheap:        round(base * (0.8 + 0.1*r.Float64())),
			Expensive:    round(base * (1.2 + 0.2*r.Float64())),
			TooExpensive: round(base * (1.6 + 0.4*r.Float64())),
			IntentCheap:  3 + r.IntN(3), IntentExpensive: 1 + r.IntN(3),
		}
	}
	return rs
}

func BenchmarkVanWestendorp(b *testing.B) {
	for _, n := range []int{1_000, 100_000, 1_000_000} {
		rs := simulatedPSM(n, 1)
		b.Run(fmt.Sprintf("respondents=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := VanWestendorp(rs, PSMOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkGaborGranger(b *testing.B) {
	prices := []float64{8, 10, 12, 14, 16, 18, 20, 24, 28, 32}
	for _, n := range []int{10_000, 1_000_000} {
		r := rand.New(rand.NewPCG(2, 3))
		answers := make([]GGAnswer, n)
		ids := make([]string, n/len(prices)+1)
		for i := range ids {
			ids[i] = fmt.Sprintf("R%07d", i)
		}
		for k := range answers {
			p := prices[k%len(prices)]
			answers[k] = GGAnswer{Respondent: ids[k/len(prices)], Price: p, Buy: r.Float64() < 1.2-p/30}
		}
		b.Run(fmt.Sprintf("answers=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := GaborGranger(answers, GGOptions{UnitCost: 6}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
