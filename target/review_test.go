package target

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

func endOf(y int, m time.Month) time.Time { return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC) }

// reviewPlan is a small plan: CO with children A and B; A has leaves A1, A2.
func reviewPlan(t *testing.T) *Plan {
	t.Helper()
	tree := MustNewTree([]Node{
		{ID: "CO"}, {ID: "A", Parent: "CO"}, {ID: "B", Parent: "CO"},
		{ID: "A1", Parent: "A"}, {ID: "A2", Parent: "A"},
	})
	return MustNewPlan(Spec{
		Tree: tree, Calendar: Calendar{StartYear: 2027}, Unit: dec("1"),
		Targets: []Target{
			{Metric: Revenue, Annual: dec("2400")},
			{Metric: Expense, Annual: dec("1200")},
			{Metric: Profit, Annual: dec("-240")},
			{Metric: Collection, Annual: dec("2280")},
		},
		DefaultProfile: Profile{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1},
	})
}

// copyPlan reports every leaf's plan as its actual for months 0 … last.
func copyPlan(p *Plan, last int) *Actuals {
	a := NewActuals(p)
	for mi, m := range p.metrics {
		for i, n := range p.tree.nodes {
			if len(p.tree.kids(i)) > 0 {
				continue
			}
			for k := 0; k <= last; k++ {
				if err := a.Set(n.ID, m, Period(k), p.amount(p.row(mi, i)[k])); err != nil {
					panic(err)
				}
			}
		}
	}
	return a
}

// TestReviewActualsEqualPlan: actuals equal to plan give 100 % everywhere,
// zero variance, on-track statuses and forecasts equal to the plan; the YTD
// row is the sum of the month rows.
func TestReviewActualsEqualPlan(t *testing.T) {
	r := rand.New(rand.NewPCG(51, 52))
	for k := range 30 {
		s := randomSpec(r, dec("1234567.89"))
		s.DefaultProfile = FlatProfile()
		s.Profiles = nil
		p := MustNewPlan(s)
		asOf := r.IntN(12)
		y, m := p.cal.Month(Period(asOf))
		rev, err := NewReview(p, copyPlan(p, asOf), ReviewConfig{AsOf: endOf(y, m)})
		if err != nil {
			t.Fatal(err)
		}
		for i, n := range p.tree.nodes {
			for mi, metric := range p.metrics {
				ytd, _ := rev.YTD(n.ID, metric)
				sum := decimal.Zero
				for k := 0; k <= asOf; k++ {
					row, err := rev.Month(n.ID, metric, Period(k))
					if err != nil {
						t.Fatal(err)
					}
					sum = sum.Add(row.Actual)
					if !row.Variance.IsZero() || row.Missing != 0 {
						t.Fatalf("case %d %s %s month %d: %+v", k, n.ID, metric, k, row)
					}
				}
				if !sum.Equal(ytd.Actual) || !ytd.Actual.Equal(ytd.Plan) {
					t.Fatalf("case %d %s %s: YTD %+v, months sum %s", k, n.ID, metric, ytd, sum)
				}
				if ytd.Completion.Valid && (math.Abs(ytd.Completion.Value-1) > 1e-12 || ytd.Status != OnTrack) {
					t.Fatalf("case %d %s %s: completion %v status %v", k, n.ID, metric, ytd.Completion, ytd.Status)
				}
				g, _ := rev.Progress(n.ID, metric)
				annual := p.amount(p.row(mi, i)[FY])
				if !g.ForecastActualPlusPlan.Equal(annual) {
					t.Fatalf("actual + plan forecast %s, plan %s", g.ForecastActualPlusPlan, annual)
				}
				if g.ForecastSeasonal.Valid && g.ForecastSeasonal.Decimal.Sub(annual).Abs().GreaterThan(p.Unit()) {
					t.Fatalf("case %d %s %s: seasonal forecast %s, plan %s", k, n.ID, metric, g.ForecastSeasonal.Decimal, annual)
				}
				// With a flat profile the run rate is the plan too, within
				// the rounding of the months.
				if g.ForecastLinear.Valid {
					tol := p.Unit().Mul(decimal.NewFromInt(int64(12 * (asOf + 1))))
					if g.ForecastLinear.Decimal.Sub(annual).Abs().GreaterThan(tol) {
						t.Fatalf("case %d %s %s: run-rate forecast %s, plan %s", k, n.ID, metric, g.ForecastLinear.Decimal, annual)
					}
				}
				sumReq, sumSea := decimal.Zero, decimal.Zero
				for k := range 12 {
					sumReq, sumSea = sumReq.Add(g.RequiredFlat[k]), sumSea.Add(g.RequiredSeasonal[k])
				}
				if !sumReq.Equal(g.GapToGo) || !sumSea.Equal(g.GapToGo) {
					t.Fatalf("required run rates sum to %s and %s, gap %s", sumReq, sumSea, g.GapToGo)
				}
			}
		}
	}
}

func TestReviewMeasures(t *testing.T) {
	p := reviewPlan(t) // every leaf: revenue 600 a year = 50 a month, etc.
	a := NewActuals(p)
	set := func(node string, m Metric, month Period, v string) {
		t.Helper()
		if err := a.Set(node, m, month, dec(v)); err != nil {
			t.Fatal(err)
		}
	}
	for k := M1; k <= M4; k++ {
		set("A1", Revenue, k, "60")
		set("B", Revenue, k, "90")
		set("A1", Expense, k, "27") // plan 25
		set("B", Expense, k, "50")  // plan 50
		set("A1", Profit, k, "-10") // plan −5: a bigger loss
		set("B", Profit, k, "0")    // plan −10: break-even beats the plan
	}
	for k := M1; k <= M2; k++ { // A2 reports only January and February
		set("A2", Revenue, k, "40")
		set("A2", Expense, k, "25")
		set("A2", Profit, k, "-5")
	}
	rev, err := NewReview(p, a, ReviewConfig{AsOf: time.Date(2027, 4, 30, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		node   string
		m      Metric
		window string
		want   string
	}{
		// Like for like: A's plan counts A2's reported months only.
		{"A", Revenue, "YTD", "plan 300 actual 320 variance 20 completion 106.7% ahead missing 2"},
		{"A", Revenue, "QTD", "plan 50 actual 60 variance 10 completion 120.0% ahead missing 1"},
		{"A1", Revenue, "2027-04", "plan 50 actual 60 variance 10 completion 120.0% ahead missing 0"},
		{"A2", Revenue, "2027-04", "plan 50 actual 0 variance 0 completion n/a no data missing 1"},
		{"B", Revenue, "YTD", "plan 400 actual 360 variance -40 completion 90.0% behind missing 0"},
		{"CO", Revenue, "YTD", "plan 700 actual 680 variance -20 completion 97.1% on track missing 2"},
		// Expense: lower is better, 108 % of budget is 92 % → behind.
		{"A1", Expense, "YTD", "plan 100 actual 108 variance 8 completion 108.0% behind missing 0"},
		// Negative plans: completion = 1 + (actual − plan)/|plan|.
		{"A1", Profit, "YTD", "plan -20 actual -40 variance -20 completion 0.0% at risk missing 0"},
		{"B", Profit, "YTD", "plan -40 actual 0 variance 40 completion 200.0% ahead missing 0"},
	}
	for _, tt := range tests {
		var row Row
		var err error
		switch tt.window {
		case "YTD":
			row, err = rev.YTD(tt.node, tt.m)
		case "QTD":
			row, err = rev.QTD(tt.node, tt.m)
		default:
			row, err = rev.Month(tt.node, tt.m, M4)
		}
		if err != nil {
			t.Fatal(err)
		}
		got := "plan " + row.Plan.String() + " actual " + row.Actual.String() + " variance " + row.Variance.String() +
			" completion " + row.Completion.String() + " " + row.Status.String() + " missing " + itoa(row.Missing)
		if got != tt.want {
			t.Errorf("%s %s %s:\n got %s\nwant %s", tt.node, tt.m, tt.window, got, tt.want)
		}
	}
	// Progress of A's revenue: annual 1200, actual 320, open months: A2's
	// March and April are partly missing but A has reports, so only May on.
	g, _ := rev.Progress("A", Revenue)
	if g.GapToGo.String() != "880" || len(g.Open) != 8 || g.Open[0] != M5 {
		t.Errorf("gap %s open %v", g.GapToGo, g.Open)
	}
	if g.RequiredFlat[M5].String() != "110" || g.RequiredSeasonal[M12].String() != "110" || !g.RequiredFlat[M1].IsZero() {
		t.Errorf("required flat %v seasonal %v", g.RequiredFlat, g.RequiredSeasonal)
	}
	if g.ForecastLinear.Decimal.String() != "960" || g.ForecastSeasonal.Decimal.String() != "1280" || g.ForecastActualPlusPlan.String() != "1220" {
		t.Errorf("forecasts %v %v %v", g.ForecastLinear, g.ForecastSeasonal, g.ForecastActualPlusPlan)
	}
	if math.Abs(g.CompletionProgress.Value-320.0/1200) > 1e-12 || g.ForecastStatus != Ahead {
		t.Errorf("completion progress %v, landing %v", g.CompletionProgress, g.ForecastStatus)
	}
	// A2 reported nothing for March and April: they are open.
	g2, _ := rev.Progress("A2", Revenue)
	if len(g2.Open) != 10 || g2.Open[0] != M3 {
		t.Errorf("A2 open %v", g2.Open)
	}
	// Negative annual plan: no completion progress.
	if gp, _ := rev.Progress("B", Profit); gp.CompletionProgress.Valid {
		t.Errorf("completion progress of a negative plan: %v", gp.CompletionProgress)
	}
	// Contributors: B −40 explains more than A +20 of CO's −20.
	cs, _ := rev.Contributors("CO", Revenue, 0)
	got := []string{cs[0].Node + " " + cs[0].Variance.String() + " " + cs[0].Share.String(), cs[1].Node + " " + cs[1].Variance.String() + " " + cs[1].Share.String()}
	if diff := cmp.Diff([]string{"B -40 200.0%", "A 20 -100.0%"}, got); diff != "" {
		t.Errorf("Contributors mismatch (-want +got):\n%s", diff)
	}
	if one, _ := rev.Contributors("CO", Revenue, 1); len(one) != 1 {
		t.Errorf("Contributors(n=1) = %v", one)
	}
	// Ratios: expense / revenue year to date.
	ra, _ := rev.Ratios("B")
	if math.Abs(ra.ActualExpenseRatio.Value-200.0/360) > 1e-12 || math.Abs(ra.PlanExpenseRatio.Value-0.5) > 1e-12 || ra.ActualProfitMargin.Value != 0 || !ra.ActualProfitMargin.Valid {
		t.Errorf("expense ratios %v %v", ra.PlanExpenseRatio, ra.ActualExpenseRatio)
	}
	if ra.ActualCollection.Valid || ra.ActualReceivables.Valid || !ra.PlanReceivables.Valid {
		t.Errorf("collection ratios without collection actuals: %+v", ra)
	}
	if rev.AsOf() != M4 || math.Abs(rev.TimeProgress()-120.0/365) > 1e-12 {
		t.Errorf("as-of %v time progress %v", rev.AsOf(), rev.TimeProgress())
	}
}

func itoa(n int) string { return decimal.NewFromInt(int64(n)).String() }

func TestReviewZeroPlanAndFirstMonth(t *testing.T) {
	tree := MustNewTree([]Node{{ID: "CO"}})
	p := MustNewPlan(Spec{Tree: tree, Calendar: Calendar{StartYear: 2027, FirstMonth: time.April}, Unit: dec("1"),
		Targets:        []Target{{Metric: Revenue, Annual: dec("0")}, {Metric: Expense, Annual: dec("0")}},
		DefaultProfile: FlatProfile()})
	a := NewActuals(p)
	_ = a.Set("CO", Revenue, M1, dec("5"))
	_ = a.Set("CO", Expense, M1, dec("5"))
	rev, err := NewReview(p, a, ReviewConfig{AsOf: time.Date(2027, 4, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	r1, _ := rev.YTD("CO", Revenue)
	e1, _ := rev.YTD("CO", Expense)
	if r1.Completion.Valid || r1.Status != Ahead || e1.Status != AtRisk {
		t.Errorf("zero plan: revenue %+v expense %+v", r1, e1)
	}
	g, _ := rev.Progress("CO", Revenue)
	if g.ForecastSeasonal.Valid || !g.ForecastLinear.Valid || g.ForecastLinear.Decimal.String() != "60" {
		t.Errorf("zero plan forecasts: %+v", g)
	}
	if math.Abs(rev.TimeProgress()-1.0/366) > 1e-12 { // April 2027 … March 2028 has 366 days
		t.Errorf("time progress %v", rev.TimeProgress())
	}
	// Last day of the year: everything is due.
	rev, _ = NewReview(p, a, ReviewConfig{AsOf: time.Date(2028, 3, 31, 12, 0, 0, 0, time.UTC)})
	if rev.TimeProgress() != 1 || rev.AsOf() != M12 {
		t.Errorf("last day: %v %v", rev.TimeProgress(), rev.AsOf())
	}
	row, _ := rev.YTD("CO", Revenue)
	if row.Missing != 11 || row.Months != 12 {
		t.Errorf("last day YTD %+v", row)
	}
	if _, err := rev.Month("CO", Revenue, Q1); !errors.Is(err, ErrInvalidPeriod) {
		t.Errorf("Month(Q1) = %v", err)
	}
}

func TestReviewWorkingDays(t *testing.T) {
	p := reviewPlan(t)
	cal := Calendar{StartYear: 2027, Holidays: []time.Time{time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)}}
	rev, err := NewReview(p, NewActuals(p), ReviewConfig{AsOf: time.Date(2027, 1, 15, 0, 0, 0, 0, time.UTC), WorkingDays: true, Calendar: &cal})
	if err != nil {
		t.Fatal(err)
	}
	// 2027: 261 weekdays less New Year's Day; 1 … 15 January has 10 working
	// days after the holiday.
	if want := 10.0 / 260; math.Abs(rev.TimeProgress()-want) > 1e-12 {
		t.Errorf("TimeProgress() = %v, want %v", rev.TimeProgress(), want)
	}
	row, _ := rev.YTD("CO", Revenue)
	if row.Status != NoData || row.Completion.Valid || row.Missing != 1 {
		t.Errorf("nothing reported: %+v", row)
	}
}

func TestReviewErrors(t *testing.T) {
	p := reviewPlan(t)
	other := MustNewPlan(Spec{Tree: MustNewTree([]Node{{ID: "X"}}), Calendar: Calendar{StartYear: 2027},
		Targets: []Target{{Metric: Revenue, Annual: dec("1")}}})
	in := time.Date(2027, 5, 1, 0, 0, 0, 0, time.UTC)
	cal := Calendar{StartYear: 2026}
	tests := []struct {
		name string
		a    *Actuals
		cfg  ReviewConfig
		want error
	}{
		{"no as-of", NewActuals(p), ReviewConfig{}, ErrInvalidSpec},
		{"as-of outside", NewActuals(p), ReviewConfig{AsOf: time.Date(2028, 1, 1, 0, 0, 0, 0, time.UTC)}, ErrInvalidPeriod},
		{"thresholds", NewActuals(p), ReviewConfig{AsOf: in, Thresholds: Thresholds{Ahead: 0.5}}, ErrInvalidRate},
		{"foreign actuals", NewActuals(other), ReviewConfig{AsOf: in}, ErrMismatchedActuals},
		{"calendar start", NewActuals(p), ReviewConfig{AsOf: in, Calendar: &cal}, ErrInvalidCalendar},
		{"bad calendar", NewActuals(p), ReviewConfig{AsOf: in, Calendar: &Calendar{}}, ErrInvalidCalendar},
		{"no working days", NewActuals(p), ReviewConfig{AsOf: in, WorkingDays: true,
			Calendar: &Calendar{StartYear: 2027, Weekend: []time.Weekday{0, 1, 2, 3, 4, 5, 6}}}, ErrInvalidCalendar},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := NewReview(p, tt.a, tt.cfg); !errors.Is(err, tt.want) {
				t.Errorf("NewReview() = %v, want %v", err, tt.want)
			}
		})
	}
	rev, _ := NewReview(p, NewActuals(p), ReviewConfig{AsOf: in})
	for _, f := range []func() error{
		func() error { _, err := rev.YTD("X", Revenue); return err },
		func() error { _, err := rev.QTD("CO", "units"); return err },
		func() error { _, err := rev.Month("CO", Revenue, M6); return err },
		func() error { _, err := rev.Progress("X", Revenue); return err },
		func() error { _, err := rev.Contributors("X", Revenue, 1); return err },
		func() error { _, err := rev.Ratios("X"); return err },
		func() error { return rev.WriteText(&bytes.Buffer{}, []string{"X"}) },
	} {
		if err := f(); err == nil {
			t.Error("bad argument accepted")
		}
	}
}

func TestReviewRendering(t *testing.T) {
	p := reviewPlan(t)
	rev, err := NewReview(p, copyPlan(p, 2), ReviewConfig{AsOf: endOf(2027, time.March)})
	if err != nil {
		t.Fatal(err)
	}
	var text bytes.Buffer
	if err := rev.WriteText(&text, []string{"CO", "B"}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"CO (company) — as of 2027-03-31", "revenue      YTD", "Largest contributors to the revenue variance", "B (region)"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("text lacks %q:\n%s", want, text.String())
		}
	}
	var csvOut bytes.Buffer
	if err := rev.WriteCSV(&csvOut); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(csvOut.String()), "\n")
	if got, want := len(lines), 2+5*4*5; got != want { // configuration, header, 5 nodes × 4 metrics × (3 months + QTD + YTD)
		t.Errorf("%d CSV lines, want %d", got, want)
	}
	if !strings.HasPrefix(lines[0], `"#review {""version"":1,""asOf"":""2027-03-31""`) {
		t.Errorf("configuration line = %q", lines[0])
	}
	if !strings.HasPrefix(lines[6], "CO,company,revenue,YTD,600,600,0,1.000000,on track,3,0,2400,600,") {
		t.Errorf("YTD line = %q", lines[6])
	}
	b, err := json.Marshal(rev)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		AsOf  string
		Nodes []struct {
			Path    string
			Metrics map[string]struct {
				Rows     []struct{ Window, Status string }
				Progress struct{ GapToGo string }
			}
		}
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.AsOf != "2027-03-31" || len(doc.Nodes) != 5 || doc.Nodes[0].Metrics["revenue"].Progress.GapToGo != "1800" {
		t.Errorf("JSON: %s", b[:200])
	}
}

func TestRatioAndStatus(t *testing.T) {
	if got := Completion(dec("-100"), dec("-50")); math.Abs(got.Value-1.5) > 1e-12 || !got.Valid {
		t.Errorf("Completion(-100, -50) = %v", got)
	}
	if got := Completion(dec("0"), dec("5")); got.Valid || got.String() != "n/a" {
		t.Errorf("Completion(0, 5) = %v", got)
	}
	for _, s := range []Status{NoData, AtRisk, Behind, OnTrack, Ahead, 9} {
		if s.String() == "" {
			t.Errorf("empty name for %d", s)
		}
	}
}

func TestAllYieldsEveryNodeAndMetric(t *testing.T) {
	p := reviewPlan(t)
	rev, _ := NewReview(p, copyPlan(p, 5), ReviewConfig{AsOf: endOf(2027, time.June)})
	n := 0
	for row, g := range rev.All() {
		if row.Node != g.Node || row.Metric != g.Metric || row.Window != "YTD" {
			t.Fatalf("mismatched pair %+v %+v", row, g)
		}
		n++
	}
	if n != 5*4 {
		t.Errorf("All yielded %d pairs, want 20", n)
	}
	for range rev.All() {
		break // stopping early must not panic
	}
}
