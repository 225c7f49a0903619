package clp_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/salesgrowth/salesgrowth/clp"
	"github.com/shopspring/decimal"
)

func ExampleConfig() {
	// Quarterly periods, 8 % a year, five years, cash at the start of each
	// quarter, results in whole currency units.
	cfg := clp.Config{PeriodsPerYear: 4, DiscountRate: 0.08, Horizon: 20, Timing: clp.StartOfPeriod, Unit: d("1")}
	m, err := clp.New(cfg)
	if err != nil {
		fmt.Println(err)
		return
	}
	a := clp.MustNewAccount(clp.AccountSpec{Revenue: d("30000"), Margin: 0.25, RetentionPerPeriod: 0.95})
	p, _ := m.Profit(a)
	fmt.Printf("%.4f %d %s\n", m.PeriodRate(), m.Horizon(), p)
	fmt.Println(clp.Config{DiscountRate: -1}.Validate() != nil)
	// Output:
	// 0.0194 20 83258
	// true
}

// A three-year frame contract: an explicit monthly revenue plan and the
// survival curve observed for such contracts.
func ExampleAccountSpec() {
	var revenue []decimal.Decimal
	var survival []float64
	s := 1.0
	for m := range 36 {
		revenue = append(revenue, decimal.NewFromInt(int64(5000+100*m)))
		if m%12 == 11 {
			s *= 0.8 // renewal risk at each anniversary
		}
		survival = append(survival, s)
	}
	spec := clp.AccountSpec{ID: "FRAME", Series: revenue, Margin: 0.3, CostFixed: d("400"), Acquisition: d("6000"), Survival: survival}
	a, err := clp.NewAccount(spec)
	if err != nil {
		fmt.Println(err)
		return
	}
	model := clp.MustNew(clp.Config{DiscountRate: 0.1})
	p, _ := model.Profit(a)
	f, _ := model.Float(a)
	fmt.Println(a.ID(), p, fmt.Sprintf("%.4f", f))
	// Output:
	// FRAME 33088.01 33088.0104
}

func ExamplePhaseRule() {
	var history []decimal.Decimal
	for _, v := range []int64{100, 100, 105, 98, 102, 101, 99, 100, 103, 101, 100, 102} {
		history = append(history, decimal.NewFromInt(v))
	}
	for _, rule := range []clp.PhaseRule{{}, {MinPeriods: 24}, {Level: 1.01}} {
		phase, ev, _ := clp.DetectPhase(history, rule)
		fmt.Printf("%-11s trend %+.4f level %.3f over %d periods\n", phase, ev.Trend, ev.Level, ev.Periods)
	}
	// Output:
	// stability   trend +0.0037 level 0.998 over 12 periods
	// exploration trend +0.0037 level 0.998 over 12 periods
	// decline     trend +0.0037 level 0.998 over 12 periods
}

func ExampleLeverSizes() {
	model := clp.MustNew(clp.Config{DiscountRate: 0.1})
	spec := clp.AccountSpec{Revenue: d("8000"), Margin: 0.25, CostFixed: d("900"), Acquisition: d("10000"), RetentionPerPeriod: 0.97}
	levers, _ := model.Levers(spec, clp.LeverSizes{Retention: 0.01, Margin: 0.01, CostToServe: 0.2, Acquisition: 0.5})
	for _, l := range levers {
		fmt.Printf("%-11s %-28s %s → %s (%s)\n", l.Step, l.Change, l.Before, l.After, l.Effect)
	}
	// Output:
	// identify    acquisition cost −50 %       17817.94 → 22817.94 (5000)
	// raise value cost to serve −20 %          17817.94 → 22369.97 (4552.03)
	// raise value gross margin +1.0 points     17817.94 → 19841.06 (2023.12)
	// retain      retention +1.0 points a year 17817.94 → 18682.17 (864.23)
}

func ExampleSBG() {
	m := clp.SBG{Alpha: 0.7, Beta: 1.2}
	fmt.Printf("churn in year 1 %.3f, still active after 5 years %.3f, retention in year 5 %.3f\n",
		m.Churn(1), m.Survival(5), m.RetentionRate(5))
	fmt.Printf("cohort of 1000: %.0f\n", m.Project(1000, 3))
	d1, _ := m.DERL(0.1, 0)
	d5, _ := m.DERL(0.1, 5)
	fmt.Printf("DERL new %.2f, after 5 renewals %.2f\n", d1, d5)
	// Output:
	// churn in year 1 0.368, still active after 5 years 0.297, retention in year 5 0.881
	// cohort of 1000: [1000 632 479 393]
	// DERL new 3.01, after 5 renewals 6.29
}

func ExampleCustomer() {
	m := clp.MBGNBD{R: 0.525, Alpha: 6.183, A: 0.891, B: 1.614}
	for _, c := range []clp.Customer{{X: 0, Tx: 0, T: 39}, {X: 3, Tx: 35, T: 39}} {
		p, e := m.Predict(52, c)
		fmt.Printf("%+v: P(alive) %.3f, next year %.2f\n", c, p, e)
	}
	fmt.Printf("new customer: %.2f in a year, P(exactly 2) %.3f\n", m.ExpectedPurchases(52), m.ProbPurchases(2, 52))
	// Output:
	// {X:0 Tx:0 T:39}: P(alive) 0.389, next year 0.20
	// {X:3 Tx:35 T:39}: P(alive) 0.789, next year 2.44
	// new customer: 1.42 in a year, P(exactly 2) 0.090
}

func ExampleFitMBGNBD() {
	base := clp.MBGNBD{R: 0.5, Alpha: 6, A: 0.9, B: 1.6}.Simulate(20000, 39, 1.0/7, rand.NewPCG(5, 6))
	m, err := clp.FitMBGNBD(base, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	se, _ := m.StandardErrors(base)
	fmt.Printf("r %.2f±%.2f α %.2f±%.2f a %.2f±%.2f b %.2f±%.2f\n", m.R, se[0], m.Alpha, se[1], m.A, se[2], m.B, se[3])
	// Output:
	// r 0.49±0.03 α 5.78±0.24 a 0.92±0.06 b 1.68±0.22
}

func ExampleSummarizer() {
	opt := clp.SummaryOptions{CalibrationEnd: time.Date(2024, 6, 30, 0, 0, 0, 0, time.UTC), Unit: clp.Days}
	// Two shards of one log, summarised apart and merged.
	east, _ := clp.NewSummarizer(opt)
	west, _ := clp.NewSummarizer(opt)
	day := func(m time.Month, d int) time.Time { return time.Date(2024, m, d, 9, 0, 0, 0, time.UTC) }
	_ = east.Add(clp.Event{Customer: "K1", Time: day(1, 10), Amount: d("100")})
	_ = west.Add(clp.Event{Customer: "K1", Time: day(3, 1), Amount: d("60")})
	_ = west.Add(clp.Event{Customer: "K1", Time: day(3, 1), Amount: d("40")})
	_ = east.Add(clp.Event{Customer: "K2", Time: day(6, 1), Amount: d("10")})
	_ = east.Merge(west)
	for _, s := range east.Summaries() {
		fmt.Printf("%s %+v mean %v first %s\n", s.ID, s.Customer, s.MeanSpend, s.First.Format(time.DateOnly))
	}
	fmt.Println(clp.Customers(east.Summaries()))
	// Output:
	// K1 {X:1 Tx:51 T:172} mean 100 first 2024-01-10
	// K2 {X:0 Tx:0 T:29} mean 0 first 2024-06-01
	// [{1 51 172} {0 0 29}]
}

func ExampleReadEvents() {
	const master = ` customer_id  date number_of_cds  dollar_value
 00001 19970101  1   11.77
 00002 19970112  1   12.00
 00002 19970112  5   77.00
`
	events, err := clp.ReadEvents(strings.NewReader(master), clp.LogFormat{
		CustomerColumn: "customer_id", DateColumn: "date", AmountColumn: "dollar_value", Whitespace: true,
	})
	fmt.Println(len(events), events[2].Customer, events[2].Amount, err)
	_, err = clp.ReadEvents(strings.NewReader("id,date\nA,1997-01-01\n"), clp.LogFormat{CustomerColumn: "id", DateColumn: "date"})
	var pe *clp.ParseError
	fmt.Println(errors.As(err, &pe), pe.Line, pe.Field)
	// Output:
	// 3 00002 77 <nil>
	// true 2 date
}

func ExampleDERT() {
	pn := clp.ParetoNBD{R: 0.553, Alpha: 10.578, S: 0.606, Beta: 11.669}
	c := clp.Customer{X: 2, Tx: 30.43, T: 38.86}
	dert, _ := clp.DERT(pn, c, 0.0019) // ≈ 10 % a year, per week
	year, _ := clp.DiscountedTransactions(pn, c, 52.0/12, 12, 0.008)
	fmt.Printf("DERT %.3f, next 12 months %.3f\n", dert, year)
	// Output:
	// DERT 7.990, next 12 months 1.764
}

func ExampleAccount() {
	a := clp.MustNewAccount(clp.AccountSpec{ID: "ACME", Revenue: d("1000"), Margin: 0.4, RetentionPerPeriod: 0.9})
	var zero clp.Account
	m := clp.MustNew(clp.Config{})
	p, _ := m.Profit(a)
	z, _ := m.Profit(zero)
	fmt.Println(a.ID(), p, z)
	// Output:
	// ACME 3599.99 0
}

func ExampleTiming() {
	a := clp.MustNewAccount(clp.AccountSpec{Revenue: d("100"), Margin: 1, RetentionPerPeriod: 0.5})
	for _, tm := range []clp.Timing{clp.EndOfPeriod, clp.StartOfPeriod} {
		p, _ := clp.MustNew(clp.Config{Horizon: 3, Timing: tm}).Profit(a)
		fmt.Println(p)
	}
	// Output:
	// 87.5
	// 175
}

func ExampleRateBasis() {
	annual := clp.MustNew(clp.Config{DiscountRate: 0.12})
	monthly := clp.MustNew(clp.Config{DiscountRate: 0.01, RateBasis: clp.PerPeriod})
	fmt.Printf("%.6f %.6f\n", annual.PeriodRate(), monthly.PeriodRate())
	// Output:
	// 0.009489 0.010000
}

func ExamplePhaseSpec() {
	// Twelve months of trial orders growing 10 % a month, then a plateau
	// that continues from where the trial ended.
	a := clp.MustNewAccount(clp.AccountSpec{Phases: []clp.PhaseSpec{
		{Phase: clp.Exploration, Periods: 12, Revenue: d("1000"), Growth: 0.1, Margin: 0.2, RetentionPerPeriod: 1},
		{Phase: clp.Stability, Periods: 12, Continue: true, Margin: 0.3, RetentionPerPeriod: 1},
	}})
	p, _ := clp.MustNew(clp.Config{Horizon: 24}).Profit(a)
	fmt.Println(p)
	// Output:
	// 14548.08
}

func ExamplePhase() {
	for _, p := range []clp.Phase{clp.Exploration, clp.Formation, clp.Stability, clp.Decline} {
		fmt.Print(p, " ")
	}
	fmt.Println()
	// Output: exploration formation stability decline
}

func ExamplePhaseEvidence() {
	var h []decimal.Decimal
	for _, v := range []int64{1000, 1000, 1000, 1000, 1000, 1000, 950, 880, 800, 740, 690, 640} {
		h = append(h, decimal.NewFromInt(v))
	}
	p, ev, _ := clp.DetectPhase(h, clp.PhaseRule{})
	fmt.Printf("%s: %d periods, trend %.3f, level %.2f\n", p, ev.Periods, ev.Trend, ev.Level)
	// Output:
	// decline: 12 periods, trend -0.080, level 0.78
}

func ExampleStep() {
	for _, s := range []clp.Step{clp.Identify, clp.Develop, clp.Retain, clp.RaiseValue} {
		fmt.Print(s, "; ")
	}
	fmt.Println()
	// Output: identify; develop; retain; raise value;
}

func ExampleLever() {
	m := clp.MustNew(clp.Config{DiscountRate: 0.1})
	levers, _ := m.Levers(clp.AccountSpec{Revenue: d("5000"), Margin: 0.3, CostFixed: d("500"), RetentionPerPeriod: 0.95}, clp.LeverSizes{})
	best := levers[0]
	fmt.Println(best.Step, best.Change, best.Before, best.After, best.Effect)
	// Output:
	// raise value gross margin +2.0 points 16373.21 18010.53 1637.32
}

func ExampleBGNBD() {
	m := clp.BGNBD{R: 0.243, Alpha: 4.414, A: 0.793, B: 2.426}
	fmt.Printf("%.4f %.4f %.4f\n", m.ExpectedPurchases(39), m.PAlive(clp.Customer{X: 2, Tx: 30.43, T: 38.86}), m.ConditionalExpectedPurchases(39, clp.Customer{X: 2, Tx: 30.43, T: 38.86}))
	// Output:
	// 1.1967 0.7266 1.2260
}

func ExampleParetoNBD() {
	m := clp.ParetoNBD{R: 0.553, Alpha: 10.578, S: 0.606, Beta: 11.669}
	fmt.Printf("%.4f %.4f %.4f\n", m.ExpectedPurchases(39), m.PAlive(clp.Customer{X: 2, Tx: 30.43, T: 38.86}), m.ProbPurchases(0, 39))
	// Output:
	// 1.2130 0.8692 0.5936
}

func ExampleMBGNBD() {
	m := clp.MBGNBD{R: 0.525, Alpha: 6.183, A: 0.891, B: 1.614}
	fmt.Printf("%.4f %.4f\n", m.PAlive(clp.Customer{X: 0, Tx: 0, T: 39}), m.ExpectedPurchases(39))
	// Output:
	// 0.3893 1.1830
}

func ExampleBGBB() {
	m := clp.BGBB{Alpha: 1.204, Beta: 0.750, Gamma: 0.657, Delta: 2.783}
	lapsed := clp.Customer{X: 2, Tx: 2, T: 6}
	fmt.Printf("%.3f %.3f %.3f\n", m.ExpectedPurchases(6), m.PAlive(lapsed), m.ConditionalExpectedPurchases(5, lapsed))
	// Output:
	// 2.220 0.066 0.119
}

func ExampleGammaGamma() {
	m := clp.GammaGamma{P: 6.25, Q: 3.74, Gamma: 15.44}
	mean, _ := m.MeanSpend()
	fmt.Printf("population %.2f; 1 purchase of 100: %.2f; 20 purchases of 100: %.2f\n", mean, m.ConditionalExpectedSpend(1, 100), m.ConditionalExpectedSpend(20, 100))
	// Output:
	// population 35.22; 1 purchase of 100: 80.26; 20 purchases of 100: 98.61
}

func ExampleFitOptions() {
	base := clp.BGNBD{R: 0.3, Alpha: 5, A: 0.8, B: 2.5}.Simulate(2000, 39, 1.0/7, rand.NewPCG(7, 7))
	plain, _ := clp.FitBGNBD(base, nil)
	shrunk, _ := clp.FitBGNBD(base, &clp.FitOptions{Penalty: 0.05, MaxIterations: 200})
	fmt.Printf("alpha %.2f, with a penalty %.2f\n", plain.Alpha, shrunk.Alpha)
	// Output:
	// alpha 5.20, with a penalty 2.54
}

func ExampleTransactionModel() {
	c := clp.Customer{X: 3, Tx: 30, T: 39}
	for _, m := range []clp.TransactionModel{
		clp.BGNBD{R: 0.243, Alpha: 4.414, A: 0.793, B: 2.426},
		clp.ParetoNBD{R: 0.553, Alpha: 10.578, S: 0.606, Beta: 11.669},
	} {
		fmt.Printf("%T: %.3f\n", m, m.ConditionalExpectedPurchases(52, c))
	}
	// Output:
	// clp.BGNBD: 2.198
	// clp.ParetoNBD: 2.496
}

func ExampleValueConfig() {
	bg := clp.BGNBD{R: 0.243, Alpha: 4.414, A: 0.793, B: 2.426}
	gg := clp.GammaGamma{P: 6.25, Q: 3.74, Gamma: 15.44}
	cfg := clp.ValueConfig{Margin: 0.25, CostPerTransaction: 3, PeriodLength: 52.0 / 12, Periods: 24, DiscountRatePerPeriod: 0.008}
	v, err := clp.LifetimeValue(bg, gg, clp.Customer{X: 5, Tx: 35, T: 39}, 40, cfg)
	fmt.Println(v, err)
	// Output:
	// 42.19 <nil>
}

func ExampleEvent() {
	e := clp.Event{Customer: "K1", Time: time.Date(2024, 5, 2, 15, 30, 0, 0, time.UTC), Amount: d("120.50")}
	ss, _ := clp.Summarize([]clp.Event{e}, clp.SummaryOptions{CalibrationEnd: time.Date(2024, 5, 30, 0, 0, 0, 0, time.UTC)})
	fmt.Printf("%s %+v %s\n", ss[0].ID, ss[0].Customer, ss[0].First.Format(time.DateOnly))
	// Output:
	// K1 {X:0 Tx:0 T:4} 2024-05-02
}

func ExampleSummary() {
	s := clp.Summary{ID: "A", Customer: clp.Customer{X: 3, Tx: 20, T: 26}, MeanSpend: 50, TotalSpend: 190}
	r, f, m := s.RFM()
	fmt.Println(r, f, m)
	// Output: 6 4 47.5
}

func ExampleSummaryOptions() {
	opt := clp.SummaryOptions{CalibrationEnd: time.Date(2024, 6, 30, 0, 0, 0, 0, time.UTC), HoldoutEnd: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)}
	fmt.Println(errors.Is(opt.Validate(), clp.ErrInvalidData))
	// Output: true
}

func ExampleTimeUnit() {
	events := []clp.Event{
		{Customer: "A", Time: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)},
		{Customer: "A", Time: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)},
	}
	for _, u := range []clp.TimeUnit{clp.Days, clp.Weeks, clp.Months} {
		ss, _ := clp.Summarize(events, clp.SummaryOptions{CalibrationEnd: time.Date(2024, 3, 31, 0, 0, 0, 0, time.UTC), Unit: u})
		fmt.Printf("%s: recency %.2f, age %.2f\n", u, ss[0].Tx, ss[0].T)
	}
	// Output:
	// days: recency 60.00, age 90.00
	// weeks: recency 8.57, age 12.86
	// months: recency 1.97, age 2.96
}

func ExampleLogFormat() {
	const log = "2024-01-05 10:00:00,C7\n2024-02-09 16:30:00,C7\n"
	events, err := clp.ReadEvents(strings.NewReader(log), clp.LogFormat{NoHeader: true, DateIndex: 0, CustomerIndex: 1, AmountIndex: -1, DateLayout: time.DateTime})
	fmt.Println(len(events), events[1].Customer, events[1].Time.Format(time.DateOnly), events[1].Amount, err)
	// Output:
	// 2 C7 2024-02-09 0 <nil>
}

func ExampleParseError() {
	_, err := clp.ReadEvents(strings.NewReader("id,date,amount\nA,20240101,ten\n"), clp.LogFormat{CustomerColumn: "id", DateColumn: "date", AmountColumn: "amount"})
	var pe *clp.ParseError
	fmt.Println(errors.As(err, &pe), pe.Line, pe.Field, errors.Is(err, clp.ErrInvalidData))
	// Output: true 2 amount true
}
