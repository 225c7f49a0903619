package clp_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/salesgrowth/salesgrowth/clp"
)

// Fit the BG/NBD to a simulated base, then ask what a few customers will do.
func ExampleFitBGNBD() {
	truth := clp.BGNBD{R: 0.25, Alpha: 4, A: 0.8, B: 2.5}
	base := truth.Simulate(20000, 39, 1.0/7, rand.NewPCG(1, 2))
	m, err := clp.FitBGNBD(base, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("r %.2f α %.2f a %.2f b %.2f\n", m.R, m.Alpha, m.A, m.B)
	for _, c := range []clp.Customer{{X: 0, Tx: 0, T: 39}, {X: 4, Tx: 38, T: 39}, {X: 4, Tx: 10, T: 39}} {
		p, e := m.Predict(39, c)
		fmt.Printf("x %v recency %v: P(alive) %.3f, next 39 weeks %.2f\n", c.X, c.Tx, p, e)
	}
	fmt.Printf("a new customer: %.2f purchases in 39 weeks, P(none) %.3f\n", m.ExpectedPurchases(39), m.ProbPurchases(0, 39))
	// Output:
	// r 0.25 α 4.06 a 0.79 b 2.42
	// x 0 recency 0: P(alive) 1.000, next 39 weeks 0.20
	// x 4 recency 38: P(alive) 0.862, next 39 weeks 2.69
	// x 4 recency 10: P(alive) 0.056, next 39 weeks 0.17
	// a new customer: 1.30 purchases in 39 weeks, P(none) 0.556
}

func ExampleFitParetoNBD() {
	base := clp.ParetoNBD{R: 0.55, Alpha: 10.5, S: 0.6, Beta: 11.7}.Simulate(20000, 39, 1.0/7, rand.NewPCG(3, 4))
	m, err := clp.FitParetoNBD(base, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("r %.2f α %.2f s %.2f β %.2f\n", m.R, m.Alpha, m.S, m.Beta)
	fmt.Printf("P(alive) of x 2, recency 30, age 39: %.3f\n", m.PAlive(clp.Customer{X: 2, Tx: 30, T: 39}))
	// Output:
	// r 0.57 α 10.54 s 0.53 β 8.78
	// P(alive) of x 2, recency 30, age 39: 0.867
}

func ExampleFitBGBB() {
	// Donation patterns over six years: (years with a gift, last such
	// year, years) and the number of donors with each.
	patterns := []clp.Customer{{X: 0, Tx: 0, T: 6}, {X: 1, Tx: 1, T: 6}, {X: 3, Tx: 6, T: 6}, {X: 6, Tx: 6, T: 6}, {X: 2, Tx: 3, T: 6}}
	donors := []float64{3000, 1100, 500, 1200, 400}
	m, err := clp.FitBGBBWeighted(patterns, donors, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("α %.2f β %.2f γ %.2f δ %.2f\n", m.Alpha, m.Beta, m.Gamma, m.Delta)
	fmt.Printf("a six-year donor gives %.2f times in the next five years\n", m.ConditionalExpectedPurchases(5, clp.Customer{X: 6, Tx: 6, T: 6}))
	// Output:
	// α 0.81 β 0.28 γ 0.36 δ 0.47
	// a six-year donor gives 4.19 times in the next five years
}

func ExampleFitGammaGamma() {
	x := []float64{1, 2, 5, 3, 1, 8, 2}
	spend := []float64{22.5, 31, 18.9, 45, 12.3, 27.4, 60}
	m, err := clp.FitGammaGamma(x, spend, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("expected spend of a customer with 8 purchases averaging 27.40: %.2f\n", m.ConditionalExpectedSpend(8, 27.4))
	// Output: expected spend of a customer with 8 purchases averaging 27.40: 29.00
}

func ExampleSummarize() {
	const log = `id,date,amount
A,20240101,10
A,20240101,5
A,20240115,20
A,20240129,40
B,20240129,9
A,20240220,7
`
	events, err := clp.ReadEvents(strings.NewReader(log), clp.LogFormat{CustomerColumn: "id", DateColumn: "date", AmountColumn: "amount"})
	if err != nil {
		fmt.Println(err)
		return
	}
	ss, _ := clp.Summarize(events, clp.SummaryOptions{
		CalibrationEnd: time.Date(2024, 2, 5, 0, 0, 0, 0, time.UTC),
		HoldoutEnd:     time.Date(2024, 3, 3, 0, 0, 0, 0, time.UTC),
	})
	for _, s := range ss {
		r, f, m := s.RFM()
		fmt.Printf("%s x %v recency %v age %v mean repeat spend %v holdout %v | RFM %v %v %v\n", s.ID, s.X, s.Tx, s.T, s.MeanSpend, s.HoldoutX, r, f, m)
	}
	// Output:
	// A x 2 recency 4 age 5 mean repeat spend 30 holdout 1 | RFM 1 3 25
	// B x 0 recency 0 age 1 mean repeat spend 0 holdout 0 | RFM 1 1 9
}

func ExampleLifetimeValue() {
	bg := clp.BGNBD{R: 0.243, Alpha: 4.414, A: 0.793, B: 2.426}
	gg := clp.GammaGamma{P: 6.25, Q: 3.74, Gamma: 15.44}
	c := clp.Customer{X: 2, Tx: 30.43, T: 38.86}
	monthly := clp.ValueConfig{Margin: 0.3, CostPerTransaction: 2, PeriodLength: 52.0 / 12, Periods: 12, DiscountRatePerPeriod: 0.01}
	v, _ := clp.LifetimeValue(bg, gg, c, 22.35, monthly)
	monthly.Continuous = true
	vc, _ := clp.LifetimeValue(bg, gg, c, 22.35, monthly)
	det, _ := clp.DiscountedTransactions(bg, c, 52.0/12, 12, 0.01)
	fmt.Printf("12 months %s (%.3f discounted transactions), whole lifetime %s\n", v, det, vc)
	// Output: 12 months 7.93 (1.468 discounted transactions), whole lifetime 30.45
}
