package target

import (
	"fmt"
	"math"
	"math/big"
	"math/bits"
	"slices"

	"github.com/shopspring/decimal"
)

// Allocate splits total into len(weights) parts proportional to weights. Every
// part is a whole multiple of unit (0.01 for cents, 1, 10000 …) and the parts
// sum exactly to total.
//
// The split is the largest-remainder (Hamilton) method computed in exact
// integer arithmetic: with n = total/unit units and W the sum of the weights,
// part i first gets floor(n·wᵢ/W) units, then the n − Σ floor units left over
// go, one each, to the parts with the largest remainders n·wᵢ mod W. Ties go to
// the part that comes first. A part with weight zero gets exactly zero, a part
// never differs from its exact quota by a whole unit or more, and a larger
// weight never gets a smaller part.
//
// A negative total is split as its absolute value and negated, so the result
// for −t is the element-wise negation of the result for t.
//
// Weights may have any scale ("0.25", "3", "1e6"). Totals and weights of any
// size are exact: up to 10^18 units and weights that fit in 64 bits at a
// common scale take an allocation-free 128-bit integer path; anything larger
// falls back to math/big with the same result.
//
// Allocate returns an error wrapping [ErrInvalidUnit] when unit is not
// positive, [ErrNotMultiple] when total is not a whole number of units,
// [ErrNegativeWeight] for a negative weight (naming its index) and
// [ErrZeroWeights] when weights is empty or all zero. The inputs are not
// modified. For locked parts, bounds and other leftover policies see
// [AllocateWith].
func Allocate(total decimal.Decimal, weights []decimal.Decimal, unit decimal.Decimal) ([]decimal.Decimal, error) {
	n, err := unitsOf(total, unit)
	if err != nil {
		return nil, err
	}
	if len(weights) == 0 {
		return nil, fmt.Errorf("allocate: no weights: %w", ErrZeroWeights)
	}
	neg := n.Sign() < 0
	n.Abs(n)

	w := make([]uint64, len(weights))
	sum, fast, err := scaleWeights(w, weights)
	if err != nil {
		return nil, err
	}
	if fast && sum == 0 {
		return nil, fmt.Errorf("allocate: %w", ErrZeroWeights)
	}
	if fast && n.IsUint64() && n.Uint64() <= math.MaxInt64 {
		units := make([]int64, len(weights))
		var s splitter
		s.splitUnsigned(units, n.Uint64(), w, sum)
		return toDecimals(units, neg, unit), nil
	}
	bw, err := bigWeights(weights)
	if err != nil {
		return nil, err
	}
	parts, err := splitBig(n, bw)
	if err != nil {
		return nil, err
	}
	out := make([]decimal.Decimal, len(parts))
	for i, p := range parts {
		if neg {
			p.Neg(p)
		}
		out[i] = bigUnitsToDecimal(p, unit)
	}
	return out, nil
}

// unitsOf returns total/unit as an integer, or an error when unit is not
// positive or total is not a whole multiple of unit.
func unitsOf(total, unit decimal.Decimal) (*big.Int, error) {
	if unit.Sign() <= 0 {
		return nil, fmt.Errorf("unit %s: %w", unit, ErrInvalidUnit)
	}
	if n, ok := smallUnitsOf(total, unit); ok {
		return big.NewInt(n), nil
	}
	q, r := total.QuoRem(unit, 0)
	if !r.IsZero() {
		return nil, fmt.Errorf("%s in units of %s: %w", total, unit, ErrNotMultiple)
	}
	return q.BigInt(), nil
}

// smallUnitsOf computes total/unit in int64 arithmetic when both have
// coefficients below 10^18 and the quotient is exact and in range; ok is
// false otherwise, and the caller takes the general path.
func smallUnitsOf(total, unit decimal.Decimal) (int64, bool) {
	if total.NumDigits() > 18 || unit.NumDigits() > 18 {
		return 0, false
	}
	ct, cu := total.CoefficientInt64(), unit.CoefficientInt64()
	shift := int64(total.Exponent()) - int64(unit.Exponent())
	neg := ct < 0
	a := uint64(ct)
	if neg {
		a = -a
	}
	switch {
	case shift >= 0:
		if shift >= int64(len(pow10u)) {
			return 0, false
		}
		hi, lo := bits.Mul64(a, pow10u[shift])
		if hi != 0 {
			return 0, false
		}
		a = lo
	default:
		if -shift >= int64(len(pow10u)) {
			return 0, false
		}
		p := pow10u[-shift]
		if a%p != 0 {
			return 0, false
		}
		a /= p
	}
	if a%uint64(cu) != 0 {
		return 0, false
	}
	a /= uint64(cu)
	if a > math.MaxInt64 {
		return 0, false
	}
	if neg {
		return -int64(a), true
	}
	return int64(a), true
}

// pow10u holds 10^0 … 10^19, the powers of ten that fit in a uint64.
var pow10u = [20]uint64{
	1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
}

// scaleWeights writes the weights, scaled to a common exponent, as integers
// into dst and returns their sum. fast is false when a weight or the sum does
// not fit in 64 bits; dst is then meaningless and the caller takes the big
// path. A negative weight is an error.
func scaleWeights(dst []uint64, weights []decimal.Decimal) (sum uint64, fast bool, err error) {
	minExp := int32(math.MaxInt32)
	fast = true
	for i, w := range weights {
		switch w.Sign() {
		case -1:
			return 0, false, fmt.Errorf("weight %d (%s): %w", i, w, ErrNegativeWeight)
		case 0:
			continue
		}
		if w.NumDigits() > 18 {
			fast = false
		}
		minExp = min(minExp, w.Exponent())
	}
	if !fast {
		return 0, false, nil
	}
	var carry uint64
	for i, w := range weights {
		if w.Sign() == 0 {
			dst[i] = 0
			continue
		}
		shift := int64(w.Exponent()) - int64(minExp)
		if shift >= int64(len(pow10u)) {
			return 0, false, nil
		}
		hi, lo := bits.Mul64(uint64(w.CoefficientInt64()), pow10u[shift])
		if hi != 0 {
			return 0, false, nil
		}
		dst[i] = lo
		sum, carry = bits.Add64(sum, lo, 0)
		if carry != 0 {
			return 0, false, nil
		}
	}
	return sum, true, nil
}

// bigWeights returns the weights as integers at a common exponent.
func bigWeights(weights []decimal.Decimal) ([]*big.Int, error) {
	minExp := int32(math.MaxInt32)
	for i, w := range weights {
		if w.Sign() < 0 {
			return nil, fmt.Errorf("weight %d (%s): %w", i, w, ErrNegativeWeight)
		}
		if w.Sign() > 0 {
			minExp = min(minExp, w.Exponent())
		}
	}
	out := make([]*big.Int, len(weights))
	ten := big.NewInt(10)
	for i, w := range weights {
		v := new(big.Int)
		if w.Sign() > 0 {
			v.Exp(ten, big.NewInt(int64(w.Exponent())-int64(minExp)), nil)
			v.Mul(v, w.Coefficient())
		}
		out[i] = v
	}
	return out, nil
}

// splitBig is the math/big version of the largest-remainder split of n ≥ 0
// units by non-negative weights.
func splitBig(n *big.Int, w []*big.Int) ([]*big.Int, error) {
	sum := new(big.Int)
	for _, x := range w {
		sum.Add(sum, x)
	}
	if sum.Sign() == 0 {
		return nil, fmt.Errorf("allocate: %w", ErrZeroWeights)
	}
	parts := make([]*big.Int, len(w))
	rems := make([]*big.Int, len(w))
	left := new(big.Int).Set(n)
	for i, x := range w {
		q, r := new(big.Int), new(big.Int)
		q.QuoRem(new(big.Int).Mul(n, x), sum, r)
		parts[i], rems[i] = q, r
		left.Sub(left, q)
	}
	giveLargestRemainders(parts, rems, left.Int64())
	return parts, nil
}

// giveLargestRemainders adds one unit to each of the k parts with the largest
// remainders, earlier parts first on ties.
func giveLargestRemainders(parts, rems []*big.Int, k int64) {
	if k == 0 {
		return
	}
	idx := make([]int, len(parts))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return rems[b].Cmp(rems[a]) })
	one := big.NewInt(1)
	for _, i := range idx[:k] {
		parts[i].Add(parts[i], one)
	}
}

// toDecimals converts unit counts to amounts, negating them when neg is set.
func toDecimals(units []int64, neg bool, unit decimal.Decimal) []decimal.Decimal {
	out := make([]decimal.Decimal, len(units))
	c, exp, small := unitCoefficient(unit)
	for i, u := range units {
		if neg {
			u = -u
		}
		out[i] = unitsToDecimal(u, unit, c, exp, small)
	}
	return out
}

// unitCoefficient returns unit as c·10^exp with c an int64, and whether that
// representation exists.
func unitCoefficient(unit decimal.Decimal) (c int64, exp int32, ok bool) {
	if unit.NumDigits() > 18 {
		return 0, 0, false
	}
	return unit.CoefficientInt64(), unit.Exponent(), true
}

// unitsToDecimal returns u·unit, using the int64 coefficient c·10^exp of unit
// when small is set and the product fits.
func unitsToDecimal(u int64, unit decimal.Decimal, c int64, exp int32, small bool) decimal.Decimal {
	if small {
		if c == 1 {
			return decimal.New(u, exp)
		}
		if p := u * c; u == 0 || (p/c == u && !(u == -1 && c == math.MinInt64)) {
			return decimal.New(p, exp)
		}
	}
	return decimal.NewFromInt(u).Mul(unit)
}

// bigUnitsToDecimal returns u·unit.
func bigUnitsToDecimal(u *big.Int, unit decimal.Decimal) decimal.Decimal {
	return decimal.NewFromBigInt(u, 0).Mul(unit)
}

// splitter keeps the scratch space of repeated integer splits. Its zero value
// is ready to use; it is not safe for concurrent use.
type splitter struct {
	rem, sel []uint64
	buf      [2 * 32]uint64 // scratch for small splits, so that they do not allocate
}

// split writes into dst the largest-remainder split of n units by the weights
// w, symmetric in the sign of n. It returns false, leaving dst unspecified,
// when the weights are all zero or their sum overflows 64 bits.
func (s *splitter) split(dst []int64, n int64, w []uint64) bool {
	var sum, carry uint64
	for _, x := range w {
		sum, carry = bits.Add64(sum, x, 0)
		if carry != 0 {
			return false
		}
	}
	if sum == 0 {
		return false
	}
	neg := n < 0
	un := uint64(n)
	if neg {
		un = -un
	}
	s.splitUnsigned(dst, un, w, sum)
	if neg {
		for i := range dst {
			dst[i] = -dst[i]
		}
	}
	return true
}

// splitLike writes into dst the split of n units in proportion to the
// magnitudes of cur (the current amounts of the parts), or equally when they
// are all zero. It is how rebalancing spreads a change over parts "as they
// are now".
func (s *splitter) splitLike(dst []int64, n int64, cur []int64) {
	var small [12]uint64
	w := small[:0]
	if len(cur) > len(small) {
		w = make([]uint64, 0, len(cur))
	}
	w = w[:len(cur)]
	for k, v := range cur {
		w[k] = uint64(max(v, -v))
	}
	if !s.split(dst, n, w) {
		for k := range w {
			w[k] = 1
		}
		s.split(dst, n, w)
	}
}

// splitUnsigned is the allocation kernel: n ≤ MaxInt64 units split by weights w
// with positive sum. It uses 128-bit products, so n·wᵢ never overflows.
func (s *splitter) splitUnsigned(dst []int64, n uint64, w []uint64, sum uint64) {
	if cap(s.rem) < len(w) {
		if len(w) <= len(s.buf)/2 {
			s.rem, s.sel = s.buf[:len(s.buf)/2], s.buf[len(s.buf)/2:]
		} else {
			s.rem = make([]uint64, len(w))
		}
	}
	rem := s.rem[:len(w)]
	var given uint64
	for i, x := range w {
		hi, lo := bits.Mul64(n, x)
		q, r := bits.Div64(hi, lo, sum) // hi < sum because x ≤ sum
		dst[i] = int64(q)
		rem[i] = r
		given += q
	}
	k := n - given // k < number of non-zero remainders
	if k == 0 {
		return
	}
	if cap(s.sel) < len(w) {
		s.sel = make([]uint64, len(w))
	}
	sel := s.sel[:len(w)]
	copy(sel, rem)
	t := kthLargest(sel, int(k))
	for i, r := range rem {
		if r > t {
			dst[i]++
			k--
		}
	}
	for i, r := range rem {
		if k == 0 {
			break
		}
		if r == t {
			dst[i]++
			k--
		}
	}
}

// kthLargest returns the k-th largest value of a (1 ≤ k ≤ len(a)), reordering
// a. It is a three-way quickselect with a median-of-three pivot that falls
// back to sorting after too many unbalanced rounds, so it is linear on
// average and O(n log n) at worst.
func kthLargest(a []uint64, k int) uint64 {
	target := len(a) - k
	lo, hi := 0, len(a)-1
	for depth := 0; lo < hi; depth++ {
		if hi-lo < 16 || depth > 2*bits.Len(uint(len(a))) {
			slices.Sort(a[lo : hi+1])
			break
		}
		x, y, z := a[lo], a[lo+(hi-lo)/2], a[hi]
		p := max(min(x, y), min(max(x, y), z))
		lt, i, gt := lo, lo, hi
		for i <= gt {
			switch {
			case a[i] < p:
				a[lt], a[i] = a[i], a[lt]
				lt++
				i++
			case a[i] > p:
				a[i], a[gt] = a[gt], a[i]
				gt--
			default:
				i++
			}
		}
		switch {
		case target < lt:
			hi = lt - 1
		case target > gt:
			lo = gt + 1
		default:
			return p
		}
	}
	return a[target]
}
