package clp

import (
	"errors"

	"github.com/salesgrowth/salesgrowth/internal/money"
	"github.com/salesgrowth/salesgrowth/internal/pkgerr"
)

// Sentinel errors returned (wrapped) by this package. Match them with
// [errors.Is]; their messages carry no prefix, the error a function returns
// starts with "clp: " once.
var (
	// ErrNotFinite reports a NaN or infinite input.
	ErrNotFinite = errors.New("value must be finite")
	// ErrInvalidRetention reports a retention rate or survival probability
	// outside [0, 1], or a survival curve that rises.
	ErrInvalidRetention = errors.New("retention must be in [0, 1]")
	// ErrInvalidDiscount reports a discount rate of −1 or below, or one of 1
	// or more (a percentage given for a fraction).
	ErrInvalidDiscount = errors.New("discount rate out of range")
	// ErrInvalidHorizon reports a negative horizon or periods-per-year
	// outside 1 … 366.
	ErrInvalidHorizon = errors.New("invalid horizon")
	// ErrInvalidRate reports a growth rate of −1 or below, a negative cost
	// share, or another rate outside its documented range.
	ErrInvalidRate = errors.New("rate out of range")
	// ErrInvalidUnit reports a rounding unit that is negative.
	ErrInvalidUnit = errors.New("rounding unit must be positive")
	// ErrInvalidPhase reports a phase profile that cannot be computed: no
	// phases, a non-positive duration, an unknown phase.
	ErrInvalidPhase = errors.New("invalid phase profile")
	// ErrShortHistory reports a revenue history too short for the rule.
	ErrShortHistory = errors.New("history too short")
	// ErrInvalidData reports cohort or history data that cannot be used:
	// negative counts, survivors that increase, an empty cohort.
	ErrInvalidData = errors.New("invalid data")
	// ErrOverflow reports a lifetime profit beyond the range of float64, from
	// growth that outruns discounting over a long horizon.
	ErrOverflow = errors.New("lifetime profit overflows")
	// ErrNoConvergence reports a fit whose optimiser did not converge.
	ErrNoConvergence = errors.New("fit did not converge")
)

// fromMoney makes the money kernel's sentinels in err match this package's.
func fromMoney(err error) error {
	return money.Translate(err, map[error]error{
		money.ErrOverflow:    ErrOverflow,
		money.ErrNotFinite:   ErrNotFinite,
		money.ErrInvalidUnit: ErrInvalidUnit,
	})
}

// wrapErr gives the error an exported function returns the package prefix,
// once (see [pkgerr.Wrap]), and maps the money kernel's sentinels onto this
// package's: every exported function that returns an error defers it.
func wrapErr(err *error) { *err = pkgerr.Wrap("clp", *err, fromMoney) }
