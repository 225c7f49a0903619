package tiering

import (
	"errors"

	"github.com/salesgrowth/salesgrowth/internal/pkgerr"
)

// Sentinel errors returned (wrapped) by this package. Match them with
// [errors.Is]; their messages carry no prefix, the error a function returns
// starts with "tiering: " once.
var (
	// ErrNoValues reports an empty input.
	ErrNoValues = errors.New("no values")
	// ErrNotFinite reports a NaN or infinite value.
	ErrNotFinite = errors.New("value is not finite")
	// ErrClasses reports a number of classes below one or above the number
	// of distinct values, or a goodness-of-fit target outside (0, 1].
	ErrClasses = errors.New("invalid number of classes")
	// ErrInvalidOption reports a tiering option out of range: thresholds
	// that decrease, shares that are negative or do not sum to one (or are
	// given as percentages), profit cuts outside (0, 1], an unknown method,
	// a potential slice of another length.
	ErrInvalidOption = errors.New("invalid tiering option")
	// ErrInvalidAmount reports an amount that is not a multiple of the
	// rounding unit, or a total beyond 10^18 units.
	ErrInvalidAmount = errors.New("invalid amount")
	// ErrSyntax reports a malformed report file (CSV or JSON).
	ErrSyntax = errors.New("syntax error")
	// ErrUnknownTier reports a tier name that is none of the four.
	ErrUnknownTier = errors.New("unknown tier")
)

// wrap adds the package prefix once.
func wrap(err error) error { return pkgerr.Wrap("tiering", err) }
