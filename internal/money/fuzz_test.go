package money

import (
	"errors"
	"math/big"
	"testing"

	"github.com/shopspring/decimal"
)

// FuzzUnitRound checks Unit.Count and Unit.Round, whose inputs come from
// files, against exact rational arithmetic: the count is a/u rounded by the
// mode, or ErrNotMultiple / ErrOverflow exactly when it should be.
func FuzzUnitRound(f *testing.F) {
	for _, s := range [][2]string{{"12.345", "0.01"}, {"-2.5", "1"}, {"1e17", "0.01"}, {"0.125", "0.05"}, {"9999999999999999.995", "0.01"}, {"7", "1000"}} {
		for m := range 6 {
			f.Add(s[0], s[1], uint8(m))
		}
	}
	f.Fuzz(func(t *testing.T, as, us string, mode uint8) {
		a, err1 := decimal.NewFromString(as)
		ud, err2 := decimal.NewFromString(us)
		if err1 != nil || err2 != nil || a.NumDigits() > 60 || ud.NumDigits() > 60 ||
			a.Exponent() < -60 || a.Exponent() > 60 || ud.Exponent() < -60 || ud.Exponent() > 60 {
			return
		}
		u, err := NewUnit(ud)
		if err != nil {
			if ud.Sign() > 0 || !errors.Is(err, ErrInvalidUnit) {
				t.Fatalf("NewUnit(%s) = %v", ud, err)
			}
			return
		}
		m := Mode(mode % 6)
		q := new(big.Rat).Quo(a.Rat(), ud.Rat())
		want := roundRat(q, m)
		inRange := want.IsInt64() && InRange(want.Int64())
		got, err := u.Round(a, m)
		switch {
		case inRange && (err != nil || got != want.Int64()):
			t.Fatalf("Unit(%s).Round(%s, %v) = %d, %v; want %s", ud, a, m, got, err, want)
		case !inRange && !errors.Is(err, ErrOverflow):
			t.Fatalf("Unit(%s).Round(%s, %v) = %d, %v; want ErrOverflow (%s)", ud, a, m, got, err, want)
		}
		exact := q.IsInt()
		c, err := u.Count(a)
		switch {
		case exact && inRange && (err != nil || c != want.Int64()):
			t.Fatalf("Unit(%s).Count(%s) = %d, %v; want %s", ud, a, c, err, want)
		case !exact && !errors.Is(err, ErrNotMultiple):
			t.Fatalf("Unit(%s).Count(%s) = %d, %v; want ErrNotMultiple", ud, a, c, err)
		case exact && !inRange && !errors.Is(err, ErrOverflow):
			t.Fatalf("Unit(%s).Count(%s) = %d, %v; want ErrOverflow", ud, a, c, err)
		}
		if err == nil && !u.Amount(c).Equal(a) {
			t.Fatalf("Unit(%s).Amount(Count(%s)) = %s", ud, a, u.Amount(c))
		}
	})
}

// roundRat rounds q to an integer by m, exactly, by the definition of each
// mode (independently of the code under test).
func roundRat(q *big.Rat, m Mode) *big.Int {
	floor := func(x *big.Rat) *big.Int {
		z := new(big.Int).Div(x.Num(), x.Denom()) // Euclidean: floor for a positive denominator
		return z
	}
	ceil := func(x *big.Rat) *big.Int {
		z := floor(x)
		if !x.IsInt() {
			z.Add(z, big.NewInt(1))
		}
		return z
	}
	half := big.NewRat(1, 2)
	switch m {
	case Floor:
		return floor(q)
	case Ceiling:
		return ceil(q)
	case TowardZero:
		if q.Sign() < 0 {
			return ceil(q)
		}
		return floor(q)
	case AwayFromZero:
		if q.Sign() < 0 {
			return floor(q)
		}
		return ceil(q)
	case HalfEven:
		lo := floor(q)
		frac := new(big.Rat).Sub(q, new(big.Rat).SetInt(lo))
		switch frac.Cmp(half) {
		case -1:
			return lo
		case 1:
			return lo.Add(lo, big.NewInt(1))
		}
		if lo.Bit(0) == 0 {
			return lo
		}
		return lo.Add(lo, big.NewInt(1))
	}
	// HalfAwayFromZero: sign(q)·floor(|q| + 1/2).
	abs := new(big.Rat).Abs(q)
	z := floor(abs.Add(abs, half))
	if q.Sign() < 0 {
		z.Neg(z)
	}
	return z
}
