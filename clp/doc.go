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
// timing, rounding unit) scores customers one by one ([Model.Profit]) or in
// batches into a caller's slice ([Model.ProfitsTo],
// [Model.DecimalProfitsTo]) without allocating per customer.
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
// # Units
//
// Money is per period in the caller's currency; rates are per period (in a
// monthly model, 0.0075 retention loss is 0.75 % a month), except
// [Config.DiscountRate], which is annual unless [Config.RateBasis] says
// PerPeriod: the period rate is (1 + annual)^(1/PeriodsPerYear) − 1. sBG
// time is in renewal periods (years in the paper).
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
// [ErrInvalidData], [ErrNoConvergence]. A negative CLP is a result, not an
// error. The batch methods panic when dst has the wrong length, and the Must
// constructors on error: programmer errors.
//
// # Zero values and concurrency
//
// The zero [Config] means monthly periods, no discounting, ten years, cash
// at the end of each period and cents. [Account], [Model] and [SBG] are
// immutable values, safe for concurrent use; randomness, in [SimulateSBG],
// comes only from the caller's source.
package clp
