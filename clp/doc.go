// Package clp computes customer lifetime profit (CLP): what a customer —
// above all a key account — is worth as an asset, counting its margins, its
// cost to serve and its acquisition cost, not its revenue.
//
// # Cash-flow CLP
//
// An [AccountSpec] describes revenue (constant, growing, an explicit series
// or a relationship-phase profile), gross margin, cost to serve (fixed per
// period and a share of revenue), acquisition cost and survival (a constant
// retention rate or an explicit curve). [NewAccount] validates it once; a
// [Model] built by [New] from a [Config] (period, discount rate, horizon,
// timing, rounding unit) scores accounts one by one ([Model.Profit]) or in
// batches into a caller's slice ([Model.ProfitsTo], which allocates
// nothing, and [Model.DecimalProfitsTo], which allocates only the decimal
// results).
// [GuptaLehmann] is the infinite-horizon closed form m·r/(1+d−r).
//
// # Relationship phases and value levers
//
// The course's four relationship phases — exploration, formation, stability,
// decline — are a [PhaseSpec] profile whose CLP the model computes;
// [DetectPhase] places a customer in a phase from its revenue history by a
// documented rule; [Model.Levers] ranks the four management steps
// (identify, develop, retain, raise value) by the CLP they add.
//
// # Contractual retention
//
// [SBG] is the shifted-beta-geometric model of Fader & Hardie (2007):
// [FitSBG] fits it to a cohort's survivors by maximum likelihood; it
// projects survival and retention rates and gives the discounted expected
// residual lifetime in closed form ([SBG.DERL]).
//
// # Non-contractual customers ("buy till you die")
//
// When nobody announces that they left, [Summarize] (or a [Summarizer],
// whose shards merge) turns an event log — read by [ReadEvents] — into
// per-customer summaries ([Summary]: repeat purchases, recency, age, mean
// repeat spend, holdout counts; [Summary.RFM] for the marketing
// convention). [FitBGNBD], [FitParetoNBD], [FitMBGNBD] and [FitBGBB] fit
// the purchase models by maximum likelihood on the logarithms of their
// parameters (gonum's BFGS, L-BFGS for BG/NBD, an L2 penalty on request, an error when the
// optimiser does not converge, [BGNBD.StandardErrors] from the Hessian);
// [FitGammaGamma] fits spend. Each model predicts P(alive), expected and
// conditional expected purchases and the distribution of purchases, and
// simulates customers from a caller's random source. [DiscountedTransactions]
// (a sum over months, as in lifetimes) and [DERT] (continuous time) discount
// the expected purchases; [LifetimeValue] turns them into profit with a
// margin and a cost per transaction.
//
// The four purchase models share one contract, [PurchaseModel], checked at
// compile time. [Score] is the checked form of their predictions,
// [ScoreAll], [ScoreSummaries] and [LifetimeValues] score a whole customer
// base on all cores and [TopN] ranks it; SimulateCustomers is the checked
// simulator. The fits on summaries ([FitBGNBDSummaries] and its siblings,
// [FitGammaGammaSummaries]) drop customers of age zero (Gamma-Gamma:
// non-repeat buyers), name bad summaries by ID and return a [FitReport]:
// log-likelihood, standard errors, what the optimiser did, customers used
// and dropped. [FitOptions] holds the optimiser's settings with zero-value
// defaults (iterations, gradient threshold, starting point, run time, the
// bound on the log-parameters); the Weighted fits take weights as data.
// [Compare] sets fitted models side by side on a holdout (log-likelihood,
// AIC, BIC, per-customer and total forecasts) and [Tracking] gives a
// cohort's expected cumulative repeat purchases.
//
// # Units
//
// Money is per period in the caller's currency; rates are per period (in a
// monthly model, 0.0075 retention loss is 0.75 % a month), except
// [Config.DiscountRate], which is annual unless [Config.RateBasis] says
// PerPeriod: the period rate is (1 + annual)^(1/PeriodsPerYear) − 1, and
// [AccountSpec.AnnualRetention], converted by [PerPeriodRetention]
// (annual^(1/k)). The retention lever of [Model.Levers] is in annual points. sBG
// time is in renewal periods (years in the paper). The transaction models
// take time in the unit of the summaries ([TimeUnit], weeks by default:
// days/7), BG/BB in opportunities; spend is in the log's currency.
//
// # Rounding
//
// Kernels compute in float64. Decimal results are rounded once, at the end,
// to a multiple of [Config.Unit] (0.01 by default), half away from zero;
// nothing is rounded per period, since the periods of a lifetime value are
// expectations, not payments.
//
// # Errors and panics
//
// Bad input returns an error wrapping an exported sentinel: [ErrNotFinite],
// [ErrInvalidRetention], [ErrInvalidDiscount], [ErrInvalidHorizon],
// [ErrInvalidRate], [ErrInvalidUnit], [ErrInvalidPhase], [ErrShortHistory],
// [ErrInvalidData], [ErrNoConvergence], [ErrOverflow]; the log reader
// returns [*ParseError] values with line and field. Every message starts
// with "clp: " once, added by the exported function that returns it. A negative CLP is a
// result, not an error. The batch methods panic when dst has the wrong length, and the Must
// constructors on error: programmer errors.
//
// # Zero values and concurrency
//
// The zero [Config] means monthly periods, no discounting, ten years, cash
// at the end of each period and cents. [Account], [Model], [SBG] and the
// transaction models are immutable values, safe for concurrent use (fits on
// large data sum the likelihood on several goroutines, in a fixed order, so
// results do not depend on scheduling); a [Summarizer] is not. Randomness,
// in the simulators, comes only from the caller's source.
package clp
