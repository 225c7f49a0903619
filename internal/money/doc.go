// Package money is the one money kernel of the module: rounding units,
// int64 counts of a unit with checked arithmetic, exact largest-remainder
// splits, and rounding to a unit with a named mode. Every library package
// that holds, splits or rounds money uses it; none re-implements it.
//
// # Units and counts
//
// An amount is held as an int64 count of a [Unit] (0.01 for cents, 1, 1000
// …). Counts are bounded by ±[MaxCount] (10^18 units): every conversion,
// sum, product and rate application that would leave the bound reports
// [ErrOverflow] instead of wrapping around. Because |a|, |b| ≤ 10^18 < 2^63/9,
// the sum of two counts never wraps int64, and [Acc] sums any number of
// counts exactly in 128 bits before checking the bound once.
//
// # Splits
//
// [Split] and [Splitter] divide a count in proportion to non-negative
// weights by the largest-remainder (Hamilton) method in exact integer
// arithmetic, so the parts always sum to the whole; ties go to the earlier
// part, a zero weight gets exactly zero, and a negative count splits as the
// mirror image of the positive one.
//
// # Rounding
//
// [Mode] names the rounding of every conversion that is not exact: half away
// from zero, half to even, toward zero, away from zero, floor or ceiling.
//
// # Errors
//
// Errors wrap this package's sentinels (ErrOverflow, ErrNotMultiple,
// ErrInvalidUnit, ErrNegativeWeight, ErrZeroWeights, ErrNotFinite), whose
// messages carry no package prefix. A library package maps them onto its own
// exported sentinels with [Translate], so that its callers match the
// package's errors with errors.Is and never see this internal package.
//
// # Zero values and concurrency
//
// The zero [Unit] is invalid (use [NewUnit]); the zero [Acc] is an empty sum;
// the zero [Splitter] is ready to use but not safe for concurrent use. Every
// other function is pure and safe for concurrent use.
package money
