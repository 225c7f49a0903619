package money

import (
	"errors"
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func unit(t *testing.T, s string) Unit {
	t.Helper()
	u, err := NewUnit(d(s))
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestNewUnitInvalid(t *testing.T) {
	for _, s := range []string{"0", "-0.01"} {
		if _, err := NewUnit(d(s)); !errors.Is(err, ErrInvalidUnit) {
			t.Errorf("NewUnit(%s) error = %v, want ErrInvalidUnit", s, err)
		}
	}
	var zero Unit
	if _, err := zero.Count(d("1")); !errors.Is(err, ErrInvalidUnit) {
		t.Errorf("Unit{}.Count(1) error = %v, want ErrInvalidUnit", err)
	}
}

func TestCount(t *testing.T) {
	tests := []struct {
		unit, amount string
		want         int64
		err          error
	}{
		{"0.01", "12.34", 1234, nil},
		{"0.01", "-12.3", -1230, nil},
		{"1000", "25000", 25, nil},
		{"0.05", "0.15", 3, nil},
		{"0.01", "0.001", 0, ErrNotMultiple},
		{"0.01", "10000000000000000", 1e18, nil},
		{"0.01", "10000000000000000.01", 0, ErrOverflow},
		{"0.01", "-10000000000000000.01", 0, ErrOverflow},
		{"0.01", "9000000000000000000000", 0, ErrOverflow},
		{"1", "1e30", 0, ErrOverflow},
	}
	for _, tt := range tests {
		got, err := unit(t, tt.unit).Count(d(tt.amount))
		if !errors.Is(err, tt.err) || (tt.err == nil && got != tt.want) {
			t.Errorf("Unit(%s).Count(%s) = %d, %v; want %d, %v", tt.unit, tt.amount, got, err, tt.want, tt.err)
		}
	}
}

func TestAmountRoundTrip(t *testing.T) {
	for _, us := range []string{"0.01", "1", "1000", "0.05", "0.0000000000000000001", "123456789012345678901"} {
		u := unit(t, us)
		for _, n := range []int64{0, 1, -1, 7, 1e18, -1e18, 123456789} {
			a := u.Amount(n)
			if !a.Equal(decimal.NewFromInt(n).Mul(u.Decimal())) {
				t.Errorf("Unit(%s).Amount(%d) = %s", us, n, a)
			}
			back, err := u.BigCount(a)
			if err != nil || back.Int64() != n {
				t.Errorf("Unit(%s).BigCount(Amount(%d)) = %v, %v", us, n, back, err)
			}
		}
	}
}

func TestRoundModes(t *testing.T) {
	tests := []struct {
		x                                             string
		halfAway, halfEven, toZero, away, floor, ceil int64
	}{
		{"2.5", 3, 2, 2, 3, 2, 3},
		{"-2.5", -3, -2, -2, -3, -3, -2},
		{"3.5", 4, 4, 3, 4, 3, 4},
		{"2.1", 2, 2, 2, 3, 2, 3},
		{"-2.7", -3, -3, -2, -3, -3, -2},
		{"4", 4, 4, 4, 4, 4, 4},
		{"0.4999", 0, 0, 0, 1, 0, 1},
	}
	modes := []Mode{HalfAwayFromZero, HalfEven, TowardZero, AwayFromZero, Floor, Ceiling}
	u := unit(t, "1")
	for _, tt := range tests {
		want := []int64{tt.halfAway, tt.halfEven, tt.toZero, tt.away, tt.floor, tt.ceil}
		for k, m := range modes {
			got, err := u.Round(d(tt.x), m)
			if err != nil || got != want[k] {
				t.Errorf("Round(%s, %v) = %d, %v; want %d", tt.x, m, got, err, want[k])
			}
			f, _ := d(tt.x).Float64()
			gf, err := u.FloatCount(f, m)
			if err != nil || gf != want[k] {
				t.Errorf("FloatCount(%s, %v) = %d, %v; want %d", tt.x, m, gf, err, want[k])
			}
			gr, err := MulRate(1, d(tt.x), m)
			if err != nil || gr != want[k] {
				t.Errorf("MulRate(1, %s, %v) = %d, %v; want %d", tt.x, m, gr, err, want[k])
			}
		}
	}
	// A unit that is not a power of ten: 0.05.
	got, err := unit(t, "0.05").Round(d("0.125"), HalfAwayFromZero)
	if err != nil || got != 3 {
		t.Errorf("Unit(0.05).Round(0.125) = %d, %v; want 3", got, err)
	}
}

func TestRoundErrors(t *testing.T) {
	c := Cent()
	for _, x := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		if _, err := c.FloatCount(x, HalfAwayFromZero); !errors.Is(err, ErrNotFinite) {
			t.Errorf("FloatCount(%v) error = %v, want ErrNotFinite", x, err)
		}
		if _, err := Round(x, HalfAwayFromZero); !errors.Is(err, ErrNotFinite) {
			t.Errorf("Round(%v) error = %v, want ErrNotFinite", x, err)
		}
	}
	for _, x := range []float64{1e17, -1e17, 1e300} {
		if _, err := c.FloatCount(x, HalfAwayFromZero); !errors.Is(err, ErrOverflow) {
			t.Errorf("Cent().FloatCount(%v) error = %v, want ErrOverflow", x, err)
		}
	}
	if _, err := c.Round(d("1e17"), HalfEven); !errors.Is(err, ErrOverflow) {
		t.Errorf("Cent().Round(1e17) error = %v, want ErrOverflow", err)
	}
	if _, err := MulRate(9e17, d("1.5"), HalfAwayFromZero); !errors.Is(err, ErrOverflow) {
		t.Errorf("MulRate(9e17, 1.5) error = %v, want ErrOverflow", err)
	}
}

func TestChecked(t *testing.T) {
	const M = MaxCount
	tests := []struct {
		name string
		f    func() (int64, error)
		want int64
		err  error
	}{
		{"add", func() (int64, error) { return Add(M-1, 1) }, M, nil},
		{"add over", func() (int64, error) { return Add(M, 1) }, 0, ErrOverflow},
		{"add operand over", func() (int64, error) { return Add(M+5, -5) }, 0, ErrOverflow},
		{"sub", func() (int64, error) { return Sub(-M+1, 1) }, -M, nil},
		{"sub over", func() (int64, error) { return Sub(-M, 1) }, 0, ErrOverflow},
		{"sub min int", func() (int64, error) { return Sub(0, math.MinInt64) }, 0, ErrOverflow},
		{"mul", func() (int64, error) { return Mul(-1e9, 1e9) }, -1e18, nil},
		{"mul over", func() (int64, error) { return Mul(1e10, 1e9) }, 0, ErrOverflow},
		{"mul wraps int64", func() (int64, error) { return Mul(1<<40, 1<<40) }, 0, ErrOverflow},
		// Twelve months of 9e17 units: the wrapped int64 sum would be negative.
		{"sum of twelve near the bound", func() (int64, error) {
			xs := make([]int64, 12)
			for i := range xs {
				xs[i] = 9e17
			}
			return Sum(xs)
		}, 0, ErrOverflow},
		// Partial sums may leave int64 as long as the total is in range.
		{"partial sums leave int64", func() (int64, error) {
			return Sum([]int64{M, M, M, M, M, M, M, M, M, M, -M, -M, -M, -M, -M, -M, -M, -M, -M})
		}, M, nil},
		{"negative wrap", func() (int64, error) {
			return Sum([]int64{-M, -M, -M, -M, -M, -M, -M, -M, -M, -M, M, M, M, M, M, M, M, M, M, 3})
		}, -M + 3, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.f()
			if !errors.Is(err, tt.err) || (tt.err == nil && got != tt.want) {
				t.Errorf("= %d, %v; want %d, %v", got, err, tt.want, tt.err)
			}
		})
	}
}

// TestAccMatchesBig checks the 128-bit accumulator against math/big on
// random sums of counts near the bound.
func TestAccMatchesBig(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		var s Acc
		want := new(big.Int)
		for range 1 + r.IntN(40) {
			x := r.Int64N(2*MaxCount+1) - MaxCount
			if r.IntN(4) == 0 {
				x = r.Int64N(1000) - 500
			}
			s.Add(x)
			want.Add(want, big.NewInt(x))
		}
		got, err := s.Result()
		inRange := want.IsInt64() && InRange(want.Int64())
		if inRange != (err == nil) || (inRange && got != want.Int64()) {
			t.Fatalf("Acc = %d, %v; want %s", got, err, want)
		}
		if err != nil && !errors.Is(err, ErrOverflow) {
			t.Fatalf("Acc error %v does not wrap ErrOverflow", err)
		}
	}
}

// TestSplitProperties checks the split against the definition of the
// largest-remainder method in exact rationals.
func TestSplitProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	var s Splitter
	for range 3000 {
		k := 1 + r.IntN(20)
		w := make([]uint64, k)
		for i := range w {
			if r.IntN(5) > 0 {
				w[i] = r.Uint64N(1 << uint(1+r.IntN(60)))
			}
		}
		n := r.Int64N(2*MaxCount+1) - MaxCount
		dst := make([]int64, k)
		if !s.Split(dst, n, w) {
			continue // all zero or a sum beyond 64 bits
		}
		var total Acc
		for _, x := range dst {
			total.Add(x)
		}
		if got, _ := total.Value(); got != n {
			t.Fatalf("Split(%d, %v) = %v sums to %d", n, w, dst, got)
		}
		var W big.Int
		for _, x := range w {
			W.Add(&W, new(big.Int).SetUint64(x))
		}
		for i, x := range w {
			quota := new(big.Rat).SetFrac(new(big.Int).Mul(big.NewInt(n), new(big.Int).SetUint64(x)), &W)
			diff := new(big.Rat).Sub(new(big.Rat).SetInt64(dst[i]), quota)
			if diff.Abs(diff).Cmp(big.NewRat(1, 1)) >= 0 {
				t.Fatalf("part %d = %d, quota %s", i, dst[i], quota.FloatString(3))
			}
			if x == 0 && dst[i] != 0 {
				t.Fatalf("zero weight got %d", dst[i])
			}
		}
	}
}

func TestSplitAmount(t *testing.T) {
	tests := []struct {
		total   string
		weights []string
		unit    string
		want    []string
		err     error
	}{
		{"100", []string{"1", "1", "1"}, "0.01", []string{"33.34", "33.33", "33.33"}, nil},
		{"-100", []string{"1", "1", "1"}, "0.01", []string{"-33.34", "-33.33", "-33.33"}, nil},
		{"10", []string{"0", "3", "1"}, "1", []string{"0", "8", "2"}, nil},
		{"1e30", []string{"1", "2"}, "1", []string{"333333333333333333333333333333", "666666666666666666666666666667"}, nil},
		{"1", []string{"1", "1"}, "0.01", []string{"0.5", "0.5"}, nil},
		{"1", []string{"-1", "2"}, "0.01", nil, ErrNegativeWeight},
		{"1", []string{"0", "0"}, "0.01", nil, ErrZeroWeights},
		{"1", nil, "0.01", nil, ErrZeroWeights},
		{"0.001", []string{"1"}, "0.01", nil, ErrNotMultiple},
	}
	for _, tt := range tests {
		ws := make([]decimal.Decimal, len(tt.weights))
		for i, w := range tt.weights {
			ws[i] = d(w)
		}
		got, err := SplitAmount(d(tt.total), ws, unit(t, tt.unit))
		if !errors.Is(err, tt.err) {
			t.Errorf("SplitAmount(%s, %v) error = %v, want %v", tt.total, tt.weights, err, tt.err)
			continue
		}
		if tt.err != nil {
			continue
		}
		want := make([]decimal.Decimal, len(tt.want))
		for i, w := range tt.want {
			want[i] = d(w)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("SplitAmount(%s, %v) mismatch (-want +got):\n%s", tt.total, tt.weights, diff)
		}
	}
}

func TestFloatWeights(t *testing.T) {
	dst := make([]uint64, 2)
	if err := FloatWeights(dst, []float64{math.MaxFloat64, math.MaxFloat64}); err != nil || dst[0] != dst[1] || dst[0] == 0 {
		t.Errorf("FloatWeights(max, max) = %v, %v; want two equal positive weights", dst, err)
	}
	if err := FloatWeights(dst, []float64{1, math.Inf(1)}); !errors.Is(err, ErrNotFinite) {
		t.Errorf("FloatWeights(1, Inf) error = %v, want ErrNotFinite", err)
	}
	if err := FloatWeights(dst, []float64{1, -1}); !errors.Is(err, ErrNegativeWeight) {
		t.Errorf("FloatWeights(1, -1) error = %v, want ErrNegativeWeight", err)
	}
	if err := FloatWeights(dst, []float64{0, 0}); !errors.Is(err, ErrZeroWeights) {
		t.Errorf("FloatWeights(0, 0) error = %v, want ErrZeroWeights", err)
	}
}

func TestTranslate(t *testing.T) {
	pkgOverflow := errors.New("pkg: overflow")
	err := Translate(overflowErr(), map[error]error{ErrOverflow: pkgOverflow})
	if !errors.Is(err, pkgOverflow) || !errors.Is(err, ErrOverflow) {
		t.Errorf("Translate = %v, want it to match both sentinels", err)
	}
	if Translate(nil, nil) != nil {
		t.Error("Translate(nil) != nil")
	}
}

// overflowErr returns an overflow error of this package.
func overflowErr() error { _, err := Add(MaxCount, MaxCount); return err }

func TestSplitterNoAllocs(t *testing.T) {
	var s Splitter
	w := []uint64{3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8}
	dst := make([]int64, len(w))
	s.Split(dst, 1_234_567, w)
	if n := testing.AllocsPerRun(100, func() { s.Split(dst, 1_234_567, w) }); n > 0 {
		t.Errorf("Splitter.Split allocates %v times per call, want 0", n)
	}
}

// TestFloatCountExact: counts are those of the binary value a float64
// holds. Rounding x·100 first turned 1753.495 (stored as
// 1753.49499999999989…) into 175350 cents and lost the last cent above 2⁵³.
func TestFloatCountExact(t *testing.T) {
	cent := Cent()
	five, err := NewUnit(decimal.RequireFromString("0.05"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		u    Unit
		x    float64
		mode Mode
		want int64
	}{
		{cent, 1753.4949999999999, HalfAwayFromZero, 175349},
		{cent, 2.675, HalfAwayFromZero, 267},  // 2.67499999999999982236431605997495353221893310546875
		{cent, 0.125, HalfAwayFromZero, 13},   // an exact half
		{cent, 0.125, HalfEven, 12},           // to the even count
		{cent, -0.125, HalfAwayFromZero, -13}, // away from zero on the negative side
		{cent, -0.125, Floor, -13},
		{cent, 0.285, Ceiling, 29}, // 0.284999999999999975575093458246556110680103302001953125
		{cent, 0.285, TowardZero, 28},
		{cent, 123456789012345.671875, HalfAwayFromZero, 12345678901234567}, // beyond 2⁵³ cents
		{cent, 1e15 + 0.125, HalfEven, 100000000000000012},
		{five, 0.325, HalfAwayFromZero, 7},  // 0.325 = 0.32500000000000001110… is above 6.5 units of 0.05
		{five, 1.025, HalfAwayFromZero, 20}, // 1.02499999999999991118… is below 20.5
	} {
		got, err := tt.u.FloatCount(tt.x, tt.mode)
		if err != nil || got != tt.want {
			t.Errorf("FloatCount(%v, %v) in %v = %d, %v; want %d", tt.x, tt.mode, tt.u, got, err, tt.want)
		}
		// The exact route agrees with big.Rat rounding of the same value.
		if n, ok := tt.u.exactCount(tt.x, tt.mode); !ok || n != tt.want {
			t.Errorf("exactCount(%v, %v) = %d, %v; want %d", tt.x, tt.mode, n, ok, tt.want)
		}
	}
}

// FuzzFloatCountExact checks the fast float route against the exact one
// on every input.
func FuzzFloatCountExact(f *testing.F) {
	f.Add(1753.495, uint8(0), uint8(2))
	f.Add(0.125, uint8(1), uint8(2))
	f.Add(-2.5e15, uint8(5), uint8(0))
	f.Fuzz(func(t *testing.T, x float64, mode, exp uint8) {
		u, err := NewUnit(decimal.New(1, -int32(exp%6)))
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) || math.Abs(x) > 1e12 {
			return
		}
		m := Mode(mode % 6)
		got, err := u.FloatCount(x, m)
		want, ok := u.exactCount(x, m)
		if (err == nil) != ok || got != want {
			t.Fatalf("FloatCount(%v, %v) in %v = %d, %v; exact %d, %v", x, m, u, got, err, want, ok)
		}
	})
}

// TestFloatWeightsDoesNotAllocate guards the plan's per-profile conversion:
// finding the largest weight once copied the weights to the heap.
func TestFloatWeightsDoesNotAllocate(t *testing.T) {
	raw := []float64{3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8}
	dst := make([]uint64, len(raw))
	if n := testing.AllocsPerRun(100, func() { _ = FloatWeights(dst, raw) }); n != 0 {
		t.Errorf("FloatWeights allocates %v times per call, want 0", n)
	}
}
