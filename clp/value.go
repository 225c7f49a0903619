package clp

import (
	"fmt"
	"math"

	"github.com/shopspring/decimal"
	"gonum.org/v1/gonum/mathext"

	"github.com/salesgrowth/salesgrowth/internal/money"
)

// TransactionModel is a fitted non-contractual purchase model:
// [BGNBD], [ParetoNBD] and [MBGNBD] (and [BGBB], in opportunities).
type TransactionModel interface {
	ConditionalExpectedPurchases(t float64, c Customer) float64
	PAlive(c Customer) float64
}

// DiscountedTransactions returns the discounted expected transactions of
// a customer over the next periods periods of length periodLength (in the
// model's time unit: 52/12 weeks is a month), at the discount rate
// ratePerPeriod (d) per period, in (−1, 1):
//
//	Σₖ₌₁ⁿ [E(k·L) − E((k−1)·L)] / (1+d)ᵏ,
//
// E(t) being [TransactionModel.ConditionalExpectedPurchases] — the
// convention of lifetimes' customer_lifetime_value. Errors wrap
// [ErrInvalidHorizon] (periods ≤ 0 or periodLength ≤ 0) or
// [ErrInvalidDiscount].
func DiscountedTransactions(m TransactionModel, c Customer, periodLength float64, periods int, ratePerPeriod float64) (_ float64, err error) {
	rate := ratePerPeriod
	defer wrapErr(&err)
	if err := validFor(m, c); err != nil {
		return 0, fmt.Errorf("discounted transactions: customer: %w", err)
	}
	if periods <= 0 || periods > MaxProjectPeriods || !(periodLength > 0) || math.IsInf(periodLength, 0) {
		return 0, fmt.Errorf("discounted transactions: %d periods of %v: %w", periods, periodLength, ErrInvalidHorizon)
	}
	if !(rate > -1 && rate < 1) {
		return 0, fmt.Errorf("discounted transactions: rate %v: %w", rate, ErrInvalidDiscount)
	}
	cep := expectation(m, c)
	var sum, prev float64
	v := 1.0
	for k := 1; k <= periods; k++ {
		e := cep(float64(k) * periodLength)
		v /= 1 + rate
		sum += (e - prev) * v
		prev = e
	}
	if !(sum >= 0) || math.IsInf(sum, 0) {
		return 0, fmt.Errorf("discounted transactions: %v for this model and customer: %w", sum, ErrNotFinite)
	}
	return sum, nil
}

// DERT returns the discounted expected residual transactions of a customer
// in continuous time, at the continuous discount rate delta per time unit
// (ln(1.1)/52 ≈ 0.00183 a week for 10 % a year):
//
//	DERT = ∫₀^∞ e^(−δt) dE(t) = δ ∫₀^∞ e^(−δt) E(t) dt,
//
// with E as in [DiscountedTransactions], integrated numerically over
// u = e^(−δt) ∈ (0, 1] with the substitution u = v⁴ (which removes the
// singularity of E at u = 0), by adaptive Gauss–Kronrod quadrature to a
// relative error of 1e-11 with breakpoints at δt = 0.01 … 100 (a fixed
// 96-point rule erred by 1e-4 where E bends at several scales). For the
// Pareto/NBD this is the quantity of Fader, Hardie & Lee (2005, JMR). The
// BG/BB's expectation steps at each opportunity, so its integral is the
// sum Σₖ≥₁ e^(−δk)·[E(k) − E(k−1)], the DERT of Fader, Hardie & Shang
// (2010) at the discount factor 1/(1+d) = e^(−δ) (see [BGBB]). delta
// must be positive ([ErrInvalidDiscount]); a quadrature or sum that does
// not converge is an error wrapping [ErrNotFinite].
func DERT(m TransactionModel, c Customer, delta float64) (_ float64, err error) {
	defer wrapErr(&err)
	if err := validFor(m, c); err != nil {
		return 0, fmt.Errorf("dert: customer: %w", err)
	}
	if math.IsNaN(delta) || math.IsInf(delta, 0) || delta <= 0 {
		return 0, fmt.Errorf("dert: rate %v: %w", delta, ErrInvalidDiscount)
	}
	if rs, ok := m.(residualSum); ok {
		v, ok := rs.dert(c, delta)
		if !ok || !(v >= 0) || math.IsInf(v, 0) {
			return 0, fmt.Errorf("dert: %v for this model and customer: %w", v, ErrNotFinite)
		}
		return v, nil
	}
	cep := expectation(m, c)
	f := func(v float64) pair {
		if v <= 0 {
			return pair{}
		}
		u := v * v * v * v
		return pair{w: 4 * v * v * v * cep(-math.Log(u)/delta)}
	}
	var breaks []float64
	for _, k := range []float64{100, 30, 10, 3, 1, 0.3, 0.1, 0.01} { // δt = k at v = e^(−k/4)
		breaks = append(breaks, math.Exp(-k/4))
	}
	q, ok := integrateTol(f, sortedBreaks(0, 1, breaks), 1e-11)
	v := q.w
	if !ok || !(v >= 0) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("dert: %v for this model and customer: %w", v, ErrNotFinite)
	}
	return v, nil
}

// ValueConfig configures [LifetimeValue].
type ValueConfig struct {
	// Margin is the gross margin on spend, a fraction.
	Margin float64
	// CostPerTransaction is the cost to serve one transaction (handling,
	// delivery), in money.
	CostPerTransaction float64
	// PeriodLength is the length of a period in the model's time unit (52/12
	// weeks for a month); Periods the number of periods summed;
	// DiscountRatePerPeriod the discount rate per period, in (−1, 1) (0.01
	// is 1 % a month in a monthly sum, not 1 % a year).
	PeriodLength          float64
	Periods               int
	DiscountRatePerPeriod float64
	// AnnualDiscountRate, when PeriodsPerYear is set, states the discount
	// rate per year instead, in (−1, 1): the rate per period is
	// (1 + annual)^(1/PeriodsPerYear) − 1, as [Config] converts it.
	// DiscountRatePerPeriod must then be zero.
	AnnualDiscountRate float64
	PeriodsPerYear     int
	// Continuous uses [DERT] over an infinite horizon, at the continuous
	// rate ln(1+DiscountRatePerPeriod)/PeriodLength, instead of the period
	// sum.
	Continuous bool
	// DiscountRate is the former name of DiscountRatePerPeriod, with the
	// same meaning; setting both to different values is an error.
	//
	// Deprecated: the name does not say the rate's basis; use
	// DiscountRatePerPeriod or AnnualDiscountRate.
	DiscountRate float64
}

// LifetimeValue returns a customer's residual lifetime profit:
//
//	(margin × expected spend − cost per transaction) × discounted transactions,
//
// the expected spend from the Gamma-Gamma model given x repeat transactions
// of mean value meanSpend, the discounted transactions by the period sum of
// [DiscountedTransactions] or, with Continuous, by [DERT]. The result is
// rounded to cents, half away from zero. Errors are those of the two
// functions, or wrap [ErrNotFinite].
func LifetimeValue(m TransactionModel, gg GammaGamma, c Customer, meanSpend float64, cfg ValueConfig) (_ decimal.Decimal, err error) {
	defer wrapErr(&err)
	if err := validFor(m, c); err != nil {
		return decimal.Decimal{}, fmt.Errorf("lifetime value: customer: %w", err)
	}
	if c.X <= 0 {
		if _, err := gg.MeanSpend(); err != nil {
			return decimal.Decimal{}, fmt.Errorf("lifetime value: a customer with no repeat purchase is valued at the population mean spend: %w", err)
		}
	}
	rate, ok := aliased(cfg.DiscountRatePerPeriod, cfg.DiscountRate)
	if !ok {
		return decimal.Decimal{}, fmt.Errorf("lifetime value: both DiscountRatePerPeriod (%v) and its former name DiscountRate (%v): %w", cfg.DiscountRatePerPeriod, cfg.DiscountRate, ErrInvalidDiscount)
	}
	if cfg.PeriodsPerYear != 0 || cfg.AnnualDiscountRate != 0 {
		switch {
		case rate != 0:
			return decimal.Decimal{}, fmt.Errorf("lifetime value: both a rate per period (%v) and an annual rate (%v): %w", rate, cfg.AnnualDiscountRate, ErrInvalidDiscount)
		case cfg.PeriodsPerYear < 1 || cfg.PeriodsPerYear > 366:
			return decimal.Decimal{}, fmt.Errorf("lifetime value: %d periods a year, want 1 … 366: %w", cfg.PeriodsPerYear, ErrInvalidHorizon)
		case !(cfg.AnnualDiscountRate > -1 && cfg.AnnualDiscountRate < 1):
			return decimal.Decimal{}, fmt.Errorf("lifetime value: annual rate %v, want a fraction in (−1, 1) (0.10 for 10 %%): %w", cfg.AnnualDiscountRate, ErrInvalidDiscount)
		}
		rate = math.Expm1(math.Log1p(cfg.AnnualDiscountRate) / float64(cfg.PeriodsPerYear))
	}
	spend := gg.ConditionalExpectedSpend(c.X, meanSpend)
	if math.IsNaN(spend) || math.IsInf(spend, 0) {
		return decimal.Decimal{}, fmt.Errorf("lifetime value: expected spend %v (mean spend %v): %w", spend, meanSpend, ErrNotFinite)
	}
	var det float64
	if cfg.Continuous {
		if !(cfg.PeriodLength > 0) {
			return decimal.Decimal{}, fmt.Errorf("lifetime value: period length %v: %w", cfg.PeriodLength, ErrInvalidHorizon)
		}
		if !(rate > -1 && rate < 1) {
			return decimal.Decimal{}, fmt.Errorf("lifetime value: rate %v: %w", rate, ErrInvalidDiscount)
		}
		det, err = DERT(m, c, math.Log1p(rate)/cfg.PeriodLength)
	} else {
		det, err = DiscountedTransactions(m, c, cfg.PeriodLength, cfg.Periods, rate)
	}
	if err != nil {
		return decimal.Decimal{}, fmt.Errorf("lifetime value: %w", err)
	}
	v := (cfg.Margin*spend - cfg.CostPerTransaction) * det
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return decimal.Decimal{}, fmt.Errorf("lifetime value %v: %w", v, ErrNotFinite)
	}
	d, err := money.Cent().RoundFloat(v, money.HalfAwayFromZero)
	if err != nil {
		return decimal.Decimal{}, fmt.Errorf("lifetime value: %w", fromMoney(err))
	}
	return d, nil
}

// validFor checks the model's parameters (positive, finite) and a customer
// against the rules of the model's kind: BG/BB patterns are whole
// opportunities, the others continuous-time summaries.
func validFor(m TransactionModel, c Customer) error {
	var params []float64
	switch v := m.(type) {
	case BGNBD:
		params = []float64{v.R, v.Alpha, v.A, v.B}
	case MBGNBD:
		params = []float64{v.R, v.Alpha, v.A, v.B}
	case ParetoNBD:
		params = []float64{v.R, v.Alpha, v.S, v.Beta}
	case BGBB:
		params = []float64{v.Alpha, v.Beta, v.Gamma, v.Delta}
	}
	if !positive(params...) {
		return fmt.Errorf("model %+v: parameters must be positive and finite: %w", m, ErrInvalidData)
	}
	if _, ok := m.(BGBB); ok {
		return checkBGBB(0, c)
	}
	return c.Validate()
}

// Score is the checked form of the models' prediction methods: the
// probability that customer c is alive and its expected purchases in the
// next t time units (opportunities for BG/BB) under m. Errors wrap
// [ErrInvalidData] for parameters that are not positive and finite,
// [ErrNotFinite] or [ErrInvalidData] for a customer the model does not
// accept ([Customer.Validate]; BG/BB patterns as [BGBB.PAlive] states) or a
// negative or non-finite t, and [ErrNotFinite] when the model's parameters
// give no finite answer.
func Score(m TransactionModel, t float64, c Customer) (pAlive, expected float64, err error) {
	defer wrapErr(&err)
	if err := validFor(m, c); err != nil {
		return 0, 0, fmt.Errorf("score: customer: %w", err)
	}
	if !(t >= 0) || math.IsInf(t, 0) {
		return 0, 0, fmt.Errorf("score: horizon %v: %w", t, ErrInvalidData)
	}
	var p, e float64
	if pr, ok := m.(interface {
		Predict(float64, Customer) (float64, float64)
	}); ok {
		p, e = pr.Predict(t, c) // P(alive) once
	} else {
		p, e = m.PAlive(c), m.ConditionalExpectedPurchases(t, c)
	}
	if !(p >= 0 && p <= 1) || !(e >= 0) || math.IsInf(e, 0) {
		return 0, 0, fmt.Errorf("score: P(alive) %v, expected %v: %w", p, e, ErrNotFinite)
	}
	return p, e, nil
}

// aliveCurve is implemented by the models whose conditional expectation is
// a factor of the customer (P(alive), or the likelihood ratio for BG/BB)
// times a curve in t: the factor, which can cost a likelihood evaluation,
// is then computed once for a whole integral or period sum instead of once
// per node. A NaN factor is an invalid model or customer.
type aliveCurve interface {
	aliveFactor(c Customer) float64
	aliveCurveAt(c Customer, t float64) float64
}

var (
	_ aliveCurve = BGNBD{}
	_ aliveCurve = MBGNBD{}
	_ aliveCurve = ParetoNBD{}
	_ aliveCurve = BGBB{}
)

// expectation returns t ↦ m.ConditionalExpectedPurchases(t, c), through
// the model's aliveCurve when it has one.
func expectation(m TransactionModel, c Customer) func(t float64) float64 {
	ac, ok := m.(aliveCurve)
	if !ok {
		return func(t float64) float64 { return m.ConditionalExpectedPurchases(t, c) }
	}
	f := ac.aliveFactor(c)
	return func(t float64) float64 { return scaledCurve(ac, c, f, t) }
}

// scaledCurve returns factor·m.aliveCurveAt(c, t): NaN for a NaN factor, a
// negative or infinite t, or a product that is not finite; zero at t = 0 or
// a zero factor.
func scaledCurve[M aliveCurve](m M, c Customer, factor, t float64) float64 {
	switch {
	case math.IsNaN(factor) || !(t >= 0) || math.IsInf(t, 0):
		return math.NaN()
	case factor == 0 || t == 0:
		return 0
	}
	e := factor * m.aliveCurveAt(c, t)
	if math.IsNaN(e) || math.IsInf(e, 0) {
		return math.NaN() // beyond the evaluable range
	}
	return e
}

// predictAlive is Predict for the models whose aliveCurve factor is
// P(alive): both NaN when either is. It and scaledCurve take the model as a
// type parameter, not an interface, so that a prediction does not box it
// on the heap.
func predictAlive[M aliveCurve](m M, t float64, c Customer) (pAlive, expected float64) {
	return predictValid(m, m.aliveFactor(c), t, c)
}

// validPredictor is implemented by the models whose Predict has an
// unchecked form for parameters, customer and horizon already validated:
// the hot loop of [ScoreAll] checks the model once, not per customer.
type validPredictor interface {
	predictValid(t float64, c Customer) (pAlive, expected float64)
}

var (
	_ validPredictor = BGNBD{}
	_ validPredictor = MBGNBD{}
	_ validPredictor = ParetoNBD{}
)

// predictValid is predictAlive with the factor p (P(alive)) already
// computed: both NaN when the curve is.
func predictValid[M aliveCurve](m M, p, t float64, c Customer) (pAlive, expected float64) {
	e := scaledCurve(m, c, p, t)
	if math.IsNaN(e) {
		return math.NaN(), math.NaN()
	}
	return p, e
}

func (m BGNBD) aliveFactor(c Customer) float64 { return m.PAlive(c) }

func (m BGNBD) predictValid(t float64, c Customer) (float64, float64) {
	return predictValid(m, m.pAlive(c), t, c)
}

func (m BGNBD) aliveCurveAt(c Customer, t float64) float64 {
	return m.bracket(m.R+c.X, m.Alpha+c.T, m.B+c.X, t)
}

func (m MBGNBD) aliveFactor(c Customer) float64 { return m.PAlive(c) }

func (m MBGNBD) predictValid(t float64, c Customer) (float64, float64) {
	return predictValid(m, m.pAlive(c), t, c)
}

func (m MBGNBD) aliveCurveAt(c Customer, t float64) float64 {
	return m.bg().bracket(m.R+c.X, m.Alpha+c.T, m.B+c.X+1, t)
}

func (m ParetoNBD) aliveFactor(c Customer) float64 { return m.PAlive(c) }

func (m ParetoNBD) predictValid(t float64, c Customer) (float64, float64) {
	return predictValid(m, m.pAlive(c), t, c)
}

func (m ParetoNBD) aliveCurveAt(c Customer, t float64) float64 {
	return (m.R + c.X) / (m.Alpha + c.T) * lomaxMean(m.S, m.Beta+c.T, t)
}

// aliveFactor is BG/BB's B(α+x+1, β+n−x)/B(α,β)/L: survivalSum counts from
// the prior, and conditioning θ on survival to n by the Beta update
// B(γ, δ+n)/B(γ, δ) is folded into the formula.
func (m BGBB) aliveFactor(c Customer) float64 {
	if !positive(m.Alpha, m.Beta, m.Gamma, m.Delta) || checkBGBB(0, c) != nil {
		return math.NaN()
	}
	x, n := c.X, c.T
	return math.Exp(mathext.Lbeta(m.Alpha+x+1, m.Beta+n-x) - mathext.Lbeta(m.Alpha, m.Beta) - bgbbLL(m, c))
}

// residualSum is implemented by the models whose expectation is a step
// function of t, one step per opportunity: [DERT] sums their steps
// instead of integrating them (a step function kept the quadrature
// bisecting to its bound, 0.2 s a customer).
type residualSum interface {
	dert(c Customer, delta float64) (float64, bool)
}

var _ residualSum = BGBB{}

// dert returns BG/BB's DERT at the continuous rate delta:
// Σₖ≥₁ e^(−δk)·f·B(γ, δ'+n+k)/B(γ, δ'), f the aliveFactor and δ' the
// model's Delta, which is f·B(γ, δ'+n+1)/B(γ, δ')·z·₂F₁(1, δ'+n+1;
// γ+δ'+n+1; z) with z = e^(−δ). Each term is at most z times the one
// before, so the rest after a term is at most term·z/(1−z); the sum stops
// when that is below 1e-16 of it, and reports false when it would need
// more than MaxOpportunities terms or the factor is NaN.
func (m BGBB) dert(c Customer, delta float64) (float64, bool) {
	f := m.aliveFactor(c)
	switch {
	case math.IsNaN(f):
		return math.NaN(), false
	case f == 0:
		return 0, true
	}
	g, d, n := m.Gamma, m.Delta, c.T
	z := math.Exp(-delta)
	rest := z / -math.Expm1(-delta)
	sum, term := 1.0, 1.0 // relative to the first term
	for k := 1.0; k <= MaxOpportunities; k++ {
		if term*rest <= 1e-16*sum {
			lead := mathext.Lbeta(g, d+n+1) - mathext.Lbeta(g, d) - delta
			v := math.Exp(math.Log(f) + lead + math.Log(sum))
			return v, !math.IsNaN(v) && !math.IsInf(v, 0)
		}
		term *= (d + n + k) / (g + d + n + k) * z
		sum += term
	}
	return math.NaN(), false
}

func (m BGBB) aliveCurveAt(c Customer, t float64) float64 {
	if !(t <= MaxOpportunities) {
		return math.NaN()
	}
	return m.survivalSum(c.T, math.Floor(t))
}
