package pricing

import (
	"errors"

	"github.com/salesgrowth/salesgrowth/internal/pkgerr"
)

// Sentinel errors returned (wrapped) by this package. Match them with
// [errors.Is]; their messages carry no prefix, the error a function returns
// starts with "pricing: " once.
var (
	// ErrNoRespondents reports a survey with no usable answer.
	ErrNoRespondents = errors.New("no usable respondents")
	// ErrInvalidAnswer reports an answer that is NaN, infinite, negative
	// or, for a weight, negative.
	ErrInvalidAnswer = errors.New("invalid answer")
	// ErrInvalidOption reports an option out of its documented range.
	ErrInvalidOption = errors.New("invalid pricing option")
	// ErrNoCrossing reports two curves of a survey that never meet, so
	// that a price point does not exist.
	ErrNoCrossing = errors.New("curves do not cross")
	// ErrInvalidAmount reports money that is not a whole number of cents,
	// negative where it must not be, or outside a range it must lie in.
	ErrInvalidAmount = errors.New("invalid amount")
	// ErrOverflow reports a sum of money beyond 10^18 cents.
	ErrOverflow = errors.New("amount out of range")
	// ErrSyntax reports a malformed survey file, with its line and field.
	ErrSyntax = errors.New("syntax error")
)

func wrap(err error) error { return pkgerr.Wrap("pricing", err) }
