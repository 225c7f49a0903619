package tiering

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"sort"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesgrowth/salesgrowth/internal/money"
)

// Event is one purchase of an event log: who, when and for how much (in
// the currency of the log; returns are negative amounts). The zero Event
// has no customer, which [ScoreRFM] refuses.
type Event struct {
	Customer string
	Date     time.Time
	Amount   decimal.Decimal
}

// ScoreMethod selects how [ScoreRFM] turns recency, frequency and monetary
// value into scores. The zero ScoreMethod is [NTile].
type ScoreMethod uint8

const (
	// NTile ranks customers and deals them into bins as evenly as possible,
	// like SQL NTILE and pandas qcut on ranks: the first n mod bins bins get
	// one customer more. Ties are broken by customer ID, so equal values
	// can get different scores.
	NTile ScoreMethod = iota
	// QuantileTies scores as R's rfm package does: the cut points are one
	// plus the quantiles k/bins, k = 1 … bins−1, of the values (linear
	// interpolation, R's type 7), and a value at or above a cut point
	// scores above it, so equal values share a score. The one is meant
	// for whole days and counts: a count scores above a quantile of 2.4
	// from 4 on. Monetary values are compared in currency units.
	QuantileTies
	// CutPoints scores by the caller's cut points ([RFMOptions.Cuts]),
	// each the least value of the next score up: a value at or above the
	// k-th cut point scores at least k+1 (recency: at or above the k-th
	// cut point in days scores at most Bins−k), as R's rfm package reads
	// custom thresholds.
	CutPoints
)

// String returns the method's name.
func (m ScoreMethod) String() string {
	switch m {
	case NTile:
		return "ntile"
	case QuantileTies:
		return "quantile-ties"
	case CutPoints:
		return "cut-points"
	}
	return fmt.Sprintf("ScoreMethod(%d)", uint8(m))
}

// RFMOptions configures [ScoreRFM]. The zero RFMOptions has no as-of date,
// which is an error.
type RFMOptions struct {
	// AsOf is the date of the analysis; events after it are ignored.
	AsOf time.Time
	// Bins is the number of scores per dimension; zero means 5.
	Bins int
	// Method turns values into scores.
	Method ScoreMethod
	// Cuts are the ascending cut points per dimension for CutPoints, Bins−1
	// each (see [CutPoints]): recency in days (a customer more recent than
	// the first cut point scores Bins), frequency in purchases and monetary
	// value in currency.
	Cuts RFMCuts
	// MonetaryMean scores the mean amount per purchase instead of the
	// total.
	MonetaryMean bool
	// Unit is the rounding unit of the amounts; zero means 0.01. Amounts
	// must be multiples of it, so that totals are exact.
	Unit decimal.Decimal
	// Segments are matched first to last; nil means [DefaultSegments]. A
	// customer no rule matches is in "others".
	Segments []SegmentRule
}

// RFMCuts are cut points per dimension (see [RFMOptions.Cuts] and
// [RFMResult.Cuts]). The zero RFMCuts has none.
type RFMCuts struct {
	Recency, Frequency, Monetary []float64
}

// RFM is one customer's recency, frequency and monetary value with their
// scores, 1 (worst) … Bins (best), and its segment. Marketing RFM counts the
// first purchase too: Frequency is the number of purchases, unlike the
// repeat counts of the purchase models in package clp. The zero RFM is a
// customer with no purchase.
type RFM struct {
	Customer    string
	RecencyDays int             // days from the last purchase to the as-of date
	Frequency   int             // purchases up to the as-of date
	Monetary    decimal.Decimal // total amount, or the mean with MonetaryMean
	R, F, M     int             // scores; recency reversed: recent is high
	Segment     string
}

// RFMResult is the output of [ScoreRFM]: the customers in ID order and the
// cut points each dimension was scored by, ascending, each the least value
// of the next score (for recency, in days, of the next score down). For
// NTile, which can split equal values, they are the least values that
// reached each score. The zero RFMResult has no customers.
type RFMResult struct {
	Customers []RFM
	Cuts      RFMCuts
}

// SegmentRule names the customers whose scores fall in the given inclusive
// ranges. The zero SegmentRule matches nothing (its ranges are empty).
type SegmentRule struct {
	Name                               string
	RMin, RMax, FMin, FMax, MMin, MMax int
}

// DefaultSegments returns a common segment map for five bins, matched first
// to last: champions (R, F, M 4–5), loyal (R 2–5, F and M 3–5), new
// customers (R 4–5, F 1), potential loyalists (R 3–5, F 1–3), at risk (R
// 1–2, F and M 3–5), hibernating (R 1–2, F 1–2). It follows the segment
// names marketing analysts use (as in the vignette of R's rfm package); the
// ranges are this library's defaults: set your own.
func DefaultSegments() []SegmentRule {
	return []SegmentRule{
		{"champions", 4, 5, 4, 5, 4, 5},
		{"loyal", 2, 5, 3, 5, 3, 5},
		{"new customers", 4, 5, 1, 1, 1, 5},
		{"potential loyalists", 3, 5, 1, 3, 1, 5},
		{"at risk", 1, 2, 3, 5, 3, 5},
		{"hibernating", 1, 2, 1, 2, 1, 5},
	}
}

// ScoreRFM computes recency, frequency and monetary value per customer from
// an event log as of a date and scores them. Recency is whole days from the
// customer's last purchase (by calendar date, in the dates' location) to the
// as-of date; a customer whose events all come after the as-of date is left
// out. Scores run 1 … Bins, recency reversed so that a recent customer
// scores high.
//
// Errors wrap [ErrNoValues] (no event up to the as-of date), [ErrInvalidOption]
// (no as-of date, bins outside 2 … 100, cut points that are not Bins−1
// ascending values, an empty customer ID, an unknown method) or
// [ErrInvalidAmount] (an amount that is not a multiple of the unit, or a
// total beyond 10^18 units). events is not modified.
func ScoreRFM(events []Event, opt RFMOptions) (RFMResult, error) {
	r, err := scoreRFM(events, opt)
	return r, wrap(err)
}

func scoreRFM(events []Event, opt RFMOptions) (RFMResult, error) {
	if opt.AsOf.IsZero() {
		return RFMResult{}, fmt.Errorf("rfm: no as-of date: %w", ErrInvalidOption)
	}
	bins := opt.Bins
	if bins == 0 {
		bins = 5
	}
	if bins < 2 || bins > 100 {
		return RFMResult{}, fmt.Errorf("rfm: %d bins, want 2 … 100: %w", bins, ErrInvalidOption)
	}
	unit := money.Cent()
	if !opt.Unit.IsZero() {
		u, err := money.NewUnit(opt.Unit)
		if err != nil {
			return RFMResult{}, fmt.Errorf("rfm: %v: %w", err, ErrInvalidOption)
		}
		unit = u
	}
	switch opt.Method {
	case NTile, QuantileTies:
	case CutPoints:
		for _, c := range [][]float64{opt.Cuts.Recency, opt.Cuts.Frequency, opt.Cuts.Monetary} {
			if len(c) != bins-1 || !slices.IsSorted(c) || slices.ContainsFunc(c, math.IsNaN) {
				return RFMResult{}, fmt.Errorf("rfm: %d cut points %v, want %d ascending: %w", len(c), c, bins-1, ErrInvalidOption)
			}
		}
	default:
		return RFMResult{}, fmt.Errorf("rfm: method %d: %w", opt.Method, ErrInvalidOption)
	}
	asOf := dayNumber(opt.AsOf)
	groups, err := aggregateLog(events, asOf, unit, newIDHash(), logBlock)
	if err != nil {
		return RFMResult{}, err
	}
	n := 0
	for _, g := range groups {
		n += len(g)
	}
	if n == 0 {
		return RFMResult{}, fmt.Errorf("rfm: no event up to %s: %w", opt.AsOf.Format(time.DateOnly), ErrNoValues)
	}
	out := RFMResult{Customers: make([]RFM, 0, n)}
	rec, freq, mon := make([]float64, 0, n), make([]float64, 0, n), make([]float64, 0, n)
	uf := unit.Decimal().InexactFloat64()
	mergeSorted(groups, func(a *custAgg) {
		total, e := a.sum.Result()
		if e != nil {
			if err == nil {
				err = fmt.Errorf("rfm: total of %q: %v: %w", a.id, e, ErrInvalidAmount)
			}
			return
		}
		m := unit.Amount(total)
		mf := float64(total) * uf
		if opt.MonetaryMean {
			m = m.DivRound(decimal.NewFromInt(int64(a.n)), unit.Places()+4)
			mf /= float64(a.n)
		}
		out.Customers = append(out.Customers, RFM{Customer: a.id, RecencyDays: asOf - a.last, Frequency: a.n, Monetary: m})
		rec, freq, mon = append(rec, float64(asOf-a.last)), append(freq, float64(a.n)), append(mon, mf)
	})
	if err != nil {
		return RFMResult{}, err
	}
	dims := []struct {
		vals    []float64
		cuts    []float64
		reverse bool // recency: the fewer days, the higher the score
		scores  []int
		used    *[]float64
	}{
		{vals: rec, cuts: opt.Cuts.Recency, reverse: true, used: &out.Cuts.Recency},
		{vals: freq, cuts: opt.Cuts.Frequency, used: &out.Cuts.Frequency},
		{vals: mon, cuts: opt.Cuts.Monetary, used: &out.Cuts.Monetary},
	}
	parallel(len(dims), func(k int) {
		d := &dims[k]
		switch opt.Method {
		case NTile:
			d.scores = ntile(d.vals, bins, d.reverse)
			*d.used = reachedCuts(d.vals, d.scores, bins, d.reverse)
			return
		case QuantileTies:
			*d.used = quantileCuts(d.vals, bins)
			for k := range *d.used {
				(*d.used)[k]++
			}
		case CutPoints:
			*d.used = slices.Clone(d.cuts)
		}
		d.scores = scoreByCuts(d.vals, *d.used, d.reverse)
	})
	for i := range out.Customers {
		c := &out.Customers[i]
		c.R, c.F, c.M = dims[0].scores[i], dims[1].scores[i], dims[2].scores[i]
	}
	rules := opt.Segments
	if rules == nil {
		rules = DefaultSegments()
	}
	for i := range out.Customers {
		c := &out.Customers[i]
		c.Segment = "others"
		for _, r := range rules {
			if c.R >= r.RMin && c.R <= r.RMax && c.F >= r.FMin && c.F <= r.FMax && c.M >= r.MMin && c.M <= r.MMax {
				c.Segment = r.Name
				break
			}
		}
	}
	return out, nil
}

// dayNumber returns the calendar date of t, in its location, as a day
// count since 1970-01-01.
func dayNumber(t time.Time) int {
	_, off := t.Zone()
	s := t.Unix() + int64(off)
	d := s / 86400
	if s%86400 < 0 {
		d-- // floor for dates before 1970
	}
	return int(d)
}

// ntile deals the values, ranked ascending (descending with reverse; ties
// in input order, which is customer ID order), into bins as evenly as
// possible: the first n mod bins bins get one more. It returns the scores.
func ntile(vals []float64, bins int, reverse bool) []int {
	n := len(vals)
	type ranked struct {
		v float64
		i int
	}
	order := make([]ranked, n)
	for i, v := range vals {
		if reverse {
			v = -v
		}
		order[i] = ranked{v, i}
	}
	slices.SortFunc(order, func(a, b ranked) int { // by value, ties by index: a stable order
		if c := cmp.Compare(a.v, b.v); c != 0 {
			return c
		}
		return cmp.Compare(a.i, b.i)
	})
	scores := make([]int, n)
	size, extra := n/bins, n%bins
	pos := 0
	for b := range bins {
		m := size
		if b < extra {
			m++
		}
		for _, r := range order[pos : pos+m] {
			scores[r.i] = b + 1
		}
		pos += m
	}
	return scores
}

// reachedCuts returns, for k = 1 … bins−1, the least value scored above k
// (with reverse, the least value scored at most bins−k), +Inf where no
// value did: the cut points an NTILE scoring behaves like.
func reachedCuts(vals []float64, scores []int, bins int, reverse bool) []float64 {
	least := make([]float64, bins+2) // least value by score
	for s := range least {
		least[s] = math.Inf(1)
	}
	for i, v := range vals {
		least[scores[i]] = min(least[scores[i]], v)
	}
	cuts := make([]float64, bins-1)
	acc := math.Inf(1)
	if reverse {
		// cuts[k−1] is the least value of scores 1 … bins−k: s = bins−k.
		for s := 1; s <= bins-1; s++ {
			acc = min(acc, least[s])
			cuts[bins-1-s] = acc
		}
		return cuts
	}
	for s := bins; s >= 2; s-- {
		acc = min(acc, least[s])
		cuts[s-2] = acc
	}
	return cuts
}

// quantileCuts returns the quantiles k/bins, k = 1 … bins−1, of vals by
// linear interpolation between order statistics (R's type 7).
func quantileCuts(vals []float64, bins int) []float64 {
	s := slices.Clone(vals)
	slices.Sort(s)
	n := len(s)
	out := make([]float64, bins-1)
	for k := range out {
		h := float64(n-1) * float64(k+1) / float64(bins)
		lo := int(math.Floor(h))
		hi := min(lo+1, n-1)
		out[k] = s[lo] + (h-float64(lo))*(s[hi]-s[lo])
	}
	return out
}

// scoreByCuts gives each value one more than the number of cuts
// (ascending) at or below it; with reverse, Bins less that number.
func scoreByCuts(vals, cuts []float64, reverse bool) []int {
	out := make([]int, len(vals))
	for i, v := range vals {
		k := sort.Search(len(cuts), func(k int) bool { return cuts[k] > v }) // cuts[<k] ≤ v < cuts[k]
		if reverse {
			out[i] = len(cuts) + 1 - k
		} else {
			out[i] = 1 + k
		}
	}
	return out
}
