// Package target splits annual sales targets along three dimensions at once —
// organisation, metric and time — exactly to the rounding unit, and keeps the
// resulting plan coherent as it is edited.
//
// # The three dimensions
//
//   - Organisation: a [Tree] of any depth, by default company → region →
//     industry → customer → project. Each level shares its parent's amount by
//     a [WeightSource]: equal, explicit, share of history totals, average of
//     history shares, potential, or a blend of history and potential. Build
//     it from rows with [NewTree], from a CSV table with [ReadTree], or, for
//     a large organisation read row by row, with a [TreeBuilder], whose
//     tree keeps the rows without a copy and whose plan can take its
//     profiles by position ([Spec.NodeProfiles]).
//   - Metric: revenue, cash collection, profit, expense and any caller-defined
//     [Metric], each an independent annual [Target] or derived from others by
//     a [Derivation] kept as data in the plan: payment terms, expense ratio
//     and gross margin are shorthands ([Spec]); [Plan.Metric] tells which.
//   - Time: a fiscal [Calendar] with a configurable first month, its months,
//     quarters, halves and year ([Period]), and monthly [Profile]s estimated
//     from history by [Seasonality] or from working days by
//     [WorkingDayProfile].
//
// [NewPlan] builds a [Plan] from a [Spec]; [Plan.Lock] fixes a cell (a key
// customer's commitment, a region's month) and rebalances the rest;
// [Plan.Gaps] compares the top-down plan with bottom-up commitments;
// [Plan.Check] verifies any plan, including one read with [ReadCSV] or
// [ReadJSON].
//
// # Process targets and the monthly review
//
// A [Funnel] turns result targets into process targets: [Funnel.Targets] and
// [Plan.ProcessTargets] work back from monthly revenue to the deals,
// opportunities, proposals and visits each month needs, shifted earlier by
// the lead times; [Funnel.Outcome] goes forward from planned activities to
// the expected deals, their binomial spread and the probability of reaching a
// target; [Funnel.EstimateConversions] learns conversion rates from
// historical stage counts.
//
// [NewReview] is the monthly completion check: [Actuals] (read with
// [ReadActualsCSV]) against the plan as of a date, by month, quarter to date
// and year to date, with completion rates ([Completion]), statuses
// ([Thresholds]), time progress against completion progress, gap to go,
// required run rates and forecasts ([Review.Progress]), the children that
// explain a variance ([Review.Contributors]) and the cross-metric ratios
// ([Review.Ratios]); it renders as text, CSV and JSON.
//
// # Exactness
//
// Every amount is a whole multiple of the plan's unit (0.01 by default), held
// as an int64 count of units, and every split is exact: the parts of
// [Allocate], and every parent, quarter, half and year of a plan, sum to the
// whole with no unit lost or created. Splits use the largest-remainder
// (Hamilton) method in 128-bit integer arithmetic; ties go to the earlier
// part. A part with weight zero gets exactly zero, and a negative total
// splits as the mirror image of the positive one.
//
// # Units
//
// Money is a [decimal.Decimal] in the plan's currency; the unit sets the
// precision (0.01 for cents, 1 for whole currency units, 1000 for
// thousands). Shares are reported as multiples of 10⁻¹² ([ShareScale]) that
// sum to one; splits use the exact weights behind them. Rates (growth, attrition, expense ratio, gross margin, payment terms)
// are fractions: 0.15 is 15 %. Growth and attrition in [Grow] are for the
// same period as the base, usually a year. History periods are whatever the
// caller supplies, usually years for weights and months for seasonality.
//
// # Rounding
//
// Amounts are never rounded one by one: each split rounds once, by the
// largest-remainder method, so that the parts still sum to the whole. The
// only other rounding is of rates applied to revenue in linked metrics:
// once per leaf and year, half away from zero, to the unit. Profiles,
// seasonality and weights are computed in float64 and turned into exact
// integer shares before any money is split.
//
// # Overflow
//
// Amounts are int64 counts of the unit bounded by ±10^18 units. Every sum
// of cells — a parent, a quarter, a year, a roll-up of actuals, a review
// window, a rebalance — is checked: one that would leave the bound is an
// error wrapping [ErrOverflow], as a [*CellError] naming the node, metric and
// period, never a wrapped-around amount. Plan files are bounded too: a reader
// refuses a file that describes more cells than [ReadOptions.MaxCells].
//
// # Errors and panics
//
// Bad input returns an error that wraps one of the exported sentinel errors
// (ErrXxx), testable with [errors.Is]; file readers return a [*ParseError]
// naming the line and field, and cell-level problems a [*CellError]. Each
// message starts with the package prefix "target: " once. Nothing returns
// NaN or infinity, and float inputs are checked before they are converted.
// The only panics are documented programmer errors: [Month] and [Quarter]
// out of range, [Calendar.Month] with a period that is not a month,
// [TreeBuilder.Grow] with a negative count, and the Must constructors.
//
// # Zero values and concurrency
//
// The zero [Options], [WeightSource], [ReadOptions] and [Profile] fields
// mean documented defaults; a zero [Calendar] is invalid until StartYear is
// set; a zero [Derivation] or [Term] is invalid (it names no metric); a zero
// [TreeBuilder] is empty and ready to use, by one goroutine at a time. [Tree] is
// immutable and safe for concurrent use. A [Plan]'s read methods are safe for
// concurrent use; [Plan.Set], [Plan.Lock] and [Plan.Unlock] modify it and
// must not run concurrently with other calls. No function modifies its
// inputs, and there is no package-level mutable state.
package target
