package tiering

import (
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"
)

// Migration is how customers moved between the tiers of two periods: the
// transition counts between tiers, the customers who arrived (in the second
// period only) and those who left (in the first only). Build it with
// [NewMigration]. The zero Migration has no customers.
type Migration struct {
	// Counts[i][j] is the number of customers in tier i in the first
	// period and tier j in the second.
	Counts [NumTiers][NumTiers]int
	// Arrived[j] counts the customers new in tier j; Left[i] those of tier
	// i who are gone in the second period.
	Arrived, Left [NumTiers]int
	// Moves lists every customer present in both periods whose tier
	// changed, the largest moves first, then by ID.
	Moves []Move
}

// Move is one customer's change of tier. The zero Move is no move.
type Move struct {
	ID       string
	From, To Tier
}

// Steps returns the size of the move: positive up the pyramid, negative
// down.
func (m Move) Steps() int { return int(m.To) - int(m.From) }

// NewMigration compares two periods' tiers, keyed by customer ID. Errors
// wrap [ErrUnknownTier] for a tier beyond [Strategic]. The maps are not
// modified.
func NewMigration(before, after map[string]Tier) (Migration, error) {
	var m Migration
	for id, t := range before {
		if t > Strategic {
			return Migration{}, wrap(fmt.Errorf("customer %q before: tier %d: %w", id, t, ErrUnknownTier))
		}
		u, ok := after[id]
		if !ok {
			m.Left[t]++
			continue
		}
		if u > Strategic {
			return Migration{}, wrap(fmt.Errorf("customer %q after: tier %d: %w", id, u, ErrUnknownTier))
		}
		m.Counts[t][u]++
		if u != t {
			m.Moves = append(m.Moves, Move{id, t, u})
		}
	}
	for id, u := range after {
		if _, ok := before[id]; ok {
			continue
		}
		if u > Strategic {
			return Migration{}, wrap(fmt.Errorf("customer %q after: tier %d: %w", id, u, ErrUnknownTier))
		}
		m.Arrived[u]++
	}
	slices.SortFunc(m.Moves, func(a, b Move) int {
		if d := abs(b.Steps()) - abs(a.Steps()); d != 0 {
			return d
		}
		if a.ID < b.ID {
			return -1
		}
		if a.ID > b.ID {
			return 1
		}
		return 0
	})
	return m, nil
}

func abs(x int) int { return max(x, -x) }

// Probabilities returns the one-period transition probabilities of the
// customers present in the first period: P[i][j] for tier i to tier j and
// P[i][NumTiers] for leaving. Each row with customers sums to one; a tier
// that had no customers has a row of zeros and ok[i] false.
func (m Migration) Probabilities() (p [NumTiers][NumTiers + 1]float64, ok [NumTiers]bool) {
	for i := range NumTiers {
		n := m.Left[i]
		for j := range NumTiers {
			n += m.Counts[i][j]
		}
		if n == 0 {
			continue
		}
		ok[i] = true
		for j := range NumTiers {
			p[i][j] = float64(m.Counts[i][j]) / float64(n)
		}
		p[i][NumTiers] = float64(m.Left[i]) / float64(n)
	}
	return p, ok
}

// Project returns the expected number of customers per tier k periods
// after a period with the given counts, as a Markov chain with the observed
// transition probabilities, customers leaving at the observed rates and the
// observed arrivals joining every period. Errors wrap [ErrInvalidOption]
// for k < 0 or a negative or non-finite count.
func (m Migration) Project(counts [NumTiers]float64, k int) ([NumTiers]float64, error) {
	if k < 0 || k > 10_000 {
		return counts, wrap(fmt.Errorf("project %d periods, want 0 … 10,000: %w", k, ErrInvalidOption))
	}
	for t, c := range counts {
		if !(c >= 0) || math.IsInf(c, 0) {
			return counts, wrap(fmt.Errorf("count of %s: %v: %w", Tier(t), c, ErrInvalidOption))
		}
	}
	p, _ := m.Probabilities()
	cur := counts
	for range k {
		var next [NumTiers]float64
		for j := range NumTiers {
			next[j] = float64(m.Arrived[j])
			for i := range NumTiers {
				next[j] += cur[i] * p[i][j]
			}
		}
		cur = next
	}
	return cur, nil
}

// SteadyState returns the long-run expected number of customers per tier
// when the observed arrivals join every period and customers move and leave
// at the observed rates: N = A·(I − P)⁻¹, P the tier-to-tier probabilities
// and A the arrivals. It returns an error wrapping [ErrInvalidOption] when
// some tier keeps all its customers forever (no leaving from it or from
// where it leads, so no steady state exists) while arrivals keep coming.
func (m Migration) SteadyState() ([NumTiers]float64, error) {
	p, _ := m.Probabilities()
	inv, err := m.fundamental(p, 1)
	if err != nil {
		return [NumTiers]float64{}, wrap(fmt.Errorf("steady state: %w", err))
	}
	var out [NumTiers]float64
	for j := range NumTiers {
		for i := range NumTiers {
			out[j] += float64(m.Arrived[i]) * inv.At(i, j)
		}
	}
	for _, v := range out {
		if v < 0 || math.IsNaN(v) || math.IsInf(v, 0) {
			return [NumTiers]float64{}, wrap(fmt.Errorf("steady state: %v: %w", out, ErrInvalidOption))
		}
	}
	return out, nil
}

// LifetimeValue returns the expected discounted value of a customer by
// starting tier, the Markov-chain customer lifetime value of Pfeifer &
// Carraway (2000), "Modeling customer relationships as Markov chains",
// Journal of Interactive Marketing 14(2): V = (I − P/(1+d))⁻¹ · R, with R
// the value of one period in each tier (received this period, then every
// period the customer stays, discounted), P the tier-to-tier probabilities
// (a customer who leaves is worth nothing more) and d the discount rate per
// period, −1 < d < 1 (0.1 = 10 % per period; a percentage such as 10 is
// refused). Errors wrap [ErrInvalidOption] (d outside (−1, 1) or NaN, a
// non-finite value, or no finite value when nobody ever leaves and d ≤ 0).
func (m Migration) LifetimeValue(perPeriod [NumTiers]float64, discountPerPeriod float64) ([NumTiers]float64, error) {
	if !(discountPerPeriod > -1 && discountPerPeriod < 1) {
		return [NumTiers]float64{}, wrap(fmt.Errorf("discount rate %v per period, want a fraction in (−1, 1) (0.1 for 10 %%): %w", discountPerPeriod, ErrInvalidOption))
	}
	for t, v := range perPeriod {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return [NumTiers]float64{}, wrap(fmt.Errorf("value of %s: %v: %w", Tier(t), v, ErrInvalidOption))
		}
	}
	p, _ := m.Probabilities()
	inv, err := m.fundamental(p, 1/(1+discountPerPeriod))
	if err != nil {
		return [NumTiers]float64{}, wrap(fmt.Errorf("lifetime value: %w", err))
	}
	var out [NumTiers]float64
	for i := range NumTiers {
		for j := range NumTiers {
			out[i] += inv.At(i, j) * perPeriod[j]
		}
		if math.IsNaN(out[i]) || math.IsInf(out[i], 0) {
			return [NumTiers]float64{}, wrap(fmt.Errorf("lifetime value of %s: %v: %w", Tier(i), out[i], ErrInvalidOption))
		}
	}
	return out, nil
}

// fundamental returns (I − f·P)⁻¹ over the tiers, or an error wrapping
// [ErrInvalidOption] when it does not exist or is not positive (a chain
// that never lets go of its customers).
func (m Migration) fundamental(p [NumTiers][NumTiers + 1]float64, f float64) (*mat.Dense, error) {
	a := mat.NewDense(NumTiers, NumTiers, nil)
	for i := range NumTiers {
		for j := range NumTiers {
			v := -f * p[i][j]
			if i == j {
				v += 1
			}
			a.Set(i, j, v)
		}
	}
	var inv mat.Dense
	if err := inv.Inverse(a); err != nil {
		return nil, fmt.Errorf("customers never leave: %v: %w", err, ErrInvalidOption)
	}
	for i := range NumTiers {
		for j := range NumTiers {
			if v := inv.At(i, j); v < -1e-9 || math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) > 1e12 {
				return nil, fmt.Errorf("customers never leave (a near-singular chain): %w", ErrInvalidOption)
			}
		}
	}
	return &inv, nil
}
