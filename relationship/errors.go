package relationship

import (
	"errors"

	"github.com/salesgrowth/salesgrowth/internal/money"
	"github.com/salesgrowth/salesgrowth/internal/pkgerr"
)

// Sentinel errors returned (wrapped) by this package. Match them with
// [errors.Is]; their messages carry no prefix, the error a function returns
// starts with "relationship: " once.
var (
	// ErrInvalidAmount reports money that is negative where it must not
	// be, not a whole number of the rounding unit, or beyond 10^18 units.
	ErrInvalidAmount = errors.New("invalid amount")
	// ErrOverflow reports a sum of money beyond 10^18 rounding units.
	ErrOverflow = errors.New("amount out of range")
	// ErrInvalidOption reports an option or input out of its documented
	// range: an unknown cost type or dimension, a weight or fraction
	// outside [0, 1] (percentages such as 25 are refused), a NaN or
	// infinite score, a rank outside 1 … N.
	ErrInvalidOption = errors.New("invalid relationship option")
	// ErrTooMany reports more levers than the exact least-cost search
	// accepts ([MaxLevers]).
	ErrTooMany = errors.New("too many levers")
	// ErrSyntax reports a malformed account file.
	ErrSyntax = errors.New("syntax error")
)

// moneyErrs maps the money kernel's sentinels onto this package's.
var moneyErrs = map[error]error{
	money.ErrOverflow:    ErrOverflow,
	money.ErrNotMultiple: ErrInvalidAmount,
	money.ErrNotFinite:   ErrInvalidAmount,
}

func wrap(err error) error {
	return pkgerr.Wrap("relationship", err, func(e error) error { return money.Translate(e, moneyErrs) })
}
