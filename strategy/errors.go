package strategy

import (
	"errors"
	"fmt"

	"github.com/shopspring/decimal"

	"github.com/salesgrowth/salesgrowth/internal/money"
	"github.com/salesgrowth/salesgrowth/internal/pkgerr"
)

// Sentinel errors returned (wrapped) by this package. Match them with
// [errors.Is]; their messages carry no prefix, the error a function returns
// starts with "strategy: " once.
var (
	// ErrInvalidAmount reports money that is not a whole number of cents,
	// negative where it must not be, or beyond 10^18 cents.
	ErrInvalidAmount = errors.New("invalid amount")
	// ErrOverflow reports a sum of money beyond 10^18 cents.
	ErrOverflow = errors.New("amount out of range")
	// ErrInvalidProbability reports a probability, share or rate outside
	// its documented range (a fraction in [0, 1] unless said otherwise;
	// 25 for 25 % is refused) or not finite.
	ErrInvalidProbability = errors.New("invalid probability")
	// ErrInvalidSeries reports a history, adoption or sales series that is
	// too short, has a NaN, an infinity or a negative value, or cannot
	// support the model (a log-linear trend of a zero month).
	ErrInvalidSeries = errors.New("invalid series")
	// ErrInvalidInitiative reports an initiative with an empty or repeated
	// name, an unknown quadrant, a start that is not a month, a ramp
	// weight that is negative or not finite, an unknown or cyclic
	// dependency.
	ErrInvalidInitiative = errors.New("invalid initiative")
	// ErrInvalidOption reports an option out of its documented range.
	ErrInvalidOption = errors.New("invalid option")
	// ErrNeedSource reports a computation that needs random draws (a Monte
	// Carlo beyond the exact-size limit) when no random source was given.
	ErrNeedSource = errors.New("random source needed")
	// ErrInfeasible reports a required probability that no subset of the
	// candidates reaches.
	ErrInfeasible = errors.New("no subset reaches the required probability")
	// ErrNoFit reports a fit that found no finite optimum from any start.
	ErrNoFit = errors.New("fit failed")
	// ErrInvalidBasket reports an empty customer or product name in
	// purchase data.
	ErrInvalidBasket = errors.New("invalid basket")
	// ErrSyntax reports a malformed file, with its line and field.
	ErrSyntax = errors.New("syntax error")
	// ErrTooLarge reports an input beyond a documented size limit.
	ErrTooLarge = errors.New("input too large")
)

var kernel = map[error]error{
	money.ErrOverflow:    ErrOverflow,
	money.ErrNotMultiple: ErrInvalidAmount,
	money.ErrNotFinite:   ErrInvalidSeries,
}

func wrap(err error) error {
	return pkgerr.Wrap("strategy", err, func(e error) error { return money.Translate(e, kernel) })
}

// ParseError is a malformed record of a purchase file: the line (1-based,
// the header is line 1) and the field (the column's header name, empty
// when the record as a whole is at fault). The zero ParseError names no
// line and wraps nothing.
type ParseError struct {
	Line  int
	Field string
	Err   error
}

// Error writes "line L, field \"F\": …".
func (e *ParseError) Error() string {
	if e.Field == "" {
		return fmt.Sprintf("line %d: %v", e.Line, e.Err)
	}
	return fmt.Sprintf("line %d, field %q: %v", e.Line, e.Field, e.Err)
}

// Unwrap returns the underlying error, which wraps [ErrSyntax] or
// [ErrInvalidBasket].
func (e *ParseError) Unwrap() error { return e.Err }

// cents returns an amount as a count of cents, checked: fractions of a cent
// and, with nonNegative, negative amounts wrap [ErrInvalidAmount].
func cents(what string, a decimal.Decimal, nonNegative bool) (int64, error) {
	n, err := money.Cent().Count(a)
	if err != nil {
		return 0, fmt.Errorf("%s: %s: %v: %w", what, a, err, ErrInvalidAmount)
	}
	if nonNegative && n < 0 {
		return 0, fmt.Errorf("%s: %s is negative: %w", what, a, ErrInvalidAmount)
	}
	return n, nil
}

// amount is the decimal value of n cents.
func amount(n int64) decimal.Decimal { return money.Cent().Amount(n) }

// fraction checks a probability or share in [0, 1].
func fraction(what string, x float64) error {
	if !(x >= 0 && x <= 1) {
		return fmt.Errorf("%s %v: want a fraction in [0, 1] (0.25 for 25 %%): %w", what, x, ErrInvalidProbability)
	}
	return nil
}

func errorsIs(err, target error) bool { return errors.Is(err, target) }
