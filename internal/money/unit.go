package money

import (
	"fmt"
	"math"
	"math/big"
	"math/bits"

	"github.com/shopspring/decimal"
)

// MaxCount is the largest magnitude of a count: 10^18 units.
const MaxCount = 1_000_000_000_000_000_000

// Unit is a positive rounding unit, such as 0.01 for cents. It converts
// between amounts ([decimal.Decimal]) and int64 counts of the unit. The zero
// Unit is invalid: build one with [NewUnit] or [Cent]. A Unit is an
// immutable value, safe for concurrent use.
type Unit struct {
	d     decimal.Decimal
	c     int64 // d = c·10^e when small
	e     int32
	small bool
	zero  decimal.Decimal // the zero amount with the unit's exponent
	pow10 bool            // c == 1: the unit is 10^e
	scale float64         // 10^−e when pow10, so that x·scale counts units
	f     float64         // the unit as float64
}

// NewUnit returns the unit d, or an error wrapping [ErrInvalidUnit] when d is
// not positive.
func NewUnit(d decimal.Decimal) (Unit, error) {
	if d.Sign() <= 0 {
		return Unit{}, fmt.Errorf("unit %s: %w", d, ErrInvalidUnit)
	}
	u := Unit{d: d, f: d.InexactFloat64()}
	if d.NumDigits() <= 18 {
		u.c, u.e, u.small = d.CoefficientInt64(), d.Exponent(), true
		if u.c == 1 {
			u.pow10 = true
			u.scale = math.Pow(10, float64(-u.e))
		}
	}
	if e := d.Exponent(); e >= -zeroExp && e <= zeroExp {
		u.zero = zeros[e+zeroExp] // shared: a Decimal is immutable
	} else {
		u.zero = decimal.New(0, e)
	}
	return u, nil
}

// zeros are the zero amounts with exponents −zeroExp … zeroExp, so that
// making a unit does not allocate one.
const zeroExp = 18

var zeros = func() (z [2*zeroExp + 1]decimal.Decimal) {
	for k := range z {
		z[k] = decimal.New(0, int32(k-zeroExp))
	}
	return z
}()

// Cent returns the unit 0.01.
func Cent() Unit {
	u, _ := NewUnit(decimal.New(1, -2))
	return u
}

// Valid reports whether u was made by [NewUnit].
func (u Unit) Valid() bool { return u.d.Sign() > 0 }

// Decimal returns the unit as an amount.
func (u Unit) Decimal() decimal.Decimal { return u.d }

// Places returns the number of decimal places that show a multiple of u.
func (u Unit) Places() int32 {
	if e := u.d.Exponent(); e < 0 {
		return -e
	}
	return 0
}

// Amount returns n·u. Zero amounts share one value with the unit's exponent.
func (u Unit) Amount(n int64) decimal.Decimal {
	if n == 0 {
		return u.zero
	}
	if u.small {
		if u.c == 1 {
			return decimal.New(n, u.e)
		}
		if hi, lo := bits.Mul64(uabs(n), uint64(u.c)); hi == 0 && lo <= math.MaxInt64 {
			p := int64(lo)
			if n < 0 {
				p = -p
			}
			return decimal.New(p, u.e)
		}
	}
	return decimal.NewFromInt(n).Mul(u.d)
}

// BigAmount returns n·u for a count of any size.
func (u Unit) BigAmount(n *big.Int) decimal.Decimal {
	return decimal.NewFromBigInt(n, 0).Mul(u.d)
}

// Count returns a/u. The error wraps [ErrNotMultiple] when a is not a whole
// number of units and [ErrOverflow] when the count exceeds ±[MaxCount].
func (u Unit) Count(a decimal.Decimal) (int64, error) {
	if n, ok := u.smallCount(a); ok {
		if n > MaxCount || n < -MaxCount {
			return 0, fmt.Errorf("%s: %w", a, ErrOverflow)
		}
		return n, nil
	}
	n, err := u.BigCount(a)
	if err != nil {
		return 0, err
	}
	if !n.IsInt64() || n.Int64() > MaxCount || n.Int64() < -MaxCount {
		return 0, fmt.Errorf("%s: %w", a, ErrOverflow)
	}
	return n.Int64(), nil
}

// BigCount returns a/u as an integer of any size; the error wraps
// [ErrNotMultiple] when a is not a whole number of units.
func (u Unit) BigCount(a decimal.Decimal) (*big.Int, error) {
	if !u.Valid() {
		return nil, fmt.Errorf("unit %s: %w", u.d, ErrInvalidUnit)
	}
	if n, ok := u.smallCount(a); ok {
		return big.NewInt(n), nil
	}
	q, r := a.QuoRem(u.d, 0)
	if !r.IsZero() {
		return nil, fmt.Errorf("%s in units of %s: %w", a, u.d, ErrNotMultiple)
	}
	return q.BigInt(), nil
}

// smallCount computes a/u in 64-bit arithmetic when both coefficients have
// at most 18 digits and the quotient is exact and fits; ok is false
// otherwise, and the caller takes the general path.
func (u Unit) smallCount(a decimal.Decimal) (int64, bool) {
	if !u.small || a.NumDigits() > 18 {
		return 0, false
	}
	ca := a.CoefficientInt64()
	shift := int64(a.Exponent()) - int64(u.e)
	x := uabs(ca)
	switch {
	case shift >= 0:
		if shift >= int64(len(pow10u)) {
			return 0, false
		}
		hi, lo := bits.Mul64(x, pow10u[shift])
		if hi != 0 {
			return 0, false
		}
		x = lo
	default:
		if -shift >= int64(len(pow10u)) {
			return 0, false
		}
		p := pow10u[-shift]
		if x%p != 0 {
			return 0, false
		}
		x /= p
	}
	if x%uint64(u.c) != 0 {
		return 0, false
	}
	x /= uint64(u.c)
	if x > math.MaxInt64 {
		return 0, false
	}
	if ca < 0 {
		return -int64(x), true
	}
	return int64(x), true
}

// Round returns a/u rounded to a whole count by mode. The error wraps
// [ErrOverflow] beyond ±[MaxCount].
func (u Unit) Round(a decimal.Decimal, mode Mode) (int64, error) {
	if !u.Valid() {
		return 0, fmt.Errorf("unit %s: %w", u.d, ErrInvalidUnit)
	}
	if n, ok := u.smallCount(a); ok {
		if n > MaxCount || n < -MaxCount {
			return 0, fmt.Errorf("%s: %w", a, ErrOverflow)
		}
		return n, nil
	}
	q, r := a.QuoRem(u.d, 0) // a = q·u + r, r with the sign of a, |r| < u
	qi := q.BigInt()
	if r.Sign() != 0 {
		half := r.Abs().Mul(decimal.NewFromInt(2)).Cmp(u.d) // 2|r| against u
		if mode.up(a.Sign() < 0, half, qi.Bit(0) == 1) {
			qi.Add(qi, big.NewInt(int64(a.Sign())))
		}
	}
	if !qi.IsInt64() || abs(qi.Int64()) > MaxCount {
		return 0, fmt.Errorf("%s: %w", a, ErrOverflow)
	}
	return qi.Int64(), nil
}

// RoundAmount returns a rounded to a multiple of u by mode.
func (u Unit) RoundAmount(a decimal.Decimal, mode Mode) (decimal.Decimal, error) {
	n, err := u.Round(a, mode)
	if err != nil {
		return decimal.Decimal{}, err
	}
	return u.Amount(n), nil
}

// FloatCount returns x/u rounded to a whole count by mode, exactly: the
// count is that of the binary value x holds, so 1753.4949999999999 rounds
// half away from zero to 175349 cents, not 175350, and amounts above 2⁵³
// units keep their last unit. The error wraps [ErrNotFinite] for NaN or
// ±Inf and [ErrOverflow] beyond ±[MaxCount].
//
// The quotient is computed in float64 first (x·10^k when u is a power of
// ten); only when it lies within a few units in the last place of a
// rounding boundary, or beyond 2⁵², is it recomputed exactly in rationals.
func (u Unit) FloatCount(x float64, mode Mode) (int64, error) {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0, fmt.Errorf("%v: %w", x, ErrNotFinite)
	}
	if !u.Valid() {
		return 0, fmt.Errorf("unit %s: %w", u.d, ErrInvalidUnit)
	}
	var q float64
	if u.pow10 {
		q = x * u.scale
	} else {
		q = x / u.f
	}
	if math.IsNaN(q) || math.Abs(q) > 2*MaxCount {
		return 0, fmt.Errorf("%v: %w", x, ErrOverflow)
	}
	var k float64
	if nearBoundary(q) {
		n, ok := u.exactCount(x, mode)
		if !ok {
			return 0, fmt.Errorf("%v: %w", x, ErrOverflow)
		}
		return n, nil
	}
	k = mode.float(q)
	if math.Abs(k) > MaxCount {
		return 0, fmt.Errorf("%v: %w", x, ErrOverflow)
	}
	return int64(k), nil
}

// nearBoundary reports whether q, a quotient computed in float64 with an
// error of at most two units in its last place, might round differently
// from the exact quotient under some mode: its fraction is within four
// units in the last place of 0, ½ or 1, or it is too large to hold one.
func nearBoundary(q float64) bool {
	a := math.Abs(q)
	if a >= 1<<52 {
		return true
	}
	margin := 4 * (math.Nextafter(a, math.Inf(1)) - a)
	f := a - math.Floor(a)
	return f < margin || 1-f < margin || math.Abs(f-0.5) < margin
}

// exactCount rounds x/u by mode in exact rational arithmetic; ok is false
// beyond ±MaxCount.
func (u Unit) exactCount(x float64, mode Mode) (int64, bool) {
	r := new(big.Rat).SetFloat64(x) // exact: x is finite
	r.Quo(r, u.d.Rat())
	num, den := r.Num(), r.Denom() // den > 0
	q, rem := new(big.Int).QuoRem(num, den, new(big.Int))
	if rem.Sign() != 0 {
		twice := new(big.Int).Abs(rem)
		twice.Lsh(twice, 1)
		if mode.up(r.Sign() < 0, twice.Cmp(den), q.Bit(0) == 1) {
			if r.Sign() < 0 {
				q.Sub(q, big.NewInt(1))
			} else {
				q.Add(q, big.NewInt(1))
			}
		}
	}
	if !q.IsInt64() || q.Int64() > MaxCount || q.Int64() < -MaxCount {
		return 0, false
	}
	return q.Int64(), true
}

// RoundFloat returns x rounded by mode to a multiple of u, as an amount;
// errors as [Unit.FloatCount].
func (u Unit) RoundFloat(x float64, mode Mode) (decimal.Decimal, error) {
	n, err := u.FloatCount(x, mode)
	if err != nil {
		return decimal.Decimal{}, err
	}
	return u.Amount(n), nil
}

// pow10u holds 10^0 … 10^19, the powers of ten that fit in a uint64.
var pow10u = [20]uint64{
	1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
}

func uabs(x int64) uint64 {
	if x < 0 {
		return -uint64(x)
	}
	return uint64(x)
}

func abs(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}
