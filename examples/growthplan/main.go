// Command growthplan closes the gap between Northwind Industrial's annual
// revenue target and what the business would sell anyway: the course's
// growth-strategy case.
//
// The target is the annual plan of the annualplan example (embedded data);
// the baseline is the linear trend of the key accounts' three history years,
// less the attrition the plan assumes, shaped by the plan's seasonality. The gap is closed by a portfolio of initiatives
// across the four Ansoff quadrants: their expected revenue, the exact
// distribution of what they bring, the probability of closing the gap, the
// least-cost subset that closes it with the required probability and the
// efficient frontier of cost against probability. The gap is spread over
// the quadrants and regions, and written back as a scenario plan. Inside
// the key accounts, association rules from simulated purchases give each of
// three accounts its next best product; beyond them, the four referral
// layers and a Bass forecast of a new product place it on its life cycle.
//
// Usage:
//
//	go run ./examples/growthplan [-p 0.8] [-seed 1] [-customers 400] [-lang zh] [-png DIR] [-svg DIR]
//
// -lang zh prints the report in the course's Chinese (initiative and product
// names stay as written). -png and -svg write the distribution of the portfolio's total against the
// gap, the cost–probability frontier and the Bass curve with its peak.
package main

import (
	"bytes"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
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
	"github.com/salesgrowth/salesgrowth/strategy"
	"github.com/salesgrowth/salesgrowth/target"
)

func main() { cli.Exit("growthplan", run(os.Stdout, os.Args[1:])) }

var d = northwind.D

func money(a decimal.Decimal) string { return target.FormatAmount(a, 2) }

// candidates are the initiatives on the table, with the quadrant's default
// probability where the sales team has no better estimate.
func candidates() []strategy.Initiative {
	def := func(q strategy.Quadrant) float64 { a, _ := strategy.DefaultAssumption(q); return a.Probability }
	ramp := []float64{1, 2, 3, 4} // a quarter to full speed
	return []strategy.Initiative{
		{Name: "Boreal share of wallet", Quadrant: strategy.MarketPenetration, Revenue: d("600000"), Start: target.Month(2), Ramp: ramp, Probability: 0.8, Cost: d("60000")},
		{Name: "Polaris spare-parts contract", Quadrant: strategy.MarketPenetration, Revenue: d("350000"), Start: target.Month(3), Probability: def(strategy.MarketPenetration), Cost: d("25000")},
		{Name: "Win back Lumen Outlets", Quadrant: strategy.MarketPenetration, Revenue: d("420000"), Start: target.Month(4), Ramp: ramp, Probability: 0.5, Cost: d("45000")},
		{Name: "Harbor cold-chain upgrade", Quadrant: strategy.MarketPenetration, Revenue: d("300000"), Start: target.Month(5), Probability: 0.7, Cost: d("30000")},
		{Name: "Predictive-maintenance service", Quadrant: strategy.ProductDevelopment, Revenue: d("700000"), Start: target.Month(5), Ramp: ramp, Probability: def(strategy.ProductDevelopment), Cost: d("120000")},
		{Name: "Retrofit kits for installed base", Quadrant: strategy.ProductDevelopment, Revenue: d("450000"), Start: target.Month(6), Probability: 0.55, Cost: d("70000")},
		{Name: "Retrofit financing", Quadrant: strategy.ProductDevelopment, Revenue: d("150000"), Start: target.Month(8), Probability: 0.6, Cost: d("15000"), DependsOn: "Retrofit kits for installed base"},
		{Name: "Nordic export distributor", Quadrant: strategy.MarketDevelopment, Revenue: d("900000"), Start: target.Month(7), Ramp: ramp, Probability: def(strategy.MarketDevelopment), Cost: d("110000")},
		{Name: "Food & beverage plants", Quadrant: strategy.MarketDevelopment, Revenue: d("550000"), Start: target.Month(6), Ramp: ramp, Probability: 0.4, Cost: d("65000")},
		{Name: "Distributor service desk", Quadrant: strategy.MarketDevelopment, Revenue: d("200000"), Start: target.Month(9), Probability: 0.7, Cost: d("20000"), DependsOn: "Nordic export distributor"},
		{Name: "Battery-storage integration", Quadrant: strategy.Diversification, Revenue: d("1500000"), Start: target.Month(9), Ramp: ramp, Probability: def(strategy.Diversification), Cost: d("250000")},
		{Name: "Acquire a robotics integrator", Quadrant: strategy.Diversification, Revenue: d("1200000"), Start: target.Month(7), Probability: 0.25, Cost: d("400000")},
	}
}

// run builds the growth plan and prints the report to w.
func run(w io.Writer, args []string) error {
	fs := flag.NewFlagSet("growthplan", flag.ContinueOnError)
	fs.SetOutput(w)
	required := fs.Float64("p", 0.8, "required `probability` of closing the gap, a fraction in (0, 1]")
	seed := fs.Uint64("seed", 1, "`seed` of the simulated purchases and adoption series")
	customers := fs.Int("customers", 400, "simulated `customers` of the cross-sell table, 10 … 100000")
	langFlag := cli.LangFlag(fs)
	charts := chart.Flags(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	l, err := cli.ParseLang(*langFlag)
	if err != nil {
		return err
	}
	if !(*required > 0 && *required <= 1) {
		return fmt.Errorf("-p %v: want a fraction in (0, 1] (0.8 for 80 %%)", *required)
	}
	if *customers < 10 || *customers > 100_000 {
		return fmt.Errorf("-customers %d: want 10 … 100000", *customers)
	}
	c, err := northwind.Build(northwind.Options{Linked: true, Season: target.YearlyShares})
	if err != nil {
		return err
	}
	plan, cal := c.Plan, c.Calendar
	root := c.Tree.Root()

	// 1. The gap. The baseline is the trend of the key accounts' three
	// history years, less the attrition the plan assumes (the trend has
	// seen no account lost), shaped by the plan's seasonality.
	years := make([]decimal.Decimal, 3)
	for _, n := range c.Tree.Nodes() {
		for k, h := range n.History {
			if k < len(years) {
				years[k] = years[k].Add(h)
			}
		}
	}
	trend, err := strategy.FitTrend(years, strategy.LinearTrend)
	if err != nil {
		return err
	}
	next, err := trend.Forecast(1, 0.8)
	if err != nil {
		return err
	}
	attrition := c.LastYear.Mul(d("0.04"))
	base := strategy.Baseline{Method: "key-account trend less attrition", Level: 0.8}
	for _, b := range []struct {
		x   float64
		dst *[12]decimal.Decimal
	}{{next[0].Mean, &base.Months}, {next[0].Low, &base.Low}, {next[0].High, &base.High}} {
		year := decimal.NewFromFloat(b.x).Round(2).Sub(attrition)
		if *b.dst, err = strategy.MonthlyTarget(year, c.Profile); err != nil {
			return err
		}
	}
	gap, err := strategy.PlanGap(plan, root, target.Revenue, base)
	if err != nil {
		return err
	}
	fy, _ := gap.At(target.FY)
	fmt.Fprintf(w, l.In(zhText, "NORTHWIND INDUSTRIAL — CLOSING THE GAP, FISCAL YEAR %s … %s\n\n"), cal.Label(target.M1), cal.Label(target.M12))
	fmt.Fprintf(w, l.In(zhText, "Key accounts' revenue 2024 … 2026: %s, %s, %s\n"), money(years[0]), money(years[1]), money(years[2]))
	fmt.Fprintf(w, l.In(zhText, "  linear trend %s %+.0f a year (R² %.3f): 2027 %s, 80 %% prediction interval %s … %s\n"),
		money(decimal.NewFromFloat(trend.Intercept).Round(2)), trend.Slope, trend.R2, money(decimal.NewFromFloat(next[0].Mean).Round(2)),
		money(decimal.NewFromFloat(next[0].Low).Round(2)), money(decimal.NewFromFloat(next[0].High).Round(2)))
	fmt.Fprintf(w, l.In(zhText, "  less the plan's 4 %% attrition of last year's %s: %s\n\n"), money(c.LastYear), money(attrition))
	fmt.Fprintf(w, l.In(zhText, "Target (annual plan)  %14s\n"), money(fy.Target))
	fmt.Fprintf(w, l.In(zhText, "Baseline              %14s\n"), money(fy.Baseline))
	fmt.Fprintf(w, l.In(zhText, "Planning gap          %14s   (80 %% band: %s … %s)\n"), money(fy.Gap), money(fy.GapLow), money(fy.GapHigh))
	penetration := d("1000000")
	op, st, err := gap.Split(penetration)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, l.In(zhText, "  operational gap %s (market penetration potential %s), strategic gap %s\n\n"), money(op), money(penetration), money(st))
	tw := textwidth.NewTabWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, l.In(zhText, "period\ttarget\tbaseline\tgap\t"))
	for _, p := range []target.Period{target.Q1, target.Q2, target.Q3, target.Q4, target.FY} {
		g, _ := gap.At(p)
		fmt.Fprintf(tw, l.In(zhText, "%s\t%s\t%s\t%s\t\n"), cal.Label(p), money(g.Target), money(g.Baseline), money(g.Gap))
	}
	tw.Flush()

	// 2. The portfolio.
	cands := candidates()
	pf, err := strategy.Evaluate(gap, cands, strategy.PortfolioOptions{})
	if err != nil {
		return err
	}
	fmt.Fprintln(w, l.In(zhText, "\nInitiatives (probabilities marked * are the quadrant's default assumption)"))
	tw = textwidth.NewTabWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, l.In(zhText, "initiative\tquadrant\trevenue\tfrom\tp\tcost\texpected\t"))
	for i, in := range cands {
		mark := ""
		if a, _ := strategy.DefaultAssumption(in.Quadrant); a.Probability == in.Probability {
			mark = "*"
		}
		dep := ""
		if in.DependsOn != "" {
			dep = " (needs " + in.DependsOn + ")"
		}
		exp := in.Revenue.Mul(decimal.NewFromFloat(pf.Success[i])).Round(2)
		fmt.Fprintf(tw, l.In(zhText, "%s%s\t%s\t%s\t%s\t%.2f%s\t%s\t%s\t\n"), in.Name, dep, in.Quadrant.Title(string(l)), money(in.Revenue),
			cal.Label(in.Start), in.Probability, mark, money(in.Cost), money(exp))
	}
	tw.Flush()
	fmt.Fprintf(w, l.In(zhText, "All %d: expected %s ± %s, coverage %.2f, P(gap closed) %.3f, cost %s\n"), len(cands),
		money(pf.Expected), money(pf.StdDev), pf.Coverage, pf.PClose, money(pf.Cost))
	fmt.Fprintf(w, l.In(zhText, "  exact distribution over %d totals\n"), len(pf.Outcomes))

	fmt.Fprintln(w, l.In(zhText, "\nExpected closure against the gap, cumulative"))
	tw = textwidth.NewTabWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, l.In(zhText, "month\tgap\texpected\tcum. gap\tcum. expected\t"))
	for m, cl := range pf.Months {
		fmt.Fprintf(tw, l.In(zhText, "%s\t%s\t%s\t%s\t%s\t\n"), cal.Label(target.Month(m+1)), money(cl.Gap), money(cl.Expected), money(cl.CumGap), money(cl.CumExpected))
	}
	tw.Flush()

	// 3. The least-cost subset and the frontier.
	yearGap := gap.Year()
	sel, err := strategy.Select(yearGap, cands, *required, strategy.SelectOptions{})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, l.In(zhText, "\nLeast-cost subset closing the gap with probability ≥ %.2f (%s, %d nodes, optimal %v):\n"), *required, sel.Method, sel.Nodes, sel.Optimal)
	for _, n := range sel.Names {
		fmt.Fprintf(w, l.In(zhText, "  %s\n"), n)
	}
	fmt.Fprintf(w, l.In(zhText, "  cost %s, P(gap closed) %.3f\n"), money(sel.Cost), sel.PClose)
	front, err := strategy.Frontier(yearGap, cands, []float64{0.2, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95}, strategy.SelectOptions{})
	if err != nil {
		return err
	}
	fmt.Fprintln(w, l.In(zhText, "\nEfficient frontier: least cost for each probability of closing the gap"))
	tw = textwidth.NewTabWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, l.In(zhText, "cost\tP(closed)\tinitiatives\t"))
	for _, s := range front {
		fmt.Fprintf(tw, l.In(zhText, "%s\t%.3f\t%d\t\n"), money(s.Cost), s.PClose, len(s.Chosen))
	}
	tw.Flush()

	// 4. Spread and scenario.
	chosen := make([]strategy.Initiative, 0, len(sel.Chosen))
	for _, i := range sel.Chosen {
		chosen = append(chosen, cands[i])
	}
	regions := []string{"NORTH", "EAST", "SOUTH"}
	sp, err := strategy.SpreadGap(gap, chosen, plan, target.Revenue, regions)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, l.In(zhText, "\nThe gap by quadrant, lowest risk first, and by region (chosen initiatives)"))
	tw = textwidth.NewTabWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, l.In(zhText, "quadrant\tcapacity\tassigned\t"))
	for _, r := range regions {
		fmt.Fprintf(tw, l.In(zhText, "%s\t"), r)
	}
	fmt.Fprintln(tw)
	for q, name := range strategy.Quadrants {
		fmt.Fprintf(tw, l.In(zhText, "%s\t%s\t%s\t"), name.Title(string(l)), money(sp.Capacity[q]), money(sp.Quadrant[q]))
		for _, a := range sp.ByNode[q] {
			fmt.Fprintf(tw, l.In(zhText, "%s\t"), money(a))
		}
		fmt.Fprintln(tw)
	}
	fmt.Fprintf(tw, l.In(zhText, "uncovered\t\t%s\t\n"), money(sp.Uncovered))
	tw.Flush()
	cpf, err := strategy.Evaluate(gap, chosen, strategy.PortfolioOptions{})
	if err != nil {
		return err
	}
	scen, err := strategy.ScenarioPlan(plan, root, target.Revenue, base, cpf)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, l.In(zhText, "\nScenario plan: baseline + expected revenue of the chosen initiatives"))
	tw = textwidth.NewTabWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, l.In(zhText, "node\ttarget\tscenario\tscenario − target\t"))
	for _, n := range append([]string{root}, regions...) {
		t0, _ := plan.Amount(n, target.Revenue, target.FY)
		s0, _ := scen.Amount(n, target.Revenue, target.FY)
		fmt.Fprintf(tw, l.In(zhText, "%s\t%s\t%s\t%s\t\n"), n, money(t0), money(s0), money(s0.Sub(t0)))
	}
	tw.Flush()

	// 5. Cross-selling inside the key accounts.
	if err := crossSell(w, *seed, *customers, l); err != nil {
		return err
	}

	// 6. Beyond the account: referral layers, Bass forecast and stage.
	ex, err := strategy.Expand([]strategy.Layer{
		{Kind: strategy.GroupUnits, Potential: 8, Referral: 0.6, Conversion: 0.5, Revenue: d("180000")},
		{Kind: strategy.SupplyChain, Potential: 25, Referral: 0.3, Conversion: 0.25, Revenue: d("90000")},
		{Kind: strategy.Competitors, Potential: 15, Referral: 0.1, Conversion: 0.2, Revenue: d("150000")},
		{Kind: strategy.Industry, Potential: 400, Referral: 0.02, Conversion: 0.1, Revenue: d("60000")},
	})
	if err != nil {
		return err
	}
	fmt.Fprintln(w, l.In(zhText, "\nVolume expansion from a won account (Boreal Steel), four referral layers"))
	tw = textwidth.NewTabWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, l.In(zhText, "layer\taccounts won\trevenue\t"))
	for _, ly := range ex.Layers {
		fmt.Fprintf(tw, "%s (%s)\t%.2f ± %.2f\t%s\t\n", ly.Kind.Title(string(l)), ly.Kind.Title(l.T("zh", "en")), ly.Expected, ly.StdDev, money(ly.Revenue))
	}
	fmt.Fprintf(tw, l.In(zhText, "total\t%.2f ± %.2f\t%s ± %s\t\n"), ex.Expected, ex.StdDev, money(ex.Revenue), money(ex.RevenueSD))
	tw.Flush()
	fit, sales, err := newProduct(w, *seed, l)
	if err != nil {
		return err
	}
	if charts.Enabled() {
		for _, c := range []struct {
			name string
			draw func() (*plot.Plot, error)
		}{
			{"portfolio_distribution", func() (*plot.Plot, error) { return distributionChart(pf) }},
			{"frontier", func() (*plot.Plot, error) { return frontierChart(front, *required, sel) }},
			{"bass", func() (*plot.Plot, error) { return bassChart(fit, sales) }},
		} {
			if err := charts.Save(w, c.name, "en", func(string) (*plot.Plot, error) { return c.draw() }); err != nil {
				return err
			}
		}
	}
	return nil
}

// distributionChart is the probability that the portfolio's revenue
// reaches each total, against the gap.
func distributionChart(pf strategy.Portfolio) (*plot.Plot, error) {
	out := slices.Clone(pf.Outcomes)
	slices.SortFunc(out, func(a, b strategy.Outcome) int { return a.Amount.Cmp(b.Amount) })
	var line chart.Line
	line.Name = "P(total ≥ amount)"
	tail := 1.0
	for _, o := range out {
		x := o.Amount.InexactFloat64()
		line.X, line.Y = append(line.X, x), append(line.Y, tail) // a step: P(≥ x) before x's mass leaves
		tail -= o.Probability
		line.X, line.Y = append(line.X, x), append(line.Y, max(0, tail))
	}
	gap := pf.Gap.InexactFloat64()
	p := chart.New(fmt.Sprintf("Portfolio revenue against the gap of %s: P(gap closed) %.1f %%", target.FormatAmount(pf.Gap, 0), 100*pf.PClose),
		"total revenue of the initiatives (millions)", "probability (%)")
	p.X.Tick.Marker = chart.Amounts{Scale: 1e6}
	p.Y.Tick.Marker = chart.Amounts{Scale: 0.01}
	p.Y.Min, p.Y.Max = 0, 1.3
	p.Legend.Left = false
	return p, chart.Lines(p, nil, []chart.Line{line, {Name: "gap", X: []float64{gap, gap}, Y: []float64{0, 1}, Dashed: true}})
}

// frontierChart is the least cost of each probability of closing the gap,
// with the subset chosen at the required probability.
func frontierChart(front []strategy.Selection, required float64, sel strategy.Selection) (*plot.Plot, error) {
	var line chart.Line
	line.Name = "least cost for the probability"
	for _, s := range front {
		line.X, line.Y = append(line.X, s.Cost.InexactFloat64()), append(line.Y, s.PClose)
	}
	chosen := chart.Line{Name: fmt.Sprintf("chosen at ≥ %.0f %%", 100*required), X: []float64{sel.Cost.InexactFloat64()}, Y: []float64{sel.PClose}}
	p := chart.New("Cost–probability frontier of the initiatives", "cost (thousands)", "P(gap closed) (%)")
	p.X.Tick.Marker = chart.Amounts{Scale: 1e3}
	p.Y.Tick.Marker = chart.Amounts{Scale: 0.01}
	p.Y.Min, p.Y.Max = 0, 1.3
	return p, chart.Lines(p, nil, []chart.Line{line, chosen})
}

// bassChart is the fitted Bass curve of adoptions per quarter, the
// quarters observed and the peak.
func bassChart(fit strategy.BassFit, sales []float64) (*plot.Plot, error) {
	var curve, seen chart.Line
	curve.Name, seen.Name = "Bass fit", "adoptions observed"
	for t := 1; t <= 24; t++ {
		curve.X, curve.Y = append(curve.X, float64(t)), append(curve.Y, fit.Adoptions(t))
	}
	for k, v := range sales {
		seen.X, seen.Y = append(seen.X, float64(k+1)), append(seen.Y, v)
	}
	t, rate := fit.Peak()
	peak := chart.Line{Name: fmt.Sprintf("peak: quarter %.1f, %.0f a quarter", t, rate), X: []float64{t}, Y: []float64{rate}}
	p := chart.New(fmt.Sprintf("Bass diffusion: p %.4f, q %.3f, m %.0f units", fit.P, fit.Q, fit.M), "quarter", "adoptions per quarter")
	p.X.Tick.Marker, p.Y.Tick.Marker = chart.Amounts{}, chart.Amounts{}
	top := rate
	for _, v := range sales {
		top = max(top, v)
	}
	chart.Headroom(p, top)
	p.Legend.Left = false
	return p, chart.Lines(p, nil, []chart.Line{curve, seen, peak})
}

// products of the cross-sell simulation, with the chance a customer buys
// each on its own and the follow-ons a purchase leads to.
var products = []struct {
	name   string
	p      float64
	follow map[string]float64
}{
	{"furnace controls", 0.35, map[string]float64{"thermal sensors": 0.7, "maintenance contract": 0.5}},
	{"thermal sensors", 0.25, map[string]float64{"calibration service": 0.6}},
	{"conveyor drives", 0.40, map[string]float64{"spare-parts kit": 0.65, "maintenance contract": 0.3}},
	{"spare-parts kit", 0.10, nil},
	{"maintenance contract", 0.10, map[string]float64{"operator training": 0.4}},
	{"calibration service", 0.05, nil},
	{"operator training", 0.10, nil},
	{"energy audit", 0.20, map[string]float64{"battery storage": 0.3}},
	{"battery storage", 0.05, nil},
}

func crossSell(w io.Writer, seed uint64, n int, l cli.Lang) error {
	r := rand.New(rand.NewPCG(seed, 101))
	var buf bytes.Buffer
	cw := csv.NewWriter(&buf)
	cw.Write([]string{"customer", "product"})
	for c := range n {
		id := fmt.Sprintf("C%04d", c+1)
		bought := map[string]bool{}
		for _, p := range products {
			if r.Float64() < p.p {
				bought[p.name] = true
			}
		}
		for _, p := range products { // follow-ons, in catalogue order
			if bought[p.name] {
				for _, q := range products {
					if f, ok := p.follow[q.name]; ok && r.Float64() < f {
						bought[q.name] = true
					}
				}
			}
		}
		for _, p := range products {
			if bought[p.name] {
				cw.Write([]string{id, p.name})
			}
		}
	}
	cw.Flush()
	bk, err := strategy.ReadBasketsCSV(&buf)
	if err != nil {
		return err
	}
	rules, err := strategy.AssociationRules(bk.Items, strategy.RuleOptions{MinSupport: 0.05, MinConfidence: 0.5, MinLift: 1.2, MaxItems: 2})
	if err != nil {
		return err
	}
	rules = strategy.Label(rules, []strategy.Relation{
		{From: "furnace controls", To: "thermal sensors", Pattern: strategy.ComplementaryBundle},
		{From: "conveyor drives", To: "spare-parts kit", Pattern: strategy.AftermarketParts},
		{From: "energy audit", To: "battery storage", Pattern: strategy.ValueChainExtension},
		{From: "furnace controls", To: "maintenance contract", Pattern: strategy.ValueAddedServices},
		{From: "thermal sensors", To: "calibration service", Pattern: strategy.ValueAddedServices},
		{From: "maintenance contract", To: "operator training", Pattern: strategy.ValueAddedServices},
	})
	fmt.Fprintf(w, l.In(zhText, "\nCross-selling: %d product-to-product rules from %d simulated customers with purchases (support ≥ 5 %%, confidence ≥ 50 %%, lift ≥ 1.2), the top ten\n"), len(rules), len(bk.IDs))
	tw := textwidth.NewTabWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, l.In(zhText, "rule\tsupport\tconfidence\tlift\tpattern\t"))
	for _, ru := range rules[:min(10, len(rules))] {
		pat := ""
		if ru.Pattern != strategy.NoPattern {
			pat = ru.Pattern.Title("en") + " / " + ru.Pattern.Title("zh")
		}
		fmt.Fprintf(tw, l.In(zhText, "%s\t%.3f\t%.3f\t%.2f\t%s\t\n"), ru, ru.Support, ru.Confidence, ru.Lift, pat)
	}
	tw.Flush()
	fmt.Fprintln(w, l.In(zhText, "\nNext best product for three key accounts"))
	for _, acc := range []struct {
		name  string
		owned []string
	}{
		{"Boreal Steel", []string{"furnace controls", "thermal sensors"}},
		{"Cargo Link", []string{"conveyor drives"}},
		{"Aurora Power", []string{"energy audit", "maintenance contract"}},
	} {
		var parts []string
		for _, s := range strategy.NextBest(rules, acc.owned, 2) {
			parts = append(parts, fmt.Sprintf("%s (%.0f %%, lift %.2f, from %s)", s.Product, 100*s.Score, s.Lift, strings.Join(s.Rule.Antecedent, " + ")))
		}
		if len(parts) == 0 {
			parts = []string{"no rule applies"}
		}
		fmt.Fprintf(w, l.In(zhText, "  %-13s owns %s → %s\n"), acc.name, strings.Join(acc.owned, ", "), strings.Join(parts, "; "))
	}
	return nil
}

// newProduct fits the Bass model to the first quarters of a new product's
// adoptions (simulated from a known curve with 8 % noise) and places it on
// its life cycle.
func newProduct(w io.Writer, seed uint64, l cli.Lang) (strategy.BassFit, []float64, error) {
	truth := strategy.Bass{P: 0.02, Q: 0.45, M: 1200}
	r := rand.New(rand.NewPCG(seed, 202))
	sales := truth.Forecast(1, 6)
	for k := range sales {
		sales[k] = max(0, float64(int(sales[k]*(1+0.08*r.NormFloat64())+0.5)))
	}
	fit, err := strategy.FitBassDetail(sales)
	if err != nil {
		return strategy.BassFit{}, nil, err
	}
	t, rate := fit.Peak()
	fmt.Fprintf(w, l.In(zhText, "\nNew product: wireless condition monitors, %d quarters of unit adoptions %v\n"), len(sales), sales)
	fmt.Fprintf(w, l.In(zhText, "  Bass fit: p %.4f (± %.4f), q %.3f (± %.3f), m %.0f (± %.0f) units, R² %.3f\n"),
		fit.P, fit.SE.P, fit.Q, fit.SE.Q, fit.M, fit.SE.M, fit.R2)
	fmt.Fprintf(w, l.In(zhText, "  peak in quarter %.1f at %.0f units a quarter; forecast of the next four quarters:"), t, rate)
	for _, f := range fit.Forecast(len(sales)+1, 4) {
		fmt.Fprintf(w, l.In(zhText, " %.0f"), f)
	}
	fmt.Fprintln(w)
	for _, rule := range []strategy.StageRule{strategy.BassRule, strategy.GrowthRule} {
		st, err := strategy.DetectStage(sales, strategy.StageOptions{Rule: rule, Window: 2})
		if err != nil {
			return strategy.BassFit{}, nil, err
		}
		how := fmt.Sprintf("Bass curve, %.0f %% of the market adopted", 100*st.Adopted)
		if rule == strategy.GrowthRule {
			how = fmt.Sprintf("growth rule, growth %.1f %% over the two quarters before, change %+.1f points", 100*st.Growth, 100*st.Acceleration)
		}
		fmt.Fprintf(w, l.In(zhText, "  stage: %s / %s (%s)\n"), st.Stage.Title("en"), st.Stage.Title("zh"), how)
	}
	st, _ := strategy.DetectStage(sales, strategy.StageOptions{Rule: strategy.BassRule})
	s, _ := strategy.ShareStrategyFor(st.Stage)
	fmt.Fprintf(w, l.In(zhText, "  share strategy: %s\n                  %s\n"), s.Text("en"), s.Text("zh"))
	return fit, sales, nil
}

// zhText is the report's Chinese, by the English text it replaces.
var zhText = map[string]string{
	"NORTHWIND INDUSTRIAL — CLOSING THE GAP, FISCAL YEAR %s … %s\n\n":                           "北风工业 — 弥补缺口，财年 %s … %s\n\n",
	"Key accounts' revenue 2024 … 2026: %s, %s, %s\n":                                           "大客户销售额 2024 … 2026：%s，%s，%s\n",
	"  linear trend %s %+.0f a year (R² %.3f): 2027 %s, 80 %% prediction interval %s … %s\n":    "  线性趋势 %s，每年 %+.0f（R² %.3f）：2027 年 %s，80 %% 预测区间 %s … %s\n",
	"  less the plan's 4 %% attrition of last year's %s: %s\n\n":                                "  减去计划中去年 %s 的 4 %% 流失：%s\n\n",
	"Target (annual plan)  %14s\n":                                                              "目标（年度计划）      %14s\n",
	"Baseline              %14s\n":                                                              "基线                  %14s\n",
	"Planning gap          %14s   (80 %% band: %s … %s)\n":                                      "计划缺口              %14s   （80 %% 区间：%s … %s）\n",
	"  operational gap %s (market penetration potential %s), strategic gap %s\n\n":              "  经营缺口 %s（市场渗透潜力 %s），战略缺口 %s\n\n",
	"period\ttarget\tbaseline\tgap\t":                                                           "期间\t目标\t基线\t缺口\t",
	"\nInitiatives (probabilities marked * are the quadrant's default assumption)":              "\n举措（标 * 的概率为该象限的默认假设）",
	"initiative\tquadrant\trevenue\tfrom\tp\tcost\texpected\t":                                  "举措\t象限\t销售额\t起始\t概率\t成本\t期望\t",
	"All %d: expected %s ± %s, coverage %.2f, P(gap closed) %.3f, cost %s\n":                    "全部 %d 项：期望 %s ± %s，覆盖率 %.2f，补足缺口的概率 %.3f，成本 %s\n",
	"  exact distribution over %d totals\n":                                                     "  精确分布，共 %d 个总额\n",
	"\nExpected closure against the gap, cumulative":                                            "\n缺口的预期弥补进度（累计）",
	"month\tgap\texpected\tcum. gap\tcum. expected\t":                                           "月份\t缺口\t期望\t累计缺口\t累计期望\t",
	"\nLeast-cost subset closing the gap with probability ≥ %.2f (%s, %d nodes, optimal %v):\n": "\n以不低于 %.2f 的概率补足缺口的最低成本组合（%s，%d 个节点，最优 %v）：\n",
	"  cost %s, P(gap closed) %.3f\n":                                                           "  成本 %s，补足缺口的概率 %.3f\n",
	"\nEfficient frontier: least cost for each probability of closing the gap":                  "\n有效前沿：每个补足概率下的最低成本",
	"cost\tP(closed)\tinitiatives\t":                                                            "成本\t补足概率\t举措数\t",
	"\nThe gap by quadrant, lowest risk first, and by region (chosen initiatives)":              "\n按象限（风险由低到高）和区域分配的缺口（所选举措）",
	"quadrant\tcapacity\tassigned\t":                                                            "象限\t容量\t分配\t",
	"uncovered\t\t%s\t\n":                                                                       "未覆盖\t\t%s\t\n",
	"\nScenario plan: baseline + expected revenue of the chosen initiatives":                    "\n情景计划：基线 + 所选举措的期望销售额",
	"node\ttarget\tscenario\tscenario − target\t":                                               "节点\t目标\t情景\t情景 − 目标\t",
	"\nVolume expansion from a won account (Boreal Steel), four referral layers":                "\n由已赢得客户（Boreal Steel）带来的规模扩张，四层转介绍",
	"layer\taccounts won\trevenue\t":                                                            "层\t赢得客户数\t销售额\t",
	"total\t%.2f ± %.2f\t%s ± %s\t\n":                                                           "合计\t%.2f ± %.2f\t%s ± %s\t\n",
	"\nCross-selling: %d product-to-product rules from %d simulated customers with purchases (support ≥ 5 %%, confidence ≥ 50 %%, lift ≥ 1.2), the top ten\n": "\n交叉销售：来自 %d 个模拟有购买客户的 %[1]d 条产品关联规则中的前十条（支持度 ≥ 5 %%，置信度 ≥ 50 %%，提升度 ≥ 1.2）\n",
	"rule\tsupport\tconfidence\tlift\tpattern\t":                                          "规则\t支持度\t置信度\t提升度\t模式\t",
	"\nNext best product for three key accounts":                                          "\n三个大客户的下一个最佳产品",
	"  %-13s owns %s → %s\n":                                                              "  %-13s 已购 %s → %s\n",
	"\nNew product: wireless condition monitors, %d quarters of unit adoptions %v\n":      "\n新产品：无线状态监测仪，%d 个季度的采用量 %v\n",
	"  Bass fit: p %.4f (± %.4f), q %.3f (± %.3f), m %.0f (± %.0f) units, R² %.3f\n":      "  Bass 拟合：p %.4f（± %.4f），q %.3f（± %.3f），m %.0f（± %.0f）台，R² %.3f\n",
	"  peak in quarter %.1f at %.0f units a quarter; forecast of the next four quarters:": "  高峰在第 %.1f 季度，每季度 %.0f 台；未来四个季度预测：",
	"  stage: %s / %s (%s)\n":                                                             "  阶段：%[2]s / %[1]s（%[3]s）\n",
	"  share strategy: %s\n                  %s\n":                                        "  份额策略：%[2]s\n            %[1]s\n",
}
