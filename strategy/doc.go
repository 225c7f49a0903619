// Package strategy closes the gap between a sales target and what the
// business would sell anyway: the planning gap against a baseline
// forecast, the four Ansoff growth strategies as a risk-weighted portfolio
// of initiatives, cross-selling inside key accounts, volume expansion
// beyond them, and the market-share strategy of each product's life-cycle
// stage.
//
// # Gap
//
// A baseline forecasts the plan year's twelve fiscal months without new
// initiatives: a linear or log-linear trend of monthly history with its
// prediction interval ([TrendBaseline], [FitTrend]), the plan's own run
// rate ([RunRateBaseline]) or the caller's forecast ([ForecastBaseline]).
// [PlanningGap] and [PlanGap] subtract it from a target — twelve monthly
// amounts ([MonthlyTarget] splits an annual number exactly) or a node of a
// [target.Plan] — month by month; [Gap.At] sums a quarter, half or the
// year, and [Gap.Split] separates the operational gap, which market
// penetration can close up to its potential, from the strategic gap.
//
// # Portfolio
//
// An [Initiative] belongs to a [Quadrant] of the Ansoff matrix and brings
// its revenue, ramped over the months from its start, with a probability of
// success, at a cost, possibly only after another initiative succeeds.
// [DefaultAssumption] gives each quadrant a labelled default probability
// and lead time (assumptions, not published rates). [Evaluate] computes the
// expected closure, its variance, the exact distribution of the total by
// convolution on whole cents (a seeded Monte Carlo with its standard error
// beyond a size limit), the probability of closing the gap, the coverage
// ratio and the monthly closure against the monthly gap. [Select] finds the
// least-cost subset that closes the gap with a required probability —
// exactly by branch and bound up to [MaxExactCandidates] candidates, by a
// documented greedy heuristic beyond — and [Frontier] the efficient
// frontier of cost against probability. [SpreadGap] assigns the gap to the
// quadrants, lowest risk first, and to the plan's nodes by exact split;
// [ScenarioPlan] writes the expected revenue back as a plan.
//
// # Growing inside and beyond the account
//
// [AssociationRules] mines cross-selling rules from baskets ([ReadBasketsCSV]
// reads them from long CSV) with support, confidence, lift, leverage and
// conviction; [NextBest] scores each customer's next best products, [Label]
// tags rules with the course's four cross-selling patterns. [FitBass] fits
// the Bass diffusion model by nonlinear least squares; [Expand] evaluates
// the four layers of referral around a won account; [DetectStage] places a
// sales series on the life cycle and [ShareStrategyFor] gives the stage's
// market-share strategy in English and Chinese.
//
// # Units
//
// Money is a decimal.Decimal in whole cents of the caller's currency; a
// fraction of a cent is an error, never rounded silently. Probabilities,
// shares, referral and conversion rates, and thresholds are fractions in
// [0, 1]: 0.25 is 25 %, and 25 is refused. Periods of the plan year are
// [target.Period] months in fiscal order; histories and sales series are
// consecutive periods, oldest first, and the Bass coefficients are per
// period of the series.
//
// # Rounding
//
// Forecasts, expected revenues and standard deviations are rounded to the
// cent once, half away from zero. Splits (a target over months, a ramp, a
// quadrant's share over nodes, the expected closure over months) use the
// exact largest-remainder method of the module's money kernel, so that the
// parts sum to the whole.
//
// # Errors and panics
//
// Every error wraps an exported sentinel (ErrInvalidAmount, ErrOverflow,
// ErrInvalidProbability, ErrInvalidSeries, ErrInvalidInitiative,
// ErrInvalidOption, ErrNeedSource, ErrInfeasible, ErrNoFit,
// ErrInvalidBasket, ErrSyntax, ErrTooLarge) for [errors.Is]; the reader's
// errors are a *[ParseError] with line and field. Messages start with
// "strategy: " once. Nothing returns NaN or an infinity (the conviction of a
// certain rule is [MaxConviction]). Sums of money beyond 10^18 cents are
// ErrOverflow. Every search and optimiser is bounded. No function panics.
//
// # Zero values and concurrency
//
// Zero option structs mean the documented defaults (RuleOptions needs a
// MinSupport). Every function is pure: inputs are never modified, there is
// no package-level mutable state, and all of it is safe for concurrent use.
// Randomness comes only from a caller's rand.Source, which must not be
// shared by concurrent calls (a rand.Source is not safe for concurrent use).
package strategy
