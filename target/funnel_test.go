package target

import (
	"errors"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

func testFunnel() Funnel {
	return Funnel{
		Stages: []Stage{
			{Name: "visits", Conversion: 0.25, LeadMonths: 2},
			{Name: "proposals", Conversion: 0.5, LeadMonths: 1},
			{Name: "opportunities", Conversion: 0.5, LeadMonths: 1},
			{Name: "deals"},
		},
		DealSize: dec("10000"),
	}
}

func months(vals map[int]string) []decimal.Decimal {
	out := make([]decimal.Decimal, 12)
	for k := range out {
		out[k] = decimal.Zero
	}
	for k, v := range vals {
		out[k] = dec(v)
	}
	return out
}

func TestFunnelTargets(t *testing.T) {
	tests := []struct {
		name    string
		monthly []decimal.Decimal
		want    map[string]StageTarget
	}{
		{
			name:    "one month shifts back by the lead times",
			monthly: months(map[int]string{5: "120000"}),
			want: map[string]StageTarget{
				"deals":         {Stage: "deals", Months: [12]int64{5: 12}, Total: 12},
				"opportunities": {Stage: "opportunities", Months: [12]int64{4: 24}, Total: 24},
				"proposals":     {Stage: "proposals", Months: [12]int64{3: 48}, Total: 48},
				"visits":        {Stage: "visits", Months: [12]int64{1: 192}, Total: 192},
			},
		},
		{
			name:    "negative months need nothing",
			monthly: months(map[int]string{11: "100000", 6: "-5000"}),
			want: map[string]StageTarget{
				"deals":         {Stage: "deals", Months: [12]int64{11: 10}, Total: 10},
				"opportunities": {Stage: "opportunities", Months: [12]int64{10: 20}, Total: 20},
				"proposals":     {Stage: "proposals", Months: [12]int64{9: 40}, Total: 40},
				"visits":        {Stage: "visits", Months: [12]int64{7: 160}, Total: 160},
			},
		},
		{
			name:    "early months need activities before the year",
			monthly: months(map[int]string{0: "25000", 2: "10000"}),
			want: map[string]StageTarget{
				// 2.5 deals → 3; opportunities 5; proposals 10; visits 40,
				// all ceilings of the exact need, not of the rounded deals.
				"deals":         {Stage: "deals", Months: [12]int64{0: 3, 2: 1}, Total: 4},
				"opportunities": {Stage: "opportunities", Months: [12]int64{1: 2}, Before: []int64{5}, Total: 7},
				"proposals":     {Stage: "proposals", Months: [12]int64{0: 4}, Before: []int64{0, 10}, Total: 14},
				"visits":        {Stage: "visits", Before: []int64{0, 16, 0, 40}, Total: 56},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := testFunnel().Targets(tt.monthly)
			if err != nil {
				t.Fatal(err)
			}
			byName := map[string]StageTarget{}
			for _, s := range got {
				byName[s.Stage] = s
			}
			if diff := cmp.Diff(tt.want, byName); diff != "" {
				t.Errorf("Targets() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestFunnelValidate(t *testing.T) {
	good := testFunnel()
	tests := []struct {
		name   string
		modify func(*Funnel)
		want   error
	}{
		{"no stages", func(f *Funnel) { f.Stages = nil }, ErrInvalidFunnel},
		{"empty name", func(f *Funnel) { f.Stages[1].Name = "" }, ErrInvalidFunnel},
		{"repeated name", func(f *Funnel) { f.Stages[1].Name = "visits" }, ErrInvalidFunnel},
		{"zero conversion", func(f *Funnel) { f.Stages[0].Conversion = 0 }, ErrInvalidRate},
		{"conversion above one", func(f *Funnel) { f.Stages[0].Conversion = 1.5 }, ErrInvalidRate},
		{"NaN conversion", func(f *Funnel) { f.Stages[0].Conversion = math.NaN() }, ErrInvalidRate},
		{"negative lead", func(f *Funnel) { f.Stages[0].LeadMonths = -1 }, ErrInvalidFunnel},
		{"zero deal size", func(f *Funnel) { f.DealSize = decimal.Zero }, ErrInvalidRate},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := good
			f.Stages = append([]Stage(nil), good.Stages...)
			tt.modify(&f)
			if _, err := f.Targets(make([]decimal.Decimal, 12)); !errors.Is(err, tt.want) {
				t.Errorf("Targets() = %v, want %v", err, tt.want)
			}
			if _, err := f.Outcome(nil, decimal.Zero); !errors.Is(err, tt.want) {
				t.Errorf("Outcome() = %v, want %v", err, tt.want)
			}
		})
	}
	if _, err := good.Targets(make([]decimal.Decimal, 11)); !errors.Is(err, ErrLength) {
		t.Errorf("Targets(11 months) = %v", err)
	}
	// The last stage needs no conversion.
	one := Funnel{Stages: []Stage{{Name: "deals"}}, DealSize: dec("1")}
	st, err := one.Targets(months(map[int]string{3: "2.5"}))
	if err != nil || st[0].Months[3] != 3 {
		t.Errorf("single-stage Targets = %v, %v", st, err)
	}
}

// binomialTail is an independent P(X ≥ k) for X ~ Binomial(n, p), summing
// the probability mass function in log space.
func binomialTail(n, k int, p float64) float64 {
	var s float64
	for j := k; j <= n; j++ {
		lg := func(x int) float64 { v, _ := math.Lgamma(float64(x) + 1); return v }
		s += math.Exp(lg(n) - lg(j) - lg(n-j) + float64(j)*math.Log(p) + float64(n-j)*math.Log1p(-p))
	}
	return s
}

func TestFunnelOutcome(t *testing.T) {
	f := testFunnel() // visits → deals with p = 0.0625 after 4 months
	t.Run("single group is exact binomial", func(t *testing.T) {
		out, err := f.Outcome([]Activity{{Stage: "visits", Month: 2, Count: 100}, {Stage: "visits", Month: 2, Count: 60}}, dec("120000"))
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(out.Deals-10) > 1e-12 || math.Abs(out.DealsSD-math.Sqrt(160*0.0625*0.9375)) > 1e-12 {
			t.Errorf("deals %v sd %v", out.Deals, out.DealsSD)
		}
		if out.ByMonth[6] != 10 || !out.Revenue.Equal(dec("100000")) || !out.Exact {
			t.Errorf("ByMonth %v revenue %s exact %v", out.ByMonth, out.Revenue, out.Exact)
		}
		if want := binomialTail(160, 12, 0.0625); math.Abs(out.ProbReach-want) > 1e-9 {
			t.Errorf("ProbReach = %v, want %v", out.ProbReach, want)
		}
	})
	t.Run("groups convolve exactly", func(t *testing.T) {
		planned := []Activity{{Stage: "visits", Month: 0, Count: 80}, {Stage: "proposals", Month: 3, Count: 30}, {Stage: "opportunities", Month: 5, Count: 10}, {Stage: "deals", Month: 9, Count: 2}}
		out, err := f.Outcome(planned, dec("100000"))
		if err != nil {
			t.Fatal(err)
		}
		if want := 80*0.0625 + 30*0.25 + 10*0.5 + 2; math.Abs(out.Deals-want) > 1e-12 || !out.Exact {
			t.Fatalf("deals %v, want %v (exact %v)", out.Deals, want, out.Exact)
		}
		// Check against a seeded simulation.
		r := rand.New(rand.NewPCG(5, 5))
		hits := 0
		const sims = 200_000
		for range sims {
			d := 2
			for range 80 {
				if r.Float64() < 0.0625 {
					d++
				}
			}
			for range 30 {
				if r.Float64() < 0.25 {
					d++
				}
			}
			for range 10 {
				if r.Float64() < 0.5 {
					d++
				}
			}
			if d >= 10 {
				hits++
			}
		}
		if sim := float64(hits) / sims; math.Abs(out.ProbReach-sim) > 0.005 {
			t.Errorf("ProbReach = %v, simulation %v", out.ProbReach, sim)
		}
	})
	t.Run("large mixed groups use the normal approximation", func(t *testing.T) {
		out, err := f.Outcome([]Activity{{Stage: "visits", Month: 0, Count: 40000}, {Stage: "proposals", Month: 0, Count: 4000}}, dec("34000000"))
		if err != nil {
			t.Fatal(err)
		}
		mean := 40000*0.0625 + 4000*0.25
		sd := math.Sqrt(40000*0.0625*0.9375 + 4000*0.25*0.75)
		z := (3400 - 0.5 - mean) / sd
		if out.Exact || math.Abs(out.ProbReach-0.5*math.Erfc(z/math.Sqrt2)) > 1e-12 {
			t.Errorf("ProbReach = %v exact %v", out.ProbReach, out.Exact)
		}
	})
	t.Run("timing", func(t *testing.T) {
		out, err := f.Outcome([]Activity{{Stage: "visits", Month: 10, Count: 16}, {Stage: "visits", Before: 6, Count: 16}, {Stage: "visits", Before: 2, Count: 16}}, dec("0"))
		if err != nil {
			t.Fatal(err)
		}
		// Month 10 + 4 lands after the year; −6 + 4 before it; −2 + 4 in M3.
		if out.AfterYear != 1 || out.Deals != 1 || out.ByMonth[2] != 1 || out.ProbReach != 1 {
			t.Errorf("%+v", out)
		}
	})
	t.Run("errors", func(t *testing.T) {
		if _, err := f.Outcome([]Activity{{Stage: "calls", Month: 0, Count: 1}}, decimal.Zero); !errors.Is(err, ErrUnknownStage) {
			t.Errorf("unknown stage: %v", err)
		}
		if _, err := f.Outcome([]Activity{{Stage: "visits", Month: 0, Count: -1}}, decimal.Zero); !errors.Is(err, ErrNegativeWeight) {
			t.Errorf("negative count: %v", err)
		}
	})
	t.Run("unreachable and certain", func(t *testing.T) {
		out, _ := f.Outcome([]Activity{{Stage: "deals", Month: 1, Count: 3}}, dec("40000"))
		if out.ProbReach != 0 {
			t.Errorf("3 certain deals reach 40000 with %v", out.ProbReach)
		}
		out, _ = f.Outcome([]Activity{{Stage: "deals", Month: 1, Count: 3}}, dec("30000"))
		if out.ProbReach != 1 || out.DealsSD != 0 {
			t.Errorf("3 certain deals: %+v", out)
		}
	})
}

func TestEstimateConversions(t *testing.T) {
	f := testFunnel()
	counts := [][]int64{
		{100, 100, 100, 100, 100, 100}, // visits; 25 % become proposals two months later
		{0, 0, 25, 25, 25, 25},         // proposals; half become opportunities a month later
		{0, 0, 0, 12, 13, 12},
		{0, 0, 0, 0, 6, 7},
	}
	got, err := f.EstimateConversions(counts, Prior{})
	if err != nil {
		t.Fatal(err)
	}
	// visits t=0…3 (400) → proposals t=2…5 (100); proposals t=0…4 (75) →
	// opportunities t=1…5 (37); opportunities t=0…4 (25) → deals t=1…5 (13).
	if math.Abs(got.Stages[0].Conversion-0.25) > 1e-12 {
		t.Errorf("visit conversion %v, want 0.25", got.Stages[0].Conversion)
	}
	if c := got.Stages[1].Conversion; math.Abs(c-37.0/75) > 1e-12 {
		t.Errorf("proposal conversion %v, want 37/75", c)
	}
	if c := got.Stages[2].Conversion; math.Abs(c-13.0/25) > 1e-12 {
		t.Errorf("opportunity conversion %v, want 13/25", c)
	}
	if got.Stages[0].LeadMonths != 2 || !got.DealSize.Equal(f.DealSize) || f.Stages[0].Conversion != 0.25 {
		t.Error("estimate changed the lead times, the deal size or the input")
	}
	// A prior of 20 pseudo-visits at 10 % pulls the estimate down.
	pr, _ := f.EstimateConversions(counts, Prior{Rate: 0.1, Strength: 20})
	if c := pr.Stages[0].Conversion; math.Abs(c-(100+2)/420.0) > 1e-12 {
		t.Errorf("with prior: %v", c)
	}
	// No history for a stage: the prior's rate, or an error without one.
	empty := [][]int64{{0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0}}
	if e, err := f.EstimateConversions(empty, Prior{Rate: 0.3, Strength: 5}); err != nil || e.Stages[1].Conversion != 0.3 {
		t.Errorf("no history with prior: %v, %v", e.Stages, err)
	}
	for _, bad := range []struct {
		name   string
		counts [][]int64
		prior  Prior
		want   error
	}{
		{"no history", empty, Prior{}, ErrNoHistory},
		{"more out than in", [][]int64{{1, 1, 1}, {0, 0, 9}, {1, 1, 1}, {1, 1, 1}}, Prior{}, ErrInvalidHistory},
		{"negative", [][]int64{{1, -1, 1}, {1, 1, 1}, {1, 1, 1}, {1, 1, 1}}, Prior{}, ErrInvalidHistory},
		{"never converted", [][]int64{{5, 5, 5}, {0, 0, 0}, {1, 1, 1}, {1, 1, 1}}, Prior{}, ErrInvalidHistory},
		{"wrong length", counts[:3], Prior{}, ErrLength},
		{"bad prior", counts, Prior{Rate: 2, Strength: 1}, ErrInvalidRate},
	} {
		if _, err := f.EstimateConversions(bad.counts, bad.prior); !errors.Is(err, bad.want) {
			t.Errorf("%s: %v, want %v", bad.name, err, bad.want)
		}
	}
}

func TestProcessTargetsOfPlan(t *testing.T) {
	tree := MustNewTree([]Node{{ID: "CO"}, {ID: "A", Parent: "CO"}})
	p := MustNewPlan(Spec{Tree: tree, Calendar: Calendar{StartYear: 2027},
		Targets: []Target{{Metric: Revenue, Annual: dec("1200000")}}})
	st, err := p.ProcessTargets("A", Revenue, testFunnel())
	if err != nil {
		t.Fatal(err)
	}
	if st[3].Total != 120 || st[0].Total != 1920 || len(st[0].Before) != 4 {
		t.Errorf("deals %d visits %d before %v", st[3].Total, st[0].Total, st[0].Before)
	}
	if _, err := p.ProcessTargets("X", Revenue, testFunnel()); !errors.Is(err, ErrUnknownNode) {
		t.Errorf("unknown node: %v", err)
	}
}

// TestFunnelOutcomeNeedExact: ⌈target / DealSize⌉ is counted in decimals.
// In float64, 120000.00000001 / 10000 fell onto 12 and the probability of
// reaching the target was that of 12 deals, reported as exact.
func TestFunnelOutcomeNeedExact(t *testing.T) {
	f := testFunnel()
	planned := []Activity{{Stage: "visits", Month: 2, Count: 160}}
	for _, tt := range []struct {
		target string
		need   int
	}{{"120000", 12}, {"120000.00000001", 13}, {"119999.99999999", 12}, {"0.01", 1}} {
		out, err := f.Outcome(planned, dec(tt.target))
		if err != nil {
			t.Fatal(err)
		}
		if want := binomialTail(160, tt.need, 0.0625); !out.Exact || math.Abs(out.ProbReach-want) > 1e-12 {
			t.Errorf("target %s: ProbReach %v (exact %v), want P(D ≥ %d) = %v", tt.target, out.ProbReach, out.Exact, tt.need, want)
		}
	}
}

// TestFunnelOutcomeNormalBound: beyond 5,000 activities of different
// conversions the probability is the normal approximation, and
// ProbReachBound bounds its distance from the exact convolution.
func TestFunnelOutcomeNormalBound(t *testing.T) {
	f := testFunnel()
	planned := []Activity{{Stage: "visits", Month: 1, Count: 4000}, {Stage: "opportunities", Month: 3, Count: 3000}}
	for _, target := range []string{"1000000", "2000000", "2500000", "3000000"} {
		out, err := f.Outcome(planned, dec(target))
		if err != nil {
			t.Fatal(err)
		}
		if out.Exact || !(out.ProbReachBound > 0 && out.ProbReachBound < 0.05) {
			t.Fatalf("target %s: exact %v, bound %v", target, out.Exact, out.ProbReachBound)
		}
		pmf := convolve(binomialPMF(4000, 0.0625), binomialPMF(3000, 0.5))
		need, _ := strconv.Atoi(strings.TrimSuffix(target, "0000"))
		var exact float64
		for k := need; k < len(pmf); k++ {
			exact += pmf[k]
		}
		if d := math.Abs(out.ProbReach - exact); d > out.ProbReachBound {
			t.Errorf("target %s: |%v − %v| = %.2g above the bound %.2g", target, out.ProbReach, exact, d, out.ProbReachBound)
		}
	}
}
