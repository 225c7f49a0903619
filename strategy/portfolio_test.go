package strategy

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/shopspring/decimal"

	"github.com/salesgrowth/salesgrowth/target"
)

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// gapOf is a year whose whole gap falls in equal months.
func gapOf(t testing.TB, annual string) Gap {
	t.Helper()
	tgt, err := MonthlyTarget(d(annual), target.Profile{})
	if err != nil {
		t.Fatal(err)
	}
	g, err := PlanningGap(tgt, Baseline{})
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestEvaluateHand(t *testing.T) {
	a := Initiative{Name: "A", Revenue: d("100"), Probability: 0.5, Cost: d("10")}
	b := Initiative{Name: "B", Revenue: d("50"), Probability: 0.4, Cost: d("5"), Quadrant: ProductDevelopment}
	type summary struct {
		Outcomes         []Outcome
		PClose, Variance float64
		Expected, StdDev string
		Coverage         float64
		Success          []float64
	}
	sum := func(pf Portfolio) summary {
		return summary{pf.Outcomes, pf.PClose, pf.Variance, pf.Expected.String(), pf.StdDev.String(), pf.Coverage, pf.Success}
	}
	for _, tc := range []struct {
		name  string
		inits []Initiative
		want  summary
	}{
		{"independent", []Initiative{a, b}, summary{
			Outcomes: []Outcome{{d("0"), 0.3}, {d("50"), 0.2}, {d("100"), 0.3}, {d("150"), 0.2}},
			PClose:   0.2, Variance: 3100, Expected: "70", StdDev: "55.68", Coverage: 70.0 / 120, Success: []float64{0.5, 0.4}}},
		{"B needs A", []Initiative{a, func() Initiative { b := b; b.DependsOn = "A"; return b }()}, summary{
			Outcomes: []Outcome{{d("0"), 0.5}, {d("100"), 0.3}, {d("150"), 0.2}},
			PClose:   0.2, Variance: 3900, Expected: "60", StdDev: "62.45", Coverage: 60.0 / 120, Success: []float64{0.5, 0.2}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pf, err := Evaluate(gapOf(t, "120"), tc.inits, PortfolioOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, sum(pf), cmpopts.EquateApprox(0, 1e-9),
				cmp.Comparer(func(x, y decimal.Decimal) bool { return x.Equal(y) })); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			if !pf.Exact || !pf.Cost.Equal(d("15")) {
				t.Errorf("exact %v cost %v", pf.Exact, pf.Cost)
			}
			var s decimal.Decimal
			for _, m := range pf.Months {
				s = s.Add(m.Expected)
			}
			if !s.Equal(pf.Expected) || !pf.Months[11].CumExpected.Equal(pf.Expected) || !pf.Months[11].CumGap.Equal(d("120")) {
				t.Errorf("months sum to %v, want %v", s, pf.Expected)
			}
		})
	}
}

func TestEvaluateRamp(t *testing.T) {
	in := Initiative{Name: "late", Revenue: d("100.00"), Probability: 1, Start: target.Month(10), Ramp: []float64{1, 2}}
	pf, err := Evaluate(gapOf(t, "0"), []Initiative{in}, PortfolioOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range pf.Months {
		got = append(got, m.Expected.StringFixed(2))
	}
	want := []string{"0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "20.00", "40.00", "40.00"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("months (-want +got):\n%s", diff)
	}
	if pf.PClose != 1 || pf.Coverage != 0 {
		t.Errorf("no gap: PClose %v coverage %v", pf.PClose, pf.Coverage)
	}
}

func TestEvaluateErrors(t *testing.T) {
	ok := Initiative{Name: "A", Revenue: d("1"), Probability: 0.5}
	for _, tc := range []struct {
		name  string
		inits []Initiative
		opt   PortfolioOptions
		want  error
	}{
		{"no name", []Initiative{{Probability: 0.5}}, PortfolioOptions{}, ErrInvalidInitiative},
		{"twice", []Initiative{ok, ok}, PortfolioOptions{}, ErrInvalidInitiative},
		{"percent", []Initiative{{Name: "A", Probability: 25}}, PortfolioOptions{}, ErrInvalidProbability},
		{"nan", []Initiative{{Name: "A", Probability: math.NaN()}}, PortfolioOptions{}, ErrInvalidProbability},
		{"negative revenue", []Initiative{{Name: "A", Revenue: d("-1")}}, PortfolioOptions{}, ErrInvalidAmount},
		{"fraction of a cent", []Initiative{{Name: "A", Cost: d("0.001")}}, PortfolioOptions{}, ErrInvalidAmount},
		{"quarter start", []Initiative{{Name: "A", Start: target.Quarter(2)}}, PortfolioOptions{}, ErrInvalidInitiative},
		{"bad ramp", []Initiative{{Name: "A", Ramp: []float64{math.Inf(1)}}}, PortfolioOptions{}, ErrInvalidInitiative},
		{"unknown dependency", []Initiative{{Name: "A", DependsOn: "Z"}}, PortfolioOptions{}, ErrInvalidInitiative},
		{"self", []Initiative{{Name: "A", DependsOn: "A"}}, PortfolioOptions{}, ErrInvalidInitiative},
		{"cycle", []Initiative{{Name: "A", DependsOn: "B"}, {Name: "B", DependsOn: "A"}}, PortfolioOptions{}, ErrInvalidInitiative},
		{"quadrant", []Initiative{{Name: "A", Quadrant: 9}}, PortfolioOptions{}, ErrInvalidInitiative},
		{"overflow", []Initiative{{Name: "A", Revenue: d("9000000000000000")}, {Name: "B", Revenue: d("9000000000000000")}}, PortfolioOptions{}, ErrOverflow},
		{"options", []Initiative{ok}, PortfolioOptions{Draws: -1}, ErrInvalidOption},
		{"no source", randomInits(rand.New(rand.NewPCG(1, 1)), 12, false), PortfolioOptions{MaxOutcomes: 8}, ErrNeedSource},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Evaluate(gapOf(t, "10"), tc.inits, tc.opt)
			if !errors.Is(err, tc.want) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
			if n := countPrefix(err.Error()); n != 1 {
				t.Errorf("%q has the prefix %d times", err, n)
			}
		})
	}
}

func countPrefix(s string) int {
	n := 0
	for i := 0; i+len("strategy:") <= len(s); i++ {
		if s[i:i+len("strategy:")] == "strategy:" {
			n++
		}
	}
	return n
}

// randomInits draws n initiatives with revenues of whole currency units
// (so that totals collide) and, with deps, some dependencies.
func randomInits(r *rand.Rand, n int, deps bool) []Initiative {
	out := make([]Initiative, n)
	for i := range out {
		out[i] = Initiative{
			Name:        string(rune('A' + i)),
			Quadrant:    Quadrant(r.IntN(4)),
			Revenue:     decimal.NewFromInt(int64(10 + r.IntN(90))),
			Probability: float64(r.IntN(101)) / 100,
			Cost:        decimal.NewFromInt(int64(1 + r.IntN(50))),
			Start:       target.Month(1 + r.IntN(12)),
		}
		if deps && i > 0 && r.IntN(3) == 0 {
			out[i].DependsOn = out[r.IntN(i)].Name
		}
	}
	return out
}

// TestPortfolioProperties: the exact distribution sums to one and has the
// reported mean and variance; Monte Carlo agrees within its error; adding
// an initiative never lowers the probability of closing the gap.
func TestPortfolioProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	for trial := range 40 {
		inits := randomInits(r, 1+r.IntN(9), true)
		g := gapOf(t, decimal.NewFromInt(int64(50+r.IntN(300))).String())
		pf, err := Evaluate(g, inits, PortfolioOptions{})
		if err != nil {
			t.Fatal(err)
		}
		var s, m, m2 float64
		for _, o := range pf.Outcomes {
			x := o.Amount.InexactFloat64()
			s += o.Probability
			m += o.Probability * x
			m2 += o.Probability * x * x
		}
		if math.Abs(s-1) > 1e-12 {
			t.Fatalf("trial %d: probabilities sum to %v", trial, s)
		}
		if e := pf.Expected.InexactFloat64(); math.Abs(m-e) > 0.006 {
			t.Fatalf("trial %d: distribution mean %v, Expected %v", trial, m, e)
		}
		if v := m2 - m*m; math.Abs(v-pf.Variance) > 1e-6*max(1, v) {
			t.Fatalf("trial %d: distribution variance %v, Variance %v", trial, v, pf.Variance)
		}
		mc, err := Evaluate(g, inits, PortfolioOptions{MaxOutcomes: 1, Draws: 20000, Src: rand.NewPCG(uint64(trial), 3)})
		if err != nil {
			t.Fatal(err)
		}
		if mc.Exact || math.Abs(mc.PClose-pf.PClose) > 4*mc.PCloseError+1e-9 {
			t.Fatalf("trial %d: Monte Carlo %v ± %v, exact %v", trial, mc.PClose, mc.PCloseError, pf.PClose)
		}
		more := append(append([]Initiative(nil), inits...), randomInits(r, 1, false)[0])
		more[len(more)-1].Name = "extra"
		pm, err := Evaluate(g, more, PortfolioOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if pm.PClose < pf.PClose-1e-12 {
			t.Fatalf("trial %d: adding an initiative lowered P from %v to %v", trial, pf.PClose, pm.PClose)
		}
	}
}
