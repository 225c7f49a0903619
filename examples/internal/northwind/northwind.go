// Package northwind builds the course's running case, the annual plan of
// Northwind Industrial, from embedded data, for the example programs.
package northwind

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"errors"
	"fmt"
	"time"

	"github.com/salesgrowth/salesgrowth/target"
	"github.com/shopspring/decimal"
)

//go:embed data/tree.csv
var treeCSV []byte

//go:embed data/history.csv
var historyCSV []byte

// Methods are the seasonal methods compared in the case.
var Methods = [...]target.SeasonalMethod{target.SimpleAverage, target.YearlyShares, target.MovingAverageRatio}

// Options selects the variant of the case.
type Options struct {
	// Linked derives collection, expense and profit from revenue instead of
	// independent targets.
	Linked bool
	// Season is the seasonal method of the plan's profile.
	Season target.SeasonalMethod
}

// Case is the built case: the plan and what it was built from.
type Case struct {
	Plan     *target.Plan
	Tree     *target.Tree
	Calendar target.Calendar
	// LastYear is the key accounts' revenue of the last history year and
	// Revenue the revenue target grown from it.
	LastYear, Revenue decimal.Decimal
	// Profiles holds the profile of each of Methods, WorkingDays the
	// working-day profile and Profile the plan's blend.
	Profiles             [len(Methods)]target.Profile
	WorkingDays, Profile target.Profile
	// History is the company's monthly revenue of the three history years,
	// January 2024 … December 2026, the months before the plan year.
	History []decimal.Decimal
	// Locks are the revenue locks applied after the build.
	Locks []Lock
}

// Lock is a locked annual revenue.
type Lock struct {
	ID     string
	Amount decimal.Decimal
	Why    string
}

// D parses a decimal literal of the case.
func D(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func date(y int, m time.Month, day int) time.Time { return time.Date(y, m, day, 0, 0, 0, 0, time.UTC) }

// Build builds the case.
func Build(opt Options) (*Case, error) {
	tree, err := target.ReadTree(bytes.NewReader(treeCSV))
	if err != nil {
		return nil, fmt.Errorf("embedded tree: %w", err)
	}
	history, err := readHistory(historyCSV)
	if err != nil {
		return nil, fmt.Errorf("embedded history: %w", err)
	}
	c := &Case{Tree: tree, History: history}
	c.Calendar = target.Calendar{
		StartYear: 2027,
		Holidays: []time.Time{
			date(2027, 1, 1), date(2027, 3, 26), date(2027, 3, 29), date(2027, 5, 6),
			date(2027, 5, 17), date(2027, 12, 24), date(2027, 12, 27), date(2027, 12, 31),
		},
	}
	// Baseline: last year's revenue of the key accounts, grown.
	c.LastYear = decimal.Zero
	for _, n := range tree.Nodes() {
		if len(n.History) > 0 {
			c.LastYear = c.LastYear.Add(n.History[len(n.History)-1])
		}
	}
	c.Revenue, err = target.Grow(c.LastYear, D("0.15"), D("0.04"), target.Compound)
	if err != nil {
		return nil, err
	}
	c.Revenue = c.Revenue.Round(-3)

	// Seasonality: three estimates, the chosen one blended with working days.
	var chosen target.Profile
	found := false
	for k, m := range Methods {
		if c.Profiles[k], err = target.Seasonality(history, m); err != nil {
			return nil, err
		}
		if m == opt.Season {
			chosen, found = c.Profiles[k], true
		}
	}
	if !found {
		return nil, fmt.Errorf("seasonal method %v: %w", opt.Season, target.ErrUnknownOption)
	}
	if c.WorkingDays, err = target.WorkingDayProfile(c.Calendar); err != nil {
		return nil, err
	}
	if c.Profile, err = target.Blend(chosen, c.WorkingDays, 0.85); err != nil {
		return nil, err
	}
	spec := target.Spec{
		Tree:     tree,
		Calendar: c.Calendar,
		Unit:     D("0.01"),
		Weights: map[string]target.WeightSource{
			"region":   {Method: target.HistoryPotential, HistoryShare: 0.7},
			"industry": {Method: target.HistoryShares},
			"customer": {Method: target.HistoryTotal, Window: 2, NoHistory: target.ZeroShare},
			"project":  {Method: target.Explicit},
		},
		DefaultProfile: c.Profile,
		// Harbor Stores buys for the holiday season: its own profile.
		Profiles: map[string]target.Profile{"HARBOR": {6, 6, 7, 7, 8, 8, 7, 8, 9, 10, 12, 12}},
		Targets:  []target.Target{{Metric: target.Revenue, Annual: c.Revenue}},
	}
	if opt.Linked {
		spec.Collection = &target.CollectionRule{
			Terms:   []decimal.Decimal{D("0.30"), D("0.50"), D("0.20")},
			Opening: map[string]decimal.Decimal{"NW": D("2400000")},
		}
		spec.ExpenseRatio = &target.Rates{Default: D("0.18")}
		spec.GrossMargin = &target.Rates{Default: D("0.32"), ByNode: map[string]decimal.Decimal{"N-ENE": D("0.27")}}
	} else {
		spec.Targets = append(spec.Targets,
			target.Target{Metric: target.Collection, Annual: c.Revenue.Mul(D("0.96")).Round(-3)},
			target.Target{Metric: target.Profit, Annual: c.Revenue.Mul(D("0.12")).Round(-3)},
			target.Target{Metric: target.Expense, Annual: c.Revenue.Mul(D("0.18")).Round(-3)},
		)
	}
	if c.Plan, err = target.NewPlan(spec); err != nil {
		return nil, err
	}
	// Boreal Steel signed a frame contract and Fjord Plastics, a new account
	// without history (so without a share), starts a pilot line: lock both
	// and let their siblings absorb the difference.
	c.Locks = []Lock{
		{"BOREAL", D("2900000"), "frame contract"},
		{"FJORD", D("400000"), "pilot line"},
	}
	for _, l := range c.Locks {
		if err := c.Plan.Lock(l.ID, target.Revenue, target.FY, l.Amount); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// readHistory reads the embedded month,revenue series.
func readHistory(b []byte) ([]decimal.Decimal, error) {
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		return nil, err
	}
	if len(recs) < 2 {
		return nil, errors.New("no history rows")
	}
	var out []decimal.Decimal
	for _, r := range recs[1:] {
		v, err := decimal.NewFromString(r[1])
		if err != nil {
			return nil, fmt.Errorf("month %s: %w", r[0], err)
		}
		out = append(out, v)
	}
	return out, nil
}

// ParseMethod maps a method name to a seasonal method.
func ParseMethod(s string) (target.SeasonalMethod, error) {
	for _, m := range Methods {
		if m.String() == s {
			return m, nil
		}
	}
	return 0, fmt.Errorf("unknown seasonality method %q", s)
}
