package clp

import (
	"fmt"
	"math"

	"github.com/shopspring/decimal"
)

// AccountSpec describes a customer's cash flows. Money is in the caller's
// currency per period; rates are fractions per period (a monthly model takes
// monthly rates: 0.01 growth = 1 % a month).
//
// Revenue comes, in order of precedence, from Phases (a relationship-phase
// profile), from Series (an explicit revenue per period), or from Revenue
// growing by Growth each period. Survival comes from Phases, from Survival
// (an explicit curve), or from the constant RetentionPerPeriod.
type AccountSpec struct {
	// ID names the customer in errors and reports.
	ID string
	// Revenue is the revenue of the first period; Growth its growth per
	// period, above −1.
	Revenue decimal.Decimal
	Growth  float64
	// Series, when set, is the revenue of periods 1, 2, …. It is the
	// account's whole forecast: after it ends the account has no cash
	// flows, neither revenue nor cost to serve (CostFixed stops with it).
	Series []decimal.Decimal
	// Margin is the gross margin, a fraction of revenue (may be negative).
	Margin float64
	// CostFixed is the cost to serve per period; CostShare the cost to
	// serve as a fraction of revenue, 0 or more.
	CostFixed decimal.Decimal
	CostShare float64
	// Acquisition is the one-off cost of acquiring the customer, paid at
	// time zero.
	Acquisition decimal.Decimal
	// RetentionPerPeriod is the probability of keeping the customer from
	// one period to the next, in [0, 1]: a rate per period of the model
	// (per month in a monthly model), not per year.
	RetentionPerPeriod float64
	// AnnualRetention, when PeriodsPerYear is set, states the retention as
	// a rate per year instead, in [0, 1]; it is converted to the rate per
	// period by [PerPeriodRetention] (0.85 a year over 12 periods is
	// 0.98655 a period). RetentionPerPeriod must then be zero.
	AnnualRetention float64
	PeriodsPerYear  int
	// Retention is the former name of RetentionPerPeriod, with the same
	// meaning; setting both is an error.
	//
	// Deprecated: the name does not say the rate's basis; use
	// RetentionPerPeriod or AnnualRetention.
	Retention float64
	// Survival, when set, is S(1), S(2), …: the probability that the
	// customer is still active in period t; non-increasing, in [0, 1].
	// After it ends the customer is gone.
	Survival []float64
	// Phases, when set, is the customer's relationship-phase profile; it
	// overrides every field above but ID and Acquisition.
	Phases []PhaseSpec
}

// Account is a validated customer account, ready to be scored by a [Model]: its
// money converted to float64 once, its phases expanded into per-period
// series. Build it with [NewAccount]. It is an immutable value, safe to
// share between goroutines; the zero Account has no cash flows and scores
// zero.
type Account struct {
	id string
	// Constant form (no series): revenue r0 growing by g, margin net of the
	// variable cost to serve (netMargin), fixed cost, retention.
	constant          bool
	r0, g, netMargin  float64
	costFixed, retain float64
	acq               float64
	// Series form: cash flow of period t (before survival) in cf[t−1] and
	// survival S(t) in surv[t−1]; a nil surv means retainᵗ.
	cf, surv []float64
}

// ID returns the customer's ID.
func (c Account) ID() string { return c.id }

// aliased returns the value stated by a field and its deprecated former
// name: whichever is set, or either when both are equal; ok is false when
// both are set to different values.
func aliased(v, old float64) (_ float64, ok bool) {
	switch {
	case old == 0 || old == v:
		return v, true
	case v == 0:
		return old, true
	}
	return 0, false
}

// perPeriodField returns the retention per period stated by a field and
// its deprecated former name, refusing the two set to different values.
func perPeriodField(id, what string, v, old float64) (float64, error) {
	r, ok := aliased(v, old)
	if !ok {
		return 0, fmt.Errorf("customer %q: %sboth RetentionPerPeriod (%v) and its former name Retention (%v): %w", id, what, v, old, ErrInvalidRetention)
	}
	return r, nil
}

// checkFinite returns an error for NaN or infinite values.
func checkFinite(id, what string, v float64) error {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return fmt.Errorf("customer %q: %s %v: %w", id, what, v, ErrNotFinite)
	}
	return nil
}

// moneyFloat converts a decimal amount to float64, rejecting infinities.
func moneyFloat(id, what string, d decimal.Decimal) (float64, error) {
	f := d.InexactFloat64()
	return f, checkFinite(id, what, f)
}

// NewAccount validates spec and prepares it for scoring. Errors name the
// customer and wrap [ErrNotFinite] (NaN or infinite values, or amounts too
// large for float64), [ErrInvalidRetention] (retention or survival outside
// [0, 1], a rising survival curve), [ErrInvalidRate] (growth ≤ −1, negative
// cost share) or [ErrInvalidPhase]. The spec is not modified or retained.
func NewAccount(spec AccountSpec) (_ Account, err error) {
	defer wrapErr(&err)
	id := spec.ID
	c := Account{id: id}
	if c.acq, err = moneyFloat(id, "acquisition cost", spec.Acquisition); err != nil {
		return Account{}, err
	}
	if len(spec.Phases) > 0 {
		return expandPhases(c, spec.Phases)
	}
	retain, err := perPeriodField(id, "", spec.RetentionPerPeriod, spec.Retention)
	if err != nil {
		return Account{}, err
	}
	for _, f := range []struct {
		what string
		v    float64
	}{{"growth", spec.Growth}, {"margin", spec.Margin}, {"cost share", spec.CostShare}, {"retention", retain}} {
		if err := checkFinite(id, f.what, f.v); err != nil {
			return Account{}, err
		}
	}
	if spec.Growth <= -1 {
		return Account{}, fmt.Errorf("customer %q: growth %v: %w", id, spec.Growth, ErrInvalidRate)
	}
	if spec.CostShare < 0 {
		return Account{}, fmt.Errorf("customer %q: cost share %v: %w", id, spec.CostShare, ErrInvalidRate)
	}
	if spec.PeriodsPerYear != 0 || spec.AnnualRetention != 0 {
		if retain != 0 {
			return Account{}, fmt.Errorf("customer %q: both a retention per period (%v) and an annual retention (%v): %w", id, retain, spec.AnnualRetention, ErrInvalidRetention)
		}
		if err := checkFinite(id, "annual retention", spec.AnnualRetention); err != nil {
			return Account{}, err
		}
		r, err := PerPeriodRetention(spec.AnnualRetention, spec.PeriodsPerYear)
		if err != nil {
			return Account{}, fmt.Errorf("customer %q: %w", id, err)
		}
		retain = r
	}
	if retain < 0 || retain > 1 {
		return Account{}, fmt.Errorf("customer %q: retention %v, want a fraction in [0, 1] (0.85 for 85 %%): %w", id, retain, ErrInvalidRetention)
	}
	if spec.Margin > 1 {
		return Account{}, fmt.Errorf("customer %q: gross margin %v, want a fraction of revenue (0.25 for 25 %%), not a percentage: %w", id, spec.Margin, ErrInvalidRate)
	}
	c.netMargin = spec.Margin - spec.CostShare
	c.retain = retain
	if c.costFixed, err = moneyFloat(id, "cost to serve", spec.CostFixed); err != nil {
		return Account{}, err
	}
	if c.r0, err = moneyFloat(id, "revenue", spec.Revenue); err != nil {
		return Account{}, err
	}
	c.g = spec.Growth
	if spec.Survival != nil {
		prev := 1.0
		for t, s := range spec.Survival {
			if err := checkFinite(id, fmt.Sprintf("survival of period %d", t+1), s); err != nil {
				return Account{}, err
			}
			if s < 0 || s > prev {
				return Account{}, fmt.Errorf("customer %q: survival of period %d is %v after %v: %w", id, t+1, s, prev, ErrInvalidRetention)
			}
			prev = s
		}
		c.surv = append([]float64(nil), spec.Survival...)
	}
	if spec.Series == nil && spec.Survival == nil {
		c.constant = true
		return c, nil
	}
	// Series form: as many periods as the revenue series, or as the
	// survival curve when revenue is constant or growing.
	n := len(spec.Series)
	if spec.Series == nil {
		n = len(spec.Survival)
	}
	c.cf = make([]float64, n)
	rev := c.r0
	for t := range n {
		r := rev
		if spec.Series != nil {
			if r, err = moneyFloat(id, fmt.Sprintf("revenue of period %d", t+1), spec.Series[t]); err != nil {
				return Account{}, err
			}
		}
		c.cf[t] = c.netMargin*r - c.costFixed
		rev *= 1 + c.g
	}
	if c.surv != nil && len(c.surv) < n {
		c.cf = c.cf[:len(c.surv)]
	}
	return c, nil
}

// MustNewAccount is like [NewAccount] but panics on error; for tests and
// examples.
func MustNewAccount(spec AccountSpec) Account {
	c, err := NewAccount(spec)
	if err != nil {
		panic(fmt.Sprintf("clp.NewAccount(%q) failed: %v", spec.ID, err))
	}
	return c
}
