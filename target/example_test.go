package target_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/salesgrowth/salesgrowth/target"
	"github.com/shopspring/decimal"
)

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// The quick start of the README: a company target split over two regions by
// last year's revenue and over the months of a fiscal year that starts in
// April.
func Example_quickStart() {
	tree := target.MustNewTree([]target.Node{
		{ID: "ACME"},
		{ID: "NORTH", Parent: "ACME", History: []decimal.Decimal{d("600000")}},
		{ID: "SOUTH", Parent: "ACME", History: []decimal.Decimal{d("400000")}},
	})
	plan, err := target.NewPlan(target.Spec{
		Tree:           tree,
		Calendar:       target.Calendar{StartYear: 2026, FirstMonth: time.April},
		Targets:        []target.Target{{Metric: target.Revenue, Annual: d("1000000")}},
		DefaultWeights: target.WeightSource{Method: target.HistoryTotal},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, id := range []string{"ACME", "NORTH", "SOUTH"} {
		apr, _ := plan.Amount(id, target.Revenue, target.M1)
		q1, _ := plan.Amount(id, target.Revenue, target.Q1)
		fy, _ := plan.Amount(id, target.Revenue, target.FY)
		fmt.Printf("%-5s April %s  Q1 %s  year %s\n", id, apr.StringFixed(2), q1.StringFixed(2), fy.StringFixed(2))
	}
	fmt.Println("coherent:", plan.Check() == nil)
	// Output:
	// ACME  April 83333.34  Q1 250000.02  year 1000000.00
	// NORTH April 50000.00  Q1 150000.00  year 600000.00
	// SOUTH April 33333.34  Q1 100000.02  year 400000.00
	// coherent: true
}

func ExampleAllocate() {
	parts, err := target.Allocate(d("100"), []decimal.Decimal{d("1"), d("1"), d("1")}, d("0.01"))
	fmt.Println(parts, err)
	// A negative total is the mirror image, and a zero weight gets nothing.
	parts, _ = target.Allocate(d("-100"), []decimal.Decimal{d("1"), d("0"), d("1"), d("1")}, d("0.01"))
	fmt.Println(parts)
	// Whole thousands.
	parts, _ = target.Allocate(d("1000000"), []decimal.Decimal{d("0.5"), d("0.3"), d("0.2")}, d("1000"))
	fmt.Println(parts)
	// Output:
	// [33.34 33.33 33.33] <nil>
	// [-33.34 0 -33.33 -33.33]
	// [500000 300000 200000]
}

func ExampleAllocate_errors() {
	_, err := target.Allocate(d("10.005"), []decimal.Decimal{d("1")}, d("0.01"))
	fmt.Println(errors.Is(err, target.ErrNotMultiple))
	_, err = target.Allocate(d("10"), []decimal.Decimal{d("1"), d("-1")}, d("0.01"))
	fmt.Println(errors.Is(err, target.ErrNegativeWeight))
	_, err = target.Allocate(d("10"), []decimal.Decimal{d("0"), d("0")}, d("0.01"))
	fmt.Println(errors.Is(err, target.ErrZeroWeights))
	// Output:
	// true
	// true
	// true
}

func ExampleAllocateWith() {
	weights := []decimal.Decimal{d("5"), d("3"), d("2")}
	// The first part is capped at 40; the other two share the excess.
	a, _ := target.AllocateWith(d("100"), weights, &target.Options{
		Max: []decimal.NullDecimal{{Decimal: d("40"), Valid: true}, {}, {}},
	})
	fmt.Println("capped:", a.Parts)
	// The second part is locked; the others re-split the rest.
	a, _ = target.AllocateWith(d("100"), weights, &target.Options{
		Locked: []decimal.NullDecimal{{}, {Decimal: d("10"), Valid: true}, {}},
	})
	fmt.Println("locked:", a.Parts)
	// Keep the leftover cent instead of spreading it.
	a, _ = target.AllocateWith(d("100"), []decimal.Decimal{d("1"), d("1"), d("1")}, &target.Options{Mode: target.KeepLeftover})
	fmt.Println("leftover:", a.Parts, a.Leftover)
	// Output:
	// capped: [40 36 24]
	// locked: [64.29 10 25.71]
	// leftover: [33.33 33.33 33.33] 0.01
}

func ExampleMode() {
	for _, m := range []target.Mode{target.LargestRemainder, target.FirstParts, target.KeepLeftover} {
		a, _ := target.AllocateWith(d("1"), []decimal.Decimal{d("1"), d("2"), d("2")}, &target.Options{Mode: m})
		fmt.Println(m, a.Parts, a.Leftover)
	}
	// Output:
	// largest-remainder [0.2 0.4 0.4] 0
	// first-parts [0.2 0.4 0.4] 0
	// keep-leftover [0.2 0.4 0.4] 0
}

func ExampleCalendar() {
	cal := target.Calendar{
		StartYear:  2026,
		FirstMonth: time.April,
		Holidays:   []time.Time{time.Date(2026, 12, 25, 0, 0, 0, 0, time.UTC)},
	}
	y, m := cal.Month(target.M10)
	fmt.Println("fiscal month 10:", y, m)
	fmt.Println(cal.Label(target.M1), cal.Label(target.M12), cal.Label(target.Q3))
	days, _ := cal.WorkingDays()
	fmt.Println("working days:", days)
	p, _ := cal.ParseLabel("2027-02")
	fmt.Println(p)
	// Output:
	// fiscal month 10: 2027 January
	// 2026-04 2027-03 Q3
	// working days: [22 21 22 23 21 22 22 21 22 21 20 23]
	// M11
}

func ExamplePeriod() {
	for _, p := range []target.Period{target.Month(5), target.Quarter(2), target.H2, target.FY} {
		first, last := p.Span()
		fmt.Printf("%s months %d..%d\n", p, first+1, last)
	}
	p, err := target.ParsePeriod("q4")
	fmt.Println(p, err)
	// Output:
	// M05 months 5..5
	// Q2 months 4..6
	// H2 months 7..12
	// FY months 1..12
	// Q4 <nil>
}

func ExampleSeasonality() {
	// Two years of monthly revenue with a December peak and 10 % growth.
	var hist []decimal.Decimal
	for y := range 2 {
		for m := range 12 {
			v := 100.0
			if m == 11 {
				v = 200
			}
			v *= 1 + 0.1*float64(y)
			hist = append(hist, decimal.NewFromFloat(v))
		}
	}
	for _, m := range []target.SeasonalMethod{target.SimpleAverage, target.YearlyShares, target.MovingAverageRatio} {
		p, err := target.Seasonality(hist, m)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("%-21s Jan %.4f  Dec %.4f\n", m, p[0], p[11])
	}
	// Output:
	// simple-average        Jan 0.0769  Dec 0.1538
	// yearly-shares         Jan 0.0769  Dec 0.1538
	// moving-average-ratio  Jan 0.0806  Dec 0.1477
}

func ExampleWorkingDayProfile() {
	p, _ := target.WorkingDayProfile(target.Calendar{StartYear: 2027})
	fmt.Printf("Jan %.4f  Feb %.4f\n", p[0], p[1])
	// Output:
	// Jan 0.0805  Feb 0.0766
}

func ExampleBlend() {
	season := target.Profile{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2}
	p, _ := target.Blend(season, target.FlatProfile(), 0.5)
	fmt.Printf("Nov %.4f  Dec %.4f  Q4 %.4f\n", p[10], p[11], p.Quarters()[3])
	// Output:
	// Nov 0.0801  Dec 0.1186  Q4 0.2788
}

func ExampleNewTree() {
	tree, err := target.NewTree([]target.Node{
		{ID: "P1", Parent: "C1"},
		{ID: "CO"},
		{ID: "R1", Parent: "CO"},
		{ID: "C1", Parent: "R1", Name: "Boreal Steel"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, n := range tree.Nodes() {
		fmt.Printf("%-12s %-8s %s\n", tree.Path(n.ID), n.Level, n.Name)
	}
	_, err = target.NewTree([]target.Node{{ID: "CO"}, {ID: "R1", Parent: "XX"}})
	fmt.Println(err)
	// Output:
	// CO           company  CO
	// CO/R1        region   R1
	// CO/R1/C1     industry Boreal Steel
	// CO/R1/C1/P1  customer P1
	// target: tree row 2: id "R1": parent "XX": unknown parent
}

func ExampleReadTree() {
	const data = `id,parent,name,potential,history2025,history2026
CO,,Company,,,
NORTH,CO,North,900,500,600
SOUTH,CO,South,600,300,400
`
	tree, err := target.ReadTree(strings.NewReader(data))
	if err != nil {
		fmt.Println(err)
		return
	}
	root, _ := tree.Node("CO")
	fmt.Println(tree.Children("CO"), root.Name)
	_, err = target.ReadTree(strings.NewReader("id,parent\nA,\nB,A\nB,A\n"))
	fmt.Println(err)
	// Output:
	// [NORTH SOUTH] Company
	// target: line 4, field "id": tree row 3: id "B" already on row 2: duplicate node ID
}

func ExampleTree_Shares() {
	tree := target.MustNewTree([]target.Node{
		{ID: "CO"},
		{ID: "A", Parent: "CO", Potential: d("100"), History: []decimal.Decimal{d("80"), d("100"), d("150")}},
		{ID: "B", Parent: "CO", Potential: d("300"), History: []decimal.Decimal{d("120"), d("100"), d("150")}},
		{ID: "NEW", Parent: "CO", Potential: d("100")},
	})
	for _, w := range []target.WeightSource{
		{Method: target.Equal},
		{Method: target.HistoryTotal, Window: 2, NoHistory: target.SiblingAverage},
		{Method: target.HistoryTotal, Window: 2}, // new customers get no share by default
		{Method: target.HistoryShares, NoHistory: target.SiblingAverage},
		{Method: target.Potential},
		{Method: target.HistoryPotential, HistoryShare: 0.5},
	} {
		sh, _ := tree.Shares("CO", w)
		fmt.Printf("%-17s %-15s %s %s %s (NEW without history: %v)\n", w.Method, w.NoHistory, sh[0].Share, sh[1].Share, sh[2].Share, sh[2].NoHistory)
	}
	// Output:
	// equal             zero-share      0.333333333334 0.333333333333 0.333333333333 (NEW without history: false)
	// history-total     sibling-average 0.333333333334 0.333333333333 0.333333333333 (NEW without history: true)
	// history-total     zero-share      0.5 0.5 0 (NEW without history: true)
	// history-shares    sibling-average 0.311111111111 0.355555555556 0.333333333333 (NEW without history: true)
	// potential         zero-share      0.2 0.6 0.2 (NEW without history: false)
	// history-potential zero-share      0.335714285714 0.564285714286 0.1 (NEW without history: true)
}

func ExampleGrow() {
	base := d("1000000")
	c, _ := target.Grow(base, d("0.15"), d("0.05"), target.Compound)
	a, _ := target.Grow(base, d("0.15"), d("0.05"), target.Additive)
	fmt.Println(c, a)
	// Output:
	// 1092500 1100000
}

// A plan with linked metrics: collection follows revenue through payment
// terms, expense is a ratio of revenue and profit is gross margin less expense.
func ExampleNewPlan_linked() {
	tree := target.MustNewTree([]target.Node{{ID: "CO"}, {ID: "A", Parent: "CO"}, {ID: "B", Parent: "CO"}})
	plan, err := target.NewPlan(target.Spec{
		Tree:     tree,
		Calendar: target.Calendar{StartYear: 2027},
		Targets:  []target.Target{{Metric: target.Revenue, Annual: d("1200000")}},
		Collection: &target.CollectionRule{
			Terms:   []decimal.Decimal{d("0.3"), d("0.5"), d("0.2")},
			Opening: map[string]decimal.Decimal{"CO": d("100000")},
		},
		ExpenseRatio: &target.Rates{Default: d("0.2")},
		GrossMargin:  &target.Rates{Default: d("0.35"), ByNode: map[string]decimal.Decimal{"B": d("0.25")}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, m := range plan.Metrics() {
		jan, _ := plan.Amount("CO", m, target.M1)
		fy, _ := plan.Amount("CO", m, target.FY)
		fmt.Printf("%-10s Jan %10s  year %11s\n", m, jan.StringFixed(2), fy.StringFixed(2))
	}
	closing, _ := plan.ClosingReceivables("CO")
	fmt.Println("closing receivables", closing.StringFixed(2))
	// Output:
	// revenue    Jan  100000.00  year  1200000.00
	// collection Jan  107777.78  year  1210000.00
	// expense    Jan   20000.00  year   240000.00
	// profit     Jan   10000.00  year   120000.00
	// closing receivables 90000.00
}

func ExamplePlan_Lock() {
	tree := target.MustNewTree([]target.Node{
		{ID: "CO"}, {ID: "A", Parent: "CO"}, {ID: "B", Parent: "CO"}, {ID: "C", Parent: "CO"},
	})
	plan := target.MustNewPlan(target.Spec{
		Tree:     tree,
		Calendar: target.Calendar{StartYear: 2027},
		Targets:  []target.Target{{Metric: target.Revenue, Annual: d("1200000")}},
	})
	// A's signed contract is 500,000: B and C absorb the difference.
	if err := plan.Lock("A", target.Revenue, target.FY, d("500000")); err != nil {
		fmt.Println(err)
		return
	}
	// B commits to 50,000 in January: B keeps its year, so its other months
	// give way, and A and C give up January in proportion (biproportional
	// fitting), keeping their years.
	if err := plan.Lock("B", target.Revenue, target.M1, d("50000")); err != nil {
		fmt.Println(err)
		return
	}
	for _, id := range []string{"CO", "A", "B", "C"} {
		jan, _ := plan.Amount(id, target.Revenue, target.M1)
		feb, _ := plan.Amount(id, target.Revenue, target.M2)
		fy, _ := plan.Amount(id, target.Revenue, target.FY)
		fmt.Printf("%-2s Jan %9s  Feb %9s  year %10s\n", id, jan.StringFixed(2), feb.StringFixed(2), fy.StringFixed(2))
	}
	fmt.Println("coherent:", plan.Check() == nil, "locked:", plan.Locked("B", target.Revenue, target.M1))
	// Output:
	// CO Jan 100000.00  Feb 100000.00  year 1200000.00
	// A  Jan  29411.77  Feb  42780.77  year  500000.00
	// B  Jan  50000.00  Feb  27272.72  year  350000.00
	// C  Jan  20588.23  Feb  29946.51  year  350000.00
	// coherent: true locked: true
}

func ExamplePlan_Gaps() {
	tree := target.MustNewTree([]target.Node{
		{ID: "CO"}, {ID: "R1", Parent: "CO"}, {ID: "R2", Parent: "CO"},
		{ID: "A", Parent: "R1"}, {ID: "B", Parent: "R1"}, {ID: "C", Parent: "R2"},
	})
	plan := target.MustNewPlan(target.Spec{
		Tree:     tree,
		Calendar: target.Calendar{StartYear: 2027},
		Targets:  []target.Target{{Metric: target.Revenue, Annual: d("900000")}},
	})
	gaps, _ := plan.Gaps(target.Revenue, target.FY, map[string]decimal.Decimal{"A": d("200000"), "C": d("500000")})
	for _, g := range gaps {
		fmt.Printf("%-2s top-down %s bottom-up %s gap %s (%d of %d covered)\n",
			g.Node, g.TopDown.StringFixed(2), g.BottomUp.StringFixed(2), g.Gap.StringFixed(2), g.Committed, g.Leaves)
	}
	// Output:
	// CO top-down 900000.00 bottom-up 700000.00 gap 200000.00 (2 of 3 covered)
	// R1 top-down 450000.00 bottom-up 200000.00 gap 250000.00 (1 of 2 covered)
	// A  top-down 225000.00 bottom-up 200000.00 gap 25000.00 (1 of 1 covered)
	// B  top-down 225000.00 bottom-up 0.00 gap 225000.00 (0 of 1 covered)
	// R2 top-down 450000.00 bottom-up 500000.00 gap -50000.00 (1 of 1 covered)
	// C  top-down 450000.00 bottom-up 500000.00 gap -50000.00 (1 of 1 covered)
}

func ExamplePlan_Check() {
	tree := target.MustNewTree([]target.Node{{ID: "CO"}, {ID: "A", Parent: "CO"}, {ID: "B", Parent: "CO"}})
	plan := target.MustNewPlan(target.Spec{
		Tree:     tree,
		Calendar: target.Calendar{StartYear: 2027},
		Targets:  []target.Target{{Metric: target.Revenue, Annual: d("120000")}},
	})
	// A hand edit of one month breaks its quarter, half and year, and the
	// parent's month; the stored quarters of A still add up at CO.
	_ = plan.Set("A", target.Revenue, target.M2, d("9000"))
	for _, m := range plan.Check() {
		fmt.Println(m)
	}
	// Output:
	// CO revenue M02: 10000, sum of children 14000
	// A revenue Q1: 15000, sum of months 19000
	// A revenue H1: 30000, sum of months 34000
	// A revenue FY: 60000, sum of months 64000
}

func ExamplePlan_WriteCSV() {
	tree := target.MustNewTree([]target.Node{{ID: "CO"}, {ID: "A", Parent: "CO"}})
	plan := target.MustNewPlan(target.Spec{
		Tree:     tree,
		Calendar: target.Calendar{StartYear: 2027, FirstMonth: time.July},
		Targets:  []target.Target{{Metric: target.Revenue, Annual: d("1000")}},
	})
	var buf bytes.Buffer
	_ = plan.WriteCSV(&buf)
	lines := strings.Split(buf.String(), "\n")
	fmt.Println(strings.Join(lines[:4], "\n"))
	fmt.Println(lines[19])
	back, err := target.ReadCSV(&buf, decimal.Zero)
	fmt.Println(err, back.Calendar().FirstMonth, back.Check() == nil)
	// Output:
	// path,level,name,metric,period,amount,locked
	// CO,company,CO,revenue,2027-07,83.34,
	// CO,company,CO,revenue,2027-08,83.34,
	// CO,company,CO,revenue,2027-09,83.34,
	// CO,company,CO,revenue,FY,1000.00,
	// <nil> July true
}

func ExampleReadCSV_error() {
	const data = "path,level,metric,period,amount\nCO,company,revenue,2027-01,10.00\nCO,company,revenue,2027-02,abc\n"
	_, err := target.ReadCSV(strings.NewReader(data), decimal.Zero)
	var pe *target.ParseError
	fmt.Println(errors.As(err, &pe), pe.Line, pe.Field, errors.Is(err, target.ErrSyntax))
	// Output:
	// true 3 amount true
}

func ExamplePlan_MarshalJSON() {
	tree := target.MustNewTree([]target.Node{{ID: "CO"}})
	plan := target.MustNewPlan(target.Spec{
		Tree:     tree,
		Calendar: target.Calendar{StartYear: 2027},
		Unit:     d("1"),
		Targets:  []target.Target{{Metric: target.Revenue, Annual: d("12")}},
	})
	b, _ := json.Marshal(plan)
	fmt.Println(string(b)[:110])
	back, err := target.ReadJSON(bytes.NewReader(b))
	fy, _ := back.Amount("CO", target.Revenue, target.FY)
	fmt.Println(err, fy, back.Equal(plan))
	// Output:
	// {"version":2,"calendar":{"startYear":2027,"firstMonth":1},"unit":"1","metrics":["revenue"],"lowerIsBetter":[],
	// <nil> 12 true
}

func ExampleDefaultLevel() {
	for depth := range 6 {
		fmt.Print(target.DefaultLevel(depth), " ")
	}
	fmt.Println()
	// Output: company region industry customer project level-5
}

func ExampleCalendar_MonthOf() {
	cal := target.Calendar{StartYear: 2026, FirstMonth: time.October}
	for _, t := range []time.Time{
		time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2027, 9, 30, 0, 0, 0, 0, time.UTC),
		time.Date(2027, 10, 1, 0, 0, 0, 0, time.UTC),
	} {
		p, ok := cal.MonthOf(t)
		fmt.Println(t.Format("2006-01-02"), p, ok)
	}
	fmt.Println(cal.Start().Format("2006-01-02"), cal.End().Format("2006-01-02"), cal.Days()[4])
	// Output:
	// 2026-10-01 M01 true
	// 2027-09-30 M12 true
	// 2027-10-01 M01 false
	// 2026-10-01 2027-10-01 28
}

func ExampleProfile_Normalize() {
	p := target.Profile{2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 4}.Normalize()
	fmt.Printf("%.4f %.4f %v\n", p[0], p[11], p.Validate())
	fmt.Println(target.FlatProfile().Quarters())
	// Output:
	// 0.0769 0.1538 <nil>
	// [0.25 0.25 0.25 0.25]
}

func ExamplePlan_Amounts() {
	tree := target.MustNewTree([]target.Node{{ID: "CO"}})
	plan := target.MustNewPlan(target.Spec{
		Tree:           tree,
		Calendar:       target.Calendar{StartYear: 2027},
		Unit:           d("1000"),
		Targets:        []target.Target{{Metric: "orders", Annual: d("1000000")}},
		DefaultProfile: target.Profile{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1},
	})
	am, _ := plan.Amounts("CO", "orders")
	fmt.Println(am[target.M1], am[target.M12], am[target.Q1], am[target.H2], am[target.FY])
	// Output: 84000 83000 252000 498000 1000000
}

func ExamplePlan_Unlock() {
	tree := target.MustNewTree([]target.Node{{ID: "CO"}, {ID: "A", Parent: "CO"}, {ID: "B", Parent: "CO"}})
	plan := target.MustNewPlan(target.Spec{
		Tree:     tree,
		Calendar: target.Calendar{StartYear: 2027},
		Targets:  []target.Target{{Metric: target.Revenue, Annual: d("1200")}},
	})
	_ = plan.Lock("A", target.Revenue, target.FY, d("1000"))
	fmt.Println(plan.Locked("A", target.Revenue, target.FY))
	// B cannot be locked while A holds the region's total…
	fmt.Println(errors.Is(plan.Lock("B", target.Revenue, target.FY, d("300")), target.ErrLockConflict))
	// …until A is unlocked.
	_ = plan.Unlock("A", target.Revenue, target.FY)
	fmt.Println(plan.Lock("B", target.Revenue, target.FY, d("300")))
	a, _ := plan.Amount("A", target.Revenue, target.FY)
	fmt.Println(a)
	// Output:
	// true
	// true
	// <nil>
	// 900
}

func ExamplePlan_Clone() {
	tree := target.MustNewTree([]target.Node{{ID: "CO"}, {ID: "A", Parent: "CO"}, {ID: "B", Parent: "CO"}})
	base := target.MustNewPlan(target.Spec{
		Tree:     tree,
		Calendar: target.Calendar{StartYear: 2027},
		Targets:  []target.Target{{Metric: target.Revenue, Annual: d("1200")}},
	})
	// Try a scenario on a copy; the base plan is unchanged.
	scenario := base.Clone()
	_ = scenario.Lock("A", target.Revenue, target.FY, d("800"))
	a0, _ := base.Amount("A", target.Revenue, target.FY)
	a1, _ := scenario.Amount("A", target.Revenue, target.FY)
	fmt.Println(a0, a1)
	// Output: 600 800
}

func ExampleReadJSON() {
	const data = `{"calendar":{"startYear":2027,"firstMonth":1},"unit":"1","metrics":["revenue"],
"periods":["2027-01","2027-02","2027-03","2027-04","2027-05","2027-06","2027-07","2027-08","2027-09","2027-10","2027-11","2027-12","Q1","Q2","Q3","Q4","H1","H2","FY"],
"nodes":[{"id":"CO","level":"company","amounts":{"revenue":["1","1","1","1","1","1","1","1","1","1","1","1","3","3","3","3","6","6","13"]}}]}`
	plan, err := target.ReadJSON(strings.NewReader(data))
	fmt.Println(err)
	for _, m := range plan.Check() {
		fmt.Println(m)
	}
	// Output:
	// <nil>
	// CO revenue FY: 13, sum of months 12
}

// A large organisation read row by row: the builder keeps the rows, which
// come depth-first, as the tree's nodes, and the profiles go by position,
// the tree's order being the rows'.
func ExampleTreeBuilder() {
	table := []struct {
		id, parent string
		potential  string
		season     target.Profile // zero for none of its own
	}{
		{"CO", "", "", target.Profile{}},
		{"EAST", "CO", "300", target.Profile{}},
		{"ACME", "EAST", "2", target.Profile{0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}}, // starts in March
		{"BOLT", "EAST", "1", target.Profile{}},
		{"WEST", "CO", "100", target.Profile{}},
	}
	var b target.TreeBuilder
	b.Grow(len(table))
	profiles := make([]target.Profile, 0, len(table))
	for _, row := range table {
		n := target.Node{ID: row.id, Parent: row.parent}
		if row.potential != "" {
			n.Potential = d(row.potential)
		}
		b.Add(n)
		profiles = append(profiles, row.season)
	}
	tree, err := b.Build()
	if err != nil {
		fmt.Println(err)
		return
	}
	if i, _ := tree.Index("ACME"); profiles[i] == table[2].season {
		fmt.Println("ACME's profile is at its position:", i)
	}
	plan, err := target.NewPlan(target.Spec{
		Tree:           tree,
		Calendar:       target.Calendar{StartYear: 2026},
		Targets:        []target.Target{{Metric: target.Revenue, Annual: d("120000")}},
		DefaultWeights: target.WeightSource{Method: target.Potential},
		NodeProfiles:   profiles,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, id := range []string{"EAST", "ACME", "BOLT", "WEST"} {
		jan, _ := plan.Amount(id, target.Revenue, target.M1)
		mar, _ := plan.Amount(id, target.Revenue, target.M3)
		fy, _ := plan.Amount(id, target.Revenue, target.FY)
		fmt.Printf("%-4s January %8s  March %8s  year %s\n", id, jan.StringFixed(2), mar.StringFixed(2), fy.StringFixed(2))
	}
	// Output:
	// ACME's profile is at its position: 2
	// EAST January  2500.00  March  8500.00  year 90000.00
	// ACME January     0.00  March  6000.00  year 60000.00
	// BOLT January  2500.00  March  2500.00  year 30000.00
	// WEST January  2500.00  March  2500.00  year 30000.00
}
