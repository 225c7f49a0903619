package clp

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/stat/distuv"
)

// ParetoNBD is the Pareto/NBD model of Schmittlein, Morrison & Colombo
// (1987), "Counting your customers: who are they and what will they do
// next?", Management Science 33(1): while active a customer buys at Poisson
// rate λ ~ Gamma(R, Alpha) and stays active for an exponential lifetime of
// rate μ ~ Gamma(S, Beta). The likelihood follows Fader & Hardie (2005), "A
// note on deriving the Pareto/NBD model and related expressions". Time is
// in the unit of the summaries.
type ParetoNBD struct{ R, Alpha, S, Beta float64 }

// pnbdA0With returns A₀ of Fader & Hardie's note, with α ≥ β:
// A₀ = ₂F₁(r+s+x, s+1; r+s+x+1; (α−β)/(α+tₓ))/(α+tₓ)^(r+s+x)
//
//	− ₂F₁(r+s+x, s+1; r+s+x+1; (α−β)/(α+T))/(α+T)^(r+s+x),
//
// and the mirror image (β, r+x) when α < β, with h for
// ₂F₁(r+s+x, b; r+s+x+1; ·). It gives A₀ as e^p1·q, the first part in logs
// and the difference as the factor q = 1 − e^(p2−p1), given lnT =
// ln(max(α, β) + T), which the likelihood's other term has computed; ok is
// false outside the region where the closed form is accurate.
func (m ParetoNBD) pnbdA0With(c Customer, lnT float64, h hypergeometric) (p1, q float64, ok bool) {
	rsx := m.R + m.S + c.X
	big, small, b := m.Alpha, m.Beta, m.S+1
	if m.Alpha < m.Beta {
		big, small, b = m.Beta, m.Alpha, m.R+c.X
	}
	d := big - small
	if rsx >= 200 || b >= 200 || d/(big+c.Tx) >= 0.95 {
		return 0, 0, false
	}
	p1 = fastLog(h.hyp2f1(rsx, b, rsx+1, d/(big+c.Tx))) - rsx*fastLog(big+c.Tx)
	p2 := fastLog(h.hyp2f1(rsx, b, rsx+1, d/(big+c.T))) - rsx*lnT
	// The region where gonum's ₂F₁ and the difference keep their digits,
	// fixed by comparing with the integral on 50,000 random points over
	// parameters 1e-3 … 1e3, ages 1e-3 … 1e5 and up to 1,000 purchases:
	// there the two agree to 1e-11; outside it the closed form gave ±Inf
	// or lost up to all its digits.
	if math.IsInf(p1, 0) || math.IsNaN(p1-p2) || !(p1-p2 > 1e-4*math.Max(1, math.Abs(p1))) {
		return 0, 0, false
	}
	return p1, -math.Expm1(p2 - p1), true
}

// pnbdLogTermWith returns ln of the likelihood's second term,
// s/(r+s+x)·A₀, with h for A₀'s ₂F₁: the closed form where it is accurate,
// else its integral [ParetoNBD.pnbdLogTermQuad]; −Inf when tₓ = T; NaN
// when neither route gives a value. lnT is ln(max(α, β) + T).
func (m ParetoNBD) pnbdLogTermWith(c Customer, lnT float64, h hypergeometric) float64 {
	if !(c.T > c.Tx) {
		return math.Inf(-1)
	}
	if p1, q, ok := m.pnbdA0With(c, lnT, h); ok {
		return p1 + fastLog(m.S/(m.R+m.S+c.X)*q)
	}
	v, _ := m.pnbdLogTermQuad(c)
	return v
}

// pnbdTerms returns the two log terms of the likelihood, ln of
// 1/((α+T)^(r+x)(β+T)^s) and of s/(r+s+x)·A₀.
func (m ParetoNBD) pnbdTerms(c Customer) (ta, tb float64) {
	return m.pnbdTermsWith(c, gonumHyp{})
}

// pnbdTermsWith is [ParetoNBD.pnbdTerms] with h for A₀'s ₂F₁.
func (m ParetoNBD) pnbdTermsWith(c Customer, h hypergeometric) (ta, tb float64) {
	la, lb := fastLog(m.Alpha+c.T), fastLog(m.Beta+c.T)
	ta = -(m.R+c.X)*la - m.S*lb
	if m.Alpha < m.Beta {
		la = lb // ln(max(α, β) + T)
	}
	return ta, m.pnbdLogTermWith(c, la, h)
}

// newScorer returns predictValid for one goroutine of a batch at horizon
// t (checked by the caller): customers with the same x share the
// coefficients of A₀'s two series, kept for x below [scorerMaxX]. It
// gives what predictValid gives, bit for bit.
func (m ParetoNBD) newScorer(t float64) func(c Customer) (pAlive, expected float64) {
	var byX []*gaussTable
	return func(c Customer) (float64, float64) {
		if !(c.X < scorerMaxX) {
			return m.predictValid(t, c)
		}
		tab := sharedAt(&byX, int(c.X))
		if *tab == nil {
			rsx, b := m.R+m.S+c.X, m.S+1
			if m.Alpha < m.Beta {
				b = m.R + c.X
			}
			*tab = newGaussTable(rsx, b, rsx+1)
		}
		ta, tb := m.pnbdTermsWith(c, *tab)
		return predictValid(m, logistic(tb-ta), t, c)
	}
}

// ll returns a customer's log-likelihood: the common log factor
// ln Γ(r+x) − ln Γ(r) + r ln α + s ln β plus the log of the two terms' sum.
func (m ParetoNBD) ll(c Customer) float64 {
	ta, tb := m.pnbdTerms(c)
	return lgamma(m.R+c.X) - lgamma(m.R) + m.R*math.Log(m.Alpha) + m.S*math.Log(m.Beta) + logSumExp(ta, tb)
}

// FitParetoNBD fits the model by maximum likelihood; see [FitBGNBD]. The
// gradient is analytic where the likelihood takes its closed form (the
// derivatives of ₂F₁ summed with its series) and by central differences
// for the customers whose likelihood needs the integral.
func FitParetoNBD(cs []Customer, opt *FitOptions) (_ ParetoNBD, err error) {
	defer wrapErr(&err)
	o := opt.get()
	ws, n, err := compress(cs, o.Weights, func(i int, c Customer) error { return c.check(i) })
	if err != nil {
		return ParetoNBD{}, fmt.Errorf("pareto/nbd: %w", err)
	}
	if err := identified(ws); err != nil {
		return ParetoNBD{}, fmt.Errorf("pareto/nbd: %w", err)
	}
	maxX := maxRepeat(ws)
	th, err := mle("pareto/nbd", 4, n, o, true, func(th, grad []float64) float64 {
		return pnbdPass(th, ws, maxX, grad)
	})
	if err != nil {
		return ParetoNBD{}, err
	}
	return ParetoNBD{th[0], th[1], th[2], th[3]}, nil
}

// LogLikelihood returns the log-likelihood of the summaries, or NaN (invalid data has no likelihood) if one
// is invalid.
func (m ParetoNBD) LogLikelihood(cs []Customer) float64 {
	if !positive(m.R, m.Alpha, m.S, m.Beta) {
		return math.NaN()
	}
	var ll float64
	for i, c := range cs {
		if c.check(i) != nil {
			return math.NaN()
		}
		ll += m.ll(c)
	}
	return finiteLL(ll)
}

// ExpectedPurchases returns E[X(t)] for a new customer:
// rβ/(α(s−1))·[1 − (β/(β+t))^(s−1)], and (rβ/α)·ln(1 + t/β) when s = 1.
//
// Parameters that are not positive and finite, or a t that is NaN or
// infinite, give NaN; [Expected] is the checked form.
func (m ParetoNBD) ExpectedPurchases(t float64) float64 {
	if badArgs(t, m.R, m.Alpha, m.S, m.Beta) {
		return math.NaN()
	}
	if !(t > 0) {
		return 0
	}
	return m.R / m.Alpha * lomaxMean(m.S, m.Beta, t)
}

// lomaxMean returns ∫₀ᵗ (β/(β+u))^s du = β/(s−1)·[1 − (β/(β+t))^(s−1)], the
// expected active time in (0, t] of a lifetime with Lomax(s, β) survival.
func lomaxMean(s, beta, t float64) float64 {
	if math.Abs(s-1) < 1e-9 {
		return beta * math.Log1p(t/beta)
	}
	return beta / (s - 1) * -math.Expm1((s-1)*fastLog(beta/(beta+t)))
}

// PAlive returns the probability that a customer with summary c is alive at
// T: 1/(1 + s/(r+s+x)·(α+T)^(r+x)(β+T)^s·A₀), in logs.
//
// Precondition: positive finite parameters and c.Validate() == nil;
// otherwise PAlive returns NaN. [Score]
// is the checked form.
func (m ParetoNBD) PAlive(c Customer) float64 {
	if !positive(m.R, m.Alpha, m.S, m.Beta) || c.Validate() != nil {
		return math.NaN()
	}
	return m.pAlive(c)
}

// pAlive is [ParetoNBD.PAlive] for valid parameters and customer.
func (m ParetoNBD) pAlive(c Customer) float64 {
	ta, tb := m.pnbdTerms(c)
	return logistic(tb - ta)
}

// ConditionalExpectedPurchases returns the expected purchases in the next t
// of a customer with summary c:
// P(alive)·(r+x)(β+T)/((α+T)(s−1))·[1 − ((β+T)/(β+T+t))^(s−1)].
func (m ParetoNBD) ConditionalExpectedPurchases(t float64, c Customer) float64 {
	_, e := m.Predict(t, c)
	return e
}

// ProbPurchases returns P(X(t) = n) for a new customer. Given the lifetime
// τ, purchases in (0, t] are NBD over min(t, τ), and τ is Lomax(s, β), so
//
//	P(X(t)=n) = (β/(β+t))^s·NBD(n; t) + ∫₀ᵗ sβ^s/(β+u)^(s+1)·NBD(n; u) du.
//
// The integral is taken over v = ln(1 + u/β), where the lifetime density
// is s·e^(−sv), by adaptive Gauss–Kronrod quadrature with breakpoints at
// the NBD's scales (relative tolerance 1e-13): a fixed rule on (0, t)
// missed the density's mass near zero when t is long against β
// (P(X(1000) = 0) came out 0.103 instead of 0.5 for (1, 0.1, 1, 0.1)).
// A quadrature that does not converge gives NaN.
//
// Parameters that are not positive and finite, or a t that is NaN or
// infinite, give NaN; [PMF] is the checked form.
func (m ParetoNBD) ProbPurchases(n int, t float64) float64 {
	if badArgs(t, m.R, m.Alpha, m.S, m.Beta) {
		return math.NaN()
	}
	if n < 0 {
		return 0
	}
	if !(t > 0) {
		return b2f(n == 0)
	}
	nbd := func(u float64) float64 {
		if u == 0 {
			return b2f(n == 0)
		}
		return math.Exp(nbdLogPMF(n, m.R, m.Alpha, u))
	}
	vmax := math.Log1p(t / m.Beta)
	p := math.Exp(-m.S*vmax) * nbd(t)
	f := func(v float64) pair {
		u := m.Beta * math.Expm1(v)
		return pair{w: m.S * math.Exp(-m.S*v) * nbd(u)}
	}
	fn := float64(n)
	var breaks []float64
	for _, u := range []float64{m.Alpha, m.Alpha * fn / m.R, m.Alpha * fn / (m.R + fn), m.Alpha * (fn + 1) / m.R, m.Beta, 1e-6 * t, 1e-3 * t, 0.1 * t} {
		if v := math.Log1p(u / m.Beta); v > 0 && v < vmax {
			breaks = append(breaks, v)
		}
	}
	for _, k := range []float64{1, 10, 50} {
		if v := k / m.S; v < vmax {
			breaks = append(breaks, v)
		}
	}
	q, ok := integratePair(f, sortedBreaks(0, vmax, breaks))
	if !ok {
		return math.NaN()
	}
	return min(1, p+q.w)
}

// Simulate returns n customers drawn from the model over T time units, as
// [BGNBD.Simulate].
func (m ParetoNBD) Simulate(n int, T, step float64, src rand.Source) []Customer {
	cs, _ := m.simulate(n, T, step, src)
	return cs
}

func (m ParetoNBD) simulate(n int, T, step float64, src rand.Source) ([]Customer, bool) {
	capped := false
	r := rand.New(src)
	lam := distuv.Gamma{Alpha: m.R, Beta: m.Alpha, Src: src}
	mu := distuv.Gamma{Alpha: m.S, Beta: m.Beta, Src: src}
	out := make([]Customer, n)
	for i := range out {
		l := lam.Rand()
		end := math.Min(T, r.ExpFloat64()/mu.Rand())
		var x, tx, t float64
		for {
			t += r.ExpFloat64() / l
			if t > end {
				break
			}
			x++
			tx = t
			if x >= MaxSimulatedPurchases {
				capped = true
				break
			}
		}
		out[i] = observed(x, tx, T, step)
	}
	return out, capped
}

// Predict returns both [ParetoNBD.PAlive] and
// [ParetoNBD.ConditionalExpectedPurchases] of a customer, computing P(alive)
// once.
//
// Precondition: c.Validate() == nil and t ≥ 0 finite; otherwise the result
// is NaN. [Score] is the checked form.
func (m ParetoNBD) Predict(t float64, c Customer) (pAlive, expected float64) {
	return predictAlive(m, t, c)
}

// StandardErrors returns the asymptotic standard errors of (R, Alpha, S,
// Beta) at m from the inverse Hessian of the log-likelihood of cs; errors as
// [BGNBD.StandardErrors].
func (m ParetoNBD) StandardErrors(cs []Customer) (_ []float64, err error) {
	defer wrapErr(&err)
	return m.WeightedStandardErrors(cs, nil)
}

// WeightedStandardErrors is StandardErrors for customers with weights
// (counts of identical customers, one per customer; nil: one each), the
// standard errors of a weighted fit.
func (m ParetoNBD) WeightedStandardErrors(cs []Customer, weights []float64) (_ []float64, err error) {
	defer wrapErr(&err)
	ws, _, err := compress(cs, weights, func(i int, c Customer) error { return c.check(i) })
	if err != nil {
		return nil, fmt.Errorf("pareto/nbd: %w", err)
	}
	return standardErrors("pareto/nbd", []float64{m.R, m.Alpha, m.S, m.Beta}, func(th []float64) float64 {
		p := ParetoNBD{th[0], th[1], th[2], th[3]}
		return parallelSum(ws, 4, nil, func(w weighted, _ []float64) float64 { return w.w * p.ll(w.c) })
	})
}

// pnbdLogTermQuad returns ln of the likelihood's second term by its
// integral, ∫_{tₓ}^{T} s·(α+τ)^−(r+x)·(β+τ)^−(s+1) dτ (the customer dies at
// τ between the last purchase and T), taken over w = ln((β+τ)/(β+tₓ)),
// where it is s·(β+tₓ)^−s·∫₀^W e^(−sw)·(α+τ)^−(r+x) dw, by adaptive
// Gauss–Kronrod quadrature; the factor (α+tₓ)^−(r+x) is taken out so the
// integrand is at most one. ok is false when it does not converge.
func (m ParetoNBD) pnbdLogTermQuad(c Customer) (float64, bool) {
	if !(c.T > c.Tx) {
		return math.Inf(-1), true
	}
	rx, s := m.R+c.X, m.S
	b0, a0 := m.Beta+c.Tx, m.Alpha+c.Tx
	W := math.Log1p((c.T - c.Tx) / b0)
	f := func(w float64) pair {
		tau := b0 * math.Expm1(w) // τ − tₓ
		return pair{w: math.Exp(-s*w - rx*math.Log1p(tau/a0))}
	}
	var breaks []float64
	for _, k := range []float64{0.1, 1, 10, 100} {
		if v := k / (s + rx); v < W {
			breaks = append(breaks, v)
		}
	}
	if v := math.Log1p(a0 / b0); v < W {
		breaks = append(breaks, v)
	}
	q, ok := integratePair(f, sortedBreaks(0, W, breaks))
	if !ok || !(q.w > 0) {
		return math.NaN(), false
	}
	return math.Log(s) - s*math.Log(b0) - rx*math.Log(a0) + math.Log(q.w), true
}
