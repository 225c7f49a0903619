package strategy_test

import (
	"fmt"
	"math/rand/v2"

	"github.com/shopspring/decimal"

	"github.com/salesgrowth/salesgrowth/strategy"
	"github.com/salesgrowth/salesgrowth/target"
)

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// A gap of 120 closed by two independent initiatives.
func ExampleEvaluate() {
	tgt, _ := strategy.MonthlyTarget(d("120"), target.Profile{})
	gap, _ := strategy.PlanningGap(tgt, strategy.Baseline{})
	pf, err := strategy.Evaluate(gap, []strategy.Initiative{
		{Name: "key-account upsell", Quadrant: strategy.MarketPenetration, Revenue: d("100"), Probability: 0.5, Cost: d("10")},
		{Name: "new sensor line", Quadrant: strategy.ProductDevelopment, Revenue: d("50"), Probability: 0.4, Cost: d("5")},
	}, strategy.PortfolioOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("expected %s ± %s, coverage %.2f, P(close) %.2f\n", pf.Expected, pf.StdDev, pf.Coverage, pf.PClose)
	for _, o := range pf.Outcomes {
		fmt.Printf("  %5s with probability %.2f\n", o.Amount, o.Probability)
	}
	// Output:
	// expected 70 ± 55.68, coverage 0.58, P(close) 0.20
	//       0 with probability 0.30
	//      50 with probability 0.20
	//     100 with probability 0.30
	//     150 with probability 0.20
}

// Monte Carlo beyond the exact-size limit, from a seeded source (the exact
// distribution, with the default limit, gives 0.668).
func ExampleEvaluate_monteCarlo() {
	var inits []strategy.Initiative
	for i := range 30 {
		inits = append(inits, strategy.Initiative{Name: fmt.Sprint("deal ", i), Revenue: decimal.NewFromInt(int64(1000 + 37*i)), Probability: 0.3})
	}
	tgt, _ := strategy.MonthlyTarget(d("12000"), target.Profile{})
	gap, _ := strategy.PlanningGap(tgt, strategy.Baseline{})
	pf, err := strategy.Evaluate(gap, inits, strategy.PortfolioOptions{MaxOutcomes: 1000, Draws: 200_000, Src: rand.NewPCG(1, 2)})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("exact %v, P(close) %.3f ± %.3f\n", pf.Exact, pf.PClose, pf.PCloseError)
	// Output:
	// exact false, P(close) 0.667 ± 0.001
}

func ExampleSelect() {
	cands := []strategy.Initiative{
		{Name: "price promotion", Revenue: d("60000"), Probability: 0.8, Cost: d("8000")},
		{Name: "second key account", Revenue: d("90000"), Probability: 0.6, Cost: d("15000")},
		{Name: "service contracts", Quadrant: strategy.ProductDevelopment, Revenue: d("50000"), Probability: 0.5, Cost: d("12000")},
		{Name: "export distributor", Quadrant: strategy.MarketDevelopment, Revenue: d("120000"), Probability: 0.35, Cost: d("30000")},
		{Name: "distributor's service", Quadrant: strategy.MarketDevelopment, Revenue: d("30000"), Probability: 0.7, Cost: d("5000"), DependsOn: "export distributor"},
	}
	s, err := strategy.Select(d("100000"), cands, 0.5, strategy.SelectOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%v for %s, P(close) %.3f, optimal %v\n", s.Names, s.Cost, s.PClose, s.Optimal)
	// Output:
	// [price promotion second key account service contracts] for 35000, P(close) 0.700, optimal true
}

// The example data of mlxtend's association_rules documentation.
func ExampleAssociationRules() {
	baskets := [][]string{
		{"Milk", "Onion", "Nutmeg", "Kidney Beans", "Eggs", "Yogurt"},
		{"Dill", "Onion", "Nutmeg", "Kidney Beans", "Eggs", "Yogurt"},
		{"Milk", "Apple", "Kidney Beans", "Eggs"},
		{"Milk", "Unicorn", "Corn", "Kidney Beans", "Yogurt"},
		{"Corn", "Onion", "Onion", "Kidney Beans", "Ice cream", "Eggs"},
	}
	rules, err := strategy.AssociationRules(baskets, strategy.RuleOptions{MinSupport: 0.6, MinConfidence: 0.7, OneConsequent: true, MinLift: 1.1})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range rules {
		fmt.Printf("%-26s support %.1f confidence %.2f lift %.2f leverage %.2f\n", r, r.Support, r.Confidence, r.Lift, r.Leverage)
	}
	fmt.Println(strategy.NextBest(rules, []string{"Onion"}, 1)[0].Product)
	// Output:
	// Kidney Beans, Onion ⇒ Eggs support 0.6 confidence 1.00 lift 1.25 leverage 0.12
	// Onion ⇒ Eggs               support 0.6 confidence 1.00 lift 1.25 leverage 0.12
	// Eggs ⇒ Onion               support 0.6 confidence 0.75 lift 1.25 leverage 0.12
	// Eggs, Kidney Beans ⇒ Onion support 0.6 confidence 0.75 lift 1.25 leverage 0.12
	// Eggs
}

func ExampleFitBass() {
	truth := strategy.Bass{P: 0.03, Q: 0.38, M: 10000}
	b, err := strategy.FitBass(truth.Forecast(1, 12))
	if err != nil {
		fmt.Println(err)
		return
	}
	t, rate := b.Peak()
	fmt.Printf("p %.3f q %.3f m %.0f, peak at %.1f periods, %.0f a period\n", b.P, b.Q, b.M, t, rate)
	// Output:
	// p 0.030 q 0.380 m 10000, peak at 6.2 periods, 1106 a period
}

func ExampleDetectStage() {
	r, err := strategy.DetectStage([]float64{120, 125, 130, 150, 160, 170, 185, 190, 192}, strategy.StageOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	s, _ := strategy.ShareStrategyFor(r.Stage)
	fmt.Printf("%s (%s): growth %.1f %%, slowing by %.1f points\n", r.Stage.Title("en"), r.Stage.Title("zh"), 100*r.Growth, -100*r.Acceleration)
	fmt.Println(s.Text("en"))
	fmt.Println(s.Text("zh"))
	// Output:
	// growth (成长期): growth 18.1 %, slowing by 9.9 points
	// Grow share faster than the market: widen the range and the channels, scale up before competitors do, lock in key accounts.
	// 扩大份额：增长快于市场，扩充产品线和渠道，抢先形成规模，锁定关键客户。
}

func ExampleTrendBaseline() {
	var hist []decimal.Decimal
	for i := range 24 {
		hist = append(hist, decimal.NewFromInt(int64(70000+500*i+(i%3)*900)))
	}
	b, err := strategy.TrendBaseline(hist, strategy.LinearTrend, 0.9)
	if err != nil {
		fmt.Println(err)
		return
	}
	tgt, _ := strategy.MonthlyTarget(d("1200000"), target.Profile{})
	g, _ := strategy.PlanningGap(tgt, b)
	q1, _ := g.At(target.Q1)
	op, st, _ := g.Split(d("120000"))
	fmt.Printf("month 1 baseline %s (90 %%: %s … %s)\n", b.Months[0], b.Low[0], b.High[0])
	fmt.Printf("Q1 gap %s, year gap %s = operational %s + strategic %s\n", q1.Gap, g.Year(), op, st)
	// Output:
	// month 1 baseline 83056.52 (90 %: 81636.34 … 84476.7)
	// Q1 gap 49292.87, year gap 169495.3 = operational 120000 + strategic 49495.3
}

func ExampleExpand() {
	e, err := strategy.Expand([]strategy.Layer{
		{Kind: strategy.GroupUnits, Potential: 6, Referral: 0.7, Conversion: 0.5, Revenue: d("200000")},
		{Kind: strategy.SupplyChain, Potential: 20, Referral: 0.3, Conversion: 0.3, Revenue: d("80000")},
		{Kind: strategy.Competitors, Potential: 12, Referral: 0.1, Conversion: 0.2, Revenue: d("150000")},
		{Kind: strategy.Industry, Potential: 300, Referral: 0.02, Conversion: 0.1, Revenue: d("50000")},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, l := range e.Layers {
		fmt.Printf("%-48s %.2f ± %.2f accounts, %s\n", l.Kind.Title("en"), l.Expected, l.StdDev, l.Revenue)
	}
	fmt.Printf("total %.2f ± %.2f accounts, %s ± %s\n", e.Expected, e.StdDev, e.Revenue, e.RevenueSD)
	// Output:
	// other units of the customer's group              2.10 ± 1.17 accounts, 420000
	// the customer's suppliers and upstream customers  1.80 ± 1.28 accounts, 144000
	// the customer's competitors                       0.24 ± 0.48 accounts, 36000
	// the whole industry                               0.60 ± 0.77 accounts, 30000
	// total 4.74 ± 1.96 accounts, 630000 ± 268089.91
}
