package tiering_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesgrowth/salesgrowth/tiering"
)

// Twenty accounts by lifetime profit (thousands) in the default pyramid:
// 5 % strategic, 15 % value, 30 % standard, 50 % transactional.
func ExampleAssign() {
	profit := []float64{910, 420, 380, 300, 150, 140, 120, 110, 95, 90, 60, 40, 35, 30, 22, 18, 12, 8, 5, -15}
	a, err := tiering.Assign(profit, tiering.Options{Method: tiering.ByShares})
	if err != nil {
		fmt.Println(err)
		return
	}
	for t := tiering.Strategic; ; t-- {
		fmt.Printf("%-13s %s %2d\n", t, t.Chinese(), a.Counts[t])
		if t == tiering.Transactional {
			break
		}
	}
	fmt.Println("bounds", a.Bounds, "loss-maker:", a.LossMaker[19], a.Tiers[19])
	// Output:
	// strategic     战略型  1
	// value         价值型  3
	// standard      标准型  6
	// transactional 交易型 10
	// bounds [90 300 910] loss-maker: true transactional
}

// The Pareto rule: the customers making the first half of the profit are
// strategic, the next 30 % value, the next 15 % standard.
func ExampleAssign_profitShare() {
	profit := []float64{600, 250, 100, 40, 10}
	a, _ := tiering.Assign(profit, tiering.Options{Method: tiering.ByProfitShare})
	fmt.Println(a.Tiers)
	// Output: [strategic value standard transactional transactional]
}

// A customer below the value bar with a large strategic potential moves up
// one tier.
func ExampleOptions_potential() {
	a, _ := tiering.Assign([]float64{40, 40}, tiering.Options{
		Method:       tiering.ByThresholds,
		Thresholds:   [3]float64{10, 100, 1000},
		Potential:    []float64{5000, 20},
		PotentialBar: 1000,
	})
	fmt.Println(a.Tiers, a.Lifted)
	// Output: [value standard] [true false]
}

func ExampleAssignDecimal() {
	clp := []decimal.Decimal{decimal.RequireFromString("1250000.00"), decimal.RequireFromString("980.50")}
	a, _ := tiering.AssignDecimal(clp, tiering.Options{Method: tiering.ByThresholds, Thresholds: [3]float64{1000, 100000, 1000000}})
	fmt.Println(a.Tiers)
	// Output: [strategic transactional]
}

func ExampleParseTier() {
	t, err := tiering.ParseTier("价值型")
	fmt.Println(t, err)
	// Output: value <nil>
}

func ExampleTier() {
	fmt.Println(tiering.Strategic, tiering.Strategic.Chinese(), tiering.Tier(0))
	// Output: strategic 战略型 transactional
}

func ExampleMethod() {
	for m := tiering.ByThresholds; m <= tiering.ByNaturalBreaks; m++ {
		fmt.Print(m, " ")
	}
	fmt.Println()
	// Output: thresholds shares profit-share natural-breaks
}

func ExampleAssignment() {
	a, _ := tiering.Assign([]float64{1, 2, 3, 40, 41, 42, 400, 410, 4000}, tiering.Options{Method: tiering.ByNaturalBreaks})
	fmt.Println(a.Counts, a.Bounds)
	// Output: [3 3 2 1] [40 400 4000]
}

// The pyramid of twenty accounts: counts and shares of profit per tier.
func ExampleReport_WriteText() {
	profit := []float64{910, 420, 380, 300, 150, 140, 120, 110, 95, 90, 60, 40, 35, 30, 22, 18, 12, 8, 5, -15}
	a, _ := tiering.Assign(profit, tiering.Options{Method: tiering.ByShares})
	r, _ := tiering.NewReport(profit, a)
	_ = r.WriteText(os.Stdout)
	// Output:
	// ████████████                    strategic     战略型      1 customers    30.9 % of profit
	//             ████████████████████████              value         价值型      3 customers    37.4 % of profit
	//       ████████████████████████████████████        standard      标准型      6 customers    23.9 % of profit
	// ████████████████████████████████████████████████  transactional 交易型     10 customers     7.3 % of profit
	//
	// tier             count    share            total   profit           mean         median    lower bound   loss
	// strategic            1     5.0%           910.00    30.9%         910.00         910.00         910.00      0
	// value                3    15.0%          1100.00    37.4%         366.67         380.00         300.00      0
	// standard             6    30.0%           705.00    23.9%         117.50         115.00          90.00      0
	// transactional       10    50.0%           215.00     7.3%          21.50          20.00              -      1
	// all                 20   100.0%          2930.00    99.5%         146.50          75.00
}

// A report written as CSV reads back the same, for a spreadsheet or a
// later comparison of two years' pyramids.
func ExampleReadReportCSV() {
	profit := []float64{600, 250, 100, 40, 10, -100}
	a, _ := tiering.Assign(profit, tiering.Options{Method: tiering.ByProfitShare})
	r, _ := tiering.NewReport(profit, a)
	var buf bytes.Buffer
	_ = r.WriteCSV(&buf)
	fmt.Print(buf.String())
	back, err := tiering.ReadReportCSV(&buf)
	fmt.Println(err, back.Rows[tiering.Strategic].ProfitShare, back == r)
	// Output:
	// tier,count,customer_share,total,profit_share,mean,median,lower,loss_makers
	// transactional,3,0.5,-50,-0.05,-16.666666666666668,10,-Inf,1
	// standard,1,0.16666666666666666,100,0.1,100,100,100,0
	// value,1,0.16666666666666666,250,0.25,250,250,250,0
	// strategic,1,0.16666666666666666,600,0.6,600,600,600,0
	// all,6,1,900,0.9,150,70,,1
	// <nil> 0.6 true
}

func ExampleReport_MarshalJSON() {
	a, _ := tiering.Assign([]float64{5, 1}, tiering.Options{Method: tiering.ByThresholds, Thresholds: [3]float64{2, 10, 100}})
	r, _ := tiering.NewReport([]float64{5, 1}, a)
	b, _ := json.Marshal(r)
	var back tiering.Report
	err := json.Unmarshal(b, &back)
	fmt.Println(len(b) > 0, err, back == r, back.Rows[tiering.Standard].Count)
	// Output: true <nil> true 1
}

// The course's policy per tier, and the customers who cost more to serve
// than their tier's budget.
func ExamplePolicies_OverBudget() {
	profit := []float64{1000, 100, 90, 10}
	a, _ := tiering.Assign(profit, tiering.Options{Method: tiering.ByThresholds, Thresholds: [3]float64{50, 500, 5000}})
	policies := tiering.DefaultPolicies()
	for t := tiering.Strategic; ; t-- {
		p := policies[t]
		fmt.Printf("%-13s %-19s %2d visits, budget %2.0f %%: %s\n", t, p.Coverage, p.VisitsPerYear, 100*p.CostShare, p.Approach)
		if t == tiering.Transactional {
			break
		}
	}
	over, _ := policies.OverBudget(profit, []float64{160, 9, 12, 0.5}, a)
	for _, o := range over {
		fmt.Printf("customer %d (%s) costs %.1f, budget %.1f\n", o.Index, o.Tier, o.Cost, o.Budget)
	}
	// Output:
	// strategic     account team        24 visits, budget 20 %: strategic partnership: joint planning, executive sponsorship, shared initiatives
	// value         key-account manager 12 visits, budget 15 %: account development: solutions, cross-selling, wider and deeper contacts
	// standard      inside sales         2 visits, budget 10 %: standard relationship: regular contact and efficient service
	// transactional self-service         0 visits, budget  5 %: transaction: price, availability and convenience
	// customer 0 (value) costs 160.0, budget 150.0
	// customer 2 (standard) costs 12.0, budget 9.5
}

func ExampleCoverage() {
	fmt.Println(tiering.SelfService, tiering.Team)
	// Output: self-service account team
}

func ExampleDefaultPolicies() {
	fmt.Println(tiering.DefaultPolicies()[tiering.Value].ServiceLevel)
	// Output: priority
}

// The classic ABC rule: the customers making 80 % of revenue are A, the next
// 15 % B (the fourth customer completes 95 % and so is B), the rest C;
// crossed with the variability of their monthly demand.
func ExampleABC() {
	revenue := []float64{500, 300, 120, 50, 30}
	monthly := [][]float64{{40, 42, 41, 44}, {10, 30, 20, 40}, {30, 30, 31, 29}, {0, 0, 50, 0}, {5, 2, 8, 15}}
	abc, _ := tiering.ABC(revenue, tiering.ABCOptions{})
	xyz, _ := tiering.XYZ(monthly, [2]float64{})
	table, _ := tiering.CrossTable(abc, xyz)
	fmt.Println(abc, xyz)
	for k, row := range table {
		fmt.Println(tiering.ABCClass(k), row)
	}
	// Output:
	// [A A B B C] [X X X Z Y]
	// A [2 0 0]
	// B [1 0 1]
	// C [0 1 0]
}

func ExampleXYZ() {
	c, _ := tiering.XYZ([][]float64{{10, 10, 10}, {0, 30, 0}}, [2]float64{})
	fmt.Println(c)
	// Output: [X Z]
}

func ExampleCrossTable() {
	t, _ := tiering.CrossTable([]tiering.ABCClass{tiering.ClassA, tiering.ClassC}, []tiering.XYZClass{tiering.ClassX, tiering.ClassZ})
	fmt.Println(t)
	// Output: [[1 0 0] [0 0 0] [0 0 1]]
}

func ExampleABCClass() {
	fmt.Println(tiering.ClassA, tiering.ClassC)
	// Output: A C
}

func ExampleXYZClass() {
	fmt.Println(tiering.ClassX, tiering.ClassY)
	// Output: X Y
}

// Two years of tiers: who moved, the transition probabilities, the pyramid
// two years ahead, the long-run pyramid and the value of a customer by tier.
func ExampleNewMigration() {
	before := map[string]tiering.Tier{"ACME": tiering.Strategic, "BOLT": tiering.Value, "CORE": tiering.Standard,
		"DUNE": tiering.Standard, "EDGE": tiering.Transactional, "FERN": tiering.Transactional}
	after := map[string]tiering.Tier{"ACME": tiering.Strategic, "BOLT": tiering.Strategic, "CORE": tiering.Value,
		"EDGE": tiering.Transactional, "FERN": tiering.Standard, "GLOW": tiering.Transactional}
	m, _ := tiering.NewMigration(before, after)
	for _, mv := range m.Moves {
		fmt.Printf("%s %s → %s (%+d)\n", mv.ID, mv.From, mv.To, mv.Steps())
	}
	p, _ := m.Probabilities()
	fmt.Printf("standard stays %.2f, moves up %.2f, leaves %.2f\n", p[tiering.Standard][tiering.Standard], p[tiering.Standard][tiering.Value], p[tiering.Standard][tiering.NumTiers])
	v, _ := m.LifetimeValue([tiering.NumTiers]float64{10, 40, 150, 600}, 0.1)
	fmt.Printf("lifetime value by tier: %.0f\n", v)
	// Output:
	// BOLT value → strategic (+1)
	// CORE standard → value (+1)
	// FERN transactional → standard (+1)
	// standard stays 0.00, moves up 0.50, leaves 0.50
	// lifetime value by tier: [2381 2835 6150 6600]
}

func ExampleMigration_SteadyState() {
	var m tiering.Migration
	m.Counts[tiering.Value][tiering.Value] = 80 // 80 % of value customers stay a year
	m.Left[tiering.Value] = 20
	m.Arrived[tiering.Value] = 30 // and 30 new ones arrive each year
	n, _ := m.SteadyState()
	fmt.Printf("%.0f\n", n[tiering.Value])
	// Output: 150
}

func ExampleMigration_Project() {
	var m tiering.Migration
	m.Counts[tiering.Value][tiering.Value] = 80
	m.Left[tiering.Value] = 20
	n, _ := m.Project([tiering.NumTiers]float64{tiering.Value: 100}, 3)
	fmt.Printf("%.1f\n", n[tiering.Value])
	// Output: 51.2
}

func ExampleMove_Steps() {
	fmt.Println(tiering.Move{ID: "A", From: tiering.Strategic, To: tiering.Standard}.Steps())
	// Output: -2
}

// RFM of a small event log as of the end of June, three bins.
func ExampleScoreRFM() {
	d := func(m time.Month, day int) time.Time { return time.Date(2027, m, day, 0, 0, 0, 0, time.UTC) }
	amount := decimal.RequireFromString
	events := []tiering.Event{
		{Customer: "ACME", Date: d(6, 28), Amount: amount("1200")},
		{Customer: "ACME", Date: d(3, 2), Amount: amount("800")},
		{Customer: "BOLT", Date: d(1, 15), Amount: amount("300")},
		{Customer: "CORE", Date: d(6, 1), Amount: amount("90")},
	}
	r, _ := tiering.ScoreRFM(events, tiering.RFMOptions{AsOf: d(6, 30), Bins: 3, Segments: []tiering.SegmentRule{
		{Name: "best", RMin: 3, RMax: 3, FMin: 3, FMax: 3, MMin: 3, MMax: 3},
	}})
	for _, c := range r.Customers {
		fmt.Printf("%s recency %3d days, %d purchases, %7s → R%d F%d M%d %s\n", c.Customer, c.RecencyDays, c.Frequency, c.Monetary.StringFixed(2), c.R, c.F, c.M, c.Segment)
	}
	// Output:
	// ACME recency   2 days, 2 purchases, 2000.00 → R3 F3 M3 best
	// BOLT recency 166 days, 1 purchases,  300.00 → R1 F1 M2 others
	// CORE recency  29 days, 1 purchases,   90.00 → R2 F2 M1 others
}

func ExampleDefaultSegments() {
	fmt.Println(tiering.DefaultSegments()[0].Name)
	// Output: champions
}

func ExampleScoreMethod() {
	fmt.Println(tiering.NTile, tiering.QuantileTies, tiering.CutPoints)
	// Output: ntile quantile-ties cut-points
}

// Two key accounts in McDonald's portfolio grid: attractiveness from volume
// and growth, relationship strength from share of wallet.
func ExamplePortfolioGrid() {
	cells, _ := tiering.PortfolioGrid([][]float64{{9, 8, 2}, {3, 2, 9}}, tiering.GridOptions{
		Attractiveness:     []tiering.Criterion{{Name: "volume", Weight: 2}, {Name: "growth", Weight: 1}},
		Strength:           []tiering.Criterion{{Name: "share of wallet", Weight: 1}},
		AttractivenessCuts: []float64{5},
		StrengthCuts:       []float64{5},
	})
	for _, c := range cells {
		fmt.Printf("%.2f %.2f %s\n", c.Attractiveness, c.Strength, c.Label)
	}
	// Output:
	// 8.67 2.00 star
	// 2.67 9.00 status
}

// Customers described by profit and growth, in two clusters.
func ExampleKMeans() {
	points := [][]float64{{100, 0.02}, {120, 0.01}, {110, 0.03}, {900, 0.25}, {950, 0.30}, {880, 0.28}}
	r, _ := tiering.KMeans(points, tiering.KMeansOptions{K: 2, Src: rand.NewPCG(1, 2)})
	fmt.Println(r.Labels[0] == r.Labels[1], r.Labels[0] != r.Labels[3], r.Converged)
	s, _ := tiering.Silhouette(points, r.Labels)
	fmt.Printf("silhouette %.2f\n", s)
	// Output:
	// true true true
	// silhouette 0.93
}

func ExampleElbow() {
	points := [][]float64{{1}, {2}, {10}, {11}, {30}, {31}}
	wss, _ := tiering.Elbow(points, 4, tiering.KMeansOptions{Src: rand.NewPCG(1, 2)})
	fmt.Printf("%.3f\n", wss)
	// Output: [6.000 0.561 0.010 0.007]
}

func ExampleSilhouette() {
	s, _ := tiering.Silhouette([][]float64{{0}, {1}, {10}, {11}}, []int{0, 0, 1, 1})
	fmt.Printf("%.3f\n", s)
	// Output: 0.900
}
