package money

import (
	"math/big"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/shopspring/decimal"
)

// randomDecimalWeights returns n random weights of mixed scales, a share
// zeros of them zero.
func randomDecimalWeights(r *rand.Rand, n int, zeros float64) []decimal.Decimal {
	w := make([]decimal.Decimal, n)
	for i := range w {
		if r.Float64() < zeros {
			w[i] = decimal.Zero
			continue
		}
		w[i] = decimal.New(r.Int64N(1_000_000_000)+1, -int32(r.IntN(6)))
	}
	if slices.IndexFunc(w, func(d decimal.Decimal) bool { return d.Sign() > 0 }) < 0 {
		w[r.IntN(n)] = decimal.NewFromInt(1)
	}
	return w
}

// TestSplitFastMatchesBig checks the 128-bit path against the math/big
// path on the same inputs.
func TestSplitFastMatchesBig(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 500 {
		w := randomDecimalWeights(r, 1+r.IntN(30), 0.3)
		n := r.Int64N(1_000_000_000_000_000_000)
		fast := make([]int64, len(w))
		uw := make([]uint64, len(w))
		sum, ok, err := ScaleWeights(uw, w)
		if err != nil || !ok {
			t.Fatalf("ScaleWeights(%v) = %v, %v", w, ok, err)
		}
		var s Splitter
		s.splitUnsigned(fast, uint64(n), uw, sum)
		bw, _ := BigWeights(w)
		slow, err := SplitBig(big.NewInt(n), bw)
		if err != nil {
			t.Fatal(err)
		}
		for i := range fast {
			if slow[i].Int64() != fast[i] {
				t.Fatalf("n=%d weights %v: part %d fast %d, big %s", n, w, i, fast[i], slow[i])
			}
		}
	}
}

func TestKthLargest(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for _, n := range []int{1, 2, 5, 15, 16, 17, 100, 1000} {
		for range 20 {
			a := make([]uint64, n)
			for i := range a {
				a[i] = r.Uint64N(uint64(n/3 + 1)) // many ties
			}
			sorted := slices.Clone(a)
			slices.Sort(sorted)
			k := 1 + r.IntN(n)
			if got, want := kthLargest(slices.Clone(a), k), sorted[n-k]; got != want {
				t.Fatalf("kthLargest(%v, %d) = %d, want %d", a, k, got, want)
			}
		}
	}
}
