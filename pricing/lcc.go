package pricing

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/shopspring/decimal"

	"github.com/salesgrowth/salesgrowth/internal/money"
)

// The course's four cost-reduction solutions and three value-raising
// solutions, as Item names for savings and value components.
const (
	WholeProjectCycle        = "whole project cycle"                            // cost: design to hand-over as one scope
	ProductLifeCycle         = "product life cycle"                             // cost: lower operating, maintenance and disposal cost
	ValueChain               = "value chain"                                    // cost: steps removed or merged along the chain
	SupplyChainVMI           = "supply chain (VMI)"                             // cost: vendor-managed inventory, see HoldingCost
	EarlySupplierInvolvement = "early supplier involvement"                     // value: designed in with the customer
	PerformanceContract      = "whole-project service and performance contract" // value: full responsibility for the outcome
	SupplyChainCollaboration = "supply-chain collaboration"                     // value: shared planning and forecasts
)

// HoldingCost returns the annual cost of holding an inventory: carrying
// rate × average inventory, rounded to the cent (half away from zero). The
// carrying rate is annual, as a fraction (0.25 for 25 % a year). Errors
// wrap [ErrInvalidOption] (a rate outside [0, 1], NaN) or
// [ErrInvalidAmount] (a negative inventory, fractions of a cent).
func HoldingCost(carryingRateAnnual float64, averageInventory decimal.Decimal) (decimal.Decimal, error) {
	if !(carryingRateAnnual >= 0 && carryingRateAnnual <= 1) {
		return decimal.Decimal{}, wrap(fmt.Errorf("carrying rate %v a year, want a fraction in [0, 1]: %w", carryingRateAnnual, ErrInvalidOption))
	}
	n, err := money.Cent().Count(averageInventory)
	if err != nil || n < 0 {
		return decimal.Decimal{}, wrap(fmt.Errorf("average inventory %s: %w", averageInventory, ErrInvalidAmount))
	}
	c, err := money.Cent().RoundAmount(averageInventory.Mul(decimal.NewFromFloat(carryingRateAnnual)), money.HalfAwayFromZero)
	if err != nil {
		return decimal.Decimal{}, wrap(fmt.Errorf("holding cost: %v: %w", err, ErrOverflow))
	}
	return c, nil
}

// MaxLifeYears bounds [Alternative.Years].
const MaxLifeYears = 100

// Alternative is one way for the customer to meet a need over a life of
// whole years, in money: what it pays up front (acquisition,
// installation), each year (operation, maintenance, downtime), what a
// supplier's solutions save each year, and what it pays to dispose of it
// and gets back as residual value at the end. The zero Alternative has no
// life, which [LifeCycleCost] refuses.
type Alternative struct {
	Name     string          `json:"name"`
	Years    int             `json:"years"`
	Upfront  []Item          `json:"upfront"`
	Annual   []Item          `json:"annual"`
	Savings  []Item          `json:"savings,omitempty"` // a year's savings, as positive amounts
	Disposal decimal.Decimal `json:"disposal"`
	Residual decimal.Decimal `json:"residual"`
}

// LCC is the life-cycle cost of an [Alternative]. The zero LCC is no cost.
type LCC struct {
	// ByYear is the cost of each year 0 … Years, undiscounted: year 0 the
	// up-front cost, the last year also disposal less residual value.
	ByYear []decimal.Decimal
	// Total is the undiscounted sum; PresentValue the sum discounted at
	// the annual rate, year t by (1 + r)^−t; EquivalentAnnualCost the
	// level annual cost over years 1 … Years with that present value,
	// PV · r / (1 − (1 + r)^−n) (PV / n at r = 0). All in cents, rounded
	// half away from zero.
	Total, PresentValue, EquivalentAnnualCost decimal.Decimal
	// Saving is the undiscounted sum of the savings over the life.
	Saving decimal.Decimal
}

// LifeCycleCost returns the life-cycle cost (total cost of ownership) of
// an alternative at an annual discount rate (a fraction, 0.08 for 8 % a
// year). Errors wrap [ErrInvalidOption] (a life outside 1 … [MaxLifeYears],
// a rate outside [0, 1)) or [ErrInvalidAmount] (negative or fractional-cent
// components) or [ErrOverflow].
func LifeCycleCost(a Alternative, discountAnnual float64) (LCC, error) {
	l, err := lifeCycleCost(a, discountAnnual)
	return l, wrap(err)
}

func lifeCycleCost(a Alternative, r float64) (LCC, error) {
	if a.Years < 1 || a.Years > MaxLifeYears {
		return LCC{}, fmt.Errorf("%s: life of %d years, want 1 … %d: %w", a.Name, a.Years, MaxLifeYears, ErrInvalidOption)
	}
	if !(r >= 0 && r < 1) {
		return LCC{}, fmt.Errorf("discount rate %v a year, want a fraction in [0, 1): %w", r, ErrInvalidOption)
	}
	up, err := sumItems(a.Name+" up-front cost", a.Upfront, true)
	if err != nil {
		return LCC{}, err
	}
	annual, err := sumItems(a.Name+" annual cost", a.Annual, true)
	if err != nil {
		return LCC{}, err
	}
	save, err := sumItems(a.Name+" saving", a.Savings, true)
	if err != nil {
		return LCC{}, err
	}
	end, err := cents(a.Name+" disposal", a.Disposal, true)
	if err != nil {
		return LCC{}, err
	}
	res, err := cents(a.Name+" residual value", a.Residual, true)
	if err != nil {
		return LCC{}, err
	}
	u := money.Cent()
	years := make([]int64, a.Years+1)
	years[0] = up
	var total money.Acc
	total.Add(up)
	for t := 1; t <= a.Years; t++ {
		var y money.Acc
		y.Add(annual)
		y.Sub(save)
		if t == a.Years {
			y.Add(end)
			y.Sub(res)
		}
		v, err := y.Result()
		if err != nil {
			return LCC{}, fmt.Errorf("%s: year %d: %w", a.Name, t, ErrOverflow)
		}
		years[t] = v
		total.Add(v)
	}
	tot, err := total.Result()
	if err != nil {
		return LCC{}, fmt.Errorf("%s: total: %w", a.Name, ErrOverflow)
	}
	one := decimal.NewFromInt(1)
	g := one.Add(decimal.NewFromFloat(r))
	pv := decimal.Zero
	f := one
	for t, v := range years {
		if t > 0 {
			f = f.DivRound(g, 30)
		}
		pv = pv.Add(u.Amount(v).Mul(f))
	}
	eac := pv.DivRound(decimal.NewFromInt(int64(a.Years)), 30)
	if r > 0 {
		// f is now (1 + r)^−n.
		eac = pv.Mul(decimal.NewFromFloat(r)).DivRound(one.Sub(f), 30)
	}
	saving, err := money.Mul(save, int64(a.Years))
	if err != nil {
		return LCC{}, fmt.Errorf("%s: saving over the life: %w", a.Name, ErrOverflow)
	}
	out := LCC{ByYear: make([]decimal.Decimal, len(years)), Total: u.Amount(tot), Saving: u.Amount(saving)}
	for t, v := range years {
		out.ByYear[t] = u.Amount(v)
	}
	if out.PresentValue, err = u.RoundAmount(pv, money.HalfAwayFromZero); err != nil {
		return LCC{}, fmt.Errorf("%s: present value: %w", a.Name, ErrOverflow)
	}
	if out.EquivalentAnnualCost, err = u.RoundAmount(eac, money.HalfAwayFromZero); err != nil {
		return LCC{}, fmt.Errorf("%s: equivalent annual cost: %w", a.Name, ErrOverflow)
	}
	return out, nil
}

// Ranked is one alternative of [CompareAlternatives] with its life-cycle
// cost. The zero Ranked is an empty alternative.
type Ranked struct {
	Name string
	LCC  LCC
	// Extra is the equivalent annual cost above the cheapest alternative.
	Extra decimal.Decimal
}

// CompareAlternatives ranks alternatives of possibly different lives by
// equivalent annual cost, the cheapest first (ties by name), at one annual
// discount rate. Errors are those of [LifeCycleCost].
func CompareAlternatives(alts []Alternative, discountAnnual float64) ([]Ranked, error) {
	out := make([]Ranked, 0, len(alts))
	for _, a := range alts {
		l, err := lifeCycleCost(a, discountAnnual)
		if err != nil {
			return nil, wrap(err)
		}
		out = append(out, Ranked{Name: a.Name, LCC: l})
	}
	slices.SortStableFunc(out, func(a, b Ranked) int {
		if c := a.LCC.EquivalentAnnualCost.Cmp(b.LCC.EquivalentAnnualCost); c != 0 {
			return c
		}
		return cmp.Compare(a.Name, b.Name)
	})
	for k := range out {
		out[k].Extra = out[k].LCC.EquivalentAnnualCost.Sub(out[0].LCC.EquivalentAnnualCost)
	}
	return out, nil
}
