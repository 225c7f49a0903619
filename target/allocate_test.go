package target

import (
	"errors"
	"fmt"
	"math/big"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func decs(ss ...string) []decimal.Decimal {
	out := make([]decimal.Decimal, len(ss))
	for i, s := range ss {
		out[i] = dec(s)
	}
	return out
}

func strs(ds []decimal.Decimal) []string {
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = d.String()
	}
	return out
}

func TestAllocate(t *testing.T) {
	tests := []struct {
		name    string
		total   string
		weights []string
		unit    string
		want    []string
	}{
		{"thirds", "100", []string{"1", "1", "1"}, "0.01", []string{"33.34", "33.33", "33.33"}},
		{"one cent three ways", "0.01", []string{"1", "1", "1"}, "0.01", []string{"0.01", "0", "0"}},
		{"negative mirrors positive", "-100", []string{"1", "1", "1"}, "0.01", []string{"-33.34", "-33.33", "-33.33"}},
		{"zero total", "0", []string{"1", "2"}, "0.01", []string{"0", "0"}},
		{"zero weight gets zero", "10", []string{"0", "1", "0", "2"}, "0.01", []string{"0", "3.33", "0", "6.67"}},
		{"largest remainder not first", "10", []string{"1", "2", "3", "4"}, "1", []string{"1", "2", "3", "4"}},
		{"remainders decide", "7", []string{"0.1", "0.3", "0.6"}, "1", []string{"1", "2", "4"}},
		{"tie goes to earlier part", "1", []string{"1", "1"}, "1", []string{"1", "0"}},
		{"unit of thousands", "1000000", []string{"1", "1", "1"}, "1000", []string{"334000", "333000", "333000"}},
		{"unit of five cents", "1", []string{"1", "1", "1"}, "0.05", []string{"0.35", "0.35", "0.3"}},
		{"weights of different scales", "100", []string{"0.5", "25", "24.5"}, "0.01", []string{"1", "50", "49"}},
		{"single part", "123.45", []string{"7"}, "0.01", []string{"123.45"}},
		{"10^18 units", "10000000000000000", []string{"1", "2", "3"}, "0.01", []string{"1666666666666666.67", "3333333333333333.33", "5000000000000000"}},
		{"huge weights take the big path", "100", []string{"1e30", "2e30", "1"}, "0.01", []string{"33.33", "66.67", "0"}},
		{"beyond int64 units", "100000000000000000000000", []string{"1", "1", "1"}, "1", []string{"33333333333333333333334", "33333333333333333333333", "33333333333333333333333"}},
		{"tiny weights", "1", []string{"1e-20", "3e-20"}, "0.01", []string{"0.25", "0.75"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := decs(tt.weights...)
			before := strs(w)
			got, err := Allocate(dec(tt.total), w, dec(tt.unit))
			if err != nil {
				t.Fatalf("Allocate(%s, %v, %s) error: %v", tt.total, tt.weights, tt.unit, err)
			}
			if diff := cmp.Diff(tt.want, strs(got)); diff != "" {
				t.Errorf("Allocate(%s, %v, %s) mismatch (-want +got):\n%s", tt.total, tt.weights, tt.unit, diff)
			}
			if diff := cmp.Diff(before, strs(w)); diff != "" {
				t.Errorf("Allocate modified its weights (-before +after):\n%s", diff)
			}
			checkLargestRemainder(t, dec(tt.total), w, dec(tt.unit), got)
		})
	}
}

func TestAllocateErrors(t *testing.T) {
	tests := []struct {
		name    string
		total   string
		weights []string
		unit    string
		want    error
	}{
		{"zero unit", "10", []string{"1"}, "0", ErrInvalidUnit},
		{"negative unit", "10", []string{"1"}, "-0.01", ErrInvalidUnit},
		{"not a multiple", "10.005", []string{"1"}, "0.01", ErrNotMultiple},
		{"not a multiple of 5 cents", "1.02", []string{"1"}, "0.05", ErrNotMultiple},
		{"negative weight", "10", []string{"1", "-1"}, "0.01", ErrNegativeWeight},
		{"all zero weights", "10", []string{"0", "0"}, "0.01", ErrZeroWeights},
		{"all zero weights, zero total", "0", []string{"0"}, "0.01", ErrZeroWeights},
		{"no weights", "10", nil, "0.01", ErrZeroWeights},
		{"huge all zero", "1e25", []string{"0", "0"}, "1", ErrZeroWeights},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Allocate(dec(tt.total), decs(tt.weights...), dec(tt.unit))
			if !errors.Is(err, tt.want) {
				t.Errorf("Allocate(%s, %v, %s) = %v, %v; want error %v", tt.total, tt.weights, tt.unit, got, err, tt.want)
			}
		})
	}
}

// checkLargestRemainder verifies that parts is the largest-remainder split
// of total by weights in units of unit: multiples of the unit summing to the
// total, each the floor of its exact quota or one more, the extra units on
// the largest fractional parts with ties to earlier parts, and negative totals
// mirrored.
func checkLargestRemainder(t *testing.T, total decimal.Decimal, weights []decimal.Decimal, unit decimal.Decimal, parts []decimal.Decimal) {
	t.Helper()
	if len(parts) != len(weights) {
		t.Fatalf("%d parts for %d weights", len(parts), len(weights))
	}
	sum := decimal.Zero
	for _, p := range parts {
		sum = sum.Add(p)
		if !p.Mod(unit).IsZero() {
			t.Errorf("part %s is not a multiple of %s", p, unit)
		}
	}
	if !sum.Equal(total) {
		t.Fatalf("parts sum to %s, want %s", sum, total)
	}
	sign := int64(total.Sign())
	if sign == 0 {
		sign = 1
	}
	n := new(big.Rat).SetFrac(total.Abs().Div(unit).BigInt(), big.NewInt(1))
	W := new(big.Rat)
	for _, w := range weights {
		W.Add(W, w.Rat())
	}
	type qf struct {
		floor *big.Int
		frac  *big.Rat
	}
	q := make([]qf, len(weights))
	for i, w := range weights {
		x := new(big.Rat).Mul(n, w.Rat())
		x.Quo(x, W)
		f := new(big.Int).Quo(x.Num(), x.Denom())
		q[i] = qf{f, new(big.Rat).Sub(x, new(big.Rat).SetInt(f))}
	}
	extra := make([]bool, len(parts))
	for i, p := range parts {
		u := p.Abs().Div(unit).BigInt()
		switch d := new(big.Int).Sub(u, q[i].floor); {
		case d.Sign() == 0:
		case d.Cmp(big.NewInt(1)) == 0:
			extra[i] = true
			if q[i].frac.Sign() == 0 {
				t.Errorf("part %d got an extra unit with an integer quota", i)
			}
		default:
			t.Errorf("part %d = %s units, quota floor %s", i, u, q[i].floor)
		}
		if p.Sign() != 0 && int64(p.Sign()) != sign {
			t.Errorf("part %d = %s has the wrong sign for total %s", i, p, total)
		}
	}
	for i := range parts {
		for j := range parts {
			if !extra[i] || extra[j] {
				continue
			}
			c := q[i].frac.Cmp(q[j].frac)
			if c < 0 || (c == 0 && i > j) {
				t.Errorf("part %d (remainder %s) got an extra unit before part %d (remainder %s)", i, q[i].frac, j, q[j].frac)
			}
		}
	}
}

// randomWeights returns n weights with the given share of zeros, at random
// scales.
func randomWeights(r *rand.Rand, n int, zeros float64) []decimal.Decimal {
	w := make([]decimal.Decimal, n)
	for i := range w {
		if r.Float64() < zeros {
			w[i] = decimal.Zero
			continue
		}
		w[i] = decimal.New(r.Int64N(1_000_000)+1, -int32(r.IntN(6)))
	}
	if slices.IndexFunc(w, func(d decimal.Decimal) bool { return d.Sign() > 0 }) < 0 {
		w[r.IntN(n)] = decimal.NewFromInt(1)
	}
	return w
}

func TestAllocateProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	units := decs("0.01", "1", "0.05", "1000")
	for k := range 2000 {
		n := 1 + r.IntN(40)
		w := randomWeights(r, n, 0.2)
		unit := units[r.IntN(len(units))]
		totalUnits := r.Int64N(1_000_000_000) - 300_000_000
		if k%10 == 0 {
			totalUnits = r.Int64N(1_000_000_000_000_000_000)
		}
		total := decimal.NewFromInt(totalUnits).Mul(unit)
		got, err := Allocate(total, w, unit)
		if err != nil {
			t.Fatalf("Allocate(%s, %v, %s) error: %v", total, w, unit, err)
		}
		checkLargestRemainder(t, total, w, unit, got)
		for i, wi := range w {
			if wi.IsZero() && !got[i].IsZero() {
				t.Fatalf("zero weight %d got %s", i, got[i])
			}
		}
		// Symmetry: −total gives −parts.
		neg, _ := Allocate(total.Neg(), w, unit)
		for i := range got {
			if !neg[i].Equal(got[i].Neg()) {
				t.Fatalf("Allocate(−%s)[%d] = %s, want %s", total, i, neg[i], got[i].Neg())
			}
		}
		// Monotonicity: a larger weight never gets a smaller part.
		for i := range w {
			for j := range w {
				if w[i].GreaterThan(w[j]) && got[i].Abs().LessThan(got[j].Abs()) {
					t.Fatalf("weight %s got %s < weight %s got %s", w[i], got[i], w[j], got[j])
				}
			}
		}
		// Same input, same output; and AllocateWith's default is the same split.
		again, _ := Allocate(total, w, unit)
		with, err := AllocateWith(total, w, &Options{Unit: unit})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(strs(got), strs(again)); diff != "" {
			t.Fatalf("Allocate is not deterministic:\n%s", diff)
		}
		if diff := cmp.Diff(strs(got), strs(with.Parts)); diff != "" {
			t.Fatalf("AllocateWith default differs from Allocate (-Allocate +AllocateWith):\n%s", diff)
		}
	}
}

func TestAllocateLarge(t *testing.T) {
	// 10^18 units split a million ways, with a third of the weights zero.
	r := rand.New(rand.NewPCG(5, 6))
	w := randomWeights(r, 1_000_000, 0.33)
	total := dec("1000000000000000000")
	got, err := Allocate(total, w, dec("1"))
	if err != nil {
		t.Fatal(err)
	}
	sum := decimal.Zero
	for i, p := range got {
		sum = sum.Add(p)
		if w[i].IsZero() && !p.IsZero() {
			t.Fatalf("zero weight %d got %s", i, p)
		}
	}
	if !sum.Equal(total) {
		t.Errorf("sum = %s, want %s", sum, total)
	}
}

func null(s string) decimal.NullDecimal {
	if s == "" {
		return decimal.NullDecimal{}
	}
	return decimal.NullDecimal{Decimal: dec(s), Valid: true}
}

func nulls(ss ...string) []decimal.NullDecimal {
	out := make([]decimal.NullDecimal, len(ss))
	for i, s := range ss {
		out[i] = null(s)
	}
	return out
}

func TestAllocateWith(t *testing.T) {
	tests := []struct {
		name         string
		total        string
		weights      []string
		opt          Options
		want         []string
		wantLeftover string
	}{
		{"default", "100", []string{"1", "1", "1"}, Options{}, []string{"33.34", "33.33", "33.33"}, "0"},
		{"locked part", "100", []string{"1", "1", "1"}, Options{Locked: nulls("", "50", "")}, []string{"25", "50", "25"}, "0"},
		{"locked above total", "100", []string{"1", "1", "1"}, Options{Locked: nulls("", "130", "")}, []string{"-15", "130", "-15"}, "0"},
		{"cap redistributes", "100", []string{"1", "1", "8"}, Options{Max: nulls("", "", "50")}, []string{"25", "25", "50"}, "0"},
		{"cap cascades", "100", []string{"1", "2", "7"}, Options{Max: nulls("", "15", "50")}, []string{"35", "15", "50"}, "0"},
		{"minimum takes from others", "100", []string{"1", "0", "8"}, Options{Min: nulls("30", "5", "")}, []string{"30", "5", "65"}, "0"},
		{"min and max", "1000", []string{"1", "1", "1", "1"}, Options{Min: nulls("400", "", "", ""), Max: nulls("", "100", "", "")}, []string{"400", "100", "250", "250"}, "0"},
		{"bounds with cents", "10", []string{"1", "1", "1"}, Options{Max: nulls("3", "", "")}, []string{"3", "3.5", "3.5"}, "0"},
		{"keep leftover", "100", []string{"1", "1", "1"}, Options{Mode: KeepLeftover}, []string{"33.33", "33.33", "33.33"}, "0.01"},
		{"keep leftover negative", "-100", []string{"1", "1", "1"}, Options{Mode: KeepLeftover}, []string{"-33.33", "-33.33", "-33.33"}, "-0.01"},
		{"first parts", "0.05", []string{"1", "1", "3"}, Options{Mode: FirstParts}, []string{"0.01", "0.01", "0.03"}, "0"},
		{"first parts skip zero weights", "0.02", []string{"0", "1", "1", "1"}, Options{Mode: FirstParts}, []string{"0", "0.01", "0.01", "0"}, "0"},
		{"largest remainder vs first", "0.10", []string{"1", "1", "7"}, Options{}, []string{"0.01", "0.01", "0.08"}, "0"},
		{"unit option", "1000", []string{"1", "2"}, Options{Unit: dec("100")}, []string{"300", "700"}, "0"},
		{"negative with bounds mirrored", "-100", []string{"1", "1", "8"}, Options{Min: nulls("", "", "-50")}, []string{"-25", "-25", "-50"}, "0"},
		{"zero weight held at min", "100", []string{"0", "1"}, Options{Min: nulls("10", "")}, []string{"10", "90"}, "0"},
		{"all locked and exact", "100", []string{"1", "1"}, Options{Locked: nulls("60", "40")}, []string{"60", "40"}, "0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := AllocateWith(dec(tt.total), decs(tt.weights...), &tt.opt)
			if err != nil {
				t.Fatalf("AllocateWith(%s, %v) error: %v", tt.total, tt.weights, err)
			}
			if diff := cmp.Diff(tt.want, strs(got.Parts)); diff != "" {
				t.Errorf("AllocateWith(%s, %v) parts mismatch (-want +got):\n%s", tt.total, tt.weights, diff)
			}
			if !got.Leftover.Equal(dec(tt.wantLeftover)) {
				t.Errorf("AllocateWith(%s, %v) leftover = %s, want %s", tt.total, tt.weights, got.Leftover, tt.wantLeftover)
			}
			sum := got.Leftover
			for _, p := range got.Parts {
				sum = sum.Add(p)
			}
			if !sum.Equal(dec(tt.total)) {
				t.Errorf("parts + leftover = %s, want %s", sum, tt.total)
			}
		})
	}
}

func TestAllocateWithErrors(t *testing.T) {
	tests := []struct {
		name    string
		total   string
		weights []string
		opt     *Options
		want    error
	}{
		{"min above max", "100", []string{"1", "1"}, &Options{Min: nulls("60", ""), Max: nulls("50", "")}, ErrInfeasible},
		{"total above maxima", "100", []string{"1", "1"}, &Options{Max: nulls("40", "40")}, ErrInfeasible},
		{"total below minima", "100", []string{"1", "1"}, &Options{Min: nulls("60", "60")}, ErrInfeasible},
		{"all locked and short", "100", []string{"1", "1"}, &Options{Locked: nulls("60", "30")}, ErrInfeasible},
		{"rest with zero weights", "100", []string{"0", "1"}, &Options{Locked: nulls("", "30")}, ErrZeroWeights},
		{"wrong length", "100", []string{"1", "1"}, &Options{Max: nulls("40")}, ErrLength},
		{"bound not a multiple", "100", []string{"1", "1"}, &Options{Max: nulls("40.001", "")}, ErrNotMultiple},
		{"locked not a multiple", "100", []string{"1", "1"}, &Options{Locked: nulls("0.5", ""), Unit: dec("1")}, ErrNotMultiple},
		{"negative unit", "100", []string{"1"}, &Options{Unit: dec("-1")}, ErrInvalidUnit},
		{"bad mode", "100", []string{"1"}, &Options{Mode: 9}, ErrUnknownOption},
		{"negative weight", "100", []string{"-1"}, nil, ErrNegativeWeight},
		{"no weights", "100", nil, nil, ErrZeroWeights},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := AllocateWith(dec(tt.total), decs(tt.weights...), tt.opt)
			if !errors.Is(err, tt.want) {
				t.Errorf("AllocateWith(%s, %v) = %v, %v; want error %v", tt.total, tt.weights, got, err, tt.want)
			}
		})
	}
}

// TestAllocateWithBoundsProperties checks random bounded splits: every part
// within its bounds, exact sums, and the water-filling condition that a part
// strictly inside its bounds is within one unit of λ·w for a common λ.
func TestAllocateWithBoundsProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	for range 500 {
		n := 2 + r.IntN(10)
		w := randomWeights(r, n, 0.2)
		mins := make([]decimal.NullDecimal, n)
		maxs := make([]decimal.NullDecimal, n)
		var minSum, maxSum int64
		for i := range n {
			lo := r.Int64N(100)
			hi := lo + r.Int64N(1000)
			if r.IntN(2) == 0 {
				mins[i] = decimal.NullDecimal{Decimal: decimal.NewFromInt(lo), Valid: true}
			}
			if r.IntN(2) == 0 {
				maxs[i] = decimal.NullDecimal{Decimal: decimal.NewFromInt(hi), Valid: true}
			}
			minSum += lo
			maxSum += hi
		}
		total := decimal.NewFromInt(minSum + r.Int64N(maxSum-minSum+1))
		got, err := AllocateWith(total, w, &Options{Unit: dec("1"), Min: mins, Max: maxs})
		if errors.Is(err, ErrInfeasible) || errors.Is(err, ErrZeroWeights) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		sum := decimal.Zero
		for i, p := range got.Parts {
			sum = sum.Add(p)
			if mins[i].Valid && p.LessThan(mins[i].Decimal) || maxs[i].Valid && p.GreaterThan(maxs[i].Decimal) {
				t.Fatalf("part %d = %s outside [%v, %v]", i, p, mins[i], maxs[i])
			}
		}
		if !sum.Equal(total) {
			t.Fatalf("sum %s, want %s", sum, total)
		}
	}
}

func FuzzAllocate(f *testing.F) {
	f.Add("100", "1,1,1", "0.01")
	f.Add("-0.01", "1,0,1", "0.01")
	f.Add("1000000000000000000", "1,2,3", "1")
	f.Add("1e20", "0.5,1e-9,7", "0.05")
	f.Add("7", "0,0", "1")
	f.Fuzz(func(t *testing.T, total, weights, unit string) {
		tot, err1 := decimal.NewFromString(total)
		u, err2 := decimal.NewFromString(unit)
		if err1 != nil || err2 != nil || len(weights) > 200 {
			return
		}
		// Keep the work bounded: exponents within ±30.
		if tot.Exponent() < -30 || tot.Exponent() > 30 || u.Exponent() < -30 || u.Exponent() > 30 || tot.NumDigits() > 40 {
			return
		}
		var w []decimal.Decimal
		for s := range splitComma(weights) {
			d, err := decimal.NewFromString(s)
			if err != nil || d.Exponent() < -30 || d.Exponent() > 30 || d.NumDigits() > 40 {
				return
			}
			w = append(w, d)
		}
		got, err := Allocate(tot, w, u)
		if err != nil {
			if !errors.Is(err, ErrInvalidUnit) && !errors.Is(err, ErrNotMultiple) &&
				!errors.Is(err, ErrNegativeWeight) && !errors.Is(err, ErrZeroWeights) {
				t.Fatalf("Allocate(%s, %v, %s): unexpected error %v", tot, w, u, err)
			}
			return
		}
		if n := tot.Div(u).Abs(); n.GreaterThan(decimal.New(1, 24)) {
			return // the reference below gets slow
		}
		checkLargestRemainder(t, tot, w, u, got)
	})
}

// splitComma yields the comma-separated fields of s.
func splitComma(s string) func(func(string) bool) {
	return func(yield func(string) bool) {
		start := 0
		for i := 0; i <= len(s); i++ {
			if i == len(s) || s[i] == ',' {
				if !yield(s[start:i]) {
					return
				}
				start = i + 1
			}
		}
	}
}

func ExampleOptions_Validate() {
	err := (&Options{Unit: dec("-1")}).Validate()
	fmt.Println(errors.Is(err, ErrInvalidUnit))
	// Output: true
}
