package clp

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mathext"
)

// TestGaussSeriesAgreesWithGonum checks the Gauss series against gonum's
// Hypergeo over the range it claims (0 < a ≤ c, b > −1, 0 ≤ z < 0.9),
// including a b below zero as BG/NBD's bracket has it (a − 1 for a < 1),
// and that it declines outside that range.
func TestGaussSeriesAgreesWithGonum(t *testing.T) {
	n := 0
	for _, a := range []float64{0.01, 0.5, 1.976, 7, 40} {
		for _, b := range []float64{-0.99, -0.207, 0.3, 1, 5.5, 30} {
			for _, dc := range []float64{0, 0.25, 1, 13, 150} {
				c := a + dc
				for _, z := range []float64{0, 1e-9, 0.1, 0.47, 0.5, 0.55, 0.8, 0.899} {
					got, ok := gaussSeries(a, b, c, z)
					if !ok {
						continue // too many terms or cancelled: hyp2f1 goes on to gonum
					}
					n++
					want := mathext.Hypergeo(a, b, c, z)
					if math.Abs(got-want) > 1e-13*math.Abs(want) {
						t.Errorf("₂F₁(%v, %v; %v; %v) = %v, gonum %v", a, b, c, z, got, want)
					}
				}
			}
		}
	}
	if n < 500 {
		t.Errorf("only %d points summed", n)
	}
	for _, v := range [][4]float64{{2, 1, 1, 0.5}, {1, -1.5, 2, 0.5}, {1, 1, 2, 0.9}, {-1, 1, 2, 0.5}, {1, 1, 2, math.NaN()}} {
		if _, ok := gaussSeries(v[0], v[1], v[2], v[3]); ok {
			t.Errorf("gaussSeries%v: summed outside its range", v)
		}
	}
}

// TestScoreAllSharesTablesExactly scores a batch large enough to be split
// over goroutines, with counts that repeat (so that the BG/NBD and
// Pareto/NBD scorers reuse their per-x series tables across customers with
// different T) and counts beyond its tables, and checks every result
// against Score bit for bit, for models whose bracket or A₀ takes the
// series, the transformations and the quadrature.
func TestScoreAllSharesTablesExactly(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 3))
	cs := make([]Customer, 9000) // two goroutines of ScoreAll
	for i := range cs {
		x := float64(rng.IntN(60))
		if i%1000 == 0 {
			x = 5000 + float64(i)
		}
		T := 1 + 80*rng.Float64()
		tx := 0.0
		if x > 0 {
			tx = T * rng.Float64()
		}
		cs[i] = Customer{X: x, Tx: tx, T: T}
	}
	for k, m := range []TransactionModel{
		BGNBD{R: 0.243, Alpha: 4.414, A: 0.793, B: 2.426},
		BGNBD{R: 0.243, Alpha: 4.414, A: 39.793, B: 49.426},
		ParetoNBD{R: 0.553, Alpha: 10.578, S: 0.606, Beta: 11.669}, // α < β: b = r+x
		ParetoNBD{R: 0.553, Alpha: 11.669, S: 0.606, Beta: 10.578}, // α > β: b = s+1
		BGNBD{R: 2.5, Alpha: 0.8, A: 1.004, B: 0.3},                // by quadrature: 0.15 ms a customer
		BGNBD{R: 0.5, Alpha: 60, A: 120, B: 3},
		ParetoNBD{R: 0.5, Alpha: 0.05, S: 2.5, Beta: 40}, // z near one: A₀ by gonum's transformation or the integral
	} {
		cs := cs
		if k >= 4 {
			cs = cs[:300]
		}
		for _, h := range []float64{0, 4, 39, 400} {
			pa, ex := make([]float64, len(cs)), make([]float64, len(cs))
			if err := ScoreAll(m, h, cs, pa, ex); err != nil {
				t.Fatalf("%+v, t %v: %v", m, h, err)
			}
			for i, c := range cs {
				p, e, err := Score(m, h, c)
				if err != nil || math.Float64bits(p) != math.Float64bits(pa[i]) || math.Float64bits(e) != math.Float64bits(ex[i]) {
					t.Fatalf("%+v, t %v, %+v: ScoreAll %v %v; Score %v %v, %v", m, h, c, pa[i], ex[i], p, e, err)
				}
			}
		}
	}
}

// TestParallelFirstReportsTheLowestFailure checks that the batch runner,
// whose goroutines take chunks from a counter, reports the failure of the
// lowest index whatever the order the chunks finish in, runs every index
// before it, and visits each index once.
func TestParallelFirstReportsTheLowestFailure(t *testing.T) {
	const n = 100_000
	for _, bad := range [][]int{nil, {99_999}, {70_000, 3}, {50_000, 50_001, 20_000}, {0}} {
		visits := make([]int32, n)
		isBad := map[int]bool{}
		want := -1
		for _, b := range bad {
			isBad[b] = true
			if want < 0 || b < want {
				want = b
			}
		}
		err := parallelFirstWith(n, 1024, func() func(int) error {
			return func(i int) error {
				visits[i]++
				if isBad[i] {
					return fmt.Errorf("%d", i)
				}
				return nil
			}
		})
		switch {
		case want < 0 && err != nil, want >= 0 && (err == nil || err.Error() != fmt.Sprint(want)):
			t.Fatalf("failures at %v: error %v, want %d", bad, err, want)
		}
		last := n
		if want >= 0 {
			last = want + 1
		}
		for i, v := range visits {
			if v > 1 || i < last && v != 1 {
				t.Fatalf("failures at %v: index %d run %d times", bad, i, v)
			}
		}
	}
}

// TestCompressMergesSortedHalves checks compress on an input large enough
// for its halves to be sorted on two goroutines and merged (150,000
// continuous summaries, a few repeated, with weights): every distinct
// summary once, in order, with the total of its weights.
func TestCompressMergesSortedHalves(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	cs := make([]Customer, 150_000)
	ws := make([]float64, len(cs))
	want := map[Customer]float64{}
	for i := range cs {
		if i > 0 && i%7 == 0 {
			cs[i] = cs[rng.IntN(i)]
		} else {
			T := 1 + 50*rng.Float64()
			cs[i] = Customer{X: float64(1 + rng.IntN(20)), Tx: T * rng.Float64(), T: T}
		}
		ws[i] = float64(1 + rng.IntN(4))
		want[cs[i]] += ws[i]
	}
	got, total, err := compress(cs, ws, func(i int, c Customer) error { return c.check(i) })
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("%d summaries, want %d", len(got), len(want))
	}
	var sum float64
	for i, w := range got {
		if i > 0 && compareSummaries(got[i-1], w) >= 0 {
			t.Fatalf("summaries %d and %d out of order: %+v, %+v", i-1, i, got[i-1].c, w.c)
		}
		if want[w.c] != w.w {
			t.Fatalf("%+v: weight %v, want %v", w.c, w.w, want[w.c])
		}
		sum += w.w
	}
	if sum != total {
		t.Fatalf("weights add to %v, total %v", sum, total)
	}
}
