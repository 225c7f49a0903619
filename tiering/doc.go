// Package tiering assigns customers to tiers and segments by value: the
// course's four-level customer pyramid — transactional, standard, value and
// strategic (交易型, 标准型, 价值型, 战略型) — from lifetime profit or any
// score, and the segmentation tools analysts know from R's classInt, rfm and
// pandas.
//
// [Assign] places customers in the four [Tier]s by fixed thresholds, by
// pyramid shares of head count (5 / 15 / 30 / 50 % by default, counts
// rounded by the largest-remainder method), by cumulative share of profit
// (the Pareto rule) or by natural breaks, optionally lifted one tier by
// strategic potential; equal values always share a tier and loss-makers are
// flagged and, by default, stay transactional.
//
// [NewReport] builds the pyramid of an assignment — per tier the count, the
// shares of customers and of profit, mean, median, bound and loss-makers —
// rendered as aligned text with a text pyramid ([Report.WriteText]), CSV
// ([Report.WriteCSV], read back by [ReadReportCSV]) and JSON.
//
// [NaturalBreaks] is the exact optimal one-dimensional k-means (Fisher 1958;
// Jenks' natural breaks) by dynamic programming, with [Breaks.Class],
// [Breaks.GVF] and [BreaksForGVF].
//
// [DefaultPolicies] is the per-tier policy table (approach, service level,
// coverage, visits, cost-to-serve budget) and [Policies.OverBudget] finds
// the customers who cost more to serve than their tier allows. [ABC],
// [XYZ] and [CrossTable] are the ABC analysis by cumulative value or count
// and the variability of demand.
//
// [NewMigration] compares two periods' tiers: transition counts and
// probabilities, arrivals and leavers, the largest moves, the pyramid
// projected k periods ahead, the steady state and the Markov-chain lifetime
// value by starting tier (Pfeifer & Carraway 2000).
//
// [ScoreRFM] computes recency, frequency and monetary value from an event
// log as of a date and scores them by NTILE, by quantile breaks that keep
// ties together, or by the caller's cut points, with segment rules
// ([DefaultSegments]).
//
// [PortfolioGrid] places key accounts in the 2 × 2 (McDonald's strategic,
// star, status, streamline) or 3 × 3 grid of weighted attractiveness and
// relationship-strength scores.
//
// [KMeans] clusters customers on several standardised features (k-means++
// seeding from the caller's random source, restarts), with [Silhouette]
// and the [Elbow] table.
//
// # Units
//
// Values are plain numbers in the caller's unit (a customer's lifetime
// profit in currency, a score); the package never converts them. Goodness of
// variance fit is a fraction in [0, 1].
//
// # Rounding
//
// Nothing is rounded: bounds are values of the input.
//
// # Errors and panics
//
// Bad input returns an error wrapping an exported sentinel (ErrNoValues,
// ErrNotFinite, ErrClasses, ErrInvalidOption, ErrUnknownTier, ErrSyntax),
// testable with [errors.Is]; messages start with
// "tiering: " once. No function panics on data, returns NaN or modifies its
// input.
//
// # Zero values and concurrency
//
// The zero [Breaks] has no classes, the zero [Options] is an invalid
// threshold split (set a method), the zero [Tier] is [Transactional] and the
// zero [Report] has no customers, the zero [ABCOptions] is the 80 / 95 %
// value rule and the zero [Policies] serves every tier by self-service
// without budget; the zero [Migration] has no customers and the zero [GridOptions] has no
// criteria (an error), the zero [KMeansOptions] has no k and no random
// source (an error). Every function is safe for concurrent
// use; there is no package-level mutable state, and the only randomness
// (k-means seeding) comes from the caller's source.
package tiering
