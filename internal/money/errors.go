package money

import "errors"

// Sentinel errors of the kernel. Their messages have no package prefix: the
// exported function of the library package that reports them adds its own.
var (
	// ErrInvalidUnit reports a rounding unit that is zero or negative.
	ErrInvalidUnit = errors.New("rounding unit must be positive")
	// ErrNotMultiple reports an amount that is not a whole number of units.
	ErrNotMultiple = errors.New("amount is not a multiple of the rounding unit")
	// ErrOverflow reports a count, sum or product beyond ±10^18 units.
	ErrOverflow = errors.New("amount exceeds 10^18 rounding units")
	// ErrNegativeWeight reports a negative split weight.
	ErrNegativeWeight = errors.New("weight must not be negative")
	// ErrZeroWeights reports split weights that are empty or all zero.
	ErrZeroWeights = errors.New("weights are all zero")
	// ErrNotFinite reports a NaN or infinite float where an amount is needed.
	ErrNotFinite = errors.New("value is not finite")
)

// Translate returns err with each sentinel of this package that it wraps
// also matching the corresponding sentinel of the caller's package, given as
// pairs in to (money sentinel → package sentinel). The message is unchanged.
// A nil err, or one that wraps none of the keys, is returned as it is.
func Translate(err error, to map[error]error) error {
	if err == nil {
		return nil
	}
	for from, pkg := range to {
		if errors.Is(err, from) {
			return &translated{err: err, kind: pkg}
		}
	}
	return err
}

// translated is an error that also matches a package's sentinel.
type translated struct {
	err  error
	kind error
}

func (e *translated) Error() string   { return e.err.Error() }
func (e *translated) Unwrap() []error { return []error{e.kind, e.err} }
