// Command lifetimevalue fits the "buy till you die" models to a customer
// base and ranks customers by lifetime profit.
//
// By default it simulates a base of 6,000 customers from known BG/NBD and
// Gamma-Gamma parameters (embedded), acquired over twelve weeks and observed
// for 39 weeks, fits BG/NBD, Pareto/NBD and Gamma-Gamma, and prints, for a
// few customers and the top of the ranking, the probability of being alive,
// the expected purchases of the next 39 weeks and the lifetime profit of the
// next twelve months. With -elog it does the same on a real event log; the
// defaults read the CDNOW sample (../shared/data/cdnow_sample_elog.csv) with
// a 39-week calibration and a 39-week holdout, and compare the forecast
// with the holdout.
//
// Usage:
//
//	go run ./examples/lifetimevalue [-elog file.csv [-customer col -date col -amount col -layout 20060102 -calibration 1997-09-30 -holdout 1998-06-30 -whitespace]]
//	    [-lang zh] [-png DIR] [-svg DIR]
//
// -lang zh prints the report in the course's Chinese. -png and -svg write P(alive) against recency under both fitted models
// and, with -elog, the weekly cumulative repeat transactions of the log
// against each model's expectation over calibration and holdout (the CDNOW
// figure of Fader, Hardie and Lee 2005).
package main

import (
	_ "embed"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/shopspring/decimal"
	"gonum.org/v1/plot"

	"github.com/salesgrowth/salesgrowth/clp"
	"github.com/salesgrowth/salesgrowth/examples/internal/chart"
	"github.com/salesgrowth/salesgrowth/examples/internal/cli"
	"github.com/salesgrowth/salesgrowth/internal/textwidth"
	"github.com/salesgrowth/salesgrowth/target"
)

//go:embed data/simulation.json
var simulationJSON []byte

// simulation is the embedded default: the true parameters of the simulated
// base and its size.
type simulation struct {
	BGNBD      clp.BGNBD      `json:"bgnbd"`
	GammaGamma clp.GammaGamma `json:"gammaGamma"`
	Customers  int            `json:"customers"`
	Seed       uint64         `json:"seed"`
}

func main() { cli.Exit("lifetimevalue", run(os.Stdout, os.Args[1:])) }

// config is the economics of the lifetime profit.
var valueConfig = clp.ValueConfig{
	Margin:                0.30,
	CostPerTransaction:    2.00,
	PeriodLength:          52.0 / 12, // a month in weeks
	Periods:               12,
	DiscountRatePerPeriod: 0.01, // a month
}

func run(w io.Writer, args []string) error {
	fs := flag.NewFlagSet("lifetimevalue", flag.ContinueOnError)
	fs.SetOutput(w)
	elog := fs.String("elog", "", "read transactions from CSV event log `file` instead of simulating")
	custCol := fs.String("customer", "sampleid", "customer `column` of the event log")
	dateCol := fs.String("date", "date", "date `column`")
	amountCol := fs.String("amount", "sales", "amount `column`")
	layout := fs.String("layout", "20060102", "date `layout` (Go time format)")
	whitespace := fs.Bool("whitespace", false, "the log is whitespace-separated, not CSV")
	calEnd := fs.String("calibration", "1997-09-30", "last `day` of the calibration period")
	holdEnd := fs.String("holdout", "1998-06-30", "last `day` of the holdout period (empty: none)")
	langFlag := cli.LangFlag(fs)
	charts := chart.Flags(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	l, err := cli.ParseLang(*langFlag)
	if err != nil {
		return err
	}
	T := l.T
	var ss []clp.Summary
	var truth *simulation
	var events []clp.Event
	var opt clp.SummaryOptions
	if *elog == "" {
		var sim simulation
		if err := json.Unmarshal(simulationJSON, &sim); err != nil {
			return err
		}
		truth = &sim
		ss = simulate(sim)
		fmt.Fprintf(w, T("SIMULATED CUSTOMER BASE — %d customers acquired over 12 weeks, observed for 39 weeks (seed %d)\n\n",
			"模拟客户群 — %d 个客户在 12 周内获得，观察 39 周（随机种子 %d）\n\n"), len(ss), sim.Seed)
	} else {
		f, err := os.Open(*elog)
		if err != nil {
			return err
		}
		defer f.Close()
		events, err = clp.ReadEvents(f, clp.LogFormat{CustomerColumn: *custCol, DateColumn: *dateCol, AmountColumn: *amountCol, DateLayout: *layout, Whitespace: *whitespace})
		if err != nil {
			return err
		}
		if opt.CalibrationEnd, err = time.Parse(time.DateOnly, *calEnd); err != nil {
			return fmt.Errorf("-calibration: %w", err)
		}
		if *holdEnd != "" {
			if opt.HoldoutEnd, err = time.Parse(time.DateOnly, *holdEnd); err != nil {
				return fmt.Errorf("-holdout: %w", err)
			}
		}
		if ss, err = clp.Summarize(events, opt); err != nil {
			return err
		}
		fmt.Fprintf(w, T("EVENT LOG %s — %d events, %d customers, calibration to %s\n\n", "交易日志 %s — %d 笔交易，%d 个客户，校准期至 %s\n\n"), *elog, len(events), len(ss), *calEnd)
	}
	cs := clp.Customers(ss)
	bg, err := clp.FitBGNBD(cs, nil)
	if err != nil {
		return err
	}
	pn, err := clp.FitParetoNBD(cs, nil)
	if err != nil {
		return err
	}
	var x, m []float64
	for _, s := range ss {
		if s.X > 0 && s.MeanSpend > 0 {
			x, m = append(x, s.X), append(m, s.MeanSpend)
		}
	}
	gg, err := clp.FitGammaGamma(x, m, nil)
	if err != nil {
		return err
	}
	se, err := bg.StandardErrors(cs)
	if err != nil {
		return err
	}
	tw := textwidth.NewTabWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, T("model\tparameters\tlog-likelihood\t", "模型\t参数\t对数似然\t"))
	fmt.Fprintf(tw, "BG/NBD\tr %.3f (±%.3f)  α %.3f (±%.3f)  a %.3f (±%.3f)  b %.3f (±%.3f)\t%.2f\t\n",
		bg.R, se[0], bg.Alpha, se[1], bg.A, se[2], bg.B, se[3], bg.LogLikelihood(cs))
	fmt.Fprintf(tw, "Pareto/NBD\tr %.3f  α %.3f  s %.3f  β %.3f\t%.2f\t\n", pn.R, pn.Alpha, pn.S, pn.Beta, pn.LogLikelihood(cs))
	fmt.Fprintf(tw, T("Gamma-Gamma\tp %.3f  q %.3f  γ %.3f (%d repeat buyers)\t%.2f\t\n", "Gamma-Gamma\tp %.3f  q %.3f  γ %.3f（%d 个重复购买客户）\t%.2f\t\n"), gg.P, gg.Q, gg.Gamma, len(x), gg.LogLikelihood(x, m))
	if truth != nil {
		t, g := truth.BGNBD, truth.GammaGamma
		fmt.Fprintf(tw, T("true BG/NBD\tr %.3f  α %.3f  a %.3f  b %.3f\t\t\n", "真实 BG/NBD\tr %.3f  α %.3f  a %.3f  b %.3f\t\t\n"), t.R, t.Alpha, t.A, t.B)
		fmt.Fprintf(tw, T("true Gamma-Gamma\tp %.3f  q %.3f  γ %.3f\t\t\n", "真实 Gamma-Gamma\tp %.3f  q %.3f  γ %.3f\t\t\n"), g.P, g.Q, g.Gamma)
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	// Score every customer.
	type scored struct {
		s             clp.Summary
		alive, next39 float64
		value         decimal.Decimal
	}
	all := make([]scored, len(ss))
	var predicted, actual float64
	for i, s := range ss {
		v, err := clp.LifetimeValue(bg, gg, s.Customer, s.MeanSpend, valueConfig)
		if err != nil {
			return fmt.Errorf("customer %s: %w", s.ID, err)
		}
		all[i] = scored{s, bg.PAlive(s.Customer), bg.ConditionalExpectedPurchases(39, s.Customer), v}
		predicted += all[i].next39
		actual += s.HoldoutX
	}
	fmt.Fprint(w, T("\nLifetime profit: 30 % margin on the expected spend (Gamma-Gamma), less 2.00 per transaction, over the\n",
		"\n终身利润：预期客单价（Gamma-Gamma）的 30 % 毛利，每笔交易减 2.00，\n"))
	fmt.Fprint(w, T("next 12 months (BG/NBD), discounted at 1 % a month.\n\n", "计算未来 12 个月（BG/NBD），按每月 1 % 贴现。\n\n"))
	header := T("customer\tx\trecency\tage\tmean spend\tP(alive)\tpurchases next 39 weeks\tlifetime profit\t",
		"客户\tx\t最近购买\t客户年龄\t平均客单价\t存活概率\t未来 39 周购买次数\t终身利润\t")
	row := func(tw io.Writer, c scored) {
		fmt.Fprintf(tw, "%s\t%.0f\t%.2f\t%.2f\t%s\t%.3f\t%.2f\t%s\t\n", c.s.ID, c.s.X, c.s.Tx, c.s.T,
			target.FormatAmount(decimal.NewFromFloat(c.s.MeanSpend), 2), c.alive, c.next39, target.FormatAmount(c.value, 2))
	}
	fmt.Fprintln(w, T("A few customers", "部分客户"))
	tw = textwidth.NewTabWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, header)
	for _, i := range []int{0, 1, 2, 3, 4, 5} {
		if i < len(all) {
			row(tw, all[i])
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	slices.SortStableFunc(all, func(a, b scored) int { return b.value.Cmp(a.value) })
	fmt.Fprintln(w, T("\nTop 10 by lifetime profit", "\n终身利润前 10 名"))
	tw = textwidth.NewTabWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, header)
	for _, c := range all[:min(10, len(all))] {
		row(tw, c)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	total := decimal.Zero
	for _, c := range all {
		total = total.Add(c.value)
	}
	top := decimal.Zero
	for _, c := range all[:len(all)/10] {
		top = top.Add(c.value)
	}
	fmt.Fprintf(w, T("\nBase: lifetime profit %s; the top 10 %% of customers hold %s of it.\n", "\n客户群：终身利润 %s；前 10 %% 的客户占其中 %s。\n"),
		target.FormatAmount(total, 2), pct(top, total))
	if *elog != "" && *holdEnd != "" {
		fmt.Fprintf(w, T("Holdout check: the BG/NBD predicted %.0f repeat purchases in the next 39 weeks; the log has %.0f.\n",
			"检验期核对：BG/NBD 预测未来 39 周重复购买 %.0f 次；日志中为 %.0f 次。\n"), predicted, actual)
	}
	if charts.Enabled() {
		if err := charts.Save(w, "palive_recency", "en", func(string) (*plot.Plot, error) { return aliveChart(bg, pn) }); err != nil {
			return err
		}
		if events != nil {
			err := charts.Save(w, "tracking", "en", func(string) (*plot.Plot, error) { return trackingChart(events, opt, bg, pn) })
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// aliveChart is P(alive) against recency for customers of age 39 weeks
// with 1, 3 and 6 repeat purchases, under both models.
func aliveChart(bg clp.BGNBD, pn clp.ParetoNBD) (*plot.Plot, error) {
	var lines []chart.Line
	for _, x := range []float64{1, 3, 6} {
		for _, m := range []struct {
			name string
			f    func(clp.Customer) float64
		}{{"BG/NBD", bg.PAlive}, {"Pareto/NBD", pn.PAlive}} {
			l := chart.Line{Name: fmt.Sprintf("%s, %.0f repeat purchases", m.name, x), Dashed: m.name == "Pareto/NBD"}
			for tx := 0.5; tx <= 39; tx += 0.5 {
				l.X, l.Y = append(l.X, tx), append(l.Y, m.f(clp.Customer{X: x, Tx: tx, T: 39}))
			}
			lines = append(lines, l)
		}
	}
	p := chart.New("P(alive) against recency, customers observed for 39 weeks", "recency: week of the last purchase", "P(alive) (%)")
	p.X.Tick.Marker, p.Y.Tick.Marker = chart.Amounts{}, chart.Amounts{Scale: 0.01}
	p.Y.Min, p.Y.Max = 0, 1.45
	p.X.Min, p.X.Max = 0, 39
	return p, chart.Lines(p, nil, lines)
}

// trackingChart is the log's cumulative repeat transactions week by week
// against each model's expectation, each customer's clock starting at its
// first purchase; repeat transactions are purchase days after the first.
func trackingChart(events []clp.Event, opt clp.SummaryOptions, bg clp.BGNBD, pn clp.ParetoNBD) (*plot.Plot, error) {
	first := map[string]time.Time{}
	for _, e := range events {
		if f, ok := first[e.Customer]; !ok || e.Time.Before(f) {
			first[e.Customer] = e.Time
		}
	}
	var start time.Time
	for _, f := range first {
		if start.IsZero() || f.Before(start) {
			start = f
		}
	}
	end := opt.HoldoutEnd
	if end.IsZero() {
		end = opt.CalibrationEnd
	}
	day := func(t time.Time) int { return int(t.Sub(start).Hours() / 24) }
	weeks := day(end)/7 + 1
	repeats := make([]float64, weeks+1)
	seen := map[string]map[int]bool{}
	for _, e := range events {
		d := day(e.Time)
		if d > day(end) || d == day(first[e.Customer]) {
			continue
		}
		if seen[e.Customer] == nil {
			seen[e.Customer] = map[int]bool{}
		}
		if !seen[e.Customer][d] {
			seen[e.Customer][d] = true
			repeats[d/7+1]++
		}
	}
	// Customers by their first day, for the expectations.
	byDay := map[int]float64{}
	for _, f := range first {
		if !f.After(opt.CalibrationEnd) {
			byDay[day(f)]++
		}
	}
	actual := chart.Line{Name: "actual"}
	bgLine, pnLine := chart.Line{Name: "BG/NBD", Dashed: true}, chart.Line{Name: "Pareto/NBD", Dashed: true}
	cum := 0.0
	for wk := 1; wk <= weeks; wk++ {
		cum += repeats[wk]
		var eb, ep float64
		for d, n := range byDay {
			if t := float64(7*wk-d) / 7; t > 0 {
				eb += n * bg.ExpectedPurchases(t)
				ep += n * pn.ExpectedPurchases(t)
			}
		}
		x := float64(wk)
		actual.X, actual.Y = append(actual.X, x), append(actual.Y, cum)
		bgLine.X, bgLine.Y = append(bgLine.X, x), append(bgLine.Y, eb)
		pnLine.X, pnLine.Y = append(pnLine.X, x), append(pnLine.Y, ep)
	}
	cal := float64(day(opt.CalibrationEnd)) / 7
	top := max(slices.Max(actual.Y), slices.Max(bgLine.Y), slices.Max(pnLine.Y))
	p := chart.New("Cumulative repeat transactions, actual against the models", "week", "cumulative repeat transactions")
	p.X.Tick.Marker, p.Y.Tick.Marker = chart.Amounts{}, chart.Amounts{}
	chart.Headroom(p, top)
	if err := chart.Bands(p, []chart.Band{{Name: "calibration", From: 0, To: cal}}, 0, p.Y.Max); err != nil {
		return nil, err
	}
	return p, chart.Lines(p, nil, []chart.Line{actual, bgLine, pnLine})
}

func pct(a, b decimal.Decimal) string {
	if b.IsZero() {
		return "n/a"
	}
	// Shares of a total need no decimal precision: divide in float64.
	return strconv.FormatFloat(100*a.InexactFloat64()/b.InexactFloat64(), 'f', 1, 64) + " %"
}

// simulate draws the embedded base: twelve weekly cohorts (ages 28 … 39
// weeks, day-rounded purchase times) and Gamma-Gamma spend.
func simulate(sim simulation) []clp.Summary {
	var out []clp.Summary
	src := rand.NewPCG(sim.Seed, 1)
	per := sim.Customers / 12
	for k := range 12 {
		age := 39 - float64(k)
		for i, c := range sim.BGNBD.Simulate(per, age, 1.0/7, src) {
			out = append(out, clp.Summary{ID: fmt.Sprintf("S%02d-%04d", k+1, i+1), Customer: c})
		}
	}
	var x []float64
	var idx []int
	for i, s := range out {
		if s.X > 0 {
			x = append(x, s.X)
			idx = append(idx, i)
		}
	}
	for j, m := range sim.GammaGamma.Simulate(x, src) {
		out[idx[j]].MeanSpend = float64(int64(m*100+0.5)) / 100
	}
	return out
}
