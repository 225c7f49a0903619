package relationship

import (
	"fmt"
	"slices"

	"github.com/shopspring/decimal"

	"github.com/salesgrowth/salesgrowth/internal/money"
)

// MaxLevers is the most levers [Decide] searches for the least-cost set:
// the search is exact over all 2^n sets.
const MaxLevers = 20

// Decision is the switching decision of one customer facing a rival, all
// money over the same horizon. The zero Decision is a customer with no
// switching cost facing no advantage.
type Decision struct {
	// SwitchingCost is the customer's total switching cost.
	SwitchingCost decimal.Decimal
	// Advantage is the rival's advantage in delivered value (negative
	// when the rival delivers less).
	Advantage decimal.Decimal
	// Margin is SwitchingCost − Advantage, the retention margin: the rival
	// wins the customer only when it is negative.
	Margin decimal.Decimal
	// Switches reports a negative margin: the advantage exceeds the
	// switching cost.
	Switches bool
	// MaxPremium is the largest price premium over the rival we can hold
	// before the customer switches: the margin when it is positive, else
	// zero.
	MaxPremium decimal.Decimal
	// Restore holds, when the customer switches, the indexes of the levers
	// (into the slice given to [Decide], ascending) whose effects together
	// close the margin at the least total cost, ties to the fewest levers
	// and then the earliest; nil when the customer stays or no set of
	// levers suffices (Restorable false).
	Restore    []int
	Restorable bool
	// RestoreCost is the total cost of the Restore levers.
	RestoreCost decimal.Decimal
}

// Decide returns the switching decision: a rival wins the customer only
// when its advantage in delivered value exceeds the customer's switching
// cost (the course's rule). When it does, Decide finds the levers that
// restore a non-negative margin at the least cost, by an exact search over
// every set of at most [MaxLevers] levers; a set whose cost would exceed
// 10^18 cents is not considered.
//
// Errors wrap [ErrInvalidAmount] (negative costs, fractions of a cent),
// [ErrOverflow] or [ErrTooMany] (more than MaxLevers levers). Neither costs
// nor levers are modified.
func Decide(c Costs, advantage decimal.Decimal, levers []Lever) (Decision, error) {
	d, err := decide(c, advantage, levers)
	return d, wrap(err)
}

func decide(c Costs, advantage decimal.Decimal, levers []Lever) (Decision, error) {
	if len(levers) > MaxLevers {
		return Decision{}, fmt.Errorf("%d levers, at most %d: %w", len(levers), MaxLevers, ErrTooMany)
	}
	_, total, err := c.counts()
	if err != nil {
		return Decision{}, err
	}
	adv, err := money.Cent().Count(advantage)
	if err != nil {
		return Decision{}, fmt.Errorf("advantage %s: %w", advantage, err)
	}
	effects := make([]int64, len(levers))
	costs := make([]int64, len(levers))
	for k, l := range levers {
		_, e, err := l.Raises.counts()
		if err != nil {
			return Decision{}, fmt.Errorf("lever %d %q: %w", k+1, l.Name, err)
		}
		n, err := money.Cent().Count(l.Cost)
		if err != nil || n < 0 {
			return Decision{}, fmt.Errorf("lever %d %q: cost %s, want whole cents ≥ 0: %w", k+1, l.Name, l.Cost, ErrInvalidAmount)
		}
		effects[k], costs[k] = e, n
	}
	margin := total - adv // both within ±10^18: no wrap
	u := money.Cent()
	d := Decision{
		SwitchingCost: u.Amount(total),
		Advantage:     u.Amount(adv),
		Margin:        u.Amount(margin),
		Switches:      margin < 0,
		MaxPremium:    u.Amount(max(margin, 0)),
		RestoreCost:   decimal.Zero,
	}
	if !d.Switches {
		return d, nil
	}
	best, cost, ok := leastCostCover(effects, costs, -margin)
	if ok {
		d.Restore, d.Restorable, d.RestoreCost = best, true, u.Amount(cost)
	}
	return d, nil
}

// leastCostCover returns the set of indexes whose effects sum to at least
// need at the least cost (ties: fewer indexes, then the lexicographically
// first), by depth-first search over include/exclude with pruning on cost.
func leastCostCover(effects, costs []int64, need int64) ([]int, int64, bool) {
	n := len(effects)
	// suffix[k] is the most the levers k … n−1 can add: a branch that
	// cannot reach need is cut. Capped at need, so no sum wraps.
	suffix := make([]int64, n+1)
	for k := n - 1; k >= 0; k-- {
		suffix[k] = min(need, suffix[k+1]+min(effects[k], need))
	}
	var best []int
	var bestCost int64
	found := false
	var cur []int
	better := func(cost int64) bool {
		switch {
		case !found || cost < bestCost:
			return true
		case cost > bestCost:
			return false
		case len(cur) != len(best):
			return len(cur) < len(best)
		}
		return slices.Compare(cur, best) < 0
	}
	var walk func(k int, got, cost int64)
	walk = func(k int, got, cost int64) {
		if got >= need {
			if better(cost) {
				best, bestCost, found = slices.Clone(cur), cost, true
			}
			return
		}
		if k == n || min(need, got+suffix[k]) < need || (found && cost > bestCost) {
			return
		}
		if c, err := money.Add(cost, costs[k]); err == nil && money.InRange(c) {
			cur = append(cur, k)
			walk(k+1, min(need, got+min(effects[k], need)), c)
			cur = cur[:len(cur)-1]
		}
		walk(k+1, got, cost)
	}
	walk(0, 0, 0)
	return best, bestCost, found
}
