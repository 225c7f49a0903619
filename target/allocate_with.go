package target

import (
	"fmt"
	"math/big"
	"slices"

	"github.com/shopspring/decimal"

	"github.com/salesgrowth/salesgrowth/internal/money"
)

// Mode says what happens to the units left over after every part has received
// the whole units of its exact quota.
//
// The zero Mode is [LargestRemainder].
type Mode uint8

const (
	// LargestRemainder gives the leftover units, one each, to the parts with the
	// largest remainders, earlier parts first on ties. It is the default and
	// the method of [Allocate].
	LargestRemainder Mode = iota
	// FirstParts gives the leftover units, one each, to the first parts in
	// order that have a positive weight and are neither locked nor held at a
	// bound (the "remainder to the first parts" rule of many money libraries).
	FirstParts
	// KeepLeftover leaves every part at the whole units of its quota, rounded
	// toward zero, and returns the leftover in [Allocation.Leftover].
	KeepLeftover
)

// String returns the mode's name.
func (m Mode) String() string {
	switch m {
	case LargestRemainder:
		return "largest-remainder"
	case FirstParts:
		return "first-parts"
	case KeepLeftover:
		return "keep-leftover"
	}
	return fmt.Sprintf("Mode(%d)", uint8(m))
}

// Options configures [AllocateWith]. The zero value means: unit 0.01, the
// largest-remainder method, no locked parts and no bounds. Locked, Min and Max
// are either nil or have one entry per part; an entry whose Valid field is
// false imposes nothing.
type Options struct {
	// Unit is the rounding unit; zero means 0.01.
	Unit decimal.Decimal
	// Mode is what happens to the leftover units.
	Mode Mode
	// Locked fixes parts at the given amounts; the other parts share the rest
	// of the total (total − Σ locked) by their weights.
	Locked []decimal.NullDecimal
	// Min and Max bound the parts that are not locked. A part whose
	// proportional share would fall outside its bounds is held at the bound
	// and the difference is redistributed over the other parts by their
	// weights, repeatedly, until every part is within its bounds.
	Min, Max []decimal.NullDecimal
}

// Validate reports whether the options are usable by themselves: a negative
// unit or an unknown mode ([ErrUnknownOption]) is an error. Lengths and multiples of the unit are
// checked by [AllocateWith], which knows the weights.
func (o *Options) Validate() error {
	return wrap(o.validate())
}

// validate is [Options.Validate] with its errors not yet prefixed.
func (o *Options) validate() error {
	if o.Unit.Sign() < 0 {
		return fmt.Errorf("options: unit %s: %w", o.Unit, ErrInvalidUnit)
	}
	if o.Mode > KeepLeftover {
		return fmt.Errorf("options: mode %d: %w", o.Mode, ErrUnknownOption)
	}
	return nil
}

// Allocation is the result of [AllocateWith]: the parts, one per weight, and
// the leftover that was not spread (non-zero only with [KeepLeftover]).
// Parts plus Leftover always sum exactly to the total.
type Allocation struct {
	Parts    []decimal.Decimal // one part per weight, multiples of the unit
	Leftover decimal.Decimal   // what KeepLeftover did not spread
}

// AllocateWith splits total by weights like [Allocate], with locked parts,
// per-part minimums and maximums, and a choice of what happens to the leftover
// units. A nil opt means the zero Options.
//
// The split of the unlocked rest R = total − Σ locked is the water-filling
// solution: part i gets clamp(λ·wᵢ, minᵢ, maxᵢ) with the one λ for which the
// parts sum to R, computed exactly with rationals; the parts strictly inside
// their bounds are then rounded by opt.Mode. Bounds, locked amounts and total
// must be multiples of the unit, so a rounded part never leaves its bounds. A
// part with weight zero gets zero, or the nearest bound when zero is outside
// its bounds. As in Allocate, a negative rest is split as its absolute value
// (with the bounds mirrored) and negated.
//
// Errors wrap [ErrInvalidUnit], [ErrNotMultiple], [ErrNegativeWeight],
// [ErrLength] (an option slice of the wrong length), [ErrZeroWeights] (a
// non-zero rest and no positive weight to carry it) and [ErrInfeasible]
// (min > max, or a rest outside Σ min … Σ max). Inputs are not modified.
func AllocateWith(total decimal.Decimal, weights []decimal.Decimal, opt *Options) (Allocation, error) {
	res, err := allocateWith(total, weights, opt)
	return res, wrap(err)
}

// allocateWith is [AllocateWith] with its errors not yet prefixed.
func allocateWith(total decimal.Decimal, weights []decimal.Decimal, opt *Options) (Allocation, error) {
	var o Options
	if opt != nil {
		o = *opt
	}
	if err := o.validate(); err != nil {
		return Allocation{}, err
	}
	unit, err := unitOrCent(o.Unit)
	if err != nil {
		return Allocation{}, err
	}
	n, err := unit.BigCount(total)
	if err != nil {
		return Allocation{}, err
	}
	np := len(weights)
	if np == 0 {
		return Allocation{}, fmt.Errorf("allocate: no weights: %w", ErrZeroWeights)
	}
	for _, s := range []struct {
		name string
		v    []decimal.NullDecimal
	}{{"locked", o.Locked}, {"min", o.Min}, {"max", o.Max}} {
		if s.v != nil && len(s.v) != np {
			return Allocation{}, fmt.Errorf("allocate: %d %s values for %d parts: %w", len(s.v), s.name, np, ErrLength)
		}
	}
	w, err := money.BigWeights(weights)
	if err != nil {
		return Allocation{}, err
	}
	bound := func(name string, v []decimal.NullDecimal, i int) (*big.Int, error) {
		if v == nil || !v[i].Valid {
			return nil, nil
		}
		u, err := unit.BigCount(v[i].Decimal)
		if err != nil {
			return nil, fmt.Errorf("%s of part %d: %w", name, i, err)
		}
		return u, nil
	}

	parts := make([]*big.Int, np)
	free := make([]bool, np)
	lo := make([]*big.Int, np)
	hi := make([]*big.Int, np)
	rest := new(big.Int).Set(n)
	for i := range np {
		l, err := bound("locked amount", o.Locked, i)
		if err != nil {
			return Allocation{}, err
		}
		if l != nil {
			parts[i] = l
			rest.Sub(rest, l)
			continue
		}
		free[i] = true
		if lo[i], err = bound("min", o.Min, i); err != nil {
			return Allocation{}, err
		}
		if hi[i], err = bound("max", o.Max, i); err != nil {
			return Allocation{}, err
		}
		if lo[i] != nil && hi[i] != nil && lo[i].Cmp(hi[i]) > 0 {
			return Allocation{}, fmt.Errorf("allocate: part %d: min %s > max %s: %w",
				i, o.Min[i].Decimal, o.Max[i].Decimal, ErrInfeasible)
		}
	}

	neg := rest.Sign() < 0
	if neg {
		rest.Neg(rest)
		for i := range np {
			l, h := hi[i], lo[i]
			if l != nil {
				l = new(big.Int).Neg(l)
			}
			if h != nil {
				h = new(big.Int).Neg(h)
			}
			lo[i], hi[i] = l, h
		}
	}
	free2 := make([]int, 0, np)
	for i, f := range free {
		if f {
			free2 = append(free2, i)
		}
	}
	ws := waterFill{w: w, lo: lo, hi: hi, idx: free2}
	got, leftover, err := ws.solve(rest, o.Mode)
	if err != nil {
		return Allocation{}, err
	}
	for _, i := range free2 {
		if neg {
			got[i].Neg(got[i])
		}
		parts[i] = got[i]
	}
	if neg {
		leftover.Neg(leftover)
	}
	out := Allocation{Parts: make([]decimal.Decimal, np), Leftover: unit.BigAmount(leftover)}
	for i, p := range parts {
		out.Parts[i] = unit.BigAmount(p)
	}
	return out, nil
}

// waterFill solves the bounded proportional split over the parts idx. lo and
// hi hold the bounds in units (nil: unbounded).
type waterFill struct {
	w      []*big.Int
	lo, hi []*big.Int
	idx    []int
}

// state of a part at a given λ: held at its lower bound, held at its upper
// bound, or free.
const (
	atLow = iota - 1
	inside
	atHigh
)

// stateAt returns the state of part i at λ.
func (f *waterFill) stateAt(i int, lambda *big.Rat) int {
	q := new(big.Rat).Mul(lambda, new(big.Rat).SetInt(f.w[i]))
	if f.lo[i] != nil && q.Cmp(new(big.Rat).SetInt(f.lo[i])) <= 0 {
		return atLow
	}
	if f.hi[i] != nil && q.Cmp(new(big.Rat).SetInt(f.hi[i])) >= 0 {
		return atHigh
	}
	return inside
}

// clampZero returns the amount of a zero-weight part: zero, or the nearest bound.
func (f *waterFill) clampZero(i int) *big.Int {
	if f.lo[i] != nil && f.lo[i].Sign() > 0 {
		return new(big.Int).Set(f.lo[i])
	}
	if f.hi[i] != nil && f.hi[i].Sign() < 0 {
		return new(big.Int).Set(f.hi[i])
	}
	return new(big.Int)
}

// sumAt returns Σ clamp(λ·wᵢ, loᵢ, hiᵢ) over the parts.
func (f *waterFill) sumAt(lambda *big.Rat) *big.Rat {
	s := new(big.Rat)
	for _, i := range f.idx {
		switch {
		case f.w[i].Sign() == 0:
			s.Add(s, new(big.Rat).SetInt(f.clampZero(i)))
		default:
			switch f.stateAt(i, lambda) {
			case atLow:
				s.Add(s, new(big.Rat).SetInt(f.lo[i]))
			case atHigh:
				s.Add(s, new(big.Rat).SetInt(f.hi[i]))
			default:
				s.Add(s, new(big.Rat).Mul(lambda, new(big.Rat).SetInt(f.w[i])))
			}
		}
	}
	return s
}

// solve splits rest ≥ 0 over the parts and rounds the free ones by mode. It
// returns the parts (indexed like w) and the leftover units.
func (f *waterFill) solve(rest *big.Int, mode Mode) ([]*big.Int, *big.Int, error) {
	out := make([]*big.Int, len(f.w))
	// Feasibility: the sum of the parts ranges over [Σ low, Σ high].
	minSum, maxSum := new(big.Int), new(big.Int)
	minInf, maxInf := false, false
	var totalW big.Int
	for _, i := range f.idx {
		if f.w[i].Sign() == 0 {
			z := f.clampZero(i)
			minSum.Add(minSum, z)
			maxSum.Add(maxSum, z)
			continue
		}
		totalW.Add(&totalW, f.w[i])
		if f.lo[i] == nil {
			minInf = true
		} else {
			minSum.Add(minSum, f.lo[i])
		}
		if f.hi[i] == nil {
			maxInf = true
		} else {
			maxSum.Add(maxSum, f.hi[i])
		}
	}
	if totalW.Sign() == 0 {
		if minSum.Cmp(rest) != 0 {
			if len(f.idx) == 0 {
				return nil, nil, fmt.Errorf("allocate: every part is locked and the locked amounts miss the total by %s units: %w", rest, ErrInfeasible)
			}
			return nil, nil, fmt.Errorf("allocate: %w", ErrZeroWeights)
		}
		for _, i := range f.idx {
			out[i] = f.clampZero(i)
		}
		return out, new(big.Int), nil
	}
	if (!minInf && rest.Cmp(minSum) < 0) || (!maxInf && rest.Cmp(maxSum) > 0) {
		return nil, nil, fmt.Errorf("allocate: rest of %s units outside the bounds' range: %w", rest, ErrInfeasible)
	}

	lambda := f.lambda(rest, &totalW)

	// Parts held at a bound, and the exact quotas λ·wᵢ = num·wᵢ/den of the rest.
	num, den := lambda.Num(), lambda.Denom()
	left := new(big.Int).Set(rest)
	var inner []int
	rems := map[int]*big.Int{}
	for _, i := range f.idx {
		var v *big.Int
		switch {
		case f.w[i].Sign() == 0:
			v = f.clampZero(i)
		default:
			switch f.stateAt(i, lambda) {
			case atLow:
				v = new(big.Int).Set(f.lo[i])
			case atHigh:
				v = new(big.Int).Set(f.hi[i])
			default:
				q, m := new(big.Int).DivMod(new(big.Int).Mul(num, f.w[i]), den, new(big.Int))
				v = q
				rems[i] = m
				inner = append(inner, i)
			}
		}
		out[i] = v
		left.Sub(left, v)
	}
	// left is now the number of leftover units, 0 ≤ left < len(inner).
	switch mode {
	case KeepLeftover:
		return out, left, nil
	case FirstParts:
		k := left.Int64()
		for _, i := range inner[:k] {
			out[i].Add(out[i], big.NewInt(1))
		}
	default:
		k := left.Int64()
		order := slices.Clone(inner)
		slices.SortStableFunc(order, func(a, b int) int { return rems[b].Cmp(rems[a]) })
		for _, i := range order[:k] {
			out[i].Add(out[i], big.NewInt(1))
		}
	}
	return out, new(big.Int), nil
}

// lambda returns the λ at which Σ clamp(λ·wᵢ, loᵢ, hiᵢ) = rest. Without
// bounds it is rest/Σw. With bounds it walks the sorted breakpoints loᵢ/wᵢ
// and hiᵢ/wᵢ, where the sum changes slope, to the segment that contains rest
// and solves the linear equation there.
func (f *waterFill) lambda(rest, totalW *big.Int) *big.Rat {
	var bps []*big.Rat
	for _, i := range f.idx {
		if f.w[i].Sign() == 0 {
			continue
		}
		if f.lo[i] != nil {
			bps = append(bps, new(big.Rat).SetFrac(f.lo[i], f.w[i]))
		}
		if f.hi[i] != nil {
			bps = append(bps, new(big.Rat).SetFrac(f.hi[i], f.w[i]))
		}
	}
	target := new(big.Rat).SetInt(rest)
	if len(bps) == 0 {
		r := new(big.Int).Set(rest)
		for _, i := range f.idx {
			if f.w[i].Sign() == 0 {
				r.Sub(r, f.clampZero(i))
			}
		}
		return new(big.Rat).SetFrac(r, totalW)
	}
	slices.SortFunc(bps, func(a, b *big.Rat) int { return a.Cmp(b) })
	bps = slices.CompactFunc(bps, func(a, b *big.Rat) bool { return a.Cmp(b) == 0 })
	// First breakpoint whose sum reaches the target.
	j, _ := slices.BinarySearchFunc(bps, target, func(b, t *big.Rat) int {
		if f.sumAt(b).Cmp(t) < 0 {
			return -1
		}
		return 1
	})
	if j < len(bps) && f.sumAt(bps[j]).Cmp(target) == 0 {
		return bps[j]
	}
	// The target lies strictly inside the segment (bps[j-1], bps[j]); probe
	// its middle to learn which parts are free there.
	var probe *big.Rat
	one := big.NewRat(1, 1)
	switch {
	case j == 0:
		probe = new(big.Rat).Sub(bps[0], one)
	case j == len(bps):
		probe = new(big.Rat).Add(bps[len(bps)-1], one)
	default:
		probe = new(big.Rat).Add(bps[j-1], bps[j])
		probe.Quo(probe, big.NewRat(2, 1))
	}
	fixed := new(big.Rat)
	freeW := new(big.Int)
	for _, i := range f.idx {
		switch {
		case f.w[i].Sign() == 0:
			fixed.Add(fixed, new(big.Rat).SetInt(f.clampZero(i)))
		default:
			switch f.stateAt(i, probe) {
			case atLow:
				fixed.Add(fixed, new(big.Rat).SetInt(f.lo[i]))
			case atHigh:
				fixed.Add(fixed, new(big.Rat).SetInt(f.hi[i]))
			default:
				freeW.Add(freeW, f.w[i])
			}
		}
	}
	l := new(big.Rat).Sub(target, fixed)
	return l.Quo(l, new(big.Rat).SetInt(freeW))
}
