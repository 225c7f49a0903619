package target

import (
	"errors"
	"fmt"

	"github.com/salesgrowth/salesgrowth/internal/money"
	"github.com/salesgrowth/salesgrowth/internal/pkgerr"
)

// Sentinel errors returned (wrapped) by the functions of this package. Match
// them with [errors.Is]. Each names a kind of problem; the message of the
// error a function returns starts with the package prefix "target: " once,
// followed by the context and the sentinel's text.
var (
	// ErrInvalidUnit reports a rounding unit that is zero or negative.
	ErrInvalidUnit = errors.New("rounding unit must be positive")
	// ErrNotMultiple reports an amount that is not a whole number of rounding units.
	ErrNotMultiple = errors.New("amount is not a multiple of the rounding unit")
	// ErrNegativeWeight reports a negative weight, share or profile value.
	ErrNegativeWeight = errors.New("weight must not be negative")
	// ErrZeroWeights reports weights that are all zero where a split needs at
	// least one positive weight.
	ErrZeroWeights = errors.New("weights are all zero")
	// ErrInvalidWeight reports a weight that is NaN or infinite.
	ErrInvalidWeight = errors.New("weight must be finite")
	// ErrLength reports option slices whose length differs from the number of parts.
	ErrLength = errors.New("length does not match the number of parts")
	// ErrInfeasible reports bounds or locks that no split of the total can satisfy.
	ErrInfeasible = errors.New("constraints cannot be satisfied")
	// ErrOverflow reports an amount beyond the supported range of 10^18 rounding units.
	ErrOverflow = errors.New("amount exceeds 10^18 rounding units")

	// ErrInvalidCalendar reports a fiscal calendar with an invalid year or first month.
	ErrInvalidCalendar = errors.New("invalid fiscal calendar")
	// ErrShortHistory reports a monthly history that is too short for the chosen method.
	ErrShortHistory = errors.New("history too short")
	// ErrInvalidHistory reports history with negative, NaN or infinite values, or
	// a period whose total is not positive where the method divides by it.
	ErrInvalidHistory = errors.New("invalid history")
	// ErrNoHistory reports a split by history where no sibling has any history.
	ErrNoHistory = errors.New("no sibling has history")
	// ErrInvalidRate reports a growth, attrition, margin, ratio or payment-term
	// rate outside its documented range.
	ErrInvalidRate = errors.New("rate out of range")

	// ErrInvalidID reports a tree row whose ID is empty or contains '/', the
	// separator of node paths, or whose ID, name or level could not be
	// written to CSV or JSON and read back unchanged (invalid UTF-8, a
	// carriage return, a NUL byte); also a metric name with those bytes.
	ErrInvalidID = errors.New("invalid node ID, name or level")
	// ErrDuplicateID reports two tree rows with the same ID.
	ErrDuplicateID = errors.New("duplicate node ID")
	// ErrUnknownParent reports a tree row whose parent ID names no row.
	ErrUnknownParent = errors.New("unknown parent")
	// ErrOrphan reports a tree with no root or with a second row without parent.
	ErrOrphan = errors.New("tree must have exactly one root")
	// ErrCycle reports tree rows whose parent links form a cycle.
	ErrCycle = errors.New("parent links form a cycle")
	// ErrUnknownNode reports a node ID that is not in the tree.
	ErrUnknownNode = errors.New("unknown node")
	// ErrUnknownLevel reports a weight source keyed by a level name that no
	// node of the tree has (see [Tree.Levels]).
	ErrUnknownLevel = errors.New("unknown level")
	// ErrUnknownMetric reports a metric that the plan does not hold.
	ErrUnknownMetric = errors.New("unknown metric")
	// ErrInvalidPeriod reports a period outside M01..M12, Q1..Q4, H1, H2, FY.
	ErrInvalidPeriod = errors.New("invalid period")
	// ErrInvalidSpec reports a required setting that is missing or out of
	// range: a plan without tree or targets, a review without as-of date, a
	// negative history window or cell limit. Specific problems have their
	// own sentinels: ErrUnknownOption, ErrInvalidMetric, ErrDerivedMetric,
	// ErrInvalidFunnel, ErrUnknownStage, ErrNestedCommitment.
	ErrInvalidSpec = errors.New("invalid specification")
	// ErrUnknownOption reports an enumerated setting with a value that has
	// no meaning: an allocation mode, weight method, no-history policy or
	// seasonal method beyond the defined constants.
	ErrUnknownOption = errors.New("unknown option value")
	// ErrInvalidMetric reports a metric name that is empty or repeated, a
	// metric that is both a target and derived, or a derivation whose input
	// the plan does not hold.
	ErrInvalidMetric = errors.New("invalid metric")
	// ErrDerivedMetric reports a lock on a metric that the plan derives
	// from others; lock its inputs instead.
	ErrDerivedMetric = errors.New("metric is derived")
	// ErrInvalidFunnel reports a funnel without stages, with an empty or
	// repeated stage name, or with a lead time outside 0 … 24 months.
	ErrInvalidFunnel = errors.New("invalid funnel")
	// ErrUnknownStage reports an activity for a stage the funnel lacks.
	ErrUnknownStage = errors.New("unknown funnel stage")
	// ErrNestedCommitment reports a bottom-up commitment inside the subtree
	// of another.
	ErrNestedCommitment = errors.New("commitment lies inside another's subtree")
	// ErrLockConflict reports a lock that contradicts the plan's other locks.
	ErrLockConflict = errors.New("lock conflicts with other locks")
	// ErrMismatchedActuals reports actuals made for a plan with another
	// tree, fiscal year, unit or set of metrics than the plan under review.
	ErrMismatchedActuals = errors.New("actuals do not belong to this plan")
	// ErrIncoherent reports a plan in which a parent differs from the sum of its
	// children or a period from the sum of its months.
	ErrIncoherent = errors.New("plan is incoherent")
	// ErrTooLarge reports a plan file that describes more cells than the
	// reader's limit (see [ReadOptions]).
	ErrTooLarge = errors.New("plan too large")
	// ErrSyntax reports a malformed CSV or JSON input; it is wrapped in a
	// [*ParseError] that names the line and field.
	ErrSyntax = errors.New("syntax error")
)

// ParseError describes a problem in a CSV or JSON input: the line (1-based,
// 0 when unknown), the field (column name or JSON key) and the underlying error.
//
// The zero ParseError has no underlying error and is not returned.
type ParseError struct {
	Line  int    // 1-based line of the input, 0 when unknown
	Field string // column name or JSON path, empty when the whole line is at fault
	Err   error  // the underlying error, wrapping a sentinel of this package
}

// Error implements the error interface.
func (e *ParseError) Error() string {
	switch {
	case e.Line > 0 && e.Field != "":
		return fmt.Sprintf("line %d, field %q: %v", e.Line, e.Field, e.Err)
	case e.Line > 0:
		return fmt.Sprintf("line %d: %v", e.Line, e.Err)
	case e.Field != "":
		return fmt.Sprintf("field %q: %v", e.Field, e.Err)
	}
	return e.Err.Error()
}

// Unwrap returns the underlying error.
func (e *ParseError) Unwrap() error { return e.Err }

// CellError reports a problem with one cell of a plan, actuals or review:
// its node, metric and period, and the underlying error, which wraps a
// sentinel of this package (most often [ErrOverflow]). Match it with
// [errors.As] to learn which cell is at fault.
//
// The zero CellError names no cell and is not returned.
type CellError struct {
	Node   string // the node's ID
	Metric Metric // the metric
	Period Period // the period
	Err    error  // the underlying error
}

// Error implements the error interface.
func (e *CellError) Error() string {
	return fmt.Sprintf("%s %s %s: %v", e.Node, e.Metric, e.Period, e.Err)
}

// Unwrap returns the underlying error.
func (e *CellError) Unwrap() error { return e.Err }

// moneyErrs maps the money kernel's sentinels onto this package's.
var moneyErrs = map[error]error{
	money.ErrInvalidUnit:    ErrInvalidUnit,
	money.ErrNotMultiple:    ErrNotMultiple,
	money.ErrOverflow:       ErrOverflow,
	money.ErrNegativeWeight: ErrNegativeWeight,
	money.ErrZeroWeights:    ErrZeroWeights,
	money.ErrNotFinite:      ErrInvalidWeight,
}

// wrap is applied by every exported function to the error it returns: it
// makes the money kernel's sentinels match this package's and adds the
// package prefix, once. An error that already carries the prefix (returned
// by another exported function) is returned as it is.
func wrap(err error) error {
	return pkgerr.Wrap("target", err, func(err error) error { return money.Translate(err, moneyErrs) })
}
