// Command lifetimeprofit values a handful of key accounts as assets: their
// customer lifetime profit (CLP) over the relationship's phases, the phase
// each is in now, and the management levers that would add most to it.
//
// The accounts (embedded) each carry a phase profile — exploration,
// formation, stability, decline, with revenue, margin, cost to serve and
// retention per phase — and the last 24 months of revenue, from which the
// current phase is detected.
//
// Usage:
//
//	go run ./examples/lifetimeprofit [-rate 0.10] [-accounts file.json] [-lang zh] [-png DIR] [-svg DIR]
//
// -lang zh prints the report in the course's Chinese; -png and -svg write,
// per account, its cumulative discounted profit over its life with the four
// relationship phases shaded (lifetime_ID).
package main

import (
	_ "embed"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"text/tabwriter"

	"github.com/shopspring/decimal"
	"gonum.org/v1/plot"

	"github.com/salesgrowth/salesgrowth/clp"
	"github.com/salesgrowth/salesgrowth/examples/internal/chart"
	"github.com/salesgrowth/salesgrowth/examples/internal/cli"
	"github.com/salesgrowth/salesgrowth/internal/textwidth"
	"github.com/salesgrowth/salesgrowth/target"
)

//go:embed data/accounts.json
var accountsJSON []byte

// account is one key account of the data file.
type account struct {
	ID          string            `json:"id"`
	Name        string            `json:"name"`
	Acquisition decimal.Decimal   `json:"acquisition"`
	History     []decimal.Decimal `json:"history"`
	Phases      []phase           `json:"phases"`
}

type phase struct {
	Phase     string          `json:"phase"`
	Periods   int             `json:"periods"`
	Revenue   decimal.Decimal `json:"revenue"`
	Continue  bool            `json:"continue"`
	Growth    float64         `json:"growth"`
	Margin    float64         `json:"margin"`
	CostFixed decimal.Decimal `json:"costFixed"`
	CostShare float64         `json:"costShare"`
	Retention float64         `json:"retention"`
}

var phaseNames = map[string]clp.Phase{
	"exploration": clp.Exploration, "formation": clp.Formation, "stability": clp.Stability, "decline": clp.Decline,
}

func main() { cli.Exit("lifetimeprofit", run(os.Stdout, os.Args[1:])) }

// spec turns an account of the data file into a customer spec.
func (a account) spec() (clp.AccountSpec, error) {
	s := clp.AccountSpec{ID: a.ID, Acquisition: a.Acquisition}
	for k, p := range a.Phases {
		ph, ok := phaseNames[p.Phase]
		if !ok {
			return s, fmt.Errorf("account %s phase %d: unknown phase %q", a.ID, k+1, p.Phase)
		}
		s.Phases = append(s.Phases, clp.PhaseSpec{
			Phase: ph, Periods: p.Periods, Revenue: p.Revenue, Continue: p.Continue, Growth: p.Growth,
			Margin: p.Margin, CostFixed: p.CostFixed, CostShare: p.CostShare, RetentionPerPeriod: p.Retention,
		})
	}
	return s, nil
}

func run(w io.Writer, args []string) error {
	fs := flag.NewFlagSet("lifetimeprofit", flag.ContinueOnError)
	fs.SetOutput(w)
	rate := fs.Float64("rate", 0.10, "annual discount `rate`")
	path := fs.String("accounts", "", "read the accounts from JSON `file` instead of the embedded ones")
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
	data := accountsJSON
	if *path != "" {
		var err error
		if data, err = os.ReadFile(*path); err != nil {
			return err
		}
	}
	var accounts []account
	if err := json.Unmarshal(data, &accounts); err != nil {
		return fmt.Errorf("accounts: %w", err)
	}
	model, err := clp.New(clp.Config{DiscountRate: *rate, Horizon: 120})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, T("KEY ACCOUNTS AS ASSETS — customer lifetime profit over ten years, monthly, %.1f %% a year (%.4f %% a month)\n\n",
		"大客户即资产 — 十年客户终身利润，按月，年贴现率 %.1f %%（月 %.4f %%）\n\n"), 100**rate, 100*model.PeriodRate())

	tw := textwidth.NewTabWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, T("account\tcurrent phase\ttrend / month\tlevel vs best\trevenue, last 12 months\tacquisition\tlifetime profit\t",
		"客户\t当前阶段\t月趋势\t相对最佳水平\t近 12 个月销售额\t获取成本\t终身利润\t"))
	total := decimal.Zero
	specs := make([]clp.AccountSpec, len(accounts))
	for i, a := range accounts {
		s, err := a.spec()
		if err != nil {
			return err
		}
		specs[i] = s
		c, err := clp.NewAccount(s)
		if err != nil {
			return err
		}
		p, err := model.Profit(c)
		if err != nil {
			return err
		}
		total = total.Add(p)
		ph, ev, err := clp.DetectPhase(a.History, clp.PhaseRule{})
		if err != nil {
			return fmt.Errorf("account %s: %w", a.ID, err)
		}
		last12 := decimal.Zero
		for _, h := range a.History[max(0, len(a.History)-12):] {
			last12 = last12.Add(h)
		}
		fmt.Fprintf(tw, "%s\t%s\t%+.1f %%\t%.2f\t%s\t%s\t%s\t\n", a.Name, ph.Title(string(l)), 100*ev.Trend, ev.Level,
			money(last12), money(a.Acquisition), money(p))
	}
	fmt.Fprintf(tw, T("portfolio\t\t\t\t\t\t%s\t\n", "组合合计\t\t\t\t\t\t%s\t\n"), money(total))
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w, T("\nPhase rule: exploration for the first 6 months with revenue; then decline when the trend of the last",
		"\n阶段规则：有销售额的前 6 个月为考察期；此后若最近 6 个月的趋势为每月 −3 % 或更差，"))
	fmt.Fprintln(w, T("6 months is −3 % a month or worse or their level is below 70 % of the best 6 months; formation at",
		"或其水平低于最佳 6 个月的 70 %，则为退化期；每月 +3 % 或以上为形成期；"))
	fmt.Fprintln(w, T("+3 % a month or more; stability otherwise.", "其余为稳定期。"))

	for i, a := range accounts {
		levers, err := model.Levers(specs[i], clp.LeverSizes{})
		if err != nil {
			return err
		}
		fmt.Fprintf(w, T("\n%s — levers, largest effect first (lifetime profit %s)\n", "\n%s — 价值杠杆，按效果从大到小（终身利润 %s）\n"), a.Name, money(levers[0].Before))
		tw = textwidth.NewTabWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, T("step\tchange\tlifetime profit\teffect\t", "环节\t变化\t终身利润\t效果\t"))
		for _, lv := range levers {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t\n", T(lv.Step.String(), stepChinese[lv.Step]), lv.Change, money(lv.After), signed(lv.Effect))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	if charts.Enabled() {
		for i, a := range accounts {
			err := charts.Save(w, "lifetime_"+a.ID, string(l), func(lang string) (*plot.Plot, error) {
				return lifetimeChart(a, specs[i], *rate, cli.Lang(lang))
			})
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// stepChinese names the lever steps in Chinese.
var stepChinese = map[clp.Step]string{clp.Identify: "识别", clp.Develop: "发展", clp.Retain: "保持", clp.RaiseValue: "提升价值"}

// lifetimeChart is an account's cumulative discounted profit month by
// month (the lifetime profit to each horizon) with its phases shaded.
func lifetimeChart(a account, s clp.AccountSpec, rate float64, l cli.Lang) (*plot.Plot, error) {
	c, err := clp.NewAccount(s)
	if err != nil {
		return nil, err
	}
	var line chart.Line
	line.Name = l.T("cumulative discounted profit", "累计贴现利润")
	lo, hi := 0.0, 0.0
	for t := 0; t <= 120; t++ {
		v := 0.0
		if t > 0 {
			m, err := clp.New(clp.Config{DiscountRate: rate, Horizon: t})
			if err != nil {
				return nil, err
			}
			if v, err = m.Float(c); err != nil {
				return nil, err
			}
		} else {
			v = -a.Acquisition.InexactFloat64()
		}
		line.X, line.Y = append(line.X, float64(t)), append(line.Y, v)
		lo, hi = min(lo, v), max(hi, v)
	}
	var bands []chart.Band
	at := 0
	for _, ph := range s.Phases {
		bands = append(bands, chart.Band{Name: ph.Phase.Title(string(l)), From: float64(at), To: float64(at + ph.Periods)})
		at += ph.Periods
	}
	span := hi - lo
	p := chart.New(l.T(a.Name+" — lifetime profit over the relationship", a.Name+" — 关系周期内的终身利润"),
		l.T("month of the relationship", "关系月份"), l.T("cumulative discounted profit (thousands)", "累计贴现利润（千）"))
	p.Y.Tick.Marker = chart.Amounts{Scale: 1e3}
	p.Y.Min, p.Y.Max = lo-0.05*span, hi+0.35*span
	if err := chart.Bands(p, bands, p.Y.Min, p.Y.Max); err != nil {
		return nil, err
	}
	if err := chart.Lines(p, nil, []chart.Line{line}); err != nil {
		return nil, err
	}
	p.X.Min, p.X.Max = 0, 120
	return p, nil
}

func money(d decimal.Decimal) string { return target.FormatAmount(d, 2) }

func signed(d decimal.Decimal) string {
	if d.Sign() >= 0 {
		return "+" + money(d)
	}
	return money(d)
}
