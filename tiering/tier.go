package tiering

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/salesgrowth/salesgrowth/internal/lang"
	"github.com/salesgrowth/salesgrowth/internal/money"
)

// Tier is one level of the course's customer pyramid, from the base to the
// top. The zero Tier is [Transactional].
type Tier uint8

// The four tiers, base first.
const (
	// Transactional customers (交易型) buy on price; they are served at
	// the least cost, by self-service and inside sales.
	Transactional Tier = iota
	// Standard customers (标准型) buy regularly; they get standard service.
	Standard
	// Value customers (价值型) bring much of the profit; a key-account
	// manager develops them.
	Value
	// Strategic customers (战略型) are the few that carry the business; a
	// team and the executives develop the partnership.
	Strategic
)

// NumTiers is the number of tiers.
const NumTiers = 4

// String returns the tier's English name: "transactional", "standard",
// "value" or "strategic".
func (t Tier) String() string {
	switch t {
	case Transactional:
		return "transactional"
	case Standard:
		return "standard"
	case Value:
		return "value"
	case Strategic:
		return "strategic"
	}
	return fmt.Sprintf("Tier(%d)", uint8(t))
}

// Chinese returns the course's name of the tier: 交易型, 标准型, 价值型 or
// 战略型.
func (t Tier) Chinese() string {
	switch t {
	case Transactional:
		return "交易型"
	case Standard:
		return "标准型"
	case Value:
		return "价值型"
	case Strategic:
		return "战略型"
	}
	return t.String()
}

// Title returns the tier's name in English ([Tier.String]) or, for a
// Chinese language tag ("zh", "zh-CN", …), [Tier.Chinese].
func (t Tier) Title(tag string) string { return lang.Pick(tag, t.String(), t.Chinese()) }

// ParseTier parses a tier's English or Chinese name, case-insensitively;
// anything else is an error wrapping [ErrUnknownTier].
func ParseTier(s string) (Tier, error) {
	v := strings.ToLower(strings.TrimSpace(s))
	for t := Transactional; t <= Strategic; t++ {
		if v == t.String() || v == t.Chinese() {
			return t, nil
		}
	}
	return 0, wrap(fmt.Errorf("tier %q: %w", s, ErrUnknownTier))
}

// Method selects how [Assign] draws the tier boundaries. The zero Method is
// [ByThresholds].
type Method uint8

const (
	// ByThresholds uses the caller's value bars: a customer is in the
	// highest tier whose lower bound [Options.Thresholds] its value
	// reaches.
	ByThresholds Method = iota
	// ByShares fills the pyramid by head count: the top [Options.Shares]
	// of customers, by value, are strategic, and so on down. Counts are
	// rounded by the largest-remainder method so that they sum to the
	// number of customers.
	ByShares
	// ByProfitShare is the Pareto rule: customers, from the most valuable
	// down, are strategic until they make [Options.ProfitShares][0] of the
	// total positive value, value until the cumulative share reaches the
	// second cut, standard until the third, and transactional beyond.
	ByProfitShare
	// ByNaturalBreaks draws the boundaries where the values themselves
	// break: the four classes of [NaturalBreaks].
	ByNaturalBreaks
)

// String returns the method's name.
func (m Method) String() string {
	switch m {
	case ByThresholds:
		return "thresholds"
	case ByShares:
		return "shares"
	case ByProfitShare:
		return "profit-share"
	case ByNaturalBreaks:
		return "natural-breaks"
	}
	return fmt.Sprintf("Method(%d)", uint8(m))
}

// Options configures [Assign]. The zero Options is [ByThresholds] with no
// threshold set, which is an error; set a Method. Fractions are fractions
// (0.05 = 5 %), never percentages.
type Options struct {
	// Method draws the boundaries.
	Method Method
	// Thresholds are the lower bounds of standard, value and strategic, in
	// the values' unit, non-decreasing (ByThresholds).
	Thresholds [3]float64
	// Shares are the shares of customers in strategic, value, standard and
	// transactional, top first, summing to one (ByShares). Zero means the
	// pyramid 5 %, 15 %, 30 %, 50 %.
	Shares [NumTiers]float64
	// ProfitShares are the cumulative shares of total positive value at
	// which strategic, value and standard end, increasing, in (0, 1]
	// (ByProfitShare). Zero means 0.5, 0.8, 0.95.
	ProfitShares [3]float64
	// Potential, when not nil, is a second criterion per customer
	// (strategic potential): a customer below the value bar whose
	// potential reaches PotentialBar moves up one tier. Its length must be
	// the number of values.
	Potential []float64
	// PotentialBar is the potential that lifts a customer one tier.
	PotentialBar float64
	// LossMakersRise lets customers with a negative value rise above
	// transactional by the methods' rules (a potential lift, thresholds
	// below zero). By default they never do.
	LossMakersRise bool
}

// Assignment is the result of [Assign]. The zero Assignment has no
// customers.
type Assignment struct {
	// Tiers holds each customer's tier, in the order of the values.
	Tiers []Tier
	// LossMaker flags the customers with a negative value.
	LossMaker []bool
	// Lifted flags the customers moved up one tier by their potential.
	Lifted []bool
	// Bounds are the lower bounds of standard, value and strategic that
	// the method drew, in the values' unit: a customer's value-based tier
	// is the highest whose bound it reaches. A tier without customers has
	// the next tier's bound (+Inf above the highest value).
	Bounds [3]float64
	// Counts holds the number of customers per tier, base first.
	Counts [NumTiers]int
}

// Assign places every customer in one of the four tiers by its value (a
// lifetime profit or any score, in any unit) and the method of opt.
//
// Equal values always share a tier: a boundary never falls between equal
// values. Where a share-based method would put a boundary inside a run of
// equal values, the whole run goes to the tier that would hold most of it,
// the upper one on an even split, so counts can then differ from the
// requested shares by more than one. Customers with a negative value are
// flagged in every method and, unless opt.LossMakersRise, kept in
// [Transactional]. A potential lift (opt.Potential) raises a customer below
// the strategic bound one tier when its potential reaches the bar.
//
// Errors wrap [ErrNoValues] (no customers), [ErrNotFinite] (a NaN or
// infinite value or potential, naming its index), [ErrInvalidOption]
// (thresholds that decrease, shares that do not sum to one or are
// negative, profit cuts outside (0, 1] or not increasing, a potential slice
// of another length, an unknown method). The inputs are not modified.
func Assign(values []float64, opt Options) (Assignment, error) {
	a, err := assign(values, opt)
	return a, wrap(err)
}

// AssignDecimal is [Assign] for values given as decimals (money at the API):
// each is converted to float64 once, which keeps the order of values that
// differ in their first 15 significant digits; a value beyond float64's
// range is an error wrapping [ErrNotFinite].
func AssignDecimal(values []decimal.Decimal, opt Options) (Assignment, error) {
	f := make([]float64, len(values))
	for i, v := range values {
		f[i] = v.InexactFloat64()
		if math.IsInf(f[i], 0) {
			return Assignment{}, wrap(fmt.Errorf("value %d: %s beyond float64: %w", i, v, ErrNotFinite))
		}
	}
	return Assign(f, opt)
}

func assign(values []float64, opt Options) (Assignment, error) {
	n := len(values)
	if n == 0 {
		return Assignment{}, ErrNoValues
	}
	for i, v := range values {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return Assignment{}, fmt.Errorf("value %d: %v: %w", i, v, ErrNotFinite)
		}
	}
	if opt.Potential != nil {
		if len(opt.Potential) != n {
			return Assignment{}, fmt.Errorf("%d potentials for %d values: %w", len(opt.Potential), n, ErrInvalidOption)
		}
		for i, v := range opt.Potential {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return Assignment{}, fmt.Errorf("potential %d: %v: %w", i, v, ErrNotFinite)
			}
		}
		if math.IsNaN(opt.PotentialBar) || math.IsInf(opt.PotentialBar, 0) {
			return Assignment{}, fmt.Errorf("potential bar %v: %w", opt.PotentialBar, ErrNotFinite)
		}
	}
	// The values from the highest down: the share methods cut this ranking,
	// and only the values at the cuts matter, not who holds them.
	ranked := slices.Clone(values)
	slices.Sort(ranked)
	slices.Reverse(ranked)
	var bounds [3]float64
	var err error
	switch opt.Method {
	case ByThresholds:
		bounds, err = thresholdBounds(opt.Thresholds)
	case ByShares:
		bounds, err = shareBounds(ranked, opt.Shares)
	case ByProfitShare:
		bounds, err = profitBounds(ranked, opt.ProfitShares)
	case ByNaturalBreaks:
		bounds, err = breakBounds(values)
	default:
		err = fmt.Errorf("method %d: %w", opt.Method, ErrInvalidOption)
	}
	if err != nil {
		return Assignment{}, err
	}
	a := Assignment{Tiers: make([]Tier, n), LossMaker: make([]bool, n), Lifted: make([]bool, n), Bounds: bounds}
	for i, v := range values {
		t := Transactional
		for k := 2; k >= 0; k-- {
			if v >= bounds[k] {
				t = Tier(k + 1)
				break
			}
		}
		if opt.Potential != nil && t < Strategic && opt.Potential[i] >= opt.PotentialBar {
			t++
			a.Lifted[i] = true
		}
		if v < 0 {
			a.LossMaker[i] = true
			if !opt.LossMakersRise {
				t, a.Lifted[i] = Transactional, false
			}
		}
		a.Tiers[i] = t
		a.Counts[t]++
	}
	return a, nil
}

// thresholdBounds validates the caller's bars.
func thresholdBounds(th [3]float64) ([3]float64, error) {
	for k, v := range th {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return th, fmt.Errorf("threshold %d: %v: %w", k+1, v, ErrNotFinite)
		}
		if k > 0 && v < th[k-1] {
			return th, fmt.Errorf("thresholds %v decrease: %w", th, ErrInvalidOption)
		}
	}
	if th == [3]float64{} {
		return th, fmt.Errorf("no thresholds set: %w", ErrInvalidOption)
	}
	return th, nil
}

// shareBounds cuts the ranking by head count: counts from the shares by the
// largest-remainder method, then each cut moved off any run of equal values.
func shareBounds(ranked []float64, shares [NumTiers]float64) ([3]float64, error) {
	if shares == [NumTiers]float64{} {
		shares = [NumTiers]float64{0.05, 0.15, 0.30, 0.50}
	}
	var sum float64
	for k, s := range shares {
		if !(s >= 0 && s <= 1) {
			return [3]float64{}, fmt.Errorf("share %d: %v (a fraction, not a percentage): %w", k+1, s, ErrInvalidOption)
		}
		sum += s
	}
	if math.Abs(sum-1) > 1e-9 {
		return [3]float64{}, fmt.Errorf("shares %v sum to %v, not 1: %w", shares, sum, ErrInvalidOption)
	}
	w := make([]uint64, NumTiers)
	if err := money.FloatWeights(w, shares[:]); err != nil {
		return [3]float64{}, fmt.Errorf("shares: %w", ErrInvalidOption)
	}
	counts := make([]int64, NumTiers)
	var sp money.Splitter
	sp.Split(counts, int64(len(ranked)), w)
	// cut[k]: how many customers, from the top, are in the top k+1 tiers.
	var cuts [3]int
	c := 0
	for k := range 3 {
		c += int(counts[k])
		cuts[k] = c
	}
	return cutBounds(ranked, cuts), nil
}

// profitBounds cuts the ranking where the cumulative share of the total
// positive value reaches each cut.
func profitBounds(ranked []float64, cutShares [3]float64) ([3]float64, error) {
	if cutShares == [3]float64{} {
		cutShares = [3]float64{0.5, 0.8, 0.95}
	}
	for k, s := range cutShares {
		if !(s > 0 && s <= 1) || (k > 0 && s <= cutShares[k-1]) {
			return [3]float64{}, fmt.Errorf("profit shares %v: increasing fractions in (0, 1] (not percentages): %w", cutShares, ErrInvalidOption)
		}
	}
	c := valueCuts(ranked, cutShares[:])
	return cutBounds(ranked, [3]int{c[0], c[1], c[2]}), nil
}

// cutBounds turns head counts from the top of the ranking into the three
// tier bounds (see cutValues), a tier without customers taking the next
// one's bound.
func cutBounds(ranked []float64, cuts [3]int) [3]float64 {
	v := cutValues(ranked, cuts[:])
	bounds := [3]float64{v[2], v[1], v[0]}
	// Bounds must not decrease upwards: a cut moved off a run can leave a
	// lower tier's bound above a higher one's.
	for k := 1; k >= 0; k-- {
		bounds[k] = min(bounds[k], bounds[k+1])
	}
	return bounds
}

// cutValues turns head counts from the top of the ranking (values, highest
// first) into value bounds: for each cut, the least value of the customers
// above it (+Inf for a cut at zero), after moving the cut off a run of equal
// values — the run goes to the side holding most of it, the upper side on
// an even split.
func cutValues(ranked []float64, cuts []int) []float64 {
	n := len(ranked)
	out := make([]float64, len(cuts))
	for k, c := range cuts {
		if c > 0 && c < n && ranked[c-1] == ranked[c] {
			v := ranked[c]
			lo, hi := c, c
			for lo > 0 && ranked[lo-1] == v {
				lo--
			}
			for hi < n && ranked[hi] == v {
				hi++
			}
			if c-lo >= hi-c { // most of the run (or half) is above the cut
				c = hi
			} else {
				c = lo
			}
		}
		if c == 0 {
			out[k] = math.Inf(1) // nobody is above this cut
		} else {
			out[k] = ranked[c-1]
		}
	}
	return out
}

// valueCuts returns the head counts from the top of the ranking at which
// the cumulative share of the total positive value first reaches each of
// shares (increasing): the customer whose value crosses a share is above
// the cut.
func valueCuts(ranked []float64, shares []float64) []int {
	var total float64
	for _, v := range ranked {
		total += max(v, 0)
	}
	cuts := make([]int, len(shares))
	if total == 0 {
		return cuts // no positive value: nobody reaches any share
	}
	var cum float64
	pos := 0
	for k, s := range shares {
		for pos < len(ranked) && cum < s*total-1e-12*total {
			cum += max(ranked[pos], 0)
			pos++
		}
		cuts[k] = pos
	}
	return cuts
}

// breakBounds draws the bounds at the natural breaks of the values (fewer
// classes when there are fewer than four distinct values: the top classes
// are then the top tiers).
func breakBounds(values []float64) ([3]float64, error) {
	p, err := prepare(values)
	if err != nil {
		return [3]float64{}, err
	}
	k := min(NumTiers, len(p.x))
	b, err := p.breaks(k)
	if err != nil {
		return [3]float64{}, err
	}
	bounds := [3]float64{math.Inf(1), math.Inf(1), math.Inf(1)}
	// Class j (0-based, of k) starts just above Bounds[j]; with k classes
	// the top class is strategic.
	sorted := p.x
	for j := 1; j < k; j++ {
		upper := b.Bounds[j]
		i, _ := slices.BinarySearch(sorted, upper)
		low := sorted[i+1] // the least value of class j
		bounds[3-(k-j)] = low
	}
	for j := 1; j >= 0; j-- {
		bounds[j] = min(bounds[j], bounds[j+1]) // an empty tier takes the next one's bound
	}
	return bounds, nil
}
