package clp_test

import (
	"fmt"
	"math/rand/v2"

	"github.com/salesgrowth/salesgrowth/clp"
	"github.com/shopspring/decimal"
)

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// A key account billing 10,000 a month at 32 % gross margin, with a cost to
// serve of 800 a month plus 3 % of revenue, 1 % monthly growth, 98 % monthly
// retention and an acquisition cost of 25,000, discounted at 10 % a year
// over ten years.
func ExampleModel_Profit() {
	model := clp.MustNew(clp.Config{DiscountRate: 0.10})
	account, err := clp.NewAccount(clp.AccountSpec{
		ID: "ACME", Revenue: d("10000"), Growth: 0.01, Margin: 0.32,
		CostFixed: d("800"), CostShare: 0.03, Acquisition: d("25000"), RetentionPerPeriod: 0.98,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	p, err := model.Profit(account)
	fmt.Println(p, err)
	fmt.Printf("monthly discount rate %.5f\n", model.PeriodRate())
	// Output:
	// 86689.6 <nil>
	// monthly discount rate 0.00797
}

func ExampleGuptaLehmann() {
	v, err := clp.GuptaLehmann(100, 0.9, 0.1)
	fmt.Printf("%.2f %v\n", v, err)
	// Output: 450.00 <nil>
}

func ExampleModel_ProfitsTo() {
	model := clp.MustNew(clp.Config{DiscountRate: 0.08})
	var base []clp.Account
	for i, r := range []float64{0.90, 0.95, 0.99} {
		base = append(base, clp.MustNewAccount(clp.AccountSpec{
			ID: fmt.Sprint("C", i), Revenue: d("1000"), Margin: 0.4, Acquisition: d("2000"), RetentionPerPeriod: r,
		}))
	}
	dst := make([]float64, len(base)) // reuse dst across batches: no allocation
	if _, err := model.ProfitsTo(dst, base); err != nil {
		fmt.Println(err)
	}
	for i, v := range dst {
		fmt.Printf("%s %.2f\n", base[i].ID(), v)
	}
	// Output:
	// C0 1382.37
	// C1 4726.91
	// C2 18754.88
}

// A key account's relationship as a phase profile: trial orders, a year of
// growth, four stable years and two years of decline.
func ExampleNewAccount_phases() {
	spec := clp.AccountSpec{
		ID: "BOREAL", Acquisition: d("5000"),
		Phases: []clp.PhaseSpec{
			{Phase: clp.Exploration, Periods: 6, Revenue: d("2000"), Growth: 0.05, Margin: 0.20, CostFixed: d("800"), RetentionPerPeriod: 0.90},
			{Phase: clp.Formation, Periods: 12, Continue: true, Growth: 0.06, Margin: 0.28, CostFixed: d("600"), RetentionPerPeriod: 0.97},
			{Phase: clp.Stability, Periods: 48, Continue: true, Growth: 0.002, Margin: 0.32, CostFixed: d("500"), RetentionPerPeriod: 0.98},
			{Phase: clp.Decline, Periods: 24, Continue: true, Growth: -0.03, Margin: 0.25, CostFixed: d("500"), RetentionPerPeriod: 0.95},
		},
	}
	model := clp.MustNew(clp.Config{DiscountRate: 0.10})
	c, err := clp.NewAccount(spec)
	if err != nil {
		fmt.Println(err)
		return
	}
	p, _ := model.Profit(c)
	fmt.Println("CLP", p)
	levers, _ := model.Levers(spec, clp.LeverSizes{})
	for _, l := range levers {
		fmt.Printf("%-11s %-28s %10s\n", l.Step, l.Change, "+"+l.Effect.StringFixed(2))
	}
	// Output:
	// CLP 6250.16
	// raise value gross margin +2.0 points       +1511.72
	// retain      retention +2.0 points a year   +1311.48
	// raise value cost to serve −10 %            +1081.99
	// identify    acquisition cost −20 %         +1000.00
	// develop     stability phase +12 periods     +957.43
}

func ExampleDetectPhase() {
	history := []decimal.Decimal{}
	for _, v := range []string{"900", "1000", "1150", "1300", "1500", "1700", "1950", "2250", "2600"} {
		history = append(history, d(v))
	}
	phase, ev, err := clp.DetectPhase(history, clp.PhaseRule{})
	fmt.Printf("%s, trend %.1f %% a period, level %.2f, %v\n", phase, 100*ev.Trend, ev.Level, err)
	// Output: formation, trend 13.8 % a period, level 1.00, <nil>
}

// A cohort of 1,000 subscribers of which 700, 560, 480, 425, 385, 355 and
// 330 are still subscribed after one to seven years (illustrative figures;
// TestSBGPublished reproduces the paper's fits on its data).
func ExampleFitSBG() {
	survivors := []float64{1000, 700, 560, 480, 425, 385, 355, 330}
	m, err := clp.FitSBG(survivors, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("alpha %.3f beta %.3f LL %.1f\n", m.Alpha, m.Beta, m.LogLikelihood(survivors))
	fmt.Printf("retention in year 8 %.3f, survivors in year 12 %.0f\n", m.RetentionRate(8), m.Project(1000, 12)[12])
	derl, _ := m.DERL(0.1, 0)
	fmt.Printf("DERL of a new customer at 10 %%: %.3f renewals\n", derl)
	// Output:
	// alpha 0.553 beta 1.281 LL -1690.1
	// retention in year 8 0.937, survivors in year 12 252
	// DERL of a new customer at 10 %: 3.870 renewals
}

func ExampleSBG_Simulate() {
	cohort := clp.SBG{Alpha: 0.7, Beta: 1.2}.Simulate(10000, 5, rand.NewPCG(1, 1))
	fmt.Println(cohort)
	m, _ := clp.FitSBG(cohort, nil)
	fmt.Printf("recovered alpha %.2f beta %.2f\n", m.Alpha, m.Beta)
	// Output:
	// [10000 6260 4793 3959 3388 2978]
	// recovered alpha 0.67 beta 1.14
}
