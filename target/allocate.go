package target

import (
	"fmt"

	"github.com/shopspring/decimal"

	"github.com/salesgrowth/salesgrowth/internal/money"
)

// Allocate splits total into len(weights) parts proportional to weights. Every
// part is a whole multiple of unit (0.01 for cents, 1, 10000 …) and the parts
// sum exactly to total.
//
// The split is the largest-remainder (Hamilton) method computed in exact
// integer arithmetic: with n = total/unit units and W the sum of the weights,
// part i first gets floor(n·wᵢ/W) units, then the n − Σ floor units left over
// go, one each, to the parts with the largest remainders n·wᵢ mod W. Ties go to
// the part that comes first. A part with weight zero gets exactly zero, a part
// never differs from its exact quota by a whole unit or more, and a larger
// weight never gets a smaller part.
//
// A negative total is split as its absolute value and negated, so the result
// for −t is the element-wise negation of the result for t.
//
// Weights may have any scale ("0.25", "3", "1e6"). Totals and weights of any
// size are exact: up to 2^63 − 1 units and weights that fit in 64 bits at a
// common scale take an allocation-free 128-bit integer path; anything larger
// falls back to math/big with the same result.
//
// Allocate returns an error wrapping [ErrInvalidUnit] when unit is not
// positive, [ErrNotMultiple] when total is not a whole number of units,
// [ErrNegativeWeight] for a negative weight (naming its index) and
// [ErrZeroWeights] when weights is empty or all zero. The inputs are not
// modified. For locked parts, bounds and other leftover policies see
// [AllocateWith].
func Allocate(total decimal.Decimal, weights []decimal.Decimal, unit decimal.Decimal) ([]decimal.Decimal, error) {
	u, err := money.NewUnit(unit)
	if err != nil {
		return nil, wrap(err)
	}
	parts, err := money.SplitAmount(total, weights, u)
	if err != nil {
		return nil, wrap(fmt.Errorf("allocate: %w", err))
	}
	return parts, nil
}
