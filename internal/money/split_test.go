package money

import (
	"fmt"
	"math"
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

// BenchmarkSplitter measures the integer kernel on the shapes a plan uses:
// a leaf's year over 12 month weights of float precision, and a parent's
// amount over 10 children.
func BenchmarkSplitter(b *testing.B) {
	r := rand.New(rand.NewPCG(5, 6))
	for _, parts := range []int{10, 12, 100} {
		raw := make([]float64, parts)
		for i := range raw {
			raw[i] = 0.5 + r.Float64()
		}
		w := make([]uint64, parts)
		if err := FloatWeights(w, raw); err != nil {
			b.Fatal(err)
		}
		ns := make([]int64, 1024)
		for i := range ns {
			ns[i] = r.Int64N(10_000_000_000)
		}
		dst := make([]int64, parts)
		var s Splitter
		b.Run(fmt.Sprintf("parts=%d", parts), func(b *testing.B) {
			i := 0
			for b.Loop() {
				s.Split(dst, ns[i&1023], w)
				i++
			}
		})
	}
}

// TestFloat64MatchesDecimal checks the fast conversion against decimal's
// own on random, boundary and huge values.
func TestFloat64MatchesDecimal(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	cases := []decimal.Decimal{
		decimal.Zero, decimal.New(1, -400), decimal.New(1, 400), decimal.New(-5, -324),
		decimal.New(999_999_999_999_999_999, 290), decimal.New(-999_999_999_999_999_999, -340),
		decimal.RequireFromString("123456789012345678901234567890.5"), decimal.New(1<<53+1, 0),
	}
	for range 20000 {
		f := math.Float64frombits(r.Uint64())
		if math.IsNaN(f) || math.IsInf(f, 0) {
			continue
		}
		cases = append(cases, decimal.NewFromFloat(f), decimal.New(r.Int64(), int32(r.IntN(60)-40)))
	}
	for _, d := range cases {
		if got, want := Float64(d), d.InexactFloat64(); got != want && !(got == 0 && want == 0) {
			t.Fatalf("Float64(%s) = %v, InexactFloat64 %v", d, got, want)
		}
	}
}

func BenchmarkFloat64(b *testing.B) {
	d := decimal.NewFromFloat(0.7071735032123456)
	for b.Loop() {
		_ = Float64(d)
	}
}

// TestSplitAmountSmallMatchesBig checks SplitAmount — whose splits of up to
// stackSplit parts take the stack path, the others the 128-bit or the big
// path — against math/big on the same inputs: signed totals, units other
// than powers of ten, and weights whose sum passes 2⁶⁰ (the selection
// branch of the stack path).
func TestSplitAmountSmallMatchesBig(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	units := []decimal.Decimal{decimal.New(1, -2), decimal.New(1, 0), decimal.New(5, 0), decimal.New(25, -2)}
	for k := range 2000 {
		u, _ := NewUnit(units[k%len(units)])
		w := randomDecimalWeights(r, 1+r.IntN(2*stackSplit), 0.2)
		if k%3 == 0 {
			for i := range w {
				if w[i].Sign() > 0 {
					w[i] = decimal.New(r.Int64N(math.MaxInt64/64)+1, 0)
				}
			}
		}
		n := r.Int64N(MaxCount) - MaxCount/2
		total := u.Amount(n)
		got, err := SplitAmount(total, w, u)
		if err != nil {
			t.Fatalf("SplitAmount(%s, %v) error: %v", total, w, err)
		}
		bw, _ := BigWeights(w)
		want, err := SplitBig(new(big.Int).Abs(big.NewInt(n)), bw)
		if err != nil {
			t.Fatal(err)
		}
		for i, p := range want {
			if n < 0 {
				p.Neg(p)
			}
			if !got[i].Equal(u.BigAmount(p)) {
				t.Fatalf("case %d: %s over %v: part %d = %s, big path %s", k, total, w, i, got[i], u.BigAmount(p))
			}
		}
	}
}

// TestSplitAmountAllocs: a split of a few parts allocates the result and its
// amounts only — one slice and at most two allocations a non-zero part.
func TestSplitAmountAllocs(t *testing.T) {
	u := Cent()
	w := []decimal.Decimal{decimal.New(3, 0), decimal.New(1, 0), decimal.New(4, 0), decimal.New(15, -1), decimal.New(9, 0)}
	total := decimal.New(123_456_789, -2)
	if n := testing.AllocsPerRun(100, func() { _, _ = SplitAmount(total, w, u) }); n > float64(1+2*len(w)) {
		t.Errorf("SplitAmount of %d parts allocates %v times, want at most %d", len(w), n, 1+2*len(w))
	}
	cent := decimal.New(1, -2)
	if n := testing.AllocsPerRun(100, func() { _, _ = NewUnit(cent) }); n > 0 {
		t.Errorf("NewUnit allocates %v times, want 0", n)
	}
}

// TestNetwork12Sorts: network12 sorts every input of twelve zeros and
// ones, so by the zero-one principle every input.
func TestNetwork12Sorts(t *testing.T) {
	for m := range 1 << 12 {
		var a [12]uint64
		for i := range a {
			a[i] = uint64(m >> i & 1)
		}
		for _, c := range network12 {
			a[c[0]], a[c[1]] = min(a[c[0]], a[c[1]]), max(a[c[0]], a[c[1]])
		}
		if !slices.IsSorted(a[:]) {
			t.Fatalf("input %012b sorts to %v", m, a)
		}
	}
}

// TestGiveByNetwork12MatchesRank: the twelve-part route serves the same
// parts as the rank count, ties (the earlier part first) included.
func TestGiveByNetwork12MatchesRank(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	for range 100000 {
		rem := make([]uint64, 12)
		hi := []uint64{2, 5, 1000, 1 << 60}[r.IntN(4)]
		for i := range rem {
			rem[i] = r.Uint64N(hi)
		}
		k := 1 + r.Uint64N(11)
		want, got := make([]int64, 12), make([]int64, 12)
		giveByRank(want, rem, k)
		giveByNetwork12(got, rem, k)
		if !slices.Equal(got, want) {
			t.Fatalf("remainders %v, k %d: network %v, rank %v", rem, k, got, want)
		}
	}
}
