package tiering

import (
	"fmt"
	"math"
)

// Coverage is who covers a customer. The zero Coverage is [SelfService].
type Coverage uint8

// The coverage models, from the least to the most personal.
const (
	// SelfService: online ordering, catalogues, a service desk.
	SelfService Coverage = iota
	// InsideSales: a telephone and e-mail sales team.
	InsideSales
	// KeyAccountManager: a named key-account manager.
	KeyAccountManager
	// Team: an account team with executive sponsorship.
	Team
)

// String returns the coverage's name.
func (c Coverage) String() string {
	switch c {
	case SelfService:
		return "self-service"
	case InsideSales:
		return "inside sales"
	case KeyAccountManager:
		return "key-account manager"
	case Team:
		return "account team"
	}
	return fmt.Sprintf("Coverage(%d)", uint8(c))
}

// Policy is how a tier is served and developed. The zero Policy is
// self-service with no visits and no cost-to-serve budget.
type Policy struct {
	// Approach is the relationship approach: the development path for the
	// tier.
	Approach string
	// ServiceLevel names the service the tier gets.
	ServiceLevel string
	// Coverage is who covers the tier's customers.
	Coverage Coverage
	// VisitsPerYear is the number of visits a customer of the tier gets a
	// year.
	VisitsPerYear int
	// CostShare is the cost-to-serve budget as a fraction of the tier's
	// mean value per customer (0.15 = 15 %), in [0, 1].
	CostShare float64
}

// Policies holds one policy per tier, indexed by [Tier]. The zero Policies
// gives every tier the zero Policy; [DefaultPolicies] are the course's.
type Policies [NumTiers]Policy

// DefaultPolicies returns the course's way of developing each tier, as
// defaults to adapt: transactional customers are served at the least cost
// by self-service; standard ones by inside sales with regular contact; value
// customers by a key-account manager who develops the account (solutions,
// cross-selling, more contacts); strategic customers by an account team with
// executive sponsorship, joint planning and a partnership. The visit counts
// and cost-to-serve shares (5, 10, 15 and 20 % of the tier's mean value)
// are assumptions of this library, not figures from the course: set your
// own.
func DefaultPolicies() Policies {
	return Policies{
		Transactional: {Approach: "transaction: price, availability and convenience", ServiceLevel: "basic",
			Coverage: SelfService, VisitsPerYear: 0, CostShare: 0.05},
		Standard: {Approach: "standard relationship: regular contact and efficient service", ServiceLevel: "standard",
			Coverage: InsideSales, VisitsPerYear: 2, CostShare: 0.10},
		Value: {Approach: "account development: solutions, cross-selling, wider and deeper contacts", ServiceLevel: "priority",
			Coverage: KeyAccountManager, VisitsPerYear: 12, CostShare: 0.15},
		Strategic: {Approach: "strategic partnership: joint planning, executive sponsorship, shared initiatives", ServiceLevel: "dedicated",
			Coverage: Team, VisitsPerYear: 24, CostShare: 0.20},
	}
}

// Validate reports whether every policy is usable: a known coverage, visits
// ≥ 0 and a cost share in [0, 1] (a percentage such as 15 is refused).
// Errors wrap [ErrInvalidOption].
func (ps Policies) Validate() error {
	for t, p := range ps {
		switch {
		case p.Coverage > Team:
			return wrap(fmt.Errorf("policy of %s: coverage %d: %w", Tier(t), p.Coverage, ErrInvalidOption))
		case p.VisitsPerYear < 0:
			return wrap(fmt.Errorf("policy of %s: %d visits: %w", Tier(t), p.VisitsPerYear, ErrInvalidOption))
		case !(p.CostShare >= 0 && p.CostShare <= 1):
			return wrap(fmt.Errorf("policy of %s: cost share %v (a fraction, not a percentage): %w", Tier(t), p.CostShare, ErrInvalidOption))
		}
	}
	return nil
}

// Overrun is a customer whose cost to serve exceeds its tier's budget (see
// [Policies.OverBudget]). The zero Overrun names customer 0 of no tier.
type Overrun struct {
	Index  int     // the customer's position in the values
	Tier   Tier    // its tier
	Cost   float64 // its cost to serve
	Budget float64 // its tier's budget per customer
}

// OverBudget returns the customers whose cost to serve exceeds their tier's
// budget: the tier's CostShare times the tier's mean value per customer
// (from the report of these values and tiers), in the order of the values.
// A tier whose mean value is not positive has no budget, so every cost in it
// is over. Costs are in the values' unit. Errors wrap [ErrInvalidOption]
// (another number of costs, invalid policies) or [ErrNotFinite].
func (ps Policies) OverBudget(values, costs []float64, a Assignment) ([]Overrun, error) {
	if err := ps.Validate(); err != nil {
		return nil, err
	}
	if len(costs) != len(values) {
		return nil, wrap(fmt.Errorf("%d costs for %d values: %w", len(costs), len(values), ErrInvalidOption))
	}
	r, err := NewReport(values, a)
	if err != nil {
		return nil, err
	}
	var budget [NumTiers]float64
	for t, row := range r.Rows {
		budget[t] = ps[t].CostShare * max(row.Mean, 0)
	}
	var out []Overrun
	for i, c := range costs {
		if math.IsNaN(c) || math.IsInf(c, 0) {
			return nil, wrap(fmt.Errorf("cost %d: %v: %w", i, c, ErrNotFinite))
		}
		if t := a.Tiers[i]; c > budget[t] {
			out = append(out, Overrun{Index: i, Tier: t, Cost: c, Budget: budget[t]})
		}
	}
	return out, nil
}
