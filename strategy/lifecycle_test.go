package strategy

import (
	"errors"
	"math"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/salesgrowth/salesgrowth/target"
)

func TestDetectStageGrowthRule(t *testing.T) {
	for _, tc := range []struct {
		name  string
		sales []float64
		want  Stage
	}{
		{"accelerating", []float64{1, 1, 1, 2, 2, 2, 5, 5, 5}, Introduction},
		{"slowing", []float64{1, 1, 1, 3, 3, 3, 4, 4, 4}, Growth},
		{"flat", []float64{10, 10, 10, 10, 11, 10, 10, 10, 10.2}, Maturity},
		{"falling", []float64{10, 10, 10, 9, 9, 9, 7, 7, 7}, Decline},
	} {
		r, err := DetectStage(tc.sales, StageOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if r.Stage != tc.want {
			t.Errorf("%s: %v (g %.3f, a %.3f), want %v", tc.name, r.Stage, r.Growth, r.Acceleration, tc.want)
		}
	}
}

func TestDetectStageBassRule(t *testing.T) {
	b := Bass{P: 0.01, Q: 0.5, M: 1000}
	tp, _ := b.Peak() // ≈ 7.7 periods
	for _, tc := range []struct {
		n    int
		want Stage
	}{{4, Introduction}, {6, Growth}, {10, Maturity}, {16, Decline}} {
		r, err := DetectStage(b.Forecast(1, tc.n), StageOptions{Rule: BassRule})
		if err != nil {
			t.Fatal(err)
		}
		if r.Stage != tc.want {
			t.Errorf("%d periods (peak %.1f): %v, F = %.3f, want %v", tc.n, tp, r.Stage, r.Adopted, tc.want)
		}
	}
}

func TestDetectStageErrors(t *testing.T) {
	for _, tc := range []struct {
		sales []float64
		opt   StageOptions
		want  error
	}{
		{[]float64{1, 2}, StageOptions{}, ErrInvalidSeries},
		{[]float64{1, 2, math.NaN(), 1, 1, 1, 1, 1, 1}, StageOptions{}, ErrInvalidSeries},
		{[]float64{0, 0, 0, 1, 1, 1, 1, 1, 1}, StageOptions{}, ErrInvalidSeries},
		{[]float64{1, 2, 3}, StageOptions{Flat: 5}, ErrInvalidOption},
		{[]float64{1, 2, 3}, StageOptions{Rule: 9}, ErrInvalidOption},
	} {
		if _, err := DetectStage(tc.sales, tc.opt); !errors.Is(err, tc.want) {
			t.Errorf("%v %+v: got %v, want %v", tc.sales, tc.opt, err, tc.want)
		}
	}
}

func TestNamesRoundTrip(t *testing.T) {
	for _, q := range Quadrants {
		b, err := q.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back Quadrant
		if err := back.UnmarshalText(b); err != nil || back != q {
			t.Errorf("%v → %s → %v, %v", q, b, back, err)
		}
		for _, lang := range []string{"en", "zh"} {
			if v, err := ParseQuadrant(q.Title(lang)); err != nil || v != q {
				t.Errorf("ParseQuadrant(%q) = %v, %v", q.Title(lang), v, err)
			}
		}
		a, ok := DefaultAssumption(q)
		if !ok || a.Source == "" || a.Probability <= 0 || a.Probability >= 1 {
			t.Errorf("%v default %+v", q, a)
		}
	}
	for s := Introduction; s <= Decline; s++ {
		b, _ := s.MarshalText()
		var back Stage
		if err := back.UnmarshalText(b); err != nil || back != s {
			t.Errorf("stage %v round trip: %v %v", s, back, err)
		}
		st, ok := ShareStrategyFor(s)
		if !ok || st.Text("zh") == "" || st.Text("en") == "" || st.Stage != s {
			t.Errorf("share strategy of %v: %+v", s, st)
		}
	}
	for p := NoPattern; p <= ValueAddedServices; p++ {
		b, _ := p.MarshalText()
		var back Pattern
		if err := back.UnmarshalText(b); err != nil || back != p {
			t.Errorf("pattern %v round trip: %v %v", p, back, err)
		}
	}
	if _, err := ParseQuadrant("growth hacking"); !errors.Is(err, ErrInvalidInitiative) {
		t.Errorf("unknown quadrant: %v", err)
	}
	if _, err := Quadrant(9).MarshalText(); err == nil {
		t.Error("invalid quadrant marshalled")
	}
	if _, ok := DefaultAssumption(9); ok {
		t.Error("default for an invalid quadrant")
	}
}

func TestExpand(t *testing.T) {
	e, err := Expand([]Layer{
		{Kind: GroupUnits, Potential: 10, Referral: 0.8, Conversion: 0.5, Revenue: d("100000")},
		{Kind: Industry, Potential: 200, Referral: 0.1, Conversion: 0.2, Revenue: d("20000")},
	})
	if err != nil {
		t.Fatal(err)
	}
	type got struct {
		Expected, SD []float64
		Revenue      []string
		Total        string
	}
	g := got{Total: e.Revenue.String()}
	for _, l := range e.Layers {
		g.Expected = append(g.Expected, l.Expected)
		g.SD = append(g.SD, l.StdDev)
		g.Revenue = append(g.Revenue, l.Revenue.String())
	}
	want := got{Expected: []float64{4, 4}, SD: []float64{math.Sqrt(2.4), math.Sqrt(3.92)}, Revenue: []string{"400000", "80000"}, Total: "480000"}
	if diff := cmp.Diff(want, g, cmp.Comparer(func(a, b float64) bool { return math.Abs(a-b) < 1e-12 })); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if _, err := Expand([]Layer{{Potential: 1, Referral: 80}}); !errors.Is(err, ErrInvalidProbability) {
		t.Errorf("percent referral: %v", err)
	}
	if _, err := Expand([]Layer{{Potential: -1}}); !errors.Is(err, ErrInvalidOption) {
		t.Errorf("negative potential: %v", err)
	}
}

func testPlan(t testing.TB) *target.Plan {
	tree := target.MustNewTree([]target.Node{
		{ID: "ACME"},
		{ID: "NORTH", Parent: "ACME", History: []decimal.Decimal{d("600000")}},
		{ID: "SOUTH", Parent: "ACME", History: []decimal.Decimal{d("400000")}},
	})
	p, err := target.NewPlan(target.Spec{
		Tree: tree, Calendar: target.Calendar{StartYear: 2026, FirstMonth: time.April},
		Targets:        []target.Target{{Metric: target.Revenue, Annual: d("1200000")}},
		DefaultWeights: target.WeightSource{Method: target.HistoryTotal},
	})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestSpreadAndScenario(t *testing.T) {
	plan := testPlan(t)
	hist := make([]decimal.Decimal, 24)
	for i := range hist {
		hist[i] = decimal.NewFromInt(int64(70000 + 500*i))
	}
	b, _ := TrendBaseline(hist, LinearTrend, 0.9)
	g, err := PlanGap(plan, "ACME", target.Revenue, b)
	if err != nil {
		t.Fatal(err)
	}
	inits := []Initiative{
		{Name: "pen", Revenue: d("150000"), Probability: 0.75},
		{Name: "dev", Quadrant: ProductDevelopment, Revenue: d("100000"), Probability: 0.45, Start: target.Month(6)},
	}
	s, err := SpreadGap(g, inits, plan, target.Revenue, []string{"NORTH", "SOUTH"})
	if err != nil {
		t.Fatal(err)
	}
	str := func(xs ...decimal.Decimal) []string {
		var o []string
		for _, x := range xs {
			o = append(o, x.String())
		}
		return o
	}
	got := [][]string{str(s.Quadrant[:]...), str(s.Uncovered), str(s.ByNode[0]...), str(s.ByNode[1]...)}
	want := [][]string{{"112500", "45000", "0", "0"}, {"25500"}, {"67500", "45000"}, {"27000", "18000"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("spread (-want +got):\n%s", diff)
	}
	pf, err := Evaluate(g, inits, PortfolioOptions{})
	if err != nil {
		t.Fatal(err)
	}
	q, err := ScenarioPlan(plan, "ACME", target.Revenue, b, pf)
	if err != nil {
		t.Fatal(err)
	}
	fy, _ := q.Amount("ACME", target.Revenue, target.FY)
	m1, _ := q.Amount("ACME", target.Revenue, target.M1)
	if !fy.Equal(g.Year().Sub(g.Year()).Add(d("1017000")).Add(pf.Expected)) || !m1.Equal(b.Months[0].Add(pf.Months[0].Expected)) || q.Check() != nil {
		t.Errorf("scenario year %v, April %v, coherent %v", fy, m1, q.Check() == nil)
	}
	if orig, _ := plan.Amount("ACME", target.Revenue, target.FY); !orig.Equal(d("1200000")) {
		t.Errorf("the input plan changed: %v", orig)
	}
}
