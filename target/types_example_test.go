package target_test

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/salesgrowth/salesgrowth/target"
	"github.com/shopspring/decimal"
)

// A two-level organisation as rows with parent IDs; levels default by
// depth.
func ExampleNode() {
	rows := []target.Node{
		{ID: "CO", Name: "Northwind"},
		{ID: "EU", Parent: "CO", Potential: d("600")},
		{ID: "US", Parent: "CO", Potential: d("400")},
	}
	tree := target.MustNewTree(rows)
	for _, n := range tree.Nodes() {
		fmt.Println(n.ID, n.Level, n.Name, n.Potential)
	}
	// Output:
	// CO company Northwind 0
	// EU region EU 600
	// US region US 400
}

func ExampleTree() {
	tree := target.MustNewTree([]target.Node{
		{ID: "CO"}, {ID: "R1", Parent: "CO"}, {ID: "C1", Parent: "R1"}, {ID: "C2", Parent: "R1"}, {ID: "R2", Parent: "CO"},
	})
	parent, _ := tree.Parent("C2")
	n, _ := tree.Node("C1")
	fmt.Println(tree.Root(), tree.Len(), tree.Children("R1"), parent, tree.Depth("C2"), tree.Path("C2"), tree.Leaves(), n.Level)
	// Output: CO 5 [C1 C2] R1 2 CO/R1/C2 [C1 C2 R2] industry
}

func ExampleWeightSource() {
	tree := target.MustNewTree([]target.Node{
		{ID: "CO"},
		{ID: "A", Parent: "CO", History: []decimal.Decimal{d("100"), d("300")}},
		{ID: "B", Parent: "CO", History: []decimal.Decimal{d("300"), d("300")}},
	})
	last := target.WeightSource{Method: target.HistoryTotal, Window: 1}
	shares, _ := tree.Shares("CO", last)
	for _, s := range shares {
		fmt.Println(s.ID, s.Share)
	}
	fmt.Println(target.WeightSource{HistoryShare: 2}.Validate() != nil)
	// Output:
	// A 0.5
	// B 0.5
	// true
}

func ExampleMetric() {
	// Any name is a metric: here the number of new logos alongside revenue.
	tree := target.MustNewTree([]target.Node{{ID: "CO"}, {ID: "A", Parent: "CO"}, {ID: "B", Parent: "CO"}})
	plan := target.MustNewPlan(target.Spec{
		Tree: tree, Calendar: target.Calendar{StartYear: 2027}, Unit: d("1"),
		Targets: []target.Target{{Metric: target.Revenue, Annual: d("1200")}, {Metric: "new logos", Annual: d("7")}},
	})
	q4, _ := plan.Amount("A", "new logos", target.Q4)
	fmt.Println(plan.Metrics(), q4)
	// Output: [revenue new logos] 0
}

// Targets per metric, weights per level, one customer (K2) with its own
// profile: all its revenue in December.
func ExampleSpec() {
	tree := target.MustNewTree([]target.Node{
		{ID: "CO"},
		{ID: "R1", Parent: "CO", Weight: d("3")}, {ID: "R2", Parent: "CO", Weight: d("1")},
		{ID: "K1", Parent: "R1"}, {ID: "K2", Parent: "R1"},
	})
	spec := target.Spec{
		Tree:     tree,
		Calendar: target.Calendar{StartYear: 2027},
		Unit:     d("1"),
		Targets: []target.Target{
			{Metric: target.Revenue, Annual: d("1200")},
			{Metric: target.Profit, Annual: d("120"), Weights: map[string]target.WeightSource{"region": {}}},
		},
		Weights:  map[string]target.WeightSource{"region": {Method: target.Explicit}},
		Profiles: map[string]target.Profile{"K2": {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}},
	}
	plan, err := target.NewPlan(spec)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, id := range []string{"R1", "R2", "K1", "K2"} {
		rev, _ := plan.Amounts(id, target.Revenue)
		pr, _ := plan.Amount(id, target.Profit, target.FY)
		fmt.Println(id, rev[target.M1], rev[target.M12], rev[target.FY], pr)
	}
	// Output:
	// R1 38 487 900 60
	// R2 25 25 300 60
	// K1 38 37 450 30
	// K2 0 450 450 30
}

func ExampleRates() {
	tree := target.MustNewTree([]target.Node{{ID: "CO"}, {ID: "A", Parent: "CO"}, {ID: "B", Parent: "CO"}})
	plan := target.MustNewPlan(target.Spec{
		Tree: tree, Calendar: target.Calendar{StartYear: 2027}, Unit: d("1"),
		Targets:     []target.Target{{Metric: target.Revenue, Annual: d("1200")}},
		GrossMargin: &target.Rates{Default: d("0.3"), ByNode: map[string]decimal.Decimal{"B": d("0.2")}},
	})
	a, _ := plan.Amount("A", target.Profit, target.FY)
	b, _ := plan.Amount("B", target.Profit, target.FY)
	fmt.Println(a, b)
	// Output: 180 120
}

func ExampleCollectionRule() {
	tree := target.MustNewTree([]target.Node{{ID: "CO"}})
	plan := target.MustNewPlan(target.Spec{
		Tree: tree, Calendar: target.Calendar{StartYear: 2027}, Unit: d("1"),
		Targets: []target.Target{{Metric: target.Revenue, Annual: d("1200")}},
		// Half collected in the month of sale, half the month after; the
		// opening receivables of 80 come in over January and February.
		Collection: &target.CollectionRule{Terms: []decimal.Decimal{d("0.5"), d("0.5")}, Opening: map[string]decimal.Decimal{"CO": d("80")}, OpeningTerms: []decimal.Decimal{d("1"), d("1")}},
	})
	jan, _ := plan.Amount("CO", target.Collection, target.M1)
	feb, _ := plan.Amount("CO", target.Collection, target.M2)
	closing, _ := plan.ClosingReceivables("CO")
	fmt.Println(jan, feb, closing)
	// Output: 90 140 50
}

func ExampleMismatch() {
	tree := target.MustNewTree([]target.Node{{ID: "CO"}, {ID: "A", Parent: "CO"}})
	plan := target.MustNewPlan(target.Spec{Tree: tree, Calendar: target.Calendar{StartYear: 2027}, Unit: d("1"),
		Targets: []target.Target{{Metric: target.Revenue, Annual: d("120")}}})
	_ = plan.Set("CO", target.Revenue, target.FY, d("121"))
	for _, m := range plan.Check() {
		fmt.Printf("%s %s %s: kind %s, have %s, want %s\n", m.Node, m.Metric, m.Period, m.Kind, m.Have, m.Want)
	}
	// Output:
	// CO revenue FY: kind months, have 121, want 120
	// CO revenue FY: kind children, have 121, want 120
}

func ExampleGap() {
	tree := target.MustNewTree([]target.Node{{ID: "CO"}, {ID: "A", Parent: "CO"}, {ID: "B", Parent: "CO"}})
	plan := target.MustNewPlan(target.Spec{Tree: tree, Calendar: target.Calendar{StartYear: 2027}, Unit: d("1"),
		Targets: []target.Target{{Metric: target.Revenue, Annual: d("1000")}}})
	gaps, _ := plan.Gaps(target.Revenue, target.H1, map[string]decimal.Decimal{"A": d("300")})
	g := gaps[0]
	fmt.Printf("%s H1: top-down %s, bottom-up %s, gap %s, %d of %d leaves committed\n", g.Node, g.TopDown, g.BottomUp, g.Gap, g.Committed, g.Leaves)
	// Output: CO H1: top-down 502, bottom-up 300, gap 202, 1 of 2 leaves committed
}

func ExampleParseError() {
	_, err := target.ReadTree(strings.NewReader("id,parent\nA,\nB,X\n"))
	var pe *target.ParseError
	if errors.As(err, &pe) {
		fmt.Println(pe.Line, pe.Field, errors.Is(err, target.ErrUnknownParent))
	}
	// Output: 3 id true
}

func ExampleAllocation() {
	a, _ := target.AllocateWith(d("10"), []decimal.Decimal{d("1"), d("1"), d("1")}, &target.Options{Unit: d("1"), Mode: target.KeepLeftover})
	fmt.Println(a.Parts, a.Leftover, decimal.Sum(a.Leftover, a.Parts...))
	// Output: [3 3 3] 1 10
}

func ExampleMonth() {
	fmt.Println(target.Month(4), target.Quarter(2), target.Month(4).IsMonth(), target.FY.Valid())
	first, last := target.H2.Span()
	fmt.Println(first, last)
	// Output:
	// M04 Q2 true true
	// 6 12
}

func ExampleCalendar_WorkingDays() {
	cal := target.Calendar{StartYear: 2027, FirstMonth: time.July, Weekend: []time.Weekday{time.Friday, time.Saturday}}
	days, _ := cal.WorkingDays()
	all := cal.Days()
	fmt.Println(cal.Label(target.M1), days[:3], all[:3])
	// Output: 2027-07 [21 23 22] [31 31 30]
}

func ExampleStage() {
	f := target.Funnel{
		Stages:   []target.Stage{{Name: "calls", Conversion: 0.1, LeadMonths: 2}, {Name: "orders"}},
		DealSize: d("5000"),
	}
	steps, _ := f.Targets([]decimal.Decimal{d("0"), d("0"), d("50000"), d("0"), d("0"), d("0"), d("0"), d("0"), d("0"), d("0"), d("0"), d("0")})
	fmt.Println(steps[0].Stage, steps[0].Months[0], steps[1].Stage, steps[1].Months[2])
	// Output: calls 100 orders 10
}

func ExampleReviewConfig() {
	tree := target.MustNewTree([]target.Node{{ID: "CO"}})
	plan := target.MustNewPlan(target.Spec{Tree: tree, Calendar: target.Calendar{StartYear: 2027}, Unit: d("1"),
		Targets: []target.Target{{Metric: target.Revenue, Annual: d("1200")}, {Metric: "complaints", Annual: d("120")}}})
	a := target.NewActuals(plan)
	_ = a.Set("CO", target.Revenue, target.M1, d("94"))
	_ = a.Set("CO", "complaints", target.M1, d("8"))
	cfg := target.ReviewConfig{
		AsOf:          time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC),
		Thresholds:    target.Thresholds{Ahead: 1.1, OnTrack: 0.95, Behind: 0.9},
		LowerIsBetter: []target.Metric{"complaints"},
	}
	rev, _ := target.NewReview(plan, a, cfg)
	r, _ := rev.YTD("CO", target.Revenue)
	c, _ := rev.YTD("CO", "complaints")
	fmt.Println(r.Completion, r.Status, "|", c.Completion, c.Status)
	// Output: 94.0% behind | 80.0% ahead
}

func ExampleReview_Progress() {
	plan, actuals := reviewExample()
	rev, _ := target.NewReview(plan, actuals, target.ReviewConfig{AsOf: time.Date(2027, 3, 31, 0, 0, 0, 0, time.UTC)})
	g, _ := rev.Progress("B", target.Revenue)
	fmt.Printf("gap %s over %v; April needs %s (flat %s); forecasts %s / %s / %s; landing %s\n",
		g.GapToGo, g.Open[:2], g.RequiredSeasonal[target.M4], g.RequiredFlat[target.M4],
		g.ForecastLinear.Decimal, g.ForecastSeasonal.Decimal, g.ForecastActualPlusPlan, g.ForecastStatus)
	// Output: gap 103500 over [M03 M04]; April needs 10350 (flat 10350); forecasts 99000 / 99000 / 116500; landing at risk
}

func ExampleReview_Contributors() {
	plan, actuals := reviewExample()
	rev, _ := target.NewReview(plan, actuals, target.ReviewConfig{AsOf: time.Date(2027, 2, 28, 0, 0, 0, 0, time.UTC)})
	cs, _ := rev.Contributors("CO", target.Revenue, 0)
	for _, c := range cs {
		fmt.Println(c.Node, c.Variance, c.Share)
	}
	ra, _ := rev.Ratios("CO")
	fmt.Println(ra.PlanExpenseRatio, ra.ActualExpenseRatio)
	// Output:
	// B -3500 116.7%
	// A 500 -16.7%
	// 20.0% 21.1%
}

func ExampleReview_All() {
	plan, actuals := reviewExample()
	rev, _ := target.NewReview(plan, actuals, target.ReviewConfig{AsOf: time.Date(2027, 2, 28, 0, 0, 0, 0, time.UTC)})
	for row, g := range rev.All() {
		if row.Metric == target.Revenue {
			fmt.Println(row.Node, row.Window, row.Plan, row.Actual, row.Status, g.ActualToDate)
		}
	}
	m, _ := rev.Month("B", target.Revenue, target.M2)
	q, _ := rev.QTD("B", target.Revenue)
	fmt.Println(m.Window, m.Actual, q.Window, q.Actual, rev.AsOf(), fmt.Sprintf("%.3f", rev.TimeProgress()))
	// Output:
	// CO YTD 40000 37000 behind 37000
	// A YTD 20000 20500 on track 20500
	// B YTD 20000 16500 at risk 16500
	// 2027-02 8500 QTD 16500 M02 0.162
}

func ExampleTarget() {
	// A target per metric; the profit target shares by region equally
	// whatever the plan's default weights say.
	t := target.Target{Metric: target.Profit, Annual: d("100000"), Weights: map[string]target.WeightSource{"region": {Method: target.Equal}}}
	fmt.Println(t.Metric, t.Annual, t.Weights["region"].Method)
	// Output: profit 100000 equal
}

func ExampleShare() {
	tree := target.MustNewTree([]target.Node{{ID: "CO"}, {ID: "A", Parent: "CO", Weight: d("2")}, {ID: "B", Parent: "CO", Weight: d("1")}})
	shares, _ := tree.Shares("CO", target.WeightSource{Method: target.Explicit})
	sum := decimal.Zero
	for _, s := range shares {
		fmt.Println(s.ID, s.Share)
		sum = sum.Add(s.Share)
	}
	fmt.Println("sum", sum)
	// Output:
	// A 0.666666666667
	// B 0.333333333333
	// sum 1
}

func ExampleWeightMethod() {
	for _, m := range []target.WeightMethod{target.Equal, target.Explicit, target.HistoryTotal, target.HistoryShares, target.Potential, target.HistoryPotential} {
		fmt.Print(m, " ")
	}
	fmt.Println()
	// Output: equal explicit history-total history-shares potential history-potential
}

func ExampleNoHistory() {
	tree := target.MustNewTree([]target.Node{
		{ID: "CO"},
		{ID: "OLD", Parent: "CO", History: []decimal.Decimal{d("100")}},
		{ID: "NEW", Parent: "CO"},
	})
	for _, p := range []target.NoHistory{target.SiblingAverage, target.ZeroShare} {
		sh, _ := tree.Shares("CO", target.WeightSource{Method: target.HistoryTotal, NoHistory: p})
		fmt.Println(p, sh[1].ID, sh[1].Share)
	}
	// Output:
	// sibling-average NEW 0.5
	// zero-share NEW 0
}

func ExampleSeasonalMethod() {
	fmt.Println(target.SimpleAverage, target.YearlyShares, target.MovingAverageRatio)
	_, err := target.Seasonality(make([]decimal.Decimal, 12), target.MovingAverageRatio)
	fmt.Println(errors.Is(err, target.ErrShortHistory))
	// Output:
	// simple-average yearly-shares moving-average-ratio
	// true
}

func ExampleGrowthMethod() {
	for _, m := range []target.GrowthMethod{target.Compound, target.Additive} {
		v, _ := target.Grow(d("200"), d("0.5"), d("0.5"), m)
		fmt.Println(m, v)
	}
	// Output:
	// compound 150
	// additive 200
}

func ExampleStageTarget() {
	steps, _ := salesFunnel().Targets([]decimal.Decimal{d("50000"), d("0"), d("0"), d("0"), d("0"), d("0"), d("0"), d("0"), d("0"), d("0"), d("0"), d("0")})
	for _, s := range steps {
		fmt.Println(s.Stage, s.Before, s.Months[0], s.Total)
	}
	// Output:
	// visits [0 10] 0 10
	// proposals [4] 0 4
	// deals [] 2 2
}

func ExampleActivity() {
	// Two proposals already out (month 0) and twenty visits next month.
	out, _ := salesFunnel().Outcome([]target.Activity{{Stage: "proposals", Month: 0, Count: 2}, {Stage: "visits", Month: 1, Count: 20}}, d("50000"))
	fmt.Printf("%.1f deals: %v\n", out.Deals, out.ByMonth[:4])
	// Output: 5.0 deals: [0 1 0 4]
}

func ExampleOutcome() {
	out, _ := salesFunnel().Outcome([]target.Activity{{Stage: "visits", Month: 10, Count: 50}}, d("100000"))
	fmt.Printf("in year %.1f (sd %.2f), after year %.1f, revenue %s, P(reach) %.3f\n", out.Deals, out.DealsSD, out.AfterYear, out.Revenue, out.ProbReach)
	// Output:
	// in year 0.0 (sd 0.00), after year 10.0, revenue 0, P(reach) 0.000
}

func ExamplePrior() {
	// Proposals never became deals in this short history: the prior keeps
	// the estimate from collapsing to zero.
	f, _ := salesFunnel().EstimateConversions([][]int64{{100, 100}, {40, 40}, {0, 0}}, target.Prior{Rate: 0.3, Strength: 50})
	fmt.Printf("%.3f %.3f\n", f.Stages[0].Conversion, f.Stages[1].Conversion)
	// Output:
	// 0.367 0.167
}

func ExampleThresholds() {
	plan, actuals := reviewExample()
	strict := target.Thresholds{Ahead: 1.2, OnTrack: 1.03, Behind: 0.95}
	for _, th := range []target.Thresholds{{}, strict} {
		rev, _ := target.NewReview(plan, actuals, target.ReviewConfig{AsOf: time.Date(2027, 2, 28, 0, 0, 0, 0, time.UTC), Thresholds: th})
		a, _ := rev.YTD("A", target.Revenue)
		fmt.Println(a.Completion, a.Status)
	}
	// Output:
	// 102.5% on track
	// 102.5% behind
}

func ExampleStatus() {
	for _, s := range []target.Status{target.NoData, target.AtRisk, target.Behind, target.OnTrack, target.Ahead} {
		fmt.Print(s, "; ")
	}
	fmt.Println()
	// Output: no data; at risk; behind; on track; ahead;
}

func ExampleRow() {
	plan, actuals := reviewExample()
	rev, _ := target.NewReview(plan, actuals, target.ReviewConfig{AsOf: time.Date(2027, 3, 31, 0, 0, 0, 0, time.UTC)})
	r, _ := rev.Month("B", target.Revenue, target.M3)
	fmt.Println(r.Node, r.Window, r.Plan, r.Actual, r.Variance, r.Completion, r.Status, r.Months, r.Missing)
	// Output: B 2027-03 10000 0 0 n/a no data 1 1
}

func ExampleProgress() {
	plan, actuals := reviewExample()
	rev, _ := target.NewReview(plan, actuals, target.ReviewConfig{AsOf: time.Date(2027, 3, 31, 0, 0, 0, 0, time.UTC)})
	g, _ := rev.Progress("A", target.Revenue)
	fmt.Printf("%s of %s (%s) at %.1f%% of the year; %d open months\n", g.ActualToDate, g.Annual, g.CompletionProgress, 100*g.TimeProgress, len(g.Open))
	// Output:
	// 33000 of 120000 (27.5%) at 24.7% of the year; 9 open months
}

func ExampleRatio() {
	fmt.Println(target.Completion(d("80"), d("100")), target.Completion(d("0"), d("1")))
	// Output: 125.0% n/a
}

func ExampleContribution() {
	plan, actuals := reviewExample()
	rev, _ := target.NewReview(plan, actuals, target.ReviewConfig{AsOf: time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC)})
	top, _ := rev.Contributors("CO", target.Revenue, 1)
	fmt.Println(top[0].Node, top[0].Variance, top[0].Share)
	// Output:
	// B -2000 200.0%
}

func ExampleRatios() {
	plan, actuals := reviewExample()
	rev, _ := target.NewReview(plan, actuals, target.ReviewConfig{AsOf: time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC)})
	ra, _ := rev.Ratios("CO")
	fmt.Println(ra.PlanExpenseRatio, ra.ActualExpenseRatio, ra.PlanCollection, ra.ActualReceivables.Valid)
	// Output:
	// 20.0% 21.1% n/a false
}
