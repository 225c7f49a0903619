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
//	go run ./examples/lifetimeprofit [-rate 0.10] [-accounts file.json]
package main

import (
	_ "embed"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"text/tabwriter"

	"github.com/salesgrowth/salesgrowth/clp"
	"github.com/salesgrowth/salesgrowth/examples/internal/cli"
	"github.com/salesgrowth/salesgrowth/target"
	"github.com/shopspring/decimal"
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
	if err := fs.Parse(args); err != nil {
		return err
	}
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
	fmt.Fprintf(w, "KEY ACCOUNTS AS ASSETS — customer lifetime profit over ten years, monthly, %.1f %% a year (%.4f %% a month)\n\n",
		100**rate, 100*model.PeriodRate())

	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "account\tcurrent phase\ttrend / month\tlevel vs best\trevenue, last 12 months\tacquisition\tlifetime profit\t")
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
		fmt.Fprintf(tw, "%s\t%s\t%+.1f %%\t%.2f\t%s\t%s\t%s\t\n", a.Name, ph, 100*ev.Trend, ev.Level,
			money(last12), money(a.Acquisition), money(p))
	}
	fmt.Fprintf(tw, "portfolio\t\t\t\t\t\t%s\t\n", money(total))
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w, "\nPhase rule: exploration for the first 6 months with revenue; then decline when the trend of the last")
	fmt.Fprintln(w, "6 months is −3 % a month or worse or their level is below 70 % of the best 6 months; formation at")
	fmt.Fprintln(w, "+3 % a month or more; stability otherwise.")

	for i, a := range accounts {
		levers, err := model.Levers(specs[i], clp.LeverSizes{})
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "\n%s — levers, largest effect first (lifetime profit %s)\n", a.Name, money(levers[0].Before))
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "step\tchange\tlifetime profit\teffect\t")
		for _, l := range levers {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t\n", l.Step, l.Change, money(l.After), signed(l.Effect))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	return nil
}

func money(d decimal.Decimal) string { return target.FormatAmount(d, 2) }

func signed(d decimal.Decimal) string {
	if d.Sign() >= 0 {
		return "+" + money(d)
	}
	return money(d)
}
