// Command monthlyreview runs the course's monthly plan-completion review
// (the completion check form) on Northwind Industrial's annual plan.
//
// The plan is the one of examples/annualplan; the actuals of every project
// up to November are embedded (one project reports June and July late). The
// review as of the end of the chosen month compares plan and actual by month,
// quarter to date and year to date, sets a status per row, measures time
// progress against completion progress, and works out the gap to go, the run
// rate it requires and the forecasts; it ranks the children that explain a
// parent's variance. Finally the funnel turns the revenue still required
// into the visits, proposals and opportunities the sales team must plan.
//
// Usage:
//
//	go run ./examples/monthlyreview [-month 7] [-workdays] [-actuals file.csv] [-lang zh] [-wan]
//	    [-csv review.csv] [-wide-csv review_wide.csv] [-bom] [-json review.json] [-png DIR] [-svg DIR]
//
// -lang zh prints the review in the course's Chinese, -wan its amounts in
// 万元. -wide-csv writes the review as a spreadsheet opens it (a row a metric
// and node; plan, actual, variance, completion, status and missing for each
// due month, QTD and YTD; then the full year), headed in -lang's language
// and with a UTF-8 byte-order mark under -bom so that Excel shows Chinese
// names. -png and -svg write the cumulative revenue plan against actual with
// the forecasts and the gap to go, and the regions' contributions to the
// variance as a waterfall.
package main

import (
	"bytes"
	_ "embed"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"text/tabwriter"
	"time"

	"github.com/shopspring/decimal"
	"gonum.org/v1/plot"

	"github.com/salesgrowth/salesgrowth/examples/internal/chart"
	"github.com/salesgrowth/salesgrowth/examples/internal/cli"
	"github.com/salesgrowth/salesgrowth/examples/internal/northwind"
	"github.com/salesgrowth/salesgrowth/internal/textwidth"
	"github.com/salesgrowth/salesgrowth/target"
)

//go:embed data/actuals.csv
var actualsCSV []byte

func main() { cli.Exit("monthlyreview", run(os.Stdout, os.Args[1:])) }

// run builds the plan, reads the actuals and prints the review to w.
func run(w io.Writer, args []string) error {
	fs := flag.NewFlagSet("monthlyreview", flag.ContinueOnError)
	fs.SetOutput(w)
	month := fs.Int("month", 7, "review as of the end of fiscal `month` 1 … 12")
	workdays := fs.Bool("workdays", false, "measure time progress in working days")
	actualsPath := fs.String("actuals", "", "read actuals from CSV `file` (node,metric,period,amount) instead of the embedded ones")
	csvPath := fs.String("csv", "", "write every row of the review as CSV to `file`")
	widePath := fs.String("wide-csv", "", "write the review as a spreadsheet table (windows as columns) to `file`")
	bom := fs.Bool("bom", false, "start the wide CSV with a UTF-8 byte-order mark, for Excel")
	jsonPath := fs.String("json", "", "write the review as JSON to `file`")
	langFlag := cli.LangFlag(fs)
	wan := fs.Bool("wan", false, "show amounts in 万元 (10,000 units)")
	charts := chart.Flags(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	l, err := cli.ParseLang(*langFlag)
	if err != nil {
		return err
	}
	T := l.T
	money := cli.Money(*wan)
	if *month < 1 || *month > 12 {
		return fmt.Errorf("month %d outside 1 … 12", *month)
	}
	c, err := northwind.Build(northwind.Options{Season: target.YearlyShares})
	if err != nil {
		return err
	}
	plan, tree, cal := c.Plan, c.Tree, c.Calendar

	data := actualsCSV
	if *actualsPath != "" {
		if data, err = os.ReadFile(*actualsPath); err != nil {
			return err
		}
	}
	actuals, err := target.ReadActualsCSV(bytes.NewReader(data), plan)
	if err != nil {
		return fmt.Errorf("actuals: %w", err)
	}
	y, m := cal.Month(target.Month(*month))
	asOf := time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC) // last day of the month
	review, err := target.NewReview(plan, actuals, target.ReviewConfig{AsOf: asOf, WorkingDays: *workdays, Calendar: &cal})
	if err != nil {
		return err
	}

	unitNote := ""
	if *wan {
		unitNote = T(" (amounts in 10,000s)", "（金额单位：万元）")
	}
	fmt.Fprintf(w, T("NORTHWIND INDUSTRIAL — PLAN COMPLETION REVIEW AS OF %s%s\n\n", "北风工业 — 计划完成情况检查（截至 %s）%s\n\n"), asOf.Format(time.DateOnly), unitNote)
	unit := T("calendar days", "日历日")
	if *workdays {
		unit = T("working days", "工作日")
	}
	fmt.Fprintf(w, T("Time progress %.1f %% of the fiscal year (%s). Status: completion of the plan of the reported\n",
		"时间进度为财年的 %.1f %%（%s）。状态：已报月份计划的完成率，同口径比较 —\n"), 100*review.TimeProgress(), unit)
	fmt.Fprintln(w, T("months, like for like — ahead ≥ 105 %, on track ≥ 97 %, behind ≥ 90 %, at risk below; for expense,",
		"领先 ≥ 105 %，正常 ≥ 97 %，落后 ≥ 90 %，低于则为风险；费用越低越好。"))
	fmt.Fprintln(w, T("lower is better. Months not reported yet are missing, not zero.", "尚未上报的月份记为缺报，而不是零。"))
	fmt.Fprintln(w)

	regions := tree.Children(tree.Root())
	if err := review.WriteTextWith(w, append([]string{tree.Root()}, regions...), target.TextOptions{Lang: string(l), TenThousands: *wan}); err != nil {
		return err
	}

	fmt.Fprintln(w, T("Revenue year to date by customer", "各客户年初至今销售额"))
	tw := textwidth.NewTabWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, T("customer\tplan YTD\tactual YTD\tvariance\tcompletion\tstatus\tmissing months\tforecast (seasonal)\tlanding\t",
		"客户\t累计计划\t累计实际\t差异\t完成率\t状态\t缺报月数\t预测（季节性）\t预计结果\t"))
	for _, n := range tree.Nodes() {
		if n.Level != "customer" {
			continue
		}
		row, err := review.YTD(n.ID, target.Revenue)
		if err != nil {
			return err
		}
		g, err := review.Progress(n.ID, target.Revenue)
		if err != nil {
			return err
		}
		fc := T("n/a", "无")
		if g.ForecastSeasonal.Valid {
			fc = money(g.ForecastSeasonal.Decimal)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%d\t%s\t%s\t\n", n.Name, money(row.Plan), money(row.Actual), money(row.Variance),
			row.Completion, row.Status.Title(string(l)), row.Missing, fc, g.ForecastStatus.Title(string(l)))
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	// Process targets: the activities the revenue plan asks of the team.
	funnel := target.Funnel{
		Stages: []target.Stage{
			{Name: "visits", Conversion: 0.40, LeadMonths: 1},
			{Name: "proposals", Conversion: 0.50, LeadMonths: 1},
			{Name: "opportunities", Conversion: 0.45, LeadMonths: 1},
			{Name: "deals"},
		},
		DealSize: northwind.D("60000"),
	}
	steps, err := plan.ProcessTargets(tree.Root(), target.Revenue, funnel)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, T("\nProcess targets from the revenue plan: visits → proposals 40 %, → opportunities 50 %, → deals 45 %,",
		"\n由销售额计划（结果目标）推出的过程目标：拜访 → 方案 40 %，→ 商机 50 %，→ 成交 45 %，"))
	fmt.Fprintln(w, T("one month per step, deal size 60,000.00; activities rounded up; 'before' is the previous fiscal year",
		"每步一个月，单笔成交 60,000.00；活动数向上取整；“此前”为上一财年"))
	tw = textwidth.NewTabWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, T("stage	before	", "阶段	此前	"))
	for k := range 12 {
		_, mm := cal.Month(target.Period(k))
		fmt.Fprintf(tw, "%s	", T(mm.String()[:3], fmt.Sprintf("%d月", int(mm))))
	}
	fmt.Fprintln(tw, T("total	", "合计	"))
	for _, s := range steps {
		var before int64
		for _, b := range s.Before {
			before += b
		}
		fmt.Fprintf(tw, "%s	%d	", T(s.Stage, stageChinese[s.Stage]), before)
		for _, v := range s.Months {
			fmt.Fprintf(tw, "%d	", v)
		}
		fmt.Fprintf(tw, "%d	\n", s.Total)
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	// The forward check: the pipeline at the end of the as-of month (each
	// stage's activities of that month) and the visits still planned after
	// it, against the gap to go.
	now := *month - 1
	var planned []target.Activity
	for k, s := range steps[:len(steps)-1] {
		for t, v := range s.Months {
			if (t == now || (k == 0 && t > now)) && v > 0 {
				planned = append(planned, target.Activity{Stage: s.Stage, Month: target.Period(t), Count: v})
			}
		}
	}
	g, err := review.Progress(tree.Root(), target.Revenue)
	if err != nil {
		return err
	}
	out, err := funnel.Outcome(planned, g.GapToGo)
	if err != nil {
		return err
	}
	how := T("exact", "精确")
	if !out.Exact {
		how = T("normal approximation", "正态近似")
	}
	fmt.Fprintf(w, T("\nForward check: the pipeline of %s and the visits planned after it bring %.1f deals within the year\n",
		"\n前瞻检查：%s 的在途商机及其后计划的拜访在年内带来 %.1f 笔成交\n"), cal.Label(target.Month(*month)), out.Deals)
	fmt.Fprintf(w, T("(sd %.1f), revenue %s (sd %s), and %.1f deals after year end. Against the gap to go of %s\n",
		"（标准差 %.1f），销售额 %s（标准差 %s），年末后 %.1f 笔。对照剩余缺口 %s，\n"),
		out.DealsSD, money(out.Revenue), money(decimal.NewFromFloat(out.RevenueSD).Round(2)), out.AfterYear, money(g.GapToGo))
	fmt.Fprintf(w, T("the probability of closing it is %.1f %% (%s).\n", "补足缺口的概率为 %.1f %%（%s）。\n"), 100*out.ProbReach, how)

	if charts.Enabled() {
		c := reviewCharts{plan: plan, actuals: actuals, review: review, tree: tree, cal: cal}
		if err := charts.Save(w, "plan_vs_actual", string(l), c.cumulative); err != nil {
			return err
		}
		if err := charts.Save(w, "variance_waterfall", string(l), c.waterfall); err != nil {
			return err
		}
	}

	if *csvPath != "" {
		if err := cli.WriteFile(*csvPath, review.WriteCSV); err != nil {
			return err
		}
		fmt.Fprintf(w, T("Review written to %s\n", "检查结果已写入 %s\n"), *csvPath)
	}
	if *widePath != "" {
		if err := cli.WriteFile(*widePath, func(f io.Writer) error {
			return review.WriteWideCSV(f, target.ReviewCSV{Lang: string(l), BOM: *bom})
		}); err != nil {
			return err
		}
		fmt.Fprintf(w, T("Review written to %s\n", "检查结果已写入 %s\n"), *widePath)
	}
	if *jsonPath != "" {
		if err := cli.WriteJSON(*jsonPath, review, false); err != nil {
			return err
		}
		fmt.Fprintf(w, T("Review written to %s\n", "检查结果已写入 %s\n"), *jsonPath)
	}
	return nil
}

// stageChinese names the funnel's stages in Chinese.
var stageChinese = map[string]string{"visits": "拜访", "proposals": "方案", "opportunities": "商机", "deals": "成交"}

// reviewCharts draws the review's charts.
type reviewCharts struct {
	plan    *target.Plan
	actuals *target.Actuals
	review  *target.Review
	tree    *target.Tree
	cal     target.Calendar
}

// cumulative is the company's cumulative revenue, plan against actual, with
// the three forecasts of the year's landing from the as-of month.
func (c reviewCharts) cumulative(lang string) (*plot.Plot, error) {
	l := cli.Lang(lang)
	root, asOf := c.tree.Root(), int(c.review.AsOf())
	months := make([]string, 12)
	var plan, act chart.Line
	plan.Name, act.Name = l.T("plan", "计划"), l.T("actual", "实际")
	cumP, cumA := 0.0, 0.0
	for k := range 12 {
		_, m := c.cal.Month(target.Period(k))
		months[k] = l.T(m.String()[:3], fmt.Sprintf("%d月", int(m)))
		a, err := c.plan.Amount(root, target.Revenue, target.Period(k))
		if err != nil {
			return nil, err
		}
		cumP += a.InexactFloat64()
		plan.X, plan.Y = append(plan.X, float64(k)), append(plan.Y, cumP)
		if k <= asOf {
			v, _, err := c.actuals.Amount(root, target.Revenue, target.Period(k))
			if err != nil {
				return nil, err
			}
			cumA += v.InexactFloat64()
			act.X, act.Y = append(act.X, float64(k)), append(act.Y, cumA)
		}
	}
	g, err := c.review.Progress(root, target.Revenue)
	if err != nil {
		return nil, err
	}
	lines := []chart.Line{plan, act}
	for _, f := range []struct {
		name string
		v    decimal.NullDecimal
	}{
		{l.T("forecast: run rate", "预测：按速率"), g.ForecastLinear},
		{l.T("forecast: seasonal", "预测：按季节性"), g.ForecastSeasonal},
		{l.T("forecast: actual + plan", "预测：实际+计划"), decimal.NewNullDecimal(g.ForecastActualPlusPlan)},
	} {
		if f.v.Valid && asOf < 11 {
			lines = append(lines, chart.Line{Name: f.name, X: []float64{float64(asOf), 11}, Y: []float64{cumA, f.v.Decimal.InexactFloat64()}, Dashed: true})
		}
	}
	p := chart.New(l.T(fmt.Sprintf("Cumulative revenue, plan against actual — gap to go %s", target.FormatAmount(g.GapToGo, 2)),
		fmt.Sprintf("累计销售额：计划与实际 — 剩余缺口 %s", target.FormatAmount(g.GapToGo, 2))),
		l.T("fiscal month", "财月"), l.T("cumulative revenue (millions)", "累计销售额（百万）"))
	p.Y.Tick.Marker = chart.Amounts{Scale: 1e6}
	top := cumP
	for _, ln := range lines {
		top = max(top, slices.Max(ln.Y))
	}
	chart.Headroom(p, top)
	return p, chart.Lines(p, months, lines)
}

// waterfall is the regions' contributions to the company's year-to-date
// revenue variance.
func (c reviewCharts) waterfall(lang string) (*plot.Plot, error) {
	l := cli.Lang(lang)
	root := c.tree.Root()
	cs, err := c.review.Contributors(root, target.Revenue, len(c.tree.Children(root)))
	if err != nil {
		return nil, err
	}
	var labels []string
	var steps []float64
	for _, ct := range cs {
		n, _ := c.tree.Node(ct.Node)
		labels = append(labels, n.Name)
		steps = append(steps, ct.Variance.InexactFloat64())
	}
	p := chart.New(l.T("Year-to-date revenue variance by region", "各区域年初至今销售额差异"),
		l.T("region", "区域"), l.T("variance (thousands)", "差异（千）"))
	p.Y.Tick.Marker = chart.Amounts{Scale: 1e3}
	p.Legend.Left = false
	return p, chart.Waterfall(p, labels, steps, l.T("above plan", "超出计划"), l.T("below plan", "低于计划"), l.T("company", "公司"))
}
