// Command tierpyramid sorts a B2B customer base into the course's four-level
// pyramid — transactional, standard, value and strategic customers — and
// shows how to serve each tier.
//
// The default base is 2,000 simulated customers (a fixed seed, so the report
// is the same every run) with a lifetime profit, a strategic potential, a
// cost to serve, last year's profit and a year of purchases. The report
// shows the pyramid by head-count shares and by natural breaks side by
// side, the policy per tier with the customers who cost more than their
// tier's budget, the RFM segments of the purchases, and how customers moved
// between last year's and this year's tiers with the pyramid projected two
// years ahead.
//
// Usage:
//
//	go run ./examples/tierpyramid [-method shares|profit-share|natural-breaks|thresholds] [-shares 0.05,0.15,0.30,0.50] [-format text|csv|json] [-customers 2000] [-seed 1]
//	    [-lang zh] [-bom] [-png DIR] [-svg DIR]
//
// -lang zh prints the report in the course's Chinese (with -format csv: the
// Chinese headers and tier names; -bom adds the byte-order mark Excel needs
// to read them). -png and -svg write the
// pyramid with each tier's customers and profit share, and the migration
// matrix from last year as a heat map.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"gonum.org/v1/plot"

	"github.com/salesgrowth/salesgrowth/examples/internal/chart"
	"github.com/salesgrowth/salesgrowth/examples/internal/cli"
	"github.com/salesgrowth/salesgrowth/internal/textwidth"
	"github.com/salesgrowth/salesgrowth/tiering"
)

func main() { cli.Exit("tierpyramid", run(os.Stdout, os.Args[1:])) }

// customer is one simulated account.
type customer struct {
	id                     string
	profit, lastYear       float64 // lifetime profit now and a year ago (thousands)
	potential, costToServe float64
	purchases              []tiering.Event
}

// simulate draws n customers from a seeded source: lognormal profits with a
// few loss-makers, potentials loosely tied to profit, and a year of orders.
func simulate(n int, seed uint64) []customer {
	r := rand.New(rand.NewPCG(seed, 2027))
	asOf := time.Date(2027, 12, 31, 0, 0, 0, 0, time.UTC)
	out := make([]customer, n)
	for i := range out {
		c := customer{id: fmt.Sprintf("C%04d", i+1)}
		c.profit = math.Round(math.Exp(r.NormFloat64()*1.1+3)*10) / 10
		if r.IntN(25) == 0 {
			c.profit = -math.Round(r.Float64()*400) / 10 // a loss-maker
		}
		c.lastYear = math.Round(c.profit*math.Exp(r.NormFloat64()*0.35)*10) / 10
		c.potential = math.Round(math.Max(c.profit, 0)*math.Exp(r.NormFloat64()*0.8)*10) / 10
		c.costToServe = math.Round(math.Abs(c.profit)*0.04*math.Exp(r.NormFloat64()*0.5)*100) / 100
		orders := 1 + r.IntN(2+int(math.Sqrt(math.Max(c.profit, 1))))
		for range orders {
			day := asOf.AddDate(0, 0, -r.IntN(365))
			amt := decimal.New(int64(100+r.IntN(100_000)), -2).Mul(decimal.NewFromInt(int64(1 + int(math.Max(c.profit, 1))/20)))
			c.purchases = append(c.purchases, tiering.Event{Customer: c.id, Date: day, Amount: amt.Round(2)})
		}
		out[i] = c
	}
	return out
}

// run builds the report and writes it to w.
func run(w io.Writer, args []string) error {
	fs := flag.NewFlagSet("tierpyramid", flag.ContinueOnError)
	fs.SetOutput(w)
	method := fs.String("method", "shares", "tiering `method`: shares, profit-share, natural-breaks or thresholds")
	shares := fs.String("shares", "0.05,0.15,0.30,0.50", "pyramid `shares` of customers, strategic first (fractions)")
	format := fs.String("format", "text", "output `format`: text, csv (the pyramid) or json (the pyramid)")
	langFlag := cli.LangFlag(fs)
	bom := fs.Bool("bom", false, "start -format csv with a UTF-8 byte-order mark, for Excel")
	charts := chart.Flags(fs)
	n := fs.Int("customers", 2000, "number of simulated customers")
	seed := fs.Uint64("seed", 1, "random seed of the simulation")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *n < 10 || *n > 1_000_000 {
		return fmt.Errorf("customers %d outside 10 … 1,000,000", *n)
	}
	opt, err := options(*method, *shares)
	if err != nil {
		return err
	}
	base := simulate(*n, *seed)
	profit := make([]float64, len(base))
	potential := make([]float64, len(base))
	for i, c := range base {
		profit[i], potential[i] = c.profit, c.potential
	}
	opt.Potential, opt.PotentialBar = potential, percentile(potential, 0.97)
	a, err := tiering.Assign(profit, opt)
	if err != nil {
		return err
	}
	rep, err := tiering.NewReport(profit, a)
	if err != nil {
		return err
	}
	l, err := cli.ParseLang(*langFlag)
	if err != nil {
		return err
	}
	switch *format {
	case "csv":
		return rep.WriteCSVWith(w, tiering.CSVOptions{Lang: string(l), BOM: *bom})
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	case "text":
	default:
		return fmt.Errorf("format %q: text, csv or json", *format)
	}

	T, tag := l.T, string(l)
	tier := func(t tiering.Tier, n int) string { return textwidth.PadRight(t.Title(tag), n) }
	fmt.Fprintf(w, T("CUSTOMER PYRAMID — %d B2B customers, lifetime profit in thousands, tiers by %s\n",
		"客户金字塔 — %d 个 B2B 客户，终身利润（千），分层方法 %s\n"), len(base), opt.Method)
	fmt.Fprint(w, T("(customers whose strategic potential is in the top 3 % move up one tier; loss-makers stay transactional)\n\n",
		"（战略潜力居前 3 % 的客户上调一层；亏损客户留在交易型）\n\n"))
	if err := rep.WriteTextIn(w, tag); err != nil {
		return err
	}

	// The same base by natural breaks, for comparison.
	nb, err := tiering.Assign(profit, tiering.Options{Method: tiering.ByNaturalBreaks})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, T("\nBy %s and by natural breaks (customers per tier)\n", "\n按 %s 与按自然断点（每层客户数）\n"), opt.Method)
	fmt.Fprintf(w, "%s %10s %16s\n", textwidth.PadRight(T("tier", "层级"), 13), opt.Method, "natural-breaks")
	for t := tiering.Strategic; ; t-- {
		fmt.Fprintf(w, "%s %10d %16d\n", tier(t, 13), a.Counts[t], nb.Counts[t])
		if t == tiering.Transactional {
			break
		}
	}
	lifted := 0
	for _, l := range a.Lifted {
		if l {
			lifted++
		}
	}
	fmt.Fprintf(w, T("Lifted one tier by their potential: %d.\n", "因潜力上调一层：%d。\n"), lifted)

	// Policies and cost to serve.
	policies := tiering.DefaultPolicies()
	costs := make([]float64, len(base))
	for i, c := range base {
		costs[i] = c.costToServe
	}
	over, err := policies.OverBudget(profit, costs, a)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, T("\nHow each tier is served (the library's defaults)", "\n各层客户的服务方式（库的默认值）"))
	for t := tiering.Strategic; ; t-- {
		p := policies[t]
		fmt.Fprintf(w, T("  %s %-19s %2d visits a year, cost-to-serve budget %2.0f %% of the tier's mean profit\n",
			"  %s %-19s 每年拜访 %2d 次，服务成本预算为该层平均利润的 %2.0f %%\n"), tier(t, 13), p.Coverage, p.VisitsPerYear, 100*p.CostShare)
		if t == tiering.Transactional {
			break
		}
	}
	var overBy [tiering.NumTiers]int
	for _, o := range over {
		overBy[o.Tier]++
	}
	fmt.Fprintf(w, T("Customers over their tier's budget: %d (strategic %d, value %d, standard %d, transactional %d)\n",
		"超出本层预算的客户：%d（战略型 %d，价值型 %d，标准型 %d，交易型 %d）\n"), len(over), overBy[tiering.Strategic], overBy[tiering.Value], overBy[tiering.Standard], overBy[tiering.Transactional])
	sort.SliceStable(over, func(i, j int) bool { return over[i].Cost-over[i].Budget > over[j].Cost-over[j].Budget })
	for _, o := range over[:min(5, len(over))] {
		fmt.Fprintf(w, T("  %s (%s): cost %.2f, budget %.2f\n", "  %s（%s）：成本 %.2f，预算 %.2f\n"), base[o.Index].id, o.Tier.Title(tag), o.Cost, o.Budget)
	}

	// RFM of the year's purchases.
	var events []tiering.Event
	for _, c := range base {
		events = append(events, c.purchases...)
	}
	rfm, err := tiering.ScoreRFM(events, tiering.RFMOptions{AsOf: time.Date(2027, 12, 31, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		return err
	}
	segments := map[string]int{}
	for _, c := range rfm.Customers {
		segments[c.Segment]++
	}
	names := make([]string, 0, len(segments))
	for s := range segments {
		names = append(names, s)
	}
	sort.Slice(names, func(i, j int) bool {
		if segments[names[i]] != segments[names[j]] {
			return segments[names[i]] > segments[names[j]]
		}
		return names[i] < names[j]
	})
	fmt.Fprintf(w, T("\nRFM segments of %d purchases (scores 1–5 by NTILE; recency cuts %s days)\n",
		"\n%d 笔购买的 RFM 细分（按 NTILE 评 1–5 分；最近购买分界 %s 天）\n"), len(events), joinInts(rfm.Cuts.Recency))
	for _, s := range names {
		fmt.Fprintf(w, "  %-20s %5d\n", s, segments[s])
	}

	// Migration from last year's tiers.
	lastYear := make([]float64, len(base))
	for i, c := range base {
		lastYear[i] = c.lastYear
	}
	optLast := opt
	optLast.Potential = nil
	aLast, err := tiering.Assign(lastYear, optLast)
	if err != nil {
		return err
	}
	before, after := map[string]tiering.Tier{}, map[string]tiering.Tier{}
	for i, c := range base {
		before[c.id], after[c.id] = aLast.Tiers[i], a.Tiers[i]
	}
	m, err := tiering.NewMigration(before, after)
	if err != nil {
		return err
	}
	p, _ := m.Probabilities()
	fmt.Fprintln(w, T("\nTier migration from last year (share of last year's tier, %)", "\n与去年相比的层级迁移（占去年该层的比例，%）"))
	fmt.Fprintf(w, "%s %s %s %s %s\n", textwidth.PadRight(T("from \\ to", "从 \\ 到"), 13), textwidth.PadLeft(tiering.Transactional.Title(tag), 13),
		textwidth.PadLeft(tiering.Standard.Title(tag), 9), textwidth.PadLeft(tiering.Value.Title(tag), 9), textwidth.PadLeft(tiering.Strategic.Title(tag), 9))
	for t := tiering.Strategic; ; t-- {
		fmt.Fprintf(w, "%s %13.1f %9.1f %9.1f %9.1f\n", tier(t, 13), 100*p[t][0], 100*p[t][1], 100*p[t][2], 100*p[t][3])
		if t == tiering.Transactional {
			break
		}
	}
	var now [tiering.NumTiers]float64
	for t, c := range a.Counts {
		now[t] = float64(c)
	}
	proj, err := m.Project(now, 2)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, T("Pyramid in two years if customers keep moving this way: strategic %.0f, value %.0f, standard %.0f, transactional %.0f\n",
		"若客户照此迁移，两年后的金字塔：战略型 %.0f，价值型 %.0f，标准型 %.0f，交易型 %.0f\n"),
		proj[3], proj[2], proj[1], proj[0])
	var moves []string
	for _, mv := range m.Moves[:min(3, len(m.Moves))] {
		moves = append(moves, fmt.Sprintf("%s %s → %s", mv.ID, mv.From.Title(tag), mv.To.Title(tag)))
	}
	fmt.Fprintf(w, T("Largest moves: %s\n", "变动最大：%s\n"), strings.Join(moves, T("; ", "；")))
	if charts.Enabled() {
		if err := charts.Save(w, "pyramid", "en", func(string) (*plot.Plot, error) { return pyramidChart(rep, opt.Method.String()) }); err != nil {
			return err
		}
		if err := charts.Save(w, "migration", "en", func(string) (*plot.Plot, error) { return migrationChart(p) }); err != nil {
			return err
		}
	}
	return nil
}

// pyramidChart is the four tiers as a pyramid, each labelled with its
// customers and its share of the profit.
func pyramidChart(rep tiering.Report, method string) (*plot.Plot, error) {
	labels, values := make([]string, tiering.NumTiers), make([]float64, tiering.NumTiers)
	for t := range tiering.NumTiers {
		row := rep.Rows[t]
		labels[t] = fmt.Sprintf("%s: %s customers, %s %% of profit", row.Tier, chart.Grouping(float64(row.Count), 0), chart.Grouping(100*row.ProfitShare, 1))
		// Widths widen by a quarter per tier down, as the text pyramid.
		values[t] = float64(tiering.NumTiers - t)
	}
	p := chart.New(fmt.Sprintf("Customer pyramid by %s — %s customers", method, chart.Grouping(float64(rep.Customers), 0)), "", "")
	p.HideX()
	p.Legend = plot.NewLegend()
	return p, chart.Pyramid(p, labels, values)
}

// migrationChart is last year's tier against this year's as a heat map of
// the shares of last year's tier.
func migrationChart(prob [tiering.NumTiers][tiering.NumTiers + 1]float64) (*plot.Plot, error) {
	rows := make([]string, tiering.NumTiers)
	v := make([][]float64, tiering.NumTiers)
	for t := range tiering.NumTiers {
		rows[t] = tiering.Tier(t).String()
		v[t] = prob[t][:]
	}
	cols := append(append([]string(nil), rows...), "left")
	p := chart.New("Tier migration from last year (share of last year's tier)", "this year's tier", "last year's tier")
	p.Legend = plot.NewLegend()
	return p, chart.HeatMap(p, rows, cols, v)
}

// options parses the method and shares flags.
func options(method, shares string) (tiering.Options, error) {
	var opt tiering.Options
	switch method {
	case "shares":
		opt.Method = tiering.ByShares
	case "profit-share":
		opt.Method = tiering.ByProfitShare
	case "natural-breaks":
		opt.Method = tiering.ByNaturalBreaks
	case "thresholds":
		opt.Method, opt.Thresholds = tiering.ByThresholds, [3]float64{20, 60, 200}
	default:
		return opt, fmt.Errorf("method %q: shares, profit-share, natural-breaks or thresholds", method)
	}
	parts := strings.Split(shares, ",")
	if len(parts) != tiering.NumTiers {
		return opt, fmt.Errorf("shares %q: four fractions, strategic first", shares)
	}
	for k, s := range parts {
		v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
		if err != nil {
			return opt, fmt.Errorf("shares %q: %v", shares, err)
		}
		opt.Shares[k] = v
	}
	return opt, nil
}

// percentile returns the q-quantile of v (nearest rank).
func percentile(v []float64, q float64) float64 {
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	return s[min(len(s)-1, int(q*float64(len(s))))]
}

func joinInts(v []float64) string {
	parts := make([]string, len(v))
	for k, x := range v {
		parts[k] = strconv.FormatFloat(x, 'f', 0, 64)
	}
	return strings.Join(parts, ", ")
}
