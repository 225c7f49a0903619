package clp

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"gonum.org/v1/gonum/mathext"
	"gonum.org/v1/gonum/optimize"
	"gonum.org/v1/gonum/stat/distuv"
)

// FitOptions configures a maximum-likelihood fit. A nil *FitOptions, or the
// zero value, means no penalty and the default iteration limit.
type FitOptions struct {
	// Penalty is λ of an L2 penalty λ·Σ (ln θ)² on the log-parameters,
	// which shrinks them towards one; zero means none. In the transaction
	// models the log-likelihood is divided by the number of customers
	// first, so λ does not scale with the data.
	Penalty float64
	// MaxIterations limits the optimiser's major iterations; zero means 500.
	MaxIterations int
	// Weights, when set, gives each summary passed to a transaction-model
	// fit a weight (a count of identical customers, as in the donation
	// data's recency/frequency patterns); it must have one entry per
	// summary.
	//
	// Deprecated: weights are data, not a setting; pass them to the
	// Weighted fits, such as [FitBGNBDWeighted] and [FitBGBBWeighted].
	Weights []float64
	// GradientThreshold ends a fit when the infinity norm of the gradient
	// of the objective (the negative log-likelihood per customer, over the
	// logarithms of the parameters) falls below it; zero means 1e-8.
	GradientThreshold float64
	// MaxLogParameter is the bound on |ln θ| beyond which a parameter has
	// run to the edge of the space and the fit fails with
	// [ErrNoConvergence]; zero means 15 (θ between 3e-7 and 3.3e6).
	MaxLogParameter float64
	// Start is the starting point, the model's parameters in field order
	// (R, Alpha, A, B for BG/NBD), each positive and finite; nil means all
	// ones.
	Start []float64
	// MaxRuntime bounds a fit's wall-clock time, after which it fails with
	// [ErrNoConvergence]; zero means ten minutes.
	MaxRuntime time.Duration
	// stats, when set (by the Summaries fits), receives what the
	// optimiser did.
	stats *fitStats
}

// validate checks the settings of an options value that went through get.
func (o FitOptions) validate(name string) error {
	for _, v := range []float64{o.GradientThreshold, o.MaxLogParameter} {
		if !(v > 0) || math.IsInf(v, 0) {
			return fmt.Errorf("%s: fit options: gradient threshold %v, max log-parameter %v, want positive: %w", name, o.GradientThreshold, o.MaxLogParameter, ErrInvalidData)
		}
	}
	if o.MaxIterations < 0 || o.MaxRuntime < 0 {
		return fmt.Errorf("%s: fit options: %d iterations, runtime %v: %w", name, o.MaxIterations, o.MaxRuntime, ErrInvalidData)
	}
	return nil
}

// start returns the optimiser's starting point on the log scale.
func (o FitOptions) start(name string, k int) ([]float64, error) {
	if err := o.validate(name); err != nil {
		return nil, err
	}
	x0 := make([]float64, k)
	if o.Start == nil {
		return x0, nil
	}
	if len(o.Start) != k {
		return nil, fmt.Errorf("%s: %d starting values for %d parameters: %w", name, len(o.Start), k, ErrInvalidData)
	}
	for j, v := range o.Start {
		if !(v > 0) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("%s: starting value %d is %v, want positive and finite: %w", name, j+1, v, ErrInvalidData)
		}
		x0[j] = math.Log(v)
	}
	return x0, nil
}

// settings are the optimiser's.
func (o FitOptions) settings() *optimize.Settings {
	return &optimize.Settings{MajorIterations: o.MaxIterations, GradientThreshold: o.GradientThreshold, Runtime: o.MaxRuntime}
}

// fitStats is what one optimiser run did.
type fitStats struct {
	iterations, evaluations int
	status                  string
}

func (o *FitOptions) get() FitOptions {
	var out FitOptions
	if o != nil {
		out = *o
	}
	if out.MaxIterations == 0 {
		out.MaxIterations = 500
	}
	if out.GradientThreshold == 0 {
		out.GradientThreshold = 1e-8
	}
	if out.MaxLogParameter == 0 {
		out.MaxLogParameter = 15
	}
	if out.MaxRuntime == 0 {
		out.MaxRuntime = 10 * time.Minute
	}
	return out
}

// SBG is the shifted-beta-geometric model of contractual retention (Fader &
// Hardie 2007, "How to project customer retention", Journal of Interactive
// Marketing 21(1)): each customer renews every period with a constant
// probability 1−θ, and θ varies across customers as Beta(Alpha, Beta). Time
// is in renewal periods (years in the paper's data). The zero value is not a
// valid model; build it with [FitSBG] or from known parameters.
type SBG struct {
	Alpha, Beta float64 // the Beta distribution of the churn probability θ
}

// Churn returns P(T = t), the probability that a new customer's last period
// is t (t ≥ 1): B(α+1, β+t−1)/B(α, β), computed by the recursion
// P(T=1) = α/(α+β), P(T=t) = P(T=t−1)·(β+t−2)/(α+β+t−1).
func (m SBG) Churn(t int) float64 {
	if !positive(m.Alpha, m.Beta) {
		return math.NaN()
	}
	if t < 1 {
		return 0
	}
	return clamp01(math.Exp(mathext.Lbeta(m.Alpha+1, m.Beta+float64(t)-1) - mathext.Lbeta(m.Alpha, m.Beta)))
}

// clamp01 keeps a probability computed in logs inside [0, 1], where
// rounding may put it a few ulps outside.
func clamp01(p float64) float64 { return min(1, max(0, p)) }

// Survival returns S(t) = P(T > t) = B(α, β+t)/B(α, β), the share of a
// cohort still active after t periods (S(0) = 1).
func (m SBG) Survival(t int) float64 {
	if !positive(m.Alpha, m.Beta) {
		return math.NaN()
	}
	if t <= 0 {
		return 1
	}
	return clamp01(math.Exp(mathext.Lbeta(m.Alpha, m.Beta+float64(t)) - mathext.Lbeta(m.Alpha, m.Beta)))
}

// RetentionRate returns rₜ = S(t)/S(t−1) = (β+t−1)/(α+β+t−1), the share of
// the customers active in period t−1 who renew for period t (t ≥ 1). It
// rises with t: the cohort sorts itself. Like Churn and Survival it is NaN
// for parameters that are not positive and finite.
func (m SBG) RetentionRate(t int) float64 {
	if !positive(m.Alpha, m.Beta) {
		return math.NaN()
	}
	if t < 1 {
		return 1
	}
	return clamp01((m.Beta + float64(t) - 1) / (m.Alpha + m.Beta + float64(t) - 1))
}

// MaxProjectPeriods bounds the periods of [SBG.Project].
const MaxProjectPeriods = 1 << 20

// Project returns the expected survivors of a cohort of size n at the start
// of periods 0 … periods: n·S(t). A cohort size that is negative or not
// finite, or periods outside 0 … [MaxProjectPeriods], give nil.
func (m SBG) Project(n float64, periods int) []float64 {
	if !(n >= 0) || math.IsInf(n, 0) || periods < 0 || periods > MaxProjectPeriods || !positive(m.Alpha, m.Beta) {
		return nil
	}
	out := make([]float64, periods+1)
	for t := range out {
		out[t] = n * m.Survival(t)
	}
	return out
}

// DERL returns the discounted expected residual lifetime of a customer who
// has renewed n times so far (n = 0 just after acquisition): the expected
// number of future renewals, the next one undiscounted and each later one
// discounted by the rate d per period,
//
//	DERL = Σₖ≥₁ S(n+k)/S(n) · (1+d)^−(k−1)
//	     = (β+n)/(α+β+n) · ₂F₁(1, β+n+1; α+β+n+1; 1/(1+d)),
//
// Fader & Hardie (2010), "Customer-base valuation in a contractual setting:
// the perils of ignoring heterogeneity", Marketing Science 29(1). Multiply
// by the margin per period for the residual value. d must be positive
// ([ErrInvalidDiscount]) and n non-negative ([ErrInvalidData]).
func (m SBG) DERL(d float64, n int) (_ float64, err error) {
	defer wrapErr(&err)
	if math.IsNaN(d) || math.IsInf(d, 0) || d <= 0 {
		return 0, fmt.Errorf("sbg: DERL discount %v: %w", d, ErrInvalidDiscount)
	}
	if n < 0 {
		return 0, fmt.Errorf("sbg: DERL after %d renewals: %w", n, ErrInvalidData)
	}
	if !positive(m.Alpha, m.Beta) {
		return 0, fmt.Errorf("sbg: DERL with α %v, β %v: parameters must be positive and finite: %w", m.Alpha, m.Beta, ErrInvalidData)
	}
	v := derl(m.Alpha, m.Beta+float64(n), d)
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("sbg: DERL at α %v, β %v, %d renewals, discount %v: no finite value: %w", m.Alpha, m.Beta, n, d, ErrNotFinite)
	}
	return v, nil
}

// maxDERLTerms bounds the series of [derl]; past it the integral is used.
const maxDERLTerms = 20_000

// derl returns Σₖ≥₁ S(n+k)/S(n)·zᵏ⁻¹ with z = 1/(1+d) and b = β+n: the
// series itself when it ends within maxDERLTerms terms (each term is the
// last times (b+k)/(α+b+k)·z, so the rest is below term/d and the sum stops
// when that is below 1e-17 of it), else the integral it sums,
// (1+d)·E[(1−θ)/(d+θ)] over θ ~ Beta(α, b) (the survival ratios are
// E[(1−θ)ᵏ] under the posterior of the churn probability θ), by
// [betaMean]. gonum's ₂F₁ is not used: it loops for ever at an integer α
// of 172 or more when the discount is below 11.1 %.
func derl(alpha, b, d float64) float64 {
	z := 1 / (1 + d)
	term := b / (alpha + b)
	sum := term
	for k := 1; k < maxDERLTerms; k++ {
		if term < 1e-17*d*sum {
			return sum
		}
		fk := float64(k)
		term *= (b + fk) / (alpha + b + fk) * z
		sum += term
	}
	v, _ := derlIntegral(alpha, b, d)
	return v
}

// derlIntegral is [derl] by its integral, (1+d)·E[(1−θ)/(d+θ)] over
// θ ~ Beta(α, b); ok is false (and the value NaN) when the quadrature does
// not converge.
func derlIntegral(alpha, b, d float64) (float64, bool) {
	v, ok := betaMean(alpha, b, func(th float64) float64 { return (1 - th) / (d + th) }, d)
	return (1 + d) * v, ok
}

// LogLikelihood returns the log-likelihood of a cohort's survivors:
// survivors[t] customers active at the start of period t, t = 0 … T. The
// nₜ₋₁ − nₜ customers lost in period t contribute ln P(T = t), the n_T still
// active ln S(T) (they are right-censored). Parameters that are not
// positive and finite, or survivors that are negative, not finite or
// increasing, give NaN.
func (m SBG) LogLikelihood(survivors []float64) float64 {
	if !positive(m.Alpha, m.Beta) || checkSurvivors(survivors) != nil {
		return math.NaN()
	}
	if len(survivors) < 2 {
		return 0
	}
	// In logs, from S(t) = S(t−1)·(β+t−1)/(α+β+t−1) and
	// P(T = t) = S(t−1)·α/(α+β+t−1), so that neither is formed as a
	// difference (1 − ΣP lost every digit for α ≫ β).
	var ll, lnS float64
	la := math.Log(m.Alpha)
	for t := 1; t < len(survivors); t++ {
		ft := float64(t)
		lden := math.Log(m.Alpha + m.Beta + ft - 1)
		if lost := survivors[t-1] - survivors[t]; lost > 0 {
			ll += lost * (lnS + la - lden)
		}
		lnS -= math.Log1p(m.Alpha / (m.Beta + ft - 1))
	}
	if n := survivors[len(survivors)-1]; n > 0 {
		ll += n * lnS
	}
	return ll
}

// FitSBG fits α and β by maximum likelihood to one cohort's survivors
// (survivors[t] active at the start of period t; survivors[0] is the cohort
// size). The likelihood is maximised over ln α and ln β with gonum's BFGS
// and an analytic gradient (digamma functions); the fit starts from
// α = β = 1.
//
// Errors wrap [ErrInvalidData] (fewer than two periods, negative, rising or
// non-finite counts, an empty cohort), [ErrInvalidRate] (a negative penalty)
// or [ErrNoConvergence]: the optimiser stopped without converging, a
// parameter ran beyond e^±12, or the data have no interior maximum (nobody
// churned, or everybody in the first period; a penalty makes such fits
// finite). No fit is returned with an error.
func FitSBG(survivors []float64, opt *FitOptions) (_ SBG, err error) {
	defer wrapErr(&err)
	o := opt.get()
	if len(survivors) < 2 {
		return SBG{}, fmt.Errorf("sbg: %d periods of survivors, need 2: %w", len(survivors), ErrInvalidData)
	}
	if err := checkSurvivors(survivors); err != nil {
		return SBG{}, err
	}
	if survivors[0] == 0 {
		return SBG{}, fmt.Errorf("sbg: empty cohort: %w", ErrInvalidData)
	}
	if math.IsNaN(o.Penalty) || math.IsInf(o.Penalty, 0) || o.Penalty < 0 {
		return SBG{}, fmt.Errorf("sbg: penalty %v: %w", o.Penalty, ErrInvalidRate)
	}
	last := survivors[len(survivors)-1]
	if o.Penalty == 0 && (last == survivors[0] || survivors[1] == 0) {
		// Nobody churned (θ → 0), or everybody churned at once (θ → 1): the
		// likelihood has no maximum inside the parameter space.
		return SBG{}, fmt.Errorf("sbg: no interior maximum (nobody or everybody churned); add a penalty: %w", ErrNoConvergence)
	}
	scale := survivors[0]
	problem := optimize.Problem{
		Func: func(x []float64) float64 {
			m := SBG{math.Exp(x[0]), math.Exp(x[1])}
			return -m.LogLikelihood(survivors)/scale + o.Penalty*(x[0]*x[0]+x[1]*x[1])
		},
		Grad: func(grad, x []float64) {
			a, b := math.Exp(x[0]), math.Exp(x[1])
			ga, gb := sbgGradient(a, b, survivors)
			grad[0] = -ga*a/scale + 2*o.Penalty*x[0]
			grad[1] = -gb*b/scale + 2*o.Penalty*x[1]
		},
	}
	x0, err := o.start("sbg", 2)
	if err != nil {
		return SBG{}, err
	}
	res, err := optimize.Minimize(problem, x0, o.settings(), &optimize.BFGS{})
	if err != nil || res == nil || res.Status.Early() || res.Status == optimize.NotTerminated {
		status := "no result"
		if res != nil {
			status = res.Status.String()
		}
		return SBG{}, fmt.Errorf("sbg: optimiser stopped (%s, %v): %w", status, err, ErrNoConvergence)
	}
	m := SBG{math.Exp(res.X[0]), math.Exp(res.X[1])}
	if math.Abs(res.X[0]) > o.MaxLogParameter || math.Abs(res.X[1]) > o.MaxLogParameter || math.IsNaN(res.X[0]) || math.IsNaN(res.X[1]) {
		return SBG{}, fmt.Errorf("sbg: parameters ran to the edge (α %v, β %v): %w", m.Alpha, m.Beta, ErrNoConvergence)
	}
	return m, nil
}

// sbgGradient returns ∂LL/∂α and ∂LL/∂β, from
// ln P(T=t) = ln B(α+1, β+t−1) − ln B(α, β) and
// ln S(T) = ln B(α, β+T) − ln B(α, β), with ∂ ln B(a, b)/∂a = ψ(a) − ψ(a+b).
func sbgGradient(a, b float64, survivors []float64) (ga, gb float64) {
	dg := mathext.Digamma
	base := dg(a+b) - dg(a)  // −∂ln B(α,β)/∂α
	baseB := dg(a+b) - dg(b) // −∂ln B(α,β)/∂β
	T := len(survivors) - 1
	for t := 1; t <= T; t++ {
		lost := survivors[t-1] - survivors[t]
		if lost <= 0 {
			continue
		}
		bt := b + float64(t) - 1
		s := dg(a + 1 + bt) // ψ(α+1+β+t−1)
		ga += lost * (dg(a+1) - s + base)
		gb += lost * (dg(bt) - s + baseB)
	}
	if n := survivors[T]; n > 0 {
		bt := b + float64(T)
		s := dg(a + bt)
		ga += n * (dg(a) - s + base)
		gb += n * (dg(bt) - s + baseB)
	}
	return ga, gb
}

// SimulateSBG returns m.Simulate(n, periods, src).
//
// Deprecated: use [SBG.Simulate], the simulators' one signature shape.
func SimulateSBG(m SBG, n, periods int, src rand.Source) []float64 {
	return m.Simulate(n, periods, src)
}

// Simulate returns the survivors of a simulated cohort of n customers over
// periods periods (entries 0 … periods): each customer draws θ from
// Beta(α, β) and then churns at the end of each period with probability θ.
// Randomness comes only from src, so a seeded source gives the same cohort
// every time. It returns nil for parameters that are not positive and
// finite, n < 0, or periods outside 0 … [MaxProjectPeriods].
func (m SBG) Simulate(n, periods int, src rand.Source) []float64 {
	if !positive(m.Alpha, m.Beta) || n < 0 || periods < 0 || periods > MaxProjectPeriods {
		return nil
	}
	r := rand.New(src)
	beta := distuv.Beta{Alpha: m.Alpha, Beta: m.Beta, Src: src}
	out := make([]float64, periods+1)
	for range n {
		theta := beta.Rand()
		// Lifetime T ~ Geometric(θ) on 1, 2, …: the customer is active at
		// the start of periods 0 … T−1.
		life := periods + 1
		switch {
		case theta >= 1:
			life = 1
		case theta > 0:
			if t := math.Ceil(math.Log(1-r.Float64()) / math.Log1p(-theta)); t < float64(life) {
				life = int(max(t, 1))
			}
		}
		for t := 0; t < life && t <= periods; t++ {
			out[t]++
		}
	}
	return out
}

// StandardErrors returns the asymptotic standard errors of (Alpha, Beta)
// at m from the inverse Hessian of the cohort's log-likelihood (central
// differences with relative steps, as the purchase models'). Errors wrap
// [ErrInvalidData] (parameters that are not positive and finite, survivors
// [FitSBG] would refuse) or [ErrNoConvergence] (a Hessian that is not
// positive definite: m is not a maximum).
func (m SBG) StandardErrors(survivors []float64) (_ []float64, err error) {
	defer wrapErr(&err)
	if !positive(m.Alpha, m.Beta) {
		return nil, fmt.Errorf("sbg: parameters %+v must be positive and finite: %w", m, ErrInvalidData)
	}
	if len(survivors) < 2 || !(survivors[0] > 0) {
		return nil, fmt.Errorf("sbg: %d periods of survivors: %w", len(survivors), ErrInvalidData)
	}
	for t, n := range survivors {
		if math.IsNaN(n) || math.IsInf(n, 0) || n < 0 || (t > 0 && n > survivors[t-1]) {
			return nil, fmt.Errorf("sbg: survivors[%d] = %v: %w", t, n, ErrInvalidData)
		}
	}
	return standardErrors("sbg", []float64{m.Alpha, m.Beta}, func(th []float64) float64 {
		return SBG{th[0], th[1]}.LogLikelihood(survivors)
	})
}

// checkSurvivors returns an error wrapping [ErrInvalidData] unless the
// survivor counts are finite, non-negative and non-increasing.
func checkSurvivors(survivors []float64) error {
	for t, n := range survivors {
		if math.IsNaN(n) || math.IsInf(n, 0) || n < 0 || (t > 0 && n > survivors[t-1]) {
			return fmt.Errorf("sbg: survivors[%d] = %v: %w", t, n, ErrInvalidData)
		}
	}
	return nil
}
