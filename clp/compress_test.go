package clp

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestCompressRoutes checks that both merge routes of compress (the hash
// table for repetitive data, the sort for data where little merges) give
// the merged summaries of a plain reference, sorted, with −0 merged with 0,
// and that the age index numbers every age.
func TestCompressRoutes(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	for _, distinct := range []int{3, 50, 2000, 100000} {
		cs := make([]Customer, 20000)
		for i := range cs {
			k := r.IntN(distinct)
			c := Customer{X: float64(k % 7), T: 27 + float64(k%90)/7}
			if c.X > 0 {
				c.Tx = float64(1+k%180) / 7
				c.Tx = math.Min(c.Tx, c.T)
			} else if i%2 == 0 {
				c.Tx = math.Copysign(0, -1)
			}
			cs[i] = c
		}
		got, total, err := compress(cs, nil, func(i int, c Customer) error { return c.check(i) })
		if err != nil {
			t.Fatal(err)
		}
		ref := map[Customer]float64{}
		for _, c := range cs {
			c.Tx += 0 // −0 + 0 = +0
			ref[c]++
		}
		if total != float64(len(cs)) || len(got) != len(ref) {
			t.Fatalf("distinct %d: %d merged summaries, total %v; want %d, %d", distinct, len(got), total, len(ref), len(cs))
		}
		for i, w := range got {
			if i > 0 && compareSummaries(got[i-1], w) >= 0 {
				t.Fatalf("distinct %d: not sorted at %d: %+v, %+v", distinct, i, got[i-1], w)
			}
			if ref[w.c] != w.w {
				t.Fatalf("distinct %d: %+v has weight %v, want %v", distinct, w.c, w.w, ref[w.c])
			}
		}
		if ix := newAgeIndex(got); ix != nil {
			for i, w := range got {
				if ix.ts[ix.iT[i]] != w.c.T || ix.txs[ix.iTx[i]] != w.c.Tx {
					t.Fatalf("age index of %+v: %v, %v", w.c, ix.ts[ix.iT[i]], ix.txs[ix.iTx[i]])
				}
			}
		}
	}
}

// TestBGNBDAgeTables checks that the pass with tabulated ages gives the
// value and gradient of the pass without.
func TestBGNBDAgeTables(t *testing.T) {
	cs := BGNBD{R: 0.24, Alpha: 4.4, A: 0.79, B: 2.4}.Simulate(40000, 39, 1.0/7, rand.NewPCG(1, 2))
	ws, _, err := compress(cs, nil, func(i int, c Customer) error { return c.check(i) })
	if err != nil {
		t.Fatal(err)
	}
	ix := newAgeIndex(ws)
	if ix == nil {
		t.Fatal("no age index for ages in days")
	}
	th := []float64{0.3, 5, 0.9, 2.1}
	g1, g2 := make([]float64, 4), make([]float64, 4)
	v1 := bgnbdLL(th, ws, maxRepeat(ws), nil, g1)
	v2 := bgnbdLL(th, ws, maxRepeat(ws), ix, g2)
	if math.Abs(v1-v2) > 1e-12*math.Abs(v1) {
		t.Fatalf("value %v with tables, %v without", v2, v1)
	}
	for j := range g1 {
		if math.Abs(g1[j]-g2[j]) > 1e-10*math.Max(1, math.Abs(g1[j])) {
			t.Fatalf("gradient %d: %v with tables, %v without", j, g2[j], g1[j])
		}
	}
}
