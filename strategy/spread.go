package strategy

import (
	"fmt"

	"github.com/shopspring/decimal"

	"github.com/salesgrowth/salesgrowth/internal/money"
	"github.com/salesgrowth/salesgrowth/target"
)

// Spread assigns a year's gap to the four quadrants and, within each, to
// the nodes of a plan. The zero Spread assigns nothing.
type Spread struct {
	// Gap is the year's gap, in cents (negative gaps spread as zero).
	Gap decimal.Decimal
	// Capacity is the expected revenue of each quadrant's initiatives
	// (Σ p·revenue, to the cent); Quadrant what the policy assigns it;
	// Uncovered what no quadrant can carry.
	Capacity, Quadrant [4]decimal.Decimal
	Uncovered          decimal.Decimal
	// Nodes are the plan nodes the quadrants' shares are split over;
	// ByNode[q][i] is node i's part of quadrant q, the parts summing to
	// Quadrant[q] exactly.
	Nodes  []string
	ByNode [4][]decimal.Decimal
}

// SpreadGap spreads the gap g over the quadrants by one documented policy,
// lowest risk first: market penetration takes as much of the gap as its
// initiatives' expected revenue covers, then product development, market
// development and diversification take what remains in turn, each up to
// its capacity; what is left is Uncovered. When p is not nil each
// quadrant's share is then split over nodes in proportion to their annual
// amounts of metric m in p, by the exact largest-remainder split to the
// cent. Errors are those of [Evaluate] and, for the plan,
// [ErrInvalidAmount] (an unknown node or metric, or no amount to weigh by).
func SpreadGap(g Gap, inits []Initiative, p *target.Plan, m target.Metric, nodes []string) (Spread, error) {
	s, err := spreadGap(g, inits, p, m, nodes)
	return s, wrap(err)
}

func spreadGap(g Gap, inits []Initiative, p *target.Plan, m target.Metric, nodes []string) (Spread, error) {
	its, _, err := compile(inits)
	if err != nil {
		return Spread{}, err
	}
	var capf [4]float64
	for i, it := range its {
		capf[inits[i].Quadrant] += it.pEff * float64(it.rev)
	}
	var s Spread
	var acc money.Acc
	for mo, x := range g.Gap {
		c, err := cents(fmt.Sprintf("gap month %d", mo+1), x, false)
		if err != nil {
			return Spread{}, err
		}
		acc.Add(c)
	}
	gc, err := acc.Result()
	if err != nil {
		return Spread{}, fmt.Errorf("gap: %w", err)
	}
	rest := max(0, gc)
	s.Gap = amount(gc)
	for q := range capf {
		c, err := money.Cent().FloatCount(capf[q]/100, money.HalfAwayFromZero)
		if err != nil {
			return Spread{}, fmt.Errorf("capacity of %v: %w", Quadrant(q), err)
		}
		s.Capacity[q] = amount(c)
		a := min(rest, c)
		s.Quadrant[q] = amount(a)
		rest -= a
	}
	s.Uncovered = amount(rest)
	if p == nil {
		return s, nil
	}
	w := make([]decimal.Decimal, len(nodes))
	for i, n := range nodes {
		a, err := p.Amount(n, m, target.FY)
		if err != nil {
			return Spread{}, fmt.Errorf("plan node %q: %v: %w", n, err, ErrInvalidAmount)
		}
		if a.IsNegative() {
			return Spread{}, fmt.Errorf("plan node %q: negative %s %s: %w", n, m, a, ErrInvalidAmount)
		}
		w[i] = a
	}
	s.Nodes = append([]string(nil), nodes...)
	for q := range s.Quadrant {
		if len(nodes) == 0 {
			break
		}
		parts, err := money.SplitAmount(s.Quadrant[q], w, money.Cent())
		if err != nil {
			return Spread{}, fmt.Errorf("splitting %v over the nodes: %w", Quadrant(q), err)
		}
		s.ByNode[q] = parts
	}
	return s, nil
}

// ScenarioPlan writes the initiatives' expected revenue back into a copy of
// p: node's months of metric m become the baseline plus the portfolio's
// expected closure month by month, and the plan rebalances around them as
// [target.Plan.Lock] does (the node's year locked first, then its months;
// a root's change flows down to every node in proportion). The amounts are
// rounded to the plan's unit once, on the year, half away from zero, and
// the year split over the months exactly. p is not modified. Errors are
// those of [target.Plan.Lock], wrapped in [ErrInvalidAmount].
func ScenarioPlan(p *target.Plan, node string, m target.Metric, b Baseline, pf Portfolio) (*target.Plan, error) {
	q, err := scenarioPlan(p, node, m, b, pf)
	return q, wrap(err)
}

func scenarioPlan(p *target.Plan, node string, m target.Metric, b Baseline, pf Portfolio) (*target.Plan, error) {
	unit, err := money.NewUnit(p.Unit())
	if err != nil {
		return nil, fmt.Errorf("plan unit: %v: %w", err, ErrInvalidAmount)
	}
	w := make([]decimal.Decimal, 12)
	var year decimal.Decimal
	for mo := range w {
		w[mo] = b.Months[mo].Add(pf.Months[mo].Expected)
		if w[mo].IsNegative() {
			return nil, fmt.Errorf("month %d: negative scenario %s: %w", mo+1, w[mo], ErrInvalidAmount)
		}
		year = year.Add(w[mo])
	}
	y, err := unit.RoundAmount(year, money.HalfAwayFromZero)
	if err != nil {
		return nil, err
	}
	months, err := money.SplitAmount(y, w, unit)
	if err != nil {
		return nil, err
	}
	q := p.Clone()
	if err := q.Lock(node, m, target.FY, y); err != nil {
		return nil, fmt.Errorf("locking %s %s year: %v: %w", node, m, err, ErrInvalidAmount)
	}
	for mo := range 11 {
		if err := q.Lock(node, m, target.Month(mo+1), months[mo]); err != nil {
			return nil, fmt.Errorf("locking %s %s month %d: %v: %w", node, m, mo+1, err, ErrInvalidAmount)
		}
	}
	return q, nil
}
