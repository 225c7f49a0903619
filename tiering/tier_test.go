package tiering

import (
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

func tiers(ts ...Tier) []Tier { return ts }

func TestAssign(t *testing.T) {
	const T, S, V, G = Transactional, Standard, Value, Strategic
	tests := []struct {
		name   string
		values []float64
		opt    Options
		want   []Tier
	}{
		{"thresholds", []float64{5, 50, 500, 5000, -10}, Options{Method: ByThresholds, Thresholds: [3]float64{10, 100, 1000}}, tiers(T, S, V, G, T)},
		{"threshold reached exactly", []float64{10, 100, 1000}, Options{Method: ByThresholds, Thresholds: [3]float64{10, 100, 1000}}, tiers(S, V, G)},
		// 20 customers, 5/15/30/50 %: 1 strategic, 3 value, 6 standard, 10 transactional.
		{"default pyramid", []float64{20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1},
			Options{Method: ByShares}, tiers(G, V, V, V, S, S, S, S, S, S, T, T, T, T, T, T, T, T, T, T)},
		// A tie across the strategic cut: both 9s go up (an even split).
		{"tie at a share cut", []float64{9, 9, 1, 1}, Options{Method: ByShares, Shares: [4]float64{0.25, 0.25, 0.25, 0.25}}, tiers(G, G, S, S)},
		// Pareto: 60 of 100 is more than half: the first customer alone is strategic.
		{"profit share", []float64{60, 25, 10, 4, 1}, Options{Method: ByProfitShare}, tiers(G, V, S, T, T)},
		{"profit share with a loss-maker", []float64{60, 25, 10, 4, 1, -30}, Options{Method: ByProfitShare}, tiers(G, V, S, T, T, T)},
		{"natural breaks", []float64{1, 2, 3, 40, 41, 42, 400, 410, 4000}, Options{Method: ByNaturalBreaks}, tiers(T, T, T, S, S, S, V, V, G)},
		{"natural breaks with two distinct values", []float64{1, 1, 5}, Options{Method: ByNaturalBreaks}, tiers(T, T, G)},
		{"potential lifts one tier", []float64{5, 50, 5000}, Options{Method: ByThresholds, Thresholds: [3]float64{10, 100, 1000},
			Potential: []float64{900, 900, 900}, PotentialBar: 800}, tiers(S, V, G)},
		{"a loss-maker does not rise", []float64{-5, 50}, Options{Method: ByThresholds, Thresholds: [3]float64{-100, 100, 1000},
			Potential: []float64{900, 0}, PotentialBar: 800}, tiers(T, S)},
		{"unless allowed", []float64{-5, 50}, Options{Method: ByThresholds, Thresholds: [3]float64{-100, 100, 1000},
			Potential: []float64{900, 0}, PotentialBar: 800, LossMakersRise: true}, tiers(V, S)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := slices.Clone(tt.values)
			a, err := Assign(tt.values, tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, a.Tiers); diff != "" {
				t.Errorf("Assign(%v) mismatch (-want +got):\n%s", tt.values, diff)
			}
			for i, v := range tt.values {
				if a.LossMaker[i] != (v < 0) {
					t.Errorf("customer %d (%v): loss-maker %v", i, v, a.LossMaker[i])
				}
			}
			if !slices.Equal(in, tt.values) {
				t.Error("Assign modified its input")
			}
		})
	}
}

func TestAssignErrors(t *testing.T) {
	tests := []struct {
		name   string
		values []float64
		opt    Options
		want   error
	}{
		{"no values", nil, Options{Method: ByShares}, ErrNoValues},
		{"NaN", []float64{1, math.NaN()}, Options{Method: ByShares}, ErrNotFinite},
		{"no thresholds", []float64{1}, Options{}, ErrInvalidOption},
		{"decreasing thresholds", []float64{1}, Options{Thresholds: [3]float64{10, 5, 20}}, ErrInvalidOption},
		{"percentages", []float64{1}, Options{Method: ByShares, Shares: [4]float64{5, 15, 30, 50}}, ErrInvalidOption},
		{"shares not summing to one", []float64{1}, Options{Method: ByShares, Shares: [4]float64{0.1, 0.1, 0.1, 0.1}}, ErrInvalidOption},
		{"profit cuts as percentages", []float64{1}, Options{Method: ByProfitShare, ProfitShares: [3]float64{50, 80, 95}}, ErrInvalidOption},
		{"potential length", []float64{1, 2}, Options{Method: ByShares, Potential: []float64{1}}, ErrInvalidOption},
		{"unknown method", []float64{1}, Options{Method: 9}, ErrInvalidOption},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Assign(tt.values, tt.opt); !errors.Is(err, tt.want) {
				t.Errorf("Assign error = %v, want %v", err, tt.want)
			}
		})
	}
	if _, err := AssignDecimal([]decimal.Decimal{decimal.RequireFromString("1e400")}, Options{Method: ByShares}); !errors.Is(err, ErrNotFinite) {
		t.Errorf("AssignDecimal(1e400) error = %v, want ErrNotFinite", err)
	}
}

// TestAssignProperties: every customer gets exactly one tier, equal values
// share a tier, a higher value never gets a lower value-based tier, and the
// pyramid counts are within one of the requested shares when values are
// distinct.
func TestAssignProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for trial := range 400 {
		n := 1 + r.IntN(300)
		values := make([]float64, n)
		distinct := trial%2 == 0
		for i := range values {
			if distinct {
				values[i] = math.Exp(r.NormFloat64()) * 1000 // positive: no loss-maker bends the counts
			} else {
				values[i] = float64(r.IntN(20) - 3)
			}
		}
		for _, m := range []Method{ByShares, ByProfitShare, ByNaturalBreaks} {
			a, err := Assign(values, Options{Method: m})
			if err != nil {
				t.Fatal(err)
			}
			total := 0
			for _, c := range a.Counts {
				total += c
			}
			if total != n || len(a.Tiers) != n {
				t.Fatalf("%s: counts %v for %d customers", m, a.Counts, n)
			}
			for i := range values {
				for j := range values {
					if values[i] > values[j] && values[j] >= 0 && a.Tiers[i] < a.Tiers[j] {
						t.Fatalf("%s: %v in %s below %v in %s", m, values[i], a.Tiers[i], values[j], a.Tiers[j])
					}
					if values[i] == values[j] && a.Tiers[i] != a.Tiers[j] {
						t.Fatalf("%s: equal values %v in %s and %s", m, values[i], a.Tiers[i], a.Tiers[j])
					}
				}
			}
			if m == ByShares && distinct {
				shares := [NumTiers]float64{0.50, 0.30, 0.15, 0.05} // base first
				for k, c := range a.Counts {
					// Loss-makers sit in transactional whatever the cut.
					if k > 0 && math.Abs(float64(c)-shares[k]*float64(n)) >= 1+float64(lossMakers(a)) {
						t.Fatalf("counts %v for %d customers, want %v of them", a.Counts, n, shares)
					}
				}
			}
		}
	}
}

func lossMakers(a Assignment) int {
	n := 0
	for _, l := range a.LossMaker {
		if l {
			n++
		}
	}
	return n
}

func TestTierNames(t *testing.T) {
	for tier := Transactional; tier <= Strategic; tier++ {
		for _, s := range []string{tier.String(), tier.Chinese()} {
			if got, err := ParseTier(s); err != nil || got != tier {
				t.Errorf("ParseTier(%q) = %v, %v", s, got, err)
			}
		}
	}
	if _, err := ParseTier("gold"); !errors.Is(err, ErrUnknownTier) {
		t.Errorf("ParseTier(gold) error = %v", err)
	}
	if Tier(9).String() != "Tier(9)" || Method(9).String() != "Method(9)" {
		t.Error("unknown values' names")
	}
}

func FuzzParseTier(f *testing.F) {
	for _, s := range []string{"strategic", "Value", "战略型", "交易型", "", "tier 5", " standard "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tier, err := ParseTier(s)
		if err != nil {
			if !errors.Is(err, ErrUnknownTier) {
				t.Fatalf("ParseTier(%q): %v", s, err)
			}
			return
		}
		if tier >= NumTiers {
			t.Fatalf("ParseTier(%q) = %d", s, tier)
		}
		for _, name := range []string{tier.String(), tier.Chinese()} {
			if back, err := ParseTier(name); err != nil || back != tier {
				t.Fatalf("ParseTier(%q) = %v, %v after %q", name, back, err, s)
			}
		}
	})
}
