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
//	go run ./examples/annualplan [-linked=false] [-season yearly-shares] [-lang zh] [-wan]
//	    [-csv plan.csv] [-wide-csv plan_wide.csv] [-bom] [-json plan.json] [-png DIR] [-svg DIR]
//
// -lang zh prints the report in the course's Chinese; -wan shows amounts in
// 万元 (10,000 units). -wide-csv writes the plan as a spreadsheet opens it
// (a row a node and metric, periods as columns), with a UTF-8 byte-order
// mark under -bom so that Excel shows Chinese names; -png and -svg write
// the monthly plan per region as stacked bars and the four metrics by
// quarter.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/shopspring/decimal"
	"gonum.org/v1/plot"

	"github.com/salesgrowth/salesgrowth/examples/internal/chart"
	"github.com/salesgrowth/salesgrowth/examples/internal/cli"
	"github.com/salesgrowth/salesgrowth/examples/internal/northwind"
	"github.com/salesgrowth/salesgrowth/internal/textwidth"
	"github.com/salesgrowth/salesgrowth/target"
)

func main() { cli.Exit("annualplan", run(os.Stdout, os.Args[1:])) }

// run builds the plan and prints the report to w.
func run(w io.Writer, args []string) error {
	fs := flag.NewFlagSet("annualplan", flag.ContinueOnError)
	fs.SetOutput(w)
	csvPath := fs.String("csv", "", "write the plan in long CSV format to `file`")
	jsonPath := fs.String("json", "", "write the plan as JSON to `file`")
	widePath := fs.String("wide-csv", "", "write the plan as a spreadsheet table (periods as columns) to `file`")
	bom := fs.Bool("bom", false, "start the wide CSV with a UTF-8 byte-order mark, for Excel")
	langFlag := cli.LangFlag(fs)
	wan := fs.Bool("wan", false, "show amounts in 万元 (10,000 units)")
	out := chart.Flags(fs)
	linked := fs.Bool("linked", true, "derive collection, expense and profit from revenue; -linked=false splits them as independent targets")
	season := fs.String("season", "yearly-shares", "seasonality `method`: simple-average, yearly-shares or moving-average-ratio")
	if err := fs.Parse(args); err != nil {
		return err
	}
	method, err := northwind.ParseMethod(*season)
	if err != nil {
		return err
	}
	l, err := cli.ParseLang(*langFlag)
	if err != nil {
		return err
	}
	T := l.T
	money := cli.Money(*wan)
	unit := ""
	if *wan {
		unit = T(" (in 10,000s)", "（万元）")
	}
	c, err := northwind.Build(northwind.Options{Linked: *linked, Season: method})
	if err != nil {
		return err
	}
	plan, tree, cal := c.Plan, c.Tree, c.Calendar
	lastYear, revenue := c.LastYear, c.Revenue

	fmt.Fprintf(w, T("NORTHWIND INDUSTRIAL — ANNUAL TARGET PLAN, FISCAL YEAR %s … %s%s\n\n", "北风工业 — 年度目标计划，财年 %s … %s%s\n\n"),
		cal.Label(target.M1), cal.Label(target.M12), unit)
	fmt.Fprintf(w, T("Baseline: key-account revenue last year %s, growth 15 %%, attrition 4 %% (compound)\n",
		"基数：去年大客户销售额 %s，增长 15 %%，流失 4 %%（复合）\n"), money(lastYear))
	fmt.Fprintf(w, T("  revenue target = %s × 1.15 × 0.96 = %s (rounded to thousands)\n",
		"  销售额目标 = %s × 1.15 × 0.96 = %s（取整到千）\n"), money(lastYear), money(revenue))
	if *linked {
		fmt.Fprintln(w, T("  collection, expense and profit are linked to revenue: payment terms 30/50/20 %,",
			"  回款额、费用和利润与销售额联动：账期 30/50/20 %，"))
		fmt.Fprintf(w, T("  opening receivables %s, expense ratio 18 %%, gross margin 32 %% (North / Energy 27 %%)\n",
			"  期初应收账款 %s，费用率 18 %%，毛利率 32 %%（北区/能源 27 %%）\n"), money(northwind.D("2400000")))
	} else {
		for _, m := range plan.Metrics()[1:] {
			a, _ := plan.Amount(tree.Root(), m, target.FY)
			fmt.Fprintf(w, T("  %-10s target = %s\n", "  %s目标 = %s\n"), m.Title(string(l)), money(a))
		}
	}
	fmt.Fprintln(w, T("\nMonthly seasonality (share of the year, %)", "\n月度季节性（占全年比例，%）"))
	tw := textwidth.NewTabWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, T("method\t", "方法\t"))
	for k := range 12 {
		fmt.Fprintf(tw, "%s\t", monthName(cal, k, l))
	}
	fmt.Fprintln(tw)
	for k, m := range northwind.Methods {
		row(tw, m.Title(string(l)), c.Profiles[k])
	}
	row(tw, T("working days", "工作日"), c.WorkingDays)
	row(tw, T("plan: 85 % "+method.String()+" + 15 % working days", "计划：85 % "+method.Title("zh")+" + 15 % 工作日"), c.Profile)
	tw.Flush()

	var locked []string
	for _, l := range c.Locks {
		n, _ := tree.Node(l.ID)
		why := l.Why
		if zh, ok := lockReasons[why]; ok {
			why = T(why, zh)
		}
		locked = append(locked, fmt.Sprintf("%s %s (%s)", n.Name, money(l.Amount), why))
	}
	var fresh []string
	for _, u := range plan.WithoutHistory() {
		n, _ := tree.Node(u.Node)
		fresh = append(fresh, n.Name)
	}
	if len(fresh) > 0 {
		fmt.Fprintf(w, T("\nWithout history, so without a share of the history-based split: %s.", "\n无历史数据，因此不参与按历史的分解：%s。"), strings.Join(fresh, ", "))
	}
	fmt.Fprintf(w, T("\nLocked revenue: %s;\n", "\n锁定的销售额：%s；\n"), strings.Join(locked, ", "))
	if *linked {
		fmt.Fprintln(w, T("their siblings absorb the difference and the linked metrics follow revenue.", "差额由同级节点吸收，联动指标随销售额调整。"))
	} else {
		fmt.Fprintln(w, T("their siblings absorb the difference; the independent collection, profit and expense",
			"差额由同级节点吸收；独立的回款额、利润和费用目标"))
		fmt.Fprintln(w, T("targets keep their own split (the default, -linked, derives them from revenue).",
			"保持各自的分解（默认的 -linked 由销售额推导它们）。"))
	}

	r := report{plan: plan, cal: cal, tree: tree, lang: l, money: money}
	fmt.Fprintln(w, T("\nCompany plan by month", "\n公司月度计划（结果目标）"))
	if err := r.periodTable(w, tree.Root(), plan.Metrics()); err != nil {
		return err
	}
	fmt.Fprintln(w, T("\nRevenue by region and month", "\n各区域月度销售额"))
	if err := r.regionTable(w); err != nil {
		return err
	}
	for _, level := range []string{"region", "industry", "customer", "project"} {
		fmt.Fprintf(w, T("\nRevenue by %s and quarter, and the annual targets of every metric\n", "\n各%s季度销售额及各指标年度目标\n"), target.LevelTitle(level, string(l)))
		if err := r.levelTable(w, level); err != nil {
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
	fmt.Fprintln(w, T("\nTop-down revenue target against the account managers' forecasts (bottom-up)", "\n自上而下的销售额目标与客户经理预测（自下而上）对比"))
	tw = textwidth.NewTabWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, T("node\tlevel\ttop-down\tbottom-up\tgap\tprojects covered\t", "节点\t层级\t自上而下\t自下而上\t差额\t覆盖项目\t"))
	for _, g := range gaps {
		if g.Level == "project" {
			continue
		}
		nd, _ := tree.Node(g.Node)
		fmt.Fprintf(tw, T("%s%s\t%s\t%s\t%s\t%s\t%d of %d\t\n", "%s%s\t%s\t%s\t%s\t%s\t%d / %d\t\n"), strings.Repeat("  ", tree.Depth(g.Node)), nd.Name,
			target.LevelTitle(g.Level, string(l)), money(g.TopDown), money(g.BottomUp), money(g.Gap), g.Committed, g.Leaves)
	}
	tw.Flush()

	mm := plan.Check()
	fmt.Fprintf(w, T("\nCoherence check: %d nodes × %d metrics × 19 periods, %d mismatches; locked: Boreal Steel %v, Fjord Plastics %v\n",
		"\n一致性检查：%d 个节点 × %d 个指标 × 19 个期间，%d 处不一致；锁定：Boreal Steel %v，Fjord Plastics %v\n"),
		tree.Len(), len(plan.Metrics()), len(mm), plan.Locked("BOREAL", target.Revenue, target.FY), plan.Locked("FJORD", target.Revenue, target.FY))

	if *csvPath != "" {
		if err := cli.WriteFile(*csvPath, plan.WriteCSV); err != nil {
			return err
		}
		fmt.Fprintf(w, "Plan written to %s\n", *csvPath)
	}
	if *widePath != "" {
		if err := cli.WriteFile(*widePath, func(f io.Writer) error {
			return plan.WriteWideCSV(f, target.WideCSV{Lang: string(l), BOM: *bom})
		}); err != nil {
			return err
		}
		fmt.Fprintf(w, T("Plan written to %s\n", "计划已写入 %s\n"), *widePath)
	}
	if out.Enabled() {
		if err := out.Save(w, "plan_by_region", string(l), func(lg string) (*plot.Plot, error) { return r.regionChart(cli.Lang(lg)) }); err != nil {
			return err
		}
		if err := out.Save(w, "metrics_by_quarter", string(l), func(lg string) (*plot.Plot, error) { return r.quarterChart(cli.Lang(lg)) }); err != nil {
			return err
		}
	}
	if *jsonPath != "" {
		if err := cli.WriteJSON(*jsonPath, plan, true); err != nil {
			return err
		}
		fmt.Fprintf(w, "Plan written to %s\n", *jsonPath)
	}
	return nil
}

// lockReasons are the Chinese of the case's lock reasons.
var lockReasons = map[string]string{
	"frame contract": "框架合同",
	"pilot line":     "试产线",
}

// report holds what the tables and charts share.
type report struct {
	plan  *target.Plan
	cal   target.Calendar
	tree  *target.Tree
	lang  cli.Lang
	money func(decimal.Decimal) string
}

// monthName is the short name of fiscal month k: "Jan" or "1月".
func monthName(cal target.Calendar, k int, l cli.Lang) string {
	_, m := cal.Month(target.Period(k))
	return l.T(m.String()[:3], fmt.Sprintf("%d月", int(m)))
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
func (r report) periodTable(w io.Writer, node string, metrics []target.Metric) error {
	plan, cal, money := r.plan, r.cal, r.money
	tw := textwidth.NewTabWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, r.lang.T("period\t", "期间\t"))
	for _, m := range metrics {
		fmt.Fprintf(tw, "%s\t", m.Title(string(r.lang)))
	}
	fmt.Fprintln(tw)
	for per := target.M1; per <= target.FY; per++ {
		label := cal.Label(per)
		if per.IsMonth() {
			label = r.lang.T(monthName(cal, int(per), r.lang)+" "+label[:4], label[:4]+"年"+monthName(cal, int(per), r.lang))
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
func (r report) regionTable(w io.Writer) error {
	plan, cal, tree, money := r.plan, r.cal, r.tree, r.money
	regions := tree.Children(tree.Root())
	tw := textwidth.NewTabWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, r.lang.T("period\t", "期间\t"))
	for _, id := range regions {
		fmt.Fprintf(tw, "%s\t", id)
	}
	fmt.Fprintln(tw, r.lang.T("company\t", "公司\t"))
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
func (r report) levelTable(w io.Writer, level string) error {
	plan, tree, money := r.plan, r.tree, r.money
	metrics := plan.Metrics()
	tw := textwidth.NewTabWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, r.lang.T("node\trevenue Q1\tQ2\tQ3\tQ4\t", "节点\t销售额 Q1\tQ2\tQ3\tQ4\t"))
	for _, m := range metrics {
		fmt.Fprintf(tw, r.lang.T("%s FY\t", "%s 全年\t"), m.Title(string(r.lang)))
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

// regionChart is the monthly revenue plan per region as stacked bars.
func (r report) regionChart(l cli.Lang) (*plot.Plot, error) {
	regions := r.tree.Children(r.tree.Root())
	months := make([]string, 12)
	for k := range months {
		months[k] = monthName(r.cal, k, l)
	}
	var series []chart.Series
	for _, id := range regions {
		n, _ := r.tree.Node(id)
		vs := make([]float64, 12)
		for k := range vs {
			a, err := r.plan.Amount(id, target.Revenue, target.Period(k))
			if err != nil {
				return nil, err
			}
			vs[k] = a.InexactFloat64()
		}
		series = append(series, chart.Series{Name: n.Name, Values: vs})
	}
	p := chart.New(l.T("Monthly revenue plan by region", "各区域月度销售额计划"),
		l.T(fmt.Sprintf("fiscal month (from %s)", r.cal.Label(target.M1)), fmt.Sprintf("财月（自 %s）", r.cal.Label(target.M1))),
		l.T("revenue (millions)", "销售额（百万）"))
	p.Y.Tick.Marker = chart.Amounts{Scale: 1e6}
	top := 0.0
	for k := range months {
		sum := 0.0
		for _, s := range series {
			sum += s.Values[k]
		}
		top = max(top, sum)
	}
	chart.Headroom(p, top)
	return p, chart.StackedBars(p, months, series)
}

// quarterChart is the four metrics by quarter as grouped bars.
func (r report) quarterChart(l cli.Lang) (*plot.Plot, error) {
	quarters := []target.Period{target.Q1, target.Q2, target.Q3, target.Q4}
	var series []chart.Series
	for _, m := range r.plan.Metrics() {
		vs := make([]float64, len(quarters))
		for k, q := range quarters {
			a, err := r.plan.Amount(r.tree.Root(), m, q)
			if err != nil {
				return nil, err
			}
			vs[k] = a.InexactFloat64()
		}
		series = append(series, chart.Series{Name: m.Title(string(l)), Values: vs})
	}
	p := chart.New(l.T("Company plan by quarter, four metrics", "公司季度计划（四项指标）"),
		l.T("fiscal quarter", "财季"), l.T("amount (millions)", "金额（百万）"))
	p.Y.Tick.Marker = chart.Amounts{Scale: 1e6}
	top := 0.0
	for _, s := range series {
		top = max(top, slices.Max(s.Values))
	}
	chart.Headroom(p, top)
	return p, chart.GroupedBars(p, []string{"Q1", "Q2", "Q3", "Q4"}, series)
}
