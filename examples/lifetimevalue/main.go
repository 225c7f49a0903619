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

	"github.com/salesgrowth/salesgrowth/clp"
	"github.com/salesgrowth/salesgrowth/examples/internal/cli"
	"github.com/salesgrowth/salesgrowth/target"
	"github.com/shopspring/decimal"
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
	if err := fs.Parse(args); err != nil {
		return err
	}
	var ss []clp.Summary
	var truth *simulation
	if *elog == "" {
		var sim simulation
		if err := json.Unmarshal(simulationJSON, &sim); err != nil {
			return err
		}
		truth = &sim
		ss = simulate(sim)
		fmt.Fprintf(w, "SIMULATED CUSTOMER BASE — %d customers acquired over 12 weeks, observed for 39 weeks (seed %d)\n\n", len(ss), sim.Seed)
	} else {
		f, err := os.Open(*elog)
		if err != nil {
			return err
		}
		defer f.Close()
		events, err := clp.ReadEvents(f, clp.LogFormat{CustomerColumn: *custCol, DateColumn: *dateCol, AmountColumn: *amountCol, DateLayout: *layout, Whitespace: *whitespace})
		if err != nil {
			return err
		}
		opt := clp.SummaryOptions{}
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
		fmt.Fprintf(w, "EVENT LOG %s — %d events, %d customers, calibration to %s\n\n", *elog, len(events), len(ss), *calEnd)
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
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "model\tparameters\tlog-likelihood\t")
	fmt.Fprintf(tw, "BG/NBD\tr %.3f (±%.3f)  α %.3f (±%.3f)  a %.3f (±%.3f)  b %.3f (±%.3f)\t%.2f\t\n",
		bg.R, se[0], bg.Alpha, se[1], bg.A, se[2], bg.B, se[3], bg.LogLikelihood(cs))
	fmt.Fprintf(tw, "Pareto/NBD\tr %.3f  α %.3f  s %.3f  β %.3f\t%.2f\t\n", pn.R, pn.Alpha, pn.S, pn.Beta, pn.LogLikelihood(cs))
	fmt.Fprintf(tw, "Gamma-Gamma\tp %.3f  q %.3f  γ %.3f (%d repeat buyers)\t%.2f\t\n", gg.P, gg.Q, gg.Gamma, len(x), gg.LogLikelihood(x, m))
	if truth != nil {
		t, g := truth.BGNBD, truth.GammaGamma
		fmt.Fprintf(tw, "true BG/NBD\tr %.3f  α %.3f  a %.3f  b %.3f\t\t\n", t.R, t.Alpha, t.A, t.B)
		fmt.Fprintf(tw, "true Gamma-Gamma\tp %.3f  q %.3f  γ %.3f\t\t\n", g.P, g.Q, g.Gamma)
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
	fmt.Fprintf(w, "\nLifetime profit: 30 %% margin on the expected spend (Gamma-Gamma), less 2.00 per transaction, over the\n")
	fmt.Fprintf(w, "next 12 months (BG/NBD), discounted at 1 %% a month.\n\n")
	header := "customer\tx\trecency\tage\tmean spend\tP(alive)\tpurchases next 39 weeks\tlifetime profit\t"
	row := func(tw io.Writer, c scored) {
		fmt.Fprintf(tw, "%s\t%.0f\t%.2f\t%.2f\t%s\t%.3f\t%.2f\t%s\t\n", c.s.ID, c.s.X, c.s.Tx, c.s.T,
			target.FormatAmount(decimal.NewFromFloat(c.s.MeanSpend), 2), c.alive, c.next39, target.FormatAmount(c.value, 2))
	}
	fmt.Fprintln(w, "A few customers")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
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
	fmt.Fprintln(w, "\nTop 10 by lifetime profit")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
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
	fmt.Fprintf(w, "\nBase: lifetime profit %s; the top 10 %% of customers hold %s of it.\n",
		target.FormatAmount(total, 2), pct(top, total))
	if *elog != "" && *holdEnd != "" {
		fmt.Fprintf(w, "Holdout check: the BG/NBD predicted %.0f repeat purchases in the next 39 weeks; the log has %.0f.\n", predicted, actual)
	}
	return nil
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
