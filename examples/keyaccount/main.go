// Command keyaccount analyses one key account: its switching-cost structure
// and the effect and return of each lever, whether a rival's offer wins the
// customer and which levers restore the margin at the least cost, the
// supplier scorecard with its trend and warnings, the share of wallet
// against the Wallet Allocation Rule, the rung on the relationship ladder
// and what is missing for the next one, and the decision-maker map with its
// risks, rising stars and the virtual account team.
//
// Usage:
//
//	go run ./examples/keyaccount [-json account.json] [-advantage 185000] [-png DIR] [-svg DIR]
//
// -png and -svg write the switching cost of each type today with what each
// lever adds stacked on top.
//
// Without -json it analyses an embedded account (account.json in this
// directory, a file of the format relationship.ReadAccount reads).
package main

import (
	_ "embed"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/shopspring/decimal"
	"gonum.org/v1/plot"

	"github.com/salesgrowth/salesgrowth/examples/internal/chart"
	"github.com/salesgrowth/salesgrowth/examples/internal/cli"
	"github.com/salesgrowth/salesgrowth/relationship"
)

//go:embed account.json
var defaultAccount string

func main() { cli.Exit("keyaccount", run(os.Stdout, os.Args[1:])) }

func run(w io.Writer, args []string) error {
	fs := flag.NewFlagSet("keyaccount", flag.ContinueOnError)
	fs.SetOutput(w)
	path := fs.String("json", "", "account `file` (JSON); empty: the embedded example account")
	adv := fs.String("advantage", "", "the rival's advantage in delivered value (money); empty: the account's")
	var charts chart.Output
	fs.StringVar(&charts.PNG, "png", "", "write the chart as PNG into `dir`")
	fs.StringVar(&charts.SVG, "svg", "", "write the chart as SVG into `dir`")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	var in io.Reader = strings.NewReader(defaultAccount)
	if *path != "" {
		f, err := os.Open(*path)
		if err != nil {
			return err
		}
		defer f.Close()
		in = f
	}
	a, err := relationship.ReadAccount(in)
	if err != nil {
		return err
	}
	if *adv != "" {
		d, err := decimal.NewFromString(*adv)
		if err != nil {
			return fmt.Errorf("-advantage %q: %v", *adv, err)
		}
		a.RivalAdvantage = d
	}
	r, err := a.Analyze()
	if err != nil {
		return err
	}
	if err := report(w, a, r); err != nil {
		return err
	}
	if charts.Enabled() {
		return charts.Save(w, "switching_costs", "en", func(string) (*plot.Plot, error) { return switchingChart(a) })
	}
	return nil
}

// switchingChart is the switching cost of each type today, with what each
// lever adds stacked on top: before and after every lever.
func switchingChart(a relationship.Account) (*plot.Plot, error) {
	types := make([]string, relationship.NumCostTypes)
	now := chart.Series{Name: "today", Values: make([]float64, relationship.NumCostTypes)}
	for t := range relationship.CostType(relationship.NumCostTypes) {
		types[t] = t.String()
		now.Values[t] = a.SwitchingCosts[t].InexactFloat64()
	}
	series := []chart.Series{now}
	top := make([]float64, relationship.NumCostTypes)
	copy(top, now.Values)
	for _, l := range a.Levers {
		s := chart.Series{Name: "+ " + l.Name, Values: make([]float64, relationship.NumCostTypes)}
		for t := range s.Values {
			s.Values[t] = max(0, l.Raises[t].InexactFloat64())
			top[t] += s.Values[t]
		}
		series = append(series, s)
	}
	p := chart.New("Switching cost by type, today and after each lever: "+a.Name, "switching-cost type", "switching cost")
	p.Y.Tick.Marker = chart.Amounts{}
	chart.Headroom(p, slices.Max(top))
	return p, chart.StackedBars(p, types, series)
}

func report(w io.Writer, a relationship.Account, r relationship.AccountReport) error {
	p := func(format string, args ...any) { fmt.Fprintf(w, format, args...) }
	p("Key account: %s\n\n", a.Name)

	p("Switching costs\n")
	total := r.Decision.SwitchingCost
	for t := range relationship.CostType(relationship.NumCostTypes) {
		c := a.SwitchingCosts[t]
		var facets []string
		for _, f := range t.Facets() {
			facets = append(facets, f.String())
		}
		p("  %-13s %10s  %5.1f %%  (%s)\n", t, c.StringFixed(0), pct(c, total), strings.Join(facets, ", "))
	}
	cat, _ := a.SwitchingCosts.ByCategory()
	p("  %-13s %10s  by category: procedural %s, financial %s, relational %s\n\n", "total", total.StringFixed(0),
		cat[relationship.Procedural].StringFixed(0), cat[relationship.Financial].StringFixed(0), cat[relationship.Relational].StringFixed(0))

	p("  %-38s %-22s %8s  %8s  %6s\n", "lever", "kind", "effect", "cost", "return")
	for _, l := range a.Levers {
		e, _ := l.Effect()
		ret, ok := l.Return()
		rs := "-"
		if ok {
			rs = fmt.Sprintf("%.2f", ret)
		}
		p("  %-38s %-22s %8s  %8s  %6s\n", l.Name, l.Kind, e.StringFixed(0), l.Cost.StringFixed(0), rs)
	}
	d := r.Decision
	p("\nSwitching decision: the rival's advantage %s against switching costs of %s\n", d.Advantage.StringFixed(0), d.SwitchingCost.StringFixed(0))
	switch {
	case !d.Switches:
		p("  the customer stays: retention margin %s, the largest premium we can hold\n", d.MaxPremium.StringFixed(0))
	case d.Restorable:
		var names []string
		for _, k := range d.Restore {
			names = append(names, a.Levers[k].Name)
		}
		p("  the customer switches: margin %s\n  cheapest levers that restore it (cost %s): %s\n", d.Margin.StringFixed(0), d.RestoreCost.StringFixed(0), strings.Join(names, "; "))
	default:
		p("  the customer switches: margin %s, and no set of levers closes it — the offer itself must change\n", d.Margin.StringFixed(0))
	}

	p("\nSupplier scorecard (TQRDCES), change since the last review\n")
	for dim := range relationship.Dimension(relationship.NumDimensions) {
		change := ""
		if r.Trend != nil && r.Trend.Change[dim] != 0 {
			change = fmt.Sprintf("%+.0f", r.Trend.Change[dim])
		}
		p("%s\n", strings.TrimRight(fmt.Sprintf("  %-12s %5.0f %4s", dim, a.Scores[dim], change), " "))
	}
	p("  total %.1f, grade %s", r.Rating.Total, r.Rating.Grade)
	if r.Trend != nil {
		p(" (was %.1f, %s)", r.Trend.Before.Total, r.Trend.Before.Grade)
	}
	if len(r.Rating.Failed) > 0 {
		p(", failed gates %v", r.Rating.Failed)
	}
	p("\n")
	for _, s := range r.Warnings {
		p("  warning: %s\n", s.Name)
	}

	if g := r.Wallet; g != nil {
		p("\nShare of wallet: %.1f %% as number %d of %d brands; the Wallet Allocation Rule gives %.1f %% (gap %+.1f points)\n",
			100*g.Actual, g.Rank, g.Brands, 100*g.Expected, 100*g.Gap)
	}

	pl := r.Placement
	p("\nRelationship ladder: %s (%s)\n", pl.Rung, pl.Rung.Chinese())
	if pl.Next != pl.Rung {
		p("  for %s (%s):\n", pl.Next, pl.Next.Chinese())
		for _, m := range pl.Missing {
			p("    - %s\n", m)
		}
	}

	m := r.Map
	p("\nDecision-maker map: coverage %.0f %%, support %+.2f\n", 100*m.Coverage, m.Support)
	p("  contact       role            level         infl  att  step\n")
	for _, c := range a.Contacts {
		flags := ""
		if c.VIP {
			flags += " VIP"
		}
		if c.RisingStar {
			flags += " rising star"
		}
		if c.Leaving {
			flags += " leaving"
		}
		s := c.Step()
		p("  %-13s %-15s %-12s %5.1f %+4d  %s %s%s\n", c.Name, c.Role, c.Level, c.Influence, c.Attitude, s, s.Chinese(), flags)
	}
	for _, rk := range m.Risks {
		if rk.Contact == "" {
			p("  risk: %s\n", rk.Kind)
		} else {
			p("  risk: %s — %s\n", rk.Kind, rk.Contact)
		}
	}
	if len(m.RisingStars) > 0 {
		p("  rising stars (明日之星): %s\n", strings.Join(m.RisingStars, ", "))
	}
	p("  account team:\n")
	owners := make([]string, 0, len(m.Team))
	for o := range m.Team {
		owners = append(owners, o)
	}
	slices.Sort(owners)
	for _, o := range owners {
		p("    %-22s %s\n", o, strings.Join(m.Team[o], ", "))
	}
	if len(m.Gaps) > 0 {
		p("    %-22s %s\n", "(nobody)", strings.Join(m.Gaps, ", "))
	}
	return nil
}

func pct(part, whole decimal.Decimal) float64 {
	if whole.IsZero() {
		return 0
	}
	return part.Div(whole).InexactFloat64() * 100
}
