package money

import (
	"fmt"
	"math"
	"math/big"
	"math/bits"
	"slices"

	"github.com/shopspring/decimal"
)

// SplitAmount splits total into len(weights) parts proportional to weights,
// each a whole multiple of unit, summing exactly to total: the
// largest-remainder (Hamilton) method, ties to the earlier part, zero weights
// exactly zero, a negative total the mirror of the positive one.
//
// Totals up to 2^63 − 1 units with weights that fit in 64 bits at a common
// scale take an allocation-free 128-bit path; anything larger falls back to
// math/big with the same result. Errors wrap [ErrInvalidUnit],
// [ErrNotMultiple], [ErrNegativeWeight] (naming the weight's index) and
// [ErrZeroWeights] (empty or all zero). The inputs are not modified.
func SplitAmount(total decimal.Decimal, weights []decimal.Decimal, unit Unit) ([]decimal.Decimal, error) {
	c, fits := unit.smallCount(total)
	var n *big.Int
	if !fits {
		var err error
		if n, err = unit.BigCount(total); err != nil {
			return nil, err
		}
		if n.IsInt64() && n.Int64() != math.MinInt64 {
			c, fits = n.Int64(), true
		}
	}
	if len(weights) == 0 {
		return nil, fmt.Errorf("no weights: %w", ErrZeroWeights)
	}
	if fits {
		out, ok, err := splitUnits(c, weights, unit)
		if ok || err != nil {
			return out, err
		}
		n = big.NewInt(c)
	}
	neg := n.Sign() < 0
	n = new(big.Int).Abs(n)
	bw, err := BigWeights(weights)
	if err != nil {
		return nil, err
	}
	parts, err := SplitBig(n, bw)
	if err != nil {
		return nil, err
	}
	out := make([]decimal.Decimal, len(weights))
	for i, p := range parts {
		if neg {
			p.Neg(p)
		}
		out[i] = unit.BigAmount(p)
	}
	return out, nil
}

// stackSplit is the most parts [splitUnits] splits with its scratch on the
// stack.
const stackSplit = 16

// splitUnits is [SplitAmount] of c units in 64-bit arithmetic, allocating
// nothing but the result for up to stackSplit parts; ok is false when the
// weights do not fit in 64 bits at a common scale, and the caller takes the
// big path.
func splitUnits(c int64, weights []decimal.Decimal, unit Unit) (out []decimal.Decimal, ok bool, err error) {
	var wbuf [stackSplit]uint64
	var ubuf [stackSplit]int64
	w, units := wbuf[:], ubuf[:]
	if len(weights) > stackSplit {
		w, units = make([]uint64, len(weights)), make([]int64, len(weights))
	}
	w, units = w[:len(weights)], units[:len(weights)]
	sum, fast, err := ScaleWeights(w, weights)
	switch {
	case err != nil:
		return nil, false, err
	case !fast:
		return nil, false, nil
	case sum == 0:
		return nil, false, ErrZeroWeights
	}
	var s Splitter
	s.splitUnsigned(units, uabs(c), w, sum)
	out = make([]decimal.Decimal, len(weights))
	for i, x := range units {
		if c < 0 {
			x = -x
		}
		out[i] = unit.Amount(x)
	}
	return out, true, nil
}

// ScaleWeights writes the weights, scaled to a common exponent, as integers
// into dst and returns their sum. fast is false when a weight or the sum does
// not fit in 64 bits; dst is then meaningless and the caller takes the big
// path ([BigWeights], [SplitBig]). A negative weight is an error wrapping
// [ErrNegativeWeight].
func ScaleWeights(dst []uint64, weights []decimal.Decimal) (sum uint64, fast bool, err error) {
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

// BigWeights returns the weights as integers at a common exponent; a
// negative weight is an error wrapping [ErrNegativeWeight].
func BigWeights(weights []decimal.Decimal) ([]*big.Int, error) {
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

// SplitBig is the math/big largest-remainder split of n ≥ 0 units by
// non-negative weights; all-zero weights are an error wrapping
// [ErrZeroWeights].
func SplitBig(n *big.Int, w []*big.Int) ([]*big.Int, error) {
	sum := new(big.Int)
	for _, x := range w {
		sum.Add(sum, x)
	}
	if sum.Sign() == 0 {
		return nil, ErrZeroWeights
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
	GiveLargestRemainders(parts, rems, left.Int64())
	return parts, nil
}

// GiveLargestRemainders adds one unit to each of the k parts with the
// largest remainders, earlier parts first on ties.
func GiveLargestRemainders(parts, rems []*big.Int, k int64) {
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

// FloatWeights turns non-negative finite weights into integers with the
// same proportions at float64 precision: each weight is scaled so that the
// weights sum to about 2⁵³ and rounded down, which keeps zero weights zero.
// Errors wrap [ErrNotFinite] (NaN, ±Inf, or a sum beyond float64),
// [ErrNegativeWeight] and [ErrZeroWeights].
func FloatWeights(dst []uint64, raw []float64) error {
	// Scale by the largest weight first, so that the sum of weights near
	// the top of float64's range stays finite.
	var sum, top float64
	for k, v := range raw {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("weight %d: %v: %w", k, v, ErrNotFinite)
		}
		if v < 0 {
			return fmt.Errorf("weight %d: %v: %w", k, v, ErrNegativeWeight)
		}
		top = max(top, v)
	}
	if top == 0 {
		return ErrZeroWeights
	}
	for _, v := range raw {
		sum += v / top
	}
	var total uint64
	for k, v := range raw {
		dst[k] = uint64(math.Floor(v / top / sum * (1 << 53)))
		total += dst[k]
	}
	if total == 0 {
		return ErrZeroWeights
	}
	return nil
}

// Splitter keeps the scratch space of repeated integer splits. Its zero value
// is ready to use; it is not safe for concurrent use.
type Splitter struct {
	rem, sel []uint64
	buf      [2 * 32]uint64 // scratch for small splits, so that they do not allocate
}

// Split writes into dst the largest-remainder split of n units by the
// weights w, symmetric in the sign of n. It returns false, leaving dst
// unspecified, when the weights are all zero or their sum overflows 64 bits.
// It panics if len(dst) != len(w), a programmer error.
func (s *Splitter) Split(dst []int64, n int64, w []uint64) bool {
	if len(dst) != len(w) {
		panic("money: dst length mismatch")
	}
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
	s.splitUnsigned(dst, uabs(n), w, sum)
	if n < 0 {
		for i := range dst {
			dst[i] = -dst[i]
		}
	}
	return true
}

// SplitLike writes into dst the split of n units in proportion to the
// magnitudes of cur (the current amounts of the parts), or equally when they
// are all zero. It is how a rebalance spreads a change over parts "as they
// are now". It panics if len(dst) != len(cur).
func (s *Splitter) SplitLike(dst []int64, n int64, cur []int64) {
	var small [12]uint64
	w := small[:0]
	if len(cur) > len(small) {
		w = make([]uint64, 0, len(cur))
	}
	w = w[:len(cur)]
	for k, v := range cur {
		w[k] = uabs(v)
	}
	if !s.Split(dst, n, w) {
		for k := range w {
			w[k] = 1
		}
		s.Split(dst, n, w)
	}
}

// quotients writes ⌊n·wᵢ/sum⌋ into dst and the remainders into rem and
// returns the units left to give, fewer than the non-zero remainders.
func quotients(dst []int64, rem []uint64, n uint64, w []uint64, sum uint64) uint64 {
	var given uint64
	for i, x := range w {
		hi, lo := bits.Mul64(n, x)
		q, r := bits.Div64(hi, lo, sum) // hi < sum because x ≤ sum
		dst[i] = int64(q)
		rem[i] = r
		given += q
	}
	return n - given
}

// splitUnsigned is the allocation kernel: n ≤ 2^64 − 1 units split by
// weights w with positive sum. It uses 128-bit products, so n·wᵢ never
// overflows, and a selection rather than a sort for the leftover units.
//
// Small splits work in s.buf, taken afresh each call rather than kept in
// s.rem and s.sel: a Splitter that points into itself escapes to the heap,
// and one that does not can live on its caller's stack.
func (s *Splitter) splitUnsigned(dst []int64, n uint64, w []uint64, sum uint64) {
	half := len(s.buf) / 2
	var rem, sel []uint64
	if len(w) <= half {
		rem, sel = s.buf[:len(w)], s.buf[half:half+len(w)]
	} else {
		if cap(s.rem) < len(w) {
			s.rem, s.sel = make([]uint64, len(w)), make([]uint64, len(w))
		}
		rem, sel = s.rem[:len(w)], s.sel[:len(w)]
	}
	k := quotients(dst, rem, n, w, sum)
	if k == 0 {
		return
	}
	if len(w) == 12 && sum <= 1<<60 {
		giveByNetwork12(dst, rem, k)
		return
	}
	if len(w) <= 16 && sum <= 1<<60 {
		giveByRank(dst, rem, k)
		return
	}
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

// giveByRank adds one unit to each of the k parts with the largest
// remainders, earlier parts first among equal remainders, for at most 16
// parts with remainders below 2⁶⁰. Each remainder is shifted left by four
// bits and carries 15 − its position below, so that the keys are distinct
// and ordered as the parts are served; a part's rank is the number of
// larger keys. For the dozen parts of a year's months, counting ranks
// without a branch is cheaper than a selection.
func giveByRank(dst []int64, rem []uint64, k uint64) {
	var keys [16]uint64
	ks := keys[:len(rem)]
	for i, r := range rem {
		ks[i] = r<<4 | uint64(15-i)
	}
	for i, ki := range ks {
		var rank uint64
		for _, kj := range ks { // kj > ki: the borrow of ki − kj is 1
			_, b := bits.Sub64(ki, kj, 0)
			rank += b
		}
		_, b := bits.Sub64(rank, k, 0) // rank < k
		dst[i] += int64(b)
	}
}

// giveByNetwork12 is [giveByRank] for the twelve parts of a year's months,
// its hot case: the same keys are sorted by a 39-comparator network for 12
// inputs (the smallest known; Knuth, TAOCP vol. 3, §5.3.4) of branch-free
// min and max, and the k parts served are those whose key is at least the
// k-th largest, exactly k of them since the keys are distinct. 39
// comparators instead of 144 comparisons: 80 instead of 180 ns a call.
func giveByNetwork12(dst []int64, rem []uint64, k uint64) {
	var keys [12]uint64
	for i := range keys {
		keys[i] = rem[i]<<4 | uint64(15-i)
	}
	s := keys
	// network12, written out so that every index is a constant.
	cx(&s, 0, 8)
	cx(&s, 1, 7)
	cx(&s, 2, 6)
	cx(&s, 3, 11)
	cx(&s, 4, 10)
	cx(&s, 5, 9)

	cx(&s, 0, 1)
	cx(&s, 2, 5)
	cx(&s, 3, 4)
	cx(&s, 6, 9)
	cx(&s, 7, 8)
	cx(&s, 10, 11)

	cx(&s, 0, 2)
	cx(&s, 1, 6)
	cx(&s, 5, 10)
	cx(&s, 9, 11)

	cx(&s, 0, 3)
	cx(&s, 1, 2)
	cx(&s, 4, 6)
	cx(&s, 5, 7)
	cx(&s, 8, 11)
	cx(&s, 9, 10)

	cx(&s, 1, 4)
	cx(&s, 3, 5)
	cx(&s, 6, 8)
	cx(&s, 7, 10)

	cx(&s, 1, 3)
	cx(&s, 2, 5)
	cx(&s, 6, 9)
	cx(&s, 8, 10)

	cx(&s, 2, 3)
	cx(&s, 4, 5)
	cx(&s, 6, 7)
	cx(&s, 8, 9)

	cx(&s, 4, 6)
	cx(&s, 5, 7)

	cx(&s, 3, 4)
	cx(&s, 5, 6)
	cx(&s, 7, 8)
	t := s[12-k] // 1 ≤ k < 12
	for i, key := range keys {
		_, below := bits.Sub64(key, t, 0)
		dst[i] += int64(1 - below)
	}
}

// cx orders s[i] and s[j], a comparator of a sorting network.
func cx(s *[12]uint64, i, j int) { s[i], s[j] = min(s[i], s[j]), max(s[i], s[j]) }

// network12 is the comparator list of giveByNetwork12, in nine rounds;
// TestNetwork12Sorts checks it on all 4,096 inputs of zeros and ones,
// which by the zero-one principle proves that it sorts any input, and
// TestGiveByNetwork12MatchesRank that the written-out calls are this list.
var network12 = [39][2]uint8{
	{0, 8}, {1, 7}, {2, 6}, {3, 11}, {4, 10}, {5, 9},
	{0, 1}, {2, 5}, {3, 4}, {6, 9}, {7, 8}, {10, 11},
	{0, 2}, {1, 6}, {5, 10}, {9, 11},
	{0, 3}, {1, 2}, {4, 6}, {5, 7}, {8, 11}, {9, 10},
	{1, 4}, {3, 5}, {6, 8}, {7, 10},
	{1, 3}, {2, 5}, {6, 9}, {8, 10},
	{2, 3}, {4, 5}, {6, 7}, {8, 9},
	{4, 6}, {5, 7},
	{3, 4}, {5, 6}, {7, 8},
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
