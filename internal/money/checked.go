package money

import (
	"fmt"
	"math/big"
	"math/bits"

	"github.com/shopspring/decimal"
)

// InRange reports whether n is within ±[MaxCount].
func InRange(n int64) bool { return n <= MaxCount && n >= -MaxCount }

// Check returns n, or an error wrapping [ErrOverflow] when n is beyond
// ±[MaxCount].
func Check(n int64) (int64, error) {
	if !InRange(n) {
		return 0, fmt.Errorf("%d units: %w", n, ErrOverflow)
	}
	return n, nil
}

// Add returns a + b, or an error wrapping [ErrOverflow] when either operand
// or the sum is beyond ±[MaxCount].
func Add(a, b int64) (int64, error) {
	var s Acc
	s.Add(a)
	s.Add(b)
	return s.Result()
}

// Sub returns a − b, checked like [Add].
func Sub(a, b int64) (int64, error) {
	if b == -b && b != 0 { // math.MinInt64 has no negation
		return 0, fmt.Errorf("%d units: %w", b, ErrOverflow)
	}
	return Add(a, -b)
}

// Mul returns a·b, or an error wrapping [ErrOverflow] when the product is
// beyond ±[MaxCount].
func Mul(a, b int64) (int64, error) {
	hi, lo := bits.Mul64(uabs(a), uabs(b))
	if hi != 0 || lo > MaxCount {
		return 0, fmt.Errorf("%d × %d units: %w", a, b, ErrOverflow)
	}
	if (a < 0) != (b < 0) {
		return -int64(lo), nil
	}
	return int64(lo), nil
}

// Sum returns the exact sum of xs, or an error wrapping [ErrOverflow] when
// it is beyond ±[MaxCount]. Partial sums may leave the bound (and int64):
// only the total counts.
func Sum(xs []int64) (int64, error) {
	var s Acc
	for _, x := range xs {
		s.Add(x)
	}
	return s.Result()
}

// MulRate returns n·rate rounded to a whole count by mode, or an error
// wrapping [ErrOverflow] when the result is beyond ±[MaxCount]. The product
// is exact before the one rounding.
func MulRate(n int64, rate decimal.Decimal, mode Mode) (int64, error) {
	one, _ := NewUnit(decimal.NewFromInt(1)) // a whole count: the product rounded once
	v, err := one.Round(decimal.NewFromInt(n).Mul(rate), mode)
	if err != nil {
		return 0, fmt.Errorf("%d units × %s: %w", n, rate, ErrOverflow)
	}
	return v, nil
}

// Acc sums int64 counts exactly, in 128 bits, so that no order of addition
// can wrap around. Its zero value is an empty sum (zero). It is a small
// value: copy it to keep a partial sum.
type Acc struct {
	lo  int64 // the low 64 bits of the sum, as a wrapped int64
	hi  int64 // the number of times lo wrapped: sum = lo + hi·2^64
	bad bool  // an operand was beyond the bound
}

// Add adds x to the sum.
func (s *Acc) Add(x int64) {
	if !InRange(x) {
		s.bad = true
	}
	r := s.lo + x
	if (s.lo^r)&(x^r) < 0 { // the signed addition wrapped
		if x > 0 {
			s.hi++
		} else {
			s.hi--
		}
	}
	s.lo = r
}

// AddAcc adds the sum t to s.
func (s *Acc) AddAcc(t Acc) {
	s.Add(t.lo)
	s.hi += t.hi
	s.bad = s.bad || t.bad
}

// Sub subtracts x from the sum.
func (s *Acc) Sub(x int64) {
	if !InRange(x) {
		s.bad = true
		return
	}
	s.Add(-x)
}

// Value returns the sum and whether it, and every operand, is within
// ±[MaxCount].
func (s Acc) Value() (int64, bool) {
	return s.lo, !s.bad && s.hi == 0 && InRange(s.lo)
}

// Result returns the sum, or an error wrapping [ErrOverflow] when it or an
// operand is beyond ±[MaxCount].
func (s Acc) Result() (int64, error) {
	v, ok := s.Value()
	if !ok {
		return 0, fmt.Errorf("sum %s: %w", s.Big(), ErrOverflow)
	}
	return v, nil
}

// Big returns the exact sum as a math/big integer, whatever its size.
func (s Acc) Big() *big.Int {
	b := new(big.Int).Lsh(big.NewInt(s.hi), 64)
	return b.Add(b, big.NewInt(s.lo))
}
