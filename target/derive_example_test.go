package target_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesgrowth/salesgrowth/target"
)

// A caller-defined derivation: a sales commission of 4 % of revenue, and
// the contribution after it. Both follow a revenue lock; neither can be
// locked itself.
func ExampleDerivation() {
	tree := target.MustNewTree([]target.Node{{ID: "CO"}, {ID: "A", Parent: "CO"}, {ID: "B", Parent: "CO"}})
	plan := target.MustNewPlan(target.Spec{
		Tree: tree, Calendar: target.Calendar{StartYear: 2027}, Unit: d("1"),
		Targets:     []target.Target{{Metric: target.Revenue, Annual: d("120000")}},
		GrossMargin: &target.Rates{Default: d("0.30")},
		Derived: []target.Derivation{
			{Metric: "commission", Terms: []target.Term{{Metric: target.Revenue, Rate: &target.Rates{Default: d("0.04")}}}},
			{Metric: "contribution", Terms: []target.Term{{Metric: target.Profit}, {Metric: "commission", Negate: true}}},
		},
	})
	show := func() {
		var parts []string
		for _, m := range []target.Metric{target.Revenue, target.Profit, "commission", "contribution"} {
			a, _ := plan.Amount("A", m, target.FY)
			parts = append(parts, fmt.Sprintf("%s %s", m, a))
		}
		fmt.Println(strings.Join(parts, "  "))
	}
	show()
	_ = plan.Lock("A", target.Revenue, target.FY, d("80000"))
	show()
	err := plan.Lock("A", "commission", target.FY, d("1"))
	fmt.Println(errors.Is(err, target.ErrDerivedMetric))
	info, _ := plan.Metric("contribution")
	fmt.Println(info.Derived.Terms[0].Metric, info.Derived.Terms[1].Metric, info.Derived.Terms[1].Negate)
	// Output:
	// revenue 60000  profit 18000  commission 2400  contribution 15600
	// revenue 80000  profit 24000  commission 3200  contribution 20800
	// true
	// profit commission true
}

func ExamplePlan_Metric() {
	tree := target.MustNewTree([]target.Node{{ID: "CO"}})
	plan := target.MustNewPlan(target.Spec{
		Tree: tree, Calendar: target.Calendar{StartYear: 2027},
		Targets:      []target.Target{{Metric: target.Revenue, Annual: d("1200")}},
		ExpenseRatio: &target.Rates{Default: d("0.2")},
	})
	for _, m := range plan.Metrics() {
		info, _ := plan.Metric(m)
		fmt.Println(m, "derived:", info.Derived != nil, "lower is better:", info.LowerIsBetter)
	}
	// Output:
	// revenue derived: false lower is better: false
	// expense derived: true lower is better: true
}

// A JSON round trip keeps the working-day calendar, the derivations and the
// locks: the plan read back is equal and behaves the same.
func ExamplePlan_UnmarshalJSON() {
	tree := target.MustNewTree([]target.Node{{ID: "CO"}, {ID: "A", Parent: "CO"}, {ID: "B", Parent: "CO"}})
	plan := target.MustNewPlan(target.Spec{
		Tree: tree, Unit: d("1"),
		Calendar:     target.Calendar{StartYear: 2027, Holidays: []time.Time{time.Date(2027, 5, 1, 0, 0, 0, 0, time.UTC)}},
		Targets:      []target.Target{{Metric: target.Revenue, Annual: d("1200")}},
		ExpenseRatio: &target.Rates{Default: d("0.25")},
	})
	_ = plan.Lock("A", target.Revenue, target.FY, d("800"))
	b, _ := json.Marshal(plan)
	var back target.Plan
	err := json.Unmarshal(b, &back)
	fmt.Println(err, back.Equal(plan), back.Locked("A", target.Revenue, target.FY))
	_ = plan.Lock("B", target.Revenue, target.M1, d("50"))
	_ = back.Lock("B", target.Revenue, target.M1, d("50"))
	e, _ := back.Amount("B", target.Expense, target.FY)
	fmt.Println(back.Equal(plan), e)
	// Output:
	// <nil> true true
	// true 100
}

// A plan file that names many nodes and many metrics asks for every
// combination; the reader refuses it before allocating, and a caller who
// expects such plans raises the limit.
func ExampleReadOptions() {
	var b strings.Builder
	b.WriteString("path,level,metric,period,amount\n")
	for k := range 300 {
		fmt.Fprintf(&b, "CO/n%d,,m%d,2027-01,1\n", k, k)
	}
	_, err := target.ReadCSV(strings.NewReader(b.String()), decimal.Zero)
	fmt.Println(err == nil)
	_, err = target.ReadOptions{MaxCells: 100_000}.ReadCSV(strings.NewReader(b.String()), decimal.Zero)
	fmt.Println(errors.Is(err, target.ErrTooLarge))
	// Output:
	// true
	// true
}

// Sums that would leave ±10^18 units are errors naming the cell, never a
// wrapped-around amount.
func ExampleCellError() {
	tree := target.MustNewTree([]target.Node{{ID: "CO"}, {ID: "A", Parent: "CO"}})
	_, err := target.NewPlan(target.Spec{
		Tree: tree, Calendar: target.Calendar{StartYear: 2027},
		Targets:      []target.Target{{Metric: target.Revenue, Annual: d("1000000000000000")}},
		ExpenseRatio: &target.Rates{Default: d("100")},
	})
	var ce *target.CellError
	fmt.Println(errors.As(err, &ce), ce.Node, ce.Metric, ce.Period, errors.Is(err, target.ErrOverflow))
	// Output: true A expense FY true
}

// A new customer has no history: by default it gets no share of a
// history-based split, and the plan says so.
func ExamplePlan_WithoutHistory() {
	tree := target.MustNewTree([]target.Node{{ID: "CO"},
		{ID: "OLD", Parent: "CO", History: []decimal.Decimal{d("900"), d("1000")}},
		{ID: "NEW", Parent: "CO"}})
	plan := target.MustNewPlan(target.Spec{
		Tree: tree, Calendar: target.Calendar{StartYear: 2027}, Unit: d("1"),
		Targets:        []target.Target{{Metric: target.Revenue, Annual: d("1200")}},
		DefaultWeights: target.WeightSource{Method: target.HistoryTotal},
	})
	for _, u := range plan.WithoutHistory() {
		fmt.Println(u.Node, u.Policy, u.Metrics)
	}
	old, _ := plan.Amount("OLD", target.Revenue, target.FY)
	fmt.Println("OLD", old)
	// Output:
	// NEW zero-share [revenue]
	// OLD 1200
}

// Calendar-year history fed to a fiscal year that starts in April: the
// December peak lands in fiscal month 9.
func ExampleCalendar_Seasonality() {
	cal := target.Calendar{StartYear: 2027, FirstMonth: time.April}
	var history []decimal.Decimal
	for range 2 {
		for m := time.January; m <= time.December; m++ {
			v := d("100")
			if m == time.December {
				v = d("400")
			}
			history = append(history, v)
		}
	}
	p, _ := cal.Seasonality(history, time.January, target.YearlyShares)
	for k, w := range p {
		if w > 0.2 {
			fmt.Println(target.Period(k), cal.Label(target.Period(k)), fmt.Sprintf("%.3f", w))
		}
	}
	// Output: M09 2027-12 0.267
}

func ExampleTree_Levels() {
	tree := target.MustNewTree([]target.Node{{ID: "CO"}, {ID: "N", Parent: "CO"}, {ID: "A", Parent: "N", Level: "key account"}})
	fmt.Println(tree.Levels())
	// Output: [company region key account]
}

func ExamplePlan_NewActuals() {
	tree := target.MustNewTree([]target.Node{{ID: "CO"}, {ID: "A", Parent: "CO"}})
	plan := target.MustNewPlan(target.Spec{Tree: tree, Calendar: target.Calendar{StartYear: 2027}, Unit: d("1"),
		Targets: []target.Target{{Metric: target.Revenue, Annual: d("1200")}}})
	actuals := plan.NewActuals()
	_ = actuals.Set("A", target.Revenue, target.M1, d("130"))
	other := target.MustNewPlan(target.Spec{Tree: tree, Calendar: target.Calendar{StartYear: 2026}, Unit: d("1"),
		Targets: []target.Target{{Metric: target.Revenue, Annual: d("1000")}}})
	_, err := target.NewReview(other, actuals, target.ReviewConfig{AsOf: time.Date(2026, 1, 31, 0, 0, 0, 0, time.UTC)})
	fmt.Println(errors.Is(err, target.ErrMismatchedActuals))
	// Output: true
}
