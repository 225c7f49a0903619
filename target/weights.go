package target

import (
	"fmt"
	"math"

	"github.com/shopspring/decimal"

	"github.com/salesgrowth/salesgrowth/internal/money"
)

// ShareScale is the number of decimal places of a share reported by
// [Tree.Shares]: shares are whole multiples of 10⁻¹² that sum to exactly one.
// Splits do not use these rounded shares but the weights behind them:
// explicit weights exactly, and weights computed in float64 (history,
// potential, profiles) at 53-bit precision.
const ShareScale = 12

// oneShare is 10^ShareScale, the integer value of a share of one.
const oneShare = 1_000_000_000_000

// WeightMethod selects how a parent's amount is shared among its children.
//
// The zero WeightMethod is [Equal].
type WeightMethod uint8

const (
	// Equal gives every child the same share.
	Equal WeightMethod = iota
	// Explicit shares by each child's [Node.Weight].
	Explicit
	// HistoryTotal shares by each child's total history over the window:
	// shareᵢ = Σₜ hᵢ,ₜ / Σⱼ Σₜ hⱼ,ₜ. Big years weigh more.
	HistoryTotal
	// HistoryShares averages each period's shares over the window:
	// shareᵢ = meanₜ (hᵢ,ₜ / Σⱼ hⱼ,ₜ), over the periods with a positive total.
	// Every period counts equally, so one exceptional year weighs less.
	HistoryShares
	// Potential shares by each child's [Node.Potential] (capacity, addressable
	// spend, market size).
	Potential
	// HistoryPotential blends the HistoryTotal share and the Potential share:
	// shareᵢ = b·historyᵢ + (1−b)·potentialᵢ with b = [WeightSource.HistoryShare].
	HistoryPotential
)

// String returns the method's name.
func (m WeightMethod) String() string {
	switch m {
	case Equal:
		return "equal"
	case Explicit:
		return "explicit"
	case HistoryTotal:
		return "history-total"
	case HistoryShares:
		return "history-shares"
	case Potential:
		return "potential"
	case HistoryPotential:
		return "history-potential"
	}
	return fmt.Sprintf("WeightMethod(%d)", uint8(m))
}

// NoHistory is the policy for a child whose history over the window is zero
// or missing (a new customer, a new project) in a history-based split. The
// zero value is [ZeroShare]: a split by history never takes from the
// customers that made the history to give to one that has none, unless the
// caller says so with [SiblingAverage]. Either way [Tree.Shares] and
// [Plan.WithoutHistory] report the children the policy decided.
type NoHistory uint8

const (
	// ZeroShare gives such a child no share; its target comes from a lock,
	// an explicit weight or potential, or not at all. It is the default.
	ZeroShare NoHistory = iota
	// SiblingAverage gives such a child the average history share of its
	// siblings that have history, before all shares are renormalised. With
	// one established sibling, a new customer takes half of their parent.
	SiblingAverage
)

// String returns the policy's name.
func (p NoHistory) String() string {
	switch p {
	case SiblingAverage:
		return "sibling-average"
	case ZeroShare:
		return "zero-share"
	}
	return fmt.Sprintf("NoHistory(%d)", uint8(p))
}

// WeightSource says how to compute the shares of a parent's children. The
// zero value is an equal split.
type WeightSource struct {
	// Method is the weighting method.
	Method WeightMethod
	// Window is the number of most recent history periods used; zero means
	// all of them.
	Window int
	// HistoryShare is b in [0, 1], the weight of history in HistoryPotential.
	HistoryShare float64
	// NoHistory is the policy for children without history.
	NoHistory NoHistory
}

// Validate reports whether the source is usable: a known method and policy,
// Window ≥ 0, HistoryShare in [0, 1]. Errors wrap [ErrUnknownOption],
// [ErrInvalidSpec] (a negative window) or
// [ErrInvalidRate].
func (w WeightSource) Validate() error {
	return wrap(w.validate())
}

// validate is [WeightSource.Validate] with its errors not yet prefixed.
func (w WeightSource) validate() error {
	if w.Method > HistoryPotential {
		return fmt.Errorf("weight source: method %d: %w", w.Method, ErrUnknownOption)
	}
	if w.NoHistory > SiblingAverage {
		return fmt.Errorf("weight source: no-history policy %d: %w", w.NoHistory, ErrUnknownOption)
	}
	if w.Window < 0 {
		return fmt.Errorf("weight source: window %d: %w", w.Window, ErrInvalidSpec)
	}
	if !(w.HistoryShare >= 0 && w.HistoryShare <= 1) {
		return fmt.Errorf("weight source: history share %v: %w", w.HistoryShare, ErrInvalidRate)
	}
	return nil
}

// Share is a child's share of its parent, a multiple of 10⁻¹² (see
// [ShareScale]).
//
// The zero Share is no share of no node.
type Share struct {
	ID    string          // the child's ID
	Share decimal.Decimal // its share of the parent, 0 … 1
	// NoHistory reports that the child had no history in the window and
	// its share comes from the [NoHistory] policy.
	NoHistory bool
}

// Shares returns the shares of parent's children under the weight source, in
// child order. They sum to exactly one. Errors wrap [ErrUnknownNode], a
// [WeightSource.Validate] error, [ErrZeroWeights] (every weight zero) or
// [ErrNoHistory] (a history split where no child has history); a leaf has no
// children and no shares.
func (t *Tree) Shares(parent string, w WeightSource) ([]Share, error) {
	res, err := t.shares(parent, w)
	return res, wrap(err)
}

// shares is [Tree.Shares] with its errors not yet prefixed.
func (t *Tree) shares(parent string, w WeightSource) ([]Share, error) {
	i, ok := t.byID.get(parent)
	if !ok {
		return nil, fmt.Errorf("shares of %q: %w", parent, ErrUnknownNode)
	}
	weights, missing, err := t.splitWeights(i, w)
	if err != nil {
		return nil, err
	}
	units := make([]int64, len(weights))
	if len(weights) > 0 {
		var s money.Splitter
		s.Split(units, oneShare, weights)
	}
	out := make([]Share, len(units))
	for k, u := range units {
		out[k] = Share{ID: t.nodes[t.kids(i)[k]].ID, Share: decimal.New(int64(u), -ShareScale)}
	}
	for _, k := range missing {
		out[k].NoHistory = true
	}
	return out, nil
}

// splitWeights returns the integer weights by which node i's amount is
// split among its children: explicit weights scaled exactly to integers
// (when they fit in 64 bits; otherwise their shares rounded to 10⁻¹²), or
// float64 weights scaled to sum to 2⁵³. Their sum is positive.
func (t *Tree) splitWeights(i int, w WeightSource) (weights []uint64, missing []int, err error) {
	if err := w.validate(); err != nil {
		return nil, nil, err
	}
	kids := t.kids(i)
	dst := make([]uint64, len(kids))
	if len(kids) == 0 {
		return dst, missing, nil
	}
	id := t.nodes[i].ID
	raw := make([]float64, len(kids))
	switch w.Method {
	case Equal:
		for k := range raw {
			raw[k] = 1
		}
	case Explicit:
		ws := make([]decimal.Decimal, len(kids))
		for k, c := range kids {
			ws[k] = t.nodes[c].Weight
		}
		if sum, fast, err := money.ScaleWeights(dst, ws); err == nil && fast && sum > 0 {
			return dst, missing, nil
		}
		parts, err := money.SplitAmount(decimal.NewFromInt(1), ws, shareUnit())
		if err != nil {
			return nil, nil, fmt.Errorf("shares of %q (explicit): %w", id, err)
		}
		for k, p := range parts {
			dst[k] = uint64(p.Shift(ShareScale).IntPart())
		}
		return dst, missing, nil
	case Potential:
		for k, c := range kids {
			raw[k] = t.potential[c]
		}
	case HistoryTotal, HistoryShares:
		if missing, err = t.historyShares(i, w, raw); err != nil {
			return nil, nil, err
		}
	case HistoryPotential:
		if missing, err = t.historyShares(i, WeightSource{Method: HistoryTotal, Window: w.Window, NoHistory: w.NoHistory}, raw); err != nil {
			return nil, nil, err
		}
		pot := make([]float64, len(kids))
		var sum float64
		for k, c := range kids {
			pot[k] = t.potential[c]
			sum += pot[k]
		}
		if sum == 0 {
			return nil, nil, fmt.Errorf("shares of %q (%s): potential: %w", id, w.Method, ErrZeroWeights)
		}
		var hsum float64
		for _, v := range raw {
			hsum += v
		}
		if math.IsInf(sum, 0) || math.IsInf(hsum, 0) {
			return nil, nil, fmt.Errorf("shares of %q (%s): history or potential sums beyond float64: %w", id, w.Method, ErrInvalidWeight)
		}
		for k := range raw {
			raw[k] = w.HistoryShare*raw[k]/hsum + (1-w.HistoryShare)*pot[k]/sum
		}
	}
	if err := money.FloatWeights(dst, raw); err != nil {
		return nil, nil, fmt.Errorf("shares of %q (%s): %w", id, w.Method, err)
	}
	return dst, missing, nil
}

// historyShares writes the raw history weights of node i's children into raw,
// applying the no-history policy, and returns the children (by position)
// that had no history.
func (t *Tree) historyShares(i int, w WeightSource, raw []float64) ([]int, error) {
	kids := t.kids(i)
	n := 0
	for _, c := range kids {
		n = max(n, len(t.historyOf(c)))
	}
	if w.Window > 0 {
		n = min(n, w.Window)
	}
	// value of child c at period k of the window (0 = oldest), aligned on the
	// most recent period.
	at := func(c, k int) float64 {
		h := t.historyOf(c)
		j := len(h) - n + k
		if j < 0 || j >= len(h) {
			return 0
		}
		return h[j]
	}
	has := make([]bool, len(kids))
	switch w.Method {
	case HistoryTotal:
		for ci, c := range kids {
			for k := range n {
				raw[ci] += at(c, k)
			}
		}
	case HistoryShares:
		periods := 0
		for k := range n {
			var tot float64
			for _, c := range kids {
				tot += at(c, k)
			}
			if math.IsInf(tot, 0) {
				return nil, fmt.Errorf("shares of %q (%s): history of period %d sums beyond float64: %w", t.nodes[i].ID, w.Method, k+1, ErrInvalidHistory)
			}
			if tot <= 0 {
				continue
			}
			periods++
			for ci, c := range kids {
				raw[ci] += at(c, k) / tot
			}
		}
		for ci := range raw {
			if periods > 0 {
				raw[ci] /= float64(periods)
			}
		}
	}
	var sum float64
	count := 0
	for ci, v := range raw {
		if v > 0 {
			has[ci] = true
			sum += v
			count++
		}
	}
	if count == 0 {
		return nil, fmt.Errorf("shares of %q (%s): %w", t.nodes[i].ID, w.Method, ErrNoHistory)
	}
	if w.NoHistory == SiblingAverage && count < len(raw) {
		avg := sum / float64(count)
		for ci := range raw {
			if !has[ci] {
				raw[ci] = avg
			}
		}
	}
	var missing []int
	for ci, h := range has {
		if !h {
			missing = append(missing, ci)
		}
	}
	return missing, nil
}

// shareUnit returns 10^−ShareScale, the unit of a share.
func shareUnit() money.Unit {
	u, _ := money.NewUnit(decimal.New(1, -ShareScale))
	return u
}

// GrowthMethod names how growth and attrition combine in [Grow].
//
// The zero GrowthMethod is [Compound].
type GrowthMethod uint8

const (
	// Compound applies growth to the base, then attrition to the result:
	// base·(1+g)·(1−a).
	Compound GrowthMethod = iota
	// Additive nets growth and attrition before applying them:
	// base·(1+g−a).
	Additive
)

// String returns the method's name.
func (m GrowthMethod) String() string {
	switch m {
	case Compound:
		return "compound"
	case Additive:
		return "additive"
	}
	return fmt.Sprintf("GrowthMethod(%d)", uint8(m))
}

// Grow returns the target that a baseline implies after growth g and
// attrition a, both fractions of the base for the same period (0.12 = 12 %):
// base·(1+g)·(1−a) with [Compound], base·(1+g−a) with [Additive]. The
// result is exact (decimal multiplication does not round); round it to the
// plan's unit yourself. Growth must exceed −1 and attrition lie in [0, 1];
// other rates or an unknown method are errors wrapping [ErrInvalidRate].
func Grow(base, growth, attrition decimal.Decimal, m GrowthMethod) (decimal.Decimal, error) {
	res, err := grow(base, growth, attrition, m)
	return res, wrap(err)
}

// grow is [Grow] with its errors not yet prefixed.
func grow(base, growth, attrition decimal.Decimal, m GrowthMethod) (decimal.Decimal, error) {
	one := decimal.NewFromInt(1)
	if growth.LessThanOrEqual(one.Neg()) {
		return decimal.Decimal{}, fmt.Errorf("grow: growth %s: %w", growth, ErrInvalidRate)
	}
	if attrition.Sign() < 0 || attrition.GreaterThan(one) {
		return decimal.Decimal{}, fmt.Errorf("grow: attrition %s: %w", attrition, ErrInvalidRate)
	}
	switch m {
	case Compound:
		return base.Mul(one.Add(growth)).Mul(one.Sub(attrition)), nil
	case Additive:
		return base.Mul(one.Add(growth).Sub(attrition)), nil
	}
	return decimal.Decimal{}, fmt.Errorf("grow: method %d: %w", m, ErrInvalidRate)
}
