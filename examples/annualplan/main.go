// Command annualplan splits a company's annual targets over its organisation
// and its fiscal months: the course's target-decomposition case.
//
// Northwind Industrial (embedded data) sells to key accounts in three
// regions. The plan grows last year's revenue into this year's target,
// learns monthly seasonality from three years of history, and splits the four
// result metrics — revenue, cash collection, profit and expense — over
// regions, industries, customers and projects, exactly to the cent. A key
// customer's signed commitment is then locked and the rest rebalanced, and the
// account managers' bottom-up forecasts are compared with the top-down plan.
//
// Usage:
//
//	go run ./examples/annualplan [-linked=false] [-season yearly-shares] [-csv plan.csv] [-json plan.json]
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/salesgrowth/salesgrowth/examples/internal/cli"
	"github.com/salesgrowth/salesgrowth/examples/internal/northwind"
	"github.com/salesgrowth/salesgrowth/target"
	"github.com/shopspring/decimal"
)

func main() { cli.Exit("annualplan", run(os.Stdout, os.Args[1:])) }

// run builds the plan and prints the report to w.
func run(w io.Writer, args []string) error {
	fs := flag.NewFlagSet("annualplan", flag.ContinueOnError)
	fs.SetOutput(w)
	csvPath := fs.String("csv", "", "write the plan in long CSV format to `file`")
	jsonPath := fs.String("json", "", "write the plan as JSON to `file`")
	linked := fs.Bool("linked", true, "derive collection, expense and profit from revenue; -linked=false splits them as independent targets")
	season := fs.String("season", "yearly-shares", "seasonality `method`: simple-average, yearly-shares or moving-average-ratio")
	if err := fs.Parse(args); err != nil {
		return err
	}
	method, err := northwind.ParseMethod(*season)
	if err != nil {
		return err
	}
	c, err := northwind.Build(northwind.Options{Linked: *linked, Season: method})
	if err != nil {
		return err
	}
	plan, tree, cal := c.Plan, c.Tree, c.Calendar
	lastYear, revenue := c.LastYear, c.Revenue

	fmt.Fprintf(w, "NORTHWIND INDUSTRIAL — ANNUAL TARGET PLAN, FISCAL YEAR %s … %s\n\n",
		cal.Label(target.M1), cal.Label(target.M12))
	fmt.Fprintf(w, "Baseline: key-account revenue last year %s, growth 15 %%, attrition 4 %% (compound)\n", money(lastYear))
	fmt.Fprintf(w, "  revenue target = %s × 1.15 × 0.96 = %s (rounded to thousands)\n", money(lastYear), money(revenue))
	if *linked {
		fmt.Fprintln(w, "  collection, expense and profit are linked to revenue: payment terms 30/50/20 %,")
		fmt.Fprintln(w, "  opening receivables 2,400,000.00, expense ratio 18 %, gross margin 32 % (North / Energy 27 %)")
	} else {
		for _, m := range plan.Metrics()[1:] {
			a, _ := plan.Amount(tree.Root(), m, target.FY)
			fmt.Fprintf(w, "  %-10s target = %s\n", m, money(a))
		}
	}
	fmt.Fprintln(w, "\nMonthly seasonality (share of the year, %)")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "method\t")
	for k := range 12 {
		fmt.Fprintf(tw, "%s\t", monthName(cal, k))
	}
	fmt.Fprintln(tw)
	for k, m := range northwind.Methods {
		row(tw, m.String(), c.Profiles[k])
	}
	row(tw, "working days", c.WorkingDays)
	row(tw, "plan: 85 % "+method.String()+" + 15 % working days", c.Profile)
	tw.Flush()

	var locked []string
	for _, l := range c.Locks {
		n, _ := tree.Node(l.ID)
		locked = append(locked, fmt.Sprintf("%s %s (%s)", n.Name, money(l.Amount), l.Why))
	}
	var fresh []string
	for _, u := range plan.WithoutHistory() {
		n, _ := tree.Node(u.Node)
		fresh = append(fresh, n.Name)
	}
	if len(fresh) > 0 {
		fmt.Fprintf(w, "\nWithout history, so without a share of the history-based split: %s.", strings.Join(fresh, ", "))
	}
	fmt.Fprintf(w, "\nLocked revenue: %s;\n", strings.Join(locked, ", "))
	if *linked {
		fmt.Fprintln(w, "their siblings absorb the difference and the linked metrics follow revenue.")
	} else {
		fmt.Fprintln(w, "their siblings absorb the difference; the independent collection, profit and expense")
		fmt.Fprintln(w, "targets keep their own split (the default, -linked, derives them from revenue).")
	}

	fmt.Fprintln(w, "\nCompany plan by month")
	if err := periodTable(w, plan, cal, tree.Root(), plan.Metrics()); err != nil {
		return err
	}
	fmt.Fprintln(w, "\nRevenue by region and month")
	if err := regionTable(w, plan, cal, tree); err != nil {
		return err
	}
	for _, level := range []string{"region", "industry", "customer", "project"} {
		fmt.Fprintf(w, "\nRevenue by %s and quarter, and the annual targets of every metric\n", level)
		if err := levelTable(w, plan, tree, level); err != nil {
			return err
		}
	}

	// Bottom-up: the account managers' forecasts against the plan.
	commit := map[string]decimal.Decimal{
		"BOREAL": northwind.D("2900000"), "FJORD": northwind.D("400000"), "POLARIS": northwind.D("1950000"), "AURORA": northwind.D("2900000"), "TUNDRA": northwind.D("1900000"),
		"MERIDIAN": northwind.D("2600000"), "VITALIS": northwind.D("1150000"), "HARBOR": northwind.D("1850000"), "CARGO": northwind.D("2350000"),
		"TRANSIT": northwind.D("900000"), "DELTA": northwind.D("1600000"),
	}
	gaps, err := plan.Gaps(target.Revenue, target.FY, commit)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "\nTop-down revenue target against the account managers' forecasts (bottom-up)")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "node\tlevel\ttop-down\tbottom-up\tgap\tprojects covered\t")
	for _, g := range gaps {
		if g.Level == "project" {
			continue
		}
		nd, _ := tree.Node(g.Node)
		fmt.Fprintf(tw, "%s%s\t%s\t%s\t%s\t%s\t%d of %d\t\n", strings.Repeat("  ", tree.Depth(g.Node)), nd.Name, g.Level,
			money(g.TopDown), money(g.BottomUp), money(g.Gap), g.Committed, g.Leaves)
	}
	tw.Flush()

	mm := plan.Check()
	fmt.Fprintf(w, "\nCoherence check: %d nodes × %d metrics × 19 periods, %d mismatches; locked: Boreal Steel %v, Fjord Plastics %v\n",
		tree.Len(), len(plan.Metrics()), len(mm), plan.Locked("BOREAL", target.Revenue, target.FY), plan.Locked("FJORD", target.Revenue, target.FY))

	if *csvPath != "" {
		if err := cli.WriteFile(*csvPath, plan.WriteCSV); err != nil {
			return err
		}
		fmt.Fprintf(w, "Plan written to %s\n", *csvPath)
	}
	if *jsonPath != "" {
		if err := cli.WriteJSON(*jsonPath, plan, true); err != nil {
			return err
		}
		fmt.Fprintf(w, "Plan written to %s\n", *jsonPath)
	}
	return nil
}

// money formats an amount with thousands separators and two decimals.
func money(a decimal.Decimal) string { return target.FormatAmount(a, 2) }

func monthName(cal target.Calendar, k int) string {
	_, m := cal.Month(target.Period(k))
	return m.String()[:3]
}

// row prints one profile as percentages.
func row(w io.Writer, name string, p target.Profile) {
	fmt.Fprintf(w, "%s\t", name)
	for _, v := range p.Normalize() {
		fmt.Fprintf(w, "%.2f\t", 100*v)
	}
	fmt.Fprintln(w)
}

// periodTable prints the months, quarters, halves and year of one node, one
// column per metric.
func periodTable(w io.Writer, plan *target.Plan, cal target.Calendar, node string, metrics []target.Metric) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "period\t")
	for _, m := range metrics {
		fmt.Fprintf(tw, "%s\t", m)
	}
	fmt.Fprintln(tw)
	for per := target.M1; per <= target.FY; per++ {
		label := cal.Label(per)
		if per.IsMonth() {
			label = monthName(cal, int(per)) + " " + label[:4]
		}
		fmt.Fprintf(tw, "%s\t", label)
		for _, m := range metrics {
			a, err := plan.Amount(node, m, per)
			if err != nil {
				return err
			}
			fmt.Fprintf(tw, "%s\t", money(a))
		}
		fmt.Fprintln(tw)
	}
	return tw.Flush()
}

// regionTable prints the revenue of every region by month, with the total.
func regionTable(w io.Writer, plan *target.Plan, cal target.Calendar, tree *target.Tree) error {
	regions := tree.Children(tree.Root())
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "period\t")
	for _, r := range regions {
		fmt.Fprintf(tw, "%s\t", r)
	}
	fmt.Fprintln(tw, "company\t")
	for per := target.M1; per <= target.FY; per++ {
		if per >= target.Q1 && per < target.FY {
			continue
		}
		fmt.Fprintf(tw, "%s\t", cal.Label(per))
		for _, id := range append(regions, tree.Root()) {
			a, err := plan.Amount(id, target.Revenue, per)
			if err != nil {
				return err
			}
			fmt.Fprintf(tw, "%s\t", money(a))
		}
		fmt.Fprintln(tw)
	}
	return tw.Flush()
}

// levelTable prints every node of a level: revenue by quarter and the annual
// amount of each metric.
func levelTable(w io.Writer, plan *target.Plan, tree *target.Tree, level string) error {
	metrics := plan.Metrics()
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "node\trevenue Q1\tQ2\tQ3\tQ4\t")
	for _, m := range metrics {
		fmt.Fprintf(tw, "%s FY\t", m)
	}
	fmt.Fprintln(tw)
	for _, n := range tree.Nodes() {
		if n.Level != level {
			continue
		}
		fmt.Fprintf(tw, "%s\t", n.Name)
		for _, per := range []target.Period{target.Q1, target.Q2, target.Q3, target.Q4} {
			a, err := plan.Amount(n.ID, target.Revenue, per)
			if err != nil {
				return err
			}
			fmt.Fprintf(tw, "%s\t", money(a))
		}
		for _, m := range metrics {
			a, err := plan.Amount(n.ID, m, target.FY)
			if err != nil {
				return err
			}
			fmt.Fprintf(tw, "%s\t", money(a))
		}
		fmt.Fprintln(tw)
	}
	return tw.Flush()
}
