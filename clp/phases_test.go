package clp

import (
	"errors"
	"math"
	"testing"

	"github.com/shopspring/decimal"
)

func history(vals ...float64) []decimal.Decimal {
	out := make([]decimal.Decimal, len(vals))
	for i, v := range vals {
		out[i] = decimal.NewFromFloat(v)
	}
	return out
}

// geometric returns n periods starting at start, growing by g a period.
func geometric(start, g float64, n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = start * math.Pow(1+g, float64(i))
	}
	return out
}

func TestDetectPhase(t *testing.T) {
	flat := geometric(1000, 0, 12)
	tests := []struct {
		name string
		hist []float64
		want Phase
	}{
		{"new customer", []float64{0, 0, 500, 800}, Exploration},
		{"fast growth", geometric(100, 0.08, 18), Formation},
		{"plateau with noise", []float64{1000, 1040, 980, 1010, 995, 1025, 990, 1005, 1015, 985, 1000, 1010}, Stability},
		{"slow drift up is stable", geometric(1000, 0.01, 18), Stability},
		{"falling", append(append([]float64{}, flat...), geometric(950, -0.06, 6)...), Decline},
		{"level dropped after a peak", append(append([]float64{}, geometric(1000, 0, 12)...), 600, 620, 610, 590, 605, 600), Decline},
		{"lost months count as falls", append(append([]float64{}, flat...), 1000, 1000, 0, 1000, 0, 0), Decline},
		{"exploration ends after six periods", geometric(100, 0.01, 6), Stability},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ev, err := DetectPhase(history(tt.hist...), PhaseRule{})
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("DetectPhase() = %v (trend %.4f, level %.3f, periods %d), want %v", got, ev.Trend, ev.Level, ev.Periods, tt.want)
			}
		})
	}
	// The trend is the growth rate in logs.
	_, ev, _ := DetectPhase(history(geometric(100, 0.05, 12)...), PhaseRule{})
	if math.Abs(ev.Trend-math.Log(1.05)) > 1e-9 || ev.Level != 1 {
		t.Errorf("evidence %+v", ev)
	}
	// A stricter rule moves the slow drift into formation.
	if p, _, _ := DetectPhase(history(geometric(1000, 0.01, 18)...), PhaseRule{Growth: 0.005}); p != Formation {
		t.Errorf("strict rule: %v", p)
	}
	for _, bad := range []struct {
		name string
		hist []float64
		rule PhaseRule
		want error
	}{
		{"empty", nil, PhaseRule{}, ErrShortHistory},
		{"all zero", []float64{0, 0}, PhaseRule{}, ErrShortHistory},
		{"negative", []float64{5, -1}, PhaseRule{}, ErrInvalidData},
		{"bad rule", []float64{5}, PhaseRule{Window: -1}, ErrInvalidRate},
	} {
		if _, _, err := DetectPhase(history(bad.hist...), bad.rule); !errors.Is(err, bad.want) {
			t.Errorf("%s: %v, want %v", bad.name, err, bad.want)
		}
	}
	for _, p := range []Phase{Exploration, Formation, Stability, Decline, 9} {
		if p.String() == "" {
			t.Error("empty phase name")
		}
	}
}

func keyAccount() AccountSpec {
	return AccountSpec{
		ID:          "KA",
		Acquisition: decimal.NewFromInt(5000),
		Phases: []PhaseSpec{
			{Phase: Exploration, Periods: 6, Revenue: decimal.NewFromInt(2000), Growth: 0.05, Margin: 0.2, CostFixed: decimal.NewFromInt(800), Retention: 0.9},
			{Phase: Formation, Periods: 12, Continue: true, Growth: 0.06, Margin: 0.28, CostFixed: decimal.NewFromInt(600), Retention: 0.97},
			{Phase: Stability, Periods: 48, Continue: true, Growth: 0.002, Margin: 0.32, CostFixed: decimal.NewFromInt(500), Retention: 0.98},
			{Phase: Decline, Periods: 24, Continue: true, Growth: -0.03, Margin: 0.25, CostFixed: decimal.NewFromInt(500), Retention: 0.95},
		},
	}
}

func TestPhaseProfile(t *testing.T) {
	c := MustNewAccount(keyAccount())
	if len(c.cf) != 90 || len(c.surv) != 90 {
		t.Fatalf("%d periods", len(c.cf))
	}
	// Period 7 continues period 6 grown by 6 %: revenue 2000·1.05⁵·1.06.
	rev6 := 2000 * math.Pow(1.05, 5)
	if want := 0.28*rev6*1.06 - 600; math.Abs(c.cf[6]-want) > 1e-9 {
		t.Errorf("period 7 cash flow %v, want %v", c.cf[6], want)
	}
	if want := math.Pow(0.9, 6) * 0.97; math.Abs(c.surv[6]-want) > 1e-12 {
		t.Errorf("survival of period 7 %v, want %v", c.surv[6], want)
	}
	m := MustNew(Config{DiscountRate: 0.1, Horizon: 90})
	// The phase profile equals the same customer written as series.
	series := AccountSpec{Acquisition: decimal.NewFromInt(5000), Survival: c.surv}
	for _, cf := range c.cf {
		series.Series = append(series.Series, decimal.NewFromFloat(cf))
	}
	series.Margin = 1
	a, _ := m.Float(c)
	b, _ := m.Float(MustNewAccount(series))
	if math.Abs(a-b) > 1e-6 {
		t.Errorf("phase CLP %v, series CLP %v", a, b)
	}
}

func TestLevers(t *testing.T) {
	m := MustNew(Config{DiscountRate: 0.1})
	levers, err := m.Levers(keyAccount(), LeverSizes{})
	if err != nil {
		t.Fatal(err)
	}
	if len(levers) != 5 {
		t.Fatalf("%d levers", len(levers))
	}
	steps := map[Step]int{}
	for i, l := range levers {
		steps[l.Step]++
		if !l.After.Sub(l.Before).Equal(l.Effect) || l.Effect.Sign() <= 0 {
			t.Errorf("lever %+v", l)
		}
		if i > 0 && l.Effect.GreaterThan(levers[i-1].Effect) {
			t.Error("levers not sorted by effect")
		}
	}
	if steps[Identify] != 1 || steps[Develop] != 1 || steps[Retain] != 1 || steps[RaiseValue] != 2 {
		t.Errorf("steps %v", steps)
	}
	// Identify saves exactly 20 % of the acquisition cost.
	for _, l := range levers {
		if l.Step == Identify && !l.Effect.Equal(decimal.NewFromInt(1000)) {
			t.Errorf("identify effect %s", l.Effect)
		}
	}
	// Without phases there is no stability phase to lengthen.
	flat, err := m.Levers(AccountSpec{Revenue: decimal.NewFromInt(1000), Margin: 0.3, Retention: 0.95}, LeverSizes{Retention: 0.01})
	if err != nil || len(flat) != 4 {
		t.Errorf("levers without phases: %d, %v", len(flat), err)
	}
	if _, err := m.Levers(keyAccount(), LeverSizes{Margin: -1}); !errors.Is(err, ErrInvalidRate) {
		t.Errorf("negative size: %v", err)
	}
	if _, err := m.Levers(AccountSpec{Retention: 3}, LeverSizes{}); !errors.Is(err, ErrInvalidRetention) {
		t.Errorf("bad spec: %v", err)
	}
	for _, s := range []Step{Identify, Develop, Retain, RaiseValue, 7} {
		if s.String() == "" {
			t.Error("empty step name")
		}
	}
}

// The retention lever added its size to the monthly retention: "+2 points"
// on 0.95 a month is 0.97 a month, 54 % → 69 % kept after a year, worth
// ten times the other levers. It now adds annual points, capped below one.
func TestRetentionLeverAnnualPoints(t *testing.T) {
	m := MustNew(Config{DiscountRate: 0.1, Horizon: 60})
	spec := AccountSpec{ID: "R", Revenue: decimal.NewFromInt(1000), Margin: 0.3, Retention: 0.95}
	levers, err := m.Levers(spec, LeverSizes{Retention: 0.02})
	if err != nil {
		t.Fatal(err)
	}
	raised := spec
	raised.Retention = math.Pow(math.Pow(0.95, 12)+0.02, 1.0/12)
	a, _ := NewAccount(raised)
	want, _ := m.Profit(a)
	for _, l := range levers {
		if l.Step == Retain && (!l.After.Equal(want) || l.Change != "retention +2.0 points a year") {
			t.Errorf("retention lever %+v, want After %v", l, want)
		}
	}
	perPeriod, _ := m.Levers(spec, LeverSizes{Retention: 0.02, RetentionPerPeriod: true})
	raised.Retention = 0.97
	a, _ = NewAccount(raised)
	want, _ = m.Profit(a)
	for _, l := range perPeriod {
		if l.Step == Retain && (!l.After.Equal(want) || l.Change != "retention +2.0 points a period") {
			t.Errorf("per-period lever %+v, want After %v", l, want)
		}
	}
	// Capped below one: a retention of 0.9995 a year is not raised.
	spec.Retention = math.Pow(0.9995, 1.0/12)
	levers, _ = m.Levers(spec, LeverSizes{Retention: 0.02})
	for _, l := range levers {
		if l.Step == Retain && !l.Effect.IsZero() {
			t.Errorf("lever beyond the cap: %+v", l)
		}
	}
	// An annual retention in the spec is raised in annual points.
	annual := AccountSpec{ID: "A", Revenue: decimal.NewFromInt(1000), Margin: 0.3, AnnualRetention: 0.6, PeriodsPerYear: 12}
	levers, _ = m.Levers(annual, LeverSizes{Retention: 0.05})
	annual.AnnualRetention = 0.65
	a, _ = NewAccount(annual)
	want, _ = m.Profit(a)
	for _, l := range levers {
		if l.Step == Retain && !l.After.Equal(want) {
			t.Errorf("annual spec lever %+v, want After %v", l, want)
		}
	}
}
