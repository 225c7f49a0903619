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
//	go run ./examples/keyaccount [-json account.json] [-advantage 185000] [-lang zh] [-png DIR] [-svg DIR]
//
// -lang zh prints the report in the course's Chinese (names and texts from
// the account file stay as written). -png and -svg write the switching cost of each type today with what each
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
	"github.com/salesgrowth/salesgrowth/internal/textwidth"
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
	langFlag := cli.LangFlag(fs)
	charts := chart.Flags(fs)
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
	l, err := cli.ParseLang(*langFlag)
	if err != nil {
		return err
	}
	if err := report(w, a, r, l); err != nil {
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

func report(w io.Writer, a relationship.Account, r relationship.AccountReport, l cli.Lang) error {
	p := func(format string, args ...any) { fmt.Fprintf(w, format, args...) }
	T, tag := l.T, string(l)
	pad, padL := textwidth.PadRight, textwidth.PadLeft
	p(T("Key account: %s\n\n", "大客户：%s\n\n"), a.Name)

	p("%s", T("Switching costs\n", "转换成本\n"))
	total := r.Decision.SwitchingCost
	for t := range relationship.CostType(relationship.NumCostTypes) {
		c := a.SwitchingCosts[t]
		var facets []string
		for _, f := range t.Facets() {
			facets = append(facets, f.Title(tag))
		}
		p(T("  %s %10s  %5.1f %%  (%s)\n", "  %s %10s  %5.1f %%  （%s）\n"), pad(t.Title(tag), 13), c.StringFixed(0), pct(c, total), strings.Join(facets, T(", ", "、")))
	}
	cat, _ := a.SwitchingCosts.ByCategory()
	p(T("  %s %10s  by category: procedural %s, financial %s, relational %s\n\n", "  %s %10s  按类别：程序性 %s，财务性 %s，关系性 %s\n\n"), pad(T("total", "合计"), 13), total.StringFixed(0),
		cat[relationship.Procedural].StringFixed(0), cat[relationship.Financial].StringFixed(0), cat[relationship.Relational].StringFixed(0))

	p("  %s %s %s  %s  %s\n", pad(T("lever", "杠杆"), 38), pad(T("kind", "类型"), 22), padL(T("effect", "效果"), 8), padL(T("cost", "成本"), 8), padL(T("return", "回报"), 6))
	for _, lv := range a.Levers {
		e, _ := lv.Effect()
		ret, ok := lv.Return()
		rs := "-"
		if ok {
			rs = fmt.Sprintf("%.2f", ret)
		}
		p("  %s %s %8s  %8s  %6s\n", pad(lv.Name, 38), pad(lv.Kind.Title(tag), 22), e.StringFixed(0), lv.Cost.StringFixed(0), rs)
	}
	d := r.Decision
	p(T("\nSwitching decision: the rival's advantage %s against switching costs of %s\n", "\n转换决策：竞品的价值优势 %s，对照转换成本 %s\n"), d.Advantage.StringFixed(0), d.SwitchingCost.StringFixed(0))
	switch {
	case !d.Switches:
		p(T("  the customer stays: retention margin %s, the largest premium we can hold\n", "  客户留下：保留余量 %s，即我方可维持的最大溢价\n"), d.MaxPremium.StringFixed(0))
	case d.Restorable:
		var names []string
		for _, k := range d.Restore {
			names = append(names, a.Levers[k].Name)
		}
		p(T("  the customer switches: margin %s\n  cheapest levers that restore it (cost %s): %s\n", "  客户转换：差额 %s\n  扭转局面的最低成本杠杆（成本 %s）：%s\n"),
			d.Margin.StringFixed(0), d.RestoreCost.StringFixed(0), strings.Join(names, T("; ", "；")))
	default:
		p(T("  the customer switches: margin %s, and no set of levers closes it — the offer itself must change\n", "  客户转换：差额 %s，任何杠杆组合都无法弥补 — 必须改变产品或报价本身\n"), d.Margin.StringFixed(0))
	}

	p("%s", T("\nSupplier scorecard (TQRDCES), change since the last review\n", "\n供应商评分卡（TQRDCES），与上次评审相比的变化\n"))
	for dim := range relationship.Dimension(relationship.NumDimensions) {
		change := ""
		if r.Trend != nil && r.Trend.Change[dim] != 0 {
			change = fmt.Sprintf("%+.0f", r.Trend.Change[dim])
		}
		p("%s\n", strings.TrimRight(fmt.Sprintf("  %s %5.0f %4s", pad(dim.Title(tag), 12), a.Scores[dim], change), " "))
	}
	p(T("  total %.1f, grade %s", "  总分 %.1f，等级 %s"), r.Rating.Total, r.Rating.Grade)
	if r.Trend != nil {
		p(T(" (was %.1f, %s)", "（上次 %.1f，%s）"), r.Trend.Before.Total, r.Trend.Before.Grade)
	}
	if len(r.Rating.Failed) > 0 {
		p(T(", failed gates %v", "，未通过门槛 %v"), r.Rating.Failed)
	}
	p("\n")
	for _, s := range r.Warnings {
		p(T("  warning: %s\n", "  警示：%s\n"), s.Name)
	}

	if g := r.Wallet; g != nil {
		p(T("\nShare of wallet: %.1f %% as number %d of %d brands; the Wallet Allocation Rule gives %.1f %% (gap %+.1f points)\n",
			"\n钱包份额：%.1f %%，在 %[3]d 个品牌中排第 %[2]d；钱包分配法则给出 %.1[4]f %%（差距 %+.1[5]f 个百分点）\n"),
			100*g.Actual, g.Rank, g.Brands, 100*g.Expected, 100*g.Gap)
	}

	pl := r.Placement
	if l == "zh" {
		p("\n关系阶梯：%s（%s）\n", pl.Rung.Chinese(), pl.Rung)
	} else {
		p("\nRelationship ladder: %s (%s)\n", pl.Rung, pl.Rung.Chinese())
	}
	if pl.Next != pl.Rung {
		p(T("  for %s (%s):\n", "  要成为%[2]s（%[1]s）：\n"), pl.Next, pl.Next.Chinese())
		for _, m := range pl.Missing {
			p("    - %s\n", m)
		}
	}

	m := r.Map
	p(T("\nDecision-maker map: coverage %.0f %%, support %+.2f\n", "\n决策者地图：覆盖率 %.0f %%，支持度 %+.2f\n"), 100*m.Coverage, m.Support)
	p("  %s %s %s %s  %s  %s\n", pad(T("contact", "联系人"), 13), pad(T("role", "角色"), 15), pad(T("level", "层级"), 12), padL(T("infl", "影响"), 5), T("att", "态度"), T("step", "阶段"))
	for _, c := range a.Contacts {
		flags := ""
		if c.VIP {
			flags += " VIP"
		}
		if c.RisingStar {
			flags += T(" rising star", " 明日之星")
		}
		if c.Leaving {
			flags += T(" leaving", " 即将离开")
		}
		s := c.Step()
		step := s.String() + " " + s.Chinese()
		if l == "zh" {
			step = s.Chinese()
		}
		p("  %s %s %s %5.1f %+4d  %s%s\n", pad(c.Name, 13), pad(c.Role.Title(tag), 15), pad(c.Level.Title(tag), 12), c.Influence, c.Attitude, step, flags)
	}
	for _, rk := range m.Risks {
		if rk.Contact == "" {
			p(T("  risk: %s\n", "  风险：%s\n"), relationship.RiskTitle(rk.Kind, tag))
		} else {
			p(T("  risk: %s — %s\n", "  风险：%s — %s\n"), relationship.RiskTitle(rk.Kind, tag), rk.Contact)
		}
	}
	if len(m.RisingStars) > 0 {
		p(T("  rising stars (明日之星): %s\n", "  明日之星：%s\n"), strings.Join(m.RisingStars, ", "))
	}
	p("%s", T("  account team:\n", "  客户团队：\n"))
	owners := make([]string, 0, len(m.Team))
	for o := range m.Team {
		owners = append(owners, o)
	}
	slices.Sort(owners)
	for _, o := range owners {
		p("    %s %s\n", pad(o, 22), strings.Join(m.Team[o], ", "))
	}
	if len(m.Gaps) > 0 {
		p("    %s %s\n", pad(T("(nobody)", "（无人负责）"), 22), strings.Join(m.Gaps, ", "))
	}
	return nil
}

func pct(part, whole decimal.Decimal) float64 {
	if whole.IsZero() {
		return 0
	}
	return part.Div(whole).InexactFloat64() * 100
}
