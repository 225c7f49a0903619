package money

import (
	"fmt"
	"math"
)

// Mode is a rounding mode: how a value between two whole counts becomes
// one of them. The zero Mode is [HalfAwayFromZero].
type Mode uint8

// The rounding modes.
const (
	// HalfAwayFromZero rounds to the nearest count, halfway values away
	// from zero (2.5 → 3, −2.5 → −3), like [math.Round].
	HalfAwayFromZero Mode = iota
	// HalfEven rounds to the nearest count, halfway values to the even one
	// (2.5 → 2, 3.5 → 4), like [math.RoundToEven]: banker's rounding.
	HalfEven
	// TowardZero drops the fraction (2.7 → 2, −2.7 → −2), like [math.Trunc].
	TowardZero
	// AwayFromZero rounds any fraction away from zero (2.1 → 3, −2.1 → −3).
	AwayFromZero
	// Floor rounds toward −∞ (2.7 → 2, −2.1 → −3), like [math.Floor].
	Floor
	// Ceiling rounds toward +∞ (2.1 → 3, −2.7 → −2), like [math.Ceil].
	Ceiling
)

// String returns the mode's name.
func (m Mode) String() string {
	switch m {
	case HalfAwayFromZero:
		return "half away from zero"
	case HalfEven:
		return "half to even"
	case TowardZero:
		return "toward zero"
	case AwayFromZero:
		return "away from zero"
	case Floor:
		return "floor"
	case Ceiling:
		return "ceiling"
	}
	return fmt.Sprintf("Mode(%d)", uint8(m))
}

// float rounds x to an integer-valued float by m.
func (m Mode) float(x float64) float64 {
	switch m {
	case HalfEven:
		return math.RoundToEven(x)
	case TowardZero:
		return math.Trunc(x)
	case AwayFromZero:
		if x < 0 {
			return math.Floor(x)
		}
		return math.Ceil(x)
	case Floor:
		return math.Floor(x)
	case Ceiling:
		return math.Ceil(x)
	}
	return math.Round(x)
}

// up reports whether a value with a non-zero fraction moves away from zero
// from its truncation: neg is its sign, half compares twice the fraction's
// magnitude with one (−1 below a half, 0 at a half, 1 above), and odd tells
// whether the truncation is odd.
func (m Mode) up(neg bool, half int, odd bool) bool {
	switch m {
	case HalfEven:
		return half > 0 || (half == 0 && odd)
	case TowardZero:
		return false
	case AwayFromZero:
		return true
	case Floor:
		return neg
	case Ceiling:
		return !neg
	}
	return half >= 0
}

// Round returns x rounded to a whole number by m, as an int64, or an error
// wrapping [ErrNotFinite] for NaN or ±Inf and [ErrOverflow] beyond
// ±[MaxCount]. It is the checked form of int64(math.Round(x)).
func Round(x float64, m Mode) (int64, error) {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0, fmt.Errorf("%v: %w", x, ErrNotFinite)
	}
	k := m.float(x)
	if math.Abs(k) > MaxCount {
		return 0, fmt.Errorf("%v: %w", x, ErrOverflow)
	}
	return int64(k), nil
}
