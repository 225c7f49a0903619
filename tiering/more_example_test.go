package tiering_test

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesgrowth/salesgrowth/tiering"
)

func ExampleNewReport() {
	profit := []float64{600, 250, 100, 40, 10, -100}
	a, _ := tiering.Assign(profit, tiering.Options{Method: tiering.ByProfitShare})
	r, _ := tiering.NewReport(profit, a)
	for t := tiering.Strategic; ; t-- {
		row := r.Rows[t]
		fmt.Printf("%-13s %d customers, %3.0f%% of profit, %d loss-makers\n", t, row.Count, 100*row.ProfitShare, row.LossMakers)
		if t == tiering.Transactional {
			break
		}
	}
	// Output:
	// strategic     1 customers,  60% of profit, 0 loss-makers
	// value         1 customers,  25% of profit, 0 loss-makers
	// standard      1 customers,  10% of profit, 0 loss-makers
	// transactional 3 customers,  -5% of profit, 1 loss-makers
}

func ExampleReport_WriteCSV() {
	a, _ := tiering.Assign([]float64{5, 1}, tiering.Options{Method: tiering.ByThresholds, Thresholds: [3]float64{2, 10, 100}})
	r, _ := tiering.NewReport([]float64{5, 1}, a)
	_ = r.WriteCSV(os.Stdout)
	// Output:
	// tier,count,customer_share,total,profit_share,mean,median,lower,loss_makers
	// transactional,1,0.5,1,0.16666666666666666,1,1,-Inf,0
	// standard,1,0.5,5,0.8333333333333334,5,5,2,0
	// value,0,0,0,0,0,0,10,0
	// strategic,0,0,0,0,0,0,100,0
	// all,2,1,6,1,3,3,,0
}

func ExampleReport_UnmarshalJSON() {
	// A pyramid saved as CSV, moved to JSON and back.
	csv := "tier,count,customer_share,total,profit_share,mean,median,lower,loss_makers\n" +
		"transactional,1,0.5,1,0.16666666666666666,1,1,-Inf,0\n" +
		"standard,1,0.5,5,0.8333333333333334,5,5,2,0\n" +
		"value,0,0,0,0,0,0,10,0\n" +
		"strategic,0,0,0,0,0,0,100,0\n" +
		"all,2,1,6,1,3,3,,0\n"
	r, err := tiering.ReadReportCSV(strings.NewReader(csv))
	fmt.Println(err, r.Customers)
	b, _ := json.Marshal(r)
	var back tiering.Report
	fmt.Println(json.Unmarshal(b, &back), back == r)
	fmt.Println(json.Unmarshal([]byte(`{"rows":"none"}`), &back) != nil)
	// Output:
	// <nil> 2
	// <nil> true
	// true
}

func ExampleMigration_Probabilities() {
	before := map[string]tiering.Tier{"A": tiering.Value, "B": tiering.Value, "C": tiering.Value, "D": tiering.Value}
	after := map[string]tiering.Tier{"A": tiering.Value, "B": tiering.Value, "C": tiering.Strategic}
	m, _ := tiering.NewMigration(before, after)
	p, ok := m.Probabilities()
	fmt.Println(ok[tiering.Value], ok[tiering.Strategic])
	fmt.Printf("value → value %.2f, → strategic %.2f, left %.2f\n", p[tiering.Value][tiering.Value], p[tiering.Value][tiering.Strategic], p[tiering.Value][tiering.NumTiers])
	// Output:
	// true false
	// value → value 0.50, → strategic 0.25, left 0.25
}

func ExampleMigration_LifetimeValue() {
	var m tiering.Migration
	m.Counts[tiering.Strategic][tiering.Strategic] = 9 // nine in ten strategic customers stay a year
	m.Left[tiering.Strategic] = 1
	// 1,000 a year while they stay, discounted at 10 % a year, first year
	// included: 1000 / (1 − 0.9/1.1) = 5,500.
	v, _ := m.LifetimeValue([tiering.NumTiers]float64{0, 0, 0, 1000}, 0.10)
	fmt.Printf("%.0f\n", v[tiering.Strategic])
	// Output: 5500
}

func ExamplePolicies_Validate() {
	ps := tiering.DefaultPolicies()
	fmt.Println(ps.Validate())
	ps[tiering.Value].CostShare = 15 // 15 % given as a percentage
	fmt.Println(ps.Validate())
	// Output:
	// <nil>
	// tiering: policy of value: cost share 15 (a fraction, not a percentage): invalid tiering option
}

func ExampleTier_Chinese() {
	for t := tiering.Transactional; t <= tiering.Strategic; t++ {
		fmt.Println(t, t.Chinese())
	}
	// Output:
	// transactional 交易型
	// standard 标准型
	// value 价值型
	// strategic 战略型
}

// Scoring by the caller's cut points, three scores per dimension, and a
// segment map of one's own.
func ExampleRFMOptions() {
	d := func(m time.Month, day int) time.Time { return time.Date(2027, m, day, 0, 0, 0, 0, time.UTC) }
	amt := decimal.RequireFromString
	events := []tiering.Event{
		{Customer: "ACME", Date: d(6, 20), Amount: amt("1200")}, {Customer: "ACME", Date: d(5, 2), Amount: amt("800")},
		{Customer: "ACME", Date: d(3, 9), Amount: amt("950")},
		{Customer: "BOLT", Date: d(1, 15), Amount: amt("300")},
		{Customer: "CORE", Date: d(6, 1), Amount: amt("90")},
	}
	r, _ := tiering.ScoreRFM(events, tiering.RFMOptions{
		AsOf:   d(6, 30),
		Bins:   3,
		Method: tiering.CutPoints,
		Cuts: tiering.RFMCuts{
			Recency:   []float64{30, 90},    // days: under 30 scores 3, 90 or more scores 1
			Frequency: []float64{2, 3},      // purchases
			Monetary:  []float64{500, 2000}, // currency
		},
		Segments: []tiering.SegmentRule{
			{Name: "key", RMin: 2, RMax: 3, FMin: 3, FMax: 3, MMin: 3, MMax: 3},
			{Name: "lapsing", RMin: 1, RMax: 1, FMin: 1, FMax: 3, MMin: 1, MMax: 3},
		},
	})
	for _, c := range r.Customers {
		fmt.Printf("%s %3d days %d× %7s  R%d F%d M%d  %s\n", c.Customer, c.RecencyDays, c.Frequency, c.Monetary, c.R, c.F, c.M, c.Segment)
	}
	// Output:
	// ACME  10 days 3×    2950  R3 F3 M3  key
	// BOLT 166 days 1×     300  R1 F1 M1  lapsing
	// CORE  29 days 1×      90  R3 F1 M1  others
}
